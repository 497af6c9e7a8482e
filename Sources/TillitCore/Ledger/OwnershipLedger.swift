import TillitGit

/// Who owns which paths, as claimed and released in the ledger's ownership stream.
public struct OwnershipLedger {
  let repository: Repository
  let store: LedgerStore

  public init(repository: Repository) {
    self.repository = repository
    self.store = LedgerStore(repository: repository)
  }

  /// One pattern and the people who own it now.
  public struct Claim: Sendable, Equatable {
    public let pattern: String
    public let people: [String]
    public let note: String
  }

  @discardableResult
  public func claim(_ pattern: String, by people: [String], note: String, identity: LedgerIdentity) throws -> LedgerEvent {
    try store.append(identity.event(OwnershipClaimed(pattern: pattern, people: people, note: note)), to: .ownership)
  }

  @discardableResult
  public func release(_ pattern: String, identity: LedgerIdentity) throws -> LedgerEvent {
    try store.append(identity.event(OwnershipReleased(pattern: pattern)), to: .ownership)
  }

  /// The claims in force: every claim folded in ledger order, a release removing its pattern.
  public func current() throws -> [Claim] {
    let events = try store.read(.ownership)
    var claims: [String: Claim] = [:]
    var order: [String] = []
    for event in events {
      switch event.payload {
      case .ownershipClaimed(let claim):
        if claims[claim.pattern] == nil { order.append(claim.pattern) }
        claims[claim.pattern] = Claim(pattern: claim.pattern, people: claim.people, note: claim.note)
      case .ownershipReleased(let release):
        claims[release.pattern] = nil
      default:
        continue
      }
    }
    return order.compactMap { claims[$0] }
  }

  /// The rules of a CODEOWNERS file: each line a pattern and its owners; comments and blank
  /// lines are skipped.
  public static func codeownersRules(_ text: String) -> [(pattern: String, owners: [String])] {
    text.split(separator: "\n").compactMap { line in
      let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      guard words.count >= 2 else { return nil }
      return (words[0], Array(words.dropFirst()))
    }
  }
}
