import Foundation
import Testing
import TillitTestSupport

/// `tillit people` on histories whose people are known by construction.
@Suite struct PeopleTests {
  /// Alice moves from her work email to a personal one and goes on in the same files; two
  /// different Bob Smiths work at the same time, one on web/, one on db/; Dan writes under two
  /// domains with one local part, Eve under two local parts of her own domain; Carol's one email carries two names.
  func knownHistory() throws -> History {
    let history = try History()
    try history.commit("Alice Example", "alice@work.example", ["core/a.c": "a\n", "core/b.c": "b\n"], date: "2025-01-01")
    try history.commit("Bob Smith", "bob@one.example", ["web/x.js": "x\n"], date: "2025-01-02")
    try history.commit("Bob Smith", "rsmith@two.example", ["db/q.sql": "q\n"], date: "2025-01-03")
    try history.commit("Alice Example", "alice@work.example", ["core/a.c": "a\n"], date: "2025-02-01")
    try history.commit("Bob Smith", "bob@one.example", ["web/y.js": "y\n"], date: "2025-02-02")
    try history.commit("Bob Smith", "rsmith@two.example", ["db/r.sql": "r\n"], date: "2025-02-03")
    try history.commit("Dan Lee", "dan@old.example", ["tools/t.sh": "t\n"], date: "2025-03-01")
    try history.commit("Dan Lee", "dan@new.example", ["docs/d.md": "d\n"], date: "2025-03-02")
    try history.commit("Eve Park", "git@park.example", ["tools/u.sh": "u\n"], date: "2025-03-03")
    try history.commit("Eve Park", "hello@park.example", ["docs/e.md": "e\n"], date: "2025-03-04")
    try history.commit("alice example", "a.example@home.example", ["core/a.c": "a\n", "core/c.c": "c\n"], date: "2025-06-01")
    try history.commit("Alice Example", "a.example@home.example", ["core/b.c": "b\n"], date: "2025-07-01")
    try history.commit("Carol", "carol@example.com", ["docs/x.md": "x\n"], date: "2025-07-02")
    try history.commit("Carol Jones", "carol@example.com", ["docs/y.md": "y\n"], date: "2025-07-03")
    try history.commit("Carol Jones", "carol@example.com", ["docs/y.md": "y\n"], date: "2025-07-04")
    return history
  }

  func suggestions(_ history: History) throws -> [[String: Any]] {
    try #require(try history.json(["people"])["suggestions"] as? [[String: Any]])
  }

  @Test func theKnownDuplicateIsSuggestedAndNamesakesAtWorkElsewhereAreNot() throws {
    let history = try knownHistory()
    let people = try history.json(["people"])
    #expect((people["people"] as? [[String: Any]])?.count == 9)
    #expect(people["probableDuplicates"] as? Int == 3)
    let found = try suggestions(history)
    let sameName = found.filter { $0["kind"] as? String == "same-name" }
    #expect(sameName.map { $0["email"] as? String } == ["a.example@home.example", "dan@new.example", "hello@park.example"])
    #expect(sameName.map { $0["others"] as? [String] } == [["alice@work.example"], ["dan@old.example"], ["git@park.example"]])
    #expect(
      sameName.first?["mailmap"] as? [String] == ["Alice Example <a.example@home.example>", "Alice Example <a.example@home.example> <alice@work.example>"])
    let evidence = (sameName.first?["evidence"] as? [String] ?? []).joined(separator: "\n")
    #expect(evidence.contains("2 files in common"))
    #expect(evidence.contains("alice@work.example last used 2025-02-01, a.example@home.example first used 2025-06-01"))
    #expect((sameName[1]["evidence"] as? [String])?.contains("same local part 'dan'") == true)
    #expect((sameName[2]["evidence"] as? [String])?.contains("same domain 'park.example', which no one else uses") == true)
    // The two Bob Smiths alternate in time but share no file, folder or local part.
    let output = try history.repo.tillit(["people", "--suggest"])
    #expect(output.status == 0)
    #expect(!output.stdout.contains("rsmith@two.example") && !output.stdout.contains("bob@one.example"))
    let sameEmail = found.filter { $0["kind"] as? String == "same-email" }
    #expect(sameEmail.map { $0["mailmap"] as? [String] } == [["Carol Jones <carol@example.com>"]])
    #expect(output.stdout.contains("Ready to paste into .mailmap"))
    let audit = try history.json(["audit"])
    #expect(audit["probableDuplicates"] as? Int == 3)
  }

  @Test func applyAppendsEachSuggestedLineOnceAndThePeopleAreThenOne() throws {
    let history = try knownHistory()
    try history.repo.write(".mailmap", "Zed <zed@example.com> <z@old.example>")
    let applied = try history.repo.tillit(["people", "--apply"])
    #expect(applied.status == 0, "\(applied.output)")
    #expect(
      try history.repo.read(".mailmap") == """
        Zed <zed@example.com> <z@old.example>
        Alice Example <a.example@home.example>
        Alice Example <a.example@home.example> <alice@work.example>
        Dan Lee <dan@new.example> <dan@old.example>
        Eve Park <hello@park.example> <git@park.example>
        Carol Jones <carol@example.com>

        """)
    let again = try history.repo.tillit(["people", "--apply"])
    #expect(again.stdout.contains("No probable duplicates to add; .mailmap is left as it is."))
    #expect(try history.repo.read(".mailmap").components(separatedBy: "\n").count == 7)
    let people = try history.json(["people"])
    #expect((people["people"] as? [[String: Any]])?.count == 6)
    #expect(people["probableDuplicates"] as? Int == 0)
    #expect((people["suggestions"] as? [[String: Any]])?.isEmpty == true)
  }
}
