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
    guard let indexTree = try? index.writeTree() else {  // see above: every entry compared
      git_error_clear()
      return try fullDiff(againstTree: try treeID(ofCommit: head), index: index)
    }
    return try stagedChanges(indexTree: indexTree)
  }

  /// What committing `indexTree` would change against HEAD's tree (the empty tree while HEAD
  /// is unborn), folder by folder as above.
  public func stagedChanges(indexTree: ObjectID) throws -> [FileChange] {
    let headTree = try headCommitID().map { try treeID(ofCommit: $0) }
    guard indexTree != headTree else { return [] }
    let changes = try treeDifferences(old: headTree, new: indexTree).map(\.change)
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

  /// What a commit changed against its first parent (the empty tree for a root commit), with
  /// renames detected. Unchanged folders are skipped by their ids. Files moved unchanged are
  /// paired by their blob ids; only the files added and deleted that remain are handed to
  /// libgit2's similarity-based rename detection, and only when there are both and at most
  /// `similarityLimit` of them (a mass move or import is matched exactly only).
  public func changes(ofCommit commit: CommitInfo, similarityLimit: Int = 200) throws -> [FileChange] {
    var missing = MissingContent()
    return try changes(ofCommit: commit, similarityLimit: similarityLimit, missing: &missing)
  }

  /// As above; when the content of some files added or deleted is missing from this clone (a
  /// partial clone), they are paired without it (see `renamesWithMissingContent`) and counted
  /// in `missing`.
  public func changes(ofCommit commit: CommitInfo, similarityLimit: Int = 200, missing: inout MissingContent) throws -> [FileChange] {
    let parentTree = try commit.parents.first.map { try treeID(ofCommit: $0) }
    let differences = try treeDifferences(old: parentTree, new: commit.tree)
    var deletedByBlob: [ObjectID: [TreeDifference]] = [:]
    var hasAdded = false
    for difference in differences {
      if difference.new == nil, let old = difference.old { deletedByBlob[old.id, default: []].append(difference) }
      if difference.old == nil { hasAdded = true }
    }
    guard hasAdded, !deletedByBlob.isEmpty else { return differences.map(\.change) }
    var result: [FileChange] = []
    var added: [TreeDifference] = []
    var movedFrom: Set<[UInt8]> = []
    for difference in differences where difference.old == nil {
      guard let new = difference.new else { continue }
      if var candidates = deletedByBlob[new.id], let source = candidates.popLast() {
        deletedByBlob[new.id] = candidates
        movedFrom.insert(source.path)
        result.append(FileChange(status: .renamed, oldPath: RepoPath(bytes: source.path), newPath: RepoPath(bytes: difference.path), newBlob: new.id))
      } else {
        added.append(difference)
      }
    }
    let deleted = differences.filter { $0.new == nil && !movedFrom.contains($0.path) }
    result += differences.filter { $0.old != nil && $0.new != nil }.map(\.change)
    if added.isEmpty || deleted.isEmpty || added.count + deleted.count > similarityLimit {
      return result + added.map(\.change) + deleted.map(\.change)
    }
    let paths = (added + deleted).map { RepoPath(bytes: $0.path) }
    do {
      return result + (try self.changes(from: parentTree, to: commit.tree, limitedTo: paths))
    } catch let error as GitError where error.isNotFound {  // a blob this clone lacks: compared without it
      git_error_clear()
      return result + (try renamesWithMissingContent(from: parentTree, to: commit.tree, added: added, deleted: deleted, missing: &missing))
    }
  }

  /// The changes between two trees among the given exact paths, with renames detected.
  func changes(from old: ObjectID?, to new: ObjectID, limitedTo paths: [RepoPath]) throws -> [FileChange] {
    let oldTree = try old.map(lookupTree)
    defer { git_tree_free(oldTree) }
    let newTree = try lookupTree(new)
    defer { git_tree_free(newTree) }
    var options = try diffOptions()
    options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue
    let list = CPathList(paths)
    var diff: OpaquePointer?
    try list.withStrArray { array in
      options.pathspec = array
      try check(git_diff_tree_to_tree(&diff, handle, oldTree, newTree, &options), "git_diff_tree_to_tree")
    }
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
    // Whitespace counts, as in git's own rename detection (and it spares libgit2 a pass).
    find.flags = GIT_DIFF_FIND_RENAMES.rawValue | GIT_DIFF_FIND_DONT_IGNORE_WHITESPACE.rawValue
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
      result.append(
        FileChange(
          status: status, oldPath: oldPath, newPath: newPath,
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
