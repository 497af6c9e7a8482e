import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

/// One entry to put in a tree being written.
public struct TreeEntryInput: Sendable {
  public let name: [UInt8]
  public let id: ObjectID
  public let isTree: Bool

  public init(name: [UInt8], id: ObjectID, isTree: Bool) {
    self.name = name
    self.id = id
    self.isTree = isTree
  }
}

/// What a tree entry says it is, by its mode (the object it names may still be something else).
public enum TreeEntryKind: Sendable {
  /// A regular file (mode 100644 or 100755).
  case file
  case tree
  /// A symbolic link, a submodule's commit, or a mode git does not write.
  case other

  init(_ mode: git_filemode_t) {
    switch mode {
    case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE: self = .file
    case GIT_FILEMODE_TREE: self = .tree
    default: self = .other
    }
  }
}

/// An entry of a tree as read: its name, id, whether it is a tree itself, and its mode.
public struct TreeListing: Sendable, Hashable {
  public let name: [UInt8]
  public let id: ObjectID
  public let isTree: Bool
  public let mode: UInt32
}

extension Repository {
  /// Stores `bytes` as a blob; returns its id (the same bytes always give the same id).
  public func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
    var oid = git_oid()
    try bytes.withUnsafeBytes { buffer in
      try check(git_blob_create_from_buffer(&oid, handle, buffer.baseAddress, buffer.count), "git_blob_create_from_buffer")
    }
    return ObjectID(oid)
  }

  /// The entries of one tree (not its subtrees), in git's order.
  public func listTree(_ id: ObjectID) throws -> [TreeListing] {
    let tree = try lookupTree(id)
    defer { git_tree_free(tree) }
    return (0..<git_tree_entrycount(tree)).compactMap { position in
      guard let entry = git_tree_entry_byindex(tree, position) else { return nil }
      return TreeListing(
        name: RepoPath(cString: git_tree_entry_name(entry)).bytes, id: ObjectID(git_tree_entry_id(entry).pointee),
        isTree: git_tree_entry_type(entry) == GIT_OBJECT_TREE, mode: git_tree_entry_filemode(entry).rawValue)
    }
  }

  /// Calls `body` with each entry of one tree, its name as bytes borrowed for the call: for
  /// trees of thousands of entries, where making each name an array would dominate.
  public func eachTreeEntry(_ id: ObjectID, _ body: (_ name: UnsafeBufferPointer<UInt8>, _ id: ObjectID, _ kind: TreeEntryKind) throws -> Void) throws {
    let tree = try lookupTree(id)
    defer { git_tree_free(tree) }
    for position in 0..<git_tree_entrycount(tree) {
      guard let entry = git_tree_entry_byindex(tree, position), let name = git_tree_entry_name(entry) else { continue }
      let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: strlen(name))
      try body(bytes, ObjectID(git_tree_entry_id(entry).pointee), TreeEntryKind(git_tree_entry_filemode(entry)))
    }
  }

  /// Writes a tree: the entries of `base` (none when nil) with `changes` put in (replacing
  /// an entry of the same name). Returns the new tree's id.
  public func writeTree(base: ObjectID?, putting changes: [TreeEntryInput]) throws -> ObjectID {
    let baseTree = try base.map(lookupTree)
    defer { git_tree_free(baseTree) }
    var builder: OpaquePointer?
    try check(git_treebuilder_new(&builder, handle, baseTree), "git_treebuilder_new")
    defer { git_treebuilder_free(builder) }
    for change in changes {
      var raw = change.id.raw
      let mode = change.isTree ? GIT_FILEMODE_TREE : GIT_FILEMODE_BLOB
      let code = RepoPath(bytes: change.name).withCString { git_treebuilder_insert(nil, builder, $0, &raw, mode) }
      try check(code, "git_treebuilder_insert")
    }
    var oid = git_oid()
    try check(git_treebuilder_write(&oid, builder), "git_treebuilder_write")
    return ObjectID(oid)
  }

  /// Writes a commit of `tree` with `parents` and `message`, by Tillit, on no branch.
  public func writeCommit(tree: ObjectID, parents: [ObjectID], message: String) throws -> ObjectID {
    let bytes = try commitBytes(tree: tree, parents: parents, message: message)
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, handle), "git_repository_odb")
    defer { git_odb_free(odb) }
    var oid = git_oid()
    try bytes.withUnsafeBytes { buffer in
      try check(git_odb_write(&oid, odb, buffer.baseAddress, buffer.count, GIT_OBJECT_COMMIT), "git_odb_write")
    }
    return ObjectID(oid)
  }

  /// The bytes of the commit `writeCommit` writes, not stored.
  func commitBytes(tree: ObjectID, parents: [ObjectID], message: String) throws -> [UInt8] {
    let treeObject = try lookupTree(tree)
    defer { git_tree_free(treeObject) }
    var parentObjects: [OpaquePointer?] = []
    defer { parentObjects.forEach { git_commit_free($0) } }
    for parent in parents {
      var raw = parent.raw
      var commit: OpaquePointer?
      try check(git_commit_lookup(&commit, handle, &raw), "git_commit_lookup")
      parentObjects.append(commit)
    }
    var signature: UnsafeMutablePointer<git_signature>?
    try check(git_signature_now(&signature, "Tillit", "tillit@localhost"), "git_signature_now")
    defer { git_signature_free(signature) }
    var buffer = git_buf()
    defer { git_buf_dispose(&buffer) }
    let code = parentObjects.withUnsafeMutableBufferPointer { parents in
      git_commit_create_buffer(&buffer, handle, signature, signature, "UTF-8", message, treeObject, parents.count, parents.baseAddress)
    }
    try check(code, "git_commit_create_buffer")
    return Array(UnsafeRawBufferPointer(start: buffer.ptr, count: buffer.size))
  }

  /// Whether `commit` has `ancestor` in its history.
  public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws -> Bool {
    var commitRaw = commit.raw
    var ancestorRaw = ancestor.raw
    let result = git_graph_descendant_of(handle, &commitRaw, &ancestorRaw)
    try check(result, "git_graph_descendant_of")
    return result == 1
  }
}
