/// A small JSON builder: values in, compact or indented text out, keys kept in the order given.
public enum JSONValue: Sendable, Equatable {
  case string(String)
  case number(Double)
  case integer(Int)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text() == rhs.text() }

  /// The JSON text, indented by two spaces when `pretty`.
  public func text(pretty: Bool = false) -> String {
    String(decoding: bytes(pretty: pretty), as: UTF8.self)
  }

  /// The JSON text as UTF-8 bytes.
  public func bytes(pretty: Bool = false) -> [UInt8] {
    var output: [UInt8] = []
    write(into: &output, pretty: pretty, depth: 0)
    return output
  }

  /// Appends the JSON text to `output`, nested `depth` levels deep when `pretty`.
  public func write(into output: inout [UInt8], pretty: Bool, depth: Int) {
    switch self {
    case .string(let value): JSONValue.escape(value, into: &output)
    case .number(let value): output += (value.isFinite ? String(value) : "null").utf8
    case .integer(let value): output += String(value).utf8
    case .bool(let value): output += (value ? "true" : "false").utf8
    case .null: output += "null".utf8
    case .array(let items):
      guard !items.isEmpty else { output += "[]".utf8; return }
      output.append(UInt8(ascii: "["))
      for (position, item) in items.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        if pretty { JSONValue.newline(into: &output, depth: depth + 1) }
        item.write(into: &output, pretty: pretty, depth: depth + 1)
      }
      if pretty { JSONValue.newline(into: &output, depth: depth) }
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else { output += "{}".utf8; return }
      output.append(UInt8(ascii: "{"))
      for (position, (key, value)) in members.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        if pretty { JSONValue.newline(into: &output, depth: depth + 1) }
        JSONValue.escape(key, into: &output)
        output.append(UInt8(ascii: ":"))
        if pretty { output.append(UInt8(ascii: " ")) }
        value.write(into: &output, pretty: pretty, depth: depth + 1)
      }
      if pretty { JSONValue.newline(into: &output, depth: depth) }
      output.append(UInt8(ascii: "}"))
    }
  }

  private static func newline(into output: inout [UInt8], depth: Int) {
    output.append(UInt8(ascii: "\n"))
    for _ in 0..<(2 * depth) { output.append(UInt8(ascii: " ")) }
  }

  private static func escape(_ text: String, into output: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
      output.append(UInt8(ascii: "\""))
      var start = 0
      for (position, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        switch byte {
        case UInt8(ascii: "\""): output += "\\\"".utf8
        case UInt8(ascii: "\\"): output += "\\\\".utf8
        case UInt8(ascii: "\n"): output += "\\n".utf8
        case UInt8(ascii: "\r"): output += "\\r".utf8
        case UInt8(ascii: "\t"): output += "\\t".utf8
        default:
          output += "\\u00".utf8
          output.append(hexDigits[Int(byte >> 4)])
          output.append(hexDigits[Int(byte & 15)])
        }
        start = position + 1
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
      output.append(UInt8(ascii: "\""))
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}
