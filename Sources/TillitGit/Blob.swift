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
  /// The size of a blob's content, read from the object's header without its content; nil
  /// when the object database does not have it.
  public func blobSize(_ id: ObjectID) -> Int? {
    var odb: OpaquePointer?
    guard git_repository_odb(&odb, handle) == 0 else {
      git_error_clear()
      return nil
    }
    defer { git_odb_free(odb) }
    var raw = id.raw
    var size = 0
    var kind = GIT_OBJECT_INVALID
    guard git_odb_read_header(&size, &kind, odb, &raw) == 0 else {
      git_error_clear()
      return nil
    }
    return size
  }
}
