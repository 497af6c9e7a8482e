import CLibgit2

/// One path whose entry differs between two trees: absent on one side, or different on both.
struct TreeDifference {
  struct Item: Equatable {
    let id: ObjectID
    let mode: UInt32
    var isTree: Bool { mode == 0o040000 }
    /// Blobs (plain or executable), symlinks and submodules are different kinds of entry.
    var kind: UInt32 { mode & 0o170000 }
  }

  let path: [UInt8]
  let old: Item?
  let new: Item?

  var change: FileChange {
    let status: FileChange.Status
    switch (old, new) {
    case (nil, _): status = .added
    case (_, nil): status = .deleted
    case (let old?, let new?): status = old.kind == new.kind ? .modified : .typeChanged
    }
    let repoPath = RepoPath(bytes: path)
    return FileChange(status: status, oldPath: repoPath, newPath: repoPath, newBlob: new?.id)
  }
}

extension Repository {
  /// Every file that differs between two trees (nil: the empty tree), descending only into
  /// folders whose tree ids differ, as git does. Both trees are read in their stored order and
  /// merged, so an unchanged folder costs one comparison of ids. Trees are read as stored
  /// (`RawTree`), not parsed by libgit2: most of the time of a whole history's scan.
  func treeDifferences(old: ObjectID?, new: ObjectID?) throws -> [TreeDifference] {
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, handle), "git_repository_odb")
    defer { git_odb_free(odb) }
    guard let odb else { throw GitError(call: "git_repository_odb", code: -1, message: "no object database") }
    var differences: [TreeDifference] = []
    recentTrees.startComparison()
    try collectDifferences(old: old, new: new, prefix: [], odb: odb, into: &differences)
    return differences
  }

  private func collectDifferences(
    old: ObjectID?, new: ObjectID?, prefix: [UInt8], odb: OpaquePointer,
    into differences: inout [TreeDifference]
  ) throws {
    let oldTree = try old.map { try recentTrees.tree($0, odb: odb) }
    let newTree = try new.map { try recentTrees.tree($0, odb: odb) }
    // The cursors read inside the trees, which must outlive them.
    defer { withExtendedLifetime((oldTree, newTree)) {} }
    var oldEntries = oldTree?.entries
    var newEntries = newTree?.entries
    if var older = oldEntries, var newer = newEntries {
      RawTree.Cursor.skipCommonEntries(&older, &newer)
      (oldEntries, newEntries) = (older, newer)
    }
    var before = try oldEntries?.next()
    var after = try newEntries?.next()
    while before != nil || after != nil {
      let order: Int
      switch (before, after) {
      case (let before?, let after?): order = Self.entryOrder(before, after)
      case (nil, _): order = 1
      case (_, nil): order = -1
      }
      let oldEntry = order <= 0 ? before : nil
      let newEntry = order >= 0 ? after : nil
      let oldItem = oldEntry.map { TreeDifference.Item(id: $0.id, mode: $0.mode) }
      let newItem = newEntry.map { TreeDifference.Item(id: $0.id, mode: $0.mode) }
      if oldItem != newItem, let name = (oldEntry ?? newEntry)?.name {
        let path = prefix + name
        if oldItem?.isTree == true || newItem?.isTree == true {
          // Deeper than any path the system can hold: only a crafted tree, and no stack for it.
          guard path.count < 4096 else { throw MalformedTreeError(tree: old ?? new ?? ObjectID.hashing([]), path: RepoPath(bytes: Array(path.prefix(80)))) }
          try collectDifferences(
            old: oldItem?.isTree == true ? oldItem?.id : nil, new: newItem?.isTree == true ? newItem?.id : nil,
            prefix: path + [UInt8(ascii: "/")], odb: odb, into: &differences)
        }
        let oldFile = oldItem?.isTree == true ? nil : oldItem
        let newFile = newItem?.isTree == true ? nil : newItem
        if oldFile != nil || newFile != nil {
          differences.append(TreeDifference(path: path, old: oldFile, new: newFile))
        }
      }
      if order == 0, var older = oldEntries, var newer = newEntries {
        RawTree.Cursor.skipCommonEntries(&older, &newer)
        (oldEntries, newEntries) = (older, newer)
      }
      if order <= 0 { before = try oldEntries?.next() }
      if order >= 0 { after = try newEntries?.next() }
    }
  }

  /// Git's order of tree entries: by name, a folder's name compared as if it ended in '/'.
  private static func entryOrder(_ left: RawTree.Entry, _ right: RawTree.Entry) -> Int {
    let (leftName, rightName) = (left.name, right.name)
    let common = min(leftName.count, rightName.count)
    var position = 0
    while position < common && leftName[position] == rightName[position] { position += 1 }
    let leftByte = position < leftName.count ? leftName[position] : (left.isTree ? UInt8(ascii: "/") : 0)
    let rightByte = position < rightName.count ? rightName[position] : (right.isTree ? UInt8(ascii: "/") : 0)
    return leftByte == rightByte ? 0 : (leftByte < rightByte ? -1 : 1)
  }
}

extension Repository {
  /// Each file that differs between two trees, as its entry on both sides (nil: absent), no
  /// renames detected: what a fixer changed, path by path.
  public func fileDifferences(from old: ObjectID, to new: ObjectID) throws -> [(path: RepoPath, old: FileEntry?, new: FileEntry?)] {
    try treeDifferences(old: old, new: new).map { difference in
      let path = RepoPath(bytes: difference.path)
      func entry(_ item: TreeDifference.Item?) -> FileEntry? {
        item.map { FileEntry(path: path, mode: FileMode(raw: $0.mode), blob: $0.id) }
      }
      return (path, entry(difference.old), entry(difference.new))
    }
  }
}
