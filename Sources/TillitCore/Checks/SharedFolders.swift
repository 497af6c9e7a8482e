import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Folders of the work tree that checks see in their snapshot at the same place, as symlinks:
/// ignored dependencies a check needs but the content does not hold (`node_modules/`,
/// `.venv/`). They are the user's own folders, shared for reading; a check must not write there.
///
/// With no configuration, `node_modules` is shared when the content has a `package.json` at its
/// root, and `.venv` / `venv` when it has a `pyproject.toml`, `setup.py` or
/// `requirements.txt`; the same beside those files in the folder a check runs in (its `root`,
/// a nested `.tillit.yml`'s folder); `share:` in `.tillit.yml` adds more. A folder is shared only
/// when the work tree has it and the content tracks nothing inside it.
public enum SharedFolders {
  static let defaults: [(marker: String, folders: [String])] = [
    ("package.json", ["node_modules"]),
    ("pyproject.toml", [".venv", "venv"]), ("setup.py", [".venv", "venv"]), ("requirements.txt", [".venv", "venv"]),
  ]

  /// The folders to share for `subject`: the defaults its root and the checks' `roots` call
  /// for, then `configured`.
  public static func folders(for subject: CheckSubject, configured: [RepoPath], roots: [RepoPath] = [], workTree: String) throws -> [RepoPath] {
    var chosen: [RepoPath] = []
    for root in Set([RepoPath(bytes: [])] + roots).sorted() {
      let prefix = root.bytes.isEmpty ? [] : root.bytes + [UInt8(ascii: "/")]
      for (marker, folders) in defaults where try subject.entry(at: RepoPath(bytes: prefix + Array(marker.utf8))) != nil {
        chosen += folders.map { RepoPath(bytes: prefix + Array($0.utf8)) }
      }
    }
    chosen += configured
    var seen: Set<RepoPath> = []
    return try chosen.filter { folder in
      guard seen.insert(folder).inserted, FileSystem.isDirectory(workTree + folder.description) else { return false }
      return try !subject.tracks(folder: folder)
    }
  }

  /// Makes each folder of `folders` in the slot a symlink to the work tree's, replacing whatever
  /// untracked thing a check left there; a folder whose parent the content lacks is skipped.
  static func link(_ folders: [RepoPath], into slot: String, from workTree: String) throws {
    let root = try DirectoryHandle(opening: slot)
    for folder in folders {
      guard let (parent, name) = place(of: folder, in: root) else { continue }
      let target = Array(workTree.utf8) + folder.bytes
      if let info = parent.status(of: name), (info.st_mode & S_IFMT) == S_IFLNK, parent.linkTarget(of: name) == target { continue }
      parent.remove(name)
      try parent.makeSymlink(name, to: target)
    }
  }

  /// Removes the links `link` made, so a checkout never writes through them into the work tree.
  static func unlink(_ folders: [RepoPath], in slot: String) {
    guard let root = try? DirectoryHandle(opening: slot) else { return }  // no slot yet: nothing linked
    for folder in folders {
      guard let (parent, name) = place(of: folder, in: root) else { continue }
      if let info = parent.status(of: name), (info.st_mode & S_IFMT) == S_IFLNK { parent.remove(name) }
    }
  }

  /// The folder holding `folder` in the slot, reached without following symlinks, and its name;
  /// nil when the content has no such parent.
  private static func place(of folder: RepoPath, in root: DirectoryHandle) -> (DirectoryHandle, [UInt8])? {
    var parts = folder.bytes.split(separator: UInt8(ascii: "/")).map(Array.init)
    guard let name = parts.popLast() else { return nil }
    var parent = root
    for part in parts {
      guard let next = try? parent.subdirectory(part) else { return nil }  // not in the content: nothing to share into
      parent = next
    }
    return (parent, name)
  }
}
