import TillitGit

/// An event's `subject` and `data` objects as a payload reads them: each field by name, of the
/// type the payload needs, or a `LedgerError.malformed` that names the field and says what is
/// wrong with it. Unknown fields are ignored, so that a later Tillit may add some.
public struct PayloadFields: Sendable {
  /// Which of the two objects a field is in.
  public enum Part: String, Sendable { case subject, data }

  let subject: JSONValue
  let data: JSONValue

  init(subject: JSONValue, data: JSONValue) {
    self.subject = subject
    self.data = data
  }

  func value(_ part: Part, _ key: String) -> JSONValue? {
    (part == .subject ? subject : data)[key]
  }

  /// "the event has no 'data.verdict'".
  static func missing(_ field: String) -> LedgerError { .malformed("has no '\(field)'") }

  /// "the event has a 'data.verdict' that is not ...".
  static func wrong(_ field: String, _ problem: String) -> LedgerError { .malformed("has a '\(field)' \(problem)") }

  // MARK: Fields

  /// Text that must be there.
  func text(_ part: Part, _ key: String) throws -> String {
    try Self.text(value(part, key), at: "\(part).\(key)")
  }

  /// Text that may be missing (nil), but is text when it is there.
  func optionalText(_ part: Part, _ key: String) throws -> String? {
    guard let field = value(part, key) else { return nil }
    return try Self.text(field, at: "\(part).\(key)")
  }

  /// A 40-digit hex object id that must be there.
  func objectID(_ part: Part, _ key: String) throws -> ObjectID {
    guard let id = try optionalObjectID(part, key) else { throw Self.missing("\(part).\(key)") }
    return id
  }

  func optionalObjectID(_ part: Part, _ key: String) throws -> ObjectID? {
    guard let field = value(part, key) else { return nil }
    return try Self.objectID(field, at: "\(part).\(key)")
  }

  /// A 40-digit lowercase hex object id at `field` (a dotted name, for the error).
  static func objectID(_ value: JSONValue?, at field: String) throws -> ObjectID {
    let text = try text(value, at: field)
    guard text.utf8.allSatisfy(isHexDigit), let id = ObjectID(hex: text) else {
      throw wrong(field, "that is not a 40-digit object id")
    }
    return id
  }

  /// A whole number in `range`, or nil when missing.
  func optionalInteger(_ part: Part, _ key: String, in range: ClosedRange<Int>) throws -> Int? {
    guard let field = value(part, key) else { return nil }
    guard let number = field.intValue, range.contains(number) else {
      throw Self.wrong("\(part).\(key)", "that is not a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return number
  }

  /// A number (whole or not) that must be there, clamped to `range`: a reading from another
  /// clone's clock, any value of which says something.
  func clampedNumber(_ part: Part, _ key: String, to range: ClosedRange<Double>) throws -> Double {
    guard let field = value(part, key) else { throw Self.missing("\(part).\(key)") }
    guard let number = field.numberValue else { throw Self.wrong("\(part).\(key)", "that is not a number") }
    return min(max(number, range.lowerBound), range.upperBound)
  }

  /// One of a closed set of words, such as a verdict.
  func word<Word: RawRepresentable & CaseIterable>(_ part: Part, _ key: String, as: Word.Type) throws -> Word where Word.RawValue == String {
    let text = try text(part, key)
    guard let word = Word(rawValue: text) else {
      throw Self.wrong("\(part).\(key)", "that is not one of \(Word.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return word
  }

  /// A list that must be there.
  func array(_ part: Part, _ key: String) throws -> [JSONValue] {
    try Self.array(value(part, key), at: "\(part).\(key)")
  }

  /// A list of text that must be there.
  func texts(_ part: Part, _ key: String) throws -> [String] {
    try Self.texts(value(part, key), at: "\(part).\(key)")
  }

  static func array(_ value: JSONValue?, at field: String) throws -> [JSONValue] {
    guard let value else { throw missing(field) }
    guard case .array(let items) = value else { throw wrong(field, "that is not a list") }
    return items
  }

  static func texts(_ value: JSONValue?, at field: String) throws -> [String] {
    try array(value, at: field).enumerated().map { try text($1, at: "\(field)[\($0)]") }
  }

  /// Text at `field` (a dotted name, for the error).
  static func text(_ value: JSONValue?, at field: String) throws -> String {
    guard let value else { throw missing(field) }
    guard let text = value.stringValue else { throw wrong(field, "that is not text") }
    return text
  }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
  }
}
