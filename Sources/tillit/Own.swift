import ArgumentParser
import TillitCore
import TillitGit
import TillitSystem

struct Own: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "own",
    abstract: "Claim or release ownership of paths, import CODEOWNERS, or list who owns what.",
    discussion: """
      Claims are ledger events, shared with tillit ledger sync; with no PATTERN the claims in force are listed.
      --by must name people Tillit knows (from .mailmap, the history or the ledger), unless --new-person is given.
      Example: tillit own "src/ledger/**" --by ada@example.com bo@example.com -m "the ledger format"
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: "A path pattern such as src/ledger/** (none: list the claims in force).") var pattern: String?
  @Option(name: .customLong("by"), parsing: .upToNextOption, help: "The owners (emails or names).") var people: [String] = []
  @Option(name: [.customShort("m"), .customLong("message")], help: "A note on the claim.") var note: String = ""
  @Flag(help: "Let --by name people Tillit does not know yet (not in .mailmap, the history or the ledger).") var newPerson = false
  @Flag(help: "Release the claim on PATTERN.") var release = false
  @Flag(help: "Import the rules of a CODEOWNERS file (PATTERN names the file; default: CODEOWNERS, .github/ or docs/).")
  var importCodeowners = false

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let ledger = OwnershipLedger(repository: repository)
      if importCodeowners { return try importFile(repository, ledger) }
      guard let pattern else { return try list(ledger) }
      let identity = try LedgerIdentity(repository: repository)
      if release {
        try ledger.release(pattern, identity: identity)
        Output.standard("tillit: released \(pattern)\n")
        return
      }
      guard !people.isEmpty else { throw TillitError.usage("say who owns \(pattern) with --by PERSON..., or pass --release") }
      if !newPerson {
        try KnownPeople(repository: repository, settings: try ConfigLoader(repository: repository).knowledgeSettings()).requireKnown(people, option: "--by")
      }
      try ledger.claim(pattern, by: people, note: note, identity: identity)
      Output.standard("tillit: \(pattern) is owned by \(people.joined(separator: ", "))\n")
    }
  }

  private func list(_ ledger: OwnershipLedger) throws {
    let claims = try ledger.current()
    guard !claims.isEmpty else { return Output.standard("tillit: no ownership is claimed\n") }
    // The claims come from the ledger, written by anyone: shown with their controls escaped.
    let rows = claims.map { claim in
      (
        pattern: TerminalText.escaped(claim.pattern), people: TerminalText.escaped(claim.people.joined(separator: ", ")),
        note: claim.note.isEmpty ? "" : "  (\(TerminalText.escaped(claim.note)))"
      )
    }
    let width = rows.map(\.pattern.count).max() ?? 0
    for row in rows {
      Output.standard(row.pattern + String(repeating: " ", count: width - row.pattern.count) + "  " + row.people + row.note + "\n")
    }
  }

  private func importFile(_ repository: Repository, _ ledger: OwnershipLedger) throws {
    guard let workdir = repository.workdir else { throw TillitError.usage("a bare repository has no CODEOWNERS file to read") }
    let candidates = pattern.map { [$0] } ?? OwnershipLedger.codeownersFiles
    guard let file = candidates.first(where: { FileSystem.exists(workdir + $0) }) else {
      throw TillitError.usage("no CODEOWNERS file at \(candidates.joined(separator: ", ")); name one")
    }
    let rules = OwnershipLedger.codeownersRules(try FileSystem.readText(workdir + file))
    let identity = try LedgerIdentity(repository: repository)
    for rule in rules { try ledger.claim(rule.pattern, by: rule.owners, note: OwnershipLedger.importNote(file), identity: identity) }
    Output.standard("tillit: recorded \(rules.count) ownership rules from \(file)\n")
  }
}
