import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

/// A person and moment as a commit records them.
public struct Signature: Hashable, Sendable {
  public let name: String
  public let email: String
  /// Seconds since 1970.
  public let time: Int64
}

/// The parts of a commit that Tillit reads.
public struct CommitInfo: Sendable {
  public let id: ObjectID
  public let tree: ObjectID
  public let parents: [ObjectID]
  public let author: Signature
  public let committer: Signature
  public let message: String
}

extension Repository {
  /// Reads a commit.
  public func commit(_ id: ObjectID) throws -> CommitInfo {
    var raw = id.raw
    var pointer: OpaquePointer?
    try check(git_commit_lookup(&pointer, handle, &raw), "git_commit_lookup")
    defer { git_commit_free(pointer) }
    let parents = (0..<git_commit_parentcount(pointer)).compactMap { git_commit_parent_id(pointer, $0).map { ObjectID($0.pointee) } }
    return CommitInfo(
      id: id, tree: ObjectID(git_commit_tree_id(pointer).pointee), parents: parents,
      author: Signature(git_commit_author(pointer).pointee), committer: Signature(git_commit_committer(pointer).pointee),
      message: git_commit_message(pointer).map { String(cString: $0) } ?? "")
  }
}

extension Repository {
  /// Calls `body` with a commit's committer time (seconds since 1970) and its message's bytes,
  /// without making strings of them: for reading the messages of a whole history.
  public func withCommitMessage<T>(_ id: ObjectID, _ body: (_ committed: Int64, _ message: UnsafeBufferPointer<UInt8>) throws -> T) throws -> T {
    var raw = id.raw
    var pointer: OpaquePointer?
    try check(git_commit_lookup(&pointer, handle, &raw), "git_commit_lookup")
    defer { git_commit_free(pointer) }
    let message = git_commit_message(pointer).map { UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0)) }
    return try body(Int64(git_commit_time(pointer)), message ?? UnsafeBufferPointer(start: nil, count: 0))
  }
}

extension Signature {
  init(_ raw: git_signature) {
    name = String(cString: raw.name)
    email = String(cString: raw.email)
    time = Int64(raw.when.time)
  }
}
