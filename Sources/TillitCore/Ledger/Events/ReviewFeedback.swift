/// `review.feedback`: a verdict and a message on a change, given with `tillit review`, maybe
/// about one line of one file.
public struct ReviewFeedback: LedgerPayloadKind {
  public static let kind = "review.feedback"

  /// A line of a file of the commit, with its text so that it can be found again after edits.
  public struct Anchor: Sendable, Equatable {
    public let path: String
    public let line: Int
    public let lineText: String

    public init(path: String, line: Int, lineText: String) {
      self.path = path
      self.line = line
      self.lineText = lineText
    }
  }

  /// Lines are counted from 1; a file of more lines than this is not a text anyone reviews.
  static let lines = 1...Int(Int32.max)

  public let change: ChangeReference
  public let anchor: Anchor?
  public let verdict: ReviewLedger.Verdict
  public let message: String

  public init(change: ChangeReference, anchor: Anchor?, verdict: ReviewLedger.Verdict, message: String) {
    self.change = change
    self.anchor = anchor
    self.verdict = verdict
    self.message = message
  }

  public init(reading fields: PayloadFields) throws {
    change = try ChangeReference(reading: fields)
    if let path = try fields.optionalText(.subject, "path") {
      guard let line = try fields.optionalInteger(.subject, "line", in: Self.lines) else { throw PayloadFields.missing("subject.line") }
      anchor = Anchor(path: path, line: line, lineText: try fields.optionalText(.subject, "lineText") ?? "")
    } else {
      anchor = nil
    }
    verdict = try fields.word(.data, "verdict", as: ReviewLedger.Verdict.self)
    message = try fields.text(.data, "message")
  }

  public var subject: [(String, JSONValue)] {
    guard let anchor else { return change.subject }
    return change.subject + [("path", .string(anchor.path)), ("line", .integer(anchor.line)), ("lineText", .string(anchor.lineText))]
  }

  public var data: [(String, JSONValue)] { [("verdict", .string(verdict.rawValue)), ("message", .string(message))] }

  public var payload: LedgerPayload { .reviewFeedback(self) }
}
