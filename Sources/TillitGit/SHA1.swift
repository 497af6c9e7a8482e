import CLibgit2

/// SHA-1 through OpenSSL's libcrypto (hardware SHA instructions where the CPU has them), for
/// the checksums libgit2 does not compute for us: the trailer of a pack or of an index Tillit
/// writes itself. Not for anything that must resist collisions (object ids are libgit2's,
/// collision-detected).
struct SHA1 {
  private var context = SHA_CTX()

  init() { SHA1_Init(&context) }

  mutating func update(_ bytes: UnsafeRawBufferPointer) {
    SHA1_Update(&context, bytes.baseAddress, bytes.count)
  }

  mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

  /// The 20-byte digest of everything given to `update`.
  mutating func finish() -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: 20)
    digest.withUnsafeMutableBufferPointer { _ = SHA1_Final($0.baseAddress, &context) }
    return digest
  }

  /// The digest of `bytes` in one call.
  static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    var hash = SHA1()
    hash.update(bytes)
    return hash.finish()
  }
}
