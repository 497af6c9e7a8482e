import TillitGit

/// The change reviewers are suggested for: a commit, a range, or what is staged.
public struct ChangeUnderReview: Sendable {
  /// What the change is, for display: a commit id, a range, or "staged".
  public var label: String
  public var commit: ObjectID?
  /// The author's key (canonical email), nil when unknown or a bot.
  public var author: String?
  public var authorName: String?
  /// Seconds since 1970.
  public var time: Int64
  /// The paths changed (after the change), deletions left out.
  public var paths: [RepoPath]

  public init(label: String, commit: ObjectID?, author: String?, authorName: String?, time: Int64, paths: [RepoPath]) {
    self.label = label
    self.commit = commit
    self.author = author
    self.authorName = authorName
    self.time = time
    self.paths = paths
  }
}
