import TillitGit

/// What an event says, by kind: one case and one payload type per kind Tillit writes, each read
/// and written by its own type, and `unknown` for a kind (or a version of the event) this Tillit
/// does not know — kept, shown and shared as it is, read by no one.
///
/// A new kind is one case here, one line in `kinds`, and one file with its payload type.
public enum LedgerPayload: Sendable, Equatable {
  case reviewRequested(ReviewRequested)
  case reviewFeedback(ReviewFeedback)
  case reviewImported(ReviewImported)
  case checkRan(CheckRan)
  case ownershipClaimed(OwnershipClaimed)
  case ownershipReleased(OwnershipReleased)
  case changeRewritten(ChangeRewritten)
  case availabilityChanged(AvailabilityChanged)
  case unknown(UnknownPayload)

  /// Every kind this Tillit reads, by its `kind` text.
  static let kinds: [String: any LedgerPayloadKind.Type] = Dictionary(
    uniqueKeysWithValues: [
      ReviewRequested.self, ReviewFeedback.self, ReviewImported.self, CheckRan.self, OwnershipClaimed.self, OwnershipReleased.self,
      ChangeRewritten.self,
      AvailabilityChanged.self,
    ].map { ($0.kind, $0) })

  /// Reads the payload of a stored event of `kind` and layout `version` (its `v`). A kind and
  /// version this Tillit knows must have every field it needs, of the right type and in range
  /// (else `LedgerError.malformed`, naming the field); any other is kept as `unknown`.
  public init(kind: String, version: Int, subject: JSONValue, data: JSONValue) throws {
    guard version == LedgerEvent.version, let type = Self.kinds[kind] else {
      self = .unknown(UnknownPayload(kind: kind, version: version, subject: subject, data: data))
      return
    }
    self = try type.init(reading: PayloadFields(subject: subject, data: data)).payload
  }

  /// The payload as its kind's type, or nil for an unknown one.
  var known: (any LedgerPayloadKind)? {
    switch self {
    case .reviewRequested(let payload): return payload
    case .reviewFeedback(let payload): return payload
    case .reviewImported(let payload): return payload
    case .checkRan(let payload): return payload
    case .ownershipClaimed(let payload): return payload
    case .ownershipReleased(let payload): return payload
    case .changeRewritten(let payload): return payload
    case .availabilityChanged(let payload): return payload
    case .unknown: return nil
    }
  }

  public var kind: String {
    guard case .unknown(let unknown) = self else { return known.map { type(of: $0).kind } ?? "" }
    return unknown.kind
  }

  /// The layout version stored with the event (`v`).
  public var version: Int {
    guard case .unknown(let unknown) = self else { return LedgerEvent.version }
    return unknown.version
  }

  /// The stored `subject` object.
  public var subject: JSONValue {
    guard case .unknown(let unknown) = self else { return .object(known?.subject ?? []) }
    return unknown.subject
  }

  /// The stored `data` object.
  public var data: JSONValue {
    guard case .unknown(let unknown) = self else { return .object(known?.data ?? []) }
    return unknown.data
  }

  /// The commit the event is about, for the kinds that name one.
  public var commit: ObjectID? {
    switch self {
    case .reviewRequested(let request): return request.change.commit
    case .reviewFeedback(let feedback): return feedback.change.commit
    case .reviewImported(let review): return review.commit
    case .checkRan(let run): return run.commit
    default: return nil
    }
  }

  /// The patch id of the change the event is about, for the kinds that record one.
  public var patchID: ObjectID? {
    switch self {
    case .reviewRequested(let request): return request.change.patchID
    case .reviewFeedback(let feedback): return feedback.change.patchID
    default: return nil
    }
  }
}

/// One kind's payload: its `kind` text, how it is read from a stored event's `subject` and
/// `data`, and how it is written back. Writing what was read gives the same fields, so the bytes
/// Tillit writes for an event stay those it always wrote (its id is the blob id of those bytes).
public protocol LedgerPayloadKind: Sendable, Equatable {
  static var kind: String { get }
  init(reading fields: PayloadFields) throws
  /// The stored `subject` members (sorted when written).
  var subject: [(String, JSONValue)] { get }
  /// The stored `data` members (sorted when written).
  var data: [(String, JSONValue)] { get }
  /// This payload as its case.
  var payload: LedgerPayload { get }
}

/// An event of a kind, or a version of the event, that this Tillit does not know (a later one
/// wrote it): kept whole, shown as what it is, ignored by every reader.
public struct UnknownPayload: Sendable, Equatable {
  public let kind: String
  public let version: Int
  public let subject: JSONValue
  public let data: JSONValue
}

/// A change under review: the commit, its patch id so that it is found again after an amend
/// of the message or a rebase (events recorded by hand may lack one), and its `Change-Id:`
/// trailer when the commit message has one (the surest sign of which versions are one change).
public struct ChangeReference: Sendable, Equatable, Hashable {
  public let commit: ObjectID
  public let patchID: ObjectID?
  public let changeID: String?

  public init(commit: ObjectID, patchID: ObjectID?, changeID: String? = nil) {
    self.commit = commit
    self.patchID = patchID
    self.changeID = changeID
  }

  init(reading fields: PayloadFields) throws {
    commit = try fields.objectID(.subject, "commit")
    patchID = try fields.optionalObjectID(.subject, "patchId")
    changeID = try fields.optionalText(.subject, "changeId")
  }

  var subject: [(String, JSONValue)] {
    [("commit", .string(commit.hex))] + (patchID.map { [("patchId", .string($0.hex))] } ?? []) + (changeID.map { [("changeId", .string($0))] } ?? [])
  }
}
