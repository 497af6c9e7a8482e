import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

/// A tree object's bytes as stored, read entry by entry in place: what comparing two trees
/// needs, without libgit2 parsing every entry into an allocation and keeping the parsed tree in
/// its object cache. Every entry is checked as it is read (a tree comes from whoever pushed it).
final class RawTree {
  struct Entry {
    /// The name's bytes, inside the object (valid while the `RawTree` lives).
    let name: UnsafeBufferPointer<UInt8>
    /// The mode as git compares it (see `normalized`).
    let mode: UInt32
    let id: ObjectID
    var isTree: Bool { mode == 0o040000 }
  }

  let id: ObjectID
  private let object: OpaquePointer
  private let bytes: UnsafeBufferPointer<UInt8>

  init(_ id: ObjectID, odb: OpaquePointer) throws {
    self.id = id
    var raw = id.raw
    var object: OpaquePointer?
    try check(git_odb_read(&object, odb, &raw), "git_odb_read")
    guard let object else { throw GitError(call: "git_odb_read", code: -1, message: "no object \(id.hex)") }
    self.object = object
    guard git_odb_object_type(object) == GIT_OBJECT_TREE else {
      throw GitError(call: "git_odb_read", code: -1, message: "\(id.hex) is not a tree")
    }
    let size = git_odb_object_size(object)
    bytes =
      git_odb_object_data(object).map { UnsafeBufferPointer(start: $0.assumingMemoryBound(to: UInt8.self), count: size) }
      ?? UnsafeBufferPointer(start: nil, count: 0)
  }

  deinit { git_odb_object_free(object) }

  /// Reads the entries in order; valid while this tree lives. A value, so that reading an entry
  /// costs no reference counting.
  var entries: Cursor { Cursor(tree: id, bytes: bytes) }

  struct Cursor {
    private let tree: ObjectID
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Where the next entry starts.
    private var position = 0

    fileprivate init(tree: ObjectID, bytes: UnsafeBufferPointer<UInt8>) {
      self.tree = tree
      self.bytes = bytes
    }

    /// The next entry, nil after the last. Throws on an entry git could not have written.
    mutating func next() throws -> Entry? {
      guard position < bytes.count, let base = bytes.baseAddress else { return nil }
      var cursor = position
      var mode: UInt32 = 0
      while cursor < bytes.count, base[cursor] != UInt8(ascii: " ") {
        let digit = base[cursor] &- UInt8(ascii: "0")
        guard digit < 8, cursor - position < 7 else { throw malformed() }
        mode = mode << 3 | UInt32(digit)
        cursor += 1
      }
      guard cursor > position, cursor < bytes.count else { throw malformed() }
      let nameStart = cursor + 1
      // The name ends at the first NUL; a slash inside it would make it a path.
      guard let end = memchr(base + nameStart, 0, bytes.count - nameStart).map({ UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base }),
        end > nameStart, bytes.count - end > 20,
        memchr(base + nameStart, Int32(UInt8(ascii: "/")), end - nameStart) == nil
      else { throw malformed() }
      var oid = git_oid()
      withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + end + 1, count: 20)) }
      position = end + 21
      return Entry(name: UnsafeBufferPointer(start: base + nameStart, count: end - nameStart), mode: RawTree.normalized(mode), id: ObjectID(oid))
    }

    /// Moves both cursors past the entries they hold in common from where they are (the same
    /// mode, name and id: the same bytes), without reading them: most entries of two versions
    /// of a large folder. An entry is only compared whole, so this never skips a difference.
    static func skipCommonEntries(_ left: inout Cursor, _ right: inout Cursor) {
      guard let leftBase = left.bytes.baseAddress, let rightBase = right.bytes.baseAddress else { return }
      while left.position < left.bytes.count, right.position < right.bytes.count {
        guard let nul = memchr(leftBase + left.position, 0, left.bytes.count - left.position) else { return }
        let length = UnsafePointer(nul.assumingMemoryBound(to: UInt8.self)) - (leftBase + left.position) + 21
        guard left.bytes.count - left.position >= length, right.bytes.count - right.position >= length,
          memcmp(leftBase + left.position, rightBase + right.position, length) == 0
        else { return }
        left.position += length
        right.position += length
      }
    }

    private func malformed() -> GitError {
      GitError(call: "git_odb_read", code: -1, message: "tree \(tree.hex.prefix(12)) is malformed (an entry git cannot have written; `git fsck` rejects it)")
    }
  }

  /// Modes as git and libgit2 compare them: a folder, a submodule, a symlink, an executable
  /// file or a plain file (old histories hold modes such as 100664).
  static func normalized(_ mode: UInt32) -> UInt32 {
    switch mode & 0o170000 {
    case 0o040000: return 0o040000
    case 0o160000: return 0o160000
    case 0o120000: return 0o120000
    default: return mode & 0o111 != 0 ? 0o100755 : 0o100644
    }
  }
}

/// The trees read by the last comparisons of trees. A history scan compares each commit with
/// its parent, whose trees an earlier comparison read as its newer side (the one just before
/// on a straight line of history, a few before where branches interleave; keeping more than a
/// few generations measured no faster on U-Boot): those are read once.
/// Trees not used by the last `generations` comparisons are let go (libgit2's own object cache
/// keeps no trees, see `Libgit2`), so what is kept stays a few megabytes.
final class RecentTrees {
  private var trees: [ObjectID: (tree: RawTree, used: Int)] = [:]
  private var comparison = 0
  private let generations = 8

  /// Called as each comparison starts.
  func startComparison() {
    comparison += 1
    if comparison % generations == 0 {
      trees = trees.filter { comparison - $0.value.used <= generations }
    }
  }

  func tree(_ id: ObjectID, odb: OpaquePointer) throws -> RawTree {
    if let known = trees[id]?.tree {
      trees[id] = (known, comparison)
      return known
    }
    let tree = try RawTree(id, odb: odb)
    trees[id] = (tree, comparison)
    return tree
  }
}
