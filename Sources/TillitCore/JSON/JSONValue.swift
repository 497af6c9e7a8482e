/// A small JSON builder: values in, compact or indented text out, keys kept in the order given.
public indirect enum JSONValue: Sendable, Equatable {
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
    var output = ""
    write(into: &output, pretty: pretty, depth: 0)
    return output
  }

  private func write(into output: inout String, pretty: Bool, depth: Int) {
    let newline = pretty ? "\n" + String(repeating: "  ", count: depth + 1) : ""
    let closing = pretty ? "\n" + String(repeating: "  ", count: depth) : ""
    switch self {
    case .string(let value): JSONValue.escape(value, into: &output)
    case .number(let value): output += value.isFinite ? String(value) : "null"
    case .integer(let value): output += String(value)
    case .bool(let value): output += value ? "true" : "false"
    case .null: output += "null"
    case .array(let items):
      guard !items.isEmpty else { output += "[]"; return }
      output += "["
      for (position, item) in items.enumerated() {
        output += (position > 0 ? "," : "") + newline
        item.write(into: &output, pretty: pretty, depth: depth + 1)
      }
      output += closing + "]"
    case .object(let members):
      guard !members.isEmpty else { output += "{}"; return }
      output += "{"
      for (position, (key, value)) in members.enumerated() {
        output += (position > 0 ? "," : "") + newline
        JSONValue.escape(key, into: &output)
        output += pretty ? ": " : ":"
        value.write(into: &output, pretty: pretty, depth: depth + 1)
      }
      output += closing + "}"
    }
  }

  private static func escape(_ text: String, into output: inout String) {
    output += "\""
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
      output += text
      output += "\""
      return
    }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    output += "\""
  }
}
