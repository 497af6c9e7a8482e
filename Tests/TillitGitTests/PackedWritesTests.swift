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
    try batch.store(reachableFrom: commit)
    let after = try temp.git(["count-objects", "-v"]).stdout
    #expect(packs.contains("packs: 0\n") && after.contains("packs: 1\n"), "\(after)")
    #expect(try temp.git(["cat-file", "-p", commit.hex]).stdout.contains("tree \(expected.hex)\nparent \(parent)\n"))
    #expect(try temp.git(["fsck", "--strict", "--no-dangling"]).status == 0)
  }
}
