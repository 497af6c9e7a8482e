import TillitCore
import TillitSystem

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
  /// One line per event: when, which kind, on which commit, who, what it says, the message.
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
    field(event.at, into: &output)
    output += "  ".utf8
    field(event.kind, into: &output)
    if let commit = event.payload.commit {
      output.append(UInt8(ascii: " "))
      output += commit.hex.prefix(12).utf8
    }
    output += "  ".utf8
    field(event.by, into: &output)
    let (what, message) = summary(event.payload)
    if !what.isEmpty {
      output += ": ".utf8
      field(what, into: &output)
    }
    if !message.isEmpty {
      output += " — ".utf8
      field(message, into: &output)
    }
    output.append(UInt8(ascii: "\n"))
  }

  /// What an event says, in a few words, and its message: who was asked, the verdict and the
  /// line, the check and its outcome, the pattern claimed, the commits rewritten.
  public static func summary(_ payload: LedgerPayload) -> (what: String, message: String) {
    switch payload {
    case .reviewRequested(let request):
      return ("asked " + request.reviewers.map { "\($0.email) (\($0.role))" }.joined(separator: ", "), request.message)
    case .reviewFeedback(let feedback):
      let place = feedback.anchor.map { " on \($0.path):\($0.line)" } ?? ""
      return (feedback.verdict.rawValue + place, feedback.message)
    case .reviewImported(let review):
      return ("\(review.trailer): \(review.name) <\(review.email)>", "")
    case .checkRan(let run):
      let exit = run.exitCode.map { $0 == 0 ? "" : ", exit \($0)" } ?? ", stopped"
      return ("check \(run.check) \(run.outcome.rawValue) in \(run.durationMs) ms\(exit)", "")
    case .ownershipClaimed(let claim):
      return ("\(claim.pattern) owned by \(claim.people.joined(separator: ", "))", claim.note)
    case .ownershipReleased(let release):
      return ("\(release.pattern) released", "")
    case .changeRewritten(let rewrite):
      let pairs = rewrite.rewrites.prefix(3).map { "\($0.old.hex.prefix(12)) → \($0.new.hex.prefix(12))" }
      let more = rewrite.rewrites.count > 3 ? " and \(rewrite.rewrites.count - 3) more" : ""
      return ("\(rewrite.how): " + pairs.joined(separator: ", ") + more, "")
    case .availabilityChanged(let change):
      return ([change.status.rawValue, change.until.map { "until \($0)" }].compactMap { $0 }.joined(separator: " "), change.note)
    case .unknown:
      return ("", "")
    }
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
    .object(
      [
        ("id", event.id.map { .string($0.hex) } ?? .null), ("kind", .string(event.kind)), ("lamport", .integer(event.lamport)),
        ("at", .string(event.at)), ("by", .string(event.by)), ("writer", .string(event.writer)),
        ("subject", event.payload.subject), ("data", event.payload.data),
      ] + (note?.fields ?? []))
  }

  /// Fewer events than this are written on one thread.
  private static let renderPiece = 5_000
}
