/// NUL-terminated copies of byte strings and an array of pointers to them, for C APIs that take
/// `char **`; freed with the list.
final class CStringList {
  let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
  private let count: Int

  init(_ strings: [[UInt8]]) {
    count = strings.count
    pointers = .allocate(capacity: strings.count + 1)
    for (position, bytes) in strings.enumerated() {
      let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
      for (offset, byte) in bytes.enumerated() { copy[offset] = CChar(bitPattern: byte) }
      copy[bytes.count] = 0
      pointers[position] = copy
    }
    pointers[strings.count] = nil
  }

  deinit {
    for position in 0..<count { pointers[position]?.deallocate() }
    pointers.deallocate()
  }
}
