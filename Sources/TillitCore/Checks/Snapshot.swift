import TillitGit

#if canImport(Glibc)
import Glibc
#endif

/// A private folder holding exactly the files being checked (modes and symlinks included), so a
/// check sees what is staged and the working tree is never touched.
///
/// Snapshots live in `.git/tillit/snapshots/`, where only the user can write. Each is held open
/// and locked (`flock`) while in use; a later run removes those whose lock is free, so a
/// snapshot left by a killed Tillit is swept however its pid was reused. Every file is written
/// relative to a held folder descriptor without following symlinks, and the file list is checked
/// first: a crafted tree cannot make a snapshot write outside itself.
public final class Snapshot {
  public let path: String
  private let folders: DirectoryHandle
  private let folder: DirectoryHandle
  private let name: [UInt8]

  static let prefix = "snapshot-"
  private static let newPrefix = "new-"
  /// A folder still being set up when its creator was killed is swept after this long.
  private static let unfinishedAge = 600

  /// Writes `files` (which passed `SnapshotLayout.check`) from `repository`'s object store into
  /// a new snapshot under `state`.
  public init(files: [FileEntry], from repository: Repository, state: StateDirectory) throws {
    let base = try state.subdirectory("snapshots")
    let folders = try DirectoryHandle(opening: base)
    self.folders = folders
    Snapshot.removeAbandoned(in: folders)
    var template = Array("\(base)/\(Snapshot.newPrefix)XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else { throw FileError(path: base, errno: errno) }
    let newName = Array(String(cString: created).utf8.suffix(Snapshot.newPrefix.utf8.count + 6))
    let name = Array(Snapshot.prefix.utf8) + newName.dropFirst(Snapshot.newPrefix.utf8.count)
    self.name = name
    path = base + "/" + String(decoding: name, as: UTF8.self)
    let opened = try folders.subdirectory(newName)
    // Locked before it carries a name the sweep looks at, so no sweep can take it for abandoned.
    flock(opened.descriptor, LOCK_EX)
    let moved = Snapshot.withNames(newName, name) { renameat(folders.descriptor, $0, folders.descriptor, $1) }
    guard moved == 0 else {
      let code = errno
      folders.remove(newName)
      throw FileError(path: path, errno: code)
    }
    folder = opened
    do {
      try SnapshotWriter(root: folder, repository: repository).write(files)
    } catch {
      remove()
      throw error
    }
  }

  /// Removes the snapshot and everything a check left in it.
  public func remove() {
    folder.removeContents()
    folders.remove(name)
  }

  /// Snapshots no running Tillit holds (it was killed) are removed; so are folders whose set-up
  /// was cut short long ago. Only folders of this user's, reached without following symlinks.
  static func removeAbandoned(in folders: DirectoryHandle) {
    let user = getuid()
    for entry in folders.entries() {
      let isSnapshot = entry.starts(with: Array(prefix.utf8))
      guard isSnapshot || entry.starts(with: Array(newPrefix.utf8)),
        let info = folders.status(of: entry), (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == user,
        isSnapshot || Int(time(nil)) - Int(info.st_mtim.tv_sec) > unfinishedAge,
        let candidate = try? folders.subdirectory(entry)  // gone meanwhile: nothing to sweep
      else { continue }
      guard flock(candidate.descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
      candidate.removeContents()
      folders.remove(entry)
    }
  }

  private static func withNames<Result>(_ first: [UInt8], _ second: [UInt8], _ body: (UnsafePointer<CChar>, UnsafePointer<CChar>) -> Result) -> Result {
    RepoPath(bytes: first).withCString { one in RepoPath(bytes: second).withCString { two in body(one, two) } }
  }
}
