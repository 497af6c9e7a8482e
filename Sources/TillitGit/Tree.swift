import CLibgit2

extension Repository {
  /// The tree a commit records.
  public func treeID(ofCommit commit: ObjectID) throws -> ObjectID {
    var raw = commit.raw
    var pointer: OpaquePointer?
    try check(git_commit_lookup(&pointer, handle, &raw), "git_commit_lookup")
    defer { git_commit_free(pointer) }
    return ObjectID(git_commit_tree_id(pointer).pointee)
  }

  /// Every file of a tree, its subtrees walked, in path order. A tree that names an entry twice
  /// or out of git's order (only a crafted tree does; `git fsck` rejects it) is refused.
  public func files(inTree tree: ObjectID) throws -> [FileEntry] {
    let owned = try lookupTree(tree)
    defer { git_tree_free(owned) }
    final class Collector {
      var files: [FileEntry] = []
      /// The last entry seen in each folder, in git's order: a tree sorts as its name plus `/`.
      var lastInFolder: [[UInt8]: [UInt8]] = [:]
      var malformed: (folder: [UInt8], name: [UInt8])?
    }
    let collector = Collector()
    let walker: git_treewalk_cb = { root, entry, payload in
      guard let root, let entry, let payload else { return 0 }
      let collector = Unmanaged<Collector>.fromOpaque(payload).takeUnretainedValue()
      let kind = git_tree_entry_type(entry)
      let prefix = RepoPath(cString: root).bytes
      let name = RepoPath(cString: git_tree_entry_name(entry)).bytes
      let key = kind == GIT_OBJECT_TREE ? name + [UInt8(ascii: "/")] : name
      if let last = collector.lastInFolder[prefix], !last.lexicographicallyPrecedes(key), !key.isEmpty {
        collector.malformed = (prefix, name)
        return -1
      }
      collector.lastInFolder[prefix] = key
      guard kind == GIT_OBJECT_BLOB || kind == GIT_OBJECT_COMMIT else { return 0 }
      collector.files.append(
        FileEntry(
          path: RepoPath(bytes: prefix + name), mode: FileMode(raw: git_tree_entry_filemode(entry).rawValue),
          blob: ObjectID(git_tree_entry_id(entry).pointee)))
      return 0
    }
    let code = withExtendedLifetime(collector) {
      git_tree_walk(owned, GIT_TREEWALK_PRE, walker, Unmanaged.passUnretained(collector).toOpaque())
    }
    if let malformed = collector.malformed {
      git_error_clear()
      throw MalformedTreeError(tree: tree, path: RepoPath(bytes: malformed.folder + malformed.name))
    }
    try check(code, "git_tree_walk")
    return collector.files
  }

  func lookupTree(_ id: ObjectID) throws -> OpaquePointer {
    var raw = id.raw
    var pointer: OpaquePointer?
    try check(git_tree_lookup(&pointer, handle, &raw), "git_tree_lookup")
    guard let pointer else { throw GitError(call: "git_tree_lookup", code: -1, message: "no tree \(id)") }
    return pointer
  }
}

extension Repository {
  /// The entry at `path` inside a tree, or nil when there is none.
  public func entry(at path: RepoPath, inTree tree: ObjectID) throws -> FileEntry? {
    let owned = try lookupTree(tree)
    defer { git_tree_free(owned) }
    var entry: OpaquePointer?
    let code = path.withCString { git_tree_entry_bypath(&entry, owned, $0) }
    if code == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
    try check(code, "git_tree_entry_bypath")
    defer { git_tree_entry_free(entry) }
    return FileEntry(path: path, mode: FileMode(raw: git_tree_entry_filemode(entry).rawValue), blob: ObjectID(git_tree_entry_id(entry).pointee))
  }
}

/// A tree that git itself would reject: an entry named twice, or entries out of order.
public struct MalformedTreeError: Error, CustomStringConvertible, Sendable {
  public let tree: ObjectID
  public let path: RepoPath

  public var description: String {
    "tree \(tree.hex.prefix(12)) is malformed: '\(path)' is named twice or out of order (`git fsck` rejects such a tree; it was crafted). Nothing was checked; do not push or merge the commit that holds it"
  }
}
