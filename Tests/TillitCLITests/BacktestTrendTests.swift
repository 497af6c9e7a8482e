import Foundation
import Testing
import TillitTestSupport

/// The backtest's workload figures — the ten busiest reviewers' share of the reviews, in history
/// and simulated — and its figures per quarter (`--by-quarter`), so the trend shows, not only
/// the end point.
@Suite struct BacktestTrendTests {
  /// Bob's twelve changes: six in 2025Q1 (r0 reviews two, r1…r4 one each), none in 2025Q2,
  /// six in 2025Q3 (r5…r10 one each).
  static func history() throws -> History {
    let history = try History()
    let first = ["r0", "r0", "r1", "r2", "r3", "r4"]
    for (day, reviewer) in first.enumerated() {
      try history.commit("Bob", "bob@example.com", ["a/x.c": "\(day)\n"], date: "2025-02-0\(day + 1)", reviewers: ["\(reviewer) <\(reviewer)@example.com>"])
    }
    for day in 0..<6 {
      let reviewer = "r\(day + 5)"
      try history.commit("Bob", "bob@example.com", ["b/y.c": "\(day)\n"], date: "2025-07-0\(day + 1)", reviewers: ["\(reviewer) <\(reviewer)@example.com>"])
    }
    return history
  }

  @Test func theBusiestTenReviewersShareIsGivenForHistoryAndSimulation() throws {
    let history = try Self.history()
    let report = try history.json(["backtest"])
    #expect(report["evaluated"] as? Int == 12)
    // Eleven reviewers, twelve reviews: the ten busiest gave r0's two and nine more.
    #expect(abs((report["topReviewersShareHistory"] as? Double ?? 0) - 11.0 / 12.0) < 1e-9, "\(report)")
    let simulated = try #require(report["topReviewersShareSimulated"] as? Double)
    #expect(simulated > 0 && simulated <= 1)
    #expect(report["byQuarter"] == nil, "quarters only when asked")
    let table = try history.repo.tillit(["backtest"])
    #expect(table.stdout.contains("top-10 reviewers' share, history    0.917"), "\(table.stdout)")
    #expect(table.stdout.contains("top-10 reviewers' share, simulated"), "\(table.stdout)")
    #expect(!table.stdout.contains("per quarter"))
  }

  @Test func byQuarterGivesARowPerQuarterWithCommits() throws {
    let history = try Self.history()
    let report = try history.json(["backtest", "--by-quarter"])
    let rows = try #require(report["byQuarter"] as? [[String: Any]], "\(report)")
    #expect(rows.map { $0["quarter"] as? String } == ["2025Q1", "2025Q3"])
    #expect(rows.map { $0["evaluated"] as? Int } == [6, 6])
    // 2025Q1: r0 two reviews, r1…r4 one each; 2025Q3: six reviewers, one each — counted among
    // the seven who reviewed in either history: the expert the simulation put on one of those
    // changes gave none of them in the history.
    #expect(abs((rows[0]["workloadGiniHistory"] as? Double ?? -1) - 2.0 / 15.0) < 1e-9, "\(rows[0])")
    #expect(abs((rows[1]["workloadGiniHistory"] as? Double ?? -1) - 1.0 / 7.0) < 1e-9, "\(rows[1])")
    #expect(rows.allSatisfy { $0["topReviewersShareHistory"] as? Double == 1 })
    #expect(rows[0]["end"] as? String == "2025-04-01T00:00:00Z")
    // The last quarter ends with the window: its files at risk are the report's own.
    let last = try #require(rows.last)
    #expect(last["filesAtRiskHistory"] as? Int == report["filesAtRiskHistory"] as? Int)
    #expect(last["filesAtRiskSimulated"] as? Int == report["filesAtRiskSimulated"] as? Int)
    #expect(last["filesTouched"] as? Int == report["filesTouched"] as? Int)
    #expect(rows[0]["filesTouched"] as? Int == 1)
    let table = try history.repo.tillit(["backtest", "--by-quarter"])
    #expect(table.stdout.contains("per quarter (history → simulated):"), "\(table.stdout)")
    #expect(table.stdout.contains("\n2025Q1 "), "\(table.stdout)")
    #expect(table.stdout.contains("0.133 → "), "\(table.stdout)")
  }

  /// A quarter whose commits name no reviewer has files at risk but nothing scored: no zeros
  /// that would read as a recommender that never hits.
  @Test func aQuarterWithNothingScoredShowsNoScores() throws {
    let history = try Self.history()
    try history.commit("Bob", "bob@example.com", ["a/x.c": "late\n"], date: "2025-10-02")
    let report = try history.json(["backtest", "--by-quarter"])
    let rows = try #require(report["byQuarter"] as? [[String: Any]], "\(report)")
    let last = try #require(rows.last)
    #expect(last["quarter"] as? String == "2025Q4")
    #expect(last["evaluated"] as? Int == 0)
    #expect(last["top3"] is NSNull && last["workloadGiniHistory"] is NSNull, "\(last)")
    let table = try history.repo.tillit(["backtest", "--by-quarter"])
    #expect(table.stdout.contains("2025Q4           0      -          -"), "\(table.stdout)")
  }
}
