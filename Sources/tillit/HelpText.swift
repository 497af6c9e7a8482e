import TillitCore

/// What `tillit --help` and the man page say about the environment and exit codes: one list
/// each, so the two cannot disagree.
enum HelpText {
  static let environment: [(name: String, meaning: String)] = [
    ("TILLIT=0", "skip the checks (a hook Tillit replaced still runs)"),
    ("TILLIT_SKIP=a,b", "skip the named checks"),
    ("TILLIT_TRUST_CONFIG=1", "run .tillit.yml unapproved (CI): --trust-config"),
    ("NO_COLOR=1", "no colour, even on a terminal (any value but empty)"),
    ("TILLIT_TIMINGS=1", "each phase of a hook or check run, timed, on stderr"),
    ("TILLIT_DEBUG=1", "libgit2's own call names in error messages"),
    ("GIT_DIR, GIT_INDEX_FILE", "and git's others: read as git sets them"),
    (ChainedHook.runningVariable, "set while a hook Tillit replaced runs"),
    ("TILLIT_NOW", "for tests only: the time taken as now (2026-03-02T09:00:00Z)"),
  ]

  static let exitCodes: [(code: Int, meaning: String)] = [
    (0, "passed; done"),
    (1, "a check failed, timed out or is not approved; or not done"),
    (2, "bad usage, configuration or input"),
    (3, "the environment failed: a read-only or full disk, a file in the way"),
    (130, "stopped with Ctrl-C"),
  ]

  /// Two columns, the first padded to the longest entry.
  static func table(_ rows: [(String, String)]) -> String {
    let width = rows.map(\.0.count).max() ?? 0
    return rows.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 }.joined(separator: "\n")
  }

  static var rootDiscussion: String {
    """
    Start with tillit init and tillit install in a repository; the checks then run on every commit and push. \
    tillit help config lists every key of .tillit.yml.

    Environment:
    \(table(environment))

    Exit codes:
    \(table(exitCodes.map { (String($0.code), $0.meaning) }))

    Example: tillit reviewers HEAD
    """
  }
}
