/// One folder of the index's cache-tree extension (`TREE`): how many index entries lie under it
/// and, while it is valid, the id of the tree they make. `git add` invalidates the folders on
/// the path of what it stages; every other folder's tree id is known without reading a file.
struct CacheTreeNode {
  /// The folder's name within its parent (empty for the root).
  let name: [UInt8]
  /// Entries under the folder, at any depth; -1 once invalidated.
  let entryCount: Int
  /// The tree's id while valid.
  let id: ObjectID?
  let children: [CacheTreeNode]

  func child<Name: Collection<UInt8>>(named folder: Name) -> CacheTreeNode? {
    children.first { $0.name.elementsEqual(folder) }
  }
}

/// Reads the `TREE` extension: each folder as its name, NUL, its entry count in ASCII (`-1`
/// when invalid), a space, its number of subfolders, a newline, and while valid its 20-byte
/// tree id; then its subfolders, depth first. Damage gives no cache tree at all (every folder
/// is then written from the entries), never a wrong one.
struct CacheTreeParser {
  let bytes: UnsafeRawBufferPointer
  let range: Range<Int>

  func root() -> CacheTreeNode? {
    var position = range.lowerBound
    guard let node = node(at: &position, depth: 0), position == range.upperBound else { return nil }
    return node
  }

  private func node(at position: inout Int, depth: Int) -> CacheTreeNode? {
    guard depth < 4096, let nameEnd = IndexFile.nul(bytes, from: position, end: range.upperBound) else { return nil }
    let name = Array(bytes[position..<nameEnd])
    position = nameEnd + 1
    guard let entryCount = number(at: &position, until: UInt8(ascii: " ")),
      let childCount = number(at: &position, until: UInt8(ascii: "\n")), childCount >= 0
    else { return nil }
    var id: ObjectID?
    if entryCount >= 0 {
      guard position + 20 <= range.upperBound else { return nil }
      id = ObjectID(bytes: Array(bytes[position..<position + 20]))
      position += 20
    }
    var children: [CacheTreeNode] = []
    for _ in 0..<childCount {
      guard let child = node(at: &position, depth: depth + 1) else { return nil }
      children.append(child)
    }
    return CacheTreeNode(name: name, entryCount: entryCount, id: id, children: children)
  }

  /// A decimal number, possibly negative, ending with `terminator`.
  private func number(at position: inout Int, until terminator: UInt8) -> Int? {
    var negative = false
    if position < range.upperBound, bytes[position] == UInt8(ascii: "-") {
      negative = true
      position += 1
    }
    var value = 0
    var digits = 0
    while position < range.upperBound, bytes[position] != terminator {
      let digit = Int(bytes[position]) - 48
      guard (0...9).contains(digit), digits < 10 else { return nil }
      value = value * 10 + digit
      digits += 1
      position += 1
    }
    guard digits > 0, position < range.upperBound else { return nil }
    position += 1
    return negative ? -value : value
  }
}
