import TillitCore

/// Ledger events as a terminal listing or as JSON.
public enum LedgerRenderers {
  public static func table(_ events: [LedgerEvent]) -> String {
    guard !events.isEmpty else { return "(no events)\n" }
    return events.map { event in
      let commit = event.subject["commit"]?.stringValue.map { " " + $0.prefix(12) } ?? ""
      let verdict = event.data["verdict"]?.stringValue.map { " " + $0 } ?? ""
      let place = event.subject["path"]?.stringValue.map { path in " \(path):\(event.subject["line"]?.intValue ?? 0)" } ?? ""
      let message = event.data["message"]?.stringValue.flatMap { $0.isEmpty ? nil : " — " + $0 } ?? ""
      return "\(event.at)  \(event.kind)\(commit)\(verdict)  \(event.by)\(place)\(message)"
    }.joined(separator: "\n") + "\n"
  }

  public static func json(_ events: [LedgerEvent], warnings: [String]) -> String {
    let items = events.map { event -> JSONValue in
      .object([
        ("id", event.id.map { .string($0.hex) } ?? .null), ("kind", .string(event.kind)), ("lamport", .integer(event.lamport)),
        ("at", .string(event.at)), ("by", .string(event.by)), ("writer", .string(event.writer)),
        ("subject", event.subject), ("data", event.data),
      ])
    }
    return JSONValue.object([("events", .array(items)), ("warnings", .array(warnings.map { .string($0) }))]).text(pretty: true) + "\n"
  }
}
