import Testing
@testable import TillitGit

@Suite struct SHA1Tests {
  func hex(_ bytes: [UInt8]) -> String { bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }

  @Test func knownDigests() {
    var empty = SHA1()
    #expect(hex(empty.finish()) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    var abc = SHA1()
    abc.update(Array("abc".utf8))
    #expect(hex(abc.finish()) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    var two = SHA1()
    two.update(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
    #expect(hex(two.finish()) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
  }

  @Test func piecesOfAnySizeGiveTheDigestOfTheWhole() {
    let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    var whole = SHA1()
    whole.update(million)
    #expect(hex(whole.finish()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    var pieces = SHA1()
    var offset = 0
    var size = 1
    while offset < million.count {
      let end = min(million.count, offset + size)
      pieces.update(Array(million[offset..<end]))
      offset = end
      size = size % 130 + 7
    }
    #expect(hex(pieces.finish()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
  }
}

/// `hashingWithoutCollisionDetection` must give exactly the ids libgit2's hash gives, at every
/// size (the built-ins' input keys in the ledger stay the same bytes).
@Suite struct QuickObjectHashTests {
  @Test func givesTheIDsLibgit2Gives() {
    var bytes: [UInt8] = []
    for size in [0, 1, 55, 56, 63, 64, 65, 1000, 110_000] {
      while bytes.count < size { bytes.append(UInt8(truncatingIfNeeded: bytes.count &* 31 &+ 7)) }
      let input = Array(bytes.prefix(size))
      #expect(ObjectID.hashingWithoutCollisionDetection(input) == ObjectID.hashing(input), "size \(size)")
    }
    #expect(ObjectID.hashingWithoutCollisionDetection([]).hex == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
  }
}
