import TillitCore

/// Ledger events as a terminal listing or as JSON.
public enum LedgerRenderers {
  /// One line per event: when, what, on which commit, the verdict, who, where, the message.
  /// Written as bytes, a piece of the events per core (to be written out one after another): a
  /// ledger log can run to 100,000 lines.
  public static func table(_ events: [LedgerEvent]) -> [[UInt8]] {
    guard !events.isEmpty else { return [Array("(no events)\n".utf8)] }
    return Parallel.map(events.count, minimum: renderPiece) { range in
      var output: [UInt8] = []
      output.reserveCapacity(range.count * 100)
      for event in events[range] { line(event, into: &output) }
      return output
    }
  }

  /// Every field is someone's text from the ledger, so each goes in through `field`.
  private static func line(_ event: LedgerEvent, into output: inout [UInt8]) {
    field(event.at, into: &output)
    output += "  ".utf8
    field(event.kind, into: &output)
    if let commit = event.subject["commit"]?.stringValue {
      output.append(UInt8(ascii: " "))
      field(String(commit.prefix(12)), into: &output)
    }
    if let verdict = event.data["verdict"]?.stringValue {
      output.append(UInt8(ascii: " "))
      field(verdict, into: &output)
    }
    output += "  ".utf8
    field(event.by, into: &output)
    if let path = event.subject["path"]?.stringValue {
      output.append(UInt8(ascii: " "))
      field(path, into: &output)
      output += ":\(event.subject["line"]?.intValue ?? 0)".utf8
    }
    if let message = event.data["message"]?.stringValue, !message.isEmpty {
      output += " — ".utf8
      field(message, into: &output)
    }
    output.append(UInt8(ascii: "\n"))
  }

  /// A field as one line, its control characters shown escaped.
  private static func field(_ text: String, into output: inout [UInt8]) {
    output += TerminalText.escaped(text).utf8
  }

  /// `{"events": [...], "warnings": [...]}`, indented; the events written a piece per core, the
  /// pieces to be written out one after another.
  public static func json(_ events: [LedgerEvent], warnings: [String]) -> [[UInt8]] {
    let pieces = Parallel.map(events.count, minimum: renderPiece) { range in
      var piece: [UInt8] = []
      piece.reserveCapacity(range.count * 400)
      for position in range {
        piece += (position > 0 ? ",\n    " : "\n    ").utf8
        item(events[position]).write(into: &piece, pretty: true, depth: 2)
      }
      return piece
    }
    var end = Array((events.isEmpty ? "],\n  \"warnings\": " : "\n  ],\n  \"warnings\": ").utf8)
    JSONValue.array(warnings.map { .string($0) }).write(into: &end, pretty: true, depth: 1)
    end += "\n}\n".utf8
    return [Array("{\n  \"events\": [".utf8)] + pieces + [end]
  }

  private static func item(_ event: LedgerEvent) -> JSONValue {
    .object([
      ("id", event.id.map { .string($0.hex) } ?? .null), ("kind", .string(event.kind)), ("lamport", .integer(event.lamport)),
      ("at", .string(event.at)), ("by", .string(event.by)), ("writer", .string(event.writer)),
      ("subject", event.subject), ("data", event.data),
    ])
  }

  /// Fewer events than this are written on one thread.
  private static let renderPiece = 5_000
}
