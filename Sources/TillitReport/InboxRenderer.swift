import TillitCore
import TillitSystem

/// The inbox as a terminal listing or as JSON: each change once, at its newest version.
public enum InboxRenderer {
  /// One line per change: its newest version, its title, who asked and when, and what happened
  /// since the reviewer's feedback; then how many abandoned changes were left out.
  /// `notes`, one per entry, end its line (how long it has waited, its signature).
  public static func table(_ inbox: Inbox, person: String, neverFetchedFrom remote: String? = nil, notes: [EventNote]? = nil) -> String {
    var lines: [String] = []
    for (position, entry) in inbox.entries.enumerated() {
      var line = "\(entry.newest.hex.prefix(12)) v\(entry.version)"
      if let title = entry.title { line += "  \(title)" }
      line += "  asked by \(entry.request.by) on \(entry.request.at.prefix(10))"
      line += " — " + state(entry)
      let message = requestMessage(entry.request)
      if !message.isEmpty { line += ": " + message }
      if let note = notes?[position], !note.text.isEmpty { line += "  " + note.text }
      lines.append(TerminalText.escaped(line))
    }
    if let remote {
      let name = TerminalText.escaped(remote)
      lines.append(
        "tillit: this clone has never fetched the ledger of \(name), so reviews asked elsewhere are not here yet; fetch it with tillit ledger sync \(name) (or git fetch \(name))"
      )
    } else if lines.isEmpty {
      lines.append("tillit: no reviews waiting for \(TerminalText.escaped(person))")
    }
    if inbox.dropped > 0 {
      lines.append("tillit: \(inbox.dropped) abandoned change\(inbox.dropped == 1 ? "" : "s") left out (on no branch for longer than reviewers.abandon-after)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// What happened since feedback, in words: "approved at v2; v3 changes 2 files".
  public static func state(_ entry: InboxEntry) -> String {
    switch entry.state {
    case .waiting:
      return "waiting"
    case .changedSinceFeedback(let verdict, let version, let files):
      let word = verdict == "approve" ? "approved" : verdict == "comment" ? "commented" : verdict
      let change =
        files.map { $0 == 0 ? "v\(entry.version) changes no file" : "v\(entry.version) changes \($0) file\($0 == 1 ? "" : "s")" }
        ?? "v\(entry.version) is not in this clone"
      return "\(word) at v\(version); \(change)"
    case .notFetched:
      return "not fetched yet: git fetch brings it"
    case .abandoned(let until):
      return "abandoned: on no branch; leaves the inbox on \(Timestamp.format(seconds: Int(until)).prefix(10))"
    }
  }

  public static func json(_ inbox: Inbox, ledgerFetched: Bool, warnings: [String], notes: [EventNote]? = nil) -> String {
    let changes = inbox.entries.enumerated().map { position, entry -> JSONValue in
      .object(
        [
          ("commit", .string(entry.newest.hex)), ("version", .integer(entry.version)), ("title", entry.title.map(JSONValue.string) ?? .null),
          ("state", .string(stateWord(entry.state))), ("summary", .string(state(entry))),
          ("requestedBy", .string(entry.request.by)), ("requestedAt", .string(entry.request.at)),
          ("request", .string(entry.request.id?.hex ?? "")), ("message", .string(requestMessage(entry.request))),
        ] + (notes?[position].fields ?? []))
    }
    let object = JSONValue.object([
      ("changes", .array(changes)), ("dropped", .integer(inbox.dropped)), ("ledgerFetched", .bool(ledgerFetched)),
      ("warnings", .array(warnings.map(JSONValue.string))),
    ])
    var bytes: [UInt8] = []
    object.write(into: &bytes, pretty: true, depth: 0)
    return String(decoding: bytes, as: UTF8.self) + "\n"
  }

  private static func stateWord(_ state: InboxEntry.State) -> String {
    switch state {
    case .waiting: return "waiting"
    case .changedSinceFeedback: return "changed-since-feedback"
    case .notFetched: return "not-fetched"
    case .abandoned: return "abandoned"
    }
  }

  private static func requestMessage(_ event: LedgerEvent) -> String {
    guard case .reviewRequested(let request) = event.payload else { return "" }
    return request.message
  }
}
