import TillitGit
import TillitSystem

/// Suggests reviewers for a change of a repository: the knowledge model up to HEAD, the
/// ledger's open review load and ownership claims, then the recommender.
public struct ReviewerSuggestion {
  public enum Target: Sendable {
    case revision(String)
    case staged
    /// A patch series (a push): its commits, the last one, and what to call it.
    case series([ObjectID], last: ObjectID, label: String)
  }

  public let base: KnowledgeBase

  public init(repository: Repository, settings: KnowledgeSettings) {
    base = KnowledgeBase(repository: repository, settings: settings)
  }

  public struct Result {
    public let recommendation: Recommendation
    public let cacheState: String
  }

  /// `reusingRewritten`: a cached model that HEAD does not descend from (after an amend or a
  /// rebase) is brought up to HEAD instead of rebuilt (see `KnowledgeBase.load`).
  /// `repeatingKnownGaps`: false for the hooks (see `KnowledgeBase.load`).
  public func suggest(
    _ target: Target, mode: RecommendationMode, count: Int, reusingRewritten: Bool = false,
    repeatingKnownGaps: Bool = true
  ) throws -> Result {
    let loaded = try base.load(reusingRewritten: reusingRewritten, repeatingKnownGaps: repeatingKnownGaps)
    let locator = ChangeLocator(base: base)
    let change: ChangeUnderReview
    switch target {
    case .staged: change = try locator.staged()
    case .revision(let revision): change = try locator.change(revision)
    case .series(let commits, let last, let label): change = try locator.series(commits, to: last, label: label)
    }
    let unavailable: Unavailable
    do {
      unavailable = try Unavailable(base: base, change: change, now: Clock.now())
    } catch {
      // The suggestion still helps without it; the warning says what it could not take into account.
      Diagnostics.warning("who is away or has not answered cannot be read from the ledger (\(error)); nobody is skipped", topic: "availability")
      unavailable = Unavailable()
    }
    let owners = PathClaims.orWarning(base.repository).owners(of: change.paths, resolver: base.resolver, model: loaded.model)
    let recommendation = unavailable.recommend(change, mode: mode, count: count, owners: owners, hasLeft: base.resolver.hasLeft) { hasLeft in
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

  /// Records one suggestion for a pushed series as one request per change of `commits` that
  /// the ledger has not asked for yet (at any version). Returns how many were recorded.
  @discardableResult
  public func recordSeriesRequest(_ recommendation: Recommendation, commits: [ObjectID], identity: LedgerIdentity) throws -> Int {
    guard !recommendation.reviewers.isEmpty else { return 0 }
    let records = try LedgerDigest.read(.reviews, store: store)
    let graph = ChangeGraph(records: records)
    var asked: Set<Int> = []
    for record in records {
      if case .requested(let change, _) = record.fact, let index = graph.change(of: change.commit) { asked.insert(index) }
    }
    let reviewers = recommendation.reviewers.map { ReviewRequested.Reviewer(email: $0.email, role: $0.role.rawValue, reasons: $0.reasons) }
    let series = commits.count == 1 ? "" : " for a series of \(commits.count) commits"
    var drafts: [LedgerEvent] = []
    for commit in commits {
      let change = try change(commit)
      if let index = graph.change(of: change), asked.contains(index) { continue }
      drafts.append(
        identity.event(ReviewRequested(change: change, reviewers: reviewers, message: "suggested by tillit (\(recommendation.mode.rawValue))\(series)")))
    }
    return try store.append(drafts, to: .reviews).count
  }
}
