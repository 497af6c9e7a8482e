import Foundation
import Testing
import TillitTestSupport

/// Other people's text (names, emails, trailers, file names, ledger fields, committed commands)
/// reaches the terminal with its control characters shown, never acted on.
@Suite struct TerminalEscapeTests {
  /// Sets the window title and rings the bell.
  static let title = "\u{1B}]0;pwned\u{07}"
  /// Clears the screen.
  static let clear = "\u{1B}[2J"
  /// How the two read once escaped.
  static let shownTitle = "\\e]0;pwned\\x07"
  static let shownClear = "\\e[2J"
  /// Emails are compared in lower case, and shown so.
  static let shownClearLower = "\\e[2j"

  /// Every control character in `text` apart from the line ends, as code points.
  static func controls(_ text: String) -> [UInt32] {
    text.unicodeScalars.map(\.value).filter { ($0 < 0x20 && $0 != 0x0A) || (0x7F...0x9F).contains($0) }
  }

  static func expectClean(_ result: CommandResult, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
      controls(result.stdout).isEmpty, "\(what): raw control characters on stdout: \(controls(result.stdout)) in \(result.stdout.debugDescription)",
      sourceLocation: sourceLocation)
    #expect(
      controls(result.stderr).isEmpty, "\(what): raw control characters on stderr: \(controls(result.stderr)) in \(result.stderr.debugDescription)",
      sourceLocation: sourceLocation)
  }

  /// A history written by a hostile author, with a hostile trailer, file name and ledger events,
  /// some recorded through tillit and one fetched from a remote as crafted bytes.
  func hostileRepository() throws -> History {
    let history = try History()
    let repo = history.repo
    let evil = "evil\(Self.clear).txt"
    try history.commit(
      "Eve \(Self.title) Q", "eve\(Self.clear)@example.com", [evil: "1\n", "src/a.c": "1\n"],
      date: "2025-12-20", reviewers: ["Mal \(Self.title) <mal\(Self.clear)@example.com>"])
    try history.commit("Ada Tester", "ada@example.com", [evil: "2\n", "src/a.c": "2\n"], date: "2025-12-28")
    #expect(try repo.tillit(["ledger", "import-trailers"]).status == 0)
    try repo.git(["config", "user.email", "ada\(Self.clear)@example.com"])
    let review = try repo.tillit(["review", "HEAD", "--comment", "-m", "look \(Self.title)", "--file", evil, "--line", "1"])
    #expect(review.status == 0, "\(review.output)")
    let request = try repo.tillit(["request", "HEAD", "--to", "bob\(Self.clear)@example.com", "--new-person", "-m", "please \(Self.title)"])
    #expect(request.status == 0, "\(request.output)")
    #expect(try repo.tillit(["own", "docs\(Self.clear)/**", "--by", "cy\(Self.title)", "--new-person", "-m", "note \(Self.clear)"]).status == 0)

    // A fetched stream with events whose fields hold escapes — one of a kind this Tillit does
    // not know (shown by kind), one whose verdict holds one (refused: a verdict is one of three
    // words) — under an entry whose name holds one (so that the warning naming it does too).
    let head = try repo.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let crafted = [
      #"{"at":"2026-01-01T00:00:00Z","by":"zed\u001b[2J@example.com","data":{"message":"far \u001b]0;pwned\u0007","verdict":"approve"},"kind":"review.feedback","lamport":7,"nonce":"n1","subject":{"commit":"\#(head)","path":"x\u001b[2J.c","line":3},"v":1,"writer":"w2"}"#,
      #"{"at":"2026-01-01T00:00:00Z","by":"zed@example.com","data":{"message":"m"},"kind":"review.feedback\u001b[2J","lamport":8,"nonce":"n2","subject":{},"v":1,"writer":"w2"}"#,
      #"{"at":"2026-01-01T00:00:00Z","by":"zed@example.com","data":{"message":"m","verdict":"approve\u001b]0;pwned\u0007"},"kind":"review.feedback","lamport":9,"nonce":"n3","subject":{"commit":"\#(head)"},"v":1,"writer":"w2"}"#,
    ]
    var blobs: [String] = []
    for (index, event) in crafted.enumerated() {
      let blobPath = repo.root + "/blob\(index)"
      try Data(event.utf8).write(to: URL(fileURLWithPath: blobPath))
      blobs.append(try repo.git(["hash-object", "-w", blobPath]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    func tree(_ lines: [String]) throws -> String {
      try repo.git(["mktree"], input: lines.joined(separator: "\n") + "\n").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    var buckets: [String: [String]] = [:]
    for blob in blobs { buckets[String(blob.prefix(2)), default: []].append("100644 blob \(blob)\t\(blob).json") }
    var eventLines = ["100644 blob \(blobs[0])\tnot-a-bucket\(Self.clear)"]
    for (name, lines) in buckets { eventLines.append("040000 tree \(try tree(lines))\t\(name)") }
    let events = try tree(eventLines)
    let root = try tree(["040000 tree \(events)\tevents"])
    let commit = try repo.git(["commit-tree", root, "-m", "hostile"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    try repo.git(["update-ref", "refs/tillit/remotes/origin/v1/reviews", commit])
    return history
  }

  @Test func ledgerFieldsNamesAndPathsAreShownEscaped() throws {
    let history = try hostileRepository()
    let repo = history.repo
    let environment = ["NO_COLOR": "1"]

    let log = try repo.tillit(["ledger", "log"], environment: environment)
    #expect(log.status == 0, "\(log.output)")
    Self.expectClean(log, "ledger log")
    for shown in [
      "look \(Self.shownTitle)", "please \(Self.shownTitle)", "far \(Self.shownTitle)",
      "review.feedback\(Self.shownClear)", "zed\(Self.shownClear)@example.com", "ada\(Self.shownClear)@example.com",
      "mal\(Self.shownClear)@example.com", "x\(Self.shownClear).c:3", "evil\(Self.shownClear).txt:1",
    ] {
      #expect(log.stdout.contains(shown), "ledger log lacks \(shown): \(log.stdout)")
    }
    #expect(log.stderr.contains("not-a-bucket\(Self.shownClear)"), "\(log.stderr)")
    #expect(log.stderr.contains(".json: skipped: the review.feedback event has a 'data.verdict' that is not one of"), "\(log.stderr)")

    let show = try repo.tillit(["show", "HEAD"], environment: environment)
    Self.expectClean(show, "show")
    #expect(show.stdout.contains("look \(Self.shownTitle)"), "\(show.output)")
    #expect(show.stdout.contains("far \(Self.shownTitle)"), "\(show.output)")

    let inbox = try repo.tillit(["inbox", "--for", "bob\(Self.clear)@example.com"], environment: environment)
    Self.expectClean(inbox, "inbox")
    #expect(inbox.stdout.contains("please \(Self.shownTitle)"), "\(inbox.output)")
    let empty = try repo.tillit(["inbox"], environment: environment)
    Self.expectClean(empty, "empty inbox")
    #expect(empty.stdout.contains("no reviews waiting for ada\(Self.shownClear)@example.com"), "\(empty.output)")

    let owned = try repo.tillit(["own"], environment: environment)
    Self.expectClean(owned, "own")
    #expect(owned.stdout.contains("docs\(Self.shownClear)/**"), "\(owned.output)")
    #expect(owned.stdout.contains("cy\(Self.shownTitle)"), "\(owned.output)")

    let verify = try repo.tillit(["ledger", "verify"], environment: environment)
    Self.expectClean(verify, "ledger verify")

    // The JSON stays exact: the escapes are JSON's own, not the terminal's.
    let json = try repo.tillit(["ledger", "log", "--format", "json"], environment: environment)
    #expect(json.stdout.contains(#""message": "look \u001b]0;pwned\u0007""#), "\(json.stdout)")
    #expect(!json.stdout.contains("\\\\e"))
  }

  @Test func authorsTrailersAndFileNamesAreShownEscaped() throws {
    let history = try hostileRepository()
    let repo = history.repo
    let environment = ["NO_COLOR": "1"]
    for arguments in [
      ["reviewers", "HEAD", "--count", "5"], ["reviewers", "HEAD", "--count", "5", "--explain"], ["owners", "."], ["owners", "--explain", "."],
    ] {
      let result = try repo.tillit(arguments, environment: environment)
      #expect(result.status == 0, "\(arguments): \(result.output)")
      Self.expectClean(result, arguments.joined(separator: " "))
      #expect(result.stdout.contains("Eve \(Self.shownTitle) Q <eve\(Self.shownClearLower)@example.com>"), "\(arguments): \(result.stdout)")
      #expect(result.stdout.contains("evil\(Self.shownClear).txt"), "\(arguments): \(result.stdout)")
    }
    let audit = try repo.tillit(["audit"], environment: environment)
    #expect(audit.status == 0, "\(audit.output)")
    Self.expectClean(audit, "audit")
    #expect(audit.stdout.contains("Eve \(Self.shownTitle) Q"), "\(audit.stdout)")
    let html = try repo.tillit(["audit", "--format", "html"], environment: environment)
    #expect(html.stdout.contains("Eve \u{1B}]0;pwned\u{07} Q"), "the HTML page keeps the name as it is")
  }

  @Test func thePostCommitSuggestionShowsNamesEscaped() throws {
    let hooked = try HookedRepo(config: "checks: []\n")
    let history = History(repo: hooked.repo)
    try history.commit("Eve \(Self.title) Q", "eve\(Self.clear)@example.com", ["src/\(Self.clear)a.c": "1\n"])
    try hooked.repo.write("src/\(Self.clear)a.c", "1\n2\n")
    try hooked.repo.git(["add", "-A"])
    let commit = try hooked.repo.git(["commit", "-q", "-m", "ada's change"], environment: hooked.environment.merging(["NO_COLOR": "1"]) { $1 })
    #expect(commit.stderr.contains("tillit: suggested reviewers"), "\(commit.output)")
    Self.expectClean(commit, "post-commit")
    #expect(commit.stderr.contains("Eve \(Self.shownTitle) Q <eve\(Self.shownClearLower)@example.com> (expert)"), "\(commit.output)")
    #expect(commit.stderr.contains("src/\(Self.shownClear)a.c"), "\(commit.output)")
  }

  /// A command that hides its start behind "erase the line, back to column one" is shown whole,
  /// when approving it and when refusing to run it.
  @Test func theTrustPromptShowsEveryControlCharacter() throws {
    let config = """
      checks:
        - name: lint
          run: "touch PWNED; exit 0 \\u001b[2K\\u000dmake lint"
        - name: "split\\u001b[2J"
          run: "true\\u000a  fake: make test"

      """
    let hooked = try HookedRepo(config: config, install: false)
    let shown = "touch PWNED; exit 0 \\e[2K\\rmake lint"

    let refused = try hooked.repo.tillit(["check", "--all"], environment: hooked.environment.merging(["NO_COLOR": "1"]) { $1 })
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("not approved"), "\(refused.output)")
    Self.expectClean(refused, "the not-approved message")
    #expect(refused.stderr.contains("  lint (pre-commit, snapshot): \(shown)\n"), "\(refused.stderr)")
    #expect(refused.stderr.contains("  split\\e[2J (pre-commit, snapshot): true\\n  fake: make test\n"), "\(refused.stderr)")
    #expect(!hooked.repo.exists("PWNED"))

    let listed = try hooked.repo.tillit(["trust", "--show"], environment: ["NO_COLOR": "1"])
    #expect(listed.status == 0, "\(listed.output)")
    Self.expectClean(listed, "tillit trust --show")
    #expect(listed.stdout.contains("lint (pre-commit, snapshot): \(shown)\n"), "\(listed.stdout)")
    #expect(listed.stdout.contains("split\\e[2J (pre-commit, snapshot): true\\n  fake: make test\n"), "\(listed.stdout)")

    let trusted = try hooked.repo.tillit(["trust"], environment: ["NO_COLOR": "1"])
    Self.expectClean(trusted, "tillit trust")
    #expect(trusted.stdout.contains(shown), "\(trusted.stdout)")

    // Approved, the checks run (the second fails: `fake:` is no command) and the table names
    // them escaped too, the failed one's log included.
    let ran = try hooked.repo.tillit(["check", "--all"], environment: hooked.environment.merging(["NO_COLOR": "1"]) { $1 })
    #expect(ran.status == 1, "\(ran.output)")
    Self.expectClean(ran, "the check table")
    #expect(ran.stdout.contains("── split\\e[2J failed, exit 127 ──"), "\(ran.stdout)")
  }
}
