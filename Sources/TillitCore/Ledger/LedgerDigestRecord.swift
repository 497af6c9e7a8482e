import TillitGit

/// What the digest keeps of each event, and its binary form.
extension LedgerDigest {
  struct Record: Sendable {
    let id: ObjectID
    let lamport: Int
    let at: String
    let by: String
    let fact: Fact

    /// What the inbox and the suggestions need of an event's payload.
    enum Fact: Sendable {
      case requested(ChangeReference, reviewers: [String])
      case feedback(ChangeReference)
      /// A review imported from a trailer: the commit and the reviewer's name.
      case imported(ObjectID, name: String)
      /// Any other kind: known to the digest, needed by no one.
      case other
    }

    init(_ event: LedgerEvent, id: ObjectID) {
      self.id = id
      lamport = event.lamport
      at = event.at
      by = event.by
      switch event.payload {
      case .reviewRequested(let request): fact = .requested(request.change, reviewers: request.reviewers.map(\.email))
      case .reviewFeedback(let feedback): fact = .feedback(feedback.change)
      case .reviewImported(let review): fact = .imported(review.commit, name: review.name)
      default: fact = .other
      }
    }

    init(id: ObjectID, lamport: Int, at: String, by: String, fact: Fact) {
      (self.id, self.lamport, self.at, self.by, self.fact) = (id, lamport, at, by, fact)
    }
  }

  /// A fact: a tag (0 other, 1 requested, 2 feedback, 3 imported), then the commit, the patch
  /// id (empty for none), the reviewers or the name.
  static func encode(_ fact: Record.Fact, _ writer: inout BinaryWriter) {
    switch fact {
    case .other:
      writer.int32(0)
    case .requested(let change, let reviewers):
      writer.int32(1)
      encode(change, &writer)
      writer.int32(Int32(reviewers.count))
      for reviewer in reviewers { writer.string(reviewer) }
    case .feedback(let change):
      writer.int32(2)
      encode(change, &writer)
    case .imported(let commit, let name):
      writer.int32(3)
      writer.data(commit.bytes)
      writer.string(name)
    }
  }

  static func encode(_ change: ChangeReference, _ writer: inout BinaryWriter) {
    writer.data(change.commit.bytes)
    writer.data(change.patchID?.bytes ?? [])
  }

  /// The fact `encode` wrote, or nil when the bytes are not one.
  static func fact(_ reader: inout BinaryReader) throws -> Record.Fact? {
    switch try reader.int32() {
    case 0:
      return .other
    case 1:
      guard let change = try change(&reader) else { return nil }
      var reviewers: [String] = []
      for _ in 0..<(try reader.count(minimumSize: 4)) { reviewers.append(try reader.string()) }
      return .requested(change, reviewers: reviewers)
    case 2:
      return try change(&reader).map { .feedback($0) }
    case 3:
      guard let commit = ObjectID(bytes: try reader.data()) else { return nil }
      return .imported(commit, name: try reader.string())
    default:
      return nil
    }
  }

  static func change(_ reader: inout BinaryReader) throws -> ChangeReference? {
    guard let commit = ObjectID(bytes: try reader.data()) else { return nil }
    let patch = try reader.data()
    if patch.isEmpty { return ChangeReference(commit: commit, patchID: nil) }
    guard let patchID = ObjectID(bytes: patch) else { return nil }
    return ChangeReference(commit: commit, patchID: patchID)
  }
}
