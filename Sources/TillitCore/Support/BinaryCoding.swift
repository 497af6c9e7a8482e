/// Little-endian binary writing and reading for Tillit's own caches, ending in a checksum so
/// that a damaged file is noticed rather than trusted.
struct BinaryWriter {
  private(set) var bytes: [UInt8] = []

  mutating func int32(_ value: Int32) { append(UInt32(bitPattern: value)) }
  mutating func int64(_ value: Int64) { append(UInt64(bitPattern: value)) }
  mutating func double(_ value: Double) { append(value.bitPattern) }
  mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
  mutating func data(_ value: [UInt8]) {
    int32(Int32(value.count))
    bytes.append(contentsOf: value)
  }
  mutating func string(_ value: String) { data(Array(value.utf8)) }

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

struct BinaryReader {
  struct Damaged: Error {}

  private let bytes: [UInt8]
  private var position = 0

  /// Fails when the checksum at the end does not match the rest.
  init(sealed: [UInt8]) throws(Damaged) {
    guard sealed.count >= 8 else { throw Damaged() }
    let body = sealed[..<(sealed.count - 8)]
    var stored: UInt64 = 0
    for (shift, byte) in sealed.suffix(8).enumerated() { stored |= UInt64(byte) << (8 * shift) }
    guard stored == BinaryChecksum.of(body) else { throw Damaged() }
    bytes = Array(body)
  }

  var isAtEnd: Bool { position == bytes.count }

  mutating func int32() throws(Damaged) -> Int32 { Int32(bitPattern: try read(UInt32.self)) }
  mutating func int64() throws(Damaged) -> Int64 { Int64(bitPattern: try read(UInt64.self)) }
  mutating func double() throws(Damaged) -> Double { Double(bitPattern: try read(UInt64.self)) }
  mutating func bool() throws(Damaged) -> Bool { try read(UInt8.self) != 0 }
  mutating func data() throws(Damaged) -> [UInt8] {
    let count = Int(try int32())
    guard count >= 0, position + count <= bytes.count else { throw Damaged() }
    defer { position += count }
    return Array(bytes[position..<(position + count)])
  }
  mutating func string() throws(Damaged) -> String { String(decoding: try data(), as: UTF8.self) }

  /// A count of items that follow, each taking at least `minimumSize` bytes.
  mutating func count(minimumSize: Int) throws(Damaged) -> Int {
    let count = Int(try int32())
    guard count >= 0, count * minimumSize <= bytes.count - position else { throw Damaged() }
    return count
  }

  private mutating func read<T: FixedWidthInteger>(_: T.Type) throws(Damaged) -> T {
    let size = MemoryLayout<T>.size
    guard position + size <= bytes.count else { throw Damaged() }
    var value: T = 0
    for offset in 0..<size { value |= T(bytes[position + offset]) << (8 * offset) }
    position += size
    return value
  }
}

/// FNV-1a, 64 bits: catches truncation and stray bytes in a cache file; not for security.
enum BinaryChecksum {
  static func of(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}
