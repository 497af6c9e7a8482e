extension Backtest {
  /// A backtest's figures for one calendar quarter (UTC) of its window: the changes scored in
  /// it, the reviews given in it, and the files at risk at its end among the files the window's
  /// changes touched so far.
  public struct QuarterFigures: Sendable, Equatable {
    /// "2025Q3".
    public var quarter: String
    /// When its files at risk were counted (seconds since 1970): the quarter's end, or the
    /// window's last commit for the quarter it ends in.
    public var end: Int64
    public var evaluated = 0
    public var top3 = 0.0
    public var expertise = 0.0
    public var filesTouched = 0
    public var filesAtRiskHistory = 0
    public var filesAtRiskSimulated = 0
    public var workloadGiniHistory = 0.0
    public var workloadGiniSimulated = 0.0
    public var topReviewersShareHistory = 0.0
    public var topReviewersShareSimulated = 0.0
  }
}

/// Splits a backtest's replay into calendar quarters as it goes. A commit belongs to the quarter
/// the replay is in: one dated earlier than it (a clock that was off) counts in the current
/// quarter, and quarters without a commit in the window get no row.
struct BacktestQuarters {
  private var current: (start: Int64, end: Int64)?
  private var scored = (evaluated: 0, top3: 0, expertise: 0.0)
  private var history = BacktestWorkload()
  private var simulated = BacktestWorkload()
  private(set) var rows: [Backtest.QuarterFigures] = []

  /// Moves to the quarter holding `time` when it is past the current one, closing that with
  /// the files at risk `count(end)` gives at its end. Call before the commit is folded in.
  mutating func advance(to time: Int64, count: (Int64) -> SimulatedReviews.FilesAtRisk) {
    if let current, time < current.end { return }
    if let current { close(at: current.end, count(current.end)) }
    let start = Quarter.start(of: time)
    current = (start, Quarter.next(after: start))
  }

  /// One scored change: whether an actual reviewer was in the first three, the expertise of
  /// the suggestions, and who reviewed it in each history.
  mutating func record(top3: Bool, expertise: Double, actual: Set<String>, simulated reviewers: Set<String>) {
    scored.evaluated += 1
    if top3 { scored.top3 += 1 }
    scored.expertise += expertise
    history.add(actual)
    simulated.add(reviewers)
  }

  /// Closes the last quarter at the window's end, with the report's own files at risk.
  mutating func finish(at time: Int64, _ atRisk: SimulatedReviews.FilesAtRisk) {
    if current != nil { close(at: time, atRisk) }
    current = nil
  }

  private mutating func close(at end: Int64, _ atRisk: SimulatedReviews.FilesAtRisk) {
    guard let current else { return }
    let gini = BacktestWorkload.gini(history: history, simulated: simulated)
    let count = Double(max(scored.evaluated, 1))
    rows.append(
      Backtest.QuarterFigures(
        quarter: Quarter.label(current.start), end: end, evaluated: scored.evaluated,
        top3: Double(scored.top3) / count, expertise: scored.expertise / count,
        filesTouched: atRisk.touched, filesAtRiskHistory: atRisk.atRiskHistory, filesAtRiskSimulated: atRisk.atRiskSimulated,
        workloadGiniHistory: gini.history, workloadGiniSimulated: gini.simulated,
        topReviewersShareHistory: history.topShare(Backtest.topReviewers), topReviewersShareSimulated: simulated.topShare(Backtest.topReviewers)))
    scored = (0, 0, 0)
    history = BacktestWorkload()
    simulated = BacktestWorkload()
  }
}
