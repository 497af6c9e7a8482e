import Foundation
import Testing
import TillitGit
@testable import TillitCore

@Suite struct KnowledgeSettingsTests {
  @Test func peopleIgnoreAndReviewersAreRead() throws {
    let config = try ConfigParser().parse(
      """
      people:
        aliases:
          ada@example.com: [ada@old.example, Ada@Home.example]
        bots: ["ci@*", "*[bot]*"]
        left: [gone@example.com]
      ignore: ["vendor/**", "*.min.js"]
      reviewers:
        count: 3
        mode: expert
        inactive-after: 12w
        record: false
        trailers: [Reviewed-by, Acked-by]
        max-files: 50
      """)
    let settings = config.knowledge
    #expect(settings.aliases == ["ada@example.com": ["ada@old.example", "ada@home.example"]])
    #expect(settings.bots == ["ci@*", "*[bot]*"])
    #expect(settings.left == ["gone@example.com"])
    #expect(settings.ignore.map(\.pattern) == ["vendor/**", "*.min.js"])
    #expect(settings.count == 3)
    #expect(settings.mode == .expert)
    #expect(settings.inactiveAfter == 84 * 86_400)
    #expect(settings.requestOn == .never)
    #expect(settings.trailers == ["Reviewed-by", "Acked-by"])
    #expect(settings.maxFilesPerCommit == 50)
  }

  @Test func aWrongReviewersValueNamesItsLineAndKey() {
    #expect(throws: ConfigError.self) { try ConfigParser().parse("reviewers:\n  mode: clever\n") }
    let error = #expect(throws: ConfigError.self) { try ConfigParser().parse("checks: []\nreviewers:\n  mode: clever\n") }
    #expect(error?.description.contains("line 3") == true)
    #expect(error?.description.contains("mode") == true)
    #expect(error?.description.contains("expert, spread, auto") == true)
  }
}

@Suite struct KnowledgeArithmeticTests {
  @Test func degreeOfAuthorshipFollowsTheFormula() {
    var record = FileRecord()
    record.recordChange(by: 0, at: 100, created: true)
    record.recordChange(by: 0, at: 200, created: false)
    record.recordChange(by: 1, at: 300, created: false)
    let creator = record.knowledge(of: 0)!
    let other = record.knowledge(of: 1)!
    #expect(abs(record.degreeOfAuthorship(creator) - (3.293 + 1.098 + 0.164 * 2 - 0.321 * log(2.0))) < 1e-9)
    #expect(abs(record.degreeOfAuthorship(other) - (3.293 + 0.164 - 0.321 * log(3.0))) < 1e-9)
    // 3.10 is below 0.75 × 4.50: only the creator authors the file.
    #expect(record.authors() == [0])
  }

  @Test func giniIsZeroForEqualLoadAndGrowsWithConcentration() {
    #expect(Gini.of([5, 5, 5, 5]) == 0)
    #expect(abs(Gini.of([0, 0, 0, 10]) - 0.75) < 1e-9)
    #expect(abs(Gini.of([1, 2, 3, 4]) - 0.25) < 1e-9)
  }

  @Test func tracesHalveEveryHalfLife() {
    var trace = Trace()
    trace.add(at: 0)
    trace.add(at: 0)
    #expect(abs(trace.weight(at: Int64(Trace.halfLife)) - 1) < 1e-9)
    trace.add(at: Int64(Trace.halfLife))
    #expect(trace.count == 3)
    #expect(abs(trace.weight(at: Int64(Trace.halfLife)) - 2) < 1e-9)
  }

  @Test(arguments: [
    ("*[bot]*", "dependabot[bot]@users.noreply.github.com", true),
    ("ci@*", "ci@example.com", true),
    ("ci@*", "alice@ci.example", false),
    ("*-bot", "build-bot", true),
    ("*-bot", "bot-builder", false),
    ("exact@example.com", "EXACT@example.com", true),
    ("ci/*@example.com", "CI/deploy/nightly@example.com", true),
    ("build?", "builds", false),
    ("build?", "BUILD?", true),
    ("", "", true),
    ("", "x", false),
  ])
  func botPatterns(pattern: String, text: String, matches: Bool) {
    #expect(Wildcard(pattern).matches(text) == matches)
  }

  @Test func foldersAboveAPathIncludeTheTop() {
    let folders = KnowledgeModel.directories(of: [RepoPath("a/b/c.txt"), RepoPath("a/d.txt"), RepoPath("top.txt")])
    #expect(Set(folders.map(\.description)) == ["a/b", "a", ""])
  }
}
