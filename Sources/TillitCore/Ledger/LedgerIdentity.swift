import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Who records events from this clone: the person (`user.email`, through the mailmap), the
/// clone's own writer id, made once and kept in `.git/tillit/writer`, and the person's git
/// signing set-up, which signs what they record (`EventSigner`).
public struct LedgerIdentity: Sendable {
  public let person: String
  public let writer: String
  /// Signs the events this identity makes; nil when the person has no `user.signingKey`.
  public let signer: EventSigner?

  /// The identity of this clone's user; without `user.email` it is an error, unless
  /// `allowUnknown` (for records made on the user's behalf, such as check runs, which are not
  /// signed either).
  public init(repository: Repository, allowUnknown: Bool = false) throws {
    var email = try repository.config().string("user.email") ?? ""
    if email.isEmpty {
      guard allowUnknown else {
        throw TillitError.usage("user.email is not set; set it with git config user.email you@example.com, so your reviews carry your name")
      }
      email = "unknown"
    }
    let name = try repository.config().string("user.name") ?? ""
    person = Mailmap.orWarning(repository)?.email(for: email, name: name) ?? email
    writer = Self.writerID(state: StateDirectory(repository: repository))
    signer = allowUnknown ? nil : try EventSigner.configured(repository)
  }

  /// This clone's writer id, kept in `.git/tillit/writer`. When that cannot be read or made (a
  /// folder in its place, a read-only `.git`), a one-time id serves this run, with a warning.
  private static func writerID(state: StateDirectory) -> String {
    do {
      return try storedWriterID(state: state)
    } catch {
      Diagnostics.warning("this clone's writer id cannot be kept (\(error)); this run uses a one-time id")
      return RandomID.make()
    }
  }

  private static func storedWriterID(state: StateDirectory) throws -> String {
    let path = state.path + "/writer"
    if let existing = try? FileSystem.readText(path).trimmingSpaces, existing.count == 16 { return existing }  // none or damaged: made anew
    try FileSystem.makeDirectories(state.path)
    let fresh = RandomID.make()
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    if fd >= 0 {
      try FileSystem.writeAll(fd, Array((fresh + "\n").utf8), path: path)
      close(fd)
      return fresh
    }
    // Another process made it first: use theirs.
    let theirs = try FileSystem.readText(path).trimmingSpaces
    guard theirs.count == 16 else { throw FileError(path: path, errno: EINVAL) }
    return theirs
  }

  /// A new event by this identity, now, to be signed as it is appended when the person signs.
  public func event(_ payload: some LedgerPayloadKind) -> LedgerEvent {
    var event = LedgerEvent(payload.payload, at: Timestamp.now(), by: person, writer: writer, nonce: RandomID.make())
    event.signer = signer
    return event
  }
}
