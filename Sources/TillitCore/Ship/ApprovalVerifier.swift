import TillitGit

/// Tells whether a ledger event is verified for its author (signed with a key allowed for its
/// `by`). The one place `ShipReadiness` asks: when signed events exist, `available(in:)`
/// returns a verifier built on them, and a `verified: true` ship policy counts only the
/// approvals it verifies. Until then there is none, and that requirement is never met.
public struct ApprovalVerifier: Sendable {
  public let isVerified: @Sendable (LedgerEvent) -> Bool

  public init(isVerified: @escaping @Sendable (LedgerEvent) -> Bool) { self.isVerified = isVerified }

  /// The verifier of this Tillit's signed events, or nil when it has none.
  public static func available(in repository: Repository) -> ApprovalVerifier? { nil }
}
