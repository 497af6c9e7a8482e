import ArgumentParser
import TillitCore
import TillitGit
import TillitSystem

struct Away: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "away",
    abstract: "Say in the ledger that you are away: suggestions skip you (and say so) until you are back.",
    discussion: """
      Recorded in the ledger's ownership stream, so every clone knows after tillit ledger sync. With --until, you count as back from that day on.
      Example: tillit away --until 2026-03-09 -m "at a conference"
      """)

  @OptionGroup var global: GlobalOptions
  @Option(help: ArgumentHelp("The day you are back (default: until tillit back).", valueName: "YYYY-MM-DD")) var until: String?
  @Option(name: [.customShort("m"), .customLong("message")], help: "A note for the people who would have asked you.") var note: String = ""

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      if let back = try parseDate(until, option: "--until"), back <= Clock.now() {
        throw TillitError.usage("--until \(until ?? "") has already come; give a later day, or leave --until out")
      }
      let identity = try LedgerIdentity(repository: repository)
      try AvailabilityLedger(repository: repository).record(.away, until: until, note: note, identity: identity)
      Output.standard(
        "tillit: \(TerminalText.escaped(identity.person)) is away\(until.map { " until \($0)" } ?? ""); suggestions skip you until then (share it with tillit ledger sync)\n"
      )
    }
  }
}

struct Back: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "back", abstract: "Say in the ledger that you are back: suggestions include you again.",
    discussion: """
      Ends what tillit away recorded, in every clone that syncs.
      Example: tillit back
      """)

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let identity = try LedgerIdentity(repository: repository)
      try AvailabilityLedger(repository: repository).record(.back, until: nil, note: "", identity: identity)
      Output.standard("tillit: \(TerminalText.escaped(identity.person)) is back\n")
    }
  }
}
