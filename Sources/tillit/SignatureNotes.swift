import TillitCore
import TillitGit
import TillitReport

/// Each event's signature status as `show` and `inbox` print it (`[verified]`, `[unverified]`,
/// `[bad signature]`); nil when no event is signed and this clone checks no signatures, so a
/// ledger without signatures reads as it always did.
func signatureNotes(_ events: [LedgerEvent], repository: Repository) throws -> [EventNote]? {
  let verifier = try SignatureVerifier(repository: repository)
  guard verifier.expectsSignatures || events.contains(where: { $0.signature != nil }) else { return nil }
  return verifier.statuses(events).map { EventNote(text: "[\($0.label)]", fields: [("signature", .string($0.rawValue))]) }
}
