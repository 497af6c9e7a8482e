import ArgumentParser
import TillitCore
import TillitGit
import TillitReport
import TillitSystem

struct BacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Replay the history and score the suggestions against the reviewers named in commit trailers.",
    discussion: """
      Each commit with a Reviewed-by (or --trailer) trailer is replayed with the history before it, and the suggestion is scored against who reviewed it.
      With --by-quarter, the scores, files at risk and workload per calendar quarter show the trend.
      Example: tillit backtest --since 2025-06-01 --mode auto --trailer Acked-by --by-quarter

      --policy varies the spread policy (which changes get a learner in auto and spread, and who), KEY=NUMBER,... over the standard one:
      """ + "\n" + SpreadPolicy.keys.map { "- \($0.name) (standard \($0.standard)): \($0.meaning)" }.joined(separator: "\n"))

  @OptionGroup var global: GlobalOptions
  @OptionGroup var knowledge: KnowledgeOptions
  @Option(help: "Evaluate commits made on or after this date (YYYY-MM-DD).") var since: String?
  @Option(help: "Stop at commits made on or after this date (YYYY-MM-DD).") var until: String?
  @Option(help: "expert, spread or auto.") var mode: RecommendationMode = .expert
  @Option(help: "table or json.") var format: OutputFormat = .table
  @Flag(help: "Also show the figures per calendar quarter of the window (JSON: byQuarter).") var byQuarter = false
  @Option(help: "Vary the spread policy: KEY=NUMBER,... (the keys are listed above).") var policy: String?
  @Option(
    help: "How a suggested learner enters the simulated history: join (beside the actual reviewers, who stand for the expert) or replace (one of them).")
  var learners: Backtest.Learners = .join

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      var options = Backtest.Options()
      options.since = try parseDate(since, option: "--since")
      options.until = try parseDate(until, option: "--until")
      options.mode = mode
      options.byQuarter = byQuarter
      options.learners = learners
      if let policy { options.spread = try SpreadPolicy(parsing: policy) }
      let base = KnowledgeBase(repository: repository, settings: try knowledge.settings(for: repository))
      let report = try Backtest(base: base, options: options).run()
      // Figures of zero would read as a recommender that never hits: in either format, say why.
      if let reason = BacktestRenderer.nothingToScore(report) { throw TillitError.usage(reason) }
      format.write(.backtest(report, mode: mode))
    }
  }
}
