import TillitSystem

/// A `.tillit.yml` that cannot be used, located by file, line and key.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
  public let file: String
  public let line: Int?
  public let key: String?
  public let problem: String

  public var description: String {
    var text = file
    if let line { text += " line \(line)" }
    text += ": "
    if let key { text += "'\(key)' " }
    return text + problem
  }
}

extension ConfigError: TillitErrorConvertible {
  public var tillitError: TillitError { .usage(description) }
}
