import Foundation

/// The bytes Tillit writes for each kind of ledger event, as its commands wrote them before the
/// events were typed, with what changes from run to run replaced: `TIME` (Tillit's own times),
/// `NONCE`, `ID` (object ids), `MS` (durations) and `REASONS` (a suggestion's reasons).
/// `LedgerGoldenTests` compares what the commands write with them; the core's tests read them
/// filled in (`filled`).
public enum LedgerGolden {
  /// Every kind, in sorted order (the post-commit hook records a suggestion after each commit of
  /// the test's history too, hence three; the amend at the end is a rewrite, not a new request).
  /// A suggestion's roles follow the spread policy: the second names a learner since a file
  /// three or fewer people know gets one.
  public static let events = [
    #"{"at":"2025-12-01T12:00:00Z","by":"di@example.com","data":{"email":"di@example.com","name":"Di Reviewer","trailer":"Reviewed-by"},"kind":"review.imported","lamport":0,"nonce":"","subject":{"commit":"ID"},"v":1,"writer":"import"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"definitionHash":"ID","durationMs":MS,"exitCode":0,"outcome":"passed"},"kind":"check.ran","lamport":1,"nonce":"NONCE","subject":{"check":"ok","inputHash":"ID","tree":"ID"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"definitionHash":"ID","durationMs":MS,"exitCode":1,"outcome":"failed"},"kind":"check.ran","lamport":2,"nonce":"NONCE","subject":{"check":"bad","commit":"ID","inputHash":"ID","tree":"ID"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"message":"","verdict":"approve"},"kind":"review.feedback","lamport":4,"nonce":"NONCE","subject":{"commit":"ID","patchId":"ID"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"message":"suggested by tillit (auto)","reviewers":[{"email":"ada@example.com","reasons":[REASONS],"role":"expert"}]},"kind":"review.requested","lamport":1,"nonce":"NONCE","subject":{"commit":"ID","patchId":"ID"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"message":"suggested by tillit (auto)","reviewers":[{"email":"bob@example.com","reasons":[REASONS],"role":"expert"},{"email":"di@example.com","reasons":[REASONS],"role":"expert"}]},"kind":"review.requested","lamport":3,"nonce":"NONCE","subject":{"commit":"ID","patchId":"ID"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"message":"suggested by tillit (auto)","reviewers":[{"email":"di@example.com","reasons":[REASONS],"role":"expert"},{"email":"ada@example.com","reasons":[REASONS],"role":"learner"}]},"kind":"review.requested","lamport":2,"nonce":"NONCE","subject":{"commit":"ID","patchId":"ID"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"message":"the loop","reviewers":[{"email":"bo@example.com","reasons":[],"role":"requested"},{"email":"cy@example.com","reasons":[],"role":"requested"}]},"kind":"review.requested","lamport":6,"nonce":"NONCE","subject":{"commit":"ID","patchId":"ID"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"message":"why \"this\"?\ttab","verdict":"changes-requested"},"kind":"review.feedback","lamport":5,"nonce":"NONCE","subject":{"commit":"ID","line":2,"lineText":"two\t\"quoted\" é","patchId":"ID","path":"src/a.c"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"note":"","people":["eve@example.com"]},"kind":"ownership.claimed","lamport":1,"nonce":"NONCE","subject":{"pattern":"docs/**"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"note":"until March","people":["cy@example.com","di@example.com"]},"kind":"ownership.claimed","lamport":2,"nonce":"NONCE","subject":{"pattern":"src/**"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"rewrites":[{"new":"ID","old":"ID"}]},"kind":"change.rewritten","lamport":7,"nonce":"NONCE","subject":{"how":"amend"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{},"kind":"ownership.released","lamport":3,"nonce":"NONCE","subject":{"pattern":"docs/**"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"note":"at a conference","status":"away","until":"2999-03-09"},"kind":"availability.changed","lamport":4,"nonce":"NONCE","subject":{"person":"ada@example.com"},"v":1,"writer":"goldenwriter0001"}"#,
    #"{"at":"TIME","by":"ada@example.com","data":{"note":"","status":"back"},"kind":"availability.changed","lamport":5,"nonce":"NONCE","subject":{"person":"ada@example.com"},"v":1,"writer":"goldenwriter0001"}"#,
  ]

  /// An event of `events` as stored, its placeholders filled with fixed values.
  public static func filled(_ event: String, id: String = String(repeating: "0123456789", count: 4)) -> String {
    event.replacingOccurrences(of: #""ID""#, with: "\"\(id)\"").replacingOccurrences(of: #""TIME""#, with: #""2026-01-02T03:04:05Z""#)
      .replacingOccurrences(of: #""NONCE""#, with: #""abcdefghijklmnop""#).replacingOccurrences(of: ":MS,", with: ":42,")
      .replacingOccurrences(of: "[REASONS]", with: #"["wrote most of src/a.c"]"#)
  }
}
