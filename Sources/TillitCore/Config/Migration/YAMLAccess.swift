/// Reading another tool's YAML loosely: a key's value, a list's items, a word or a list of words.
/// Converters read what they know and report the rest; a wrong shape reads as absent.
extension YAMLNode {
  subscript(key: String) -> YAMLNode? {
    guard case .mapping(let entries, _) = self else { return nil }
    return entries.first { $0.key == key }?.value
  }

  var entries: [YAMLEntry] {
    if case .mapping(let entries, _) = self { return entries }
    return []
  }

  var items: [YAMLNode] {
    if case .sequence(let items, _) = self { return items }
    return []
  }

  /// A scalar as one word, a list of scalars as its words.
  var words: [String] {
    switch self {
    case .scalar(let text, _): return text.isEmpty ? [] : [text]
    case .sequence(let items, _): return items.compactMap(\.scalar)
    case .mapping: return []
    }
  }

  var flag: Bool? { scalar.flatMap(ConfigParser.bool) }
}

/// Reads another tool's configuration file, its YAML errors as a sentence about that file.
enum ForeignYAML {
  static func read(_ text: String, file: String) throws(ConfigError) -> YAMLNode? {
    do {
      var reader = YAMLReader()
      return try reader.read(text)
    } catch {
      throw ConfigError(
        file: file, line: error.line, key: nil,
        problem: error.problem + " (Tillit reads a subset of YAML: simplify that line to convert the file, or run tillit init --from project)")
    }
  }
}
