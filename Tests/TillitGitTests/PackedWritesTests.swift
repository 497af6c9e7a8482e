import Foundation
import Testing
import TillitGit
import TillitTestSupport

/// `PackedWrites` writes trees and commits itself, into memory: they must be the objects
/// libgit2 writes for the same input, byte for byte (same ids), and land in one pack.
@Suite struct PackedWritesTests {
  @Test func treesAndCommitsAreTheOnesLibgit2WritesAndLandInOnePack() throws {
    let temp = try TempRepo()
    // Names whose order depends on a tree's name counting as if it ended with "/".
    for path in ["a/x.txt", "a.txt", "a-b", "a0/y", "run.sh"] { try temp.write(path, "\(path)\n") }
    try temp.git(["update-index", "--add", "--chmod=+x", "run.sh"])
    let parent = try temp.commitAll("first")
    let repository = try Repository(discoveringFrom: temp.path)
    let base = try repository.treeID(ofCommit: try #require(try repository.headCommitID()))
    let blob = try repository.writeBlob(Array("new\n".utf8))
    let folder = try repository.writeTree(base: nil, putting: [TreeEntryInput(name: Array("n".utf8), id: blob, isTree: false)])
    let changes = [
      TreeEntryInput(name: Array("a".utf8), id: folder, isTree: true), TreeEntryInput(name: Array("a.b".utf8), id: blob, isTree: false),
      TreeEntryInput(name: Array("a1".utf8), id: folder, isTree: true),
    ]
    let expected = try repository.writeTree(base: base, putting: changes)
    let batch = try PackedWrites(into: repository)
    let tree = try batch.writeTree(base: base, putting: changes)
    #expect(tree == expected)
    let message = "tillit: record\n\nlamport: 1\n"
    let commit = try batch.writeCommit(tree: tree, parents: [try #require(ObjectID(hex: parent))], message: message)
    let packs = try temp.git(["count-objects", "-v"]).stdout
    _ = try batch.store(reachableFrom: commit)
    let after = try temp.git(["count-objects", "-v"]).stdout
    #expect(packs.contains("packs: 0\n") && after.contains("packs: 1\n"), "\(after)")
    #expect(try temp.git(["cat-file", "-p", commit.hex]).stdout.contains("tree \(expected.hex)\nparent \(parent)\n"))
    #expect(try temp.git(["fsck", "--strict", "--no-dangling"]).status == 0)
  }

  /// The commit is formatted by PackedWrites itself: it must be libgit2's, byte for byte but
  /// for the time, and a tree of the batch may be the base of another.
  @Test func commitsAreFormattedAsLibgit2FormatsThem() throws {
    let temp = try TempRepo()
    try temp.write("a.txt", "a\n")
    let parent = try #require(ObjectID(hex: try temp.commitAll("first")))
    let repository = try Repository(discoveringFrom: temp.path)
    let blob = try repository.writeBlob(Array("new\n".utf8))
    let batch = try PackedWrites(into: repository)
    let inner = try batch.writeTree(base: nil, putting: [TreeEntryInput(name: Array("n".utf8), id: blob, isTree: false)])
    let outer = try batch.writeTree(base: inner, putting: [TreeEntryInput(name: Array("m".utf8), id: blob, isTree: false)])
    let expectedTree = try repository.writeTree(
      base: nil, putting: ["m", "n"].map { TreeEntryInput(name: Array($0.utf8), id: blob, isTree: false) })
    #expect(outer == expectedTree)
    let message = "tillit: record 2 events\n\nlamport: 7\n"
    let commit = try batch.writeCommit(tree: outer, parents: [parent], message: message)
    _ = try batch.store(reachableFrom: commit)
    let expected = try repository.writeCommit(tree: outer, parents: [parent], message: message)
    func withoutTimes(_ text: String) -> String {
      text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        line.hasPrefix("author ") || line.hasPrefix("committer ") ? String(line.split(separator: " ").dropLast(2).joined(separator: " ")) : String(line)
      }.joined(separator: "\n")
    }
    let written = try temp.git(["cat-file", "commit", commit.hex]).stdout
    let libgit2s = try temp.git(["cat-file", "commit", expected.hex]).stdout
    #expect(withoutTimes(written) == withoutTimes(libgit2s))
    // The time zone's offset, as libgit2 writes it.
    #expect(written.split(separator: "\n")[2].split(separator: " ").last == libgit2s.split(separator: "\n")[2].split(separator: " ").last)
    #expect(written.contains("\nencoding UTF-8\n\n\(message)"))
    #expect(try temp.git(["fsck", "--strict", "--no-dangling"]).status == 0)
  }
}

/// A pack no ref names yet is kept from `git gc` until its `PackKeep` is released: a ledger
/// writer moves its ref only after storing, and a gc beside must not delete the pack between.
@Suite struct PackKeepTests {
  @Test func aStoredPackSurvivesAGcUntilItsKeepIsReleased() throws {
    let temp = try TempRepo()
    try temp.write("a.txt", "one\n")
    let parent = try temp.commitAll("first")
    let repository = try Repository(discoveringFrom: temp.path)
    let batch = try PackedWrites(into: repository)
    let bytes = Array("a ledger event\n".utf8)
    let blob = ObjectID.hashing(bytes)
    try batch.writeBlob(bytes, id: blob)
    let tree = try batch.writeTree(base: nil, putting: [TreeEntryInput(name: Array("e.json".utf8), id: blob, isTree: false)])
    let commit = try batch.writeCommit(tree: tree, parents: [try #require(ObjectID(hex: parent))], message: "tillit: record\n")
    let keep = try #require(try batch.store(reachableFrom: commit))
    #expect(FileManager.default.fileExists(atPath: keep.path))
    // No ref names the commit yet: a gc that prunes at once would drop an unkept pack's objects.
    try temp.git(["gc", "-q", "--prune=now"])
    #expect(try temp.git(["cat-file", "-e", commit.hex], allowFailure: true).status == 0, "kept through the gc")
    let incoming = try FileManager.default.contentsOfDirectory(atPath: temp.path + "/.git/objects").filter { $0.hasPrefix("tillit-incoming") }
    #expect(incoming.isEmpty, "the private folder is gone: \(incoming)")
    keep.release()
    #expect(!FileManager.default.fileExists(atPath: keep.path))
    try temp.git(["gc", "-q", "--prune=now"])
    #expect(try temp.git(["cat-file", "-e", commit.hex], allowFailure: true).status != 0, "released and still unnamed: gone")
  }
}
