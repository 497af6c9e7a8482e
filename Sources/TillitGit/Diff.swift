import CLibgit2

/// One changed file between two states, renames and copies detected.
public struct FileChange: Hashable, Sendable {
  public enum Status: String, Sendable {
    case added, deleted, modified, renamed, copied, typeChanged
  }

  public let status: Status
  /// The path before the change (equal to `newPath` unless renamed or copied).
  public let oldPath: RepoPath
  /// The path after the change; for a deletion, the deleted path.
  public let newPath: RepoPath
  /// The blob after the change; nil for a deletion.
  public let newBlob: ObjectID?

  /// The paths this change touches: both sides of a rename.
  public var paths: [RepoPath] { oldPath == newPath ? [newPath] : [oldPath, newPath] }
}

extension Repository {
  /// What the index would change if committed now: HEAD's tree (empty while HEAD is unborn)
  /// against `index`, with renames detected.
  public func stagedChanges(in index: Index) throws -> [FileChange] {
    var tree: OpaquePointer?
    if let head = try headCommitID() { tree = try lookupTree(try treeID(ofCommit: head)) }
    defer { git_tree_free(tree) }
    var options = try diffOptions()
    var diff: OpaquePointer?
    try check(git_diff_tree_to_index(&diff, handle, tree, index.handle, &options), "git_diff_tree_to_index")
    defer { git_diff_free(diff) }
    return try changes(of: diff)
  }

  /// The changes from tree `old` (nil: the empty tree) to tree `new`, with renames detected.
  public func changes(from old: ObjectID?, to new: ObjectID) throws -> [FileChange] {
    let oldTree = try old.map(lookupTree)
    defer { git_tree_free(oldTree) }
    let newTree = try lookupTree(new)
    defer { git_tree_free(newTree) }
    var options = try diffOptions()
    var diff: OpaquePointer?
    try check(git_diff_tree_to_tree(&diff, handle, oldTree, newTree, &options), "git_diff_tree_to_tree")
    defer { git_diff_free(diff) }
    return try changes(of: diff)
  }

  private func diffOptions() throws -> git_diff_options {
    var options = git_diff_options()
    try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
    options.flags |= GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
    return options
  }

  private func changes(of diff: OpaquePointer?) throws -> [FileChange] {
    var find = git_diff_find_options()
    try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
    find.flags = GIT_DIFF_FIND_RENAMES.rawValue
    try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")
    var result: [FileChange] = []
    for position in 0..<git_diff_num_deltas(diff) {
      guard let delta = git_diff_get_delta(diff, position)?.pointee else { continue }
      let status: FileChange.Status
      switch delta.status {
      case GIT_DELTA_ADDED: status = .added
      case GIT_DELTA_DELETED: status = .deleted
      case GIT_DELTA_RENAMED: status = .renamed
      case GIT_DELTA_COPIED: status = .copied
      case GIT_DELTA_TYPECHANGE: status = .typeChanged
      case GIT_DELTA_MODIFIED: status = .modified
      default: continue
      }
      let oldPath = RepoPath(cString: delta.old_file.path)
      let newPath = RepoPath(cString: delta.new_file.path)
      result.append(FileChange(status: status, oldPath: oldPath, newPath: newPath,
                               newBlob: status == .deleted ? nil : ObjectID(delta.new_file.id)))
    }
    return result
  }
}
