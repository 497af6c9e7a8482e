import TillitGit

/// How reviews went over a window: how many commits had one, who gave them, how evenly, how
/// fast, and what is still waiting.
public struct ReviewHealth: Sendable {
  /// One non-merge commit of the window, with the people who reviewed it.
  public struct ReviewedCommit: Sendable {
    public let id: ObjectID
    public let time: Int64
    public var reviewers: Set<String>
  }

  public let commits: Int
  public let reviewed: Int
  public var coverage: Double { commits == 0 ? 0 : Double(reviewed) / Double(commits) }
  /// Reviews given per person (their key) in the window.
  public let perPerson: [String: Int]
  public var gini: Double { Gini.of(Array(perPerson.values)) }
  /// Median hours from a request to the reviewer's first feedback, over answered requests.
  public let medianTurnaroundHours: Double?
  /// Requests not yet answered, per person.
  public let openPerPerson: [String: Int]

  public init(commits: [ReviewedCommit], ledger: LedgerReviews, since: Int64) {
    self.commits = commits.count
    reviewed = commits.filter { !$0.reviewers.isEmpty }.count
    var counts: [String: Int] = [:]
    for commit in commits { for reviewer in commit.reviewers { counts[reviewer, default: 0] += 1 } }
    perPerson = counts
    let turnarounds = ledger.requests.filter { $0.time >= since }.compactMap { request in
      request.answered.map { Double(max(0, $0 - request.time)) / 3600 }
    }.sorted()
    medianTurnaroundHours = turnarounds.isEmpty ? nil : Median.of(turnarounds)
    openPerPerson = ledger.openLoad
  }
}

public enum Median {
  /// The median of sorted values.
  public static func of(_ sorted: [Double]) -> Double {
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
