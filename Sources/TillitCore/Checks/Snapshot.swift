import TillitGit

#if canImport(Glibc)
import Glibc
#endif

/// A temporary directory holding exactly the files being checked (modes and symlinks
/// included), so a check sees what is staged and the working tree is never touched.
public final class Snapshot {
  public let path: String
  private static let prefix = "tillit-snapshot-"

  /// Writes `files` from `repository`'s object store into a new temporary directory.
  public init(files: [FileEntry], from repository: Repository) throws {
    Snapshot.removeAbandoned()
    let base = Snapshot.temporaryBase()
    var template = Array("\(base)/\(Snapshot.prefix)\(getpid())-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else { throw FileError(path: base, errno: errno) }
    path = String(cString: created)
    do {
      try write(files, from: repository)
    } catch {
      FileSystem.removeTree(path)
      throw error
    }
  }

  /// Removes the snapshot and everything a check left in it.
  public func remove() { FileSystem.removeTree(path) }

  private func write(_ files: [FileEntry], from repository: Repository) throws {
    var madeDirectories: Set<ArraySlice<UInt8>> = []
    for file in files {
      let bytes = file.path.bytes
      guard Snapshot.isSafe(bytes) else { throw CheckError.usage("the index holds an unsafe path '\(file.path)'") }
      let target = Array(path.utf8) + [UInt8(ascii: "/")] + bytes
      var slash = target.count - bytes.count
      while let next = target[slash...].firstIndex(of: UInt8(ascii: "/")) {
        let directory = target[..<next]
        if madeDirectories.insert(directory).inserted {
          let made = RepoPath(bytes: Array(directory)).withCString { mkdir($0, 0o755) }
          if made != 0 && errno != EEXIST { throw FileError(path: String(decoding: directory, as: UTF8.self), errno: errno) }
        }
        slash = next + 1
      }
      try RepoPath(bytes: target).withCString { (cPath) throws in
        switch file.mode {
        case .submodule:
          if mkdir(cPath, 0o755) != 0 { throw FileError(path: String(cString: cPath), errno: errno) }
        case .symlink:
          let link = RepoPath(bytes: try repository.blobContent(file.blob))
          let made = link.withCString { symlink($0, cPath) }
          if made != 0 { throw FileError(path: String(cString: cPath), errno: errno) }
        case .regular, .executable:
          let mode: mode_t = file.mode == .executable ? 0o755 : 0o644
          let fd = open(cPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
          guard fd >= 0 else { throw FileError(path: String(cString: cPath), errno: errno) }
          defer { close(fd) }
          try repository.withBlobContent(file.blob) { try FileSystem.writeAll(fd, $0, path: String(cString: cPath)) }
        }
      }
    }
  }

  /// No absolute paths, no `..` and no `.git` components: libgit2 refuses them in an index,
  /// and a snapshot refuses them again.
  static func isSafe(_ path: [UInt8]) -> Bool {
    guard let first = path.first, first != UInt8(ascii: "/") else { return false }
    for component in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
      if component.isEmpty || component.elementsEqual("..".utf8) || component.elementsEqual(".".utf8) { return false }
      if component.elementsEqual(".git".utf8) { return false }
    }
    return true
  }

  private static func temporaryBase() -> String {
    if let tmp = getenv("TMPDIR").map({ String(cString: $0) }), !tmp.isEmpty, FileSystem.isDirectory(tmp) { return tmp }
    return "/tmp"
  }

  /// Snapshots whose tillit process is gone (killed with SIGKILL) are swept away.
  private static func removeAbandoned() {
    let base = temporaryBase()
    for name in FileSystem.entries(of: base) where name.hasPrefix(prefix) {
      let pidText = name.dropFirst(prefix.count).prefix { $0 != "-" }
      guard let pid = pid_t(pidText), pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { FileSystem.removeTree(base + "/" + name) }
    }
  }
}
