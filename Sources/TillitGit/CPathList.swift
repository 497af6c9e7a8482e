import CLibgit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths as a `git_strarray` of NUL-terminated byte strings, for libgit2 calls that take a
/// list of paths (pathspecs). The strings live as long as the list.
final class CPathList {
  private var pointers: [UnsafeMutablePointer<CChar>?]

  init(_ paths: [RepoPath]) {
    pointers = paths.map { path in
      let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: path.bytes.count + 1)
      for (offset, byte) in path.bytes.enumerated() { buffer[offset] = CChar(bitPattern: byte) }
      buffer[path.bytes.count] = 0
      return buffer
    }
  }

  deinit { for pointer in pointers { pointer?.deallocate() } }

  func withStrArray<T>(_ body: (git_strarray) throws -> T) rethrows -> T {
    try pointers.withUnsafeMutableBufferPointer { buffer in
      try body(git_strarray(strings: buffer.baseAddress, count: buffer.count))
    }
  }
}
