import Foundation
import Testing
import TillitTestSupport

/// A small history written by several people on chosen dates.
struct History {
  let repo: TempRepo

  init() throws { repo = try TempRepo() }

  /// Commits `files` (path → content appended) as `name <email>` on `date` (YYYY-MM-DD).
  @discardableResult
  func commit(
    _ name: String, _ email: String, _ files: [String: String], date: String = "2026-01-01", message: String = "change",
    reviewers: [String] = []
  ) throws -> String {
    for (path, text) in files {
      let existing = repo.exists(path) ? try repo.read(path) : ""
      try repo.write(path, existing + text)
    }
    let trailers = reviewers.isEmpty ? "" : "\n\n" + reviewers.map { "Reviewed-by: \($0)" }.joined(separator: "\n")
    let stamp = "\(date)T12:00:00Z"
    return try repo.commitAll(
      message + trailers,
      environment: [
        "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
      ])
  }

  func json(_ arguments: [String]) throws -> [String: Any] {
    let result = try repo.tillit(arguments + ["--format", "json"])
    try #require(result.status == 0, "\(result.output)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  func reviewerEmails(_ arguments: [String]) throws -> [String] {
    (try json(arguments)["reviewers"] as? [[String: Any]] ?? []).compactMap { $0["email"] as? String }
  }
}

@Suite struct ReviewersTests {
  @Test func mailmapAliasesMergeIntoOnePerson() throws {
    let history = try History()
    try history.commit("Bob", "bob@old.example", ["core/a.c": "1\n"])
    try history.commit("Bobby", "bob@new.example", ["core/a.c": "2\n"])
    try history.repo.write(".mailmap", "Bob Builder <bob@new.example> <bob@old.example>\nBob Builder <bob@new.example> Bobby <bob@new.example>\n")
    try history.commit("Eve", "eve@example.com", ["core/a.c": "3\n"])
    let owners = try history.json(["owners", "core/a.c"])
    let people = try #require(owners["reviewers"] as? [[String: Any]])
    let bob = try #require(people.first { $0["email"] as? String == "bob@new.example" })
    #expect(bob["name"] as? String == "Bob Builder")
    #expect((bob["reasons"] as? [String])?.first == "made 2 of 3 changes (67%) to core/a.c, which they created")
    #expect(!people.contains { $0["email"] as? String == "bob@old.example" })
  }

  @Test func botsTheAuthorAndPeopleLongInactiveAreNeverSuggested() throws {
    let history = try History()
    try history.commit("Old Timer", "old@example.com", ["drivers/s.c": "1\n"], date: "2025-06-01")
    try history.commit("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", ["drivers/s.c": "2\n"], date: "2025-12-20")
    try history.commit("Carol", "carol@example.com", ["drivers/s.c": "3\n"], date: "2025-12-28")
    try history.commit("Ada Tester", "ada@example.com", ["drivers/s.c": "4\n"], date: "2025-12-22", reviewers: ["Old Timer <old@example.com>"])
    try history.commit("Ada Tester", "ada@example.com", ["drivers/s.c": "5\n"], date: "2026-01-01")
    // Old Timer last reviewed on 2025-12-22: within the default 90 days of the change.
    #expect(try history.reviewerEmails(["reviewers", "HEAD", "--count", "10"]).sorted() == ["carol@example.com", "old@example.com"])
    // With 9 days, only Carol (4 days before the change) is still active.
    try history.repo.write(".tillit.yml", "reviewers:\n  inactive-after: 9d\n")
    let emails = try history.reviewerEmails(["reviewers", "HEAD", "--count", "10"])
    #expect(emails == ["carol@example.com"])
    #expect(!emails.contains { $0.contains("[bot]") || $0 == "ada@example.com" })
  }

  @Test func aRenameCarriesKnowledgeToTheNewPath() throws {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["lib/old.c": "1\n"])
    try history.commit("Bob", "bob@example.com", ["lib/old.c": "2\n"])
    try history.repo.git(["mv", "lib/old.c", "lib/new.c"])
    try history.commit("Dee", "dee@example.com", [:], message: "rename")
    try history.commit("Ada Tester", "ada@example.com", ["lib/new.c": "3\n"])
    let result = try history.json(["reviewers", "HEAD", "--mode", "expert"])
    let first = try #require((result["reviewers"] as? [[String: Any]])?.first)
    #expect(first["email"] as? String == "bob@example.com")
    #expect((first["reasons"] as? [String])?.first == "made 2 of 4 changes (50%) to lib/new.c, which they created")
  }

  @Test func aFileOnlyOnePersonKnowsBringsInALearnerInAutoMode() throws {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["net/solo.c": "1\n"])
    try history.commit("Bob", "bob@example.com", ["net/solo.c": "2\n"])
    try history.commit("Carol", "carol@example.com", ["net/nearby.c": "1\n"])
    try history.commit("Carol", "carol@example.com", ["net/nearby.c": "2\n"], reviewers: ["Bob <bob@example.com>"])
    try history.commit("Ada Tester", "ada@example.com", ["net/solo.c": "3\n"])
    let auto = try history.json(["reviewers", "HEAD", "--mode", "auto"])
    let picks = try #require(auto["reviewers"] as? [[String: Any]])
    #expect(picks.map { $0["email"] as? String } == ["bob@example.com", "carol@example.com"])
    #expect(picks.map { $0["role"] as? String } == ["expert", "learner"])
    #expect(auto["filesAtRisk"] as? [String] == ["net/solo.c"])
    let expert = try history.json(["reviewers", "HEAD", "--mode", "expert"])
    #expect((expert["reviewers"] as? [[String: Any]])?.allSatisfy { $0["role"] as? String == "expert" } == true)
  }

  @Test func openReviewLoadMovesABuriedExpertDown() throws {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["fs/f.c": "1\n"])
    try history.commit("Bob", "bob@example.com", ["fs/f.c": "2\n"])
    try history.commit("Carol", "carol@example.com", ["fs/f.c": "3\n"])
    try history.commit("Ada Tester", "ada@example.com", ["fs/f.c": "4\n"])
    #expect(try history.reviewerEmails(["reviewers", "HEAD", "--mode", "expert"]) == ["bob@example.com", "carol@example.com"])
    // Bob is asked to review six other changes and has not yet.
    for n in 1...6 {
      try history.commit("Zed", "zed@example.com", ["misc/\(n).txt": "x\n"])
      let request = try history.repo.tillit(["request", "HEAD", "--to", "bob@example.com"])
      try #require(request.status == 0, "\(request.output)")
    }
    let table = try history.repo.tillit(["reviewers", "HEAD~6", "--mode", "expert"])
    #expect(table.stdout.contains("open reviews"), "\(table.output)")
    let ordered = try history.reviewerEmails(["reviewers", "HEAD~6", "--mode", "expert"])
    #expect(ordered == ["carol@example.com", "bob@example.com"], "\(table.output)")
  }

  @Test func aDamagedCacheIsRebuiltNotTrusted() throws {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["a.c": "1\n"])
    try history.commit("Ada Tester", "ada@example.com", ["a.c": "2\n"])
    let first = try history.repo.tillit(["reviewers", "HEAD"])
    let cache = history.repo.path + "/.git/tillit/knowledge/model"
    let good = try Data(contentsOf: URL(fileURLWithPath: cache))
    var damaged = good
    damaged[damaged.count / 2] ^= 0xff
    try damaged.write(to: URL(fileURLWithPath: cache))
    let again = try history.repo.tillit(["reviewers", "HEAD"])
    #expect(again.status == 0)
    #expect(again.stdout == first.stdout)
    #expect(try Data(contentsOf: URL(fileURLWithPath: cache)) == good)
    try Data("not a model".utf8).write(to: URL(fileURLWithPath: cache))
    #expect(try history.repo.tillit(["reviewers", "HEAD"]).stdout == first.stdout)
  }

  @Test func theCacheIsBroughtUpToDateWithNewCommits() throws {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["a.c": "1\n"])
    try history.commit("Ada Tester", "ada@example.com", ["a.c": "2\n"])
    _ = try history.repo.tillit(["reviewers", "HEAD"])
    try history.commit("Carol", "carol@example.com", ["b.c": "1\n"])
    try history.commit("Carol", "carol@example.com", ["b.c": "2\n"])
    try history.commit("Ada Tester", "ada@example.com", ["b.c": "3\n"])
    #expect(try history.reviewerEmails(["reviewers", "HEAD", "--mode", "expert"]).first == "carol@example.com")
  }

  @Test func theStagedChangeIsSuggestedFor() throws {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["docs/guide.md": "1\n"])
    try history.repo.write("docs/guide.md", "1\nmore\n")
    try history.repo.git(["add", "docs/guide.md"])
    let result = try history.json(["reviewers", "--staged"])
    #expect((result["change"] as? [String: Any])?["files"] as? [String] == ["docs/guide.md"])
    #expect((result["reviewers"] as? [[String: Any]])?.first?["email"] as? String == "bob@example.com")
  }

  @Test func theBacktestScoresSuggestionsAgainstTrailers() throws {
    let history = try History()
    for day in 1...3 {
      try history.commit("Bob", "bob@example.com", ["a/x.c": "\(day)\n"], date: "2025-03-0\(day)", reviewers: ["Carol <carol@example.com>"])
      try history.commit("Eve", "eve@example.com", ["b/y.c": "\(day)\n"], date: "2025-03-1\(day)", reviewers: ["Dan <dan@example.com>"])
    }
    let report = try history.json(["backtest", "--mode", "expert"])
    // The first change of each author has nobody to learn from: 4 of 6 hit at rank 1.
    #expect(report["evaluated"] as? Int == 6)
    #expect(abs((report["top1"] as? Double ?? 0) - 4.0 / 6.0) < 1e-9)
    #expect(abs((report["mrr"] as? Double ?? 0) - 4.0 / 6.0) < 1e-9)
    let later = try history.json(["backtest", "--since", "2025-03-02"])
    #expect(later["evaluated"] as? Int == 5)
    let bad = try history.repo.tillit(["backtest", "--since", "March"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--since takes a date like 2023-01-01"))
  }

  @Test func suggestionsNeedAHistory() throws {
    let history = try History()
    let result = try history.repo.tillit(["reviewers"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("no commits yet"))
    try history.commit("Bob", "bob@example.com", ["a.c": "1\n"])
    let unknown = try history.repo.tillit(["reviewers", "nosuchrev"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("'nosuchrev' names no commit here; give a commit such as HEAD~1"))
  }

  /// With nothing to score, both formats say why on stderr and exit 2: a JSON object of zeros
  /// would read as a recommender that never hits.
  @Test(arguments: ["table", "json"]) func aBacktestWithNothingToScoreSaysWhy(format: String) throws {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["a.c": "1\n"])
    let nothing = try history.repo.tillit(["backtest", "--format", format])
    #expect(nothing.status == 2, "\(nothing.output)")
    #expect(nothing.stdout.isEmpty, "\(nothing.output)")
    #expect(nothing.stderr.contains("tillit: replayed 1 commit; none in the window names a reviewer in its trailers"), "\(nothing.output)")
  }
}

@Suite struct PostCommitHookTests {
  @Test func aCommitPrintsSuggestedReviewersAndRecordsTheRequest() throws {
    let hooked = try HookedRepo(config: "checks: []\nreviewers:\n  request-on: commit\n")
    let history = History(repo: hooked.repo)
    try history.commit("Bob", "bob@example.com", ["src/a.c": "1\n"])
    try hooked.repo.write("src/a.c", "1\n2\n")
    try hooked.repo.git(["add", "src/a.c"])
    let commit = try hooked.repo.git(["commit", "-q", "-m", "ada's change"], environment: hooked.environment)
    #expect(commit.stderr.contains("tillit: suggested reviewers (recorded"), "\(commit.output)")
    #expect(commit.stderr.contains("Bob <bob@example.com> (expert)"), "\(commit.output)")
    let inbox = try hooked.repo.tillit(["inbox", "--for", "bob@example.com", "--format", "json"])
    #expect(inbox.stdout.contains("\"waiting\""), "\(inbox.output)")

    let requestsBefore = try requestCount(hooked)
    try hooked.repo.write(".tillit.yml", "checks: []\nreviewers:\n  record: false\n")
    try hooked.repo.write("src/a.c", "1\n2\n3\n")
    try hooked.repo.git(["add", "-A"])
    let quiet = try hooked.repo.git(["commit", "-q", "-m", "again"], environment: hooked.environment)
    #expect(quiet.stderr.contains("tillit: suggested reviewers:"), "\(quiet.output)")
    #expect(try requestCount(hooked) == requestsBefore)
  }
}

extension PostCommitHookTests {
  @Test func aLongHistoryIsLearnedInTheBackgroundWithoutHoldingTheCommit() throws {
    let hooked = try HookedRepo(config: "checks: []\n")
    // 600 commits by Bob, written in one go by git fast-import.
    var stream = ""
    for n in 1...600 {
      let body = "line \(n)\n"
      stream += "commit refs/heads/main\ncommitter Bob <bob@example.com> \(1_767_225_600 + n * 60) +0000\n"
      stream += "data 7\nchange\n" + (n == 1 ? "from refs/heads/main^0\n" : "") + "M 100644 inline src/a.c\ndata \(body.utf8.count)\n\(body)\n"
    }
    try hooked.repo.git(["fast-import", "--quiet"], input: stream)
    try hooked.repo.git(["reset", "-q", "--hard", "main"])
    try hooked.repo.write("src/a.c", "mine\n")
    try hooked.repo.git(["add", "src/a.c"])
    let first = try hooked.repo.git(["commit", "-q", "-m", "first of mine"], environment: hooked.environment)
    #expect(first.stderr.contains("in the background"), "\(first.output)")
    let model = hooked.repo.path + "/.git/tillit/knowledge/model"
    #expect(waitUntil(timeout: 30) { FileManager.default.fileExists(atPath: model) })
    try hooked.repo.write("src/a.c", "mine again\n")
    try hooked.repo.git(["add", "src/a.c"])
    let second = try hooked.repo.git(["commit", "-q", "-m", "second of mine"], environment: hooked.environment)
    #expect(second.stderr.contains("Bob <bob@example.com> (expert)"), "\(second.output)")
  }
}

func requestCount(_ hooked: HookedRepo) throws -> Int {
  let log = try hooked.repo.tillit(["ledger", "log", "--format", "json"])
  return log.stdout.components(separatedBy: "review.requested").count - 1
}

extension History {
  init(repo: TempRepo) { self.repo = repo }
}
