import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Moves a slot to a tree for the paths that can differ, by itself: each file written as its
/// blob through `DirectoryHandle` (no symlink a check left is followed, no file or link in the
/// way of a folder survives), and the slot's index rewritten with just those entries replaced
/// (`IndexFile.rewritten`). libgit2's checkout reads the slot's whole index and writes it back,
/// hashing both with collision detection: at 50,000 files, most of a hook's time.
///
/// It applies only where a checkout writes blobs as they are: no attributes anywhere
/// (`.gitattributes` in the tree, `info/attributes`, a global or system attributes file), no
/// `core.autocrlf`, symlinks written as links. Elsewhere `move` returns false and libgit2's
/// checkout, which applies filters, does the move.
struct SlotCheckout {
  let repository: Repository
  let slotPath: String
  let indexPath: String

  /// Writes `paths` (sorted, each once) as `tree` holds them and the index with them; false
  /// when this way does not apply and nothing was written.
  func move(to tree: ObjectID, paths: [RepoPath]) throws -> Bool {
    guard let index = IndexFile(path: indexPath), index.version != 4, try writesBlobsAsTheyAre(),
      !index.containsFile(named: Self.attributesFile), !paths.contains(where: { Self.isAttributesFile($0.bytes) })
    else { return false }
    let root = try DirectoryHandle(opening: slotPath)
    var records: [RepoPath: IndexRecord] = [:]
    for path in paths {
      if let target = try repository.entry(at: path, inTree: tree) {
        records[path] = try write(target, in: root)
      } else {
        remove(path, in: root)
      }
    }
    guard let bytes = index.rewritten(changing: paths, to: records) else { return false }
    // Replaced whole, by a rename, as git replaces an index (the slot's lock keeps other writers out).
    try FileSystem.writeAtomically(bytes, to: indexPath)
    return true
  }

  private static let attributesFile = Array(".gitattributes".utf8)

  private static func isAttributesFile(_ path: [UInt8]) -> Bool {
    path == attributesFile || path.count > attributesFile.count && path.suffix(attributesFile.count + 1).elementsEqual([UInt8(ascii: "/")] + attributesFile)
  }

  /// Whether nothing outside the tree asks a checkout to change what it writes.
  private func writesBlobsAsTheyAre() throws -> Bool {
    let config = try repository.config()
    let autocrlf = try config.string("core.autocrlf")?.lowercased()
    guard autocrlf == nil || ["false", "no", "off", "0"].contains(autocrlf ?? ""),
      try config.string("core.symlinks").map({ !["false", "no", "off", "0"].contains($0.lowercased()) }) ?? true
    else { return false }
    var candidates = [repository.commonDir + "info/attributes", "/etc/gitattributes"]
    if let file = try config.string("core.attributesFile") {
      candidates.append(file.hasPrefix("~/") ? (ProcessEnvironment.value("HOME") ?? "") + file.dropFirst(1) : file)
    } else if let xdg = ProcessEnvironment.value("XDG_CONFIG_HOME"), !xdg.isEmpty {
      candidates.append(xdg + "/git/attributes")
    } else if let home = ProcessEnvironment.value("HOME") {
      candidates.append(home + "/.config/git/attributes")
    }
    return !candidates.contains(where: FileSystem.exists)
  }

  /// Writes `entry` in place of whatever is at its path, and returns its index record.
  private func write(_ entry: FileEntry, in root: DirectoryHandle) throws -> IndexRecord {
    let names = entry.path.bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(Array.init)
    guard let leaf = names.last else { throw CheckError.usage("an empty path in the tree being checked") }
    var folder = root
    for name in names.dropLast() { folder = try Self.directory(name, in: folder) }
    folder.remove(leaf)
    switch entry.mode {
    case .symlink:
      try folder.makeSymlink(leaf, to: try repository.blobContent(entry.blob))
    case .submodule:
      _ = try folder.subdirectory(leaf, creatingWith: 0o755)
    case .regular, .executable:
      let fd = try folder.createFile(leaf, mode: entry.mode == .executable ? 0o777 : 0o666)
      defer { close(fd) }
      try repository.withBlobContent(entry.blob) { try FileSystem.writeAll(fd, $0, path: slotPath + "/" + entry.path.description) }
    }
    guard let status = folder.status(of: leaf) else { throw FileError(path: slotPath + "/" + entry.path.description, errno: errno) }
    return IndexRecord(path: entry.path, mode: entry.mode, blob: entry.blob, status: status)
  }

  /// The folder `name` in `parent`, made when missing; a file or a link in its place (a check
  /// may leave one) is removed first.
  private static func directory(_ name: [UInt8], in parent: DirectoryHandle) throws -> DirectoryHandle {
    if let folder = try? parent.subdirectory(name, creatingWith: 0o777) { return folder }  // in the way: removed below
    parent.remove(name)
    return try parent.subdirectory(name, creatingWith: 0o777)
  }

  /// Removes the file at `path`, then the folders it leaves empty (as git's checkout does).
  private func remove(_ path: RepoPath, in root: DirectoryHandle) {
    let names = path.bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(Array.init)
    var folders = [root]
    for name in names.dropLast() {
      guard let next = try? folders[folders.count - 1].subdirectory(name) else { return }  // no such folder: nothing to remove
      folders.append(next)
    }
    guard let leaf = names.last else { return }
    folders[folders.count - 1].remove(leaf)
    for (parent, name) in zip(folders.dropLast().reversed(), names.dropLast().reversed()) {
      guard RepoPath(bytes: name).withCString({ unlinkat(parent.descriptor, $0, AT_REMOVEDIR) }) == 0 else { return }
    }
  }
}
