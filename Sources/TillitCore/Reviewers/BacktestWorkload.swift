/// Reviews per person in a backtest's history, or in its simulation, and how unevenly they fall.
struct BacktestWorkload: Sendable {
  private(set) var perPerson: [String: Int] = [:]

  /// One review by each of `reviewers`.
  mutating func add(_ reviewers: Set<String>) {
    for reviewer in reviewers { perPerson[reviewer, default: 0] += 1 }
  }

  /// The Gini coefficient of reviews per person (0: all alike; towards 1: a few do all).
  var gini: Double { Gini.of(Array(perPerson.values)) }

  /// The share of all reviews the `count` busiest reviewers gave (0 when there are none).
  func topShare(_ count: Int) -> Double {
    let loads = perPerson.values.sorted(by: >)
    let total = loads.reduce(0, +)
    return total == 0 ? 0 : Double(loads.prefix(count).reduce(0, +)) / Double(total)
  }
}
