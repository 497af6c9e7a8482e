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
    let everyone = history.reviewers.union(simulated.reviewers)
    #expect(everyone == ["ann@example.com", "lee@example.com"])
    // Ann alone did all four reviews of two people's share; in the simulation Lee did one.
    #expect(history.gini(among: everyone) == 0.5)
    #expect(simulated.gini(among: everyone) == 0.25)
    // Each among its own reviewers, the history (one person) would read as perfectly even.
    #expect(history.gini(among: history.reviewers) == 0)
    #expect(simulated.topShare(1) == 0.75)
  }
}
