import Foundation
import Testing
import TillitTestSupport

/// `tillit away` and `tillit back` travel with the ledger; a request left unanswered too long
/// is passed to the next best person. Times are set with TILLIT_NOW.
@Suite struct AvailabilityTests {
  /// Bo wrote most of src/a.c, Cy some of it; Ada's change to it is HEAD.
  static func history(_ repo: TempRepo, in directory: String? = nil) throws {
    let root = directory ?? repo.path
    func commit(_ name: String, _ content: String) throws {
      try content.write(toFile: root + "/src/a.c", atomically: true, encoding: .utf8)
      try repo.git(["add", "src/a.c"], in: root)
      try repo.git(
        ["commit", "-q", "-m", "\(name): \(content.count)"], in: root,
        environment: ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": "\(name.lowercased())@example.com"])
    }
    try FileManager.default.createDirectory(atPath: root + "/src", withIntermediateDirectories: true)
    try commit("Bo", "one\n")
    try commit("Bo", "one\ntwo\n")
    try commit("Bo", "one\ntwo\nthree\n")
    try commit("Cy", "one\ntwo\nthree\nfour\n")
    try commit("Ada", "one\ntwo\nthree\nfour\nfive\n")
  }

  static func picks(_ output: String) throws -> [String] {
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    return ((json["reviewers"] as? [[String: Any]]) ?? []).compactMap { $0["email"] as? String }
  }

  @Test func someoneAwayInOneCloneIsNotSuggestedInAnother() throws {
    let remote = try TempRepo(bare: true)
    let seed = remote.root + "/seed"
    try remote.git(["clone", "-q", remote.path, seed])
    try Self.history(remote, in: seed)
    try remote.git(["push", "-q", "origin", "HEAD:main"], in: seed)
    var clones: [String] = []
    for name in ["bo", "ada"] {
      let path = remote.root + "/" + name
      try remote.git(["clone", "-q", remote.path, path])
      try remote.git(["config", "user.email", "\(name)@example.com"], in: path)
      try remote.git(["config", "user.name", name], in: path)
      clones.append(path)
    }
    let (bo, ada) = (clones[0], clones[1])
    let before = try remote.tillit(["reviewers", "HEAD", "--format", "json"], in: ada)
    #expect(try Self.picks(before.stdout).first == "bo@example.com", "\(before.output)")

    let away = try remote.tillit(["away", "--until", "2999-01-04", "-m", "on leave"], in: bo)
    #expect(away.status == 0 && away.stdout.contains("bo@example.com is away until 2999-01-04"), "\(away.output)")
    #expect(try remote.tillit(["ledger", "sync"], in: bo).status == 0)
    #expect(try remote.tillit(["ledger", "sync"], in: ada).status == 0)

    let after = try remote.tillit(["reviewers", "HEAD"], in: ada)
    #expect(!after.stdout.contains("1. Bo"), "\(after.output)")
    #expect(after.stdout.contains("skipped bo@example.com: away until 2999-01-04: on leave"), "\(after.output)")
    #expect(try !Self.picks(try remote.tillit(["reviewers", "HEAD", "--format", "json"], in: ada).stdout).contains("bo@example.com"))

    // Back, and shared again: suggested again.
    #expect(try remote.tillit(["back"], in: bo).status == 0)
    #expect(try remote.tillit(["ledger", "sync"], in: bo).status == 0)
    #expect(try remote.tillit(["ledger", "sync"], in: ada).status == 0)
    #expect(try Self.picks(try remote.tillit(["reviewers", "HEAD", "--format", "json"], in: ada).stdout).first == "bo@example.com")
  }

  /// Away until a day: from that day on, suggested again, with no `tillit back`.
  @Test func anAbsenceEndsOnItsDay() throws {
    let repo = try TempRepo()
    try Self.history(repo)
    try repo.git(["config", "user.email", "bo@example.com"])
    #expect(try repo.tillit(["away", "--until", "2026-03-09"], environment: ["TILLIT_NOW": "2026-03-02"]).status == 0)
    let during = try repo.tillit(["reviewers", "HEAD", "--format", "json"], environment: ["TILLIT_NOW": "2026-03-08T23:00:00Z"])
    #expect(try !Self.picks(during.stdout).contains("bo@example.com"), "\(during.output)")
    let after = try repo.tillit(["reviewers", "HEAD", "--format", "json"], environment: ["TILLIT_NOW": "2026-03-09"])
    #expect(try Self.picks(after.stdout).first == "bo@example.com", "\(after.output)")
    let past = try repo.tillit(["away", "--until", "2026-03-01"], environment: ["TILLIT_NOW": "2026-03-02"])
    #expect(past.status == 2 && past.stderr.contains("has already come"), "\(past.output)")
  }

  /// Asked on Monday 2 March; by Thursday (3 working days) without feedback, the suggestion for
  /// the change passes to the next best, saying why, and the request stays in Bo's inbox.
  @Test func anUnansweredRequestEscalatesAfterItsTime() throws {
    let repo = try TempRepo()
    try Self.history(repo)
    let asked = try repo.tillit(["request", "HEAD", "--to", "bo@example.com", "-m", "please"], environment: ["TILLIT_NOW": "2026-03-02T09:00:00Z"])
    #expect(asked.status == 0, "\(asked.output)")

    let wednesday = try repo.tillit(["reviewers", "HEAD", "--count", "1", "--format", "json"], environment: ["TILLIT_NOW": "2026-03-04T17:00:00Z"])
    #expect(try Self.picks(wednesday.stdout) == ["bo@example.com"], "\(wednesday.output)")

    let thursday = try repo.tillit(["reviewers", "HEAD", "--count", "1"], environment: ["TILLIT_NOW": "2026-03-05T09:00:00Z"])
    #expect(thursday.stdout.contains("1. Cy"), "\(thursday.output)")
    #expect(thursday.stdout.contains("escalated: bo@example.com gave no feedback in time"), "\(thursday.output)")
    #expect(
      thursday.stdout.contains("skipped bo@example.com: asked on 2026-03-02, no feedback after 3 working days; the request stays open"), "\(thursday.output)")

    let inbox = try repo.tillit(["inbox", "--for", "bo@example.com"], environment: ["TILLIT_NOW": "2026-03-05T09:00:00Z"])
    #expect(inbox.stdout.contains(": please  waiting 3 days"), "\(inbox.output)")

    // Feedback from Bo ends it.
    try repo.git(["config", "user.email", "bo@example.com"])
    #expect(try repo.tillit(["review", "HEAD", "--comment", "-m", "looking"]).status == 0)
    let answered = try repo.tillit(["reviewers", "HEAD", "--count", "1", "--format", "json"], environment: ["TILLIT_NOW": "2026-03-05T09:00:00Z"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(answered.stdout.utf8)) as? [String: Any])
    #expect((json["skipped"] as? [Any])?.isEmpty == true, "\(answered.output)")
  }

  /// Friday to Monday is one working day; `reviewers.escalate-after` sets the limit.
  @Test func weekendsDoNotCountAndTheLimitIsConfigurable() throws {
    let repo = try TempRepo()
    try Self.history(repo)
    #expect(try repo.tillit(["request", "HEAD", "--to", "bo@example.com"], environment: ["TILLIT_NOW": "2026-03-06T16:00:00Z"]).status == 0)
    let monday = try repo.tillit(["reviewers", "HEAD", "--count", "1", "--format", "json"], environment: ["TILLIT_NOW": "2026-03-09T09:00:00Z"])
    #expect(try Self.picks(monday.stdout) == ["bo@example.com"], "\(monday.output)")
    try repo.write(".tillit.yml", "reviewers:\n  escalate-after: 1\n")
    let configured = try repo.tillit(["reviewers", "HEAD", "--count", "1", "--format", "json"], environment: ["TILLIT_NOW": "2026-03-09T09:00:00Z"])
    #expect(try Self.picks(configured.stdout) == ["cy@example.com"], "\(configured.output)")
  }
}
