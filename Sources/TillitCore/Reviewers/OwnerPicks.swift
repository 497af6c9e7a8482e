import TillitGit
import TillitSystem

extension Recommender {
  /// Suggests `count` reviewers for `change` in `mode`, the owners of its paths first (role
  /// `owner`, the claim in their reasons): every owner who is not its author and has not left
  /// (`hasLeft`, which also says who is away), best known first; experts and learners fill
  /// the slots left. The backtest never comes here: owners are in no trailer history.
  public func recommend(_ change: ChangeUnderReview, mode: RecommendationMode, count: Int, owners: [ChangeOwner]) -> Recommendation {
    let eligible = owners.filter { $0.key != change.author && !hasLeft($0.key) }
    guard !eligible.isEmpty else { return recommend(change, mode: mode, count: count) }
    let atRisk = filesAtRisk(change)
    let experts = rankExperts(change)
    let rank = { (owner: ChangeOwner) in experts.firstIndex { self.model.people[Int($0.person)].email == owner.key } ?? experts.count }
    let picked = eligible.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element).prefix(count)
    let keys = Set(picked.map(\.key))
    var recommendation = recommend(change, mode: mode, count: count + picked.count)
    let others = recommendation.reviewers.filter { !keys.contains($0.email) }.prefix(count - picked.count)
    recommendation.reviewers = picked.map { pick(owner: $0, experts: experts, change: change, atRisk: atRisk) } + others
    return recommendation
  }

  /// An owner as a pick: the claims first, then what the history says of them.
  private func pick(owner: ChangeOwner, experts: [Candidate], change: ChangeUnderReview, atRisk: [RepoPath]) -> Recommendation.Pick {
    let claims = owner.claims.map(PathClaims.reason(for:))
    guard let person = model.index(of: owner.key) else {
      return Recommendation.Pick(
        email: owner.key, name: owner.name, role: .owner, score: 0,
        reasons: claims + ["no change or review in the history"], parts: parts(of: Candidate(person: -1)), lastActive: 0)
    }
    let candidate = experts.first { $0.person == person } ?? Candidate(person: person)
    let info = model.people[Int(person)]
    let inactive = isActive(person, at: reference(for: change)) ? [] : ["inactive since \(Timestamp.format(seconds: Int(info.lastActive)).prefix(10))"]
    return Recommendation.Pick(
      email: info.email, name: info.name, role: .owner, score: (candidate.score * 1000).rounded() / 1000,
      reasons: claims + inactive + reasons(for: candidate, role: .owner, change: change, needing: [], atRisk: atRisk),
      parts: parts(of: candidate), lastActive: info.lastActive)
  }
}
