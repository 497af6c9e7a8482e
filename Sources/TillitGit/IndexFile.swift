import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

/// An index file read directly in git's format (versions 2, 3 and 4), for the hook's fast path.
///
/// libgit2 hashes the whole file again to verify its trailing checksum (git itself does that only
/// in `git fsck`) and builds a hash map of every entry: on a 50,000-file repository that is most
/// of a hook's time. This reader maps the file, keeps one offset per entry and reads the
/// cache-tree extension, so that the tree of what is staged costs the folders that changed
/// (`IndexTreeWriter`) and nothing is copied.
///
/// It declines — the initializer returns nil and the caller uses libgit2 — whatever it does not
/// handle exactly as git does: a split or sparse index, unmerged (conflicted) or intent-to-add
/// entries, an unknown version, and any damage (a length that runs past the end).
public final class IndexFile {
  public let path: String
  /// The file, mapped read-only. git replaces an index by renaming a new file over it, so the
  /// mapping keeps the content it was read with.
  let bytes: UnsafeRawBufferPointer
  public let version: UInt32
  private let layout: IndexLayout

  /// Where each entry's fixed part starts in `bytes`, and where the entries end.
  var entryStarts: [Int] { layout.entryStarts }
  var entriesEnd: Int { layout.entriesEnd }
  /// The cache-tree extension: the tree ids of folders unchanged since git last wrote them.
  var cacheTree: CacheTreeNode? { layout.cacheTree }

  public var count: Int { layout.entryStarts.count }

  /// Reads the index at `path`; nil when this reader leaves it to libgit2 (see above), or when
  /// there is no index file (nothing staged yet: libgit2 answers that too).
  public init?(path: String) {
    guard let bytes = Self.map(path) else { return nil }
    guard let layout = IndexLayout(bytes) else {
      munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
      return nil
    }
    self.path = path
    self.bytes = bytes
    self.version = layout.version
    self.layout = layout
  }

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    layout.rebuiltPaths?.deallocate()
  }

  /// Entry `index`'s path bytes, valid while this index is.
  func pathBytes(_ index: Int) -> UnsafeRawBufferPointer {
    let base = layout.rebuiltPaths.map { UnsafeRawPointer($0.baseAddress) } ?? bytes.baseAddress
    let start = layout.pathStarts[index]
    return UnsafeRawBufferPointer(start: base.map { $0 + start }, count: layout.pathEnds[index] - start)
  }

  public func path(_ index: Int) -> RepoPath { RepoPath(bytes: Array(pathBytes(index))) }

  /// Entry `index`'s mode as the index stores it (`100644`, `100755`, `120000`, `160000`).
  func rawMode(_ index: Int) -> UInt32 { Self.uint32(bytes, entryStarts[index] + 24) }

  func blob(_ index: Int) -> ObjectID {
    let start = entryStarts[index] + 40
    var oid = git_oid()
    withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<start + 20])) }
    return ObjectID(oid)
  }

  public func entry(_ index: Int) -> FileEntry {
    FileEntry(path: path(index), mode: FileMode(raw: rawMode(index)), blob: blob(index))
  }

  /// Every entry, in index (path) order.
  public func entries() -> [FileEntry] { (0..<count).map(entry) }

  /// The entry at `path`, or nil when the index has none.
  public func entry(at path: RepoPath) -> FileEntry? {
    let position = path.bytes.withUnsafeBytes { firstPosition(notBefore: $0) }
    guard position < count, pathBytes(position).elementsEqual(path.bytes) else { return nil }
    return entry(position)
  }

  /// Whether the index holds a file inside `folder`.
  public func hasEntries(inFolder folder: RepoPath) -> Bool {
    let prefix = folder.bytes + [UInt8(ascii: "/")]
    let position = prefix.withUnsafeBytes { firstPosition(notBefore: $0) }
    return position < count && pathBytes(position).starts(with: prefix)
  }

  /// The first entry whose path is not before `key` in byte order (binary search).
  func firstPosition(notBefore key: UnsafeRawBufferPointer) -> Int {
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

extension IndexFile {
  /// Every folder holding an entry, at any depth, each ending in `/`, the root first (empty).
  public func folders() -> [[UInt8]] {
    var folders: [[UInt8]] = [[]]
    var known: Set<[UInt8]> = [[]]
    var previous: UnsafeRawBufferPointer?
    for index in 0..<count {
      let path = pathBytes(index)
      guard let slash = path.lastIndex(of: UInt8(ascii: "/")) else { continue }
      let folder = UnsafeRawBufferPointer(rebasing: path[...slash])
      if let previous, previous.elementsEqual(folder) { continue }
      previous = folder
      var ancestors: [[UInt8]] = []
      var end = slash
      while true {
        let ancestor = Array(path[...end])
        guard known.insert(ancestor).inserted else { break }
        ancestors.append(ancestor)
        guard let up = path[..<end].lastIndex(of: UInt8(ascii: "/")) else { break }
        end = up
      }
      folders += ancestors.reversed()
    }
    return folders
  }
}

extension IndexFile {
  /// The size git recorded for each file entry (not submodules), from the entries' status data
  /// (the low 32 bits, as git keeps them).
  public func fileSizes() -> [Int] {
    (0..<count).compactMap { index in
      rawMode(index) & 0o170000 == 0o160000 ? nil : Int(Self.uint32(bytes, entryStarts[index] + 36))
    }
  }
}
