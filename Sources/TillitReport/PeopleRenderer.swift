import TillitCore
import TillitSystem

/// `tillit people`: the identities as the model sees them, and the merges it suggests with
/// their evidence and `.mailmap` lines. Names and emails come from other people's commits: every
/// table cell is escaped.
public enum PeopleRenderer {
  public static func table(_ review: PeopleReview, suggestions only: Bool) -> String {
    var lines: [String] = []
    if !only {
      lines.append("Person                          Email                               commits reviews  last seen")
      for person in review.people {
        lines.append(
          AuditTable.pad(AuditTable.clip(person.name, 30), 32) + AuditTable.pad(AuditTable.clip(person.key, 34), 36)
            + AuditTable.lpad(person.commits, 7) + AuditTable.lpad(person.reviews, 8) + "  " + AuditFigures.day(person.last))
        let others = person.names.keys.filter { $0 != person.name }.sorted()
        if !others.isEmpty { lines.append("  also written as " + AuditTable.clip(others.joined(separator: ", "), 60)) }
      }
      let duplicates = DuplicatePeople.duplicates(in: review.suggestions)
      lines.append("")
      lines.append(
        "\(review.people.count) identit\(review.people.count == 1 ? "y" : "ies"), \(duplicates) probable duplicate\(duplicates == 1 ? "" : "s")"
          + (review.suggestions.isEmpty ? "." : "; tillit people --suggest shows the evidence."))
      return lines.joined(separator: "\n") + "\n"
    }
    guard !review.suggestions.isEmpty else { return "No probable duplicates: every name is used with one email, or its emails look like different people.\n" }
    for suggestion in review.suggestions {
      let title =
        suggestion.kind == .sameName
        ? "\(suggestion.name): \(suggestion.others.count + 1) emails, one person"
        : "\(suggestion.email): one email, several names"
      lines.append(AuditTable.clip(title, 100))
      for reason in suggestion.evidence { lines.append("  " + AuditTable.clip(reason, 120)) }
      lines.append("")
    }
    lines.append("Ready to paste into .mailmap (or run tillit people --apply):")
    lines += review.lines.map { TerminalText.escaped($0) }
    return lines.joined(separator: "\n") + "\n"
  }

  public static func json(_ review: PeopleReview) -> String {
    JSONValue.object([
      (
        "people",
        .array(
          review.people.map { person in
            .object([
              ("email", .string(person.key)), ("name", .string(person.name)),
              ("names", .object(person.names.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })),
              ("commits", .integer(person.commits)), ("reviews", .integer(person.reviews)),
              ("firstSeen", .string(Timestamp.format(seconds: Int(person.first)))), ("lastSeen", .string(Timestamp.format(seconds: Int(person.last)))),
            ])
          })
      ),
      ("probableDuplicates", .integer(DuplicatePeople.duplicates(in: review.suggestions))),
      (
        "suggestions",
        .array(
          review.suggestions.map { suggestion in
            .object([
              ("kind", .string(suggestion.kind.rawValue)), ("name", .string(suggestion.name)), ("email", .string(suggestion.email)),
              ("others", .array(suggestion.others.map(JSONValue.string))), ("evidence", .array(suggestion.evidence.map(JSONValue.string))),
              ("mailmap", .array(suggestion.lines.map(JSONValue.string))),
            ])
          })
      ),
    ]).text(pretty: true) + "\n"
  }
}
