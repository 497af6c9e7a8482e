import TillitGit

/// Who reviewed the files a backtest's changes touched, as it happened and as it would have
/// happened had the recommender's pick joined each review.
struct SimulatedReviews {
  /// The tracked files that still exist, and how many of them are at risk in each history.
  struct FilesAtRisk {
    var touched = 0
    var atRiskHistory = 0
    var atRiskSimulated = 0
  }

  /// Who joins a change in the simulation: the recommender's pick, and whether they come on top
  /// of the actual reviewers or in place of one of them.
  struct Joiner {
    let email: String
    let added: Bool
  }

  private var history: [RepoPath: Set<String>] = [:]
  private var simulated: [RepoPath: Set<String>] = [:]
  /// Per person, the reviews the simulation gave them beyond the actual history.
  private var added: [String: Trace] = [:]
  private(set) var historyLoad = BacktestWorkload()
  private(set) var simulatedLoad = BacktestWorkload()
  /// Reviews a joiner added on top of the actual reviewers.
  private(set) var reviewsAdded = 0

  /// Records one evaluated change (paths as the model knew them before it). The joiner is
  /// added to the actual reviewers, or replaces the one who already knew most of the change;
  /// nothing changes when they reviewed it anyway. Returns the reviewers of the simulated
  /// history.
  @discardableResult
  mutating func record(change facts: CommitFacts, paths: [RepoPath], actual: Set<String>, joiner: Joiner?, model: KnowledgeModel) -> Set<String> {
    for path in paths where history[path] == nil {
      let before = Set((model.files[path]?.people ?? []).filter { $0.reviews.count > 0 }.map { model.people[Int($0.person)].email })
      history[path] = before
      simulated[path] = before
    }
    var reviewers = actual
    if let joiner, !actual.contains(joiner.email) {
      if joiner.added {
        reviewsAdded += 1
      } else {
        let knowledge = actual.sorted().map { reviewer -> (String, Int) in
          (reviewer, paths.filter { history[$0]?.contains(reviewer) == true || Self.authors(of: $0, model).contains(reviewer) }.count)
        }
        if let replaced = knowledge.max(by: { $0.1 < $1.1 })?.0 { reviewers.remove(replaced) }
      }
      reviewers.insert(joiner.email)
      added[joiner.email, default: Trace()].add(at: facts.time)
    }
    for path in paths {
      history[path, default: []].formUnion(actual)
      simulated[path, default: []].formUnion(reviewers)
    }
    historyLoad.add(actual)
    simulatedLoad.add(reviewers)
    return reviewers
  }

  /// Who reviewed `path` in the simulated history; nil for a file not tracked yet.
  func simulatedReviewers(of path: RepoPath) -> Set<String>? { simulated[path] }

  /// The reviews the simulation gave `email` beyond the actual history, as a count that halves
  /// every 60 days, at `time`.
  func addedReviews(of email: String, at time: Int64) -> Double { added[email]?.weight(at: time) ?? 0 }

  /// Follows renames and deletions of tracked files; call for every commit after `record`.
  mutating func observe(_ facts: CommitFacts) {
    for change in facts.changes {
      switch change.status {
      case .renamed:
        if let moved = history.removeValue(forKey: change.oldPath) {
          history[change.newPath, default: []].formUnion(moved)
          simulated[change.newPath, default: []].formUnion(simulated.removeValue(forKey: change.oldPath) ?? [])
        }
      case .deleted:
        history.removeValue(forKey: change.newPath)
        simulated.removeValue(forKey: change.newPath)
      default:
        break
      }
    }
  }

  /// Files at risk among the tracked files that still exist, in both histories.
  func finish(model: KnowledgeModel, recommender: Recommender, at time: Int64) -> FilesAtRisk {
    let reference = recommender.reference(for: ChangeUnderReview(label: "", commit: nil, author: nil, authorName: nil, time: time, paths: []))
    func active(_ email: String) -> Bool {
      guard let index = model.index(of: email) else { return false }
      return recommender.isActive(index, at: reference)
    }
    var result = FilesAtRisk()
    for (path, reviewers) in history where model.files[path] != nil {
      let authors = Self.authors(of: path, model)
      result.touched += 1
      if authors.union(reviewers).filter(active).count <= 1 { result.atRiskHistory += 1 }
      if authors.union(simulated[path] ?? []).filter(active).count <= 1 { result.atRiskSimulated += 1 }
    }
    return result
  }

  private static func authors(of path: RepoPath, _ model: KnowledgeModel) -> Set<String> {
    Set((model.files[path]?.authors() ?? []).map { model.people[Int($0)].email })
  }
}
