import TillitGit

/// One recorded fact: a review asked for or given, a check run, an ownership claim. Stored as one
/// compact JSON object with sorted keys, so its id is its blob id and identical events dedupe.
public struct LedgerEvent: Sendable, Equatable {
  public static let version = 1
  /// Events larger than this are refused when written and skipped when read.
  public static let maximumSize = 64 * 1024

  public var kind: String
  public var lamport: Int
  public var at: String
  public var by: String
  public var writer: String
  public var nonce: String
  public var subject: JSONValue
  public var data: JSONValue
  /// The blob id, once stored or read.
  public var id: ObjectID?

  public init(kind: String, lamport: Int = 0, at: String, by: String, writer: String, nonce: String, subject: JSONValue, data: JSONValue) {
    self.kind = kind
    self.lamport = lamport
    self.at = at
    self.by = by
    self.writer = writer
    self.nonce = nonce
    self.subject = subject
    self.data = data
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

  /// The stored form: compact JSON, keys sorted at every level.
  public func encoded() -> [UInt8] {
    let object = JSONValue.object([
      ("at", .string(at)), ("by", .string(by)), ("data", data), ("kind", .string(kind)), ("lamport", .integer(lamport)),
      ("nonce", .string(nonce)), ("subject", subject), ("v", .integer(Self.version)), ("writer", .string(writer)),
    ])
    return object.sortedKeys().bytes()
  }

  /// Reads a stored event, checking every field's type; unknown fields are ignored. Only an
  /// event of the right types is read: its content comes from whoever wrote the blob.
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
    return LedgerEvent(
      kind: try text("kind"), lamport: lamport, at: try text("at"), by: try text("by"), writer: try text("writer"),
      nonce: try text("nonce"), subject: subject, data: data)
  }
}

/// A ledger that cannot be read or written as asked.
public enum LedgerError: Error, CustomStringConvertible, Sendable {
  case malformed(String)
  case tooLarge(Int)
  case locked(String)
  case usage(String)
  /// A ref where a stream should be that does not point at a ledger commit.
  case notAStream(ref: String, reason: String)

  public var description: String {
    switch self {
    case .malformed(let problem): return "the event \(problem)"
    case .tooLarge(let size): return "the event is \(size) bytes; events are at most \(LedgerEvent.maximumSize) bytes"
    case .locked(let message), .usage(let message): return message
    case .notAStream(let ref, let reason): return "\(ref) is not a ledger stream: \(reason)"
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
