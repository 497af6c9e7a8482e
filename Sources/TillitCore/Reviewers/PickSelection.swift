import TillitGit

extension Recommender {
  /// Suggests `count` reviewers for `change` in `mode`.
  public func recommend(_ change: ChangeUnderReview, mode: RecommendationMode, count: Int) -> Recommendation {
    let atRisk = filesAtRisk(change)
    let picks = select(change, mode: mode, count: count, atRisk: atRisk)
    let explained = picks.map { pick in
      Recommendation.Pick(
        email: model.people[Int(pick.candidate.person)].email, name: model.people[Int(pick.candidate.person)].name,
        role: pick.role, score: (pick.candidate.score * 1000).rounded() / 1000,
        reasons: reasons(for: pick.candidate, role: pick.role, change: change, atRisk: atRisk),
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
  /// touches files at risk; then the best expert and a learner. `spread`: learners first, then
  /// the best expert.
  func select(_ change: ChangeUnderReview, mode: RecommendationMode, count: Int, atRisk: [RepoPath]) -> [Selected] {
    let experts = rankExperts(change)
    let wantsLearner = mode == .spread || (mode == .auto && !atRisk.isEmpty)
    guard wantsLearner, let best = experts.first else {
      return experts.prefix(count).map { Selected(candidate: $0, role: .expert) }
    }
    let learners = rankLearners(experts, change: change, atRisk: atRisk)
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

  /// People with related knowledge nearby (the folders, the author) who do not yet know the
  /// files at risk (all changed files in `spread` mode), lightly loaded first.
  func rankLearners(_ experts: [Candidate], change: ChangeUnderReview, atRisk: [RepoPath]) -> [Candidate] {
    let targets = atRisk.isEmpty ? change.paths : atRisk
    var knowing: Set<Int32> = []
    for path in targets { knowing.formUnion(knowers(of: path)) }
    return
      experts
      .filter { !knowing.contains($0.person) && ($0.folder + $0.parentFolder + $0.familiarity) > 0 }
      .map { candidate -> (Candidate, Double) in
        let nearby = candidate.folder + 0.5 * candidate.parentFolder + 0.5 * candidate.familiarity + weights.learnerActivity * candidate.reviewing
        return (candidate, nearby / (1 + Double(openLoad[candidate.person] ?? 0)))
      }
      .sorted { $0.1 > $1.1 }
      .map(\.0)
  }
}
