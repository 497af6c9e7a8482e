import Foundation
import Testing
import TillitTestSupport

/// The bytes Tillit writes for each kind of event (`LedgerGolden`), as the real commands write them: a change of
/// the event coding must leave them the same (an event's id is the blob id of its bytes, so two
/// versions writing the same fact differently would record it twice). Only what changes from run
/// to run — times, nonces, object ids, durations — is replaced by a placeholder before comparing.
@Suite struct LedgerGoldenTests {
  @Test func everyKindIsWrittenByteForByteAsBefore() throws {
    let hooked = try HookedRepo(
      config:
        "reviewers:\n  request-on: commit\nchecks:\n  - name: ok\n    run: [\"true\"]\n    stage: pre-push\n  - name: bad\n    run: [\"false\"]\n    stage: pre-push\n"
    )
    let repo = hooked.repo
    try FileManager.default.createDirectory(atPath: repo.path + "/.git/tillit", withIntermediateDirectories: true)
    try "goldenwriter0001\n".write(toFile: repo.path + "/.git/tillit/writer", atomically: true, encoding: .utf8)
    let history = History(repo: repo)
    try history.commit("Bob", "bob@example.com", ["src/a.c": "one\n"], date: "2025-11-01")
    try history.commit("Bob", "bob@example.com", ["src/a.c": "two\t\"quoted\" é\n"], date: "2025-12-01", reviewers: ["Di Reviewer <di@example.com>"])
    // check.ran: once on the staged content (no commit), once on a commit's tree.
    try repo.write("src/a.c", "one\ntwo\t\"quoted\" é\nthree\n")
    try repo.git(["add", "src/a.c"])
    #expect(try repo.tillit(["check", "--stage", "pre-push", "--only", "ok"], environment: hooked.environment).status == 0)
    let commit = try repo.git(["commit", "-q", "-m", "ada's change"], environment: hooked.environment)
    #expect(commit.stderr.contains("(recorded"), "\(commit.output)")
    #expect(try repo.tillit(["check", "--range", "HEAD~1..HEAD", "--only", "bad"], environment: hooked.environment).status == 1)
    for arguments in [
      ["review", "HEAD", "--approve"], ["review", "HEAD~1", "--request-changes", "-m", "why \"this\"?\ttab", "--file", "src/a.c", "--line", "2"],
      ["request", "HEAD", "--to", "bo@example.com", "cy@example.com", "--new-person", "-m", "the loop"],
      ["own", "docs/**", "--by", "eve@example.com", "--new-person"],
      ["own", "src/**", "--by", "cy@example.com", "di@example.com", "--new-person", "-m", "until March"], ["own", "--release", "docs/**"],
      ["away", "--until", "2999-03-09", "-m", "at a conference"], ["back"],
      ["ledger", "import-trailers"],
    ] {
      let result = try repo.tillit(arguments)
      #expect(result.status == 0, "\(arguments): \(result.output)")
    }
    // change.rewritten: an amend of a commit under review, reported by the post-rewrite hook.
    #expect(try repo.git(["commit", "-q", "--amend", "-m", "ada's change, reworded"], environment: hooked.environment).status == 0)
    let events = try Self.normalizedEvents(in: repo)
    #expect(events == LedgerGolden.events.sorted(), "\(events.joined(separator: "\n"))")
  }

  /// Every event blob of the three streams, with what changes between runs replaced.
  static func normalizedEvents(in repo: TempRepo) throws -> [String] {
    var events: [String] = []
    for stream in ["reviews", "checks", "ownership"] {
      let listing = try repo.git(["ls-tree", "-r", "refs/tillit/v1/\(stream)"]).stdout.split(separator: "\n")
      for line in listing {
        let id = String(line.split(separator: "\t")[0].split(separator: " ")[2])
        events.append(normalized(try repo.git(["cat-file", "blob", id]).stdout))
      }
    }
    return events.sorted()
  }

  static func normalized(_ event: String) -> String {
    var text = event
    for (pattern, replacement) in [
      (#"[0-9a-f]{40}"#, "ID"), (#""nonce":"[A-Za-z0-9]{16}""#, #""nonce":"NONCE""#), (#""durationMs":[0-9]+"#, #""durationMs":MS"#),
      (#""at":"20[0-9-]{8}T[0-9:.]+Z""#, #""at":"TIME""#), (#""reasons":\[("[^"]*",?)+\]"#, #""reasons":[REASONS]"#),
    ] {
      // Tillit's own times, not an imported commit's (which are fixed).
      if replacement.contains("TIME"), text.contains(#""writer":"import""#) { continue }
      text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
    }
    return text
  }
}
