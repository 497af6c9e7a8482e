/// Reviews per person in a backtest's history, or in its simulation, and how unevenly they fall.
struct BacktestWorkload: Sendable {
  private(set) var perPerson: [String: Int] = [:]

  /// One review by each of `reviewers`.
  mutating func add(_ reviewers: Set<String>) {
    for reviewer in reviewers { perPerson[reviewer, default: 0] += 1 }
  }

  /// The people who gave at least one review.
  var reviewers: Set<String> { Set(perPerson.keys) }

  /// The Gini coefficient of reviews per person among `people` (0: all alike; towards 1: a few
  /// do all); someone among them who gave no review counts as 0.
  func gini(among people: Set<String>) -> Double { Gini.of(people.map { perPerson[$0] ?? 0 }) }

  /// The Gini coefficient of each history's reviews per person, both among everyone who
  /// reviewed in either: a learner brought in is one more person sharing the load, not a new
  /// population, and a reviewer the simulation took every review from counts as 0.
  static func gini(history: BacktestWorkload, simulated: BacktestWorkload) -> (history: Double, simulated: Double) {
    let people = history.reviewers.union(simulated.reviewers)
    return (history.gini(among: people), simulated.gini(among: people))
  }

  /// The share of all reviews the `count` busiest reviewers gave (0 when there are none).
  func topShare(_ count: Int) -> Double {
    let loads = perPerson.values.sorted(by: >)
    let total = loads.reduce(0, +)
    return total == 0 ? 0 : Double(loads.prefix(count).reduce(0, +)) / Double(total)
  }
}
