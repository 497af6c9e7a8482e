import Foundation
import Testing
import TillitTestSupport

/// What each setting that shapes the knowledge model does to the suggestions: the same history
/// asked about before and after `people.aliases`, `people.bots`, `people.left`, linguist
/// attributes, `.git-blame-ignore-revs` and `reviewers.max-files`. Each also shows that the cached
/// model is not reused once the setting changes.
@Suite struct KnowledgeSettingsEffectTests {
  func picks(_ history: History, _ arguments: [String] = ["reviewers", "HEAD", "--mode", "expert", "--count", "10"]) throws -> [String] {
    try history.reviewerEmails(arguments)
  }

  @Test func anAliasMakesTwoEmailsOnePerson() throws {
    let history = try History()
    try history.commit("Carol", "carol@example.com", ["lib/f.c": "1\n"])
    try history.commit("Carol", "carol@example.com", ["lib/f.c": "2\n"])
    try history.commit("Bob", "bob@example.com", ["lib/f.c": "3\n"])
    try history.commit("Robert", "robert@old.example", ["lib/f.c": "4\n"])
    try history.commit("Robert", "robert@old.example", ["lib/f.c": "5\n"])
    try history.commit("Ada Tester", "ada@example.com", ["lib/f.c": "6\n"])
    #expect(try picks(history) == ["carol@example.com", "robert@old.example", "bob@example.com"])
    try history.repo.write(".tillit.yml", "people:\n  aliases:\n    bob@example.com: [robert@old.example]\n")
    let merged = try history.json(["reviewers", "HEAD", "--mode", "expert", "--count", "10"])
    let people = try #require(merged["reviewers"] as? [[String: Any]])
    #expect(people.map { $0["email"] as? String } == ["bob@example.com", "carol@example.com"])
    #expect((people.first?["reasons"] as? [String])?.first == "made 3 of 6 changes (50%) to lib/f.c")
  }

  @Test func aConfiguredBotIsNeverSuggestedNorCounted() throws {
    let history = try History()
    try history.commit("Carol", "carol@example.com", ["lib/f.c": "1\n"])
    try history.commit("Release Robot", "robot@example.com", ["lib/f.c": "2\n"])
    try history.commit("Release Robot", "robot@example.com", ["lib/f.c": "3\n"])
    try history.commit("Ada Tester", "ada@example.com", ["lib/f.c": "4\n"])
    #expect(try picks(history) == ["robot@example.com", "carol@example.com"])
    try history.repo.write(".tillit.yml", "people:\n  bots: [\"robot@*\"]\n")
    #expect(try picks(history) == ["carol@example.com"])
    // By name too.
    try history.repo.write(".tillit.yml", "people:\n  bots: [\"Release *\"]\n")
    #expect(try picks(history) == ["carol@example.com"])
  }

  @Test func someoneWhoLeftIsNotSuggestedButStillListedAsAnOwner() throws {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["lib/f.c": "1\n"])
    try history.commit("Bob", "bob@example.com", ["lib/f.c": "2\n"])
    try history.commit("Carol", "carol@example.com", ["lib/f.c": "3\n"])
    try history.commit("Ada Tester", "ada@example.com", ["lib/f.c": "4\n"])
    #expect(try picks(history) == ["bob@example.com", "carol@example.com"])
    try history.repo.write(".tillit.yml", "people:\n  left: [Bob@Example.com]\n")
    #expect(try picks(history) == ["carol@example.com"])
    let owners = try #require(try history.json(["owners", "lib/f.c"])["reviewers"] as? [[String: Any]])
    let bob = try #require(owners.first { $0["email"] as? String == "bob@example.com" })
    #expect((bob["reasons"] as? [String])?.last == "has left the project")
  }

  /// Generated and vendored files are nobody's knowledge: their authors are not suggested for
  /// them, and a change is not said to touch them.
  @Test(arguments: ["linguist-generated", "linguist-vendored"]) func linguistAttributesLeaveFilesOut(attribute: String) throws {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["gen/api.c": "1\n"])
    try history.commit("Bob", "bob@example.com", ["gen/api.c": "2\n"])
    try history.commit("Carol", "carol@example.com", ["src/x.c": "1\n"])
    try history.commit("Ada Tester", "ada@example.com", ["gen/api.c": "3\n", "src/x.c": "2\n"])
    let before = try history.json(["reviewers", "HEAD", "--mode", "expert"])
    #expect((before["change"] as? [String: Any])?["files"] as? [String] == ["gen/api.c", "src/x.c"])
    #expect(try picks(history).contains("bob@example.com"))
    try history.commit("Ada Tester", "ada@example.com", [".gitattributes": "gen/** \(attribute)\n", "gen/api.c": "4\n", "src/x.c": "3\n"])
    let after = try history.json(["reviewers", "HEAD", "--mode", "expert"])
    #expect((after["change"] as? [String: Any])?["files"] as? [String] == [".gitattributes", "src/x.c"])
    #expect(try picks(history) == ["carol@example.com"])
    let owners = try history.repo.tillit(["owners", "gen"])
    #expect(owners.status == 2, "\(owners.output)")
    #expect(owners.stderr.contains("nothing in the history of HEAD is known about 'gen'"), "\(owners.output)")
  }

  /// Commits listed in `.git-blame-ignore-revs` (a reformatting, say) give their author no
  /// knowledge of the files they touched.
  @Test func blameIgnoredCommitsGiveNoAuthorship() throws {
    let history = try History()
    try history.commit("Carol", "carol@example.com", ["lib/f.c": "1\n"])
    var reformats: [String] = []
    for n in 2...4 { reformats.append(try history.commit("Bob", "bob@example.com", ["lib/f.c": "\(n)\n"], message: "reformat")) }
    try history.commit("Ada Tester", "ada@example.com", ["lib/f.c": "5\n"])
    #expect(try picks(history) == ["bob@example.com", "carol@example.com"])
    let ignored = "# reformatting\n" + reformats.map { "\($0)  # reformat\n" }.joined()
    try history.commit("Ada Tester", "ada@example.com", [".git-blame-ignore-revs": ignored, "lib/f.c": "6\n"])
    #expect(try picks(history) == ["carol@example.com"])
  }

  /// A commit touching more files than `reviewers.max-files` (a mass rename, a reformatting)
  /// gives no authorship.
  @Test func commitsOverMaxFilesGiveNoAuthorship() throws {
    let history = try History()
    try history.commit("Carol", "carol@example.com", ["lib/f.c": "1\n"])
    let wide = Dictionary(uniqueKeysWithValues: (1...4).map { ("lib/other\($0).c", "x\n") } + [("lib/f.c", "wide\n")])
    try history.commit("Bob", "bob@example.com", wide)
    try history.commit("Bob", "bob@example.com", wide)
    try history.commit("Ada Tester", "ada@example.com", ["lib/f.c": "2\n"])
    #expect(try picks(history) == ["bob@example.com", "carol@example.com"])
    try history.repo.write(".tillit.yml", "reviewers:\n  max-files: 5\n")
    #expect(try picks(history) == ["bob@example.com", "carol@example.com"], "five files are not more than five")
    try history.repo.write(".tillit.yml", "reviewers:\n  max-files: 4\n")
    #expect(try picks(history) == ["carol@example.com"])
  }
}
