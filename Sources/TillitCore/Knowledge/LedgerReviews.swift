import TillitGit
import TillitSystem

/// What the ledger's reviews stream adds to the history: feedback given through Tillit, and
/// the reviews requested and not yet given (each person's open review load), one per change
/// however many versions it has.
public struct LedgerReviews: Sendable {
  public struct Feedback: Sendable {
    public let reviewer: String
    public let commit: ObjectID
    public let time: Int64
  }

  public struct Request: Sendable {
    public let reviewer: String
    public let commit: String
    public let time: Int64
    /// When the reviewer first gave feedback on it; nil while open.
    public var answered: Int64?
    /// Whether the change was abandoned long enough ago to have left the inbox (every version
    /// here on no ref, nothing said of it for `abandon-after`): no longer anyone's load.
    public var dropped = false
  }

  public private(set) var feedback: [Feedback] = []
  /// Reviews imported from trailers (`review.imported`): not folded into the model, which reads
  /// the trailers itself, but they count as reviews of their commits in an audit.
  public private(set) var imported: [Feedback] = []
  public private(set) var requests: [Request] = []

  public init() {}

  /// Reads the reviews stream, people resolved through `resolver`. `review.imported` events
  /// are left out: the history scan reads the same trailers from the commits themselves. Open
  /// requests of changes the inbox has dropped as abandoned (see `ReviewInbox`) are marked so.
  public init(repository: Repository, resolver: PersonResolver, abandonAfter: Double = KnowledgeSettings().abandonAfter) throws {
    let records = try LedgerDigest.read(.reviews, store: LedgerStore(repository: repository))
    // Requests and answers count per change: every version of it is one review.
    let graph = ChangeGraph(records: records)
    var firstAnswer: [Answer: Int64] = [:]
    for record in records {
      guard case .feedback(let change, _) = record.fact, let reviewer = resolver.resolve(name: "", email: record.by)?.key,
        let time = Timestamp.seconds(ofInstant: record.at)
      else { continue }
      feedback.append(Feedback(reviewer: reviewer, commit: change.commit, time: time))
      guard let index = graph.change(of: change.commit) else { continue }
      let answer = Answer(reviewer: reviewer, change: index)
      firstAnswer[answer] = min(firstAnswer[answer] ?? time, time)
    }
    for record in records {
      guard case .imported(let commit, let name) = record.fact, let reviewer = resolver.resolve(name: name, email: record.by)?.key,
        let time = Timestamp.seconds(ofInstant: record.at)
      else { continue }
      imported.append(Feedback(reviewer: reviewer, commit: commit, time: time))
    }
    var seen: Set<Answer> = []
    // The change of each request, by position.
    var openChanges: [Int] = []
    for record in records {
      guard case .requested(let change, let reviewers) = record.fact, let time = Timestamp.seconds(ofInstant: record.at),
        let index = graph.change(of: change.commit)
      else { continue }
      for email in reviewers {
        guard let reviewer = resolver.resolve(name: "", email: email)?.key else { continue }
        let answer = Answer(reviewer: reviewer, change: index)
        guard seen.insert(answer).inserted else { continue }
        requests.append(Request(reviewer: reviewer, commit: graph.newest(index).hex, time: time, answered: firstAnswer[answer]))
        openChanges.append(index)
      }
    }
    try markDropped(graph: graph, openChanges: openChanges, repository: repository, abandonAfter: abandonAfter)
  }

  /// Marks the requests (in the order of `changes`) whose change the inbox leaves out as
  /// abandoned: its versions here are all on no ref, and the ledger has said nothing of it for
  /// `abandonAfter` seconds. Only open requests are looked at, so a ledger whose requests were
  /// all answered walks nothing.
  private mutating func markDropped(graph: ChangeGraph, openChanges changes: [Int], repository: Repository, abandonAfter: Double) throws {
    let now = Clock.now()
    let stale = Set(
      requests.indices.filter { requests[$0].answered == nil && now >= graph.leavesInbox(changes[$0], abandonAfter: abandonAfter) }.map { changes[$0] })
    guard !stale.isEmpty else { return }
    let unreachable = try repository.unreachable(stale.flatMap { graph.changes[$0].versions }.filter(repository.contains))
    for position in requests.indices where requests[position].answered == nil && stale.contains(changes[position]) {
      requests[position].dropped = graph.isOnNoRef(changes[position], unreachable: unreachable, in: repository)
    }
  }

  /// A reviewer and a change (its index in the `ChangeGraph`).
  private struct Answer: Hashable {
    let reviewer: String
    let change: Int
  }

  /// Open requests per person (abandoned changes the inbox has dropped left out).
  public var openLoad: [String: Int] {
    requests.filter { $0.answered == nil && !$0.dropped }.reduce(into: [:]) { $0[$1.reviewer, default: 0] += 1 }
  }
}
