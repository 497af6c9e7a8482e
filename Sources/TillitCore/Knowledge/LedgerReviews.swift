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
    let reading = try LedgerStore(repository: repository).read(.reviews)
    warnings = reading.warnings
    var firstAnswer: [String: Int64] = [:]
    for event in reading.events where event.kind == "review.feedback" {
      guard let reviewer = resolver.resolve(name: "", email: event.by)?.key,
            let commitHex = event.subject["commit"]?.stringValue, let commit = ObjectID(hex: commitHex),
            let time = Timestamp.seconds(ofInstant: event.at) else { continue }
      feedback.append(Feedback(reviewer: reviewer, commit: commit, time: time))
      for key in [commitHex, event.subject["patchId"]?.stringValue].compactMap({ $0 }) {
        let answerKey = reviewer + " " + key
        firstAnswer[answerKey] = min(firstAnswer[answerKey] ?? time, time)
      }
    }
    for event in reading.events where event.kind == "review.imported" {
      guard let reviewer = resolver.resolve(name: event.data["name"]?.stringValue ?? "", email: event.by)?.key,
            let commit = event.subject["commit"]?.stringValue.flatMap(ObjectID.init(hex:)),
            let time = Timestamp.seconds(ofInstant: event.at) else { continue }
      imported.append(Feedback(reviewer: reviewer, commit: commit, time: time))
    }
    var seen: Set<String> = []
    for event in reading.events where event.kind == "review.requested" {
      guard case .array(let reviewers)? = event.data["reviewers"], let time = Timestamp.seconds(ofInstant: event.at) else { continue }
      let commit = event.subject["commit"]?.stringValue ?? ""
      let patch = event.subject["patchId"]?.stringValue ?? ""
      for entry in reviewers {
        guard let email = entry["email"]?.stringValue, let reviewer = resolver.resolve(name: "", email: email)?.key else { continue }
        guard seen.insert(reviewer + " " + (patch.isEmpty ? commit : patch)).inserted else { continue }
        let answers = [commit, patch].filter { !$0.isEmpty }.compactMap { firstAnswer[reviewer + " " + $0] }
        requests.append(Request(reviewer: reviewer, commit: commit, time: time, answered: answers.min()))
      }
    }
  }

  /// Open requests per person.
  public var openLoad: [String: Int] {
    requests.filter { $0.answered == nil }.reduce(into: [:]) { $0[$1.reviewer, default: 0] += 1 }
  }
}
