import ArgumentParser
import TillitCore
import TillitGit
import TillitReport
import TillitSystem

struct People: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "people", abstract: "List people as the knowledge model sees them and suggest .mailmap lines that merge duplicates.",
    discussion: """
      A name under several emails is suggested as one person only with evidence: the same local part, files \
      in common, or one email taking over from the other in a folder both worked in. Two people who share a \
      name and work at the same time in unrelated folders are left apart.
      --apply appends every suggested line --suggest shows to the working tree's .mailmap (made when missing, \
      lines it holds already left out) and commits nothing: review it with git diff, drop what you do not \
      accept, and commit.
      Example: tillit people --suggest
      """)

  @OptionGroup var global: GlobalOptions
  @Flag(help: "Show the probable duplicates, their evidence and the .mailmap lines.") var suggest = false
  @Flag(help: "Append the suggested lines to .mailmap.") var apply = false
  @Option(help: "table or json.") var format: OutputFormat = .table
  @OptionGroup var knowledge: KnowledgeOptions

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let base = KnowledgeBase(repository: repository, settings: try knowledge.settings(for: repository))
      let review = try PeopleReview(base: base)
      if apply {
        guard !review.lines.isEmpty else {
          Output.standard("No probable duplicates to add; .mailmap is left as it is.\n")
          return
        }
        let added = try PeopleReview.append(review.lines, to: repository)
        Output.standard(
          added.isEmpty
            ? ".mailmap already holds every suggested line; nothing to add.\n"
            : "Added to .mailmap (review with git diff, then commit):\n" + added.map { TerminalText.escaped($0) + "\n" }.joined())
        return
      }
      format.write(Rendering(table: { _ in PeopleRenderer.table(review, suggestions: suggest) }, json: { PeopleRenderer.json(review) }))
    }
  }
}
