import TillitGit

/// What a backtest's simulated history knows beyond the model the recommender reads: the spread
/// then sees the learners it placed — as Tillit would, from their reviews in the ledger — and
/// not the actual reviewers they replaced, so it neither asks the same learner twice nor gives
/// a file a learner it no longer needs.
struct SimulatedKnowledge {
  /// Who reviewed a file in the simulated history; nil for a file it does not track.
  var reviewers: (RepoPath) -> Set<String>?
  /// A person's (by email) reviews in the simulation beyond the actual history, as a count that
  /// halves every 60 days, at a time.
  var addedReviews: (String, Int64) -> Double
}
