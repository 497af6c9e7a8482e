import Foundation
import Testing
import TillitTestSupport

/// What the renderers print — tables, JSON and the audit's HTML page for `reviewers`, `owners`,
/// `audit`, `backtest`, `ledger log`, `show` and `inbox` — compared byte for byte with the files
/// in `Golden/`, for one small repository made the same way every time: fixed people, commit
/// dates, a fixed writer id and Tillit's clock set by `TILLIT_NOW`. Only the ledger's event ids,
/// which hold a random nonce, are replaced (by `<event id>`) before comparing.
///
/// A change to what a command prints fails here with the first line that differs. When the
/// change is meant, rewrite the files and review them with `git diff Tests/TillitCLITests/Golden`:
///
///     TILLIT_UPDATE_GOLDEN=1 swift test --filter RenderingGoldenTests
@Suite struct RenderingGoldenTests {
  static let golden = GoldenFiles(folder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path)
  /// Tillit's clock while the outputs are made: a month after the last commit.
  static let now = "2026-03-02T09:00:00Z"

  /// Each golden file and the command whose standard output it holds.
  static let outputs: [(file: String, arguments: [String])] = [
    ("reviewers.txt", ["reviewers", "HEAD"]),
    ("reviewers-explain.txt", ["reviewers", "HEAD", "--explain"]),
    ("reviewers.json", ["reviewers", "HEAD", "--format", "json"]),
    ("owners.txt", ["owners", "src"]),
    ("owners.json", ["owners", "src", "--format", "json"]),
    ("audit.txt", ["audit"]),
    ("audit.json", ["audit", "--format", "json"]),
    ("audit.html", ["audit", "--format", "html"]),
    ("backtest.txt", ["backtest"]),
    ("backtest.json", ["backtest", "--format", "json"]),
    ("backtest-by-quarter.txt", ["backtest", "--by-quarter"]),
    ("backtest-by-quarter.json", ["backtest", "--by-quarter", "--format", "json"]),
    ("ledger-log-reviews.txt", ["ledger", "log", "--stream", "reviews"]),
    ("ledger-log-reviews.json", ["ledger", "log", "--stream", "reviews", "--format", "json"]),
    ("ledger-log-ownership.txt", ["ledger", "log", "--stream", "ownership"]),
    ("ledger-log-ownership.json", ["ledger", "log", "--stream", "ownership", "--format", "json"]),
    ("show.txt", ["show", "HEAD"]),
    ("show.json", ["show", "HEAD", "--format", "json"]),
    ("inbox-bob.txt", ["inbox", "--for", "bob@example.com"]),
    ("inbox-bob.json", ["inbox", "--for", "bob@example.com", "--format", "json"]),
    ("inbox-dan.txt", ["inbox", "--for", "dan@example.com"]),
    ("inbox-empty.txt", ["inbox", "--for", "ada@example.com"]),
  ]

  @Test func everyRendererPrintsItsGoldenFile() throws {
    let history = try Self.fixture()
    for (file, arguments) in Self.outputs {
      let result = try history.repo.tillit(arguments, environment: ["TILLIT_NOW": Self.now])
      #expect(result.status == 0, "\(arguments): \(result.output)")
      #expect(result.stderr.isEmpty, "\(arguments): \(result.stderr)")
      let mismatch = Self.golden.mismatch(file, Self.normalized(result.stdout, root: history.repo.root))
      #expect(mismatch == nil, "\(arguments): \(mismatch ?? "")")
    }
  }

  /// `text` with what differs from one run to the next replaced: the ledger's event ids (an
  /// event's id is its blob's, and each event holds a random nonce) and the temporary folder.
  static func normalized(_ text: String, root: String) -> String {
    text.replacingOccurrences(of: #""(id|request)": "[0-9a-f]{40}""#, with: #""$1": "<event id>""#, options: .regularExpression)
      .replacingOccurrences(of: root, with: "<tmp>")
  }

  /// Seven people's commits over nine months, reviews named in trailers, and a ledger recorded
  /// on chosen days: a request, a comment and an approval, ownership claimed and released,
  /// someone away, and the change amended after its approval.
  static func fixture() throws -> History {
    let history = try History()
    let repo = history.repo
    try history.commit("Fay", "fay@example.com", ["tools/gen.sh": "echo generated\n"], date: "2025-06-01", message: "tools: a generator")
    try history.commit("Bob", "bob@example.com", ["src/ledger/store.c": "int store;\n"], date: "2025-10-01", message: "store: first version")
    try history.commit(
      "Bob", "bob@example.com", ["src/ledger/store.c": "int append(void);\n"], date: "2025-10-15", message: "store: append",
      reviewers: ["Carol <carol@example.com>"])
    try history.commit(
      "Carol", "carol@example.com", ["src/ledger/sync.c": "int sync;\n"], date: "2025-11-01", message: "sync: first version",
      reviewers: ["Bob <bob@example.com>"])
    try history.commit("Dan", "dan@example.com", ["src/ui/table.c": "int table;\n"], date: "2025-11-20", message: "ui: the table")
    try history.commit(
      "Eve", "eve@example.com", ["docs/guide.md": "# Guide\n"], date: "2025-12-01", message: "docs: a guide",
      reviewers: ["Dan <dan@example.com>"])
    try history.commit(
      "Carol", "carol@example.com", ["src/ledger/store.c": "int read_fast(void);\n"], date: "2026-01-10", message: "store: faster reads",
      reviewers: ["Bob <bob@example.com>"])
    try history.commit(
      "Ada Tester", "ada@example.com", ["src/ledger/store.c": "int tip(void);\n", "src/ui/table.c": "int show_tip;\n"],
      date: "2026-02-01", message: "store and table: show the tip", reviewers: ["Bob <bob@example.com>"])

    try FileManager.default.createDirectory(atPath: repo.path + "/.git/tillit", withIntermediateDirectories: true)
    try "goldenwriter0001\n".write(toFile: repo.path + "/.git/tillit/writer", atomically: true, encoding: .utf8)
    func record(_ email: String, at time: String, _ arguments: [String]) throws {
      try repo.git(["config", "user.email", email])
      let result = try repo.tillit(arguments, environment: ["TILLIT_NOW": time])
      guard result.status == 0 else { throw TestFailure("\(arguments): \(result.output)") }
    }
    try record("ada@example.com", at: "2026-02-02T10:00:00Z", ["ledger", "import-trailers"])
    try record(
      "ada@example.com", at: "2026-02-02T10:00:00Z", ["request", "HEAD", "--to", "bob@example.com", "dan@example.com", "-m", "please look at the store"])
    try record(
      "bob@example.com", at: "2026-02-03T09:30:00Z", ["review", "HEAD", "--comment", "-m", "why one line?", "--file", "src/ledger/store.c", "--line", "1"])
    try record("bob@example.com", at: "2026-02-03T09:31:00Z", ["review", "HEAD", "--approve"])
    try record(
      "ada@example.com", at: "2026-02-04T08:00:00Z", ["own", "src/ledger/**", "--by", "bob@example.com", "carol@example.com", "-m", "until the rewrite"])
    try record("ada@example.com", at: "2026-02-04T08:01:00Z", ["own", "docs/**", "--by", "eve@example.com"])
    try record("ada@example.com", at: "2026-02-04T08:02:00Z", ["own", "--release", "docs/**"])
    try record("carol@example.com", at: "2026-02-05T08:00:00Z", ["away", "--until", "2026-03-09", "-m", "at a conference"])
    try record("ada@example.com", at: "2026-02-06T12:00:00Z", ["install"])
    // The approved change gains a line; the post-rewrite hook records the amend.
    try repo.write("src/ui/table.c", try repo.read("src/ui/table.c") + "int show_tip_again;\n")
    try repo.git(["add", "src/ui/table.c"])
    try repo.git(
      ["commit", "-q", "--amend", "--no-edit"],
      environment: [
        "TILLIT_NOW": "2026-02-06T12:00:00Z", "GIT_AUTHOR_DATE": "2026-02-01T12:00:00Z", "GIT_COMMITTER_DATE": "2026-02-06T12:00:00Z",
      ])
    return history
  }
}
