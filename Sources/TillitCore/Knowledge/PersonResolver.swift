import TillitGit

/// Turns the names and emails found in commits, trailers and ledger events into people:
/// `.mailmap` first, then the configured aliases; bots are recognised and left out.
public final class PersonResolver {
  private let mailmap: Mailmap?
  private let aliasOf: [String: String]
  private let bots: [Wildcard]
  private let left: Set<String>
  private var memo: [String: Identity?] = [:]

  public init(repository: Repository, settings: KnowledgeSettings) {
    mailmap = Mailmap.orWarning(repository)
    var aliasOf: [String: String] = [:]
    for (canonical, others) in settings.aliases {
      for other in others { aliasOf[other.lowercased()] = canonical.lowercased() }
    }
    self.aliasOf = aliasOf
    bots = settings.bots.map(Wildcard.init)
    left = Set(settings.left.map { $0.lowercased() })
  }

  /// The person's key (canonical email, lowercased) and name, or nil for a bot or an identity
  /// with neither name nor email.
  public func resolve(name: String, email: String) -> Identity? {
    let memoKey = name + "\u{0}" + email
    if let known = memo[memoKey] { return known }
    let identity = computeIdentity(name: name, email: email)
    memo[memoKey] = identity
    return identity
  }

  public struct Identity: Hashable, Sendable {
    public let key: String
    public let name: String
  }

  /// The people a message's reviewer trailers (keys lowercased) name, each once, bots left out.
  func reviewers(in message: String, trailers: Set<String>) -> [Identity] {
    var seen: Set<String> = []
    var result: [Identity] = []
    for trailer in CommitTrailers.parse(message, keys: trailers) {
      guard let identity = resolve(name: trailer.name, email: trailer.email), seen.insert(identity.key).inserted else { continue }
      result.append(identity)
    }
    return result
  }

  /// Whether this person (by key) has left the project.
  public func hasLeft(_ key: String) -> Bool { left.contains(key) }

  private func computeIdentity(name: String, email: String) -> Identity? {
    var mapped = (name: name, email: email)
    if let mailmap, let resolved = try? mailmap.resolve(name: name, email: email) { mapped = resolved }  // unmapped: as committed
    var key = mapped.email.lowercased()
    if key.isEmpty { key = mapped.name.lowercased() }
    guard !key.isEmpty else { return nil }
    key = aliasOf[key] ?? key
    if bots.contains(where: { $0.matches(key) || $0.matches(mapped.name) }) { return nil }
    return Identity(key: key, name: mapped.name.isEmpty ? key : mapped.name)
  }
}
