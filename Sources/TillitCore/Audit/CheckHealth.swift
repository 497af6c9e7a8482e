import TillitGit
import TillitSystem

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

  /// Runs at or after `since` (seconds since 1970); cached and skipped results are not runs.
  public init(repository: Repository, since: Int64) throws {
    let events = try LedgerStore(repository: repository).read(.checks)
    var runs: [String: [(input: String, passed: Bool, duration: Double)]] = [:]
    for event in events {
      guard case .checkRan(let run) = event.payload, run.outcome == .passed || run.outcome == .failed,
        let time = Timestamp.seconds(ofInstant: event.at), time >= since
      else { continue }
      runs[run.check, default: []].append((run.inputHash, run.outcome == .passed, Double(run.durationMs)))
    }
    checks = runs.sorted { $0.key < $1.key }.map { name, all in
      var outcomes: [String: Set<Bool>] = [:]
      for run in all { outcomes[run.input, default: []].insert(run.passed) }
      return Check(
        name: name, runs: all.count, passRate: Double(all.filter(\.passed).count) / Double(all.count),
        medianDurationMs: Median.of(all.map(\.duration).sorted()), flakyInputs: outcomes.values.filter { $0.count == 2 }.count)
    }
  }
}
