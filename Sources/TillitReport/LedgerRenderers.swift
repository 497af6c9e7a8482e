import TillitCore

/// What a command adds to an event's line (a signature's status, how long a request has waited):
/// text at the end of its table line, fields in its JSON object.
public struct EventNote: Sendable {
  public var text: String
  public var fields: [(String, JSONValue)]

  public init(text: String, fields: [(String, JSONValue)]) {
    self.text = text
    self.fields = fields
  }
}

/// Ledger events as a terminal listing or as JSON.
public enum LedgerRenderers {
  /// One line per event: when, what, on which commit, the verdict, who, where, the message.
  /// Written as bytes, a piece of the events per core (to be written out one after another): a
  /// ledger log can run to 100,000 lines.
  public static func table(_ events: [LedgerEvent], notes: [EventNote]? = nil) -> [[UInt8]] {
    guard !events.isEmpty else { return [Array("(no events)\n".utf8)] }
    return Parallel.map(events.count, minimum: renderPiece) { range in
      var output: [UInt8] = []
      output.reserveCapacity(range.count * 100)
      for position in range {
        line(events[position], into: &output)
        if let note = notes?[position], !note.text.isEmpty {
          output.removeLast()
          output += "  \(note.text)\n".utf8
        }
      }
      return output
    }
  }

  /// Every field is someone's text from the ledger, so each goes in through `field`. An event of
  /// a kind this Tillit does not know shows its time, kind and author.
  private static func line(_ event: LedgerEvent, into output: inout [UInt8]) {
    var verdict: ReviewLedger.Verdict?
    var anchor: ReviewFeedback.Anchor?
    var message = ""
    switch event.payload {
    case .reviewFeedback(let feedback): (verdict, anchor, message) = (feedback.verdict, feedback.anchor, feedback.message)
    case .reviewRequested(let request): message = request.message
    case .availabilityChanged(let change): message = [change.status.rawValue, change.until.map { "until \($0)" }, change.note].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    case .reviewImported, .checkRan, .ownershipClaimed, .ownershipReleased, .unknown: break
    }
    field(event.at, into: &output)
    output += "  ".utf8
    field(event.kind, into: &output)
    if let commit = event.payload.commit {
      output.append(UInt8(ascii: " "))
      output += commit.hex.prefix(12).utf8
    }
    if let verdict {
      output.append(UInt8(ascii: " "))
      output += verdict.rawValue.utf8
    }
    output += "  ".utf8
    field(event.by, into: &output)
    if let anchor {
      output.append(UInt8(ascii: " "))
      field(anchor.path, into: &output)
      output += ":\(anchor.line)".utf8
    }
    if !message.isEmpty {
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
  public static func json(_ events: [LedgerEvent], warnings: [String], notes: [EventNote]? = nil) -> [[UInt8]] {
    let pieces = Parallel.map(events.count, minimum: renderPiece) { range in
      var piece: [UInt8] = []
      piece.reserveCapacity(range.count * 400)
      for position in range {
        piece += (position > 0 ? ",\n    " : "\n    ").utf8
        item(events[position], note: notes?[position]).write(into: &piece, pretty: true, depth: 2)
      }
      return piece
    }
    var end = Array((events.isEmpty ? "],\n  \"warnings\": " : "\n  ],\n  \"warnings\": ").utf8)
    JSONValue.array(warnings.map { .string($0) }).write(into: &end, pretty: true, depth: 1)
    end += "\n}\n".utf8
    return [Array("{\n  \"events\": [".utf8)] + pieces + [end]
  }

  private static func item(_ event: LedgerEvent, note: EventNote?) -> JSONValue {
    .object([
      ("id", event.id.map { .string($0.hex) } ?? .null), ("kind", .string(event.kind)), ("lamport", .integer(event.lamport)),
      ("at", .string(event.at)), ("by", .string(event.by)), ("writer", .string(event.writer)),
      ("subject", event.payload.subject), ("data", event.payload.data),
    ] + (note?.fields ?? []))
  }

  /// Fewer events than this are written on one thread.
  private static let renderPiece = 5_000
}
