import CLibgit2

/// A libgit2 call that failed, with libgit2's own message.
public struct GitError: Error, CustomStringConvertible, Sendable {
  public let call: String
  public let code: Int32
  public let message: String
  /// libgit2's error class (`GIT_ERROR_OS`, ...).
  public var errorClass: Int32 = 0

  public var description: String { "\(message) (\(call) returned \(code))" }

  /// True when the operating system refused (a read-only or full disk, permissions): the
  /// environment's fault, not the user's input.
  public var isEnvironment: Bool {
    errorClass == Int32(GIT_ERROR_OS.rawValue) || errorClass == Int32(GIT_ERROR_FILESYSTEM.rawValue)
  }

  /// True when libgit2 reported that the object or reference does not exist.
  public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
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
