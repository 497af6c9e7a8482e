import TillitGit

/// Tells whether a ledger event is verified for its author (signed with a key allowed for its
/// `by`, `SignatureVerifier`). The one place `ShipReadiness` asks: a `verified: true` ship
/// policy counts only the approvals it verifies; unsigned ones, or ones signed with another
/// person's key, never count.
public struct ApprovalVerifier: Sendable {
  public let isVerified: @Sendable (LedgerEvent) -> Bool

  public init(isVerified: @escaping @Sendable (LedgerEvent) -> Bool) { self.isVerified = isVerified }

  /// The verifier of this repository's signed events; nil when its signing configuration cannot
  /// be read (then no approval counts as verified).
  public static func available(in repository: Repository) -> ApprovalVerifier? {
    guard let verifier = try? SignatureVerifier(repository: repository) else { return nil }  // unreadable: nothing verified
    return ApprovalVerifier(isVerified: { verifier.isVerified($0) })
  }
}
