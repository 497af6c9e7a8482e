import Foundation
import Testing
import TillitTestSupport

/// A partial clone (`git clone --filter=blob:none`, common for large monorepos) lacks the content
/// of old files and libgit2 cannot fetch it: the commands that read the whole history answer,
/// with renames paired without content where they can be, and say once what could not be compared.
@Suite(.tags(.slow)) struct PartialCloneTests {
  static let warning = "could not be compared for renames because their content is missing from this clone"

  /// Renames with small edits (compared by similarity in a full clone), a large file, reviewer
  /// trailers; HEAD changes only files never renamed.
  static func history() throws -> History {
    let history = try History()
    let big = (0..<20_000).map { "large file line \($0)\n" }.joined()
    try history.commit(
      "Ann", "ann@example.com",
      [
        "src/core/engine.c": lines("engine", 60), "src/util/strings.c": lines("strings", 40),
        "src/old_name.c": lines("old", 40), "docs/guide.md": lines("guide", 20), "assets/big.dat": big,
      ], date: "2025-11-01")
    try history.commit("Bob", "bob@example.com", ["src/core/engine.c": "bob\n"], date: "2025-11-05", reviewers: ["Cy <cy@example.com>"])
    try move(history.repo, "src/util/strings.c", "lib/util/strings.c")
    try history.commit("Cy", "cy@example.com", ["lib/util/strings.c": "moved\n"], date: "2025-11-10", reviewers: ["Ann <ann@example.com>"])
    try move(history.repo, "src/old_name.c", "src/new_name.c")
    try history.commit("Bob", "bob@example.com", ["src/new_name.c": "renamed\n"], date: "2025-11-15", reviewers: ["Ann <ann@example.com>"])
    try history.commit(
      "Bob", "bob@example.com", ["assets/big.dat": "more\n", "src/core/engine.c": "bob again\n"], date: "2025-11-20",
      reviewers: ["Cy <cy@example.com>"])
    try history.commit("Cy", "cy@example.com", ["lib/util/strings.c": "cy\n"], date: "2025-11-25", reviewers: ["Bob <bob@example.com>"])
    try history.commit(
      "Ann", "ann@example.com", ["src/core/engine.c": "ann\n", "docs/guide.md": "ann\n"], date: "2025-12-01",
      reviewers: ["Cy <cy@example.com>"])
    return history
  }

  @Test func reviewersBacktestAndAuditAnswerInAPartialClone() throws {
    let history = try Self.history()
    let full = try TempRepo(cloneOf: history.repo, options: [])
    let partial = try TempRepo(cloneOf: history.repo, options: ["--filter=blob:none"])
    #expect(try partial.git(["rev-list", "--objects", "--missing=print", "--all"]).stdout.contains("\n?"), "old blobs are missing")
    for command in [["reviewers", "HEAD"], ["backtest"], ["audit"], ["people"]] {
      let expected = try full.tillit(command)
      let result = try partial.tillit(command)
      #expect(result.status == 0, "\(command): \(result.output)")
      #expect(!expected.stderr.contains(Self.warning))
      #expect(result.stderr.components(separatedBy: Self.warning).count == 2, "\(command): once, \(result.stderr)")
      // src/util/strings.c moved to lib/util/ keeps its name: paired; src/old_name.c to src/new_name.c cannot be.
      // Missing: both sides of the first (lib/util/strings.c changed since), the old side of the second.
      #expect(result.stderr.contains("3 files added or deleted in 2 commits"), "\(command): \(result.stderr)")
      #expect(result.stderr.contains("1 pair matched by file name alone"))
      #expect(!result.stderr.contains("not found"), "\(command): \(result.stderr)")
      if command == ["reviewers", "HEAD"] || command == ["people"] {
        #expect(result.stdout == expected.stdout, "\(command): the files HEAD changed were never renamed")
      }
    }
    // A model read from the cache says it again.
    let again = try partial.tillit(["reviewers", "HEAD"])
    #expect(again.stderr.components(separatedBy: Self.warning).count == 2, "\(again.stderr)")
  }

  @Test func knowledgeOfFilesNeverRenamedIsTheFullClones() throws {
    let history = try Self.history()
    let full = try TempRepo(cloneOf: history.repo, options: [])
    let partial = try TempRepo(cloneOf: history.repo, options: ["--filter=blob:none"])
    // One time for both clones: the JSON names when it was made, and the two runs can straddle a second.
    let now = ["TILLIT_NOW": "2026-06-01T12:00:00Z"]
    for path in ["src/core/engine.c", "docs/guide.md", "assets/big.dat", "lib/util/strings.c"] {
      let expected = try full.tillit(["owners", path, "--format", "json"], environment: now)
      let result = try partial.tillit(["owners", path, "--format", "json"], environment: now)
      #expect(result.status == 0, "\(result.output)")
      #expect(result.stdout == expected.stdout, "\(path)")
    }
    // Renamed without a name to pair it by: known from the rename on, in the partial clone only.
    let renamed = try partial.tillit(["owners", "src/new_name.c", "--format", "json"], environment: now)
    #expect(renamed.status == 0)
    #expect(renamed.stdout != (try full.tillit(["owners", "src/new_name.c", "--format", "json"], environment: now)).stdout)
  }

  @Test func committingWithTillitInstalledWorksInAPartialClone() throws {
    let history = try Self.history()
    let partial = try TempRepo(cloneOf: history.repo, options: ["--filter=blob:none"])
    let install = try partial.tillit(["install"])
    #expect(install.status == 0, "\(install.output)")
    try Self.move(partial, "src/new_name.c", "src/newer_name.c")
    try partial.write("src/core/engine.c", try partial.read("src/core/engine.c") + "staged\n")
    let commit = try partial.git(["commit", "-q", "-m", "rename and edit"], allowFailure: true)
    #expect(commit.status == 0, "\(commit.output)")
    #expect(!commit.output.contains("not found"), "\(commit.output)")
    #expect(commit.output.contains("Reviewers") || commit.output.contains("reviewer"), "\(commit.output)")
    // The history's gaps were said when the model was built; the next commit adds none.
    try partial.write("docs/guide.md", try partial.read("docs/guide.md") + "next\n")
    let next = try partial.git(["commit", "-q", "-a", "-m", "next"], allowFailure: true)
    #expect(next.status == 0, "\(next.output)")
    #expect(!next.output.contains(Self.warning), "\(next.output)")
  }

  @Test func aBarePartialCloneSaysWhichOfHeadsSettingsFilesItLacks() throws {
    let history = try Self.history()
    try history.repo.write(".gitattributes", "assets/** linguist-generated\n")
    try history.repo.write(".mailmap", "Ann Example <ann@example.com>\n")
    try history.repo.write(".git-blame-ignore-revs", "# none yet\n")
    try history.commit("Ann", "ann@example.com", [:], date: "2025-12-02")
    let bare = try TempRepo(cloneOf: history.repo, options: ["--bare", "--filter=blob:none"])
    for command in [["people"], ["reviewers", "HEAD"]] {
      let result = try bare.tillit(command)
      #expect(result.status == 0, "\(command): \(result.output)")
      for file in [".mailmap", ".gitattributes", ".git-blame-ignore-revs"] {
        #expect(result.stderr.components(separatedBy: "HEAD's \(file) is missing from this clone").count == 2, "\(command): \(result.stderr)")
      }
    }
  }

  @Test func theLedgerSyncsWithItsEventsInAPartialClone() throws {
    let history = try Self.history()
    #expect(try history.repo.tillit(["review", "HEAD", "--approve", "-m", "looks right"]).status == 0)
    let fresh = try TempRepo(cloneOf: history.repo, options: ["--filter=blob:none"])
    let filtered = try TempRepo(cloneOf: history.repo, options: ["--filter=blob:none"])
    // A plain fetch with Tillit's rule brings the ledger with the clone's filter: no events.
    try filtered.git(["fetch", "-q", "origin", "+refs/tillit/v1/*:refs/tillit/remotes/origin/v1/*"])
    for clone in [fresh, filtered] {
      let sync = try clone.tillit(["ledger", "sync"])
      #expect(sync.status == 0, "\(sync.output)")
      #expect(!sync.output.contains("not found"), "\(sync.output)")
      let log = try clone.tillit(["ledger", "log", "--stream", "reviews"])
      #expect(log.stdout.contains("approve"), "\(log.output)")
      #expect(!log.output.contains("not found"), "\(log.output)")
    }
  }

  private static func move(_ repo: TempRepo, _ from: String, _ to: String) throws {
    let folder = URL(fileURLWithPath: repo.path + "/" + to).deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try repo.git(["mv", from, to])
  }

  private static func lines(_ tag: String, _ count: Int) -> String {
    (0..<count).map { "\(tag) line \($0) with enough text to be compared\n" }.joined()
  }
}
