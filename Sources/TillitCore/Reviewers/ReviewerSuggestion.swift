import TillitGit

/// Suggests reviewers for a change of a repository: the knowledge model up to HEAD, the
/// ledger's open review load, then the recommender.
public struct ReviewerSuggestion {
  public enum Target: Sendable {
    case revision(String)
    case staged
  }

  public let base: KnowledgeBase

  public init(repository: Repository, settings: KnowledgeSettings) {
    base = KnowledgeBase(repository: repository, settings: settings)
  }

  public struct Result {
    public let recommendation: Recommendation
    public let cacheState: String
  }

  public func suggest(_ target: Target, mode: RecommendationMode, count: Int) throws -> Result {
    let loaded = try base.load()
    let locator = ChangeLocator(base: base)
    let change: ChangeUnderReview
    switch target {
    case .staged: change = try locator.staged()
    case .revision(let revision): change = try locator.change(revision)
    }
    let resolver = base.resolver
    let unavailable: Unavailable
    do {
      unavailable = try Unavailable(base: base, change: change, now: Clock.now())
    } catch {
      // The suggestion still helps without it; the warning says what it could not take into account.
      Diagnostics.warning("who is away or has not answered cannot be read from the ledger (\(error)); nobody is skipped", topic: "availability")
      unavailable = Unavailable()
    }
    let recommender = Recommender(model: loaded.model, settings: base.settings, openLoad: loaded.ledger.openLoad) {
      resolver.hasLeft($0) || unavailable.reasons[$0] != nil
    }
    var recommendation = recommender.recommend(change, mode: mode, count: count)
    if !unavailable.reasons.isEmpty {
      // Say who was left out: the ones the suggestion would have picked.
      let everyone = Recommender(model: loaded.model, settings: base.settings, openLoad: loaded.ledger.openLoad, hasLeft: resolver.hasLeft)
      let wouldHave = everyone.recommend(change, mode: mode, count: count).reviewers
      recommendation.skipped = wouldHave.compactMap { pick in unavailable.reasons[pick.email].map { (pick.email, $0) } }
      let escalatedFrom = recommendation.skipped.filter { unavailable.escalated.contains($0.email) }.map(\.email)
      let chosen = Set(wouldHave.map(\.email))
      if !escalatedFrom.isEmpty {
        for index in recommendation.reviewers.indices where !chosen.contains(recommendation.reviewers[index].email) {
          recommendation.reviewers[index].reasons.insert("escalated: \(escalatedFrom.joined(separator: ", ")) gave no feedback in time", at: 0)
        }
      }
    }
    return Result(recommendation: recommendation, cacheState: loaded.cacheState)
  }
}

extension ReviewLedger {
  /// Records a suggestion as a request (`requestReview`), with each reviewer's role and reasons.
  @discardableResult
  public func recordRequest(_ recommendation: Recommendation, identity: LedgerIdentity) throws -> LedgerEvent? {
    guard let commit = recommendation.change.commit, !recommendation.reviewers.isEmpty else { return nil }
    let reviewers = recommendation.reviewers.map { ReviewRequested.Reviewer(email: $0.email, role: $0.role.rawValue, reasons: $0.reasons) }
    return try requestReview(of: commit, from: reviewers, message: "suggested by tillit (\(recommendation.mode.rawValue))", identity: identity)
  }
}
