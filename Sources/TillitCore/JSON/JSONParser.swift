/// Reads JSON text (RFC 8259) into a `JSONValue`, strictly: one value, nothing after it, nesting
/// at most `deepestNesting` deep (the parser is recursive; a hostile ledger event or cache
/// nesting thousands of levels is a parse error, not a stack overflow). Object keys keep their
/// order; a repeated key is an error.
public struct JSONParser {
  /// How deep arrays and objects may nest. Tillit's own documents nest four or five levels.
  public static let deepestNesting = 64

  private let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0
  private var depth = 0

  public struct Failure: Error, Sendable, CustomStringConvertible {
    public let offset: Int
    public let problem: String
    public var description: String { "\(problem) at byte \(offset)" }
  }

  public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
    try bytes.withUnsafeBufferPointer { buffer throws(Failure) in try parse(buffer) }
  }

  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    parser.skipSpace()
    let value = try parser.value()
    parser.skipSpace()
    guard parser.position == bytes.count else { throw parser.fail("text after the value") }
    return value
  }

  private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  private func fail(_ problem: String) -> Failure { Failure(offset: position, problem: problem) }

  private mutating func skipSpace() {
    while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09 {
      position += 1
    }
  }

  private mutating func value() throws(Failure) -> JSONValue {
    guard position < bytes.count else { throw fail("unexpected end") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    default: return try number()
    }
  }

  private mutating func literal(_ word: String) throws(Failure) {
    let expected = Array(word.utf8)
    guard bytes.count - position >= expected.count, bytes[position..<position + expected.count].elementsEqual(expected) else {
      throw fail("unexpected character")
    }
    position += expected.count
  }

  private mutating func nest() throws(Failure) {
    depth += 1
    if depth > Self.deepestNesting { throw fail("nesting deeper than \(Self.deepestNesting)") }
  }

  private mutating func object() throws(Failure) -> JSONValue {
    try nest()
    defer { depth -= 1 }
    position += 1
    var members: [(String, JSONValue)] = []
    // Repeated keys: looked for among the members while there are few, then in a set.
    var keys: Set<String> = []
    skipSpace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
    while true {
      skipSpace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw fail("expected a key") }
      let key = try string()
      if members.count < 16 {
        guard !members.contains(where: { $0.0 == key }) else { throw fail("repeated key '\(key)'") }
      } else {
        if keys.isEmpty { keys = Set(members.map(\.0)) }
        guard keys.insert(key).inserted else { throw fail("repeated key '\(key)'") }
      }
      skipSpace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail("expected ':'") }
      position += 1
      skipSpace()
      members.append((key, try value()))
      skipSpace()
      guard position < bytes.count else { throw fail("unexpected end") }
      if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
      if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
      throw fail("expected ',' or '}'")
    }
  }

  private mutating func array() throws(Failure) -> JSONValue {
    try nest()
    defer { depth -= 1 }
    position += 1
    var items: [JSONValue] = []
    skipSpace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
    while true {
      skipSpace()
      items.append(try value())
      skipSpace()
      guard position < bytes.count else { throw fail("unexpected end") }
      if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
      if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
      throw fail("expected ',' or ']'")
    }
  }

  private mutating func string() throws(Failure) -> String {
    position += 1
    // Most strings have no escapes: read them in one piece.
    var end = position
    var highBits: UInt8 = 0
    while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
      highBits |= bytes[end]
      end += 1
    }
    if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
      let piece = UnsafeBufferPointer(rebasing: bytes[position..<end])
      // ASCII needs no validating.
      let text = highBits < 0x80 ? String(decoding: piece, as: UTF8.self) : String(validating: piece, as: UTF8.self)
      guard let text else { throw fail("text that is not UTF-8") }
      position = end + 1
      return text
    }
    var scalars = String.UnicodeScalarView()
    var start = position
    func flush(_ parser: JSONParser, _ end: Int) throws(Failure) {
      guard let text = String(validating: UnsafeBufferPointer(rebasing: parser.bytes[start..<end]), as: UTF8.self) else {
        throw parser.fail("text that is not UTF-8")
      }
      scalars.append(contentsOf: text.unicodeScalars)
    }
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        try flush(self, position)
        position += 1
        return String(scalars)
      }
      if byte < 0x20 { throw fail("a control character in a string") }
      if byte == UInt8(ascii: "\\") {
        try flush(self, position)
        position += 1
        guard position < bytes.count else { break }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
              throw fail("a lone surrogate")
            }
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("a lone surrogate") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { throw fail("an invalid \\u escape") }
          scalars.append(scalar)
        default: throw fail("an unknown escape")
        }
        start = position
        continue
      }
      position += 1
    }
    throw fail("an unterminated string")
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    guard position + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
      throw fail("an invalid \\u escape")
    }
    position += 4
    return value
  }

  /// `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`, RFC 8259's number: no `+`, no
  /// leading zero, digits on both sides of the point.
  private mutating func number() throws(Failure) -> JSONValue {
    let start = position
    if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
    guard position < bytes.count, isDigit(bytes[position]) else { throw fail("unexpected character") }
    if bytes[position] == UInt8(ascii: "0") { position += 1 } else { skipDigits() }
    var isInteger = true
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      isInteger = false
      position += 1
      guard position < bytes.count, isDigit(bytes[position]) else { throw fail("an invalid number") }
      skipDigits()
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      isInteger = false
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
      guard position < bytes.count, isDigit(bytes[position]) else { throw fail("an invalid number") }
      skipDigits()
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    if isInteger, let integer = Int(text) { return .integer(integer) }
    guard let double = Double(text), double.isFinite else { throw fail("an invalid number") }
    return .number(double)
  }
}

extension JSONParser {
  private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  private mutating func skipDigits() {
    while position < bytes.count, isDigit(bytes[position]) { position += 1 }
  }
}

extension JSONValue {
  /// A member of an object, or nil.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  public var intValue: Int? {
    if case .integer(let value) = self { return value }
    return nil
  }

  /// An integer or a number, as a Double.
  public var numberValue: Double? {
    switch self {
    case .integer(let value): return Double(value)
    case .number(let value): return value
    default: return nil
    }
  }
}
