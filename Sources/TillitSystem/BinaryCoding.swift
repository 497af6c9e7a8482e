/// Little-endian binary writing and reading for Tillit's own caches, ending in a checksum so
/// that a damaged file is noticed rather than trusted.
package struct BinaryWriter {
  package private(set) var bytes: [UInt8] = []

  package init() {}

  package mutating func int32(_ value: Int32) { append(UInt32(bitPattern: value)) }
  package mutating func int64(_ value: Int64) { append(UInt64(bitPattern: value)) }
  package mutating func double(_ value: Double) { append(value.bitPattern) }
  package mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
  package mutating func data(_ value: [UInt8]) {
    int32(Int32(value.count))
    bytes.append(contentsOf: value)
  }
  package mutating func string(_ value: String) { data(Array(value.utf8)) }

  private mutating func append<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// The bytes with their checksum appended.
  func sealed() -> [UInt8] {
    var copy = self
    copy.append(BinaryChecksum.of(bytes[...]))
    return copy.bytes
  }
}

package struct BinaryReader {
  package struct Damaged: Error {}

  private let bytes: [UInt8]
  /// Where the checked content ends (the checksum follows).
  private let end: Int
  private var position = 0

  /// Fails when the checksum at the end does not match the rest.
  package init(sealed: [UInt8]) throws(Damaged) {
    guard sealed.count >= 8 else { throw Damaged() }
    let end = sealed.count - 8
    var stored: UInt64 = 0
    for (shift, byte) in sealed.suffix(8).enumerated() { stored |= UInt64(byte) << (8 * shift) }
    guard stored == BinaryChecksum.of(sealed[..<end]) else { throw Damaged() }
    bytes = sealed
    self.end = end
  }

  package var isAtEnd: Bool { position == end }

  package mutating func int32() throws(Damaged) -> Int32 { Int32(bitPattern: try read(UInt32.self)) }
  package mutating func int64() throws(Damaged) -> Int64 { Int64(bitPattern: try read(UInt64.self)) }
  package mutating func double() throws(Damaged) -> Double { Double(bitPattern: try read(UInt64.self)) }
  package mutating func bool() throws(Damaged) -> Bool { try read(UInt8.self) != 0 }
  package mutating func data() throws(Damaged) -> [UInt8] {
    let range = try span()
    return Array(bytes[range])
  }
  package mutating func string() throws(Damaged) -> String {
    let range = try span()
    return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
  }

  /// A count of items that follow, each taking at least `minimumSize` bytes.
  package mutating func count(minimumSize: Int) throws(Damaged) -> Int {
    let count = Int(try int32())
    guard count >= 0, count * minimumSize <= end - position else { throw Damaged() }
    return count
  }

  /// The bytes of a length-prefixed field.
  private mutating func span() throws(Damaged) -> Range<Int> {
    let count = Int(try int32())
    guard count >= 0, position + count <= end else { throw Damaged() }
    defer { position += count }
    return position..<(position + count)
  }

  private mutating func read<T: FixedWidthInteger>(_: T.Type) throws(Damaged) -> T {
    let size = MemoryLayout<T>.size
    guard position + size <= end else { throw Damaged() }
    var value: T = 0
    for offset in 0..<size { value |= T(bytes[position + offset]) << (8 * offset) }
    position += size
    return value
  }
}

/// A 64-bit checksum taken eight bytes at a time (multiply, rotate, mix): catches truncation and
/// stray bytes in a cache file, quickly; not for security.
package enum BinaryChecksum {
  package static func of(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
    bytes.withUnsafeBytes { buffer in
      let words = buffer.count / 8
      for index in 0..<words {
        let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
        hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        hash = (hash << 31) | (hash >> 33)
      }
      for offset in (words * 8)..<buffer.count {
        hash = (hash ^ UInt64(buffer[offset])) &* 0x100_0000_01b3
      }
    }
    return hash ^ (hash >> 29)
  }
}
