import TillitGit

/// `review.imported`: a review trailer (`Reviewed-by: Name <email>`) of a commit, imported by
/// `tillit ledger import-trailers`. The event's `by` is the reviewer.
public struct ReviewImported: LedgerPayloadKind {
  public static let kind = "review.imported"

  public let commit: ObjectID
  /// The trailer's key, as written in the commit.
  public let trailer: String
  public let name: String
  public let email: String

  public init(commit: ObjectID, trailer: String, name: String, email: String) {
    self.commit = commit
    self.trailer = trailer
    self.name = name
    self.email = email
  }

  public init(reading fields: PayloadFields) throws {
    commit = try fields.objectID(.subject, "commit")
    trailer = try fields.text(.data, "trailer")
    name = try fields.text(.data, "name")
    email = try fields.text(.data, "email")
  }

  public var subject: [(String, JSONValue)] { [("commit", .string(commit.hex))] }

  public var data: [(String, JSONValue)] { [("trailer", .string(trailer)), ("name", .string(name)), ("email", .string(email))] }

  public var payload: LedgerPayload { .reviewImported(self) }
}
