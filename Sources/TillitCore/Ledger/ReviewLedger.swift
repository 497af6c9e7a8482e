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
    var place: ReviewFeedback.Anchor?
    if let anchor {
      let info = try repository.commit(commit)
      guard let file = try repository.entry(at: anchor.path, inTree: info.tree) else {
        throw TillitError.usage("\(anchor.path) is not in commit \(commit.hex.prefix(12)); name a file the commit has")
      }
      let lines = try repository.blobContent(file.blob).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      guard anchor.line >= 1, anchor.line <= lines.count else {
        throw TillitError.usage("\(anchor.path) has \(lines.count) lines in that commit; --line must be between 1 and \(lines.count)")
      }
      place = ReviewFeedback.Anchor(path: anchor.path.description, line: anchor.line, lineText: String(decoding: lines[anchor.line - 1], as: UTF8.self))
    }
    let feedback = ReviewFeedback(change: try change(commit), anchor: place, verdict: verdict, message: message)
    return try store.append(identity.event(feedback), to: .reviews)
  }

  /// The change `commit` makes: the commit and its patch id, so it is found again after an
  /// amend of the message or a rebase.
  func change(_ commit: ObjectID) throws -> ChangeReference {
    ChangeReference(commit: commit, patchID: try repository.patchID(ofCommit: commit))
  }

  /// Everything the ledger holds about `commit`: events naming it, or naming its patch id.
  public func history(of commit: ObjectID) throws -> [LedgerEvent] {
    let patchID = try repository.patchID(ofCommit: commit)
    var events: [LedgerEvent] = []
    for stream in LedgerStream.allCases {
      events += try store.read(stream).filter { $0.payload.commit == commit || $0.payload.patchID == patchID }
    }
    LedgerEvent.order(&events)
    return events
  }
}

extension ReviewLedger {
  /// Asks `reviewers` to review `commit`: the one writer of `review.requested`, for the people
  /// named with `tillit request` and the ones a suggestion picked (`recordRequest`).
  @discardableResult
  public func requestReview(of commit: ObjectID, from reviewers: [ReviewRequested.Reviewer], message: String, identity: LedgerIdentity) throws -> LedgerEvent {
    let request = ReviewRequested(change: try change(commit), reviewers: reviewers, message: message)
    return try store.append(identity.event(request), to: .reviews)
  }

  /// Asks the people `emails` name (through the mailmap) to review `commit`.
  @discardableResult
  public func requestReview(of commit: ObjectID, fromEmails emails: [String], message: String, identity: LedgerIdentity) throws -> LedgerEvent {
    let mailmap = Mailmap.orWarning(repository)
    let reviewers = emails.map { email in
      ReviewRequested.Reviewer(email: mailmap?.email(for: email) ?? email, role: "requested", reasons: [])
    }
    return try requestReview(of: commit, from: reviewers, message: message, identity: identity)
  }

  /// The reviews asked of `person` that they have not given yet (on the commit or on a later
  /// version of the same change), oldest first. Decided from the stream's digest; only the
  /// requests shown are read whole.
  public func inbox(for person: String) throws -> [LedgerEvent] {
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
    var answered: Set<ObjectID> = []
    for record in records {
      guard case .feedback(let change) = record.fact, canonical(record.by) == me else { continue }
      answered.insert(change.commit)
      if let patchID = change.patchID { answered.insert(patchID) }
    }
    var seen: Set<ObjectID> = []
    let waiting = records.filter { record in
      guard case .requested(let change, let reviewers) = record.fact, reviewers.contains(where: { canonical($0) == me }) else { return false }
      guard !answered.contains(change.commit), !(change.patchID.map(answered.contains) ?? false) else { return false }
      return seen.insert(change.patchID ?? change.commit).inserted
    }
    return try waiting.map { try store.loadEvent($0.id) }
  }
}
