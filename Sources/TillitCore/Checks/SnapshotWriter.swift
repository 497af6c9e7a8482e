import TillitGit

#if canImport(Glibc)
import Glibc
#endif

/// Writes files from the object store below a folder held open, one name at a time relative to
/// the folder descriptors on the way, never following a symlink: a path's folders are created
/// or opened with `O_NOFOLLOW | O_DIRECTORY`, its file created with `O_EXCL | O_NOFOLLOW`.
struct SnapshotWriter {
  let root: DirectoryHandle
  let repository: Repository

  /// `files` must have passed `SnapshotLayout.check`.
  func write(_ files: [FileEntry]) throws {
    // The folders of the previous file, outermost first: files of one folder come together in
    // index and tree order, so each folder is opened once.
    var open: [(name: ArraySlice<UInt8>, handle: DirectoryHandle)] = []
    for file in files {
      let components = file.path.bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
      let folders = components.dropLast()
      var kept = 0
      while kept < open.count && kept < folders.count && open[kept].name == folders[folders.startIndex + kept] { kept += 1 }
      open.removeSubrange(kept...)
      for folder in folders.dropFirst(kept) {
        let parent = open.last?.handle ?? root
        open.append((folder, try parent.subdirectory(Array(folder), creatingWith: 0o755)))
      }
      try write(file, named: Array(components.last ?? []), in: open.last?.handle ?? root)
    }
  }

  private func write(_ file: FileEntry, named name: [UInt8], in folder: DirectoryHandle) throws {
    switch file.mode {
    case .submodule:
      _ = try folder.subdirectory(name, creatingWith: 0o755)
    case .symlink:
      try folder.makeSymlink(name, to: try repository.blobContent(file.blob))
    case .regular, .executable:
      let fd = try folder.createFile(name, mode: file.mode == .executable ? 0o755 : 0o644)
      defer { close(fd) }
      try repository.withBlobContent(file.blob) { try FileSystem.writeAll(fd, $0, path: file.path.description) }
    }
  }
}
