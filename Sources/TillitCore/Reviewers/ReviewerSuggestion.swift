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
    let unavailable: Unavailable
    do {
      unavailable = try Unavailable(base: base, change: change, now: Clock.now())
    } catch {
      // The suggestion still helps without it; the warning says what it could not take into account.
      Diagnostics.warning("who is away or has not answered cannot be read from the ledger (\(error)); nobody is skipped", topic: "availability")
      unavailable = Unavailable()
    }
    let recommendation = unavailable.recommend(change, mode: mode, count: count, hasLeft: base.resolver.hasLeft) { hasLeft in
      Recommender(model: loaded.model, settings: base.settings, openLoad: loaded.ledger.openLoad, hasLeft: hasLeft)
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
