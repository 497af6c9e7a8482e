import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

/// A libgit2 call that failed. It reads as plain words (`description`): libgit2's own message
/// unless that names libgit2's internals, then a sentence for its kind of failure; the call and
/// its code are added only with `TILLIT_DEBUG=1`, for whoever debugs Tillit itself.
public struct GitError: Error, CustomStringConvertible, Sendable {
  public let call: String
  public let code: Int32
  /// libgit2's own message, as it gave it.
  public let message: String
  /// libgit2's error class (`GIT_ERROR_OS`, ...).
  public var errorClass: Int32 = 0

  /// What kind of failure it is, for the code above libgit2 to decide what it means.
  public enum Reason: Sendable, Equatable {
    /// No such object, reference or path.
    case notFound
    /// A short id or name that more objects match (or an id too short to look up).
    case ambiguous
    /// A name git does not accept (a revision, a reference).
    case invalidName
    /// An object of another kind than the one asked for (a blob where a commit was wanted).
    case wrongKind
    /// A lock file is held, by another git process or left behind by one that died.
    case locked
    /// The operating system refused: a read-only or full disk, permissions, a file in the way.
    case environment
    /// Something already exists where it was to be made.
    case exists
    /// Anything else: damaged objects, a malformed configuration, ...
    case other
  }

  public init(call: String, code: Int32, message: String, errorClass: Int32 = 0) {
    self.call = call
    self.code = code
    self.message = message
    self.errorClass = errorClass
  }

  public var reason: Reason {
    switch code {
    case GIT_ELOCKED.rawValue: return .locked
    case GIT_EAMBIGUOUS.rawValue: return .ambiguous
    case GIT_EPEEL.rawValue: return .wrongKind
    case GIT_EINVALIDSPEC.rawValue: return .invalidName
    case GIT_EEXISTS.rawValue: return .exists
    default: break
    }
    if isEnvironment { return .environment }
    return code == GIT_ENOTFOUND.rawValue ? .notFound : .other
  }

  /// True when the operating system refused (a read-only or full disk, permissions): the
  /// environment's fault, not the user's input.
  public var isEnvironment: Bool {
    errorClass == Int32(GIT_ERROR_OS.rawValue) || errorClass == Int32(GIT_ERROR_FILESYSTEM.rawValue)
  }

  /// True when libgit2 reported that something does not exist: an object, a reference, or a
  /// file or folder it needed (the last also `isEnvironment`).
  public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }

  public var description: String {
    Self.debugging ? "\(plainWords) (\(call) returned \(code))" : plainWords
  }

  /// libgit2's message, or a sentence for its kind of failure when the message speaks of
  /// libgit2's own names (`git_object`, `git_object_t=1`), which mean nothing to a user.
  var plainWords: String {
    let trimmed = message.hasSuffix(".") ? String(message.dropLast()) : message
    switch reason {
    case .ambiguous: return "more than one object's id begins so, or the id is too short to look up"
    case .locked: return "\(trimmed): another git process holds the lock"
    default: break
    }
    guard trimmed.contains("git_") else { return trimmed }
    switch reason {
    case .notFound: return "not found"
    case .invalidName: return "not a name git accepts"
    case .wrongKind: return "an object of another kind"
    case .environment: return "the system refused"
    default: return "git could not do it (run with TILLIT_DEBUG=1 to see libgit2's words)"
    }
  }

  /// `TILLIT_DEBUG=1`: errors also name the libgit2 call that failed and its code.
  static let debugging: Bool = getenv("TILLIT_DEBUG").map { String(cString: $0) == "1" } ?? false
}

/// Throws a `GitError` carrying libgit2's last message when `code` signals failure.
/// The message is read at once, on the calling thread, as libgit2 keeps it per thread.
@inline(__always)
func check(_ code: Int32, _ call: StaticString) throws {
  guard code < 0 else { return }
  let last = git_error_last()
  let message = last.map { String(cString: $0.pointee.message) } ?? "no message"
  throw GitError(call: "\(call)", code: code, message: message, errorClass: last?.pointee.klass ?? 0)
}
