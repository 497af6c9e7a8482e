import TillitGit

/// `change.rewritten`: commits replaced by new versions of themselves, as git reported them to
/// the `post-rewrite` hook (`amend` or `rebase`), so that every clone learns which commits are
/// versions of one change (`ChangeGraph`).
public struct ChangeRewritten: LedgerPayloadKind {
  public static let kind = "change.rewritten"

  /// One commit and the commit that replaced it.
  public struct Rewrite: Sendable, Equatable, Hashable {
    public let old: ObjectID
    public let new: ObjectID

    public init(old: ObjectID, new: ObjectID) {
      self.old = old
      self.new = new
    }
  }

  /// What git was doing: `amend` or `rebase` (another word from a later git is kept as it is).
  public let how: String
  public let rewrites: [Rewrite]

  public init(how: String, rewrites: [Rewrite]) {
    self.how = how
    self.rewrites = rewrites
  }

  public init(reading fields: PayloadFields) throws {
    how = try fields.text(.subject, "how")
    rewrites = try fields.array(.data, "rewrites").enumerated().map { index, item in
      let place = "data.rewrites[\(index)]"
      guard case .object = item else { throw PayloadFields.wrong(place, "that is not an object") }
      let old = try PayloadFields.objectID(item["old"], at: "\(place).old")
      let new = try PayloadFields.objectID(item["new"], at: "\(place).new")
      return Rewrite(old: old, new: new)
    }
  }

  public var subject: [(String, JSONValue)] { [("how", .string(how))] }

  public var data: [(String, JSONValue)] {
    [("rewrites", .array(rewrites.map { .object([("old", .string($0.old.hex)), ("new", .string($0.new.hex))]) }))]
  }

  public var payload: LedgerPayload { .changeRewritten(self) }
}
