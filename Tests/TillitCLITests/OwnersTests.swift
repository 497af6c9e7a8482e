import Foundation
import Testing
import TillitTestSupport

/// Ownership that counts: claims (by hand, or imported from CODEOWNERS) read by `tillit owners`,
/// `tillit reviewers` and `tillit audit`, and claims naming only people Tillit knows.
@Suite struct ClaimedOwnersTests {
  static let day = ["TILLIT_NOW": "2026-01-05T09:00:00Z"]

  /// Bob wrote net/a.c twice, Carol net/b.c once; Dee wrote docs/x.md. Carol claims net/**;
  /// CODEOWNERS gives docs/ to @docs-team and Dee.
  func claimedHistory() throws -> History {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["net/a.c": "1\n"], date: "2025-12-01")
    try history.commit("Bob", "bob@example.com", ["net/a.c": "2\n"], date: "2025-12-02")
    try history.commit("Carol", "carol@example.com", ["net/b.c": "1\n"], date: "2025-12-03")
    try history.commit("Dee", "dee@example.com", ["docs/x.md": "1\n", "lib/z.c": "1\n"], date: "2025-12-04")
    try history.repo.write("CODEOWNERS", "docs/ @docs-team dee@example.com\n")
    try history.commit("Dee", "dee@example.com", [:], date: "2025-12-05", message: "owners")
    let claimed = try history.repo.tillit(["own", "net/**", "--by", "carol@example.com"], environment: Self.day)
    try #require(claimed.status == 0, "\(claimed.output)")
    try #require(try history.repo.tillit(["own", "--import-codeowners"], environment: Self.day).status == 0)
    return history
  }

  @Test func ownersListsTheClaimedOwnersFirstWithTheirSourceAndWhatTheyKnow() throws {
    let history = try claimedHistory()
    let net = try history.json(["owners", "net"])
    let claimed = try #require(net["claimed"] as? [[String: Any]], "\(net)")
    #expect(claimed.count == 1)
    let carol = try #require(claimed.first)
    #expect(carol["email"] as? String == "carol@example.com")
    #expect(carol["kind"] as? String == "person")
    #expect(carol["files"] as? Int == 2)
    let claim = try #require((carol["claims"] as? [[String: Any]])?.first)
    #expect(claim["source"] as? String == "ledger")
    #expect(claim["reason"] as? String == "claims net/** (ledger claim by ada@example.com on 2026-01-05)")
    let knowledge = try #require(carol["knowledge"] as? [String: Any])
    #expect(knowledge["knows"] as? Int == 1)
    #expect(knowledge["changes"] as? Int == 1)
    #expect(knowledge["reviews"] as? Int == 0)
    #expect(net["ownedFiles"] as? Int == 2)
    // The people who know the files follow, as before: Bob first.
    #expect((net["reviewers"] as? [[String: Any]])?.first?["email"] as? String == "bob@example.com")

    let table = try history.repo.tillit(["owners", "net"])
    #expect(table.stdout.hasPrefix("Claimed owners of net: 2 of 2 files owned\n  1. Carol <carol@example.com>  claimed\n"), "\(table.output)")
    #expect(table.stdout.contains("history: knows 1 of 2 files they own (1 change, 0 reviews; last 2025-12-03)"), "\(table.output)")
    #expect(table.stdout.contains("\nWho knows net: 2 files"), "\(table.output)")

    let docs = try history.json(["owners", "docs/x.md"])
    let owners = try #require(docs["claimed"] as? [[String: Any]])
    #expect(owners.map { $0["owner"] as? String } == ["@docs-team", "dee@example.com"])
    #expect(owners.first?["kind"] as? String == "handle")
    #expect(owners.first?["email"] is NSNull)
    let imported = try #require((owners.last?["claims"] as? [[String: Any]])?.first)
    #expect(imported["source"] as? String == "codeowners")
    #expect(imported["reason"] as? String == "CODEOWNERS: docs/ @docs-team dee@example.com (imported by ada@example.com on 2026-01-05)")
    let docsTable = try history.repo.tillit(["owners", "docs/x.md"]).stdout
    #expect(docsTable.contains("  1. @docs-team  claimed\n"), "\(docsTable)")
    #expect(docsTable.contains("a handle no people.aliases entry maps to a person"), "\(docsTable)")

    let lib = try history.repo.tillit(["owners", "lib"]).stdout
    #expect(lib.hasPrefix("Claimed owners: none; no claim covers this file"), "\(lib)")
  }

  /// Bob wrote net/a.c twice, Carol net/b.c; Ada, the author, changes both.
  func reviewedHistory() throws -> History {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["net/a.c": "1\n"], date: "2025-12-01")
    try history.commit("Bob", "bob@example.com", ["net/a.c": "2\n"], date: "2025-12-02")
    try history.commit("Carol", "carol@example.com", ["net/b.c": "1\n"], date: "2025-12-03")
    try history.commit("Eve", "eve@example.com", ["other/e.c": "1\n"], date: "2025-12-04")
    try history.commit("Ada Tester", "ada@example.com", ["net/a.c": "3\n", "net/b.c": "2\n"], date: "2025-12-10")
    return history
  }

  func picks(_ history: History, _ arguments: [String] = []) throws -> [(email: String, role: String, reasons: [String])] {
    let result = try history.json(["reviewers", "HEAD", "--mode", "expert"] + arguments)
    return (result["reviewers"] as? [[String: Any]] ?? []).map {
      ($0["email"] as? String ?? "", $0["role"] as? String ?? "", $0["reasons"] as? [String] ?? [])
    }
  }

  @Test func anOwnerOfTouchedPathsIsSuggestedFirstUnlessTheyAreTheAuthorOrHaveLeft() throws {
    let history = try reviewedHistory()
    #expect(try picks(history).map(\.email) == ["bob@example.com", "carol@example.com"])
    // Eve never touched net/, but owns it: she comes first, as owner, and says why.
    let own = try history.repo.tillit(["own", "net/**", "--by", "ada@example.com", "eve@example.com"], environment: Self.day)
    try #require(own.status == 0, "\(own.output)")
    let owned = try picks(history)
    #expect(owned.map(\.email) == ["eve@example.com", "bob@example.com"], "\(owned)")
    #expect(owned.map(\.role) == ["owner", "expert"])
    #expect(owned.first?.reasons.first == "claims net/** (ledger claim by ada@example.com on 2026-01-05)")
    // Ada owns net/ too, but she wrote the change: never her.
    #expect(!owned.contains { $0.email == "ada@example.com" })
    let table = try history.repo.tillit(["reviewers", "HEAD", "--mode", "expert"]).stdout
    #expect(table.contains("  1. Eve <eve@example.com>  owner\n     claims net/** (ledger claim by ada@example.com on 2026-01-05)"), "\(table)")
    // One slot: the owner takes it.
    #expect(try picks(history, ["--count", "1"]).map(\.email) == ["eve@example.com"])
    // Eve has left: the experts fill the slots again.
    try history.repo.write(".tillit.yml", "people:\n  left: [eve@example.com]\n")
    #expect(try picks(history).map(\.email) == ["bob@example.com", "carol@example.com"])
  }

  @Test func aCodeownersHandleIsSuggestedOnlyWhenAnAliasNamesThePerson() throws {
    let history = try reviewedHistory()
    try history.repo.write("CODEOWNERS", "net/b.c @carol-gh\n")
    try #require(try history.repo.tillit(["own", "--import-codeowners"], environment: Self.day).status == 0)
    // @carol-gh is no one Tillit can name: nobody is suggested as owner.
    #expect(try picks(history).map(\.role) == ["expert", "expert"])
    try history.repo.write(".tillit.yml", "people:\n  aliases:\n    carol@example.com: [\"@carol-gh\"]\n")
    let mapped = try picks(history)
    #expect(mapped.map(\.email) == ["carol@example.com", "bob@example.com"], "\(mapped)")
    #expect(mapped.first?.role == "owner")
    #expect(mapped.first?.reasons.first == "CODEOWNERS: net/b.c @carol-gh (imported by ada@example.com on 2026-01-05)")
  }

  /// Owners are in no trailer history: claiming paths leaves every figure of the backtest as it was.
  @Test func claimsLeaveTheBacktestAsItWas() throws {
    let history = try History()
    for day in 1...3 {
      try history.commit("Bob", "bob@example.com", ["a/x.c": "\(day)\n"], date: "2025-03-0\(day)", reviewers: ["Carol <carol@example.com>"])
      try history.commit("Eve", "eve@example.com", ["b/y.c": "\(day)\n"], date: "2025-03-1\(day)", reviewers: ["Dan <dan@example.com>"])
    }
    let modes = ["expert", "auto", "spread"]
    let before = try modes.map { try history.repo.tillit(["backtest", "--mode", $0, "--format", "json"]).stdout }
    for (pattern, owner) in [("a/**", "eve@example.com"), ("b/**", "bob@example.com")] {
      try #require(try history.repo.tillit(["own", pattern, "--by", owner]).status == 0)
    }
    #expect(try history.reviewerEmails(["reviewers", "HEAD", "--mode", "expert"]).first == "bob@example.com", "the claims count for suggestions")
    let after = try modes.map { try history.repo.tillit(["backtest", "--mode", $0, "--format", "json"]).stdout }
    #expect(after == before)
  }

  /// Dee wrote old/ long ago; Ann x/, Bob y/ and w/, Cy z/ lately, and Cy has left. Dee claims
  /// old/, Cy z/, Ann x/; CODEOWNERS gives y/ to @y-team; nobody claims w/.
  @Test func theAuditShowsClaimsThatDriftedAndFilesAtRiskNobodyOwns() throws {
    let history = try History()
    try history.commit("Dee", "dee@example.com", ["old/f.c": "f\n"], date: "2025-01-10")
    try history.commit("Ann", "ann@example.com", ["x/a.c": "a\n", "x/b.c": "b\n"], date: "2025-12-01")
    try history.commit("Bob", "bob@example.com", ["y/c.c": "c\n", "w/e.c": "e\n"], date: "2025-12-04")
    try history.repo.write("CODEOWNERS", "y/ @y-team\n")
    try history.commit("Cy", "cy@example.com", ["z/d.c": "d\n"], date: "2025-12-06")
    try history.repo.write(".tillit.yml", "ignore: [CODEOWNERS, .tillit.yml]\npeople:\n  left: [cy@example.com]\n")
    for (pattern, owner) in [("old/**", "dee@example.com"), ("z/**", "cy@example.com"), ("x/**", "ann@example.com")] {
      try #require(try history.repo.tillit(["own", pattern, "--by", owner]).status == 0)
    }
    try #require(try history.repo.tillit(["own", "--import-codeowners"]).status == 0)

    let audit = try history.json(["audit"])
    let ownership = try #require(audit["ownership"] as? [String: Any], "\(audit.keys)")
    #expect(ownership["claims"] as? Int == 4)
    #expect(ownership["ownedFiles"] as? Int == 5)
    let drift = try #require(ownership["drift"] as? [[String: Any]])
    #expect(
      drift.map { [$0["pattern"] as? String, $0["owner"] as? String, $0["kind"] as? String] }
        == [["old/**", "dee@example.com", "inactive"], ["z/**", "cy@example.com", "left"], ["y/", "@y-team", "unchecked"]])
    #expect(drift.first?["reason"] as? String == "has not changed or reviewed the file claimed since 2025-01-10")
    #expect(drift.first?["lastTouched"] as? String == "2025-01-10T12:00:00Z")
    #expect(((drift.last?["claim"] as? [String: Any])?["source"] as? String) == "codeowners")
    let unowned = try #require(ownership["unownedFilesAtRisk"] as? [String: Any])
    #expect(unowned["count"] as? Int == 1)
    #expect(unowned["files"] as? [String] == ["w/e.c"])

    let table = try history.repo.tillit(["audit"])
    #expect(table.stdout.contains("\nOwnership: 4 claims own 5 files; 2 owners drifted, 1 file at risk unowned\n"), "\(table.output)")
    #expect(table.stdout.contains("  z/**  cy@example.com\n      has left the project (people.left)\n"), "\(table.output)")
    #expect(table.stdout.contains("  y/  @y-team\n      a handle no people.aliases entry maps to a person: cannot be checked\n"), "\(table.output)")
    #expect(table.stdout.contains("Files at risk nobody owns (first 1 of 1; tillit own PATTERN --by PERSON)\n  w/e.c\n"), "\(table.output)")
    #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(table.stdout.split(separator: "\n").filter { $0.count > 80 })")

    let page = history.repo.root + "/audit.html"
    #expect(try history.repo.tillit(["audit", "--format", "html", "--out", page]).status == 0)
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.contains("<h2>Ownership</h2>"))
    #expect(html.contains("<tr><td><code>z/**</code></td><td>cy@example.com</td><td class=\"n\">1</td><td>has left the project (people.left)</td></tr>"))
    #expect(html.contains("<h2>Files at risk nobody owns (1)</h2>"))
    #expect(html.contains("<td>w/e.c</td>"))
  }

  /// `--by` and `--to` name people Tillit knows, from .mailmap, the history (authors,
  /// committers, trailers) or the ledger; anyone else needs --new-person.
  @Test func byAndToMustNameAKnownPersonUnlessNewPersonIsGiven() throws {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["net/a.c": "1\n"], reviewers: ["Carol <carol@example.com>"])
    try history.repo.write("net/a.c", "2\n")
    try history.repo.commitAll(
      "by Bob, committed by Zed",
      environment: [
        "GIT_AUTHOR_NAME": "Bob", "GIT_AUTHOR_EMAIL": "bob@example.com", "GIT_COMMITTER_NAME": "Zed", "GIT_COMMITTER_EMAIL": "zed@example.com",
      ])
    try history.repo.write(".mailmap", "Bo <bo@example.com> <bo@old.example.com>\n")

    let typo = try history.repo.tillit(["own", "net/**", "--by", "bobb@example.com"])
    #expect(typo.status == 2, "\(typo.output)")
    #expect(
      typo.stderr.contains("tillit: --by names 'bobb@example.com' (did you mean bob@example.com or bo@example.com?), whom neither .mailmap, the history"),
      "\(typo.output)")
    #expect(typo.stderr.contains("pass --new-person to name someone new"), "\(typo.output)")
    #expect(try history.repo.tillit(["own"]).stdout.contains("no ownership is claimed"), "nothing was recorded")

    let known = try history.repo.tillit(["own", "net/**", "--by", "bob@example.com", "carol@example.com", "zed@example.com", "bo@old.example.com", "Bob"])
    #expect(known.status == 0, "\(known.output)")
    #expect(try history.repo.tillit(["own", "docs/**", "--by", "newbie@example.com", "--new-person"]).status == 0)
    // Named in the ledger now: known.
    #expect(try history.repo.tillit(["request", "HEAD", "--to", "newbie@example.com"]).status == 0)

    let stranger = try history.repo.tillit(["request", "HEAD", "--to", "carol@example.com", "nobody@example.com"])
    #expect(stranger.status == 2, "\(stranger.output)")
    #expect(stranger.stderr.contains("tillit: --to names 'nobody@example.com', whom neither"), "\(stranger.output)")
    #expect(stranger.stderr.contains("--new-person"), "\(stranger.output)")
    #expect(try history.repo.tillit(["request", "HEAD", "--to", "nobody@example.com", "--new-person"]).status == 0)

    // A GitHub handle is someone only through people.aliases.
    #expect(try history.repo.tillit(["own", "lib/**", "--by", "@bob-gh"]).status == 2)
    try history.repo.write(".tillit.yml", "people:\n  aliases:\n    bob@example.com: [\"@bob-gh\"]\n")
    let aliased = try history.repo.tillit(["own", "lib/**", "--by", "@bob-gh"])
    #expect(aliased.status == 0, "\(aliased.output)")
  }
}
