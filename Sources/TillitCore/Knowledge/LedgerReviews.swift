import TillitGit

/// What the ledger's reviews stream adds to the history: feedback given through Tillit, and
/// the reviews requested and not yet given (each person's open review load).
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
  }

  public private(set) var feedback: [Feedback] = []
  /// Reviews imported from trailers (`review.imported`): not folded into the model, which reads
  /// the trailers itself, but they count as reviews of their commits in an audit.
  public private(set) var imported: [Feedback] = []
  public private(set) var requests: [Request] = []
  public private(set) var warnings: [String] = []

  public init() {}

  /// Reads the reviews stream, people resolved through `resolver`. `review.imported` events
  /// are left out: the history scan reads the same trailers from the commits themselves.
  public init(repository: Repository, resolver: PersonResolver) throws {
    let (records, readWarnings) = try LedgerDigest.read(.reviews, store: LedgerStore(repository: repository))
    warnings = readWarnings
    var firstAnswer: [String: Int64] = [:]
    for record in records where record.kind == "review.feedback" {
      guard let reviewer = resolver.resolve(name: "", email: record.by)?.key, let commit = ObjectID(hex: record.commit),
            let time = Timestamp.seconds(ofInstant: record.at) else { continue }
      feedback.append(Feedback(reviewer: reviewer, commit: commit, time: time))
      for key in [record.commit, record.patchID] where !key.isEmpty {
        let answerKey = reviewer + " " + key
        firstAnswer[answerKey] = min(firstAnswer[answerKey] ?? time, time)
      }
    }
    for record in records where record.kind == "review.imported" {
      guard let reviewer = resolver.resolve(name: record.name, email: record.by)?.key, let commit = ObjectID(hex: record.commit),
            let time = Timestamp.seconds(ofInstant: record.at) else { continue }
      imported.append(Feedback(reviewer: reviewer, commit: commit, time: time))
    }
    var seen: Set<String> = []
    for record in records where record.kind == "review.requested" {
      guard let time = Timestamp.seconds(ofInstant: record.at) else { continue }
      for email in record.reviewers {
        guard let reviewer = resolver.resolve(name: "", email: email)?.key else { continue }
        guard seen.insert(reviewer + " " + (record.patchID.isEmpty ? record.commit : record.patchID)).inserted else { continue }
        let answers = [record.commit, record.patchID].filter { !$0.isEmpty }.compactMap { firstAnswer[reviewer + " " + $0] }
        requests.append(Request(reviewer: reviewer, commit: record.commit, time: time, answered: answers.min()))
      }
    }
  }

  /// Open requests per person.
  public var openLoad: [String: Int] {
    requests.filter { $0.answered == nil }.reduce(into: [:]) { $0[$1.reviewer, default: 0] += 1 }
  }
}
