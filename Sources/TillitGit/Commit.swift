import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

/// A person and moment as a commit records them.
public struct Signature: Hashable, Sendable {
  public let name: String
  public let email: String
  /// Seconds since 1970, within `supportedTimes`.
  public let time: Int64

  /// 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z: the times a `YYYY-MM-DD` date can name. A
  /// commit dated outside (only a crafted object can be; git itself writes no such date) reads
  /// as the nearest end, so that no later arithmetic on commit times can overflow.
  public static let supportedTimes: ClosedRange<Int64> = -62_167_219_200...253_402_300_799

  /// The time, moved to the nearest end of `supportedTimes` when outside it.
  public static func supported(_ time: Int64) -> Int64 {
    min(max(time, supportedTimes.lowerBound), supportedTimes.upperBound)
  }
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
    // Read raw (the walk that found the commit has usually left it in the object database's
    // cache) and split here: a parsed commit would also be kept in the object cache.
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, handle), "git_repository_odb")
    defer { git_odb_free(odb) }
    var raw = id.raw
    var object: OpaquePointer?
    try check(git_odb_read(&object, odb, &raw), "git_odb_read")
    defer { git_odb_object_free(object) }
    guard git_odb_object_type(object) == GIT_OBJECT_COMMIT, let data = git_odb_object_data(object) else {
      throw GitError(call: "git_odb_read", code: -1, message: "\(id.hex) is not a commit")
    }
    let bytes = UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: git_odb_object_size(object))
    let (committed, messageStart) = Self.committerTime(andMessageStartIn: bytes)
    return try body(committed, UnsafeBufferPointer(rebasing: bytes[messageStart...]))
  }

  /// The committer's time (0 when there is none; clamped to `Signature.supportedTimes`) and where the message starts (after the first
  /// blank line) in a raw commit.
  static func committerTime(andMessageStartIn bytes: UnsafeBufferPointer<UInt8>) -> (Int64, Int) {
    var time: Int64 = 0
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
      if end == start { return (Signature.supported(time), min(end + 1, bytes.count)) }  // the blank line
      let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
      if line.starts(with: "committer ".utf8) {
        // `committer Name <email> SECONDS +ZONE`: the second field from the end.
        let fields = line.split(separator: UInt8(ascii: " "))
        if fields.count >= 2, let seconds = Int64(String(decoding: fields[fields.count - 2], as: UTF8.self)) { time = seconds }
      }
      start = end + 1
    }
    return (Signature.supported(time), bytes.count)
  }
}

extension Signature {
  init(_ raw: git_signature) {
    name = String(cString: raw.name)
    email = String(cString: raw.email)
    time = Self.supported(Int64(raw.when.time))
  }
}
