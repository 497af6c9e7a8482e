import TillitGit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ranks the people who could review a change, from the knowledge model and each person's
/// open review load, and explains every pick.
///
/// A candidate's score adds up, each as a share of everyone's recent activity (counts that halve
/// every 60 days): their changes and reviews of the changed files, of the files' folders and the
/// folders above, and their reviews of this author's changes — plus a bonus when they reviewed
/// this author in the last few days (the rest of a patch series). The score is then divided by
/// (1 + open reviews / 3), so a buried reviewer moves down.
public struct Recommender {
  /// The weights of the score's parts, tuned on Xen's history since 2023 and confirmed on
  /// U-Boot's (see the README's backtest table).
  struct Weights: Sendable {
    var files = 1.0
    var folder = 0.8
    var parentFolder = 0.4
    var familiarity = 1.0
    /// How much it counts that the candidate reviewed this author's work lately (a series).
    var lately = 0.6
    var latelyHalfLife = 2.0 * 86_400
    /// How much a review counts against a change, inside a file or folder.
    var reviewAgainstChange = 1.5
    /// Open reviews that halve a candidate's score.
    var loadHalving = 3.0
  }

  let model: KnowledgeModel
  let settings: KnowledgeSettings
  let openLoad: [Int32: Int]
  let hasLeft: (String) -> Bool
  var weights = Weights()
  /// Which changes get a learner, and who.
  public var spread = SpreadPolicy()
  /// In a backtest, the simulated history the spread sees (nil otherwise).
  var simulated: SimulatedKnowledge?

  public init(model: KnowledgeModel, settings: KnowledgeSettings, openLoad: [String: Int], hasLeft: @escaping (String) -> Bool) {
    self.model = model
    self.settings = settings
    var load: [Int32: Int] = [:]
    for (key, count) in openLoad { if let index = model.index(of: key) { load[index] = count } }
    self.openLoad = load
    self.hasLeft = hasLeft
  }

  /// One candidate's score, in its parts.
  struct Candidate {
    let person: Int32
    var files = 0.0
    var folder = 0.0
    var parentFolder = 0.0
    var familiarity = 0.0
    var lately = 0.0
    /// Reviews given anywhere, as a share of the busiest candidate's.
    var reviewing = 0.0
    var score = 0.0
  }

  /// The time activity is measured against: the change's, or the project's latest activity
  /// when the project itself has been quiet since.
  func reference(for change: ChangeUnderReview) -> Int64 {
    min(change.time, model.latestActivity ?? change.time)
  }

  func isActive(_ person: Int32, at reference: Int64) -> Bool {
    model.isActive(person, at: reference, settings: settings, hasLeft: hasLeft)
  }

  /// Every eligible candidate, best expert first.
  func rankExperts(_ change: ChangeUnderReview) -> [Candidate] {
    let time = change.time
    let reference = reference(for: change)
    let author = change.author.flatMap(model.index(of:))
    var candidates: [Int32: Candidate] = [:]
    func add(_ record: FileRecord?, weight: Double, _ part: WritableKeyPath<Candidate, Double>) {
      guard let record, !record.people.isEmpty else { return }
      var total = 0.0
      var values: [(Int32, Double)] = []
      values.reserveCapacity(record.people.count)
      for knowledge in record.people {
        let value = knowledge.changes.weight(at: time) + weights.reviewAgainstChange * knowledge.reviews.weight(at: time)
        total += value
        values.append((knowledge.person, value))
      }
      guard total > 0 else { return }
      for (person, value) in values where value > 0 {
        candidates[person, default: Candidate(person: person)][keyPath: part] += weight * value / total
      }
    }
    let paths = change.paths
    let share = paths.isEmpty ? 0 : 1.0 / Double(paths.count)
    for path in paths {
      add(model.files[path], weight: share, \.files)
      let folder = KnowledgeModel.parent(of: path)
      add(model.directories[folder], weight: share, \.folder)
      if !folder.bytes.isEmpty { add(model.directories[KnowledgeModel.parent(of: folder)], weight: share, \.parentFolder) }
    }
    if let author {
      let reviewers = model.familiarity[Int(author)]
      let total = reviewers.values.reduce(0) { $0 + $1.weight(at: time) }
      if total > 0 {
        for (reviewer, trace) in reviewers {
          var candidate = candidates[reviewer] ?? Candidate(person: reviewer)
          candidate.familiarity = trace.weight(at: time) / total
          candidate.lately = exp2(-Double(max(0, time - trace.last)) / weights.latelyHalfLife)
          candidates[reviewer] = candidate
        }
      }
    }
    var ranked: [Candidate] = []
    let busiest = candidates.keys.map { model.reviewsGiven[Int($0)].weight(at: time) }.max() ?? 0
    for (person, var candidate) in candidates where person != author && isActive(person, at: reference) {
      if busiest > 0 { candidate.reviewing = model.reviewsGiven[Int(person)].weight(at: time) / busiest }
      let raw =
        weights.files * candidate.files + weights.folder * candidate.folder + weights.parentFolder * candidate.parentFolder
        + weights.familiarity * candidate.familiarity + weights.lately * candidate.lately
      candidate.score = raw / (1 + Double(openLoad[person] ?? 0) / weights.loadHalving)
      ranked.append(candidate)
    }
    return ranked.sorted { $0.score != $1.score ? $0.score > $1.score : model.people[Int($0.person)].email < model.people[Int($1.person)].email }
  }

  /// Whether a person knows a file: authors it by degree of authorship, or has reviewed it.
  func knowers(of path: RepoPath) -> [Int32] { model.files[path]?.knowers() ?? [] }

  /// Changed files with history that at most one active person knows.
  public func filesAtRisk(_ change: ChangeUnderReview) -> [RepoPath] {
    let reference = reference(for: change)
    return change.paths.filter { path in model.files[path] != nil && activeKnowers(of: path, at: reference) <= 1 }
  }

  /// Who knows `path` as the spread sees it: `knowers(of:)`, or in a backtest the file's
  /// authors and its reviewers in the simulated history.
  func spreadKnowers(of path: RepoPath) -> [Int32] {
    guard let reviewers = simulated?.reviewers(path) else { return knowers(of: path) }
    return Array(Set((model.files[path]?.authors() ?? []) + reviewers.compactMap(model.index(of:))))
  }

  /// How many of the people who know `path` (as the spread sees it) are active at `reference`.
  func activeKnowers(of path: RepoPath, at reference: Int64) -> Int {
    spreadKnowers(of: path).filter { isActive($0, at: reference) }.count
  }

  /// Changed files that deserve a learner: at most `SpreadPolicy.knowers` active people know
  /// them (the files at risk, and those a departure or two from it), and new files, which only
  /// their author knows.
  func filesNeedingLearner(_ change: ChangeUnderReview) -> [RepoPath] {
    let reference = reference(for: change)
    return change.paths.filter { path in
      guard model.files[path] != nil else { return change.author != nil && spread.newFiles }
      return activeKnowers(of: path, at: reference) <= spread.knowers
    }
  }
}
