import Testing
import TillitGit
import TillitTestSupport
@testable import TillitCore

/// Each kind's payload type writes exactly the bytes Tillit wrote before the events were typed
/// (`LedgerGolden`), and reads them back; kinds and versions it does not know are kept whole.
@Suite struct LedgerPayloadTests {
  static let id = ObjectID(hex: String(repeating: "0123456789", count: 4))

  /// The typed events the golden bytes hold, in the same order.
  static func expected() throws -> [LedgerEvent] {
    let id = try #require(Self.id)
    let change = ChangeReference(commit: id, patchID: id)
    func event(_ payload: some LedgerPayloadKind, _ lamport: Int) -> LedgerEvent {
      LedgerEvent(payload.payload, lamport: lamport, at: "2026-01-02T03:04:05Z", by: "ada@example.com", writer: "goldenwriter0001", nonce: "abcdefghijklmnop")
    }
    func suggested(_ emails: [String], _ lamport: Int, roles: [String] = ["expert", "expert"]) -> LedgerEvent {
      let reviewers = zip(emails, roles).map { ReviewRequested.Reviewer(email: $0, role: $1, reasons: ["wrote most of src/a.c"]) }
      return event(ReviewRequested(change: change, reviewers: reviewers, message: "suggested by tillit (auto)"), lamport)
    }
    let anchor = ReviewFeedback.Anchor(path: "src/a.c", line: 2, lineText: "two\t\"quoted\" é")
    return [
      LedgerEvent(
        ReviewImported(commit: id, trailer: "Reviewed-by", name: "Di Reviewer", email: "di@example.com").payload,
        at: "2025-12-01T12:00:00Z", by: "di@example.com", writer: "import", nonce: ""),
      event(CheckRan(check: "ok", inputHash: id.hex, commit: nil, tree: id, definitionHash: id.hex, outcome: .passed, durationMs: 42, exitCode: 0), 1),
      event(CheckRan(check: "bad", inputHash: id.hex, commit: id, tree: id, definitionHash: id.hex, outcome: .failed, durationMs: 42, exitCode: 1), 2),
      event(ReviewFeedback(change: change, anchor: nil, verdict: .approve, message: ""), 4),
      suggested(["ada@example.com"], 1),
      suggested(["bob@example.com", "di@example.com"], 3),
      suggested(["di@example.com", "ada@example.com"], 2, roles: ["expert", "learner"]),
      event(
        ReviewRequested(
          change: change, reviewers: ["bo@example.com", "cy@example.com"].map { ReviewRequested.Reviewer(email: $0, role: "requested", reasons: []) },
          message: "the loop"), 6),
      event(ReviewFeedback(change: change, anchor: anchor, verdict: .changesRequested, message: "why \"this\"?\ttab"), 5),
      event(OwnershipClaimed(pattern: "docs/**", people: ["eve@example.com"], note: ""), 1),
      event(OwnershipClaimed(pattern: "src/**", people: ["cy@example.com", "di@example.com"], note: "until March"), 2),
      event(ChangeRewritten(how: "amend", rewrites: [ChangeRewritten.Rewrite(old: id, new: id)]), 7),
      event(OwnershipReleased(pattern: "docs/**"), 3),
      event(AvailabilityChanged(person: "ada@example.com", status: .away, until: "2999-03-09", note: "at a conference"), 4),
      event(AvailabilityChanged(person: "ada@example.com", status: .back, until: nil, note: ""), 5),
    ]
  }

  static func decode(_ text: String) throws -> LedgerEvent {
    try Array(text.utf8).withUnsafeBytes { try LedgerEvent.decode($0) }
  }

  @Test func everyKindIsWrittenAsBeforeAndReadBack() throws {
    let expected = try Self.expected()
    #expect(expected.count == LedgerGolden.events.count)
    for (event, golden) in zip(expected, LedgerGolden.events) {
      let stored = LedgerGolden.filled(golden)
      #expect(String(decoding: event.encoded(), as: UTF8.self) == stored, "\(event.kind)")
      let read = try Self.decode(stored)
      #expect(read == event, "\(event.kind)")
      #expect(read.encoded() == Array(stored.utf8), "\(event.kind)")
    }
    #expect(Set(expected.map(\.kind)) == Set(LedgerPayload.kinds.keys), "a kind without a golden event")
  }

  /// Events forged by hand or written before patch ids: the optional fields may be missing.
  @Test func optionalFieldsMayBeMissing() throws {
    let id = try #require(Self.id)
    let feedback = try Self.decode(
      #"{"at":"a","by":"b","data":{"message":"m","verdict":"comment","later":[1]},"kind":"review.feedback","lamport":1,"nonce":"n","subject":{"commit":"\#(id.hex)","path":"p","line":3},"v":1,"writer":"w"}"#
    )
    #expect(
      feedback.payload
        == .reviewFeedback(
          ReviewFeedback(change: ChangeReference(commit: id, patchID: nil), anchor: .init(path: "p", line: 3, lineText: ""), verdict: .comment, message: "m")))
    let run = try Self.decode(
      #"{"at":"a","by":"b","data":{"definitionHash":"d","durationMs":1e300,"outcome":"timed out"},"kind":"check.ran","lamport":1,"nonce":"n","subject":{"check":"c","inputHash":"h"},"v":1,"writer":"w"}"#
    )
    guard case .checkRan(let ran) = run.payload else { Issue.record("\(run.payload)"); return }
    #expect(ran.durationMs == CheckRan.longestDurationMs && ran.exitCode == nil && ran.outcome == .timedOut)
  }

  /// Another Tillit's kinds, and later versions of known ones, are kept as they are.
  @Test(arguments: [("review.later", 1), ("review.feedback", 2), ("check.ran", 9)])
  func unknownKindsAndVersionsAreKeptWhole(kind: String, version: Int) throws {
    let stored =
      #"{"at":"a","by":"b","data":{"x":[1,{"y":null}]},"kind":"\#(kind)","lamport":1,"nonce":"n","subject":{"verdict":7},"v":\#(version),"writer":"w"}"#
    let event = try Self.decode(stored)
    guard case .unknown(let unknown) = event.payload else { Issue.record("\(event.payload)"); return }
    #expect(unknown.kind == kind && unknown.version == version && event.payload.commit == nil)
    #expect(String(decoding: event.encoded(), as: UTF8.self) == stored)
  }

  /// Before: every one of these was read (the readers skipped what they did not understand, each
  /// in its own way, or took it: a verdict of any text, a request naming no commit).
  @Test(arguments: [
    (#""review.feedback""#, #"{"commit":"ZZ"}"#, #"{"message":"m","verdict":"comment"}"#, "has a 'subject.commit' that is not a 40-digit object id"),
    (
      #""review.feedback""#, #"{"commit":"ID","patchId":"IDUPPER"}"#, #"{"message":"m","verdict":"comment"}"#,
      "has a 'subject.patchId' that is not a 40-digit object id"
    ),
    (
      #""review.feedback""#, #"{"commit":"ID"}"#, #"{"message":"m","verdict":"approve\u001b]0;x"}"#,
      "has a 'data.verdict' that is not one of approve, comment, changes-requested"
    ),
    (
      #""review.feedback""#, #"{"commit":"ID","path":"p","line":0}"#, #"{"message":"m","verdict":"comment"}"#,
      "has a 'subject.line' that is not a whole number from 1 to 2147483647"
    ),
    (#""review.feedback""#, #"{"commit":"ID","path":"p"}"#, #"{"message":"m","verdict":"comment"}"#, "has no 'subject.line'"),
    (#""review.feedback""#, #"{"commit":"ID"}"#, #"{"message":null,"verdict":"comment"}"#, "has a 'data.message' that is not text"),
    (#""review.requested""#, #"{}"#, #"{"message":"m","reviewers":[]}"#, "has no 'subject.commit'"),
    (#""review.requested""#, #"{"commit":"ID"}"#, #"{"message":"m","reviewers":[{"email":5}]}"#, "has a 'data.reviewers[0].email' that is not text"),
    (#""review.requested""#, #"{"commit":"ID"}"#, #"{"message":"m","reviewers":["x"]}"#, "has a 'data.reviewers[0]' that is not an object"),
    (
      #""check.ran""#, #"{"check":"c","inputHash":"h"}"#, #"{"definitionHash":"d","durationMs":"slow","outcome":"passed"}"#,
      "has a 'data.durationMs' that is not a number"
    ),
    (
      #""check.ran""#, #"{"check":"c","inputHash":"h"}"#, #"{"definitionHash":"d","durationMs":1,"exitCode":4294967296,"outcome":"passed"}"#,
      "has a 'data.exitCode' that is not a whole number"
    ),
    (#""ownership.claimed""#, #"{"pattern":"**"}"#, #"{"note":"","people":[null]}"#, "has a 'data.people[0]' that is not text"),
    (#""ownership.released""#, #"{"pattern":["x"]}"#, #"{}"#, "has a 'subject.pattern' that is not text"),
    (#""review.imported""#, #"{"commit":"ID"}"#, #"{"email":"e","trailer":"t"}"#, "has no 'data.name'"),
  ])
  func malformedPayloadsAreRefusedNamingTheField(kind: String, subject: String, data: String, problem: String) throws {
    let id = "0123456789abcdef0123456789abcdef01234567"
    func filled(_ text: String) -> String {
      text.replacing("IDUPPER", with: id.uppercased()).replacing(#""ID""#, with: "\"\(id)\"")
    }
    let stored = #"{"at":"a","by":"b","data":\#(filled(data)),"kind":\#(kind),"lamport":1,"nonce":"n","subject":\#(filled(subject)),"v":1,"writer":"w"}"#
    #expect {
      try Self.decode(stored)
    } throws: { error in
      "\(error)".hasPrefix("the \(kind.dropFirst().dropLast()) event \(problem)")
    }
  }
}
