import TillitGit
import TillitSystem

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
    var summary = Summary()
    var events: [[UInt8]] = []
    let wanted = CommitTrailers.matching(Set(keys))
    // The order of the commits does not matter: no sorting, which would read the history twice.
    try repository.walk(WalkSpec(include: [head], byTimeOnly: true)) { id in
      summary.commits += 1
      try repository.withCommitMessage(id) { committed, message in
        if let since, committed < since { return }
        for trailer in CommitTrailers.parse(bytes: message, keys: wanted) {
          summary.trailers += 1
          let review = ReviewImported(commit: id, trailer: trailer.key, name: trailer.name, email: trailer.email)
          let event = LedgerEvent(
            review.payload, lamport: 0, at: Timestamp.format(seconds: Int(committed)),
            by: trailer.email.isEmpty ? trailer.value : trailer.email, writer: "import", nonce: "")
          events.append(event.encoded())
        }
      }
      return true
    }
    summary.added = try store.appendImported(events, summary: "import \(summary.trailers) trailers")
    LedgerMaintenance.packIfNeeded(repository)
    return summary
  }
}

extension LedgerStore {
  /// Adds events to the reviews stream in one commit; returns how many of them were new.
  /// The new objects are stored as one pack before the stream moves; importing the same events
  /// again writes nothing.
  func appendImported(_ events: [[UInt8]], summary: String) throws -> Int {
    var mover = StreamMover(repository: repository)
    while true {
      let tip = try localTip(.reviews)
      let batch = try PackedWrites(into: repository)
      let base = tip?.tree
      let present = try base.map(eventIDs) ?? []
      var fresh: Set<ObjectID> = []
      for bytes in events {
        let id = ObjectID.hashing(bytes)
        if !present.contains(id), fresh.insert(id).inserted { try batch.writeBlob(bytes, id: id) }
      }
      guard !fresh.isEmpty else { return 0 }
      let tree = try treeAdding(Array(fresh), to: base, writingWith: batch.writeTree)
      let lamport = try tip.map(lamport(of:)) ?? 0
      let commit = try batch.writeCommit(tree: tree, parents: tip.map { [$0.commit] } ?? [], message: LedgerStore.message(summary, lamport: lamport))
      if try mover.move(LedgerStream.reviews.localRef, to: commit, storing: batch, expecting: tip?.commit, message: "tillit: \(summary)") {
        return fresh.count
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
