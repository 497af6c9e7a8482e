import TillitGit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Recommender {
  /// Suggests `count` reviewers for `change` in `mode`.
  public func recommend(_ change: ChangeUnderReview, mode: RecommendationMode, count: Int) -> Recommendation {
    let atRisk = filesAtRisk(change)
    let needing = mode == .expert ? [] : filesNeedingLearner(change)
    let picks = select(change, mode: mode, count: count, needing: needing)
    let explained = picks.map { pick in
      Recommendation.Pick(
        email: model.people[Int(pick.candidate.person)].email, name: model.people[Int(pick.candidate.person)].name,
        role: pick.role, score: (pick.candidate.score * 1000).rounded() / 1000,
        reasons: reasons(for: pick.candidate, role: pick.role, change: change, needing: needing, atRisk: atRisk),
        parts: parts(of: pick.candidate), lastActive: model.people[Int(pick.candidate.person)].lastActive)
    }
    return Recommendation(change: change, mode: mode, reviewers: explained, filesAtRisk: atRisk)
  }

  func parts(of candidate: Candidate) -> [(name: String, value: Double)] {
    [
      ("files", candidate.files), ("folder", candidate.folder), ("parentFolder", candidate.parentFolder),
      ("familiarity", candidate.familiarity), ("lately", candidate.lately), ("openReviews", Double(openLoad[candidate.person] ?? 0)),
    ].map { ($0.0, ($0.1 * 1000).rounded() / 1000) }
  }

  struct Selected {
    let candidate: Candidate
    let role: Recommendation.Role
  }

  /// The picks in order. `expert`: the best experts. `auto`: the same, unless the change
  /// touches files that deserve a learner (`needing`, from `filesNeedingLearner`); then the best
  /// expert and a learner. `spread`: learners first, then the best expert.
  func select(_ change: ChangeUnderReview, mode: RecommendationMode, count: Int, needing: [RepoPath]) -> [Selected] {
    let experts = rankExperts(change)
    let wantsLearner = mode == .spread || (mode == .auto && !needing.isEmpty)
    guard wantsLearner, let best = experts.first else {
      return experts.prefix(count).map { Selected(candidate: $0, role: .expert) }
    }
    let learners = rankLearners(experts, change: change, targets: learnerTargets(change, needing: needing))
    var picks: [Selected] = []
    if mode == .spread {
      picks = learners.prefix(max(1, count - 1)).map { Selected(candidate: $0, role: .learner) }
      if !picks.contains(where: { $0.candidate.person == best.person }) { picks.append(Selected(candidate: best, role: .expert)) }
    } else {
      picks = [Selected(candidate: best, role: .expert)]
      if let learner = learners.first(where: { $0.person != best.person }) { picks.append(Selected(candidate: learner, role: .learner)) }
    }
    for expert in experts where picks.count < count && !picks.contains(where: { $0.candidate.person == expert.person }) {
      picks.append(Selected(candidate: expert, role: .expert))
    }
    return Array(picks.prefix(count))
  }

  /// The files a learner should not know yet: those at risk when there are any, else those that
  /// deserve a learner, else (in `spread` mode) every changed file.
  func learnerTargets(_ change: ChangeUnderReview, needing: [RepoPath]) -> [RepoPath] {
    guard !needing.isEmpty else { return change.paths }
    let atRisk = filesAtRisk(change)
    return atRisk.isEmpty ? needing : atRisk
  }

  /// People with related knowledge nearby (the folders, the author) who know none of the
  /// `targets` (the files that deserve a learner, or all changed files in `spread` mode), who
  /// work steadily and are lightly loaded, best first (see `SpreadPolicy`).
  func rankLearners(_ experts: [Candidate], change: ChangeUnderReview, targets: [RepoPath]) -> [Candidate] {
    var knowing: Set<Int32> = []
    for path in targets { knowing.formUnion(spreadKnowers(of: path)) }
    let time = change.time
    return
      experts
      .compactMap { candidate -> (Candidate, Double)? in
        guard !knowing.contains(candidate.person), candidate.folder + candidate.parentFolder + candidate.familiarity > 0 else { return nil }
        let months = model.activeMonths[Int(candidate.person)].count(in: 12, at: time)
        var score = candidate.folder + 0.5 * candidate.parentFolder + 0.5 * candidate.familiarity + spread.activity * candidate.reviewing
        score *= pow(Double(months) / 12, spread.steadiness)
        if spread.reviewsHalving > 0 { score /= 1 + recentReviews(of: candidate.person, at: time) / spread.reviewsHalving }
        return (candidate, score / (1 + Double(openLoad[candidate.person] ?? 0)))
      }
      .sorted { $0.1 > $1.1 }
      .map(\.0)
  }

  /// A person's reviews as a count that halves every 60 days, with a backtest's simulated ones.
  func recentReviews(of person: Int32, at time: Int64) -> Double {
    let given = model.reviewsGiven[Int(person)].weight(at: time)
    return given + (simulated?.addedReviews(model.people[Int(person)].email, time) ?? 0)
  }
}
