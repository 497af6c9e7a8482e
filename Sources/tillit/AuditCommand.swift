import ArgumentParser
import TillitCore
import TillitGit
import TillitReport
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Show how knowledge, reviews and check feedback are spread: truck factor, files at risk, reviewer load, trend.",
    discussion: """
      Reads the history up to HEAD and the ledger; --since narrows the reviews, checks and trend to a window.
      Example: tillit audit --path src/ --since 2025-01-01 --format html --out audit.html
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json, html
  }

  @OptionGroup var global: GlobalOptions
  @Option(help: "The window for reviews, checks and the trend (YYYY-MM-DD; default: two years).") var since: String?
  @Option(help: "Only files under this folder count.") var path: String?
  @Option(help: "table, json or html.") var format: Format = .table
  @Option(help: "Write to this file instead of standard output.") var out: String?
  @OptionGroup var knowledge: KnowledgeOptions

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      var options = Audit.Options()
      options.since = try parseDate(since, option: "--since")
      if let path {
        options.path = repository.workdir == nil ? RepoPath(path) : try RepositoryPath.relative(path, in: repository)
      }
      let base = KnowledgeBase(repository: repository, settings: try knowledge.settings(for: repository))
      let report = try Audit(base: base).run(options)
      let text: String
      switch format {
      case .table: text = AuditTable.render(report, style: out == nil ? Output.style(for: STDOUT_FILENO) : TerminalStyle(colour: false))
      case .json: text = AuditJSON.render(report)
      case .html: text = AuditHTML.render(report)
      }
      if let out {
        try FileSystem.writeAtomically(Array(text.utf8), to: out)
        Output.error("tillit: wrote \(out)\n")
      } else {
        Output.standard(text)
      }
    }
  }
}
