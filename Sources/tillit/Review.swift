import ArgumentParser
import TillitCore
import TillitGit

struct Review: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review", abstract: "Record review feedback on a commit in the ledger.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The commit reviewed (any revision: HEAD~1, a branch, an id).") var revision: String
  @Flag(help: "Approve the change.") var approve = false
  @Flag(help: "Ask for changes.") var requestChanges = false
  @Flag(help: "Comment without a verdict.") var comment = false
  @Option(name: [.short, .customLong("message")], help: "What you have to say.") var message: String = ""
  @Option(help: "A file of the commit the comment is about.") var file: String?
  @Option(help: "The line of --file the comment is about.") var line: Int?

  func validate() throws {
    if [approve, requestChanges, comment].filter({ $0 }).count != 1 {
      throw ValidationError("choose one of --approve, --request-changes and --comment")
    }
    if (file == nil) != (line == nil) { throw ValidationError("--file and --line go together") }
  }

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let commit = try repository.commit(named: revision)
      let verdict: ReviewLedger.Verdict = approve ? .approve : requestChanges ? .changesRequested : .comment
      let anchor = try file.map { ReviewLedger.Anchor(path: try RepositoryPath.relative($0, in: repository), line: line ?? 0) }
      let event = try ReviewLedger(repository: repository).recordFeedback(
        on: commit, verdict: verdict, message: message, anchor: anchor, identity: try LedgerIdentity(repository: repository))
      Output.standard("tillit: recorded \(verdict.rawValue) on \(commit.hex.prefix(12)) (event \(event.id?.hex.prefix(12) ?? ""))\n")
    }
  }
}
