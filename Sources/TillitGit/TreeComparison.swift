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
  /// merged, so an unchanged folder costs one comparison of ids.
  func treeDifferences(old: ObjectID?, new: ObjectID?) throws -> [TreeDifference] {
    var differences: [TreeDifference] = []
    try collectDifferences(old: old, new: new, prefix: [], into: &differences)
    return differences
  }

  private func collectDifferences(old: ObjectID?, new: ObjectID?, prefix: [UInt8], into differences: inout [TreeDifference]) throws {
    let oldTree = try old.map(lookupTree)
    defer { git_tree_free(oldTree) }
    let newTree = try new.map(lookupTree)
    defer { git_tree_free(newTree) }
    let oldCount = oldTree.map(git_tree_entrycount) ?? 0
    let newCount = newTree.map(git_tree_entrycount) ?? 0
    var (oldPosition, newPosition) = (0, 0)
    while oldPosition < oldCount || newPosition < newCount {
      let before = oldPosition < oldCount ? git_tree_entry_byindex(oldTree, oldPosition) : nil
      let after = newPosition < newCount ? git_tree_entry_byindex(newTree, newPosition) : nil
      let order: Int32
      switch (before, after) {
      case (let before?, let after?): order = Self.entryOrder(before, after)
      case (nil, _): order = 1
      case (_, nil): order = -1
      }
      let oldEntry = order <= 0 ? before : nil
      let newEntry = order >= 0 ? after : nil
      if order <= 0 { oldPosition += 1 }
      if order >= 0 { newPosition += 1 }
      let oldItem = oldEntry.map(Self.item)
      let newItem = newEntry.map(Self.item)
      if oldItem == newItem { continue }
      let name = RepoPath(cString: git_tree_entry_name(oldEntry ?? newEntry!)).bytes
      let path = prefix + name
      if oldItem?.isTree == true || newItem?.isTree == true {
        // Deeper than any path the system can hold: only a crafted tree, and no stack for it.
        guard path.count < 4096 else { throw MalformedTreeError(tree: old ?? new ?? ObjectID.hashing([]), path: RepoPath(bytes: Array(path.prefix(80)))) }
        try collectDifferences(old: oldItem?.isTree == true ? oldItem?.id : nil, new: newItem?.isTree == true ? newItem?.id : nil,
                               prefix: path + [UInt8(ascii: "/")], into: &differences)
      }
      let oldFile = oldItem?.isTree == true ? nil : oldItem
      let newFile = newItem?.isTree == true ? nil : newItem
      if oldFile != nil || newFile != nil {
        differences.append(TreeDifference(path: path, old: oldFile, new: newFile))
      }
    }
  }

  private static func item(_ entry: OpaquePointer) -> TreeDifference.Item {
    TreeDifference.Item(id: ObjectID(git_tree_entry_id(entry).pointee), mode: git_tree_entry_filemode(entry).rawValue)
  }

  /// Git's order of tree entries: by name, a folder's name compared as if it ended in '/'.
  private static func entryOrder(_ left: OpaquePointer, _ right: OpaquePointer) -> Int32 {
    let leftName = git_tree_entry_name(left)!
    let rightName = git_tree_entry_name(right)!
    var position = 0
    while leftName[position] != 0 && leftName[position] == rightName[position] { position += 1 }
    var leftByte = UInt8(bitPattern: leftName[position])
    var rightByte = UInt8(bitPattern: rightName[position])
    if leftByte == 0 && git_tree_entry_filemode(left) == GIT_FILEMODE_TREE { leftByte = UInt8(ascii: "/") }
    if rightByte == 0 && git_tree_entry_filemode(right) == GIT_FILEMODE_TREE { rightByte = UInt8(ascii: "/") }
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
