import TillitGit
import TillitSystem

/// One recorded fact: a review asked for or given, a check run, an ownership claim. Stored as one
/// compact JSON object with sorted keys, so its id is its blob id and identical events dedupe.
/// What it says is its `payload`, typed by kind (`LedgerPayload`); the rest is the envelope
/// every kind shares.
public struct LedgerEvent: Sendable, Equatable {
  /// The layout of the events this Tillit writes and reads (`v`).
  public static let version = 1
  /// Events larger than this are refused when written and skipped when read.
  public static let maximumSize = 64 * 1024

  public var payload: LedgerPayload
  public var lamport: Int
  public var at: String
  public var by: String
  public var writer: String
  public var nonce: String
  /// The blob id, once stored or read.
  public var id: ObjectID?
  /// The armored signature of `signedBytes` (`signature`), by the person's git signing key; nil
  /// for an unsigned event, whose bytes are those Tillit always wrote.
  public var signature: String?
  /// How a draft is to be signed as it is appended (its clock is set then); never stored.
  public var signer: EventSigner?

  public var kind: String { payload.kind }

  public init(_ payload: LedgerPayload, lamport: Int = 0, at: String, by: String, writer: String, nonce: String) {
    self.payload = payload
    self.lamport = lamport
    self.at = at
    self.by = by
    self.writer = writer
    self.nonce = nonce
  }

  /// Puts `events` in the ledger's order: by lamport clock, then by id; events without an id
  /// (not yet stored) first among equal clocks.
  public static func order(_ events: inout [LedgerEvent]) {
    events.sort { left, right in
      if left.lamport != right.lamport { return left.lamport < right.lamport }
      switch (left.id, right.id) {
      case (let l?, let r?): return l < r
      case (nil, _?): return true
      default: return false
      }
    }
  }

  /// The stored form: compact JSON, keys sorted at every level; `signature` only when signed.
  public func encoded() -> [UInt8] {
    encoding(signature: signature)
  }

  /// What a signature covers: the stored form without `signature`.
  public var signedBytes: [UInt8] { encoding(signature: nil) }

  private func encoding(signature: String?) -> [UInt8] {
    var members: [(String, JSONValue)] = [
      ("at", .string(at)), ("by", .string(by)), ("data", payload.data), ("kind", .string(kind)), ("lamport", .integer(lamport)),
      ("nonce", .string(nonce)), ("subject", payload.subject), ("v", .integer(payload.version)), ("writer", .string(writer)),
    ]
    if let signature { members.append(("signature", .string(signature))) }
    return JSONValue.object(members).sortedKeys().bytes()
  }

  /// Reads a stored event, checking every field's type, and its payload as its kind's type says
  /// (`LedgerPayload`); unknown fields are ignored. Only an event of the right types is read:
  /// its content comes from whoever wrote the blob.
  public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> LedgerEvent {
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes.assumingMemoryBound(to: UInt8.self))
    } catch {
      throw LedgerError.malformed("is not JSON: \(error)")
    }
    guard case .object = value else { throw LedgerError.malformed("is not a JSON object") }
    func text(_ key: String) throws -> String {
      guard let field = value[key]?.stringValue else { throw LedgerError.malformed("has no text field '\(key)'") }
      return field
    }
    guard let version = value["v"]?.intValue, version >= 1 else { throw LedgerError.malformed("has no version 'v'") }
    guard let clock = value["lamport"]?.intValue, clock >= 0 else { throw LedgerError.malformed("has no whole number 'lamport'") }
    // A clock past the largest one the ledger counts to is read as that one (see LamportClock).
    let lamport = LamportClock.clamped(clock)
    guard let subject = value["subject"], case .object = subject else { throw LedgerError.malformed("has no object 'subject'") }
    guard let data = value["data"], case .object = data else { throw LedgerError.malformed("has no object 'data'") }
    let kind = try text("kind")
    let payload: LedgerPayload
    do {
      payload = try LedgerPayload(kind: kind, version: version, subject: subject, data: data)
    } catch LedgerError.malformed(let problem) {
      throw LedgerError.malformedPayload(kind: kind, problem: problem)
    }
    var event = LedgerEvent(payload, lamport: lamport, at: try text("at"), by: try text("by"), writer: try text("writer"), nonce: try text("nonce"))
    if let signature = value["signature"] {
      guard let armored = signature.stringValue else { throw LedgerError.malformed("has a 'signature' that is not text") }
      event.signature = armored
    }
    return event
  }
}

/// A ledger that cannot be read or written as asked.
public enum LedgerError: Error, CustomStringConvertible, Sendable {
  case malformed(String)
  /// An event of a kind this Tillit reads whose payload is not as that kind's layout says.
  case malformedPayload(kind: String, problem: String)
  case tooLarge(Int)
  case locked(String)
  /// A ref where a stream should be that does not point at a ledger commit.
  case notAStream(ref: String, reason: String)

  public var description: String {
    switch self {
    case .malformed(let problem): return "the event \(problem)"
    case .malformedPayload(let kind, let problem): return "the \(kind) event \(problem)"
    case .tooLarge(let size): return "the event is \(size) bytes; events are at most \(LedgerEvent.maximumSize) bytes"
    case .locked(let message): return message
    case .notAStream(let ref, let reason): return "\(ref) is not a ledger stream: \(reason)"
    }
  }
}

extension LedgerError: TillitErrorConvertible {
  /// A malformed event or stream came from someone else: bad input (2). A lock held too long
  /// is the environment's (3).
  public var tillitError: TillitError {
    switch self {
    case .locked: return .environment(description)
    default: return .usage(description)
    }
  }
}

extension JSONValue {
  /// The same value with every object's keys in sorted order.
  public func sortedKeys() -> JSONValue {
    switch self {
    case .object(let members): return .object(members.map { ($0.0, $0.1.sortedKeys()) }.sorted { $0.0 < $1.0 })
    case .array(let items): return .array(items.map { $0.sortedKeys() })
    default: return self
    }
  }
}
