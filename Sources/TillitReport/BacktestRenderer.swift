import TillitCore
import TillitSystem

/// The backtest's figures as a short table or as JSON, with a row per quarter when asked.
public enum BacktestRenderer {
  /// Why there are no figures, when no commit in the window was scored; nil when some were.
  public static func nothingToScore(_ report: Backtest.Report) -> String? {
    guard report.evaluated == 0 else { return nil }
    return
      "replayed \(report.commits) commit\(report.commits == 1 ? "" : "s"); none in the window names a reviewer in its trailers, so there is nothing to score (--trailer KEY reads other trailers, --since DATE widens the window)"
  }

  public static func table(_ report: Backtest.Report, mode: RecommendationMode) -> String {
    func figure(_ value: Double) -> String { format3(value) }
    let change = percentChange(from: report.filesAtRiskHistory, to: report.filesAtRiskSimulated)
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
      ("review workload Gini, history", figure(report.workloadGiniHistory)),
      ("review workload Gini, simulated", figure(report.workloadGini)),
      ("top-\(Backtest.topReviewers) reviewers' share, history", figure(report.topReviewersShareHistory)),
      ("top-\(Backtest.topReviewers) reviewers' share, simulated", figure(report.topReviewersShareSimulated)),
      ("reviews learners added", "\(report.reviewsAdded)"),
    ]
    let width = rows.map(\.0.count).max() ?? 0
    let summary = rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }.joined(separator: "\n") + "\n"
    return report.quarters.isEmpty ? summary : summary + "\n" + quarterTable(report.quarters)
  }

  /// One row per quarter; each pair reads history → simulated. A quarter without a scored
  /// change has no accuracy, expertise or workload ("-").
  static func quarterTable(_ quarters: [Backtest.QuarterFigures]) -> String {
    let header = ["quarter", "evaluated", "top-3", "expertise", "files at risk", "workload Gini", "top-\(Backtest.topReviewers) share"]
    let rows = quarters.map { row in
      guard row.evaluated > 0 else {
        return [row.quarter, "0", "-", "-", "\(row.filesAtRiskHistory) → \(row.filesAtRiskSimulated)", "-", "-"]
      }
      return [
        row.quarter, "\(row.evaluated)", format3(row.top3), format3(row.expertise),
        "\(row.filesAtRiskHistory) → \(row.filesAtRiskSimulated)",
        "\(format3(row.workloadGiniHistory)) → \(format3(row.workloadGiniSimulated))",
        "\(format3(row.topReviewersShareHistory)) → \(format3(row.topReviewersShareSimulated))",
      ]
    }
    let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { column, cell in
        let pad = String(repeating: " ", count: widths[column] - cell.count)
        return column == 0 ? cell + pad : pad + cell
      }.joined(separator: "  ") + "\n"
    }
    return "per quarter (history → simulated):\n" + line(header) + rows.map(line).joined()
  }

  /// "-33%": the change from `before` to `after`, or "n/a" from nothing.
  static func percentChange(from before: Int, to after: Int) -> String {
    before == 0 ? "n/a" : "\(Int((Double(after - before) / Double(before) * 100).rounded()))%"
  }

  public static func json(_ report: Backtest.Report, mode: RecommendationMode) -> String {
    var fields: [(String, JSONValue)] = [
      ("mode", .string(mode.rawValue)), ("commits", .integer(report.commits)), ("evaluated", .integer(report.evaluated)),
      ("top1", .number(report.top1)), ("top3", .number(report.top3)), ("top5", .number(report.top5)), ("mrr", .number(report.mrr)),
      ("expertise", .number(report.expertise)), ("filesTouched", .integer(report.filesTouched)),
      ("filesAtRiskHistory", .integer(report.filesAtRiskHistory)), ("filesAtRiskSimulated", .integer(report.filesAtRiskSimulated)),
      ("workloadGini", .number(report.workloadGini)), ("workloadGiniHistory", .number(report.workloadGiniHistory)),
      ("topReviewersShareHistory", .number(report.topReviewersShareHistory)),
      ("topReviewersShareSimulated", .number(report.topReviewersShareSimulated)), ("reviewsAdded", .integer(report.reviewsAdded)),
    ]
    if !report.quarters.isEmpty { fields.append(("byQuarter", .array(report.quarters.map(quarterJSON)))) }
    return JSONValue.object(fields).text(pretty: true) + "\n"
  }

  /// A quarter's figures; those of scored changes are null when it had none.
  static func quarterJSON(_ row: Backtest.QuarterFigures) -> JSONValue {
    func scored(_ value: Double) -> JSONValue { row.evaluated == 0 ? .null : .number(value) }
    return .object([
      ("quarter", .string(row.quarter)), ("end", .string(Timestamp.format(seconds: Int(row.end)))),
      ("evaluated", .integer(row.evaluated)), ("top3", scored(row.top3)), ("expertise", scored(row.expertise)),
      ("filesTouched", .integer(row.filesTouched)),
      ("filesAtRiskHistory", .integer(row.filesAtRiskHistory)), ("filesAtRiskSimulated", .integer(row.filesAtRiskSimulated)),
      ("workloadGiniHistory", scored(row.workloadGiniHistory)), ("workloadGiniSimulated", scored(row.workloadGiniSimulated)),
      ("topReviewersShareHistory", scored(row.topReviewersShareHistory)),
      ("topReviewersShareSimulated", scored(row.topReviewersShareSimulated)),
    ])
  }

  static func format3(_ value: Double) -> String {
    let scaled = Int((value * 1000).rounded())
    let fraction = String(scaled % 1000)
    return "\(scaled / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
  }
}
