import TillitSystem

/// A run of checks that could not start, for a reason the user can fix.
public enum CheckError: Error, CustomStringConvertible, Sendable {
  /// Bad input: exit 2.
  case usage(String)
  /// The configuration's commands have not been approved in this clone.
  case untrusted(String)

  public var description: String {
    switch self {
    case .usage(let message), .untrusted(let message): return message
    }
  }
}

extension CheckError: TillitErrorConvertible {
  public var tillitError: TillitError {
    switch self {
    case .usage(let message): return .usage(message)
    case .untrusted(let message): return .failed(message)
    }
  }
}
