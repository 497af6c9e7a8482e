import CLibgit2

/// A git object id (SHA-1), as a value.
public struct ObjectID: Hashable, Comparable, Sendable, CustomStringConvertible {
  var raw: git_oid

  init(_ raw: git_oid) { self.raw = raw }

  /// Parses a full 40-digit hex id; nil when `hex` is not one.
  public init?(hex: String) {
    guard hex.utf8.count == 40 else { return nil }
    var oid = git_oid()
    guard git_oid_fromstr(&oid, hex) == 0 else { return nil }
    raw = oid
  }

  /// The id git gives `bytes` stored as a blob: a fast, collision-detected content hash.
  public static func hashing(_ bytes: [UInt8]) -> ObjectID {
    Libgit2.ensureInitialized()
    var oid = git_oid()
    bytes.withUnsafeBytes { buffer in
      _ = git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB)
    }
    return ObjectID(oid)
  }

  /// The id `hashing` gives, through OpenSSL's SHA-1 (the CPU's SHA instructions) instead of
  /// libgit2's collision-detecting one, which is several times slower: only for ids that decide
  /// nothing, as a built-in check's input key (recorded in the ledger, never looked up), which
  /// for a check of every path hashes the whole file list on every commit.
  public static func hashingWithoutCollisionDetection(_ bytes: [UInt8]) -> ObjectID {
    var hash = SHA1()
    hash.update(Array("blob \(bytes.count)\0".utf8))
    hash.update(bytes)
    var oid = git_oid()
    hash.finish().withUnsafeBytes { digest in
      withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: digest.prefix($0.count))) }
    }
    return ObjectID(oid)
  }

  /// The id's first byte (the two hex digits git names loose-object folders by).
  public var firstByte: UInt8 { raw.id.0 }

  /// Calls `body` with the id's 20 bytes, without copying them.
  public func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
    try withUnsafeBytes(of: raw.id) { try body($0) }
  }

  /// The 20 bytes of the id.
  public var bytes: [UInt8] { withUnsafeBytes(of: raw.id) { Array($0) } }

  /// An id from its 20 bytes; nil when there are not 20.
  public init?(bytes: [UInt8]) {
    guard bytes.count == 20 else { return nil }
    var oid = git_oid()
    withUnsafeMutableBytes(of: &oid.id) { target in
      for (offset, byte) in bytes.enumerated() { target[offset] = byte }
    }
    raw = oid
  }

  public var isZero: Bool { withUnsafePointer(to: raw) { git_oid_is_zero($0) == 1 } }

  public var hex: String {
    var buffer = [CChar](repeating: 0, count: 41)
    withUnsafePointer(to: raw) { oid in
      _ = buffer.withUnsafeMutableBufferPointer { git_oid_tostr($0.baseAddress, 41, oid) }
    }
    return String(decoding: buffer.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  public var description: String { hex }

  public static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
    withUnsafePointer(to: lhs.raw) { l in withUnsafePointer(to: rhs.raw) { r in git_oid_equal(l, r) == 1 } }
  }

  public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
    withUnsafePointer(to: lhs.raw) { l in withUnsafePointer(to: rhs.raw) { r in git_oid_cmp(l, r) < 0 } }
  }

  public func hash(into hasher: inout Hasher) {
    withUnsafeBytes(of: raw.id) { hasher.combine(bytes: $0) }
  }
}
