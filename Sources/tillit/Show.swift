import ArgumentParser
import TillitCore
import TillitGit

struct Show: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show what the ledger knows about a commit, including earlier versions of the same change.",
    discussion: """
      Reviews given to an earlier version of the change (before a rebase or an amend) are found by the patch.
      Example: tillit show HEAD~2 --format json
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The commit (any revision).") var revision: String = "HEAD"
  @Option(help: "table or json.") var format: OutputFormat = .table

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let commit = try repository.commit(named: revision)
      let events = try ReviewLedger(repository: repository).history(of: commit)
      format.write(.events(events, notes: try signatureNotes(events, repository: repository)))
    }
  }
}
