import TillitSystem

/// `availability.changed`: a person is away (until a day, when they said) or back. Recorded by
/// the person (`tillit away`, `tillit back`) in the ownership stream; the latest one of each
/// person holds.
public struct AvailabilityChanged: LedgerPayloadKind {
  public static let kind = "availability.changed"

  public enum Status: String, CaseIterable, Sendable { case away, back }

  public let person: String
  public let status: Status
  /// The day (`YYYY-MM-DD`) from which an away person counts as back; nil: until `tillit back`.
  public let until: String?
  public let note: String

  public init(person: String, status: Status, until: String?, note: String) {
    self.person = person
    self.status = status
    self.until = until
    self.note = note
  }

  public init(reading fields: PayloadFields) throws {
    person = try fields.text(.subject, "person")
    status = try fields.word(.data, "status", as: Status.self)
    until = try fields.optionalText(.data, "until")
    if let until, Timestamp.seconds(ofDate: until) == nil { throw PayloadFields.wrong("data.until", "that is not a day written YYYY-MM-DD") }
    note = try fields.text(.data, "note")
  }

  public var subject: [(String, JSONValue)] { [("person", .string(person))] }

  public var data: [(String, JSONValue)] {
    [("status", .string(status.rawValue))] + (until.map { [("until", .string($0))] } ?? []) + [("note", .string(note))]
  }

  public var payload: LedgerPayload { .availabilityChanged(self) }
}
