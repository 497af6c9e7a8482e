import CLibgit2

/// A repository's index: what `git commit` would record.
public final class Index {
  let handle: OpaquePointer
  /// Where a copy that is not the repository's own index writes its trees.
  private let repository: Repository?

  init(handle: OpaquePointer, writingInto repository: Repository? = nil) {
    self.handle = handle
    self.repository = repository
  }
  deinit { git_index_free(handle) }

  /// True while a merge has left conflicted entries that must be resolved before committing.
  public var hasConflicts: Bool { git_index_has_conflicts(handle) == 1 }

  /// Every stage-0 entry, in index (path) order.
  public func entries() -> [FileEntry] {
    let count = git_index_entrycount(handle)
    var result: [FileEntry] = []
    result.reserveCapacity(count)
    for position in 0..<count {
      guard let entry = git_index_get_byindex(handle, position)?.pointee else { continue }
      guard (entry.flags >> 12) & 0x3 == 0 else { continue }  // GIT_INDEX_ENTRY_STAGE
      result.append(FileEntry(path: RepoPath(cString: entry.path), mode: FileMode(raw: entry.mode), blob: ObjectID(entry.id)))
    }
    return result
  }
}

extension Index {
  /// Whether the index holds a file inside the folder `folder`.
  public func hasEntries(inFolder folder: RepoPath) -> Bool {
    var position = 0
    let prefix = RepoPath(bytes: folder.bytes + [UInt8(ascii: "/")])
    let found = prefix.withCString { git_index_find_prefix(&position, handle, $0) }
    if found != 0 { git_error_clear() }
    return found == 0
  }

  /// The stage-0 entry at `path`, or nil when the index has none.
  public func entry(at path: RepoPath) -> FileEntry? {
    path.withCString { cPath in
      guard let entry = git_index_get_bypath(handle, cPath, 0)?.pointee else { return nil }
      return FileEntry(path: path, mode: FileMode(raw: entry.mode), blob: ObjectID(entry.id))
    }
  }
}

extension Index {
  /// Writes the index as tree objects, as `git write-tree` does, reusing the trees its
  /// cache-tree still vouches for; returns the root tree's id. Fails while conflicts remain.
  public func writeTree() throws -> ObjectID {
    var oid = git_oid()
    if let repository {
      try check(git_index_write_tree_to(&oid, handle, repository.handle), "git_index_write_tree_to")
    } else {
      try check(git_index_write_tree(&oid, handle), "git_index_write_tree")
    }
    return ObjectID(oid)
  }
}
