import TillitGit

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
  public var isSuccess: Bool { [.passed, .skipped, .cached, .fixed].contains(outcome) }

  /// The `.tillit.yml` the check comes from, for a check of a nested one (named `web/lint`):
  /// `web/.tillit.yml`; nil for the top file's.
  public var configFile: String? { Self.configFile(ofCheck: name) }

  /// The check as the report names it: `web/.tillit.yml: lint` for a nested file's, else its name.
  public var shownName: String { Self.shownName(ofCheck: name) }

  public static func configFile(ofCheck name: String) -> String? {
    name.lastIndex(of: "/").map { name[..<$0] + "/" + ProjectConfig.fileName }
  }

  public static func shownName(ofCheck name: String) -> String {
    guard let slash = name.lastIndex(of: "/"), let file = configFile(ofCheck: name) else { return name }
    return file + ": " + name[name.index(after: slash)...]
  }

  /// The log of a check under `logs/`: its name with `/` (a nested file's check) and `%` written
  /// as `%2F` and `%25`, so every check has its own file in the one folder.
  static func logFileName(of name: String) -> String {
    var file = ""
    for character in name {
      switch character {
      case "%": file += "%25"
      case "/": file += "%2F"
      default: file.append(character)
      }
    }
    return file + ".log"
  }
}

/// Everything a run of checks produced.
public struct CheckReport: Sendable {
  public let results: [CheckResult]
  public let durationMs: Int
  /// What fixers changed, when they changed anything.
  public var fixes: FixSummary?
  /// Tracked files checks without `fix: true` rewrote in the snapshot: their verdict may be on
  /// content other than what is checked (a linter that fixed what it found), so the run fails.
  public var rewritten: [RepoPath]

  public init(results: [CheckResult], durationMs: Int, fixes: FixSummary? = nil, rewritten: [RepoPath] = []) {
    self.results = results
    self.durationMs = durationMs
    self.fixes = fixes
    self.rewritten = rewritten
  }

  public var passed: Bool { results.allSatisfy(\.isSuccess) && !(fixes?.stopsTheCommit ?? false) && rewritten.isEmpty }
  public var wasInterrupted: Bool { results.contains { $0.outcome == .interrupted } }
}

/// What fixers changed in one run, and what was done with it.
public struct FixSummary: Sendable {
  /// Files fixed in the index and the work tree.
  public var applied: [RepoPath]
  /// Files fixed in the index only: their unstaged edits would not merge with the fix.
  public var keptUnstaged: [RepoPath]
  /// The patch of everything fixed, saved under `.git/tillit/fixes/`.
  public var patch: String?
  /// `on-fix: stop`: the commit stops so the fixes can be looked at.
  public var stopsTheCommit: Bool
  /// A push cannot be fixed: the fixers' changes are reported, not applied.
  public var applies: Bool
  /// `git commit <paths>` gave the hook a temporary index: the fix is in the commit and the work
  /// tree, but git's own index keeps what it had for those files until they are added again.
  public var temporaryIndex = false
}
