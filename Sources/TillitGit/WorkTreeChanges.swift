import CLibgit2

/// A file of a work tree that differs from its index: changed, deleted, or not tracked at all.
public struct WorkTreeChange: Hashable, Sendable {
  public enum Kind: Sendable { case modified, deleted, untracked }
  public let kind: Kind
  public let path: RepoPath
}

extension Repository {
  /// The files of the work tree that differ from the index, untracked files (not ignored ones)
  /// included, listed one by one inside untracked folders.
  public func workTreeChanges() throws -> [WorkTreeChange] {
    var options = git_diff_options()
    try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
    options.flags |=
      GIT_DIFF_INCLUDE_UNTRACKED.rawValue | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
      | GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
    var diff: OpaquePointer?
    try check(git_diff_index_to_workdir(&diff, handle, nil, &options), "git_diff_index_to_workdir")
    defer { git_diff_free(diff) }
    var changes: [WorkTreeChange] = []
    for position in 0..<git_diff_num_deltas(diff) {
      guard let delta = git_diff_get_delta(diff, position)?.pointee else { continue }
      let path = RepoPath(cString: delta.new_file.path ?? delta.old_file.path)
      switch delta.status {
      case GIT_DELTA_UNTRACKED: changes.append(WorkTreeChange(kind: .untracked, path: path))
      case GIT_DELTA_DELETED: changes.append(WorkTreeChange(kind: .deleted, path: path))
      case GIT_DELTA_MODIFIED, GIT_DELTA_TYPECHANGE: changes.append(WorkTreeChange(kind: .modified, path: path))
      default: continue
      }
    }
    return changes
  }

  /// Stages the work tree's `path` (its content stored as a blob) or, when it is gone, removes
  /// it from the index; then writes the index. For a repository Tillit owns (a snapshot).
  public func stageFromWorkTree(_ paths: [RepoPath]) throws {
    var index: OpaquePointer?
    try check(git_repository_index(&index, handle), "git_repository_index")
    defer { git_index_free(index) }
    for path in paths {
      let code = path.withCString { git_index_add_bypath(index, $0) }
      if code == GIT_ENOTFOUND.rawValue {
        git_error_clear()
        try check(path.withCString { git_index_remove_bypath(index, $0) }, "git_index_remove_bypath")
      } else {
        try check(code, "git_index_add_bypath")
      }
    }
    try check(git_index_write(index), "git_index_write")
  }

  /// The index written as trees: the id of its root tree.
  public func indexTree() throws -> ObjectID { try index().writeTree() }
}

extension Index {
  /// Puts `entry` into the index (replacing one at its path), or removes `path` when nil.
  public func put(_ entry: FileEntry?, at path: RepoPath) throws {
    guard let entry else {
      let code = path.withCString { git_index_remove_bypath(handle, $0) }
      if code < 0 { try check(code, "git_index_remove_bypath") }
      return
    }
    try entry.path.withCString { cPath in
      var raw = git_index_entry()
      raw.mode = entry.mode.rawValue
      raw.id = entry.blob.raw
      raw.path = cPath
      try check(git_index_add(handle, &raw), "git_index_add")
    }
  }

  /// Writes the index to its file (under libgit2's own lock).
  public func write() throws {
    try check(git_index_write(handle), "git_index_write")
  }
}
