import TillitCore
import TillitReport
import TillitSystem

/// The results several commands print, each once for every `--format`.
extension Rendering {
  /// Ledger events (`show`, `ledger log`, `inbox`); `whenEmpty` is the table's line for none.
  /// The JSON carries the warnings given while reading them (`Diagnostics.given`).
  /// `notes`, one per event, add to each line (a signature's status, how long a request waited).
  static func events(_ events: [LedgerEvent], whenEmpty: String? = nil, notes: [EventNote]? = nil) -> Rendering {
    Rendering(
      table: { _ in
        if events.isEmpty, let whenEmpty { return [Array(whenEmpty.utf8)] }
        return LedgerRenderers.table(events, notes: notes)
      },
      json: { LedgerRenderers.json(events, warnings: Diagnostics.given, notes: notes) })
  }

  /// Ranked people (`reviewers`), with every reason and the scores' parts when `explain`.
  static func recommendation(_ recommendation: Recommendation, explain: Bool, purpose: RecommendationRenderer.Purpose) -> Rendering {
    Rendering(
      table: { RecommendationRenderer.table(recommendation, explain: explain, style: $0, purpose: purpose) },
      json: { RecommendationRenderer.json(recommendation) })
  }

  /// `owners`: the claimed owners with their knowledge, then the people who know the paths.
  static func owners(_ result: PathOwners.Result, explain: Bool) -> Rendering {
    Rendering(table: { OwnersRenderer.table(result, explain: explain, style: $0) }, json: { OwnersRenderer.json(result) })
  }

  static func backtest(_ report: Backtest.Report, mode: RecommendationMode) -> Rendering {
    Rendering(table: { _ in BacktestRenderer.table(report, mode: mode) }, json: { BacktestRenderer.json(report, mode: mode) })
  }
}
