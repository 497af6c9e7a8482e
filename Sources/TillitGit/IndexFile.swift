import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

/// An index file read directly in git's format (versions 2, 3 and 4), for the hook's fast path.
///
/// libgit2 hashes the whole file again to verify its trailing checksum (git itself does that only
/// in `git fsck`) and builds a hash map of every entry: on a 50,000-file repository that is most
/// of a hook's time. This reader keeps the file's bytes, one offset per entry and the paths in
/// one buffer, and reads the cache-tree extension, so that the tree of what is staged costs the
/// folders that changed (`IndexTreeWriter`).
///
/// It declines — the initializer returns nil and the caller uses libgit2 — whatever it does not
/// handle exactly as git does: a split or sparse index, unmerged (conflicted) or intent-to-add
/// entries, an unknown version, and any damage (a length that runs past the end).
public final class IndexFile {
  public let path: String
  /// The file as read, kept so that a slot's index can be written back with few entries changed.
  let bytes: [UInt8]
  public let version: UInt32
  /// Where each entry's fixed part starts in `bytes`, and where the entries end.
  let entryStarts: [Int]
  let entriesEnd: Int
  /// Every entry's path, one after another; entry `i` is `paths[pathEnds[i - 1]..<pathEnds[i]]`.
  private let paths: [UInt8]
  private let pathEnds: [Int]
  /// The cache-tree extension: the tree ids of folders unchanged since git last wrote them.
  let cacheTree: CacheTreeNode?

  public var count: Int { entryStarts.count }

  /// Reads the index at `path`; nil when this reader leaves it to libgit2 (see above), or when
  /// there is no index file (nothing staged yet: libgit2 answers that too).
  public init?(path: String) {
    guard let bytes = Self.read(path), bytes.count >= 12 + 20,
      bytes[0] == UInt8(ascii: "D"), bytes[1] == UInt8(ascii: "I"), bytes[2] == UInt8(ascii: "R"), bytes[3] == UInt8(ascii: "C")
    else { return nil }
    let version = Self.uint32(bytes, 4)
    guard (2...4).contains(version) else { return nil }
    let count = Int(Self.uint32(bytes, 8))
    let end = bytes.count - 20
    var starts: [Int] = []
    var paths: [UInt8] = []
    var pathEnds: [Int] = []
    starts.reserveCapacity(count)
    pathEnds.reserveCapacity(count)
    var offset = 12
    var previous = 0..<0
    for _ in 0..<count {
      guard offset + 62 <= end else { return nil }
      starts.append(offset)
      let flags = Self.uint16(bytes, offset + 60)
      guard (flags >> 12) & 0x3 == 0 else { return nil }  // unmerged: conflicts are libgit2's to report
      var nameStart = offset + 62
      if flags & 0x4000 != 0 {
        guard version >= 3, nameStart + 2 <= end else { return nil }
        let extended = Self.uint16(bytes, nameStart)
        guard extended & 0x2000 == 0 else { return nil }  // intent-to-add
        nameStart += 2
      }
      let mode = Self.uint32(bytes, offset + 24)
      guard mode & 0o170000 != 0o040000 else { return nil }  // a sparse index's folder entry
      let pathStart = paths.count
      if version == 4 {
        guard let (strip, afterNumber) = Self.varint(bytes, nameStart, end: end), strip <= previous.count,
          let nul = Self.nul(bytes, from: afterNumber, end: end)
        else { return nil }
        paths.append(contentsOf: paths[previous.lowerBound..<(previous.upperBound - strip)])
        paths.append(contentsOf: bytes[afterNumber..<nul])
        offset = nul + 1
      } else {
        guard let nul = Self.nul(bytes, from: nameStart, end: end) else { return nil }
        paths.append(contentsOf: bytes[nameStart..<nul])
        offset += (nul - offset + 8) & ~7  // padded with 1 to 8 NULs to a multiple of 8
      }
      guard paths.count > pathStart else { return nil }
      previous = pathStart..<paths.count
      pathEnds.append(paths.count)
    }
    guard offset <= end else { return nil }
    var cacheTree: CacheTreeNode?
    var position = offset
    while position + 8 <= end {
      let signature = bytes[position..<position + 4]
      let size = Int(Self.uint32(bytes, position + 4))
      guard size <= end - position - 8 else { return nil }
      let body = position + 8..<position + 8 + size
      switch Array(signature) {
      case Array("link".utf8), Array("sdir".utf8): return nil  // split or sparse index
      case Array("TREE".utf8): cacheTree = CacheTreeParser(bytes: bytes, range: body).root()
      default: break
      }
      position = body.upperBound
    }
    self.path = path
    self.bytes = bytes
    self.version = version
    self.entryStarts = starts
    self.entriesEnd = offset
    self.paths = paths
    self.pathEnds = pathEnds
    self.cacheTree = cacheTree
  }

  /// Entry `index`'s path bytes.
  func pathBytes(_ index: Int) -> ArraySlice<UInt8> {
    paths[(index == 0 ? 0 : pathEnds[index - 1])..<pathEnds[index]]
  }

  public func path(_ index: Int) -> RepoPath { RepoPath(bytes: Array(pathBytes(index))) }

  /// Entry `index`'s mode as the index stores it (`100644`, `100755`, `120000`, `160000`).
  func rawMode(_ index: Int) -> UInt32 { Self.uint32(bytes, entryStarts[index] + 24) }

  func blob(_ index: Int) -> ObjectID {
    let start = entryStarts[index] + 40
    var oid = git_oid()
    withUnsafeMutableBytes(of: &oid.id) { $0.copyBytes(from: bytes[start..<start + 20]) }
    return ObjectID(oid)
  }

  public func entry(_ index: Int) -> FileEntry {
    FileEntry(path: path(index), mode: FileMode(raw: rawMode(index)), blob: blob(index))
  }

  /// Every entry, in index (path) order.
  public func entries() -> [FileEntry] { (0..<count).map(entry) }

  /// The entry at `path`, or nil when the index has none.
  public func entry(at path: RepoPath) -> FileEntry? {
    let position = firstPosition(notBefore: path.bytes[...])
    guard position < count, pathBytes(position).elementsEqual(path.bytes) else { return nil }
    return entry(position)
  }

  /// Whether the index holds a file inside `folder`.
  public func hasEntries(inFolder folder: RepoPath) -> Bool {
    let prefix = folder.bytes + [UInt8(ascii: "/")]
    let position = firstPosition(notBefore: prefix[...])
    return position < count && pathBytes(position).starts(with: prefix)
  }

  /// The first entry whose path is not before `key` in byte order (binary search).
  func firstPosition(notBefore key: ArraySlice<UInt8>) -> Int {
    var (low, high) = (0, count)
    while low < high {
      let middle = (low + high) / 2
      if pathBytes(middle).lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
    }
    return low
  }
}

extension IndexFile {
  /// Whether any entry's file name (its last component) is `name`.
  public func containsFile(named name: [UInt8]) -> Bool {
    (0..<count).contains { index in
      let path = pathBytes(index)
      guard path.count >= name.count, path.suffix(name.count).elementsEqual(name) else { return false }
      return path.count == name.count || path[path.endIndex - name.count - 1] == UInt8(ascii: "/")
    }
  }
}
