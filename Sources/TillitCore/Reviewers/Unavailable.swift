import TillitGit
import TillitSystem

/// The people a suggestion leaves out for a change, each with the reason in words: those away
/// (`AvailabilityLedger`), and those asked to review it who have given no feedback after
/// `reviewers.escalate-after` working days (their request stays open; the next best is asked).
struct Unavailable {
  /// By person key (as `PersonResolver` makes them): why they are left out.
  var reasons: [String: String] = [:]
  /// The people whose request went unanswered too long, by key.
  var escalated: Set<String> = []

  /// Nobody left out.
  init() {}

  init(base: KnowledgeBase, change: ChangeUnderReview, now: Int64) throws {
    let repository = base.repository
    func key(_ email: String) -> String { base.resolver.resolve(name: "", email: email)?.key ?? email.lowercased() }
    for (_, absence) in try AvailabilityLedger(repository: repository).away(at: now) {
      reasons[key(absence.person)] = absence.description
    }
    guard let commit = change.commit else { return }
    for request in try ReviewLedger(repository: repository).unanswered(commit) {
      guard let asked = Timestamp.seconds(ofInstant: request.at) else { continue }
      let days = Waiting.workingDays(from: asked, to: now)
      guard days >= base.settings.escalateAfter else { continue }
      let person = key(request.reviewer)
      escalated.insert(person)
      if reasons[person] == nil {
        reasons[person] = "asked on \(request.at.prefix(10)), no feedback after \(days) working day\(days == 1 ? "" : "s"); the request stays open"
      }
    }
  }
}

extension Unavailable {
  /// The recommendation without the people left out; the ones it would have picked are listed
  /// in `skipped` with the reason, and a pick in place of an unanswered request says so.
  /// `recommender` makes one that leaves out whom its `hasLeft` says.
  /// `owners`: the people who own some of its paths, suggested first.
  func recommend(
    _ change: ChangeUnderReview, mode: RecommendationMode, count: Int, owners: [ChangeOwner], hasLeft: @escaping (String) -> Bool,
    recommender: ((@escaping (String) -> Bool) -> Recommender)
  ) -> Recommendation {
    let reasons = self.reasons
    var recommendation = recommender { hasLeft($0) || reasons[$0] != nil }.recommend(change, mode: mode, count: count, owners: owners)
    guard !reasons.isEmpty else { return recommendation }
    let wouldHave = recommender(hasLeft).recommend(change, mode: mode, count: count, owners: owners).reviewers
    recommendation.skipped = wouldHave.compactMap { pick in reasons[pick.email].map { (pick.email, $0) } }
    let escalatedFrom = recommendation.skipped.map(\.email).filter(escalated.contains)
    guard !escalatedFrom.isEmpty else { return recommendation }
    let chosen = Set(wouldHave.map(\.email))
    for index in recommendation.reviewers.indices where !chosen.contains(recommendation.reviewers[index].email) {
      recommendation.reviewers[index].reasons.insert("escalated: \(escalatedFrom.joined(separator: ", ")) gave no feedback in time", at: 0)
    }
    return recommendation
  }
}

extension ReviewLedger {
  /// The people asked to review `commit` (or another version of its change) who have given no
  /// feedback on it yet, each with the time of the first request, oldest first.
  func unanswered(_ commit: ObjectID) throws -> [(reviewer: String, at: String)] {
    let records = try LedgerDigest.read(.reviews, store: store)
    guard !records.isEmpty else { return [] }  // nobody asked: no patch id to compute
    let change = try change(commit)
    func concerns(_ other: ChangeReference) -> Bool {
      other.commit == change.commit || (other.patchID != nil && other.patchID == change.patchID)
    }
    var answered: Set<String> = []
    for record in records {
      if case .feedback(let other, _) = record.fact, concerns(other) { answered.insert(record.by.lowercased()) }
    }
    var asked: [(reviewer: String, at: String)] = []
    var seen: Set<String> = []
    for record in records {
      guard case .requested(let other, let reviewers) = record.fact, concerns(other) else { continue }
      for reviewer in reviewers where !answered.contains(reviewer.lowercased()) && seen.insert(reviewer.lowercased()).inserted {
        asked.append((reviewer, record.at))
      }
    }
    return asked
  }
}
