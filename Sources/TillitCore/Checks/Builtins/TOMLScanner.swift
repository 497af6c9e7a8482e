/// Reads TOML's lexical parts for `TOMLChecker`: spaces, comments, keys and values, each
/// checked as Python's `tomllib` reads it, failing with the line it is on.
struct TOMLScanner {
  let bytes: [UInt8]
  var position = 0
  var line = 1

  init(bytes: [UInt8]) { self.bytes = bytes }

  var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

  func peek(_ offset: Int) -> UInt8? { position + offset < bytes.count ? bytes[position + offset] : nil }

  mutating func advance() {
    if bytes[position] == 10 { line += 1 }
    position += 1
  }

  func fail(_ problem: String) -> TOMLChecker.Failure { TOMLChecker.Failure(problem: problem, line: line) }

  mutating func skipSpace() {
    while peek == 32 || peek == 9 { position += 1 }
  }

  mutating func expect(_ text: String) throws(TOMLChecker.Failure) {
    for byte in text.utf8 {
      guard peek == byte else { throw fail("expected '\(text)'") }
      position += 1
    }
  }

  /// A newline (`\n` or `\r\n`) or the end, after an optional comment.
  mutating func endOfLine() throws(TOMLChecker.Failure) {
    skipSpace()
    if peek == UInt8(ascii: "#") { try comment() }
    if peek == 13 && peek(1) == 10 { position += 1 }
    guard let byte = peek else { return }
    guard byte == 10 else { throw fail("expected the end of the line") }
    advance()
  }

  /// A comment, up to the newline: no control characters but tab.
  mutating func comment() throws(TOMLChecker.Failure) {
    while let byte = peek, byte != 10 {
      if byte == 13 && peek(1) == 10 { return }
      guard !Self.isControl(byte) else { throw fail("has a control character in a comment") }
      position += 1
    }
  }

  /// Spaces, newlines and comments between an array's values.
  mutating func skipSpaceAndComments() throws(TOMLChecker.Failure) {
    while true {
      skipSpace()
      if peek == UInt8(ascii: "#") { try comment() }
      if peek == 13 && peek(1) == 10 { position += 1 }
      guard peek == 10 else { return }
      advance()
    }
  }

  static func isControl(_ byte: UInt8) -> Bool { (byte < 32 && byte != 9) || byte == 127 }

  static func isBare(_ byte: UInt8) -> Bool {
    (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte) || byte == 95 || byte == 45
  }

  /// A key: bare or quoted parts joined by dots.
  mutating func key() throws(TOMLChecker.Failure) -> [String] {
    var parts: [String] = []
    repeat {
      skipSpace()
      if peek == 34 || peek == 39 {
        guard peek(1) != peek || peek(2) != peek else { throw fail("a key cannot be a multi-line string") }
        parts.append(try string())
      } else {
        let start = position
        while let byte = peek, Self.isBare(byte) { position += 1 }
        guard position > start else { throw fail("expected a key") }
        parts.append(String(decoding: bytes[start..<position], as: UTF8.self))
      }
      skipSpace()
    } while dotted()
    return parts
  }

  private mutating func dotted() -> Bool {
    guard peek == UInt8(ascii: ".") else { return false }
    position += 1
    return true
  }

  /// A value after `=` or in an array; nested arrays and inline tables at most `deepestNesting` deep.
  mutating func value(depth: Int) throws(TOMLChecker.Failure) -> TOMLNode {
    guard depth <= TOMLChecker.deepestNesting else { throw fail("nests arrays or inline tables more than \(TOMLChecker.deepestNesting) levels deep") }
    guard let byte = peek else { throw fail("expected a value") }
    switch byte {
    case 34, 39: _ = try string()
    case UInt8(ascii: "["): try array(depth: depth)
    case UInt8(ascii: "{"): return try inlineTable(depth: depth)
    default: try scalar()
    }
    return TOMLNode.value()
  }

  private mutating func array(depth: Int) throws(TOMLChecker.Failure) {
    position += 1
    while true {
      try skipSpaceAndComments()
      if peek == UInt8(ascii: "]") { position += 1; return }
      _ = try value(depth: depth + 1)
      try skipSpaceAndComments()
      if peek == UInt8(ascii: ",") { position += 1; continue }
      guard peek == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in an array") }
      position += 1
      return
    }
  }

  private mutating func inlineTable(depth: Int) throws(TOMLChecker.Failure) -> TOMLNode {
    position += 1
    let table = TOMLNode.table()
    var pending: [TOMLNode] = []
    skipSpace()
    if peek == UInt8(ascii: "}") {
      position += 1
    } else {
      while true {
        try TOMLChecker.keyValue(&self, into: table, pending: &pending, depth: depth + 1)
        skipSpace()
        if peek == UInt8(ascii: ",") { position += 1; skipSpace(); continue }
        guard peek == UInt8(ascii: "}") else { throw fail("expected ',' or '}' in an inline table (which stays on one line)") }
        position += 1
        break
      }
    }
    table.frozen = true
    return table
  }
}
