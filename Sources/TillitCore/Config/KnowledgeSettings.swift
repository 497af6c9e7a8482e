/// What `.tillit.yml` says about people, ignored paths and reviewer suggestions: everything the
/// knowledge model and the recommender read from the configuration.
public struct KnowledgeSettings: Hashable, Sendable {
  /// Canonical email → the other emails the same person has used.
  public var aliases: [String: [String]] = [:]
  /// Patterns (`*` matches anything) compared with a person's email and name; matches are bots.
  public var bots: [String] = KnowledgeSettings.defaultBots
  /// Emails of people who have left: never suggested.
  public var left: [String] = []
  /// Paths that never count as knowledge, on top of `linguist-vendored` / `linguist-generated`.
  public var ignore: [Glob] = []
  /// Commits touching more files than this give no authorship (mass renames, reformatting).
  public var maxFilesPerCommit = 100
  /// Commit trailers that name a reviewer.
  public var trailers: [String] = ["Reviewed-by"]
  /// People with no commit or review for this long before a change are not suggested.
  public var inactiveAfter: Double = 90 * 86_400
  /// How many reviewers to suggest.
  public var count = 2
  public var mode: RecommendationMode = .auto
  /// When a suggestion is recorded as `review.requested` (`request-on`): on push (by default),
  /// after each commit, or never.
  public var requestOn: RequestMoment = .push
  /// A change whose every version is on no ref is left out of the inbox once the ledger has
  /// said nothing about it for this long (`abandon-after`).
  public var abandonAfter: Double = 14 * 86_400
  /// Working days (Monday to Friday) a request may wait for feedback before the suggestion for
  /// the change passes it on to the next best person.
  public var escalateAfter = 3

  public static let defaultBots = ["*[bot]*", "*-bot@*", "bot@*", "noreply@*", "*-bot", "dependabot*", "renovate*"]

  public init() {}

  /// The reviewer trailer keys, lowercased, as trailers are compared.
  var trailerKeys: Set<String> { Set(trailers.map { $0.lowercased() }) }
}

/// How reviewers are picked.
public enum RecommendationMode: String, CaseIterable, Sendable {
  /// The people who know the change best.
  case expert
  /// Favour people with related knowledge who would learn the most, so knowledge spreads.
  case spread
  /// Experts, and where the change touches files at risk, an expert paired with a learner.
  case auto
}

/// When the hooks record a suggestion as a request (`reviewers.request-on`).
public enum RequestMoment: String, CaseIterable, Sendable {
  /// The pre-push hook, once per change pushed.
  case push
  /// The post-commit hook, after each new commit (not after an amend or a rebase of a change
  /// already asked for).
  case commit
  case never
}
