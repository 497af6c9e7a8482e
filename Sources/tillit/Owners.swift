import ArgumentParser
import TillitCore
import TillitGit

struct Owners: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "owners", abstract: "Show who owns these files or folders: the claimed owners, then who knows them, ranked, with the reasons.",
    discussion: """
      Claimed owners come from tillit own (ledger claims, CODEOWNERS imported with --import-codeowners); beside each, what the history says they know of the files.
      Knowledge comes from who changed and reviewed the files, fading with time.
      Example: tillit owners src/ledger --count 3 --explain
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Files or folders (relative to the current directory).") var paths: [String]
  @Option(help: "How many people to list.") var count = 5
  @Option(help: "table or json.") var format: OutputFormat = .table
  @Flag(help: "Show every reason and the parts of each score.") var explain = false
  @OptionGroup var knowledge: KnowledgeOptions

  func validate() throws {
    if paths.isEmpty { throw ValidationError("name at least one file or folder") }
    if !(1...100).contains(count) { throw ValidationError("--count must be between 1 and 100") }
  }

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let relative = try paths.map { typed -> RepoPath in
        repository.workdir == nil ? RepoPath(typed) : try RepositoryPath.relative(typed, in: repository)
      }
      let base = KnowledgeBase(repository: repository, settings: try knowledge.settings(for: repository))
      let owners = try PathOwners(base: base, claims: try PathClaims(repository: repository)).rank(relative, count: count)
      format.write(.owners(owners, explain: explain))
    }
  }
}
