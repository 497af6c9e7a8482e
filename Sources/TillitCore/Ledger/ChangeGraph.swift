import TillitGit
import TillitSystem

/// Which commits the reviews stream knows are versions of one change: those with the same
/// `Change-Id:` trailer, those git reported as rewritten into one another (`change.rewritten`),
/// and, for a reference without a change id, those with the same patch id. Each change's
/// versions are numbered in the order the ledger first names them (v1, v2, ...).
struct ChangeGraph {
  /// One change: its versions, oldest first, and when the ledger last said anything about it.
  struct Change {
    var versions: [ObjectID] = []
    var lastActivity: Int64 = 0
  }

  private(set) var changes: [Change] = []
  /// The patch id the ledger recorded for a commit.
  private(set) var patchIDs: [ObjectID: ObjectID] = [:]
  private var changeOfCommit: [ObjectID: Int] = [:]
  private var changeOfPatch: [ObjectID: Int] = [:]
  private var changeOfID: [String: Int] = [:]
  /// Commits replaced by a newer version.
  private var replaced: Set<ObjectID> = []

  private enum Node: Hashable {
    case commit(ObjectID)
    case patch(ObjectID)
    case changeID(String)
  }

  init(records: [LedgerDigest.Record]) {
    var sets = DisjointSets<Node>()
    var order: [ObjectID] = []
    var seen: Set<ObjectID> = []
    func named(_ commit: ObjectID) {
      sets.add(.commit(commit))
      if seen.insert(commit).inserted { order.append(commit) }
    }
    func add(_ change: ChangeReference) {
      named(change.commit)
      if let patchID = change.patchID { patchIDs[change.commit] = patchID }
      if let changeID = change.changeID {
        changeIDs.append((change.commit, changeID))
        sets.union(.commit(change.commit), .changeID(changeID))
      } else if let patchID = change.patchID {
        sets.union(.commit(change.commit), .patch(patchID))
      }
    }
    var times: [(ObjectID, Int64)] = []
    var changeIDs: [(ObjectID, String)] = []
    for record in records {
      let time = Timestamp.seconds(ofInstant: record.at) ?? 0
      switch record.fact {
      case .requested(let change, _), .feedback(let change, _):
        add(change)
        times.append((change.commit, time))
      case .rewritten(let rewrites):
        for rewrite in rewrites {
          named(rewrite.old)
          named(rewrite.new)
          sets.union(.commit(rewrite.old), .commit(rewrite.new))
          replaced.insert(rewrite.old)
          times.append((rewrite.new, time))
        }
      case .imported, .other:
        continue
      }
    }
    var indexOfRoot: [Node: Int] = [:]
    for commit in order {
      let root = sets.find(.commit(commit))
      let index = indexOfRoot[root] ?? changes.count
      if index == changes.count {
        indexOfRoot[root] = index
        changes.append(Change())
      }
      changes[index].versions.append(commit)
      changeOfCommit[commit] = index
    }
    for (commit, patchID) in patchIDs { changeOfPatch[patchID] = changeOfCommit[commit] }
    for (commit, changeID) in changeIDs { changeOfID[changeID] = changeOfCommit[commit] }
    for (commit, time) in times {
      guard let index = changeOfCommit[commit] else { continue }
      changes[index].lastActivity = max(changes[index].lastActivity, time)
    }
  }

  /// The change `commit` is a version of, by its index in `changes`.
  func change(of commit: ObjectID) -> Int? { changeOfCommit[commit] }

  /// The change a commit not named in the ledger may be a version of: by its change id, else by
  /// its patch id.
  func change(of reference: ChangeReference) -> Int? {
    if let known = changeOfCommit[reference.commit] { return known }
    if let changeID = reference.changeID { return changeOfID[changeID] }
    return reference.patchID.flatMap { changeOfPatch[$0] }
  }

  /// The newest version of a change: the last one named that no rewrite replaced.
  func newest(_ change: Int) -> ObjectID {
    let versions = changes[change].versions
    return versions.last { !replaced.contains($0) } ?? versions[versions.count - 1]
  }

  /// A version's number, from 1.
  func number(of commit: ObjectID, in change: Int) -> Int {
    (changes[change].versions.firstIndex(of: commit) ?? 0) + 1
  }

  /// Whether the ledger knows `commit` as a version of some change.
  func knows(_ commit: ObjectID) -> Bool { changeOfCommit[commit] != nil }
}

/// Union-find over hashable nodes, with path compression.
struct DisjointSets<Node: Hashable> {
  private var parent: [Node: Node] = [:]

  mutating func add(_ node: Node) {
    if parent[node] == nil { parent[node] = node }
  }

  mutating func find(_ node: Node) -> Node {
    add(node)
    var root = node
    while let up = parent[root], up != root { root = up }
    var current = node
    while let up = parent[current], up != root {
      parent[current] = root
      current = up
    }
    return root
  }

  mutating func union(_ left: Node, _ right: Node) {
    let (a, b) = (find(left), find(right))
    if a != b { parent[b] = a }
  }
}
