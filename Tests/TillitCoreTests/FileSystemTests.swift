import Foundation
import Testing
import TillitTestSupport
@testable import TillitCore
import TillitSystem

@Suite struct FileSystemTests {
  /// A name from a crafted tree or a check (`..`, `.`, `a/b`, empty) never leads a write, a
  /// folder or a removal out of the directory it is made in.
  @Test func aDirectoryHandleRefusesNamesThatLeadOutOfIt() throws {
    let root = try TempRepo.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(atPath: root + "/inner", withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: root + "/outside.txt", contents: Data("keep\n".utf8))
    let inner = try DirectoryHandle(opening: root + "/inner")
    for name in ["..", ".", "", "../outside.txt", "a/b"].map({ Array($0.utf8) }) {
      #expect(throws: FileError.self) { _ = try inner.subdirectory(name, creatingWith: 0o755) }
      #expect(throws: FileError.self) { _ = try inner.createFile(name, mode: 0o644) }
      #expect(throws: FileError.self) { try inner.makeSymlink(name, to: Array("/etc".utf8)) }
      #expect(!inner.remove(name))
    }
    #expect(FileManager.default.contents(atPath: root + "/outside.txt") == Data("keep\n".utf8))
    #expect(FileManager.default.fileExists(atPath: root + "/inner"))
  }

  /// A pulled commit can hold symlinks named as a temporary file beside a file Tillit rewrites
  /// (a fix, a hook): the write must never go through them.
  @Test func writingAtomicallyNeverWritesThroughAPlantedTemporaryName() throws {
    let folder = try TempRepo.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let victim = folder + "/victim"
    try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
    for name in ["a.txt.tmp-\(getpid())", "a.txt.tmp-0", "a.txt.tmp"] {
      try FileManager.default.createSymbolicLink(atPath: folder + "/" + name, withDestinationPath: victim)
    }
    try FileSystem.writeAtomically(Array("fixed\n".utf8), to: folder + "/a.txt")
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    #expect(try String(contentsOfFile: folder + "/a.txt", encoding: .utf8) == "fixed\n")
    // A symlink at the path itself is replaced, not followed.
    try FileManager.default.createSymbolicLink(atPath: folder + "/b.txt", withDestinationPath: victim)
    try FileSystem.writeAtomically(Array("b\n".utf8), to: folder + "/b.txt")
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/b.txt")) == nil)
  }
}
