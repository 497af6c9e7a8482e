import Foundation
import Testing
import TillitGit
import TillitTestSupport

/// Another process repacks (`git repack -a -d`, or the ledger's own roll-up of small packs)
/// while a handle is open: after `reloadObjects` the handle reads the object folder as it is now.
@Suite struct RepackedObjectsTests {
  @Test func objectsMovedToANewPackAreFoundAfterReloading() throws {
    let temp = try TempRepo()
    try temp.write("a.txt", "one\n")
    let first = try temp.commitAll("first")
    try temp.git(["repack", "-q", "-a", "-d"])
    let repository = try Repository(discoveringFrom: temp.path)
    let id = try #require(ObjectID(hex: first))
    #expect(repository.objectKind(id) == .commit)
    // Another process adds a commit and repacks everything into one new pack.
    try temp.write("b.txt", "two\n")
    let second = try #require(ObjectID(hex: try temp.commitAll("second")))
    try temp.git(["repack", "-q", "-a", "-d"])
    repository.reloadObjects()
    #expect(repository.objectKind(second) == .commit)
    #expect(repository.objectKindReloading(second) == .commit)
    #expect(repository.objectKind(id) == .commit)
  }
}
