import TillitGit
import TillitSystem

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
      case feedback(ChangeReference, verdict: String)
      /// A review imported from a trailer: the commit and the reviewer's name.
      case imported(ObjectID, name: String)
      /// Commits replaced by new versions (`change.rewritten`).
      case rewritten([ChangeRewritten.Rewrite])
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
      case .reviewFeedback(let feedback): fact = .feedback(feedback.change, verdict: feedback.verdict.rawValue)
      case .reviewImported(let review): fact = .imported(review.commit, name: review.name)
      case .changeRewritten(let rewrite): fact = .rewritten(rewrite.rewrites)
      default: fact = .other
      }
    }

    init(id: ObjectID, lamport: Int, at: String, by: String, fact: Fact) {
      (self.id, self.lamport, self.at, self.by, self.fact) = (id, lamport, at, by, fact)
    }
  }

  /// A fact: a tag (0 other, 1 requested, 2 feedback, 3 imported, 4 rewritten), then the
  /// commit, the patch id (empty for none), the change id, the reviewers or the name; or the
  /// rewrites, old and new.
  static func encode(_ fact: Record.Fact, _ writer: inout BinaryWriter) {
    switch fact {
    case .other:
      writer.int32(0)
    case .requested(let change, let reviewers):
      writer.int32(1)
      encode(change, &writer)
      writer.int32(Int32(reviewers.count))
      for reviewer in reviewers { writer.string(reviewer) }
    case .feedback(let change, let verdict):
      writer.int32(2)
      encode(change, &writer)
      writer.string(verdict)
    case .imported(let commit, let name):
      writer.int32(3)
      writer.data(commit.bytes)
      writer.string(name)
    case .rewritten(let rewrites):
      writer.int32(4)
      writer.int32(Int32(rewrites.count))
      for rewrite in rewrites {
        writer.data(rewrite.old.bytes)
        writer.data(rewrite.new.bytes)
      }
    }
  }

  static func encode(_ change: ChangeReference, _ writer: inout BinaryWriter) {
    writer.data(change.commit.bytes)
    writer.data(change.patchID?.bytes ?? [])
    writer.string(change.changeID ?? "")
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
      guard let change = try change(&reader) else { return nil }
      return .feedback(change, verdict: try reader.string())
    case 3:
      guard let commit = ObjectID(bytes: try reader.data()) else { return nil }
      return .imported(commit, name: try reader.string())
    case 4:
      var rewrites: [ChangeRewritten.Rewrite] = []
      for _ in 0..<(try reader.count(minimumSize: 8)) {
        guard let old = ObjectID(bytes: try reader.data()), let new = ObjectID(bytes: try reader.data()) else { return nil }
        rewrites.append(ChangeRewritten.Rewrite(old: old, new: new))
      }
      return .rewritten(rewrites)
    default:
      return nil
    }
  }

  static func change(_ reader: inout BinaryReader) throws -> ChangeReference? {
    guard let commit = ObjectID(bytes: try reader.data()) else { return nil }
    let patch = try reader.data()
    let changeText = try reader.string()
    let changeID = changeText.isEmpty ? nil : changeText
    if patch.isEmpty { return ChangeReference(commit: commit, patchID: nil, changeID: changeID) }
    guard let patchID = ObjectID(bytes: patch) else { return nil }
    return ChangeReference(commit: commit, patchID: patchID, changeID: changeID)
  }
}
