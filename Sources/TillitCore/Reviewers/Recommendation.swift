import TillitGit

/// Suggested reviewers for one change, each with the reasons in words.
public struct Recommendation: Sendable {
  public enum Role: String, Sendable {
    /// Owns some of the changed paths by a claim (`tillit own`, CODEOWNERS imported).
    case owner
    case expert, learner
  }

  public struct Pick: Sendable {
    public let email: String
    public let name: String
    public let role: Role
    public let score: Double
    public internal(set) var reasons: [String]
    /// The score's parts, for `--explain`.
    public let parts: [(name: String, value: Double)]
    /// Seconds since 1970 of their last commit or review.
    public let lastActive: Int64
  }

  public let change: ChangeUnderReview
  public let mode: RecommendationMode
  public internal(set) var reviewers: [Pick]
  /// Changed files that at most one active person knows.
  public let filesAtRisk: [RepoPath]
  /// People who would have been picked but were left out (away, or asked already without an
  /// answer for too long), with the reason.
  public internal(set) var skipped: [(email: String, reason: String)] = []
}
