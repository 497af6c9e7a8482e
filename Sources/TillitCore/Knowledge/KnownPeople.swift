import TillitGit
import TillitSystem

/// The people a repository knows of, to catch a mistyped owner or reviewer before it is
/// recorded: the names and emails of `.mailmap`, the history's authors, committers and
/// reviewer trailers, the ledger's events (who wrote them, who was asked, who owns what, who is
/// away) and the person recording. An email counts through `.mailmap` and `people.aliases`; a
/// `@handle` only when an alias maps it to an email or the ledger already names it (an imported
/// CODEOWNERS rule). The sources are read cheapest first, and only until everyone is found.
public struct KnownPeople {
  let repository: Repository
  let resolver: PersonResolver
  let trailers: Set<String>
  private var emails: Set<String> = []
  private var names: Set<String> = []
  /// Every email and name seen, as written, for suggestions.
  private var seen: [String] = []

  public init(repository: Repository, settings: KnowledgeSettings) {
    self.repository = repository
    resolver = PersonResolver(repository: repository, settings: settings)
    trailers = settings.trailerKeys
  }

  /// Throws a usage error naming each of `written` that no one known goes by, with the closest
  /// known names and emails, unless everyone is known. `option`: where they were given;
  /// `offersNewPerson`: whether the command takes `--new-person` (the hint says so).
  public func requireKnown(_ written: [String], option: String, offersNewPerson: Bool = true) throws {
    var people = self
    let unknown = try people.unknown(written)
    guard !unknown.isEmpty else { return }
    let named = unknown.map { "'\($0.written)'" + ($0.closest.isEmpty ? "" : " (did you mean \($0.closest.joined(separator: " or "))?)") }
    throw TillitError.usage(
      "\(option) names \(named.joined(separator: ", ")), whom neither .mailmap, the history (authors, committers, reviewer trailers) nor the ledger knows",
      hint: offersNewPerson
        ? "check the spelling, or pass --new-person to name \(unknown.count == 1 ? "someone" : "people") new" : "check the spelling")
  }

  /// Of `written`, those no known person goes by, each with up to three known names or emails
  /// close to it.
  mutating func unknown(_ written: [String]) throws -> [(written: String, closest: [String])] {
    var missing = written.filter { !isKnown($0) }
    let sources: [(inout KnownPeople) throws -> Void] = [
      { $0.readMailmap() }, { $0.readIdentity() }, { try $0.readOwnership() },
      { try $0.readHistory(until: missing) }, { try $0.readReviews() }, { try $0.readChecks() },
    ]
    for read in sources where !missing.isEmpty {
      try read(&self)
      missing = missing.filter { !isKnown($0) }
    }
    return missing.map { ($0, closest(to: $0)) }
  }

  func isKnown(_ written: String) -> Bool {
    let text = written.trimmingSpaces.lowercased()
    guard !text.isEmpty else { return false }
    if text.contains("@") {
      let key = resolver.resolve(name: "", email: text)?.key
      if text.hasPrefix("@") && key != nil && key != text { return true }  // an alias maps the handle
      return emails.contains(text) || key.map(emails.contains) == true
    }
    return names.contains(text)
  }

  /// The known names and emails nearest to `written`: a few edits away, or the same before the `@`.
  func closest(to written: String) -> [String] {
    let text = written.trimmingSpaces.lowercased()
    let local = text.split(separator: "@").first.map(String.init) ?? text
    let most = max(1, text.count / 5)
    var scored: [(String, Int)] = []
    var shown: Set<String> = []
    for candidate in seen where shown.insert(candidate.lowercased()).inserted {
      let lower = candidate.lowercased()
      let theirLocal = lower.split(separator: "@").first.map(String.init) ?? lower
      let distance = lower.contains("@") && !local.isEmpty && theirLocal == local ? 0 : EditDistance.between(text, lower)
      if distance <= most { scored.append((candidate, distance)) }
    }
    let best = scored.map(\.1).min() ?? 0
    return scored.filter { $0.1 <= best + 1 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
  }

  private mutating func see(name: String, email: String) {
    let name = name.trimmingSpaces
    let email = email.trimmingSpaces
    if !email.isEmpty {
      emails.insert(email.lowercased())
      if let key = resolver.resolve(name: name, email: email)?.key { emails.insert(key) }
      seen.append(email)
    }
    if !name.isEmpty {
      names.insert(name.lowercased())
      seen.append(name)
    }
  }

  /// Someone a ledger event names by an email, a name or a handle.
  private mutating func see(_ written: String) {
    written.contains("@") ? see(name: "", email: written) : see(name: written, email: "")
  }

  /// Every `Name <email>` of the work tree's `.mailmap` (else HEAD's).
  private mutating func readMailmap() {
    var bytes: [UInt8]?
    if let workdir = repository.workdir { bytes = try? FileSystem.read(workdir + ".mailmap") }  // none: HEAD's, if any
    if bytes == nil { bytes = repository.headFileContent(RepoPath(".mailmap"), withoutIt: Mailmap.withoutIt) }
    guard let bytes else { return }
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
      var rest = Substring(line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
      while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
        see(name: String(rest[..<open]), email: String(rest[rest.index(after: open)..<close]))
        rest = rest[rest.index(after: close)...]
      }
    }
  }

  /// The person recording: naming oneself needs no history.
  private mutating func readIdentity() {
    guard let config = try? repository.config() else { return }  // unreadable: the ledger's own write will say
    see(name: (try? config.string("user.name")).flatMap { $0 } ?? "", email: (try? config.string("user.email")).flatMap { $0 } ?? "")
  }

  private mutating func readOwnership() throws {
    for event in try LedgerStore(repository: repository).read(.ownership) {
      see(event.by)
      switch event.payload {
      case .ownershipClaimed(let claim): claim.people.forEach { see($0) }
      case .availabilityChanged(let change): see(change.person)
      default: break
      }
    }
  }

  /// Authors, committers and reviewer trailers, newest first, until `wanted` are all found.
  private mutating func readHistory(until wanted: [String]) throws {
    guard let head = try repository.headCommitID() else { return }
    var missing = wanted
    try repository.walk(WalkSpec(include: [head], byTimeOnly: true)) { id in
      let commit = try repository.commit(id)
      see(name: commit.author.name, email: commit.author.email)
      see(name: commit.committer.name, email: commit.committer.email)
      for trailer in CommitTrailers.parse(commit.message, keys: trailers) { see(name: trailer.name, email: trailer.email) }
      missing = missing.filter { !isKnown($0) }
      return !missing.isEmpty
    }
  }

  private mutating func readReviews() throws {
    for record in try LedgerDigest.read(.reviews, store: LedgerStore(repository: repository)) {
      see(record.by)
      switch record.fact {
      case .requested(_, let reviewers): reviewers.forEach { see($0) }
      case .imported(_, let name): see(name: name, email: "")
      default: break
      }
    }
  }

  private mutating func readChecks() throws {
    for event in try LedgerStore(repository: repository).read(.checks) { see(event.by) }
  }
}
