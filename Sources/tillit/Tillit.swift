import ArgumentParser

struct Tillit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tillit",
    abstract:
      "Runs your project's checks on exactly what is staged, keeps review feedback in a ledger inside the repository, suggests reviewers by knowledge spread and audits how knowledge is spread.",
    discussion: HelpText.rootDiscussion,
    version: "0.1.0",
    subcommands: [
      Check.self, Install.self, Uninstall.self, Init.self, Trust.self, Review.self, Request.self, Inbox.self, Ready.self, Show.self, Own.self, Away.self,
      Back.self, LedgerCommand.self, Reviewers.self, Owners.self, People.self, BacktestCommand.self, AuditCommand.self, Snapshots.self,
    ])
}
