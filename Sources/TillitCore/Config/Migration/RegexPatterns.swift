/// pre-commit's `files` and `exclude` are Python regular expressions searched in each path;
/// Tillit's are globs. This turns the common shapes into globs — prefixes (`^docs/`), suffixes
/// (`\.py$`), exact paths, and `|` alternatives of those — and gives up (nil) on the rest, for
/// the converter to list for review rather than guess.
enum RegexPatterns {
  static func globs(_ regex: String) -> [String]? {
    var text = Substring(regex)
    if text.hasPrefix("(?x)") { return nil }
    // A whole-expression group: ^(a|b)/ → alternatives sharing the prefix and suffix.
    var results: [String] = []
    for alternative in splitAlternatives(text) ?? [] {
      text = alternative
      guard let glob = single(text) else { return nil }
      results += glob
    }
    return results.isEmpty ? nil : results
  }

  /// Top-level `|` alternatives, with a group of alternatives expanded: `^(a|b)/x` → `^a/x`, `^b/x`.
  private static func splitAlternatives(_ text: Substring) -> [Substring]? {
    var parts: [Substring] = []
    var depth = 0
    var start = text.startIndex
    var escaped = false
    var groupStart: Substring.Index?
    var groupEnd: Substring.Index?
    for index in text.indices {
      let character = text[index]
      if escaped { escaped = false; continue }
      switch character {
      case "\\": escaped = true
      case "(":
        if depth == 0 {
          if groupStart != nil { return nil }  // two groups: too much to expand
          groupStart = index
        }
        depth += 1
      case ")":
        depth -= 1
        if depth == 0 { groupEnd = index }
        if depth < 0 { return nil }
      case "|" where depth == 0:
        parts.append(text[start..<index])
        start = text.index(after: index)
      default: break
      }
    }
    parts.append(text[start...])
    if parts.count > 1 { return parts.flatMap { splitAlternatives($0) ?? [$0] } }
    guard let open = groupStart, let close = groupEnd else { return parts }
    var inner = text[text.index(after: open)..<close]
    if inner.hasPrefix("?:") { inner = inner.dropFirst(2) }
    let before = text[..<open]
    let after = text[text.index(after: close)...]
    guard let choices = splitAlternatives(inner) else { return nil }
    return choices.map { Substring(String(before) + $0 + after) }
  }

  /// One alternative without groups: a literal, anchored or not, with `.*` and `[^/]*` in it.
  /// Unanchored, it may start at any folder (not in the middle of a name, which no one means
  /// when a `/` follows); without `$`, it may go on, into a longer name or a folder.
  private static func single(_ regex: Substring) -> [String]? {
    var text = regex
    let anchoredStart = text.hasPrefix("^")
    if anchoredStart { text = text.dropFirst() }
    var anchoredEnd = false
    if text.hasSuffix("$") && !text.hasSuffix("\\$") { anchoredEnd = true; text = text.dropLast() }
    var core = ""
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      let rest = text[index...]
      if rest.hasPrefix("[^/]*") || rest.hasPrefix("[^/]+") {
        core += "*"
        index = text.index(index, offsetBy: 5)
      } else if rest.hasPrefix(".*") || rest.hasPrefix(".+") {
        core += core.isEmpty || core.hasSuffix("/") ? "**/*" : "*"
        index = text.index(index, offsetBy: 2)
      } else if character == "\\" {
        let next = text.index(after: index)
        guard next < text.endIndex, ".-/_+$^()[]{}|".contains(text[next]) else { return nil }
        core.append(text[next])
        index = text.index(after: next)
      } else if character == "." {
        core += "?"  // any one character, as in the expression
        index = text.index(after: index)
      } else if "*+?{}[]()|$^".contains(character) {
        return nil
      } else {
        core.append(character)
        index = text.index(after: index)
      }
    }
    guard !core.isEmpty else { return nil }
    let prefix = anchoredStart || core.hasPrefix("**/") ? "" : (core.contains("/") ? "**/" : "*")
    var pattern = prefix + core
    if anchoredStart && !pattern.contains("/") { pattern = "/" + pattern }  // at the root only
    if anchoredEnd { return [pattern] }
    if pattern.hasSuffix("/") { return [pattern + "**"] }
    let longer = (pattern.contains("/") ? "" : "**/") + pattern + "*"
    return [pattern + "*", longer + "/**"]
  }
}
