import TillitGit

/// Bootstraps review history from commit trailers such as `Reviewed-by: Name <email>`. Each
/// trailer becomes one `review.imported` event whose content depends only on the commit and the
/// trailer, so importing again adds nothing.
public struct TrailerImport {
  let repository: Repository
  let store: LedgerStore

  public init(repository: Repository) {
    self.repository = repository
    self.store = LedgerStore(repository: repository)
  }

  public struct Summary: Sendable {
    public var commits = 0
    public var trailers = 0
    public var added = 0
  }

  /// Imports the trailers named `keys` (compared without case) from the history of HEAD,
  /// from commits made at or after `since` (seconds since 1970) when given.
  public func run(keys: [String], since: Int64?) throws -> Summary {
    guard let head = try repository.headCommitID() else { return Summary() }
    let wanted = Set(keys.map { $0.lowercased() })
    var summary = Summary()
    var ids: [ObjectID] = []
    try repository.walk(WalkSpec(include: [head])) { id in
      let commit = try repository.commit(id)
      summary.commits += 1
      if let since, commit.committer.time < since { return true }
      for trailer in CommitTrailers.parse(commit.message) where wanted.contains(trailer.key.lowercased()) {
        summary.trailers += 1
        let event = LedgerEvent(
          kind: "review.imported", lamport: 0, at: Timestamp.format(seconds: Int(commit.committer.time)),
          by: trailer.email.isEmpty ? trailer.value : trailer.email, writer: "import", nonce: "",
          subject: .object([("commit", .string(id.hex))]),
          data: .object([("trailer", .string(trailer.key)), ("name", .string(trailer.name)), ("email", .string(trailer.email))]))
        ids.append(try repository.writeBlob(event.encoded()))
      }
      return true
    }
    summary.added = try store.appendImported(ids, summary: "import \(summary.trailers) trailers")
    LedgerMaintenance.packIfNeeded(repository)
    return summary
  }
}

extension LedgerStore {
  /// Adds already written events to the reviews stream in one commit; returns how many of them
  /// were new. Importing the same events again writes nothing.
  func appendImported(_ ids: [ObjectID], summary: String) throws -> Int {
    while true {
      let tip = try repository.referenceTarget(LedgerStream.reviews.localRef)
      let base = try tip.map { try repository.treeID(ofCommit: $0) }
      let present = try base.map(eventIDs) ?? []
      let fresh = Array(Set(ids).subtracting(present))
      guard !fresh.isEmpty else { return 0 }
      let tree = try treeAdding(fresh, to: base)
      let lamport = try tip.map { LedgerStore.lamport(ofMessage: try repository.commit($0).message) } ?? 0
      let commit = try repository.writeCommit(tree: tree, parents: tip.map { [$0] } ?? [], message: LedgerStore.message(summary, lamport: lamport))
      do {
        try repository.compareAndSwapReference(LedgerStream.reviews.localRef, to: commit, expecting: tip, message: "tillit: \(summary)")
        return fresh.count
      } catch ReferenceUpdateFailure.lostRace {
        continue
      }
    }
  }

  /// The ids named in a stream tree's `events/` folders.
  func eventIDs(in root: ObjectID) throws -> Set<ObjectID> {
    guard let events = try repository.listTree(root).first(where: { $0.name == Self.eventsName && $0.isTree }) else { return [] }
    var ids: Set<ObjectID> = []
    for bucket in try repository.listTree(events.id) where bucket.isTree {
      for entry in try repository.listTree(bucket.id) where !entry.isTree { ids.insert(entry.id) }
    }
    return ids
  }
}
