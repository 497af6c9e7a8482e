import Foundation
import Testing
import TillitTestSupport

/// The audit against repositories whose spread of knowledge is known by construction.
@Suite struct AuditTests {
  /// Seven files: Ann wrote three (one under an old email the mailmap folds in), Bob two, Cy
  /// one (later renamed by Zed), Dee one long ago. Bob reviewed one of Ann's; Ann reviewed one
  /// of Bob's and Cy's.
  func knownHistory() throws -> History {
    let history = try History()
    try history.commit("Dee", "dee@example.com", ["old/f.c": "f\n"], date: "2025-01-10")
    try history.commit("Ann", "ann@new.example", ["x/a.c": "a\n"], date: "2025-12-01", reviewers: ["Bob <bob@example.com>"])
    try history.commit("Ann", "ann@new.example", ["x/b.c": "b\n"], date: "2025-12-02")
    try history.commit("Ann Old", "ann@old.example", ["x/c.c": "c\n"], date: "2025-12-03")
    try history.commit("Bob", "bob@example.com", ["x/d.c": "d\n"], date: "2025-12-04")
    try history.commit("Bob", "bob@example.com", ["x/g.c": "g\n"], date: "2025-12-05", reviewers: ["Ann <ann@new.example>"])
    try history.commit("Cy", "cy@example.com", ["y/e.c": "e\n"], date: "2025-12-06", reviewers: ["Ann <ann@old.example>"])
    try history.repo.write(".mailmap", "Ann <ann@new.example> <ann@old.example>\n")
    try history.repo.write(".tillit.yml", "ignore: [.mailmap, .tillit.yml]\n")
    try history.commit("Zed", "zed@example.com", [:], date: "2025-12-07", message: "mailmap and config")
    try history.repo.git(["mv", "y/e.c", "y/e2.c"])
    try history.commit("Zed", "zed@example.com", [:], date: "2025-12-08", message: "rename")
    return history
  }

  @Test func truckFactorFilesAtRiskOrphansCoverageAndGiniMatchTheHandCount() throws {
    let history = try knownHistory()
    let audit = try history.json(["audit", "--since", "2024-01-01"])
    #expect(audit["files"] as? Int == 7)
    // Remove Ann (3 files): 4 of 7 still have an author; remove Bob (2): 2 of 7, below half.
    #expect(audit["truckFactor"] as? Int == 2)
    #expect((audit["truckFactorPeople"] as? [[String: Any]])?.compactMap { $0["email"] as? String } == ["ann@new.example", "bob@example.com"])
    let atRisk = try #require(audit["filesAtRisk"] as? [String: Any])
    // Two active knowers: x/a.c (Ann wrote it, Bob reviewed it), x/g.c (Bob; Ann reviewed it)
    // and y/e2.c (Cy; Ann reviewed it under her old email, before the rename).
    #expect(atRisk["count"] as? Int == 4)
    #expect(abs((atRisk["share"] as? Double ?? 0) - 0.5714) < 1e-4)
    #expect(Set(atRisk["files"] as? [String] ?? []) == ["x/b.c", "x/c.c", "x/d.c", "old/f.c"])
    // Dee's last activity is far more than 90 days before the latest.
    #expect(audit["orphanedFiles"] as? [String] == ["old/f.c"])
    let reviews = try #require(audit["reviews"] as? [String: Any])
    // 9 commits, 3 with a Reviewed-by trailer.
    #expect(reviews["commits"] as? Int == 9)
    #expect(abs((reviews["coverage"] as? Double ?? 0) - 0.3333) < 1e-4)
    #expect(reviews["perPerson"] as? [String: Int] == ["ann@new.example": 2, "bob@example.com": 1])
    #expect(abs((reviews["gini"] as? Double ?? 0) - 0.1667) < 1e-4)
    let output = try history.repo.tillit(["audit", "--format", "json"])
    #expect(!output.stdout.contains("ann@old.example"))
    let folders = try #require(audit["directories"] as? [[String: Any]])
    let x = try #require(folders.first { $0["path"] as? String == "x" })
    #expect(x["files"] as? Int == 5)
    #expect(x["activeKnowers"] as? Int == 2)
    #expect(x["mainKnower"] as? String == "ann@new.example")
    // Ann knows a, b, c (wrote) and g (reviewed): 4 of 5.
    #expect(abs((x["mainKnowerShare"] as? Double ?? 0) - 0.8) < 1e-4)
    let trend = try #require(audit["trend"] as? [[String: Any]])
    #expect(trend.last?["truckFactor"] as? Int == 2)
    #expect(trend.last?["filesAtRisk"] as? Int == 4)
  }

  /// Dee wrote four files long ago and has gone quiet; Ann and Bob two each, Cy one, lately.
  @Test func theTruckFactorForTodayCountsOnlyPeopleStillActive() throws {
    let history = try History()
    try history.commit("Dee", "dee@example.com", ["old/a.c": "a\n", "old/b.c": "b\n", "old/c.c": "c\n", "old/d.c": "d\n"], date: "2024-03-01")
    try history.commit("Ann", "ann@example.com", ["x/a.c": "a\n", "x/b.c": "b\n"], date: "2025-12-01")
    try history.commit("Bob", "bob@example.com", ["y/a.c": "a\n", "y/b.c": "b\n"], date: "2025-12-02")
    try history.commit("Cy", "cy@example.com", ["z/a.c": "a\n"], date: "2025-12-03")
    let audit = try history.json(["audit"])
    // History: without Dee 5 of 9 files keep an author, without Ann too 3 of 9: two people.
    #expect(audit["truckFactor"] as? Int == 2)
    #expect((audit["truckFactorPeople"] as? [[String: Any]])?.compactMap { $0["email"] as? String } == ["dee@example.com", "ann@example.com"])
    // Today Dee's four files have no active author: 5 of 9 start covered, 3 of 9 without Ann.
    #expect(audit["activeTruckFactor"] as? Int == 1)
    #expect((audit["activeTruckFactorPeople"] as? [[String: Any]])?.compactMap { $0["email"] as? String } == ["ann@example.com"])
    let table = try history.repo.tillit(["audit"])
    #expect(table.stdout.contains("Truck factor     2  Dee, Ann"))
    #expect(table.stdout.contains("among active   1  Ann"))
    let page = history.repo.root + "/audit.html"
    #expect(try history.repo.tillit(["audit", "--format", "html", "--out", page]).status == 0)
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.contains("Truck factor (history)</div><div class=\"n\">2</div><div class=\"t\">Dee, Ann<"))
    #expect(html.contains("Truck factor today</div><div class=\"n\">1</div><div class=\"t\">among people still active: Ann<"))
  }

  @Test func aPathNarrowsTheAuditAndAWarmRunAgrees() throws {
    let history = try knownHistory()
    let narrow = try history.json(["audit", "--path", "x"])
    #expect(narrow["files"] as? Int == 5)
    // In x/ alone: Ann authors 3 of 5; without her 2 of 5 remain: 40%, below half.
    #expect(narrow["truckFactor"] as? Int == 1)
    let missing = try history.repo.tillit(["audit", "--path", "nowhere"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("there are no files under 'nowhere'"))
    let again = try history.repo.tillit(["audit", "--path", "x", "--format", "json"])
    #expect(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? NSDictionary == narrow as NSDictionary)
  }

  @Test func checkRunsFromTheLedgerShowPassRatesAndFlakyChecks() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: coin\n    run: \"test -e $OUT/pass\"\n")
    let history = History(repo: hooked.repo)
    try hooked.repo.write("a.txt", "one\n")
    try hooked.repo.git(["add", "a.txt"])
    _ = try hooked.repo.tillit(["check", "--no-cache"], environment: hooked.environment)
    FileManager.default.createFile(atPath: hooked.out + "/pass", contents: Data())
    _ = try hooked.repo.tillit(["check", "--no-cache"], environment: hooked.environment)
    _ = try hooked.repo.tillit(["check", "--no-cache"], environment: hooked.environment)
    let audit = try history.json(["audit"])
    let coin = try #require((audit["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "coin" })
    #expect(coin["runs"] as? Int == 3)
    #expect(abs((coin["passRate"] as? Double ?? 0) - 0.6667) < 1e-4)
    #expect(coin["flaky"] as? Bool == true)
  }

  @Test func theHTMLPageIsSelfContained() throws {
    let history = try knownHistory()
    let page = history.repo.root + "/audit.html"
    let result = try history.repo.tillit(["audit", "--format", "html", "--out", page])
    #expect(result.status == 0, "\(result.output)")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.hasPrefix("<!doctype html>"))
    #expect(html.contains("<svg"))
    #expect(html.contains("Truck factor"))
    #expect(html.contains("x/b.c") || html.contains(">b.c<"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("http://") && !html.contains("https://"))
    #expect(!html.contains("@import") && !html.contains("url("))
  }

  @Test func theTableFitsEightyColumns() throws {
    let history = try knownHistory()
    let table = try history.repo.tillit(["audit"])
    #expect(table.status == 0)
    let lines = table.stdout.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
    #expect(lines.dropFirst(1).prefix(4).map { String($0.prefix(16)) } == ["  Truck factor  ", "    among active", "  Files at risk ", "  Review coverag"])
  }
}
