/// A path inside a repository, kept as the exact bytes git stores, so that a name which is
/// not valid UTF-8 still round-trips to a check's argv and to the file system.
public struct RepoPath: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let bytes: [UInt8]

  public init(bytes: [UInt8]) { self.bytes = bytes }
  public init(_ string: String) { self.bytes = Array(string.utf8) }

  init(cString: UnsafePointer<CChar>) {
    self.bytes = Array(UnsafeRawBufferPointer(start: cString, count: strlen(cString)))
  }

  /// For display only: bytes that are not UTF-8 show as U+FFFD.
  public var description: String { String(decoding: bytes, as: UTF8.self) }

  /// Calls `body` with the path as a NUL-terminated C string.
  public func withCString<T>(_ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
    let cString = bytes.map { CChar(bitPattern: $0) } + [0]
    return try body(cString)
  }

  /// Hashes the bytes in one go (the derived hash feeds them one at a time).
  public func hash(into hasher: inout Hasher) {
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }

  public static func == (lhs: RepoPath, rhs: RepoPath) -> Bool { lhs.bytes == rhs.bytes }

  public static func < (lhs: RepoPath, rhs: RepoPath) -> Bool {
    lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
