import TillitGit

/// The reviewer's side of the ledger: feedback on a commit, anchored to its patch id as well
/// as its id, so it is found again after an amend of the message or a rebase.
public struct ReviewLedger {
  public enum Verdict: String, Sendable, CaseIterable {
    case approve, comment
    case changesRequested = "changes-requested"
  }

  /// Where in a file a comment points, with the line's text so it can be found again.
  public struct Anchor: Sendable {
    public let path: RepoPath
    public let line: Int

    public init(path: RepoPath, line: Int) {
      self.path = path
      self.line = line
    }
  }

  let repository: Repository
  let store: LedgerStore

  public init(repository: Repository) {
    self.repository = repository
    self.store = LedgerStore(repository: repository)
  }

  /// Records feedback on `commit`.
  @discardableResult
  public func recordFeedback(on commit: ObjectID, verdict: Verdict, message: String, anchor: Anchor?, identity: LedgerIdentity) throws -> LedgerEvent {
    var subject = try changeSubject(commit)
    if let anchor {
      let info = try repository.commit(commit)
      guard let file = try repository.entry(at: anchor.path, inTree: info.tree) else {
        throw LedgerError.usage("\(anchor.path) is not in commit \(commit.hex.prefix(12)); name a file the commit has")
      }
      let lines = try repository.blobContent(file.blob).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      guard anchor.line >= 1, anchor.line <= lines.count else {
        throw LedgerError.usage("\(anchor.path) has \(lines.count) lines in that commit; --line must be between 1 and \(lines.count)")
      }
      subject += [("path", .string(anchor.path.description)), ("line", .integer(anchor.line)),
                  ("lineText", .string(String(decoding: lines[anchor.line - 1], as: UTF8.self)))]
    }
    let event = identity.event(kind: "review.feedback", subject: .object(subject), data: .object([("verdict", .string(verdict.rawValue)), ("message", .string(message))]))
    return try store.append(event, to: .reviews)
  }

  /// The subject naming a change: the commit and its patch id, so it is found again after an
  /// amend of the message or a rebase.
  func changeSubject(_ commit: ObjectID) throws -> [(String, JSONValue)] {
    [("commit", .string(commit.hex)), ("patchId", .string(try repository.patchID(ofCommit: commit).hex))]
  }

  /// Everything the ledger holds about `commit`: events naming it, or naming its patch id.
  public func history(of commit: ObjectID) throws -> (events: [LedgerEvent], warnings: [String]) {
    let patchID = try repository.patchID(ofCommit: commit).hex
    var events: [LedgerEvent] = []
    var warnings: [String] = []
    for stream in LedgerStream.allCases {
      let reading = try store.read(stream)
      warnings += reading.warnings
      events += reading.events.filter { $0.subject["commit"]?.stringValue == commit.hex || $0.subject["patchId"]?.stringValue == patchID }
    }
    LedgerEvent.order(&events)
    return (events, warnings)
  }
}

extension ReviewLedger {
  /// Asks `reviewers` (emails) to review `commit`.
  @discardableResult
  public func requestReview(of commit: ObjectID, from reviewers: [String], message: String, identity: LedgerIdentity) throws -> LedgerEvent {
    let mailmap = try? Mailmap(repository: repository)
    let people = reviewers.map { email -> JSONValue in
      let canonical = (try? mailmap?.resolve(name: "", email: email).email) ?? email
      return .object([("email", .string(canonical)), ("role", .string("requested")), ("reasons", .array([]))])
    }
    let subject = JSONValue.object(try changeSubject(commit))
    let event = identity.event(kind: "review.requested", subject: subject, data: .object([("reviewers", .array(people)), ("message", .string(message))]))
    return try store.append(event, to: .reviews)
  }

  /// The reviews asked of `person` that they have not given yet (on the commit or on a later
  /// version of the same change), oldest first. Decided from the stream's digest; only the
  /// requests shown are read whole.
  public func inbox(for person: String) throws -> (requests: [LedgerEvent], warnings: [String]) {
    let mailmap = try? Mailmap(repository: repository)
    var canonicalMemo: [String: String] = [:]
    func canonical(_ email: String) -> String {
      if let known = canonicalMemo[email] { return known }
      let resolved = ((try? mailmap?.resolve(name: "", email: email).email) ?? email).lowercased()
      canonicalMemo[email] = resolved
      return resolved
    }
    let me = canonical(person)
    let (records, warnings) = try LedgerDigest.read(.reviews, store: store)
    var answered: Set<String> = []
    for record in records where record.kind == "review.feedback" && canonical(record.by) == me {
      if !record.commit.isEmpty { answered.insert(record.commit) }
      if !record.patchID.isEmpty { answered.insert(record.patchID) }
    }
    var seen: Set<String> = []
    let waiting = records.filter { record in
      guard record.kind == "review.requested", record.reviewers.contains(where: { canonical($0) == me }) else { return false }
      guard !answered.contains(record.commit), !answered.contains(record.patchID) else { return false }
      return seen.insert(record.patchID.isEmpty ? record.commit : record.patchID).inserted
    }
    return (try waiting.map { try store.loadEvent($0.id) }, warnings)
  }
}
