/// How one check ended.
public enum CheckOutcome: String, Sendable, Codable {
  case passed, failed, skipped, cached
  case timedOut = "timed out"
  case interrupted
}

/// The result of one check in a run.
public struct CheckResult: Sendable {
  public let name: String
  public let outcome: CheckOutcome
  public let durationMs: Int
  public let exitCode: Int32?
  /// Why a check was skipped or could not start, in words.
  public let note: String?
  /// The full output of a check that ran.
  public let logPath: String?

  public init(name: String, outcome: CheckOutcome, durationMs: Int = 0, exitCode: Int32? = nil, note: String? = nil, logPath: String? = nil) {
    self.name = name
    self.outcome = outcome
    self.durationMs = durationMs
    self.exitCode = exitCode
    self.note = note
    self.logPath = logPath
  }

  /// Whether this result lets the commit or push through.
  public var isSuccess: Bool { [.passed, .skipped, .cached].contains(outcome) }
}

/// Everything a run of checks produced.
public struct CheckReport: Sendable {
  public let results: [CheckResult]
  public let durationMs: Int
  /// What went wrong beside the checks themselves (recording them in the ledger), for stderr.
  public var warnings: [String]

  public init(results: [CheckResult], durationMs: Int, warnings: [String] = []) {
    self.results = results
    self.durationMs = durationMs
    self.warnings = warnings
  }

  public var passed: Bool { results.allSatisfy(\.isSuccess) }
  public var wasInterrupted: Bool { results.contains { $0.outcome == .interrupted } }
}
