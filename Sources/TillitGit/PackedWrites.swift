import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

/// Writes kept in memory and stored as one pack file when `store(reachableFrom:)` is called.
/// Thousands of small objects (an import of review trailers) then cost one pack and its index
/// instead of a file each. Nothing written is visible to other handles, or safe to point a ref
/// at, until `store(reachableFrom:)` returns. The objects are Tillit's own (blobs, trees and
/// commits it formats itself), kept here rather than in a second libgit2 handle on the
/// repository: opening one read the configuration and the pack folder again, and looked every
/// tree it was given up through it, on every append.
public final class PackedWrites {
  /// Where the objects go, and the stored trees they build on are read from.
  public let repository: Repository
  private var objects: [ObjectID: (type: git_object_t, bytes: [UInt8])] = [:]

  public init(into target: Repository) throws {
    repository = target
  }

  /// Stores `bytes`, whose blob id is `id` (`ObjectID.hashing(bytes)`), as a blob of the batch.
  public func writeBlob(_ bytes: [UInt8], id: ObjectID) throws {
    objects[id] = (GIT_OBJECT_BLOB, bytes)
  }

  /// Writes a tree of the batch: the entries of `base` (none when nil; a tree of the batch or
  /// a stored one) with `changes` put in (replacing an entry of the same name), as
  /// `Repository.writeTree` does.
  public func writeTree(base: ObjectID?, putting changes: [TreeEntryInput]) throws -> ObjectID {
    var entries: [(name: [UInt8], mode: UInt32, id: ObjectID)] = []
    let replaced = Set(changes.map(\.name))
    for entry in try base.map(entries(ofTree:)) ?? [] where !replaced.contains(entry.name) { entries.append(entry) }
    for change in changes { entries.append((change.name, change.isTree ? 0o40000 : 0o100644, change.id)) }
    // git's order: by name, a tree's name compared as if it ended with "/".
    func key(_ entry: (name: [UInt8], mode: UInt32, id: ObjectID)) -> [UInt8] { entry.mode == 0o40000 ? entry.name + [UInt8(ascii: "/")] : entry.name }
    entries.sort { key($0).lexicographicallyPrecedes(key($1)) }
    var bytes: [UInt8] = []
    for entry in entries {
      bytes += Array(String(entry.mode, radix: 8).utf8) + [UInt8(ascii: " ")] + entry.name + [0]
      entry.id.withBytes { bytes.append(contentsOf: $0) }
    }
    return try write(bytes, type: GIT_OBJECT_TREE)
  }

  /// Writes a commit of the batch, as `Repository.writeCommit` does (by Tillit, now, on no
  /// branch, its message marked UTF-8).
  public func writeCommit(tree: ObjectID, parents: [ObjectID], message: String) throws -> ObjectID {
    var bytes = Array("tree \(tree.hex)\n".utf8)
    for parent in parents { bytes += Array("parent \(parent.hex)\n".utf8) }
    let signature = Array(Self.signature(at: time(nil)).utf8)
    bytes += Array("author ".utf8) + signature + Array("committer ".utf8) + signature
    bytes += Array("encoding UTF-8\n\n".utf8) + Array(message.utf8)
    return try write(bytes, type: GIT_OBJECT_COMMIT)
  }

  /// Tillit's signature line at `seconds`, with the local time zone's offset, as libgit2's
  /// `git_signature_now` gives it.
  static func signature(at seconds: time_t) -> String {
    var moment = seconds
    var local = tm()
    let offset = localtime_r(&moment, &local) == nil ? 0 : local.tm_gmtoff / 60
    let minutes = abs(offset)
    func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "Tillit <tillit@localhost> \(seconds) \(offset < 0 ? "-" : "+")\(twoDigits(minutes / 60))\(twoDigits(minutes % 60))\n"
  }

  private func write(_ bytes: [UInt8], type: git_object_t) throws -> ObjectID {
    var oid = git_oid()
    try bytes.withUnsafeBytes { buffer in
      try check(git_odb_hash(&oid, buffer.baseAddress, buffer.count, type), "git_odb_hash")
    }
    let id = ObjectID(oid)
    objects[id] = (type, bytes)
    return id
  }

  /// The entries of a tree of the batch, or of a stored one.
  private func entries(ofTree id: ObjectID) throws -> [(name: [UInt8], mode: UInt32, id: ObjectID)] {
    guard let object = objects[id] else { return try repository.listTree(id).map { ($0.name, $0.mode, $0.id) } }
    var entries: [(name: [UInt8], mode: UInt32, id: ObjectID)] = []
    try Self.eachEntry(ofTree: object.bytes) { entries.append(($0, $1, $2)) }
    return entries
  }

  /// Calls `body` with each entry of tree bytes this batch formatted: `mode name\0` and 20 bytes of id.
  private static func eachEntry(ofTree bytes: [UInt8], _ body: (_ name: [UInt8], _ mode: UInt32, _ id: ObjectID) -> Void) throws {
    var position = 0
    while position < bytes.count {
      guard let space = bytes[position...].firstIndex(of: UInt8(ascii: " ")), let end = bytes[space...].firstIndex(of: 0), end + 21 <= bytes.count,
        let mode = UInt32(String(decoding: bytes[position..<space], as: UTF8.self), radix: 8), let id = ObjectID(bytes: Array(bytes[(end + 1)..<(end + 21)]))
      else { throw GitError(call: "PackedWrites", code: -1, message: "a tree of the batch is malformed") }
      body(Array(bytes[(space + 1)..<end]), mode, id)
      position = end + 21
    }
  }

  /// Stores the objects of the batch that `commit` reaches (the commit, and its trees and blobs
  /// that were written here; what was already stored is not visited) as one pack with its
  /// index, without deltas and at zlib's fastest level (a later `git gc` packs them tighter).
  ///
  /// Until the caller's ref names the commit, nothing else does, and a `git gc` or `git repack
  /// -d` running beside could delete the pack with the objects in it. So, as git's own
  /// `receive-pack` does, the pack is written into a private folder, a `.keep` file is put in
  /// place under its name first, then the pack and its index are moved in (the pack first). The
  /// returned `PackKeep` removes the `.keep` once the ref has moved (`release`); nil when there
  /// was nothing to store.
  public func store(reachableFrom commit: ObjectID) throws -> PackKeep? {
    var pack = PackStream()
    defer { pack.close() }
    var queue = [commit]
    var queued: Set<ObjectID> = [commit]
    while let id = queue.popLast() {
      guard let object = objects[id] else { continue }
      try object.bytes.withUnsafeBytes { try pack.add(type: object.type, $0) }
      var children: [ObjectID] = []
      if object.type == GIT_OBJECT_COMMIT {
        // "tree " and 40 hex digits open every commit this batch writes.
        if let tree = ObjectID(hex: String(decoding: object.bytes.dropFirst(5).prefix(40), as: UTF8.self)) { children = [tree] }
      } else if object.type == GIT_OBJECT_TREE {
        try Self.eachEntry(ofTree: object.bytes) { _, _, child in children.append(child) }
      }
      for child in children where queued.insert(child).inserted { queue.append(child) }
    }
    guard pack.count > 0 else { return nil }
    let bytes = pack.finish()
    var folder = git_buf()
    defer { git_buf_dispose(&folder) }
    try check(git_repository_item_path(&folder, repository.handle, GIT_REPOSITORY_ITEM_OBJECTS), "git_repository_item_path")
    let objectsFolder = String(cString: folder.ptr)
    let packFolder = objectsFolder + "pack"
    var template = Array((objectsFolder + "tillit-incoming-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
      guard let base = buffer.baseAddress, let path = mkdtemp(base) else { return nil }
      return String(cString: path)
    }
    guard let incoming = made else {
      throw GitError(
        call: "mkdtemp", code: -1, message: "cannot make a folder in \(objectsFolder): \(String(cString: strerror(errno)))",
        errorClass: Int32(GIT_ERROR_OS.rawValue))
    }
    defer { Self.removeFolder(incoming) }
    var options = git_indexer_options()
    try check(git_indexer_options_init(&options, UInt32(GIT_INDEXER_OPTIONS_VERSION)), "git_indexer_options_init")
    var indexer: OpaquePointer?
    try check(git_indexer_new(&indexer, incoming, 0, nil, &options), "git_indexer_new")
    defer { git_indexer_free(indexer) }
    var progress = git_indexer_progress()
    try bytes.withUnsafeBytes { buffer in
      try check(git_indexer_append(indexer, buffer.baseAddress, buffer.count, &progress), "git_indexer_append")
    }
    try check(git_indexer_commit(indexer, &progress), "git_indexer_commit")
    guard let name = git_indexer_name(indexer).map({ String(cString: $0) }) else {
      throw GitError(call: "git_indexer_name", code: -1, message: "the pack has no name")
    }
    let keep = PackKeep(path: packFolder + "/pack-" + name + ".keep")
    for suffix in [".pack", ".idx"] {
      guard rename(incoming + "/pack-" + name + suffix, packFolder + "/pack-" + name + suffix) == 0 else {
        let reason = String(cString: strerror(errno))
        keep.release()
        throw GitError(call: "rename", code: -1, message: "cannot move the pack into \(packFolder): \(reason)", errorClass: Int32(GIT_ERROR_OS.rawValue))
      }
    }
    objects.removeAll()
    return keep
  }

  /// Removes the private folder the indexer wrote in, with whatever it left there.
  private static func removeFolder(_ path: String) {
    if let folder = opendir(path) {
      while let entry = readdir(folder) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        if name != "." && name != ".." { unlink(path + "/" + name) }
      }
      closedir(folder)
    }
    rmdir(path)
  }
}

/// A pack file being written: the header, each object (its type and size, then its bytes
/// deflated), and the SHA-1 of all that at the end.
struct PackStream {
  private var body: [UInt8] = []
  private(set) var count = 0
  /// One deflate state for every object, reset between them: setting one up costs fresh memory
  /// (see `deflater`), which for a few small objects took longer than deflating them.
  private var stream: UnsafeMutablePointer<z_stream>?

  mutating func add(type: git_object_t, _ bytes: UnsafeRawBufferPointer) throws {
    // Type and size: the type in bits 4–6 of the first byte, the size 4 bits there and 7 bits
    // in each byte after, low bits first; the top bit says another byte follows.
    var size = bytes.count
    var byte = UInt8(truncatingIfNeeded: (Int(type.rawValue) << 4) | (size & 15))
    size >>= 4
    while size > 0 {
      body.append(byte | 0x80)
      byte = UInt8(truncatingIfNeeded: size & 0x7F)
      size >>= 7
    }
    body.append(byte)
    let zlib = try deflater()
    let length = Int(deflateBound(zlib, uLong(bytes.count)))
    let start = body.count
    body += repeatElement(0, count: length)
    let code = body.withUnsafeMutableBytes { output -> Int32 in
      guard let base = output.baseAddress else { return Z_MEM_ERROR }
      zlib.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
      zlib.pointee.avail_in = uInt(bytes.count)
      zlib.pointee.next_out = base.advanced(by: start).assumingMemoryBound(to: Bytef.self)
      zlib.pointee.avail_out = uInt(length)
      return deflate(zlib, Z_FINISH)
    }
    let written = Int(zlib.pointee.total_out)
    guard code == Z_STREAM_END, deflateReset(zlib) == Z_OK else { throw GitError(call: "deflate", code: code, message: "zlib could not deflate an object") }
    body.removeLast(body.count - start - written)
    count += 1
  }

  /// The deflate state, set up on first use at zlib's fastest level, with its fixed Huffman
  /// codes: an object of a few hundred bytes is one block, for which zlib would otherwise build
  /// and write a code of its own (for the deflater, and the indexer reading it back, most of
  /// the work at this size). A 4 KiB window and small hash (24 KiB of state instead of 256 KiB,
  /// each page of it a fault when first touched): the objects are small, and `git gc` packs
  /// them tighter later.
  private mutating func deflater() throws -> UnsafeMutablePointer<z_stream> {
    if let stream { return stream }
    let made = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    made.initialize(to: z_stream())
    guard deflateInit2_(made, Z_BEST_SPEED, Z_DEFLATED, 12, 4, Z_FIXED, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      made.deallocate()
      throw GitError(call: "deflateInit", code: -1, message: "zlib could not start")
    }
    stream = made
    return made
  }

  /// Lets go of the deflate state; the stream is not used after.
  mutating func close() {
    guard let stream else { return }
    deflateEnd(stream)
    stream.deallocate()
    self.stream = nil
  }

  /// The whole pack: header, objects, checksum.
  func finish() -> [UInt8] {
    var pack = Array("PACK".utf8)
    for value in [UInt32(2), UInt32(count)] {
      for shift in stride(from: 24, through: 0, by: -8) { pack.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
    pack += body
    var hash = SHA1()
    hash.update(pack)
    return pack + hash.finish()
  }
}

/// A `.keep` file that stops `git gc` and `git repack` from deleting a pack no ref names yet.
/// Made before the pack is moved into place; `release` removes it once a ref names what the
/// pack holds. A process that dies in between leaves the pack kept (never repacked, nothing
/// lost).
public final class PackKeep {
  public let path: String
  private var held: Bool

  init(path: String) {
    self.path = path
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o444)
    held = descriptor >= 0
    if descriptor >= 0 {
      let note = Array("tillit: kept until a ledger ref names it\n".utf8)
      _ = note.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      close(descriptor)
    }
  }

  /// Removes the `.keep` this made (one that was there already, from another writer of the
  /// same pack, is left to it).
  public func release() {
    if held { unlink(path) }
    held = false
  }

  deinit { release() }
}
