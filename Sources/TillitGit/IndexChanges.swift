extension IndexFile {
  /// The paths whose entry differs between the tree `head` (nil: the empty tree) and this index
  /// — added, deleted, or with other content or mode; both sides of a rename — in byte order.
  ///
  /// Nothing is written: folders the cache tree vouches for are compared with HEAD's by id and
  /// skipped when equal, the others entry by entry against HEAD's trees as read. A hook whose
  /// checks concern none of the paths (the common commit) writes no object.
  public func changedPaths(against head: ObjectID?, in repository: Repository) throws -> [RepoPath] {
    var paths: [RepoPath] = []
    try collectChanges(in: 0..<count, prefix: [], node: cacheTree, head: head, repository: repository, into: &paths)
    return paths.sorted()
  }

  private func collectChanges(
    in range: Range<Int>, prefix: [UInt8], node: CacheTreeNode?, head: ObjectID?, repository: Repository,
    into paths: inout [RepoPath]
  ) throws {
    if let node, node.entryCount == range.count, let id = node.id, id == head { return }
    var headEntries: [[UInt8]: TreeListing] = [:]
    for entry in try head.map({ try repository.listTree($0) }) ?? [] { headEntries[entry.name] = entry }
    var position = range.lowerBound
    while position < range.upperBound {
      let path = pathBytes(position)
      let rest = path[(path.startIndex + prefix.count)...]
      if let slash = rest.firstIndex(of: UInt8(ascii: "/")) {
        let name = Array(rest[..<slash])
        let child = node?.child(named: name)
        let end = groupEnd(from: position, limit: range.upperBound, prefix: path[...slash], counted: child?.entryCount)
        let before = headEntries.removeValue(forKey: name)
        if let before, before.isTree {
          try collectChanges(
            in: position..<end, prefix: prefix + name + [UInt8(ascii: "/")], node: child, head: before.id,
            repository: repository, into: &paths)
        } else {
          if before != nil { paths.append(RepoPath(bytes: prefix + name)) }  // a file that became a folder
          paths += (position..<end).map(self.path)
        }
        position = end
      } else {
        let name = Array(rest)
        let before = headEntries.removeValue(forKey: name)
        if let before, before.isTree {
          paths += try repository.files(inTree: before.id).map { RepoPath(bytes: prefix + name + [UInt8(ascii: "/")] + $0.path.bytes) }
          paths.append(RepoPath(bytes: Array(path)))
        } else if before?.id != blob(position) || before.map({ String($0.mode, radix: 8) }) != Self.treeMode(rawMode(position)) {
          paths.append(RepoPath(bytes: Array(path)))
        }
        position += 1
      }
    }
    for (name, gone) in headEntries {
      guard gone.isTree else {
        paths.append(RepoPath(bytes: prefix + name))
        continue
      }
      paths += try repository.files(inTree: gone.id).map { RepoPath(bytes: prefix + name + [UInt8(ascii: "/")] + $0.path.bytes) }
    }
  }
}
