import ArgumentParser
import TillitCore
import TillitGit

struct Request: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "request", abstract: "Ask people to review a commit; it appears in their tillit inbox.",
    discussion: """
      The request is a ledger event; tillit ledger sync shares it. --to must name people Tillit knows (from .mailmap, the history or the ledger), unless --new-person is given.
      Example: tillit request HEAD --to bo@example.com carol@example.com -m "the retry loop"
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The commit to review (any revision).") var revision: String = "HEAD"
  @Option(name: .customLong("to"), parsing: .upToNextOption, help: "The reviewers' emails.") var reviewers: [String] = []
  @Option(name: [.short, .customLong("message")], help: "What to look at.") var message: String = ""
  @Flag(help: "Let --to name people Tillit does not know yet (not in .mailmap, the history or the ledger).") var newPerson = false

  func validate() throws {
    if reviewers.isEmpty { throw ValidationError("name at least one reviewer with --to EMAIL") }
  }

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let commit = try repository.commit(named: revision)
      if !newPerson {
        try KnownPeople(repository: repository, settings: try ConfigLoader(repository: repository).knowledgeSettings()).requireKnown(reviewers, option: "--to")
      }
      try ReviewLedger(repository: repository).requestReview(
        of: commit, fromEmails: reviewers, message: message, identity: try LedgerIdentity(repository: repository))
      Output.standard("tillit: asked \(reviewers.joined(separator: ", ")) to review \(commit.hex.prefix(12))\n")
    }
  }
}
