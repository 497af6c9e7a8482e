import TillitGit
import TillitSystem

/// The ownership claims in force (the ledger's, those imported from CODEOWNERS among them) and
/// which one owns a path: the last claim whose pattern matches, as in a CODEOWNERS file.
public struct PathClaims: Sendable {
  public let claims: [OwnershipLedger.Claim]
  private let patterns: [OwnershipPattern?]

  public init(_ claims: [OwnershipLedger.Claim]) {
    self.claims = claims
    patterns = claims.map { OwnershipPattern($0.pattern) }
  }

  /// The claims in force in the repository's ledger.
  public init(repository: Repository) throws {
    self.init(try OwnershipLedger(repository: repository).current())
  }

  /// The claims in force, or none with a warning when the ledger cannot be read: what is
  /// computed from them still helps without them, and the user learns why owners are missing.
  public static func orWarning(_ repository: Repository) -> PathClaims {
    do {
      return try PathClaims(repository: repository)
    } catch {
      Diagnostics.warning("the ownership claims in the ledger cannot be read, so owners are left out: \(TillitError(error))", topic: "ownership")
      return PathClaims([])
    }
  }

  public var isEmpty: Bool { claims.isEmpty }

  /// The claim that owns `path`, or nil when no pattern matches it.
  public func claim(for path: RepoPath) -> OwnershipLedger.Claim? {
    owningIndex(of: path).map { claims[$0] }
  }

  /// The position in `claims` of the claim that owns `path`.
  func owningIndex(of path: RepoPath) -> Int? {
    claims.indices.last { patterns[$0]?.matches(path) == true }
  }

  /// A claim in words, with where it comes from: "claims src/net/** (ledger claim by
  /// ada@example.com on 2026-01-05)", or for one imported from CODEOWNERS, its rule:
  /// "CODEOWNERS: src/net/ @net-team (imported by ada@example.com on 2026-01-05)".
  public static func reason(for claim: OwnershipLedger.Claim) -> String {
    let when = claim.at.isEmpty ? "" : " on \(claim.at.prefix(10))"
    if let file = claim.importedFrom {
      return "\(file): \(([claim.pattern] + claim.people).joined(separator: " ")) (imported by \(claim.by)\(when))"
    }
    return "claims \(claim.pattern) (ledger claim by \(claim.by)\(when))"
  }
}
