import Testing

@testable import TillitCore

/// How unevenly reviews fall, compared between the history and its simulation over one
/// population: everyone who reviewed in either.
@Suite struct BacktestWorkloadTests {
  @Test func aLearnerBroughtInSharesTheLoadOfTheSamePeople() {
    var history = BacktestWorkload()
    var simulated = BacktestWorkload()
    for _ in 1...4 { history.add(["ann@example.com"]) }
    for _ in 1...3 { simulated.add(["ann@example.com"]) }
    simulated.add(["lee@example.com"])
    #expect(history.reviewers.union(simulated.reviewers) == ["ann@example.com", "lee@example.com"])
    // Ann alone did all four reviews of two people's share; in the simulation Lee did one.
    let gini = BacktestWorkload.gini(history: history, simulated: simulated)
    #expect(gini.history == 0.5)
    #expect(gini.simulated == 0.25)
    // Each among its own reviewers, the history (one person) would read as perfectly even.
    #expect(history.gini(among: history.reviewers) == 0)
    #expect(simulated.topShare(1) == 0.75)
  }
}
