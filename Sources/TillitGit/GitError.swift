import CLibgit2

/// A libgit2 call that failed, with libgit2's own message.
public struct GitError: Error, CustomStringConvertible, Sendable {
  public let call: String
  public let code: Int32
  public let message: String

  public var description: String { "\(message) (\(call) returned \(code))" }

  /// True when libgit2 reported that the object or reference does not exist.
  public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
}

/// Throws a `GitError` carrying libgit2's last message when `code` signals failure.
/// The message is read at once, on the calling thread, as libgit2 keeps it per thread.
@inline(__always)
func check(_ code: Int32, _ call: StaticString) throws {
  guard code < 0 else { return }
  let message = git_error_last().map { String(cString: $0.pointee.message) } ?? "no message"
  throw GitError(call: "\(call)", code: code, message: message)
}
