import Foundation
import Testing
@testable import TillitCore
import TillitTestSupport
import TillitSystem

/// A cache file as `CacheFile` lays it out, read and written by hand: `tillit-cache`, the kind,
/// the format version, the key, the payload, then the checksum.
private struct CacheBytes: Equatable {
  var magic: String
  var kind: String
  var version: Int32
  var key: String
  var payload: [UInt8]

  init?(_ bytes: [UInt8]) {
    guard var reader = try? BinaryReader(sealed: bytes), let magic = try? reader.string(), let kind = try? reader.string(),
      let version = try? reader.int32(), let key = try? reader.string()
    else { return nil }
    let header = 4 * 4 + magic.utf8.count + kind.utf8.count + key.utf8.count
    (self.magic, self.kind, self.version, self.key) = (magic, kind, version, key)
    payload = Array(bytes[header..<(bytes.count - 8)])
  }

  init(contentsOf path: String) throws {
    self = try #require(CacheBytes(Array(try Data(contentsOf: URL(fileURLWithPath: path)))), "\(path) is not a cache file")
  }

  /// The file, sealed as Tillit seals it.
  var sealed: [UInt8] {
    var writer = BinaryWriter()
    writer.string(magic)
    writer.string(kind)
    writer.int32(version)
    writer.string(key)
    return Self.seal(writer.bytes + payload)
  }

  static func seal(_ bytes: [UInt8]) -> [UInt8] {
    let sum = BinaryChecksum.of(bytes[...])
    return bytes + (0..<8).map { UInt8(truncatingIfNeeded: sum >> (8 * $0)) }
  }

  /// Files that must never be read as this one: of another version, another kind, made for
  /// another key, truncated, and `older` (the layouts written before the envelope).
  func impostors(older: [UInt8]) -> [(String, [UInt8])] {
    var previous = self, next = self, otherKind = self, otherKey = self
    previous.version -= 1
    next.version += 1
    otherKind.kind = kind == "knowledge" ? "audit-trend" : "knowledge"
    otherKey.key += "|other settings"
    let whole = sealed
    return [
      ("the previous version", previous.sealed), ("a later version", next.sealed), ("another kind", otherKind.sealed),
      ("another key", otherKey.sealed), ("the layout before the envelope", Self.seal(older)),
      ("a truncated file", Array(whole.prefix(whole.count / 2))), ("an empty file", []),
    ]
  }
}

private func string(_ value: String) -> [UInt8] {
  var writer = BinaryWriter()
  writer.string(value)
  return writer.bytes
}

/// Each cache, found in the wrong shape where it lives, is ignored and written again: the same
/// answer, and a file of the current kind and version for the same key.
@Suite struct CacheFormatTests {
  private func expectRebuilt(
    _ repo: TempRepo, cache: String, kind: String, version: Int32, command: [String],
    older: (CacheBytes) -> [UInt8]
  ) throws {
    let first = try repo.tillit(command)
    try #require(first.status == 0, "\(first.output)")
    let path = repo.path + "/.git/tillit/" + cache
    let good = try CacheBytes(contentsOf: path)
    #expect(good.magic == "tillit-cache" && good.kind == kind && good.version == version, "\(good.magic) \(good.kind) \(good.version)")
    for (name, impostor) in good.impostors(older: older(good)) {
      try Data(impostor).write(to: URL(fileURLWithPath: path))
      let again = try repo.tillit(command)
      #expect(again.status == 0, "\(name): \(again.output)")
      #expect(again.stdout == first.stdout, "\(name)")
      let rebuilt = try CacheBytes(contentsOf: path)
      #expect(rebuilt.kind == kind && rebuilt.version == version && rebuilt.key == good.key, "\(name) was kept: \(rebuilt.kind) \(rebuilt.version)")
    }
  }

  @Test func theKnowledgeModelOfAnotherVersionKindOrShapeIsRebuilt() throws {
    let repo = try TempRepo()
    try repo.write("a.c", "1\n")
    try repo.commitAll("first")
    try repo.write("a.c", "2\n")
    try repo.commitAll("second")
    try expectRebuilt(repo, cache: "knowledge/model", kind: "knowledge", version: KnowledgeCache.version, command: ["reviewers", "HEAD"]) {
      string("tillit-knowledge-3") + string($0.key) + $0.payload
    }
  }

  @Test func theLedgerDigestOfAnotherVersionKindOrShapeIsRebuilt() throws {
    let repo = try TempRepo()
    try repo.write("a.txt", "one\n")
    try repo.commitAll("first")
    #expect(try repo.tillit(["request", "HEAD", "--to", "bob@example.com", "--new-person"]).status == 0)
    try expectRebuilt(
      repo, cache: "ledger/reviews.digest", kind: "ledger-digest", version: LedgerDigest.version,
      command: ["inbox", "--for", "bob@example.com"]
    ) {
      string("tillit-ledger-digest-4") + string($0.key) + $0.payload
    }
  }

  @Test func theAuditTrendOfAnotherVersionKindOrShapeIsRebuilt() throws {
    let repo = try TempRepo()
    try repo.write("a.c", "1\n")
    try repo.commitAll("first")
    try expectRebuilt(repo, cache: "audit/trend", kind: "audit-trend", version: TrendCache.version, command: ["audit", "--format", "json"]) {
      string($0.key) + $0.payload
    }
  }
}
