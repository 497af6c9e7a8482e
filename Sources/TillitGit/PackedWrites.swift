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
    var length = compressBound(uLong(bytes.count))
    let start = body.count
    body += repeatElement(0, count: Int(length))
    let code = body.withUnsafeMutableBytes { output in
      compress2(
        output.baseAddress!.advanced(by: start).assumingMemoryBound(to: Bytef.self), &length,
        bytes.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(bytes.count), Z_BEST_SPEED)
    }
    guard code == Z_OK else { throw GitError(call: "compress2", code: code, message: "zlib could not deflate an object") }
    body.removeLast(body.count - start - Int(length))
    count += 1
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
