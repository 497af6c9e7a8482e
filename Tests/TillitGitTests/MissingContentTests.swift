import Foundation
import Testing
import TillitGit
import TillitTestSupport

/// A partial clone (`--filter=blob:none`) has every commit's trees but only HEAD's files'
/// content; libgit2 cannot fetch the rest. A commit's changes are still read: renames are
/// compared where the content is there and paired by unique file name where it is not.
@Suite struct MissingContentTests {
  @Test func renamesWithEditsAreFoundWithoutTheOldContent() throws {
    let source = try TempRepo()
    try source.write("old/engine.c", lines("engine", 40))
    try source.write("src/a.txt", lines("a", 40))
    try source.write("one/n.txt", lines("n1", 40))
    try source.write("two/n.txt", lines("n2", 40))
    try source.write("src/present.txt", lines("present", 40))
    try source.write("keep/copy.txt", lines("present", 40))  // keeps src/present.txt's content at HEAD
    try source.commitAll("first")
    try source.git(["rm", "-q", "old/engine.c", "src/a.txt", "one/n.txt", "two/n.txt", "src/present.txt"])
    try source.write("new/engine.c", lines("engine", 40) + "edited\n")  // moved: same name, other folder
    try source.write("lib/b.txt", lines("a", 40) + "edited\n")  // renamed: nothing to pair it by
    try source.write("three/n.txt", lines("n1", 40) + "edited\n")  // two n.txt gone, one added: ambiguous
    try source.write("lib/present2.txt", lines("present", 40) + "edited\n")  // both sides present: compared
    let head = try source.commitAll("moves with edits")

    let full = try TempRepo(cloneOf: source, options: [])
    let partial = try TempRepo(cloneOf: source, options: ["--filter=blob:none"])
    let expected = try changes(in: full, head)
    #expect(expected.missing == MissingContent())
    #expect(expected.changes.contains("renamed lib/b.txt <- src/a.txt"))

    let found = try changes(in: partial, head)
    #expect(
      found.changes == [
        "added lib/b.txt", "added three/n.txt", "deleted one/n.txt", "deleted src/a.txt", "deleted two/n.txt",
        "renamed lib/present2.txt <- src/present.txt", "renamed new/engine.c <- old/engine.c",
      ])
    // Missing: the four deleted files other than src/present.txt.
    #expect(found.missing == MissingContent(uncomparedFiles: 4, pairedByName: 1))
  }

  @Test func aFullCloneIsReadAsBefore() throws {
    let source = try TempRepo()
    try source.write("old/engine.c", lines("engine", 40))
    try source.commitAll("first")
    try source.git(["mv", "old/engine.c", "renamed.c"])
    try source.write("renamed.c", lines("engine", 40) + "edited\n")
    let head = try source.commitAll("rename with an edit")
    let found = try changes(in: source, head)
    #expect(found.changes == ["renamed renamed.c <- old/engine.c"])
    #expect(found.missing.isEmpty)
  }

  private func changes(in repo: TempRepo, _ commit: String) throws -> (changes: [String], missing: MissingContent) {
    let repository = try Repository(discoveringFrom: repo.path)
    var missing = MissingContent()
    let changes = try repository.changes(ofCommit: repository.commit(try #require(ObjectID(hex: commit))), missing: &missing)
    let described = changes.map { change in
      change.status == .renamed ? "renamed \(change.newPath) <- \(change.oldPath)" : "\(change.status.rawValue) \(change.newPath)"
    }
    return (described.sorted(), missing)
  }

  private func lines(_ tag: String, _ count: Int) -> String {
    (0..<count).map { "\(tag) line \($0) with enough text to be compared\n" }.joined()
  }
}
