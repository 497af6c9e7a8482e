import ArgumentParser
import TillitCore
import TillitGit
import TillitReport
import TillitSystem

struct Inbox: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inbox", abstract: "The changes asked of you that you have not reviewed at their newest version, oldest first, with how long each has waited.",
    discussion: """
      Each change is listed once, at its newest version (after amends and rebases), with what happened since your \
      feedback ("approved at v2; v3 changes 2 files"). A change leaves the inbox when you record feedback on its \
      newest version (tillit review); one whose versions are all on no branch is marked abandoned, and left out \
      after reviewers.abandon-after (default 14d).
      Example: tillit inbox --for bo@example.com --format json
      """)

  @OptionGroup var global: GlobalOptions
  @Option(name: .customLong("for"), help: "Whose inbox (default: your user.email, through the mailmap).") var person: String?
  @Option(help: "table or json.") var format: OutputFormat = .table

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let me = try person ?? LedgerIdentity(repository: repository).person
      let settings = try ConfigLoader(repository: repository).knowledgeSettings()
      let inbox = try ReviewLedger(repository: repository).inbox(for: me, abandonAfter: settings.abandonAfter)
      // An empty inbox for a name nobody goes by is a typo, not good news.
      if let person, inbox.entries.isEmpty {
        try KnownPeople(repository: repository, settings: settings).requireKnown([person], option: "--for", offersNewPerson: false)
      }
      let unfetched = try Self.remoteNeverFetched(repository)
      let signatures = try signatureNotes(inbox.entries.map(\.request), repository: repository)
      let now = Clock.now()
      let notes = inbox.entries.enumerated().map { index, entry in
        let waited = Timestamp.seconds(ofInstant: entry.request.at).map { max(0, now - $0) }
        var note = EventNote(
          text: waited.map { "waiting \(Waiting.describe($0))" } ?? "", fields: [("waitedSeconds", waited.map { .integer(Int($0)) } ?? .null)])
        if let signature = signatures?[index] {
          note.text += (note.text.isEmpty ? "" : "  ") + signature.text
          note.fields += signature.fields
        }
        return note
      }
      format.write(
        Rendering(
          table: { _ in InboxRenderer.table(inbox, person: me, neverFetchedFrom: unfetched, notes: notes) },
          json: { InboxRenderer.json(inbox, ledgerFetched: unfetched == nil, warnings: Diagnostics.given, notes: notes) }))
    }
  }

  /// The first remote, when this clone has remotes and has never fetched a ledger from any.
  static func remoteNeverFetched(_ repository: Repository) throws -> String? {
    let remotes = try repository.remoteNames()
    guard let first = remotes.contains("origin") ? "origin" : remotes.first else { return nil }
    return try repository.referenceNames(matching: "refs/tillit/remotes/*").isEmpty ? first : nil
  }
}
