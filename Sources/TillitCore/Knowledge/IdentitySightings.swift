import TillitGit

/// Every identity the history shows, as the knowledge model sees it (after `.mailmap` and the
/// configured aliases): the names used with each key and when the key was used. A walk of the
/// commits alone, no diffs: what each identity changed comes from the model.
public struct IdentitySightings: Sendable {
  public struct Identity: Sendable {
    /// The key the model knows the person by (canonical email, lowercased).
    public let key: String
    /// Each name seen with this key, as written, and how often.
    public internal(set) var names: [String: Int] = [:]
    public internal(set) var commits = 0
    public internal(set) var reviews = 0
    /// Author times of the commits and reviews, in the order seen (oldest first).
    public internal(set) var times: [Int64] = []

    public var first: Int64 { times.min() ?? 0 }
    public var last: Int64 { times.max() ?? 0 }
    /// The name used most often (ties: the one first in order).
    public var name: String { names.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? key }
  }

  public private(set) var identities: [String: Identity] = [:]

  public init(repository: Repository, resolver: PersonResolver, trailers: Set<String>) throws {
    guard let head = try repository.headCommitID() else { return }
    try repository.walk(WalkSpec(include: [head], oldestFirst: true)) { id in
      let commit = try repository.commit(id)
      guard commit.parents.count <= 1 else { return true }
      let time = commit.author.time
      if let author = resolver.resolve(name: commit.author.name, email: commit.author.email) {
        see(author, at: time) { $0.commits += 1 }
      }
      for reviewer in resolver.reviewers(in: commit.message, trailers: trailers) {
        see(reviewer, at: time) { $0.reviews += 1 }
      }
      return true
    }
  }

  private mutating func see(_ identity: PersonResolver.Identity, at time: Int64, _ count: (inout Identity) -> Void) {
    var entry = identities[identity.key] ?? Identity(key: identity.key)
    entry.names[identity.name, default: 0] += 1
    entry.times.append(time)
    count(&entry)
    identities[identity.key] = entry
  }
}
