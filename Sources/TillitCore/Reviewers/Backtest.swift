import TillitGit

/// Replays the history once, oldest first: for each commit in the window that names reviewers
/// in its trailers, recommends from strictly earlier history and compares with the people who
/// actually reviewed it; then folds the commit into the model and goes on.
///
/// Knowledge spread follows Mirsaeedi & Rigby (ICSE 2020): alongside the history as it happened,
/// a simulated history where the recommender's pick joins each change. The top expert replaces
/// the actual reviewer who already knew most of the change (a no-op when they reviewed it); a
/// learner — `auto` asks for an expert *and* a learner — joins the actual reviewers, who stand
/// for the expert (`Learners.replace`: replaces one as the top expert does, as in the paper).
/// The spread sees the simulated history as it goes (`SimulatedKnowledge`). Files at risk (at
/// most one active person knows them, by authorship or review) are then counted at the end of
/// the window among the files the evaluated changes touched, in both histories. So is how the
/// reviews fall on people: the Gini coefficient of reviews per person (among everyone who
/// reviewed in either history), the share of the ten busiest reviewers, and the reviews a
/// learner added. With `byQuarter`, the same figures per calendar quarter, for the trend.
public struct Backtest {
  /// How many of the busiest reviewers the workload share counts (after Mirsaeedi & Rigby).
  public static let topReviewers = 10

  /// How a suggested learner enters the simulated history.
  public enum Learners: String, Sendable, CaseIterable {
    /// On top of the actual reviewers, who stand for the expert `auto` also asks for.
    case join
    /// In place of one actual reviewer, as Mirsaeedi & Rigby simulate every recommendation.
    case replace
  }

  public struct Options: Sendable {
    public var since: Int64?
    public var until: Int64?
    public var mode: RecommendationMode = .expert
    /// Also give the figures per calendar quarter of the window.
    public var byQuarter = false
    /// Which changes get a learner, and who (`--policy`).
    public var spread = SpreadPolicy()
    public var learners = Learners.join
    public init() {}
  }

  public struct Report: Sendable {
    public var commits = 0
    public var evaluated = 0
    public var top1 = 0.0
    public var top3 = 0.0
    public var top5 = 0.0
    public var mrr = 0.0
    public var expertise = 0.0
    public var filesTouched = 0
    public var filesAtRiskHistory = 0
    public var filesAtRiskSimulated = 0
    public var workloadGini = 0.0
    public var workloadGiniHistory = 0.0
    public var topReviewersShareHistory = 0.0
    public var topReviewersShareSimulated = 0.0
    /// Reviews the simulation's learners gave on top of the actual reviewers.
    public var reviewsAdded = 0
    /// Per quarter, oldest first; empty unless `Options.byQuarter`.
    public var quarters: [QuarterFigures] = []
  }

  let base: KnowledgeBase
  let options: Options

  public init(base: KnowledgeBase, options: Options) {
    self.base = base
    self.options = options
  }

  public func run() throws -> Report {
    var report = Report()
    guard let head = try base.repository.headCommitID() else { return report }
    let model = KnowledgeModel()
    let scanner = HistoryScanner(repository: base.repository, settings: base.settings, resolver: base.resolver)
    var recommender = Recommender(model: model, settings: base.settings, openLoad: [:], hasLeft: base.resolver.hasLeft)
    recommender.spread = options.spread
    var world = SimulatedReviews()
    recommender.simulated = SimulatedKnowledge(reviewers: { world.simulatedReviewers(of: $0) }, addedReviews: { world.addedReviews(of: $0, at: $1) })
    var quarters = BacktestQuarters()
    var hits = (top1: 0, top3: 0, top5: 0, reciprocal: 0.0, expertise: 0.0)
    var lastTime: Int64 = 0
    try scanner.scan(from: nil, to: head) { facts in
      if let until = options.until, facts.time >= until { return false }
      report.commits += 1
      let inWindow = options.since.map { facts.time >= $0 } ?? true
      if inWindow && options.byQuarter {
        quarters.advance(to: facts.time) { world.finish(model: model, recommender: recommender, at: $0) }
      }
      defer {
        if inWindow { world.observe(facts) }
        model.apply(facts)
        lastTime = max(lastTime, facts.time)
      }
      guard inWindow, let author = facts.author else { return true }
      let actual = Set(facts.reviewers.map(\.key)).subtracting([author.key])
      guard !actual.isEmpty else { return true }
      let change = ChangeUnderReview(
        label: facts.id.hex, commit: facts.id, author: author.key, authorName: author.name, time: facts.time,
        paths: facts.changes.filter { facts.counts($0.newPath) }.map { $0.status == .renamed ? $0.oldPath : $0.newPath })
      let needing = options.mode == .expert ? [] : recommender.filesNeedingLearner(change)
      let picks = recommender.select(change, mode: options.mode, count: 10, needing: needing)
      let emails = picks.map { model.people[Int($0.candidate.person)].email }
      report.evaluated += 1
      let rank = emails.firstIndex(where: actual.contains)
      if let rank {
        if rank < 1 { hits.top1 += 1 }
        if rank < 3 { hits.top3 += 1 }
        if rank < 5 { hits.top5 += 1 }
        hits.reciprocal += 1 / Double(rank + 1)
      }
      let suggested = picks.prefix(base.settings.count).map(\.candidate.person)
      let withHistory = change.paths.filter { model.files[$0] != nil }
      let expertise =
        withHistory.isEmpty
        ? 1
        : Double(withHistory.filter { !Set(recommender.knowers(of: $0)).isDisjoint(with: suggested) }.count) / Double(withHistory.count)
      hits.expertise += expertise
      let pick = picks.first { $0.role == .learner } ?? picks.first
      let joiner = pick.map {
        SimulatedReviews.Joiner(email: model.people[Int($0.candidate.person)].email, added: $0.role == .learner && options.learners == .join)
      }
      let simulated = world.record(change: facts, paths: change.paths, actual: actual, joiner: joiner, model: model)
      if options.byQuarter {
        quarters.record(top3: rank.map { $0 < 3 } ?? false, expertise: expertise, actual: actual, simulated: simulated)
      }
      return true
    }
    model.missingContent.warn()
    if report.evaluated > 0 {
      let count = Double(report.evaluated)
      report.top1 = Double(hits.top1) / count
      report.top3 = Double(hits.top3) / count
      report.top5 = Double(hits.top5) / count
      report.mrr = hits.reciprocal / count
      report.expertise = hits.expertise / count
    }
    let end = world.finish(model: model, recommender: recommender, at: lastTime)
    report.filesTouched = end.touched
    report.filesAtRiskHistory = end.atRiskHistory
    report.filesAtRiskSimulated = end.atRiskSimulated
    (report.workloadGiniHistory, report.workloadGini) = BacktestWorkload.gini(history: world.historyLoad, simulated: world.simulatedLoad)
    report.reviewsAdded = world.reviewsAdded
    report.topReviewersShareHistory = world.historyLoad.topShare(Self.topReviewers)
    report.topReviewersShareSimulated = world.simulatedLoad.topShare(Self.topReviewers)
    quarters.finish(at: lastTime, end)
    report.quarters = quarters.rows
    return report
  }
}
