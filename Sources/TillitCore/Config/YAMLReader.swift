/// Reads the subset of YAML that configuration files use: block mappings and sequences, flow
/// sequences (`[a, "b"]`), plain, quoted and block (`|`, `>`) scalars, and comments. Anchors,
/// aliases, tags and flow mappings are refused with the line they are on, so whatever this
/// reader accepts means the same to any YAML parser. Every scalar stays text; the caller types it.
///
/// Tillit reads YAML itself rather than through a YAML library because the library brings all
/// of Foundation into a binary that git starts on every commit (measured in README.md).
///
/// Lists and mappings nest at most `deepestNesting` levels: the reader is recursive, and a
/// hostile file nesting thousands of levels would otherwise exhaust the stack.
public struct YAMLReader {
  /// How deep lists and mappings may nest. A configuration needs four or five levels.
  public static let deepestNesting = 64

  private struct Line {
    let number: Int
    let indent: Int
    let text: Substring  // without indentation; comments kept (stripped while scanning scalars)
  }

  private var lines: [Line] = []
  private var raw: [Substring] = []
  private var position = 0
  private var depth = 0

  public init() {}

  public mutating func read(_ text: String) throws(YAMLError) -> YAMLNode? {
    // Split by scalar, not Character: "\r\n" is one Character and would never equal "\n".
    raw = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Substring($0) }
      .map { $0.unicodeScalars.last == "\r" ? Substring($0.unicodeScalars.dropLast()) : $0 }
    lines = []
    for (offset, line) in raw.enumerated() {
      let indent = line.prefix { $0 == " " }.count
      let body = line.dropFirst(indent)
      if body.hasPrefix("\t") { throw YAMLError(line: offset + 1, problem: "is indented with a tab; YAML indents with spaces") }
      if body.isEmpty || body.hasPrefix("#") { continue }
      if indent == 0 && (body == "---" || body.hasPrefix("--- ")) { continue }
      if indent == 0 && body == "..." { break }
      lines.append(Line(number: offset + 1, indent: indent, text: body))
    }
    position = 0
    depth = 0
    guard let first = lines.first else { return nil }
    let node = try block(indent: first.indent)
    if position < lines.count {
      throw YAMLError(line: lines[position].number, problem: "is indented in a way that does not fit the lines above it")
    }
    return node
  }

  /// A block node whose lines start at exactly `indent`.
  private mutating func block(indent: Int) throws(YAMLError) -> YAMLNode {
    let line = lines[position]
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.deepestNesting else {
      throw YAMLError(
        line: line.number, problem: "nests lists or mappings more than \(Self.deepestNesting) levels deep; Tillit reads at most \(Self.deepestNesting)")
    }
    if Self.isSequenceItem(line.text) { return try sequence(indent: indent) }
    if try Self.splitKey(line.text, line: line.number) != nil { return try mapping(indent: indent) }
    position += 1
    return try scalar(line.text, line: line.number, indent: indent)
  }

  private mutating func sequence(indent: Int) throws(YAMLError) -> YAMLNode {
    let start = lines[position].number
    var items: [YAMLNode] = []
    while position < lines.count, lines[position].indent == indent, Self.isSequenceItem(lines[position].text) {
      let line = lines[position]
      let rest = line.text.dropFirst().drop { $0 == " " }
      let itemIndent = indent + (line.text.count - rest.count)
      if rest.isEmpty || rest.hasPrefix("#") {
        position += 1
        guard position < lines.count, lines[position].indent > indent else {
          items.append(.scalar("", line: line.number))
          continue
        }
        items.append(try block(indent: lines[position].indent))
      } else if try Self.startsBlock(rest, line: line.number) {
        // `- name: x` continues as a mapping (or `- - x` as a sequence) at the item's column.
        lines[position] = Line(number: line.number, indent: itemIndent, text: rest)
        items.append(try block(indent: itemIndent))
      } else {
        position += 1
        items.append(try scalar(rest, line: line.number, indent: indent))
      }
    }
    return .sequence(items, line: start)
  }

  private mutating func mapping(indent: Int) throws(YAMLError) -> YAMLNode {
    let start = lines[position].number
    var entries: [YAMLEntry] = []
    while position < lines.count, lines[position].indent == indent {
      let line = lines[position]
      guard let (key, rest) = try Self.splitKey(line.text, line: line.number) else {
        throw YAMLError(line: line.number, problem: "should be a 'key: value' line like the ones above it")
      }
      if entries.contains(where: { $0.key == key }) {
        throw YAMLError(line: line.number, problem: "repeats the key '\(key)'")
      }
      position += 1
      let value: YAMLNode
      if rest.isEmpty {
        if position < lines.count, lines[position].indent > indent {
          value = try block(indent: lines[position].indent)
        } else if position < lines.count, lines[position].indent == indent, Self.isSequenceItem(lines[position].text) {
          value = try sequence(indent: indent)  // a list may sit at its key's own indentation
        } else {
          value = .scalar("", line: line.number)
        }
      } else {
        value = try scalar(rest, line: line.number, indent: indent)
      }
      entries.append(YAMLEntry(key: key, line: line.number, value: value))
    }
    if position < lines.count, lines[position].indent > indent {
      throw YAMLError(line: lines[position].number, problem: "is indented more than the key above it, which already has a value")
    }
    return .mapping(entries, line: start)
  }

  /// A value written on one line (plain, quoted or flow), or a block scalar introduced by `|` or `>`.
  private mutating func scalar(_ text: Substring, line: Int, indent: Int) throws(YAMLError) -> YAMLNode {
    let value = Self.stripComment(text)
    guard let first = value.first else { return .scalar("", line: line) }
    switch first {
    case "|", ">": return .scalar(try blockScalar(header: value, line: line, parentIndent: indent), line: line)
    case "[": return try flowSequence(value, line: line)
    case "\"", "'":
      var rest = value[...]
      let text = try Self.quoted(&rest, line: line)
      guard rest.allSatisfy({ $0 == " " }) else { throw YAMLError(line: line, problem: "has text after a closing quote") }
      return .scalar(text, line: line)
    default:
      return .scalar(try Self.plain(value, line: line), line: line)
    }
  }

  private mutating func blockScalar(header: Substring, line: Int, parentIndent: Int) throws(YAMLError) -> String {
    let folded = header.first == ">"
    let chomping = header.dropFirst()
    guard ["", "-", "+"].contains(String(chomping)) else {
      throw YAMLError(line: line, problem: "has a block scalar header Tillit does not read; use | or > (optionally with - or +)")
    }
    // Block scalars keep blank lines and '#', so they are read from the raw text.
    var body: [Substring] = []
    var rawIndex = line
    var contentIndent: Int?
    while rawIndex < raw.count {
      let text = raw[rawIndex]
      let indent = text.prefix { $0 == " " }.count
      if text.allSatisfy({ $0 == " " }) {
        body.append("")
        rawIndex += 1
        continue
      }
      if contentIndent == nil { contentIndent = indent }
      guard let contentIndent, indent >= contentIndent, indent > parentIndent else { break }
      body.append(text.dropFirst(contentIndent))
      rawIndex += 1
    }
    while position < lines.count, lines[position].number <= rawIndex { position += 1 }
    var trailing = 0
    while body.last == "" { body.removeLast(); trailing += 1 }
    var text: String
    if folded {
      text = ""
      for (offset, part) in body.enumerated() {
        if offset > 0 { text += (part.isEmpty || body[offset - 1].isEmpty || part.hasPrefix(" ")) ? "\n" : " " }
        text += part
      }
    } else {
      text = body.joined(separator: "\n")
    }
    switch chomping {
    case "-": return text
    case "+": return text + String(repeating: "\n", count: trailing + 1)
    default: return body.isEmpty ? "" : text + "\n"
    }
  }

  private func flowSequence(_ text: Substring, line: Int) throws(YAMLError) -> YAMLNode {
    var rest = text.dropFirst()
    var items: [YAMLNode] = []
    while true {
      rest = rest.drop { $0 == " " }
      guard let first = rest.first else { throw YAMLError(line: line, problem: "opens a list with '[' but does not close it on the same line") }
      if first == "]" {
        guard rest.dropFirst().allSatisfy({ $0 == " " }) else { throw YAMLError(line: line, problem: "has text after the closing ']'") }
        return .sequence(items, line: line)
      }
      if first == "\"" || first == "'" {
        items.append(.scalar(try Self.quoted(&rest, line: line), line: line))
      } else if first == "[" || first == "{" {
        throw YAMLError(line: line, problem: "nests a list or mapping inside [ ]; Tillit reads flat lists only")
      } else {
        let end = rest.firstIndex { $0 == "," || $0 == "]" } ?? rest.endIndex
        items.append(.scalar(try Self.plain(rest[..<end], line: line), line: line))
        rest = rest[end...]
      }
      rest = rest.drop { $0 == " " }
      if rest.isEmpty { throw YAMLError(line: line, problem: "opens a list with '[' but does not close it on the same line") }
      if rest.first == "," {
        rest = rest.dropFirst()
      } else if rest.first != "]" {
        throw YAMLError(line: line, problem: "needs a ',' between list items")
      }
    }
  }

  private static func quoted(_ rest: inout Substring, line: Int) throws(YAMLError) -> String {
    let quote = rest.removeFirst()
    var result = ""
    while let character = rest.first {
      rest.removeFirst()
      if character == quote {
        if quote == "'" && rest.first == "'" { rest.removeFirst(); result.append("'"); continue }
        return result
      }
      if quote == "\"" && character == "\\" {
        guard let escaped = rest.first else { break }
        rest.removeFirst()
        switch escaped {
        case "n": result.append("\n")
        case "t": result.append("\t")
        case "\\", "\"", "/": result.append(escaped)
        case "0": result.append("\u{0}")
        case "u":
          let hex = rest.prefix(4)
          guard hex.count == 4, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw YAMLError(line: line, problem: "has a \\u escape without four hex digits")
          }
          rest = rest.dropFirst(4)
          result.unicodeScalars.append(scalar)
        default: throw YAMLError(line: line, problem: "has an unknown escape '\\\(escaped)' in a double-quoted text")
        }
        continue
      }
      result.append(character)
    }
    throw YAMLError(line: line, problem: "opens a quote (\(quote)) that is not closed on the same line")
  }

  private static func plain(_ text: Substring, line: Int) throws(YAMLError) -> String {
    let value = String(trimEnd(text.drop { $0 == " " }))
    if let first = value.first, "&*!{}@`%|>".contains(first) {
      let reason: String
      switch first {
      case "*": reason = "'*' starts an alias in YAML; put the text in quotes, like \"\(value)\""
      case "&": reason = "anchors (&) are not supported; write the value out"
      case "!": reason = "tags (!) are not supported"
      case "{", "}": reason = "flow mappings ({ }) are not supported; write one 'key: value' per line"
      default: reason = "'\(first)' cannot start plain text in YAML; put the text in quotes"
      }
      throw YAMLError(line: line, problem: reason)
    }
    if keyColon(value[...]) != nil {
      throw YAMLError(line: line, problem: "has ': ' inside a plain value; put the value in quotes")
    }
    return value
  }

  /// Whether an item's text opens a nested block: `- name: x` or `- - x`.
  private static func startsBlock(_ text: Substring, line: Int) throws(YAMLError) -> Bool {
    if isSequenceItem(text) { return true }
    return try splitKey(text, line: line) != nil
  }

  private static func isSequenceItem(_ text: Substring) -> Bool {
    text == "-" || text.hasPrefix("- ")
  }

  /// Splits `key: rest` (the key plain or quoted); nil when the line is not a mapping entry.
  private static func splitKey(_ text: Substring, line: Int) throws(YAMLError) -> (String, Substring)? {
    if text.first == "\"" || text.first == "'" {
      var rest = text
      guard let key = try? quoted(&rest, line: line), rest.first == ":" else { return nil }  // no quoted key: not an entry
      let after = rest.dropFirst()
      guard after.isEmpty || after.first == " " else { return nil }
      return (key, stripComment(after.drop { $0 == " " }).isEmpty ? "" : after.drop { $0 == " " })
    }
    guard let colon = keyColon(text) else { return nil }
    let key = text[..<colon]
    if key.contains("#") || key.hasPrefix("[") || key.hasPrefix("- ") { return nil }
    if key.hasPrefix("{") { throw YAMLError(line: line, problem: "flow mappings ({ }) are not supported; write one 'key: value' per line") }
    let after = text[text.index(after: colon)...].drop { $0 == " " }
    return (String(trimEnd(key)), stripComment(after).isEmpty ? "" : after)
  }

  /// The first ':' followed by a space or the end of the line: where a plain key ends.
  private static func keyColon(_ text: Substring) -> Substring.Index? {
    var index = text.startIndex
    while index < text.endIndex {
      if text[index] == ":" {
        let next = text.index(after: index)
        if next == text.endIndex || text[next] == " " { return index }
      }
      index = text.index(after: index)
    }
    return nil
  }

  /// The text without a trailing ` # comment` outside quotes.
  private static func stripComment(_ text: Substring) -> Substring {
    var quote: Character?
    var previous: Character = " "
    for index in text.indices {
      let character = text[index]
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        if previous == " " || previous == "[" || previous == "," || index == text.startIndex { quote = character }
      } else if character == "#" && previous == " " {
        return trimEnd(text[..<index])
      }
      previous = character
    }
    return trimEnd(text)
  }

  private static func trimEnd(_ text: Substring) -> Substring {
    var end = text.endIndex
    while end > text.startIndex, text[text.index(before: end)] == " " { end = text.index(before: end) }
    return text[..<end]
  }
}
