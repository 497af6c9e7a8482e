import ArgumentParser
import TillitCore
import TillitGit
import TillitSystem

struct Review: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review", abstract: "Record review feedback on a commit in the ledger.",
    discussion: """
      Give exactly one verdict; --file and --line anchor a comment to a line, found again after later edits.
      Example: tillit review HEAD~1 --request-changes -m "the last line is dropped" --file src/parse.c --line 42
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The commit reviewed (any revision: HEAD~1, a branch, an id).") var revision: String
  @Flag var verdict: ReviewLedger.Verdict?
  @Option(name: [.short, .customLong("message")], help: "What you have to say.") var message: String = ""
  @Option(help: "A file of the commit the comment is about.") var file: String?
  @Option(help: "The line of --file the comment is about.") var line: Int?

  func validate() throws {
    if (file == nil) != (line == nil) { throw ValidationError("--file and --line go together") }
  }

  func run() throws {
    try reportingErrors {
      guard let verdict else {
        throw TillitError.usage("say what you make of the commit: give one of --approve, --request-changes and --comment (with -m MESSAGE)")
      }
      let repository = try global.openRepository()
      let commit = try repository.commit(named: revision)
      let anchor = try file.map { ReviewLedger.Anchor(path: try RepositoryPath.relative($0, in: repository), line: line ?? 0) }
      let event = try ReviewLedger(repository: repository).recordFeedback(
        on: commit, verdict: verdict, message: message, anchor: anchor, identity: try LedgerIdentity(repository: repository))
      Output.standard("tillit: recorded \(verdict.rawValue) on \(commit.hex.prefix(12)) (event \(event.id?.hex.prefix(12) ?? ""))\n")
    }
  }
}
