import TillitCore
import TillitSystem

/// Suggested reviewers as lines for a terminal, a few lines for a hook, or JSON. Names, emails,
/// paths and reasons (which quote paths and names) come from other people's commits: the lines
/// take them only through `label`, `reasons` and `shown`, which escape their control characters.
public enum RecommendationRenderer {
  /// What the people are ranked for: reviewing a change (in a mode), or knowing some paths.
  public enum Purpose: Sendable {
    case reviewers, owners

    var heading: String { self == .reviewers ? "Reviewers for" : "Who knows" }
  }

  public static func table(_ recommendation: Recommendation, explain: Bool, style: TerminalStyle, purpose: Purpose = .reviewers) -> String {
    let change = recommendation.change
    let by = change.authorName.map { " by \(shown($0))" } ?? ""
    let mode = purpose == .reviewers ? ", mode \(recommendation.mode.rawValue)" : ""
    var lines = ["\(purpose.heading) \(shown(change.label))\(by): \(change.paths.count) file\(change.paths.count == 1 ? "" : "s")\(mode)"]
    if recommendation.reviewers.isEmpty {
      lines.append("  nobody active knows these files or their folders yet; ask a maintainer")
    }
    for (position, pick) in recommendation.reviewers.enumerated() {
      lines.append("  \(position + 1). \(style.bold(label(pick)))  \(pick.role.rawValue)")
      if explain {
        for reason in reasons(pick) { lines.append("       - \(reason)") }
        lines.append("       score \(pick.score): " + pick.parts.map { "\($0.name) \($0.value)" }.joined(separator: ", "))
      } else {
        lines.append("     " + reasons(pick).joined(separator: "; "))
      }
    }
    lines += skippedLines(recommendation)
    if !recommendation.filesAtRisk.isEmpty {
      let paths = recommendation.filesAtRisk.prefix(explain ? 50 : 3).map(TerminalText.escaped)
      let more = recommendation.filesAtRisk.count - paths.count
      lines.append("At risk (at most one active person knows them): " + paths.joined(separator: ", ") + (more > 0 ? " and \(more) more" : ""))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The few lines the post-commit hook prints.
  public static func hookLines(_ recommendation: Recommendation, recorded: Bool) -> String {
    guard !recommendation.reviewers.isEmpty else { return "" }
    var lines = ["tillit: suggested reviewers" + (recorded ? " (recorded; see tillit inbox --for EMAIL)" : "") + ":"]
    for pick in recommendation.reviewers {
      lines.append("  \(label(pick)) (\(pick.role.rawValue)): \(reasons(pick).prefix(2).joined(separator: "; "))")
    }
    lines += skippedLines(recommendation)
    if !recommendation.filesAtRisk.isEmpty {
      lines.append(
        "  \(recommendation.filesAtRisk.count) changed file\(recommendation.filesAtRisk.count == 1 ? " is" : "s are") known by at most one active person")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public static func json(_ recommendation: Recommendation) -> String {
    JSONValue.object(members(recommendation)).text(pretty: true) + "\n"
  }

  /// The JSON object's members, for a renderer that adds its own.
  static func members(_ recommendation: Recommendation) -> [(String, JSONValue)] {
    let change = recommendation.change
    var changeFields: [(String, JSONValue)] = [("label", .string(change.label))]
    if let commit = change.commit { changeFields.append(("commit", .string(commit.hex))) }
    changeFields += [
      ("author", change.author.map(JSONValue.string) ?? .null), ("authorName", change.authorName.map(JSONValue.string) ?? .null),
      ("time", .string(Timestamp.format(seconds: Int(change.time)))), ("files", .array(change.paths.map { .string($0.description) })),
    ]
    let reviewers = recommendation.reviewers.map { pick -> JSONValue in
      .object([
        ("email", .string(pick.email)), ("name", .string(pick.name)), ("role", .string(pick.role.rawValue)),
        ("score", .number(pick.score)), ("reasons", .array(pick.reasons.map(JSONValue.string))),
        ("parts", .object(pick.parts.map { ($0.name, JSONValue.number($0.value)) })),
        ("lastActive", .string(Timestamp.format(seconds: Int(pick.lastActive)))),
      ])
    }
    return [
      ("change", .object(changeFields)), ("mode", .string(recommendation.mode.rawValue)),
      ("reviewers", .array(reviewers)), ("filesAtRisk", .array(recommendation.filesAtRisk.map { .string($0.description) })),
      ("skipped", .array(recommendation.skipped.map { .object([("email", .string($0.email)), ("reason", .string($0.reason))]) })),
    ]
  }

  /// "  skipped ada@example.com: away until 2026-03-09": the people left out, and why.
  static func skippedLines(_ recommendation: Recommendation) -> [String] {
    recommendation.skipped.map { "  skipped \(shown($0.email)): \(shown($0.reason))" }
  }

  /// How a pick is named on a terminal.
  static func label(_ pick: Recommendation.Pick) -> String {
    shown(pick.name.isEmpty || pick.name == pick.email ? pick.email : "\(pick.name) <\(pick.email)>")
  }

  /// A pick's reasons as terminal lines.
  static func reasons(_ pick: Recommendation.Pick) -> [String] { pick.reasons.map(shown) }

  /// Someone else's text as one terminal line.
  static func shown(_ text: String) -> String { TerminalText.escaped(text) }
}
