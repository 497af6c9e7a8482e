import ArgumentParser
import TillitCore
import TillitGit

/// Options shared by the commands that read the knowledge model.
struct KnowledgeOptions: ParsableArguments {
  @Option(name: .customLong("trailer"), help: ArgumentHelp("A commit trailer naming a reviewer; repeat for several (default: reviewers.trailers, or Reviewed-by).", valueName: "key"))
  var trailers: [String] = []

  /// The repository's settings with this command's overrides.
  func settings(for repository: Repository) throws -> KnowledgeSettings {
    var settings = try ConfigLoader(repository: repository).knowledgeSettings()
    if !trailers.isEmpty { settings.trailers = trailers }
    return settings
  }
}

extension RecommendationMode: ExpressibleByArgument {}

/// Reads `YYYY-MM-DD` for --since and --until.
func parseDate(_ text: String?, option: String) throws -> Int64? {
  guard let text else { return nil }
  guard let seconds = Timestamp.seconds(ofDate: text) else {
    throw UserError.usage("\(option) takes a date like 2023-01-01, not '\(text)'")
  }
  return seconds
}
