import ArgumentParser
import TillitCore
import TillitGit
import TillitSystem

struct LedgerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ledger", abstract: "Read and check the ledger kept in this repository.",
    discussion: """
      The ledger is kept in refs/tillit/v1/ (reviews, checks, ownership), shared through a remote with tillit ledger sync.
      Example: tillit ledger log --stream reviews
      """,
    subcommands: [Log.self, Verify.self, Sync.self, ImportTrailers.self])

  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "log", abstract: "List the events of the ledger, oldest first.",
      discussion: """
        Events of several streams are merged into one order.
        Example: tillit ledger log --stream checks --format json
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Which stream to list (default: all).") var stream: LedgerStream?
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() throws {
      try reportingErrors {
        let repository = try global.openRepository()
        let streams = stream.map { [$0] } ?? LedgerStream.allCases
        let store = LedgerStore(repository: repository)
        var events: [LedgerEvent] = []
        var streamsWithEvents = 0
        for stream in streams {
          let read = try store.read(stream)
          if !read.isEmpty { streamsWithEvents += 1 }
          if events.isEmpty { events = read } else { events += read }
        }
        // Each stream is read in order; several are merged into one order.
        if streamsWithEvents > 1 { LedgerEvent.order(&events) }
        format.write(.events(events))
      }
    }
  }

  struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sync",
      abstract: "Fetch the remote's ledger, merge it with this clone's, and push the result (never forced).",
      discussion: """
        Two clones that recorded events at the same time both keep them: the merge is a union.
        Example: tillit ledger sync upstream
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The remote to share the ledger through.") var remote: String = "origin"

    func run() throws {
      try reportingErrors {
        let repository = try global.openRepository()
        guard try repository.remoteNames().contains(remote) else {
          throw TillitError.usage("there is no remote named '\(remote)'; the remotes are: \(try repository.remoteNames().joined(separator: ", "))")
        }
        let summary = try LedgerSync(repository: repository).sync(remote: remote)
        func streams(_ list: [LedgerStream]) -> String { list.isEmpty ? "nothing" : list.map(\.rawValue).joined(separator: ", ") }
        let merged = summary.merged.isEmpty ? "nothing new to merge" : "merged \(streams(summary.merged))"
        Output.standard(
          "tillit: ledger in sync with \(remote): fetched \(streams(summary.fetched)); \(merged); pushed \(streams(summary.pushed)) (\(summary.rounds) round\(summary.rounds == 1 ? "" : "s"))\n"
        )
      }
    }
  }

  struct ImportTrailers: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import-trailers",
      abstract: "Record review history from commit trailers such as Reviewed-by (running it again adds nothing).",
      discussion: """
        Each trailer naming a person becomes a review of its commit in the ledger.
        Example: tillit ledger import-trailers --trailer Reviewed-by --trailer Acked-by --since 2025-01-01
        """)

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("trailer"), help: "A trailer to import; repeat for more (default: Reviewed-by).") var trailers: [String] = []
    @Option(help: ArgumentHelp("Only commits made on or after this date.", valueName: "YYYY-MM-DD")) var since: String?

    func run() throws {
      try reportingErrors {
        let repository = try global.openRepository()
        let sinceSeconds = try parseDate(since, option: "--since")
        let keys = trailers.isEmpty ? ["Reviewed-by"] : trailers
        let summary = try TrailerImport(repository: repository).run(keys: keys, since: sinceSeconds)
        let (commits, trailers, added) = (summary.commits, summary.trailers, summary.added)
        Output.standard(
          "tillit: read \(commits) commit\(commits == 1 ? "" : "s"), found \(trailers) \(keys.joined(separator: "/")) trailer\(trailers == 1 ? "" : "s"), recorded \(added) new event\(added == 1 ? "" : "s")\n"
        )
      }
    }
  }

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify", abstract: "Check that every event parses, every signature matches its event and every stream can be read; exit 1 otherwise.",
      discussion: """
        Each damaged event or stream is listed on a line of its own, starting with "damaged:"; a signed event changed after it was signed reads "bad signature".
        Example: tillit ledger verify --repo ~/src/project
        """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
      try reportingErrors {
        let verification = try LedgerStore(repository: try global.openRepository()).verify()
        guard verification.problems.isEmpty else {
          verification.problems.forEach { Output.standard("damaged: \(TerminalText.escaped($0))\n") }
          throw ExitCode(1)
        }
        let (verified, unverified) = (verification.signatures[.verified] ?? 0, verification.signatures[.unverified] ?? 0)
        let signed = verified + unverified == 0 ? "" : " (signed events: \(verified) verified, \(unverified) unverified)"
        Output.standard("tillit: the ledger verifies\(signed)\n")
      }
    }
  }
}
