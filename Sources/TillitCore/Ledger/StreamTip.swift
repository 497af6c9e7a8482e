import TillitGit
import TillitSystem

/// The tip of a copy of a stream that has the ledger's shape: a commit whose tree holds an
/// `events` folder that can be listed. A ref may point at anything (a fetched remote decides
/// what): a blob, a tree, a tag, a commit of something else. Such a ref is no stream; reads
/// skip it with a warning and a sync never merges it.
struct StreamTip {
  let ref: String
  let commit: ObjectID
  let tree: ObjectID
  /// The entries of `events/`: the bucket folders, as listed (not yet checked).
  let buckets: [TreeListing]
}

extension LedgerStore {
  /// The tip of `ref`, checked for the ledger's shape; nil when there is no such ref. Throws
  /// `LedgerError.notAStream` saying what is wrong with it.
  func tip(of ref: String) throws -> StreamTip? {
    func notAStream(_ reason: String) -> LedgerError { .notAStream(ref: ref, reason: reason) }
    let found: ObjectID?
    do {
      found = try repository.referenceTarget(ref)
    } catch let error as GitError where !error.isEnvironment {
      throw notAStream("the ref cannot be read: \(error)")  // a damaged ref file, for one
    }
    guard let target = found else { return nil }
    // Read afresh when missing: another writer may have just stored it as a pack this handle
    // has not listed, or a background repack moved it (seen under load with 16 writers).
    guard let kind = repository.objectKindReloading(target) else {
      throw notAStream("it points at \(target.hex), which this repository does not hold")
    }
    guard kind == .commit else { throw notAStream("it points at a \(kind.rawValue), not a ledger commit") }
    let tree: ObjectID
    let root: [TreeListing]
    do {
      tree = try repository.treeID(ofCommit: target)
      root = try repository.listTree(tree)
    } catch {
      throw notAStream("its commit \(target.hex) cannot be read: \(error)")
    }
    guard let events = root.first(where: { $0.name == Self.eventsName }) else { throw notAStream("its commit \(target.hex) has no events folder") }
    // A folder that cannot be listed is named in the error below, not ignored.
    guard events.isTree, repository.objectKind(events.id) == .tree, let buckets = try? repository.listTree(events.id) else {
      throw notAStream("the events of its commit \(target.hex) are not a folder that can be read")
    }
    return StreamTip(ref: ref, commit: target, tree: tree, buckets: buckets)
  }

  /// The tips of this clone's copy of `stream` and of every fetched copy that have the ledger's
  /// shape; each ref without it becomes a warning.
  func tips(of stream: LedgerStream, warnings: inout [String]) throws -> [StreamTip] {
    var tips: [StreamTip] = []
    for ref in [stream.localRef] + (try repository.referenceNames(matching: stream.remoteGlob)) {
      do {
        if let tip = try tip(of: ref) { tips.append(tip) }
      } catch LedgerError.notAStream(_, let reason) {
        warnings.append("\(ref): skipped: \(reason)")
      }
    }
    return tips
  }

  /// This clone's own copy of `stream`, to write on: one without the ledger's shape is an error
  /// saying how to clear it (an older `tillit ledger sync` could copy a remote's blob there).
  func localTip(_ stream: LedgerStream) throws -> StreamTip? {
    do {
      return try tip(of: stream.localRef)
    } catch LedgerError.notAStream(let ref, let reason) {
      throw TillitError.usage(
        "\(ref) is not a ledger stream: \(reason); see what it holds with git cat-file -t \(ref), and if it is nothing of yours delete it with git update-ref -d \(ref)"
      )
    }
  }
}
