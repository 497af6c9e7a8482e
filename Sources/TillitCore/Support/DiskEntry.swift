import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// A file on disk as git would store it: a regular file's blob id and executable bit, a
/// symlink's target hashed as its blob (never followed). Names are bytes throughout.
enum DiskEntry {
  /// The entry for `file` as `path` would record it; nil when it is missing, unreadable, or
  /// neither a regular file nor a symlink.
  static func at(_ file: RepoPath, recordedAs path: RepoPath) -> FileEntry? {
    var info = stat()
    guard file.withCString({ lstat($0, &info) }) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFLNK:
      guard let target = linkTarget(file) else { return nil }
      return FileEntry(path: path, mode: .symlink, blob: ObjectID.hashing(target))
    case S_IFREG:
      guard let bytes = try? FileSystem.read(file) else { return nil }  // unreadable: nothing there to compare or run
      return FileEntry(path: path, mode: info.st_mode & S_IXUSR != 0 ? .executable : .regular, blob: ObjectID.hashing(bytes))
    default:
      return nil
    }
  }

  /// Where the symlink `file` points, as stored; nil when it is not one.
  static func linkTarget(_ file: RepoPath) -> [UInt8]? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = file.withCString { readlink($0, &buffer, buffer.count) }
    guard count >= 0 else { return nil }
    return buffer[..<count].map { UInt8(bitPattern: $0) }
  }
}
