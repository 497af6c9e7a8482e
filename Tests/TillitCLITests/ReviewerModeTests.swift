import Foundation
import Testing
import TillitTestSupport

/// `reviewers --mode spread`, a range `A..B`, `--explain`, and `backtest --until`, against
/// histories whose answer is known by construction.
@Suite struct ReviewerModeTests {
  /// net/a.c is known by Bob (who wrote it) and Carol (who reviewed it), so it is not at risk;
  /// Dan knows only its folder.
  func wellKnownFile() throws -> History {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["net/a.c": "1\n"], reviewers: ["Carol <carol@example.com>"])
    try history.commit("Bob", "bob@example.com", ["net/a.c": "2\n"], reviewers: ["Carol <carol@example.com>"])
    try history.commit("Dan", "dan@example.com", ["net/b.c": "1\n"])
    try history.commit("Dan", "dan@example.com", ["net/b.c": "2\n"])
    try history.commit("Ada Tester", "ada@example.com", ["net/a.c": "3\n"])
    return history
  }

  func roles(_ result: [String: Any]) -> [String] {
    (result["reviewers"] as? [[String: Any]] ?? []).map { "\($0["email"] as? String ?? "?") \($0["role"] as? String ?? "?")" }
  }

  @Test func spreadPutsSomeoneWhoShouldLearnTheFileFirst() throws {
    let history = try wellKnownFile()
    let auto = try history.json(["reviewers", "HEAD", "--mode", "auto"])
    #expect(auto["filesAtRisk"] as? [String] == [], "two people know net/a.c")
    // Carol's two reviews of net/a.c count for more than Bob's two changes.
    let expert = try history.json(["reviewers", "HEAD", "--mode", "expert"])
    #expect(roles(expert) == ["carol@example.com expert", "bob@example.com expert"])
    // Not at risk, but only two people know it: auto pairs the best expert with a learner
    // before one of them leaves (SpreadPolicy.knowers).
    #expect(roles(auto) == ["carol@example.com expert", "dan@example.com learner"])
    let learnerReasons = (auto["reviewers"] as? [[String: Any]])?.last?["reasons"] as? [String] ?? []
    #expect(
      learnerReasons.contains { $0.contains("not yet among those who know net/a.c") && $0.hasSuffix("at most 5 active people know it now") },
      "\(learnerReasons)")
    let spread = try history.json(["reviewers", "HEAD", "--mode", "spread"])
    #expect(spread["mode"] as? String == "spread")
    #expect(roles(spread) == ["dan@example.com learner", "carol@example.com expert"])
    let table = try history.repo.tillit(["reviewers", "HEAD", "--mode", "spread"])
    #expect(table.stdout.contains(", mode spread\n  1. Dan <dan@example.com>  learner\n"), "\(table.output)")
  }

  /// net/a.c only Bob knows. Two people work nearby: Rita, new this month, who reviewed eight
  /// of Eve's changes to net/x.c in it, and Sam, who has changed net/s.c once a month for a
  /// year. The learner is Sam: someone who will still be around, not the busiest reviewer.
  @Test func theLearnerIsSomeoneSteadyNotTheBusiestReviewer() throws {
    let history = try History()
    for month in 1...12 {
      try history.commit("Sam", "sam@example.com", ["net/s.c": "\(month)\n"], date: String(format: "2025-%02d-10", month))
    }
    for day in [18, 19, 20] { try history.commit("Bob", "bob@example.com", ["net/a.c": "\(day)\n"], date: "2025-11-\(day)") }
    for day in 1...8 {
      try history.commit(
        "Eve", "eve@example.com", ["net/x.c": "\(day)\n"], date: String(format: "2025-12-%02d", day + 12), reviewers: ["Rita <rita@example.com>"])
    }
    try history.commit("Ada Tester", "ada@example.com", ["net/a.c": "2\n"], date: "2026-01-05")
    let auto = try history.json(["reviewers", "HEAD", "--mode", "auto"])
    #expect(auto["filesAtRisk"] as? [String] == ["net/a.c"])
    #expect(roles(auto) == ["bob@example.com expert", "sam@example.com learner"])
  }

  /// A new file, staged: no history knows it, so it is not counted at risk, but only its
  /// author will know it. Auto pairs the best expert of its folder with a learner.
  @Test func aNewFileBringsInALearner() throws {
    let history = try History()
    for n in 1...3 { try history.commit("Bob", "bob@example.com", ["net/a.c": "\(n)\n"], reviewers: ["Carol <carol@example.com>"]) }
    try history.commit("Carol", "carol@example.com", ["net/b.c": "1\n"], reviewers: ["Bob <bob@example.com>"])
    try history.repo.write("net/new.c", "1\n")
    try history.repo.git(["add", "net/new.c"])
    let auto = try history.json(["reviewers", "--staged", "--mode", "auto"])
    #expect(auto["filesAtRisk"] as? [String] == [], "a file with no history is not counted at risk")
    #expect(roles(auto).map { $0.hasSuffix("learner") } == [false, true], "\(roles(auto))")
    let learnerReasons = (auto["reviewers"] as? [[String: Any]])?.last?["reasons"] as? [String] ?? []
    #expect(learnerReasons.contains { $0.hasSuffix("new: only its author knows it") }, "\(learnerReasons)")
  }

  /// A range is one change: every file its commits touch, by whoever made most of them.
  @Test func aRangeIsSuggestedForAsOneChange() throws {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["net/a.c": "1\n"])
    let base = try history.commit("Dan", "dan@example.com", ["ui/t.c": "1\n"])
    try history.commit("Ada Tester", "ada@example.com", ["net/a.c": "2\n"])
    try history.commit("Ada Tester", "ada@example.com", ["ui/t.c": "2\n"])
    try history.commit("Eve", "eve@example.com", ["ui/t.c": "3\n"])
    let single = try history.reviewerEmails(["reviewers", "HEAD~1", "--mode", "expert", "--count", "5"])
    // Alone, Ada's second commit touches only ui/t.c: Bob knows no more than the root folder.
    #expect(single == ["dan@example.com", "eve@example.com", "bob@example.com"], "\(single)")
    let range = try history.json(["reviewers", "\(base.prefix(12))..HEAD", "--mode", "expert", "--count", "5"])
    let change = try #require(range["change"] as? [String: Any])
    #expect(change["label"] as? String == "\(base.prefix(12))..HEAD")
    #expect(change["files"] as? [String] == ["ui/t.c", "net/a.c"])
    #expect(change["author"] as? String == "ada@example.com", "Ada made two of the three commits")
    #expect(change["commit"] as? String == (try history.repo.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    let emails = (range["reviewers"] as? [[String: Any]] ?? []).compactMap { $0["email"] as? String }
    // The range also holds net/a.c, which Bob wrote.
    #expect(emails == ["bob@example.com", "dan@example.com", "eve@example.com"], "\(emails)")
    let empty = try history.repo.tillit(["reviewers", "HEAD..HEAD"])
    #expect(empty.status == 2)
    #expect(empty.stderr.contains("HEAD..HEAD holds no commits; name a range like main..feature"), "\(empty.output)")
  }

  /// `--explain` gives each reason a line and the score with its parts, as the JSON has them.
  @Test func explainShowsEveryReasonAndTheScoresParts() throws {
    let history = try wellKnownFile()
    let json = try history.json(["reviewers", "HEAD", "--mode", "expert"])
    let picks = try #require(json["reviewers"] as? [[String: Any]])
    #expect(picks.count == 2)
    let plain = try history.repo.tillit(["reviewers", "HEAD", "--mode", "expert"]).stdout
    let explained = try history.repo.tillit(["reviewers", "HEAD", "--mode", "expert", "--explain"]).stdout
    #expect(!plain.contains("score "))
    for pick in picks {
      let reasons = try #require(pick["reasons"] as? [String])
      #expect(reasons.count >= 2)
      #expect(plain.contains("     " + reasons.joined(separator: "; ") + "\n"), "\(plain)")
      for reason in reasons { #expect(explained.contains("\n       - \(reason)\n"), "\(explained)") }
      let parts = try #require(pick["parts"] as? [String: Double])
      let score = try #require(pick["score"] as? Double)
      #expect(explained.contains("       score \(score): files \(parts["files"] ?? -1), folder \(parts["folder"] ?? -1), "), "\(explained)")
    }
  }

  /// `--until` leaves out the commits made on or after its day; with `--since`, a window.
  @Test func theBacktestStopsAtUntil() throws {
    let history = try History()
    for day in 1...3 {
      try history.commit("Bob", "bob@example.com", ["a/x.c": "\(day)\n"], date: "2025-03-0\(day)", reviewers: ["Carol <carol@example.com>"])
    }
    for day in 1...3 {
      try history.commit("Eve", "eve@example.com", ["b/y.c": "\(day)\n"], date: "2025-03-1\(day)", reviewers: ["Dan <dan@example.com>"])
    }
    #expect(try history.json(["backtest"])["evaluated"] as? Int == 6)
    let early = try history.json(["backtest", "--until", "2025-03-11"])
    #expect(early["evaluated"] as? Int == 3, "\(early)")
    let window = try history.json(["backtest", "--since", "2025-03-02", "--until", "2025-03-12"])
    #expect(window["evaluated"] as? Int == 3, "Bob's 2nd and 3rd, Eve's 1st: \(window)")
    let nothing = try history.repo.tillit(["backtest", "--until", "2025-03-01"])
    #expect(nothing.status == 2, "\(nothing.output)")
    #expect(nothing.stderr.contains("none in the window names a reviewer"), "\(nothing.output)")
  }

  @Test func theBacktestVariesTheSpreadPolicyAndRefusesAnUnknownKey() throws {
    let history = try History()
    for day in 1...3 {
      try history.commit("Bob", "bob@example.com", ["a/x.c": "\(day)\n"], date: "2025-03-0\(day)", reviewers: ["Carol <carol@example.com>"])
    }
    let varied = try history.json(["backtest", "--mode", "auto", "--policy", "knowers=1,steadiness=0"])
    #expect(varied["evaluated"] as? Int == 3, "\(varied)")
    let wrong = try history.repo.tillit(["backtest", "--policy", "knower=1"])
    #expect(wrong.status == 2, "\(wrong.output)")
    #expect(wrong.stderr.contains("--policy: 'knower=1' is not KEY=NUMBER"), "\(wrong.output)")
    #expect(wrong.stderr.contains("knowers, new-files, steadiness, activity, reviews-halving"), "\(wrong.output)")
    let help = try history.repo.tillit(["backtest", "--help"])
    #expect(help.stdout.contains("- reviews-halving (standard 1.0): recent reviews that halve"), "\(help.output)")
  }

  /// net/a.c Bob and Carol know; Carol reviews his two changes to it in the window, then both
  /// go quiet while Dan and Sam, who work steadily beside it, stay. In auto mode each change
  /// gets a learner, who joins Carol (the actual reviewer stands for the expert) — Dan, the
  /// busier of the two nearby, and then not Dan again, whom the simulation already made a
  /// knower: at the end two active people know net/a.c, where the history has none.
  @Test func aLearnerJoinsTheReviewAndTheSameLearnerIsNotAskedTwice() throws {
    let history = try History()
    for month in 1...6 {
      try history.commit("Dan", "dan@example.com", ["net/b.c": "\(month)\n"], date: String(format: "2025-%02d-04", month))
      try history.commit("Dan", "dan@example.com", ["net/b.c": "\(month)+\n"], date: String(format: "2025-%02d-05", month))
      try history.commit("Sam", "sam@example.com", ["net/c.c": "\(month)\n"], date: String(format: "2025-%02d-06", month))
    }
    for day in 10...12 {
      try history.commit("Bob", "bob@example.com", ["net/a.c": "\(day)\n"], date: "2025-06-\(day)", reviewers: day == 12 ? ["Carol <carol@example.com>"] : [])
    }
    for day in 1...2 {
      try history.commit("Bob", "bob@example.com", ["net/a.c": "x\(day)\n"], date: "2025-07-0\(day)", reviewers: ["Carol <carol@example.com>"])
    }
    try history.commit("Dan", "dan@example.com", ["net/b.c": "late\n"], date: "2026-06-05")
    try history.commit("Sam", "sam@example.com", ["net/c.c": "late\n"], date: "2026-06-06")
    let joined = try history.json(["backtest", "--since", "2025-07-01", "--mode", "auto"])
    #expect(joined["evaluated"] as? Int == 2, "\(joined)")
    #expect(joined["filesAtRiskHistory"] as? Int == 1, "Bob and Carol have gone quiet: \(joined)")
    #expect(joined["filesAtRiskSimulated"] as? Int == 0, "Dan and Sam both learnt net/a.c: \(joined)")
    #expect(joined["reviewsAdded"] as? Int == 2, "\(joined)")
    let replaced = try history.json(["backtest", "--since", "2025-07-01", "--mode", "auto", "--learners", "replace"])
    #expect(replaced["reviewsAdded"] as? Int == 0, "each learner took Carol's place: \(replaced)")
    let expert = try history.json(["backtest", "--since", "2025-07-01", "--mode", "expert"])
    #expect(expert["filesAtRiskSimulated"] as? Int == 1 && expert["reviewsAdded"] as? Int == 0, "\(expert)")
  }
}
