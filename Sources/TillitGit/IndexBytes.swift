#if canImport(Glibc)
import Glibc
#endif

/// The byte-level reading `IndexFile` needs: big-endian numbers, version 4's path-prefix numbers,
/// the end of a NUL-terminated name, and the file mapped.
extension IndexFile {
  static func uint32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
  }

  static func uint16(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt16 {
    UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
  }

  /// Git's offset number (as in `OFS_DELTA`): seven bits a byte, the high bit meaning "more",
  /// each continuation adding one. Returns the number and where it ends; nil past `end` or
  /// beyond 32 bits (no path is that long).
  static func varint(_ bytes: UnsafeRawBufferPointer, _ offset: Int, end: Int) -> (Int, Int)? {
    var position = offset
    guard position < end else { return nil }
    var byte = bytes[position]
    position += 1
    var value = Int(byte & 127)
    while byte & 128 != 0 {
      guard position < end, value < 1 << 24 else { return nil }
      byte = bytes[position]
      position += 1
      value = ((value + 1) << 7) + Int(byte & 127)
    }
    return (value, position)
  }

  /// Where the NUL ending the name at `from` is; nil when none comes before `end`.
  static func nul(_ bytes: UnsafeRawBufferPointer, from: Int, end: Int) -> Int? {
    guard from < end, end <= bytes.count, let base = bytes.baseAddress, let found = memchr(base + from, 0, end - from) else { return nil }
    return UnsafeRawPointer(found) - base
  }

  /// The file mapped read-only, or nil when it cannot be opened or mapped (or is empty, or
  /// over 2 GiB).
  static func map(_ path: String) -> UnsafeRawBufferPointer? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_size > 0, info.st_size < 1 << 31 else { return nil }
    let size = Int(info.st_size)
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
    return UnsafeRawBufferPointer(start: address, count: size)
  }
}
