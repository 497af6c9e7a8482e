import ArgumentParser
import TillitCore
import TillitGit
import TillitReport

struct Inbox: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inbox", abstract: "The reviews asked of you that you have not given yet, oldest first, with how long each has waited.",
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
      let signatures = try signatureNotes(requests, repository: repository)
      let now = Clock.now()
      let notes = requests.enumerated().map { index, request in
        let waited = Timestamp.seconds(ofInstant: request.at).map { max(0, now - $0) }
        var note = EventNote(text: waited.map { "waiting \(Waiting.describe($0))" } ?? "", fields: [("waitedSeconds", waited.map { .integer(Int($0)) } ?? .null)])
        if let signature = signatures?[index] {
          note.text += (note.text.isEmpty ? "" : "  ") + signature.text
          note.fields += signature.fields
        }
        return note
      }
      format.write(.events(requests, whenEmpty: "tillit: no reviews waiting for \(TerminalText.escaped(me))\n", notes: notes))
    }
  }
}
