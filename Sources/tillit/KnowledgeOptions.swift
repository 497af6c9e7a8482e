import ArgumentParser
import TillitCore
import TillitGit
import TillitSystem

/// Options shared by the commands that read the knowledge model.
struct KnowledgeOptions: ParsableArguments {
  @Option(
    name: .customLong("trailer"),
    help: ArgumentHelp("A commit trailer naming a reviewer; repeat for several (default: reviewers.trailers, or Reviewed-by).", valueName: "key"))
  var trailers: [String] = []

  /// The repository's settings with this command's overrides.
  func settings(for repository: Repository) throws -> KnowledgeSettings {
    var settings = try ConfigLoader(repository: repository).knowledgeSettings()
    if !trailers.isEmpty { settings.trailers = trailers }
    return settings
  }
}

extension RecommendationMode: ExpressibleByArgument {}
extension Backtest.Learners: ExpressibleByArgument {}

/// Reads `YYYY-MM-DD` for --since and --until. A day the calendar does not have (2023-02-31)
/// is refused, naming the day that exists nearest to it.
func parseDate(_ text: String?, option: String) throws -> Int64? {
  guard let text else { return nil }
  if let seconds = Timestamp.seconds(ofDate: text) { return seconds }
  guard let written = CivilDate(shapeOf: text) else {
    throw TillitError.usage("\(option) takes a date like 2023-01-01, not '\(text)'")
  }
  let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
  let reason =
    (1...12).contains(written.month)
    ? "\(months[Int(written.month) - 1]) \(written.year) has \(CivilDate.days(inMonth: written.month, of: written.year)) days"
    : "there is no month \(written.month)"
  throw TillitError.usage("\(option) \(text) is not a day of the calendar (\(reason)); write one that exists, like \(written.nearestThatExists.text)")
}
