import CLibgit2

/// A second handle on a repository whose writes are kept in memory and stored as one pack file
/// when `store(reachableFrom:)` is called. Thousands of small objects (an import of review trailers) then cost
/// one pack and its index instead of a file each. Nothing written is visible to other handles,
/// or safe to point a ref at, until `store(reachableFrom:)` returns.
public final class PackedWrites {
  /// Where to write (and read back) the objects of the batch.
  public let repository: Repository
  private let backend: UnsafeMutablePointer<git_odb_backend>

  public init(into target: Repository) throws {
    repository = try Repository(discoveringFrom: target.gitDir)
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, repository.handle), "git_repository_odb")
    defer { git_odb_free(odb) }
    var memory: UnsafeMutablePointer<git_odb_backend>?
    try check(git_mempack_new(&memory), "git_mempack_new")
    guard let memory else { throw GitError(call: "git_mempack_new", code: -1, message: "no backend") }
    // The odb owns the backend from here on; the highest priority makes it take every write.
    try check(git_odb_add_backend(odb, memory, 1000), "git_odb_add_backend")
    backend = memory
  }

  /// Stores `bytes`, whose blob id is `id` (`ObjectID.hashing(bytes)`), as a blob of the batch.
  /// Straight into memory: writing through the object database would first look for the blob
  /// in every pack, and rescan the pack folder when it is not there, once per blob.
  public func writeBlob(_ bytes: [UInt8], id: ObjectID) throws {
    var oid = id.raw
    try bytes.withUnsafeBytes { buffer in
      try check(backend.pointee.write(backend, &oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB), "git_mempack write")
    }
  }

  /// Writes a tree of the batch: the entries of `base` (none when nil) with `changes` put in
  /// (replacing an entry of the same name), as `Repository.writeTree` does. Straight into
  /// memory, as `writeBlob`: the object database would look for the tree in every pack first.
  public func writeTree(base: ObjectID?, putting changes: [TreeEntryInput]) throws -> ObjectID {
    var entries: [(name: [UInt8], mode: UInt32, id: ObjectID)] = []
    let replaced = Set(changes.map(\.name))
    for entry in try base.map(repository.listTree) ?? [] where !replaced.contains(entry.name) { entries.append((entry.name, entry.mode, entry.id)) }
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

  /// Writes a commit of the batch, as `Repository.writeCommit` does (by Tillit, on no branch).
  public func writeCommit(tree: ObjectID, parents: [ObjectID], message: String) throws -> ObjectID {
    try write(try repository.commitBytes(tree: tree, parents: parents, message: message), type: GIT_OBJECT_COMMIT)
  }

  private func write(_ bytes: [UInt8], type: git_object_t) throws -> ObjectID {
    var oid = git_oid()
    try bytes.withUnsafeBytes { buffer in
      try check(git_odb_hash(&oid, buffer.baseAddress, buffer.count, type), "git_odb_hash")
      try check(backend.pointee.write(backend, &oid, buffer.baseAddress, buffer.count, type), "git_mempack write")
    }
    return ObjectID(oid)
  }

  /// Stores the objects of the batch that `commit` reaches (the commit, and its trees and blobs
  /// that were written in memory; what was already stored is not visited) as one pack with its
  /// index. The pack is written here, without deltas and at zlib's fastest level, as git writes
  /// loose objects: a later `git gc` packs them tighter. libgit2's indexer then checks every
  /// object and writes the index.
  public func store(reachableFrom commit: ObjectID) throws {
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, repository.handle), "git_repository_odb")
    defer { git_odb_free(odb) }
    var pack = PackStream()
    defer { pack.close() }
    var queue = [commit]
    var queued: Set<ObjectID> = [commit]
    while let id = queue.popLast() {
      var raw = id.raw
      guard backend.pointee.exists(backend, &raw) == 1 else { continue }
      var object: OpaquePointer?
      try check(git_odb_read(&object, odb, &raw), "git_odb_read")
      defer { git_odb_object_free(object) }
      let type = git_odb_object_type(object)
      let bytes = UnsafeRawBufferPointer(start: git_odb_object_data(object), count: git_odb_object_size(object))
      try pack.add(type: type, bytes)
      var children: [ObjectID] = []
      if type == GIT_OBJECT_COMMIT {
        children = [try self.repository.commit(id).tree]
      } else if type == GIT_OBJECT_TREE {
        try self.repository.eachTreeEntry(id) { _, child, _ in children.append(child) }
      }
      for child in children where queued.insert(child).inserted { queue.append(child) }
    }
    guard pack.count > 0 else { return }
    let bytes = pack.finish()
    var writer: UnsafeMutablePointer<git_odb_writepack>?
    try check(git_odb_write_pack(&writer, odb, nil, nil), "git_odb_write_pack")
    guard let writer else { throw GitError(call: "git_odb_write_pack", code: -1, message: "no pack writer") }
    defer { writer.pointee.free(writer) }
    var progress = git_indexer_progress()
    try bytes.withUnsafeBytes { buffer in
      try check(writer.pointee.append(writer, buffer.baseAddress, buffer.count, &progress), "git_odb_writepack.append")
    }
    try check(writer.pointee.commit(writer, &progress), "git_odb_writepack.commit")
    try check(git_mempack_reset(backend), "git_mempack_reset")
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
