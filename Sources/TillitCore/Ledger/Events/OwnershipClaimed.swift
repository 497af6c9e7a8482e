/// `ownership.claimed`: people who own the paths a pattern matches, with a note; a later claim
/// of the same pattern replaces it.
public struct OwnershipClaimed: LedgerPayloadKind {
  public static let kind = "ownership.claimed"

  public let pattern: String
  public let people: [String]
  public let note: String

  public init(pattern: String, people: [String], note: String) {
    self.pattern = pattern
    self.people = people
    self.note = note
  }

  public init(reading fields: PayloadFields) throws {
    pattern = try fields.text(.subject, "pattern")
    people = try fields.texts(.data, "people")
    note = try fields.text(.data, "note")
  }

  public var subject: [(String, JSONValue)] { [("pattern", .string(pattern))] }

  public var data: [(String, JSONValue)] { [("people", .array(people.map(JSONValue.string))), ("note", .string(note))] }

  public var payload: LedgerPayload { .ownershipClaimed(self) }
}
