import TillitCore

/// The backtest's figures as a short table or as JSON.
public enum BacktestRenderer {
  /// Why there are no figures, when no commit in the window was scored; nil when some were.
  public static func nothingToScore(_ report: Backtest.Report) -> String? {
    guard report.evaluated == 0 else { return nil }
    return "replayed \(report.commits) commit\(report.commits == 1 ? "" : "s"); none in the window names a reviewer in its trailers, so there is nothing to score (--trailer KEY reads other trailers, --since DATE widens the window)"
  }

  public static func table(_ report: Backtest.Report, mode: RecommendationMode) -> String {
    func figure(_ value: Double) -> String { format3(value) }
    let change = report.filesAtRiskHistory == 0 ? "n/a"
      : "\(Int((Double(report.filesAtRiskSimulated - report.filesAtRiskHistory) / Double(report.filesAtRiskHistory) * 100).rounded()))%"
    let rows: [(String, String)] = [
      ("mode", mode.rawValue),
      ("commits replayed", "\(report.commits)"),
      ("evaluated (with reviewer trailers)", "\(report.evaluated)"),
      ("top-1 accuracy", figure(report.top1)),
      ("top-3 accuracy", figure(report.top3)),
      ("top-5 accuracy", figure(report.top5)),
      ("mean reciprocal rank", figure(report.mrr)),
      ("expertise of suggestions", figure(report.expertise)),
      ("files touched in the window", "\(report.filesTouched)"),
      ("files at risk, history", "\(report.filesAtRiskHistory)"),
      ("files at risk, simulated", "\(report.filesAtRiskSimulated) (\(change))"),
      ("review workload Gini, simulated", figure(report.workloadGini)),
      ("review workload Gini, history", figure(report.workloadGiniHistory)),
    ]
    let width = rows.map(\.0.count).max() ?? 0
    return rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }.joined(separator: "\n") + "\n"
  }

  public static func json(_ report: Backtest.Report, mode: RecommendationMode) -> String {
    JSONValue.object([
      ("mode", .string(mode.rawValue)), ("commits", .integer(report.commits)), ("evaluated", .integer(report.evaluated)),
      ("top1", .number(report.top1)), ("top3", .number(report.top3)), ("top5", .number(report.top5)), ("mrr", .number(report.mrr)),
      ("expertise", .number(report.expertise)), ("filesTouched", .integer(report.filesTouched)),
      ("filesAtRiskHistory", .integer(report.filesAtRiskHistory)), ("filesAtRiskSimulated", .integer(report.filesAtRiskSimulated)),
      ("workloadGini", .number(report.workloadGini)), ("workloadGiniHistory", .number(report.workloadGiniHistory)),
    ]).text(pretty: true) + "\n"
  }

  static func format3(_ value: Double) -> String {
    let scaled = Int((value * 1000).rounded())
    let fraction = String(scaled % 1000)
    return "\(scaled / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
  }
}
