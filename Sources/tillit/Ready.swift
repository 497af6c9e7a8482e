import ArgumentParser
import TillitCore
import TillitGit
import TillitReport
import TillitSystem

struct Ready: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ready", abstract: "Whether changes are ready to ship: checks passed on their tree, approvals by people who know the files, owners.",
    discussion: """
      For each commit (HEAD, REV, or each commit of A..B): the checks of its .tillit.yml that apply passed on exactly its \
      tree (recorded by any clone or CI whose ledger was synced); approvals of this version by people who know the \
      changed files (their knowledge shown); no request for changes left standing (a newer version answers it, the \
      requester's approval lifts it); an owner's approval for each owned path; as ship.require in .tillit.yml says. \
      Exits 0 when every change is ready, 1 otherwise.
      Example: tillit ready origin/main..HEAD --format json
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: ArgumentHelp("A commit, or a range A..B (default: HEAD).", valueName: "REV | A..B")) var revision: String = "HEAD"
  @Option(help: "table or json.") var format: OutputFormat = .table

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let commits = try Self.commits(revision, in: repository)
      let config = try ConfigLoader(repository: repository).loadFromWorkTree() ?? ProjectConfig(checks: [])
      let changes = try ShipReadiness(repository: repository, policy: config.ship, settings: try ConfigLoader(repository: repository).knowledgeSettings())
        .evaluate(commits)
      format.write(Rendering(table: { _ in ReadyRenderer.table(changes) }, json: { ReadyRenderer.json(changes, warnings: Diagnostics.given) }))
      if !changes.allSatisfy(\.ready) { throw ExitCode(1) }
    }
  }

  /// The commit `text` names, or the non-merge commits of a range, oldest first.
  static func commits(_ text: String, in repository: Repository) throws -> [ObjectID] {
    guard let range = try RevisionRange.parse(text) else { return [try repository.commit(named: text, alsoAccepted: "a range A..B")] }
    let (from, to) = try repository.commits(of: range)
    var commits: [ObjectID] = []
    try repository.walk(WalkSpec(include: [to], exclude: [from], oldestFirst: true)) { id in
      if try repository.commit(id).parents.count <= 1 { commits.append(id) }
      return true
    }
    return commits
  }
}
