import TillitGit
import TillitSystem

/// Who owns some paths (files, or folders: every file under them): the owners the claims in
/// force name, each with what the history says of them there, then the people who know the
/// files, ranked as reviewers are, with the same reasons; people who are no longer active are
/// listed too, and said to be.
public struct PathOwners {
  let base: KnowledgeBase
  let claims: PathClaims

  public init(base: KnowledgeBase, claims: PathClaims) {
    self.base = base
    self.claims = claims
  }

  public struct Result: Sendable {
    /// The owners the claims name, in claim order.
    public let claimed: [ClaimedOwner]
    /// Of the files, how many some claim owns.
    public let ownedFiles: Int
    /// The people who know the files, best first.
    public let ranked: Recommendation
  }

  /// `arguments` are repository-relative paths ("" for everything).
  public func rank(_ arguments: [RepoPath], count: Int) throws -> Result {
    let loaded = try base.load()
    let model = loaded.model
    var paths: [RepoPath] = []
    for argument in arguments {
      let path = argument
      if model.files[path] != nil { paths.append(path); continue }
      let prefix = path.bytes.isEmpty ? [] : path.bytes + [UInt8(ascii: "/")]
      let under = model.files.keys.filter { $0.bytes.starts(with: prefix) }
      guard !under.isEmpty else {
        throw TillitError.usage("nothing in the history of HEAD is known about '\(argument)'; name a file or folder the repository has")
      }
      paths += under.sorted()
    }
    var settings = base.settings
    settings.inactiveAfter = .infinity
    let recommender = Recommender(model: model, settings: settings, openLoad: loaded.ledger.openLoad, hasLeft: { _ in false })
    let label = arguments.count == 1 ? (arguments[0].bytes.isEmpty ? "the whole repository" : arguments[0].description) : "\(arguments.count) paths"
    let change = ChangeUnderReview(label: label, commit: nil, author: nil, authorName: nil, time: Clock.now(), paths: paths)
    let ranked = recommender.recommend(change, mode: .expert, count: count)
    let active = Recommender(model: model, settings: base.settings, openLoad: [:], hasLeft: base.resolver.hasLeft)
    let reference = active.reference(for: change)
    let reviewers = ranked.reviewers.map { pick -> Recommendation.Pick in
      guard let index = model.index(of: pick.email), !active.isActive(index, at: reference) else { return pick }
      let note = base.resolver.hasLeft(pick.email) ? "has left the project" : "inactive since \(Timestamp.format(seconds: Int(pick.lastActive)).prefix(10))"
      return Recommendation.Pick(
        email: pick.email, name: pick.name, role: pick.role, score: pick.score, reasons: pick.reasons + [note],
        parts: pick.parts, lastActive: pick.lastActive)
    }
    let ranking = Recommendation(change: change, mode: .expert, reviewers: reviewers, filesAtRisk: active.filesAtRisk(change))
    let claimed = ClaimedOwners(claims: claims, base: base, model: model).of(paths)
    return Result(claimed: claimed.owners, ownedFiles: claimed.ownedFiles, ranked: ranking)
  }
}
