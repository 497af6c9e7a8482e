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
  ///
  /// As git does with its cache-tree, unchanged folders are skipped by their tree ids: the
  /// index is written as trees (the objects `git commit` writes next anyway) and the two root
  /// trees are compared folder by folder. Only when files are both added and deleted, and so
  /// may have been renamed, does libgit2 compare the whole trees to find the renames. When the
  /// index cannot be written as trees (a merge conflict, a read-only repository), every entry
  /// is compared instead.
  public func stagedChanges(in index: Index) throws -> [FileChange] {
    guard let head = try headCommitID() else { return try fullDiff(againstTree: nil, index: index) }
    let headTree = try treeID(ofCommit: head)
    guard let indexTree = try? index.writeTree() else {
      git_error_clear()
      return try fullDiff(againstTree: headTree, index: index)
    }
    guard indexTree != headTree else { return [] }
    var differences: [TreeDifference] = []
    try collectDifferences(old: headTree, new: indexTree, prefix: [], into: &differences)
    let changes = differences.map(\.change)
    if changes.contains(where: { $0.status == .added }) && changes.contains(where: { $0.status == .deleted }) {
      return try self.changes(from: headTree, to: indexTree)
    }
    return changes.sorted { $0.newPath < $1.newPath }
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

  private func fullDiff(againstTree treeID: ObjectID?, index: Index) throws -> [FileChange] {
    let tree = try treeID.map(lookupTree)
    defer { git_tree_free(tree) }
    var options = try diffOptions()
    var diff: OpaquePointer?
    try check(git_diff_tree_to_index(&diff, handle, tree, index.handle, &options), "git_diff_tree_to_index")
    defer { git_diff_free(diff) }
    return try changes(of: diff)
  }

  /// Appends every file that differs between two trees, descending only into folders whose
  /// tree ids differ.
  private func collectDifferences(old: ObjectID?, new: ObjectID?, prefix: [UInt8], into differences: inout [TreeDifference]) throws {
    let oldEntries = try old.map(treeEntries) ?? [:]
    let newEntries = try new.map(treeEntries) ?? [:]
    for name in Set(oldEntries.keys).union(newEntries.keys) {
      let before = oldEntries[name]
      let after = newEntries[name]
      if let before, let after, before == after { continue }
      let path = prefix + name
      let oldTree = before.flatMap { $0.isTree ? $0.id : nil }
      let newTree = after.flatMap { $0.isTree ? $0.id : nil }
      if oldTree != nil || newTree != nil {
        try collectDifferences(old: oldTree, new: newTree, prefix: path + [UInt8(ascii: "/")], into: &differences)
      }
      let oldFile = before.flatMap { $0.isTree ? nil : $0 }
      let newFile = after.flatMap { $0.isTree ? nil : $0 }
      if oldFile != nil || newFile != nil {
        differences.append(TreeDifference(path: RepoPath(bytes: path), old: oldFile, new: newFile))
      }
    }
  }

  private struct TreeItem: Equatable {
    let id: ObjectID
    let mode: UInt32
    var isTree: Bool { mode == 0o040000 }
    /// Blobs (plain or executable), symlinks and submodules are different kinds of entry.
    var kind: UInt32 { mode & 0o170000 }
  }

  /// One file that differs between two trees: absent on one side, or different on both.
  private struct TreeDifference {
    let path: RepoPath
    let old: TreeItem?
    let new: TreeItem?

    var change: FileChange {
      let status: FileChange.Status
      switch (old, new) {
      case (nil, _): status = .added
      case (_, nil): status = .deleted
      case (let old?, let new?): status = old.kind == new.kind ? .modified : .typeChanged
      }
      return FileChange(status: status, oldPath: path, newPath: path, newBlob: new?.id)
    }
  }

  private func treeEntries(_ id: ObjectID) throws -> [[UInt8]: TreeItem] {
    let tree = try lookupTree(id)
    defer { git_tree_free(tree) }
    var items: [[UInt8]: TreeItem] = [:]
    let count = git_tree_entrycount(tree)
    items.reserveCapacity(count)
    for position in 0..<count {
      guard let entry = git_tree_entry_byindex(tree, position) else { continue }
      let name = RepoPath(cString: git_tree_entry_name(entry)).bytes
      items[name] = TreeItem(id: ObjectID(git_tree_entry_id(entry).pointee), mode: git_tree_entry_filemode(entry).rawValue)
    }
    return items
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

extension Repository {
  /// The patch id of a commit's change against its first parent (the empty tree for a root
  /// commit): equal for the same change after an amend of the message or a rebase.
  public func patchID(ofCommit id: ObjectID) throws -> ObjectID {
    let commit = try self.commit(id)
    let oldTree = try commit.parents.first.map { try treeID(ofCommit: $0) }.map(lookupTree)
    defer { git_tree_free(oldTree) }
    let newTree = try lookupTree(commit.tree)
    defer { git_tree_free(newTree) }
    var options = try diffOptions()
    var diff: OpaquePointer?
    try check(git_diff_tree_to_tree(&diff, handle, oldTree, newTree, &options), "git_diff_tree_to_tree")
    defer { git_diff_free(diff) }
    var patchOptions = git_diff_patchid_options()
    try check(git_diff_patchid_options_init(&patchOptions, UInt32(GIT_DIFF_PATCHID_OPTIONS_VERSION)), "git_diff_patchid_options_init")
    var oid = git_oid()
    try check(git_diff_patchid(&oid, diff, &patchOptions), "git_diff_patchid")
    return ObjectID(oid)
  }
}
