import CLibgit2

extension Repository {
  /// Calls `body` with a blob's raw content, without copying it out of libgit2's cache.
  public func withBlobContent<T>(_ id: ObjectID, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
    var raw = id.raw
    var blob: OpaquePointer?
    try check(git_blob_lookup(&blob, handle, &raw), "git_blob_lookup")
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    return try body(UnsafeRawBufferPointer(start: git_blob_rawcontent(blob), count: size))
  }

  /// A blob's content.
  public func blobContent(_ id: ObjectID) throws -> [UInt8] {
    try withBlobContent(id) { Array($0) }
  }
}

extension Repository {
  /// An object's size in bytes, read from its header without loading its content.
  public func objectSize(_ id: ObjectID) throws -> Int {
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, handle), "git_repository_odb")
    defer { git_odb_free(odb) }
    var size = 0
    var type = GIT_OBJECT_ANY
    var raw = id.raw
    try check(git_odb_read_header(&size, &type, odb, &raw), "git_odb_read_header")
    return size
  }
}
