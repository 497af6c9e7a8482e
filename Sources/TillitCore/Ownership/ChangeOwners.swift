import TillitGit

/// An owner of a change's paths who is a person, with the claims that make them one.
public struct ChangeOwner: Sendable, Equatable {
  /// The key the knowledge model knows them by (canonical email).
  public let key: String
  public let name: String
  public let claims: [OwnershipLedger.Claim]
}

extension PathClaims {
  /// The people who own some of `paths` (the last matching claim owns a path), in claim order,
  /// each once. A `@handle` counts only when `people.aliases` maps it to an email; a name no one
  /// in the history goes by, and bots, never do.
  func owners(of paths: [RepoPath], resolver: PersonResolver, model: KnowledgeModel) -> [ChangeOwner] {
    var owning: [OwnershipLedger.Claim] = []
    for path in paths {
      if let claim = claim(for: path), !owning.contains(claim) { owning.append(claim) }
    }
    var order: [String] = []
    var found: [String: (name: String, claims: [OwnershipLedger.Claim])] = [:]
    for claim in owning {
      for written in claim.people {
        guard case .person(let key, let name) = OwnerIdentity(written, resolver: resolver, model: model) else { continue }
        if found[key] == nil { order.append(key) }
        if found[key]?.claims.contains(claim) != true { found[key, default: (name, [])].claims.append(claim) }
      }
    }
    return order.compactMap { key in found[key].map { ChangeOwner(key: key, name: $0.name, claims: $0.claims) } }
  }
}
