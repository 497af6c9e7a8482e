/// `review.requested`: people asked to review a change, each with a role and the reasons they
/// were picked (none when asked by hand with `tillit request`).
public struct ReviewRequested: LedgerPayloadKind {
  public static let kind = "review.requested"

  public struct Reviewer: Sendable, Equatable {
    public let email: String
    /// `requested` when asked by hand; a suggestion's role (`owner`, `expert`, `learner`) otherwise.
    public let role: String
    public let reasons: [String]

    public init(email: String, role: String, reasons: [String]) {
      self.email = email
      self.role = role
      self.reasons = reasons
    }
  }

  public let change: ChangeReference
  public let reviewers: [Reviewer]
  public let message: String

  public init(change: ChangeReference, reviewers: [Reviewer], message: String) {
    self.change = change
    self.reviewers = reviewers
    self.message = message
  }

  public init(reading fields: PayloadFields) throws {
    change = try ChangeReference(reading: fields)
    reviewers = try fields.array(.data, "reviewers").enumerated().map { index, item in
      let place = "data.reviewers[\(index)]"
      guard case .object = item else { throw PayloadFields.wrong(place, "that is not an object") }
      let email = try PayloadFields.text(item["email"], at: "\(place).email")
      let role = try PayloadFields.text(item["role"], at: "\(place).role")
      return Reviewer(email: email, role: role, reasons: try PayloadFields.texts(item["reasons"], at: "\(place).reasons"))
    }
    message = try fields.text(.data, "message")
  }

  public var subject: [(String, JSONValue)] { change.subject }

  public var data: [(String, JSONValue)] {
    let people = reviewers.map { reviewer -> JSONValue in
      .object([("email", .string(reviewer.email)), ("role", .string(reviewer.role)), ("reasons", .array(reviewer.reasons.map(JSONValue.string)))])
    }
    return [("reviewers", .array(people)), ("message", .string(message))]
  }

  public var payload: LedgerPayload { .reviewRequested(self) }
}
