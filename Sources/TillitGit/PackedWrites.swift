import CLibgit2

/// A second handle on a repository whose writes are kept in memory and stored as one pack file
/// when `store()` is called. Thousands of small objects (an import of review trailers) then cost
/// one pack and its index instead of a file each. Nothing written is visible to other handles,
/// or safe to point a ref at, until `store()` returns.
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

  /// Stores `bytes` as a blob of the batch; returns its id. Straight into memory: writing
  /// through the object database would first look for the blob in every pack, and rescan the
  /// pack folder when it is not there, once per blob.
  public func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
    let id = ObjectID.hashing(bytes)
    var oid = id.raw
    try bytes.withUnsafeBytes { buffer in
      try check(backend.pointee.write(backend, &oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB), "git_mempack write")
    }
    return id
  }

  /// Stores every object written so far as one pack with its index, then forgets them.
  public func store() throws {
    var pack = git_buf()
    defer { git_buf_dispose(&pack) }
    try check(git_mempack_dump(&pack, repository.handle, backend), "git_mempack_dump")
    // A pack with no objects is its 12-byte header and 20-byte checksum.
    guard pack.size > 32 else { return }
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, repository.handle), "git_repository_odb")
    defer { git_odb_free(odb) }
    var writer: UnsafeMutablePointer<git_odb_writepack>?
    try check(git_odb_write_pack(&writer, odb, nil, nil), "git_odb_write_pack")
    guard let writer else { throw GitError(call: "git_odb_write_pack", code: -1, message: "no pack writer") }
    defer { writer.pointee.free(writer) }
    var progress = git_indexer_progress()
    try check(writer.pointee.append(writer, pack.ptr, pack.size, &progress), "git_odb_writepack.append")
    try check(writer.pointee.commit(writer, &progress), "git_odb_writepack.commit")
    try check(git_mempack_reset(backend), "git_mempack_reset")
  }
}
