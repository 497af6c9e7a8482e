import CLibgit2

extension IndexFile {
  /// The tree of what is staged, as `git write-tree` makes it: folders the cache tree still
  /// vouches for are taken by their id, the others are written from their entries (with a
  /// one-file change, the few folders on its path). Throws on an entry git would not write.
  public func writeTree(into repository: Repository) throws -> ObjectID {
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, repository.handle), "git_repository_odb")
    defer { git_odb_free(odb) }
    return try tree(of: 0..<count, prefixLength: 0, node: cacheTree, odb: odb)
  }

  /// The id `writeTree(into:)` would return, found without storing anything: for a record of
  /// which tree was checked, where `git commit` writes the tree itself a moment later.
  public func treeID() throws -> ObjectID {
    try tree(of: 0..<count, prefixLength: 0, node: cacheTree, odb: nil)
  }

  /// The tree of the entries in `range`, written into `odb` (only hashed when it is nil).
  private func tree(of range: Range<Int>, prefixLength: Int, node: CacheTreeNode?, odb: OpaquePointer?) throws -> ObjectID {
    if let node, node.entryCount == range.count, let id = node.id { return id }
    var object: [UInt8] = []
    var position = range.lowerBound
    while position < range.upperBound {
      let path = pathBytes(position)
      let rest = path[(path.startIndex + prefixLength)...]
      if let slash = rest.firstIndex(of: UInt8(ascii: "/")) {
        let folder = rest[..<slash]
        let child = node?.child(named: folder)
        let end = groupEnd(from: position, limit: range.upperBound, prefix: path[...slash], counted: child?.entryCount)
        let id = try tree(of: position..<end, prefixLength: slash - path.startIndex + 1, node: child, odb: odb)
        object.append(contentsOf: "40000 ".utf8)
        object.append(contentsOf: folder)
        object.append(0)
        id.withBytes { object.append(contentsOf: $0) }
        position = end
      } else {
        guard let mode = Self.treeMode(rawMode(position)), !rest.isEmpty else {
          throw GitError(call: "IndexFile.writeTree", code: -1, message: "an index entry git would not write as a tree: \(path.count) bytes")
        }
        object.append(contentsOf: mode.utf8)
        object.append(UInt8(ascii: " "))
        object.append(contentsOf: rest)
        object.append(0)
        let blob = entryStarts[position] + 40
        object.append(contentsOf: bytes[blob..<blob + 20])
        position += 1
      }
    }
    var oid = git_oid()
    try object.withUnsafeBytes { buffer in
      if let odb {
        try check(git_odb_write(&oid, odb, buffer.baseAddress, buffer.count, GIT_OBJECT_TREE), "git_odb_write")
      } else {
        try check(git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_TREE), "git_odb_hash")
      }
    }
    return ObjectID(oid)
  }

  /// Where the entries under `prefix` (a folder's path and its slash) end: by the cache tree's
  /// count when it is right, else by looking.
  func groupEnd(from start: Int, limit: Int, prefix: Slice<UnsafeRawBufferPointer>, counted: Int?) -> Int {
    if let counted, counted > 0, start + counted <= limit, pathBytes(start + counted - 1).starts(with: prefix),
      start + counted == limit || !pathBytes(start + counted).starts(with: prefix)
    {
      return start + counted
    }
    var end = start + 1
    while end < limit && pathBytes(end).starts(with: prefix) { end += 1 }
    return end
  }

  /// The mode a tree records for an index entry's mode; nil for one git does not write.
  static func treeMode(_ raw: UInt32) -> String? {
    switch raw & 0o170000 {
    case 0o100000: return raw & 0o111 != 0 ? "100755" : "100644"
    case 0o120000: return "120000"
    case 0o160000: return "160000"
    default: return nil
    }
  }
}
