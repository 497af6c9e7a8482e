import TillitCore
import TillitSystem

/// `tillit owners`: the owners the claims name, each marked as claimed, with where the claim
/// comes from and what the history says of them for these files; then the people who know the
/// files (`RecommendationRenderer`). Owners, names and patterns come from other people's ledger
/// events and commits: every line takes them through `shown`, which escapes control characters.
public enum OwnersRenderer {
  public static func table(_ result: PathOwners.Result, explain: Bool, style: TerminalStyle) -> String {
    let files = result.ranked.change.paths.count
    var lines: [String] = []
    if result.claimed.isEmpty {
      lines.append("Claimed owners: none; no claim covers \(files == 1 ? "this file" : "these \(files) files") (tillit own PATTERN --by PERSON claims paths)")
    } else {
      lines.append("Claimed owners of \(shown(result.ranked.change.label)): \(result.ownedFiles) of \(files) file\(files == 1 ? "" : "s") owned")
    }
    for (position, owner) in result.claimed.enumerated() {
      lines.append("  \(position + 1). \(style.bold(shown(label(owner))))  claimed")
      for claim in owner.claims { lines.append("     " + shown(PathClaims.reason(for: claim))) }
      lines.append("     " + shown(knowledge(owner)))
    }
    lines.append("")
    return lines.joined(separator: "\n") + "\n" + RecommendationRenderer.table(result.ranked, explain: explain, style: style, purpose: .owners)
  }

  public static func json(_ result: PathOwners.Result) -> String {
    let claimed = result.claimed.map { owner -> JSONValue in
      let person: (key: String, name: String)? = {
        if case .person(let key, let name) = owner.identity { return (key, name) }
        return nil
      }()
      return .object([
        ("owner", .string(owner.owner)), ("kind", .string(kind(owner.identity))),
        ("email", person.map { .string($0.key) } ?? .null), ("name", person.map { .string($0.name) } ?? .null),
        ("claimed", .bool(true)), ("files", .integer(owner.files)),
        ("claims", .array(owner.claims.map(claimJSON))),
        (
          "knowledge",
          owner.knowledge.map { known in
            .object([
              ("knows", .integer(known.knows)), ("changes", .integer(known.changes)), ("reviews", .integer(known.reviews)),
              ("lastTouched", known.lastTouched.map { .string(Timestamp.format(seconds: Int($0))) } ?? .null),
            ])
          } ?? .null
        ),
        ("summary", .string(knowledge(owner))), ("status", owner.status.map(JSONValue.string) ?? .null),
      ])
    }
    let members: [(String, JSONValue)] = [("claimed", .array(claimed)), ("ownedFiles", .integer(result.ownedFiles))]
    return JSONValue.object(members + RecommendationRenderer.members(result.ranked)).text(pretty: true) + "\n"
  }

  /// A claim as JSON: its pattern and owners, and where it comes from.
  public static func claimJSON(_ claim: OwnershipLedger.Claim) -> JSONValue {
    .object([
      ("pattern", .string(claim.pattern)), ("people", .array(claim.people.map(JSONValue.string))),
      ("source", .string(claim.importedFrom == nil ? "ledger" : "codeowners")), ("file", claim.importedFrom.map(JSONValue.string) ?? .null),
      ("by", .string(claim.by)), ("at", .string(claim.at)), ("note", .string(claim.note)), ("reason", .string(PathClaims.reason(for: claim))),
    ])
  }

  static func kind(_ identity: OwnerIdentity) -> String {
    switch identity {
    case .person: return "person"
    case .handle: return "handle"
    case .unknownName: return "unknown-name"
    case .bot: return "bot"
    }
  }

  static func label(_ owner: ClaimedOwner) -> String {
    guard case .person(let key, let name) = owner.identity, !name.isEmpty, name != key else { return owner.owner }
    return "\(name) <\(key)>"
  }

  /// What the history says of an owner for the files they own, in words.
  static func knowledge(_ owner: ClaimedOwner) -> String {
    let status = owner.status.map { "; \($0)" } ?? ""
    let files = owner.files == 1 ? "the file they own" : "the \(owner.files) files they own"
    switch owner.identity {
    case .handle:
      return "a handle no people.aliases entry maps to a person: the history cannot say what they know"
    case .unknownName:
      return "no one in the history goes by this name: the history cannot say what they know"
    case .bot:
      return "a bot (people.bots)"
    case .person:
      guard let known = owner.knowledge, known.changes + known.reviews > 0 else {
        return "history: no change or review of \(files)" + status
      }
      let last = known.lastTouched.map { "; last \(Timestamp.format(seconds: Int($0)).prefix(10))" } ?? ""
      let counts = "\(known.changes) change\(known.changes == 1 ? "" : "s"), \(known.reviews) review\(known.reviews == 1 ? "" : "s")"
      return "history: knows \(known.knows) of \(owner.files) file\(owner.files == 1 ? "" : "s") they own (\(counts)\(last))" + status
    }
  }

  static func shown(_ text: String) -> String { TerminalText.escaped(text) }
}
