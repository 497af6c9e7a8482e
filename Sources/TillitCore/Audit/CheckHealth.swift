import TillitGit

/// What the ledger's `check.ran` events say about each check: how often it ran, how often it
/// passed, how long it took, and whether it is flaky (one input, both outcomes).
public struct CheckHealth: Sendable {
  public struct Check: Sendable {
    public let name: String
    public let runs: Int
    public let passRate: Double
    public let medianDurationMs: Double
    /// Inputs (hashes of the checked files) seen both passing and failing.
    public let flakyInputs: Int
    public var isFlaky: Bool { flakyInputs > 0 }
  }

  public let checks: [Check]
  /// The longest run a duration read from the ledger is taken to have lasted: a year.
  static let longestDurationMs = 365.0 * 24 * 3600 * 1000

  /// Runs at or after `since` (seconds since 1970); cached and skipped results are not runs.
  public init(repository: Repository, since: Int64) throws {
    let reading = try LedgerStore(repository: repository).read(.checks)
    var runs: [String: [(input: String, passed: Bool, duration: Double)]] = [:]
    for event in reading.events where event.kind == "check.ran" {
      guard let name = event.subject["check"]?.stringValue, let input = event.subject["inputHash"]?.stringValue,
            let outcome = event.data["outcome"]?.stringValue, outcome == "passed" || outcome == "failed",
            let time = Timestamp.seconds(ofInstant: event.at), time >= since else { continue }
      // Clamped: any event may say anything, and a duration is turned into a whole number to be shown.
      let duration = min(max(event.data["durationMs"]?.numberValue ?? 0, 0), Self.longestDurationMs)
      runs[name, default: []].append((input, outcome == "passed", duration))
    }
    checks = runs.sorted { $0.key < $1.key }.map { name, all in
      var outcomes: [String: Set<Bool>] = [:]
      for run in all { outcomes[run.input, default: []].insert(run.passed) }
      return Check(name: name, runs: all.count, passRate: Double(all.filter(\.passed).count) / Double(all.count),
                   medianDurationMs: Median.of(all.map(\.duration).sorted()), flakyInputs: outcomes.values.filter { $0.count == 2 }.count)
    }
  }
}
