import TillitGit
import TillitSystem

/// How far the ownership claims have drifted from the history, for the audit: claims naming
/// someone who has left (`people.left`), or who has neither changed nor reviewed the files the
/// claim owns within `reviewers.inactive-after`; owners the history cannot check (a `@handle`
/// no alias maps, a name no one goes by); and the files at risk that no claim owns.
public struct OwnershipDrift: Sendable {
  public struct Finding: Sendable {
    public enum Kind: String, Sendable {
      /// The owner has left the project.
      case left
      /// The owner has not changed or reviewed the claim's files within `inactive-after`.
      case inactive
      /// The history cannot say who the owner is (a `@handle`, an unknown name, a bot).
      case unchecked
    }

    public let claim: OwnershipLedger.Claim
    /// As the claim writes them.
    public let owner: String
    public let kind: Kind
    public let reason: String
    /// How many files at HEAD the claim owns.
    public let files: Int
    /// Seconds since 1970 of the owner's last change or review of those files; nil when none.
    public let lastTouched: Int64?
  }

  /// How many claims are in force, and how many of the audited files some claim owns.
  public let claims: Int
  public let ownedFiles: Int
  public let findings: [Finding]
  /// The files at risk (at most one active person knows them) that no claim owns.
  public let unownedAtRisk: [RepoPath]

  /// `files`: the files audited; `atRisk`: those of them at risk; `reference`: when "within
  /// inactive-after" ends (the audit's latest activity).
  public init(claims: PathClaims, files: [RepoPath], atRisk: [RepoPath], base: KnowledgeBase, model: KnowledgeModel, reference: Int64) {
    var owned: [Int: [RepoPath]] = [:]
    for path in files {
      if let index = claims.owningIndex(of: path) { owned[index, default: []].append(path) }
    }
    var findings: [Finding] = []
    for (index, paths) in owned.sorted(by: { $0.key < $1.key }) {
      let claim = claims.claims[index]
      for written in claim.people {
        let found: (Finding.Kind, String, Int64?)?
        switch OwnerIdentity(written, resolver: base.resolver, model: model) {
        case .handle:
          found = (.unchecked, "a handle no people.aliases entry maps to a person: cannot be checked", nil)
        case .unknownName:
          found = (.unchecked, "no one in the history goes by this name: cannot be checked", nil)
        case .bot:
          found = (.unchecked, "a bot (people.bots) owns these files", nil)
        case .person(let key, _):
          let knowledge = OwnerKnowledge(of: key, in: paths, model: model)
          let files = paths.count == 1 ? "the file claimed" : "the \(paths.count) files claimed"
          if base.resolver.hasLeft(key) {
            found = (.left, "has left the project (people.left)", knowledge.lastTouched)
          } else if let last = knowledge.lastTouched {
            found =
              Double(reference - last) > base.settings.inactiveAfter
              ? (.inactive, "has not changed or reviewed \(files) since \(Timestamp.format(seconds: Int(last)).prefix(10))", last) : nil
          } else {
            found = (.inactive, "has never changed or reviewed \(files)", nil)
          }
        }
        if let (kind, reason, last) = found {
          findings.append(Finding(claim: claim, owner: written, kind: kind, reason: reason, files: paths.count, lastTouched: last))
        }
      }
    }
    self.claims = claims.claims.count
    ownedFiles = owned.values.reduce(0) { $0 + $1.count }
    self.findings = findings
    unownedAtRisk = atRisk.filter { claims.owningIndex(of: $0) == nil }
  }

  /// The findings that say a claim has drifted (the owner left or went quiet there).
  public var drifted: [Finding] { findings.filter { $0.kind != .unchecked } }
}
