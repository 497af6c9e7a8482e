import Testing
import TillitGit
@testable import TillitCore

/// A built-in's input key is hashed without collision detection (it is only recorded), a
/// command's with it (a cached pass stands on it); both must be the blob id of the same bytes,
/// so the ledger's `inputHash` stays what it was.
@Suite struct ResultCacheKeyTests {
  static let inputs = (0..<3000).map { number in
    FileEntry(
      path: RepoPath(bytes: Array("src/part\(number / 100)/file\(number).txt".utf8)), mode: number % 7 == 0 ? .executable : .regular,
      blob: ObjectID.hashing(Array("content \(number)\n".utf8)))
  }

  @Test func aBuiltinsKeyIsTheBlobIDOfWhatItKeys() {
    let check = CheckDefinition(name: "case-conflict", command: .builtin(BuiltinCall(name: "case-conflict")))
    #expect(ResultCache.key(for: check, inputs: Self.inputs) == ObjectID.hashing(ResultCache.keyedBytes(for: check, inputs: Self.inputs)))
  }

  @Test func aCommandsKeyIsTheBlobIDOfWhatItKeys() {
    let check = CheckDefinition(name: "lint", command: .argv(["lint"]), passFiles: true)
    #expect(ResultCache.key(for: check, inputs: Self.inputs) == ObjectID.hashing(ResultCache.keyedBytes(for: check, inputs: Self.inputs)))
    #expect(ResultCache.key(for: check, inputs: []) != ResultCache.key(for: check, inputs: Self.inputs))
  }
}
