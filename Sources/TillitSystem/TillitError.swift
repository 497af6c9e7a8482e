/// The one error a user sees: what went wrong, what to do about it, and the exit code it means.
/// Every error Tillit throws is one, or converts to one (`TillitErrorConvertible`), so the
/// command line words and codes them all in one place (`TillitError(_:)`).
public struct TillitError: Error, CustomStringConvertible, Sendable {
  /// What the exit code says to a script. The README's "Exit codes" names them.
  public enum ExitKind: Sendable, Equatable {
    /// A check failed, or something is not approved or ready: 1.
    case failed
    /// Bad usage, a bad configuration or bad input (a malformed object from someone else): 2.
    case usage
    /// The environment failed: a read-only or full disk, a file in the way, the network: 3.
    case environment

    public var code: Int32 {
      switch self {
      case .failed: return 1
      case .usage: return 2
      case .environment: return 3
      }
    }
  }

  /// What went wrong, as a sentence without `tillit: ` before it.
  public let message: String
  /// What to do about it, when there is something to say.
  public let hint: String?
  public let exit: ExitKind

  public init(_ message: String, hint: String? = nil, exit: ExitKind) {
    self.message = message
    self.hint = hint
    self.exit = exit
  }

  public static func usage(_ message: String, hint: String? = nil) -> TillitError { TillitError(message, hint: hint, exit: .usage) }
  public static func failed(_ message: String, hint: String? = nil) -> TillitError { TillitError(message, hint: hint, exit: .failed) }
  public static func environment(_ message: String, hint: String? = nil) -> TillitError { TillitError(message, hint: hint, exit: .environment) }

  /// The message, then the hint after a semicolon: one line.
  public var description: String { hint.map { "\(message); \($0)" } ?? message }

  /// `error` as a user sees it: its own wording when it has one, else its description with
  /// exit 1.
  public init(_ error: any Error) {
    if let error = error as? any TillitErrorConvertible {
      self = error.tillitError
    } else {
      self = TillitError("\(error)", exit: .failed)
    }
  }
}

/// An error of one part of Tillit that knows how it reads to a user and what exit code it means.
public protocol TillitErrorConvertible: Error {
  var tillitError: TillitError { get }
}

extension TillitError: TillitErrorConvertible {
  public var tillitError: TillitError { self }
}
