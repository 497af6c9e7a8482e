/// A node of the YAML subset `.tillit.yml` is written in, with the line it starts on.
public indirect enum YAMLNode: Equatable, Sendable {
  case scalar(String, line: Int)
  case sequence([YAMLNode], line: Int)
  case mapping([YAMLEntry], line: Int)

  public var line: Int {
    switch self {
    case .scalar(_, let line), .sequence(_, let line), .mapping(_, let line): return line
    }
  }

  public var scalar: String? {
    if case .scalar(let text, _) = self { return text }
    return nil
  }
}

/// One `key: value` of a mapping.
public struct YAMLEntry: Equatable, Sendable {
  public let key: String
  public let line: Int
  public let value: YAMLNode
}

/// Where and why the text is not YAML that Tillit reads.
public struct YAMLError: Error, Equatable, Sendable {
  public let line: Int
  public let problem: String
}
