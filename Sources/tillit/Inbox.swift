import ArgumentParser
import TillitCore
import TillitGit

struct Inbox: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inbox", abstract: "The reviews asked of you that you have not given yet, oldest first.",
    discussion: """
      A request leaves the inbox when you record feedback on its commit (tillit review).
      Example: tillit inbox --for bo@example.com --format json
      """)

  @OptionGroup var global: GlobalOptions
  @Option(name: .customLong("for"), help: "Whose inbox (default: your user.email, through the mailmap).") var person: String?
  @Option(help: "table or json.") var format: OutputFormat = .table

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let me = try person ?? LedgerIdentity(repository: repository).person
      let requests = try ReviewLedger(repository: repository).inbox(for: me)
      format.write(.events(requests, whenEmpty: "tillit: no reviews waiting for \(TerminalText.escaped(me))\n"))
    }
  }
}
