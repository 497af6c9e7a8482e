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
