import ArgumentParser
import TillitCore
import TillitGit
import TillitSystem

struct Reviewers: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reviewers",
    abstract: "Suggest reviewers for a commit, a range or what is staged, by knowledge spread.",
    discussion: """
      With no argument, suggests for HEAD. Every pick says why; --explain adds the score's parts.
      Example: tillit reviewers main..feature --count 3 --mode spread --explain
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: "A commit (HEAD, an id, a branch) or a range A..B.") var revision: String?
  @Flag(help: "Suggest for what is staged instead of a commit.") var staged = false
  @Option(help: "How many reviewers (default: reviewers.count, or 2).") var count: Int?
  @Option(help: "expert, spread or auto (default: reviewers.mode, or auto).") var mode: RecommendationMode?
  @Option(help: "table or json.") var format: OutputFormat = .table
  @Flag(help: "Show every reason and the parts of each score.") var explain = false
  @OptionGroup var knowledge: KnowledgeOptions

  func validate() throws {
    if staged && revision != nil { throw ValidationError("give a revision or --staged, not both") }
    if let count, !(1...50).contains(count) { throw ValidationError("--count must be between 1 and 50") }
  }

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let settings = try knowledge.settings(for: repository)
      let suggestion = ReviewerSuggestion(repository: repository, settings: settings)
      let target: ReviewerSuggestion.Target = staged ? .staged : .revision(revision ?? "HEAD")
      if case .revision = target, try repository.headCommitID() == nil {
        throw TillitError.usage("this repository has no commits yet; commit first, or use --staged")
      }
      let result = try suggestion.suggest(target, mode: mode ?? settings.mode, count: count ?? settings.count)
      format.write(.recommendation(result.recommendation, explain: explain, purpose: .reviewers))
    }
  }
}
