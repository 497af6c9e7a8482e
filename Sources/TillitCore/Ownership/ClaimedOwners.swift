import TillitGit
import TillitSystem

/// One owner the claims name for some files, with what the knowledge model says of them there:
/// a claim says who should know the files, the history what they have done with them.
public struct ClaimedOwner: Sendable {
  /// As the claim writes them: an email, a name or a `@handle`.
  public let owner: String
  public let identity: OwnerIdentity
  /// The claims naming them that own some of the files (the last matching claim owns a file).
  public let claims: [OwnershipLedger.Claim]
  /// How many of the files they own.
  public let files: Int
  /// Their changes and reviews of the files they own; nil when the owner is no person the
  /// history can know (a `@handle` no alias maps, a name no one goes by, a bot).
  public let knowledge: OwnerKnowledge?
  /// "has left the project" or "inactive since YYYY-MM-DD"; nil when active.
  public let status: String?
}

/// One person's history with some files.
public struct OwnerKnowledge: Sendable, Equatable {
  /// Of the files, how many they know (author by degree of authorship, or have reviewed).
  public let knows: Int
  public let changes: Int
  public let reviews: Int
  /// Seconds since 1970 of their last change or review of the files; nil when none.
  public let lastTouched: Int64?

  /// `person`'s history with `paths` in `model`; all zero for someone the model does not know.
  init(of key: String, in paths: [RepoPath], model: KnowledgeModel) {
    var (knows, changes, reviews, last) = (0, 0, 0, Int64(0))
    if let person = model.index(of: key) {
      for path in paths {
        guard let record = model.files[path], let mine = record.knowledge(of: person) else { continue }
        changes += Int(mine.changes.count)
        reviews += Int(mine.reviews.count)
        if mine.changes.count > 0 { last = max(last, mine.changes.last) }
        if mine.reviews.count > 0 { last = max(last, mine.reviews.last) }
        if record.knowers().contains(person) { knows += 1 }
      }
    }
    self.knows = knows
    self.changes = changes
    self.reviews = reviews
    self.lastTouched = changes + reviews > 0 ? last : nil
  }
}

/// The owners the claims in force name for some files.
public struct ClaimedOwners {
  let claims: PathClaims
  let base: KnowledgeBase
  let model: KnowledgeModel

  public init(claims: PathClaims, base: KnowledgeBase, model: KnowledgeModel) {
    self.claims = claims
    self.base = base
    self.model = model
  }

  /// The owners of `paths` in claim order, each once, and how many of `paths` some claim owns.
  public func of(_ paths: [RepoPath]) -> (owners: [ClaimedOwner], ownedFiles: Int) {
    var owned: [(claim: OwnershipLedger.Claim, paths: [RepoPath])] = []
    var ownedFiles = 0
    for path in paths {
      guard let claim = claims.claim(for: path) else { continue }
      ownedFiles += 1
      if let index = owned.firstIndex(where: { $0.claim == claim }) { owned[index].paths.append(path) } else { owned.append((claim, [path])) }
    }
    var order: [String] = []
    var found: [String: (owner: String, identity: OwnerIdentity, claims: [OwnershipLedger.Claim], paths: [RepoPath])] = [:]
    for (claim, paths) in owned {
      for written in claim.people {
        let identity = OwnerIdentity(written, resolver: base.resolver, model: model)
        let id = identity.key ?? written.lowercased()
        if found[id] == nil {
          order.append(id)
          found[id] = (written, identity, [], [])
        }
        found[id]?.claims.append(claim)
        found[id]?.paths += paths
      }
    }
    let owners = order.compactMap { found[$0] }.map { entry in
      ClaimedOwner(
        owner: entry.owner, identity: entry.identity, claims: entry.claims, files: entry.paths.count,
        knowledge: entry.identity.key.map { OwnerKnowledge(of: $0, in: entry.paths, model: model) },
        status: entry.identity.key.flatMap(status))
    }
    return (owners, ownedFiles)
  }

  /// Whether a person no longer counts as active, in words.
  func status(of key: String) -> String? {
    if base.resolver.hasLeft(key) { return "has left the project" }
    guard let person = model.index(of: key), let reference = model.latestActivity else { return nil }
    guard !model.isActive(person, at: reference, settings: base.settings, hasLeft: base.resolver.hasLeft) else { return nil }
    let last = model.people[Int(person)].lastActive
    return last == 0 ? "no commit or review in the history" : "inactive since \(Timestamp.format(seconds: Int(last)).prefix(10))"
  }
}
