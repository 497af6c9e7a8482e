import TillitGit

/// Shares the ledger through a remote: fetch its streams into `refs/tillit/remotes/<remote>/`,
/// merge them into the local streams (the union of both event sets), push without force, and
/// start again when the push is refused because someone pushed meanwhile.
public struct LedgerSync {
  let repository: Repository
  let store: LedgerStore

  public init(repository: Repository) {
    self.repository = repository
    self.store = LedgerStore(repository: repository)
  }

  /// The refspec that brings a remote's ledger into this clone with a plain `git fetch`.
  public static func fetchRefspec(remote: String) -> String {
    "+refs/tillit/v1/*:refs/tillit/remotes/\(remote)/v1/*"
  }

  public struct Summary: Sendable {
    public var merged: [LedgerStream] = []
    public var rounds = 0
  }

  public func sync(remote: String, maximumRounds: Int = 10) throws -> Summary {
    let workdir = repository.workdir ?? repository.commonDir
    var summary = Summary()
    for round in 1...maximumRounds {
      summary.rounds = round
      let fetch = try GitCommand.run(["fetch", "--quiet", "--no-tags", remote, Self.fetchRefspec(remote: remote)], in: workdir)
      guard fetch.status == 0 else {
        throw LedgerError.usage("git fetch \(remote) failed: \(fetch.output.trimmingSpaces)")
      }
      for stream in LedgerStream.allCases where try merge(stream, from: remote) {
        if !summary.merged.contains(stream) { summary.merged.append(stream) }
      }
      let local = try LedgerStream.allCases.filter { try repository.referenceTarget($0.localRef) != nil }
      guard !local.isEmpty else { return summary }
      let push = try GitCommand.run(["push", "--quiet", "--porcelain", remote] + local.map { "\($0.localRef):\($0.localRef)" }, in: workdir)
      if push.status == 0 { return summary }
      guard push.output.contains("rejected") || push.output.contains("fetch first") || push.output.contains("non-fast-forward") else {
        throw LedgerError.usage("git push \(remote) failed: \(push.output.trimmingSpaces)")
      }
    }
    throw LedgerError.usage("the ledger kept changing on \(remote) during \(maximumRounds) rounds of sync; run tillit ledger sync again")
  }

  /// Brings the fetched copy of `stream` into the local one; returns whether the local one moved.
  func merge(_ stream: LedgerStream, from remote: String) throws -> Bool {
    let remoteRef = "refs/tillit/remotes/\(remote)/v1/\(stream.rawValue)"
    while true {
      guard let theirs = try repository.referenceTarget(remoteRef) else { return false }
      let ours = try repository.referenceTarget(stream.localRef)
      let target: ObjectID
      if let ours {
        if try ours == theirs || repository.isDescendant(ours, of: theirs) { return false }
        if try repository.isDescendant(theirs, of: ours) {
          target = theirs
        } else {
          let tree = try store.unionTree(try repository.treeID(ofCommit: ours), try repository.treeID(ofCommit: theirs))
          let lamport = max(LedgerStore.lamport(ofMessage: try repository.commit(ours).message),
                            LedgerStore.lamport(ofMessage: try repository.commit(theirs).message))
          target = try repository.writeCommit(tree: tree, parents: [ours, theirs], message: LedgerStore.message("merge \(remote)", lamport: lamport))
        }
      } else {
        target = theirs
      }
      do {
        try repository.compareAndSwapReference(stream.localRef, to: target, expecting: ours, message: "tillit: sync with \(remote)")
        return true
      } catch ReferenceUpdateFailure.lostRace {
        continue
      }
    }
  }
}

extension LedgerStore {
  /// A tree holding every event of both trees: event names are their content's ids, so a union
  /// never conflicts.
  func unionTree(_ left: ObjectID, _ right: ObjectID) throws -> ObjectID {
    guard left != right else { return left }
    let rightEvents = try repository.listTree(right).first { $0.name == Self.eventsName && $0.isTree }
    guard let rightEvents else { return left }
    let leftEvents = try repository.listTree(left).first { $0.name == Self.eventsName && $0.isTree }
    let leftBuckets = Dictionary((try leftEvents.map { try repository.listTree($0.id) } ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    var changed: [TreeEntryInput] = []
    for bucket in try repository.listTree(rightEvents.id) where bucket.isTree {
      let mine = leftBuckets[bucket.name]
      if mine?.id == bucket.id { continue }
      let entries = try repository.listTree(bucket.id).filter { !$0.isTree }.map { TreeEntryInput(name: $0.name, id: $0.id, isTree: false) }
      let merged = try repository.writeTree(base: mine?.isTree == true ? mine?.id : nil, putting: entries)
      changed.append(TreeEntryInput(name: bucket.name, id: merged, isTree: true))
    }
    let events = try repository.writeTree(base: leftEvents?.id, putting: changed)
    return try repository.writeTree(base: left, putting: [TreeEntryInput(name: Self.eventsName, id: events, isTree: true)])
  }
}
