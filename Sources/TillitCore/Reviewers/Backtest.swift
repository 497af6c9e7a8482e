import TillitGit

/// Replays the history once, oldest first: for each commit in the window that names reviewers
/// in its trailers, recommends from strictly earlier history and compares with the people who
/// actually reviewed it; then folds the commit into the model and goes on.
///
/// Knowledge spread follows Mirsaeedi & Rigby (ICSE 2020): alongside the history as it happened,
/// a simulated history where one actual reviewer of each change is replaced by the recommender's
/// pick — the learner when one was suggested, otherwise the top recommendation — replacing the
/// actual reviewer who already knew most of the change. Files at risk (at most one active
/// person knows them, by authorship or review) are then counted at the end of the window among
/// the files the evaluated changes touched, in both histories.
public struct Backtest {
  public struct Options: Sendable {
    public var since: Int64?
    public var until: Int64?
    public var mode: RecommendationMode = .expert
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
    let recommender = Recommender(model: model, settings: base.settings, openLoad: [:], hasLeft: base.resolver.hasLeft)
    var world = SimulatedReviews()
    var hits = (top1: 0, top3: 0, top5: 0, reciprocal: 0.0, expertise: 0.0)
    var lastTime: Int64 = 0
    try scanner.scan(from: nil, to: head) { facts in
      if let until = options.until, facts.time >= until { return false }
      report.commits += 1
      let inWindow = options.since.map { facts.time >= $0 } ?? true
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
      let atRisk = recommender.filesAtRisk(change)
      let picks = recommender.select(change, mode: options.mode, count: 10, atRisk: atRisk)
      let emails = picks.map { model.people[Int($0.candidate.person)].email }
      report.evaluated += 1
      if let rank = emails.firstIndex(where: actual.contains) {
        if rank < 1 { hits.top1 += 1 }
        if rank < 3 { hits.top3 += 1 }
        if rank < 5 { hits.top5 += 1 }
        hits.reciprocal += 1 / Double(rank + 1)
      }
      let suggested = picks.prefix(base.settings.count).map(\.candidate.person)
      let withHistory = change.paths.filter { model.files[$0] != nil }
      if !withHistory.isEmpty {
        let known = withHistory.filter { !Set(recommender.knowers(of: $0)).isDisjoint(with: suggested) }.count
        hits.expertise += Double(known) / Double(withHistory.count)
      } else {
        hits.expertise += 1
      }
      let joiner = (picks.first { $0.role == .learner } ?? picks.first).map { model.people[Int($0.candidate.person)].email }
      world.record(change: facts, paths: change.paths, actual: actual, joiner: joiner, model: model, recommender: recommender)
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
    report.workloadGini = Gini.of(Array(world.simulatedLoad.values))
    report.workloadGiniHistory = Gini.of(Array(world.historyLoad.values))
    return report
  }
}
