/// `ownership.released`: the claim on a pattern is withdrawn.
public struct OwnershipReleased: LedgerPayloadKind {
  public static let kind = "ownership.released"

  public let pattern: String

  public init(pattern: String) { self.pattern = pattern }

  public init(reading fields: PayloadFields) throws {
    pattern = try fields.text(.subject, "pattern")
  }

  public var subject: [(String, JSONValue)] { [("pattern", .string(pattern))] }

  public var data: [(String, JSONValue)] { [] }

  public var payload: LedgerPayload { .ownershipReleased(self) }
}
