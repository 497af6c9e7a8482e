import TillitGit
import TillitSystem

/// One change waiting for a reviewer: shown once, at its newest version, with what happened
/// since the reviewer's last feedback.
public struct InboxEntry: Sendable {
  public enum State: Sendable, Equatable {
    /// Asked, not answered yet.
    case waiting
    /// Answered at an earlier version (`verdict` at `version`); the newest one changes
    /// `changedFiles` files against it (nil when either is not in this clone).
    case changedSinceFeedback(verdict: String, version: Int, changedFiles: Int?)
    /// The newest version is not in this clone yet: its branch was not fetched.
    case notFetched
    /// Every version is on no branch, tag or remote-tracking ref; left out after `until`.
    case abandoned(until: Int64)
  }

  /// The first request of the change that named the reviewer.
  public let request: LedgerEvent
  public let newest: ObjectID
  /// The newest version's number (1 for the first) and its subject line, when in this clone.
  public let version: Int
  public let title: String?
  public let state: State
}

/// What `ReviewLedger.inbox` found: the changes waiting, oldest request first, and how many
/// abandoned ones were left out.
public struct Inbox: Sendable {
  public var entries: [InboxEntry] = []
  public var dropped = 0
}

extension ReviewLedger {
  /// The changes asked of `person` that wait for them, each once at its newest version, oldest
  /// request first. A change leaves when the person gives feedback on its newest version (or on
  /// one with the same patch), and comes back when a later version changes the patch. A change
  /// whose versions are all on no ref is listed as abandoned, and left out once the ledger has
  /// said nothing about it for `abandonAfter` seconds.
  public func inbox(for person: String, abandonAfter: Double = KnowledgeSettings().abandonAfter) throws -> Inbox {
    let mailmap = Mailmap.orWarning(repository)
    var canonicalMemo: [String: String] = [:]
    func canonical(_ email: String) -> String {
      if let known = canonicalMemo[email] { return known }
      let resolved = (mailmap?.email(for: email) ?? email).lowercased()
      canonicalMemo[email] = resolved
      return resolved
    }
    let me = canonical(person)
    let records = try LedgerDigest.read(.reviews, store: store)
    let graph = ChangeGraph(records: records)
    var firstRequest: [Int: LedgerDigest.Record] = [:]
    var order: [Int] = []
    var lastFeedback: [Int: (change: ChangeReference, verdict: String)] = [:]
    for record in records {
      switch record.fact {
      case .requested(let change, let reviewers) where reviewers.contains(where: { canonical($0) == me }):
        guard let index = graph.change(of: change.commit), firstRequest[index] == nil else { continue }
        firstRequest[index] = record
        order.append(index)
      case .feedback(let change, let verdict) where canonical(record.by) == me:
        if let index = graph.change(of: change.commit) { lastFeedback[index] = (change, verdict) }
      default:
        continue
      }
    }
    let now = Clock.now()
    var inbox = Inbox()
    let unreachable = try repository.unreachable(order.flatMap { graph.changes[$0].versions }.filter(repository.contains))
    for index in order {
      guard let request = firstRequest[index] else { continue }
      let newest = graph.newest(index)
      let version = graph.number(of: newest, in: index)
      var state = InboxEntry.State.waiting
      if let feedback = lastFeedback[index] {
        let newestPatch = graph.patchIDs[newest] ?? (repository.contains(newest) ? try? repository.patchID(ofCommit: newest) : nil)
        if feedback.change.commit == newest || (newestPatch != nil && newestPatch == feedback.change.patchID) { continue }
        state = .changedSinceFeedback(
          verdict: feedback.verdict, version: graph.number(of: feedback.change.commit, in: index),
          changedFiles: changedFiles(from: feedback.change.commit, to: newest))
      }
      if !repository.contains(newest) {
        state = .notFetched
      } else if graph.isOnNoRef(index, unreachable: unreachable, in: repository) {
        let until = graph.leavesInbox(index, abandonAfter: abandonAfter)
        if now >= until {
          inbox.dropped += 1
          continue
        }
        state = .abandoned(until: until)
      }
      let title = repository.contains(newest) ? (try? repository.commit(newest)).map { Self.subjectLine($0.message) } : nil
      inbox.entries.append(InboxEntry(request: try store.loadEvent(request.id), newest: newest, version: version, title: title, state: state))
    }
    return inbox
  }

  /// How many files the change of `new` differs in from the change of `old`: paths whose change
  /// (status or content after it) is not the same in both; nil when either is not here.
  func changedFiles(from old: ObjectID, to new: ObjectID) -> Int? {
    guard repository.contains(old), repository.contains(new),
      let before = try? repository.changes(ofCommit: repository.commit(old)),
      let after = try? repository.changes(ofCommit: repository.commit(new))
    else { return nil }
    return Set(before).symmetricDifference(Set(after)).reduce(into: Set<RepoPath>()) { $0.insert($1.newPath) }.count
  }

  static func subjectLine(_ message: String) -> String {
    String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
  }
}

extension Repository {
  /// Those of `commits` (all in this clone) that no branch, tag, remote-tracking ref or HEAD
  /// reaches.
  func unreachable(_ commits: [ObjectID]) throws -> Set<ObjectID> {
    guard !commits.isEmpty else { return [] }
    let wanted = Set(commits)
    var found: Set<ObjectID> = []
    let head = try? headCommitID()  // unborn or unreadable: nothing to leave out
    let spec = WalkSpec(
      include: Array(wanted), exclude: head.flatMap { $0 }.map { [$0] } ?? [],
      excludeGlobs: ["refs/heads/*", "refs/tags/*", "refs/remotes/*"], byTimeOnly: true)
    try walk(spec) { id in
      if wanted.contains(id) { found.insert(id) }
      return found.count < wanted.count
    }
    return found
  }
}

extension ChangeGraph {
  /// When a change on no ref leaves the inbox, and with it its reviewers' open load:
  /// `abandonAfter` seconds after the ledger last said anything of it.
  func leavesInbox(_ index: Int, abandonAfter: Double) -> Int64 {
    changes[index].lastActivity + Int64(abandonAfter)
  }

  /// Whether every version of a change this clone has is on no ref (`unreachable`: the versions
  /// `Repository.unreachable` found so); false when it has none of them.
  func isOnNoRef(_ index: Int, unreachable: Set<ObjectID>, in repository: Repository) -> Bool {
    let present = changes[index].versions.filter(repository.contains)
    return !present.isEmpty && present.allSatisfy(unreachable.contains)
  }
}
