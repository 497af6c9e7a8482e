import TillitGit
import TillitSystem

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
    let message = try repository.commit(commit).message
    let changeID = CommitTrailers.parse(message, keys: ["change-id"]).last?.value
    return ChangeReference(commit: commit, patchID: try patchID(of: commit), changeID: changeID)
  }

  /// The commit's patch id; nil, with a warning, when the content it is computed from is
  /// missing from this clone (a partial clone lacks the parent's version of a changed file):
  /// the change is then known by its commit id (and change id) alone.
  private func patchID(of commit: ObjectID) throws -> ObjectID? {
    do {
      return try repository.patchID(ofCommit: commit)
    } catch let error as GitError where error.isNotFound && repository.contains(commit) {
      Diagnostics.warning(
        "the patch id of \(commit.hex.prefix(12)) cannot be computed because content it needs is missing from this clone (a partial clone?); "
          + "its reviews are matched by commit id alone, so not across an amend or a rebase", topic: "patch id")
      return nil
    }
  }

  /// Everything the ledger holds about `commit`: events naming it, its patch id, or any other
  /// version of its change (`ChangeGraph`), and the rewrites between them.
  public func history(of commit: ObjectID) throws -> [LedgerEvent] {
    let patch = try patchID(of: commit)
    let graph = ChangeGraph(records: try LedgerDigest.read(.reviews, store: store))
    let versions = Set(graph.change(of: commit).map { graph.changes[$0].versions } ?? [commit])
    func about(_ event: LedgerEvent) -> Bool {
      if case .changeRewritten(let rewrite) = event.payload { return rewrite.rewrites.contains { versions.contains($0.new) } }
      return event.payload.commit.map(versions.contains) == true || (patch != nil && event.payload.patchID == patch)
    }
    var events: [LedgerEvent] = []
    for stream in LedgerStream.allCases {
      events += try store.read(stream).filter(about)
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
}

extension ReviewLedger {
  /// Records what git reported to the `post-rewrite` hook (`how`: amend or rebase; `input`:
  /// lines `old new`), keeping only the rewrites of commits the ledger knows as versions of a
  /// change, so that every clone learns the new versions. Returns the event, or nil when no
  /// rewrite concerned a change under review.
  @discardableResult
  public func recordRewrites(how: String, input: String, identity: LedgerIdentity) throws -> LedgerEvent? {
    let graph = ChangeGraph(records: try LedgerDigest.read(.reviews, store: store))
    var known: Set<ObjectID> = []
    var rewrites: [ChangeRewritten.Rewrite] = []
    for line in input.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count >= 2, let old = ObjectID(hex: String(fields[0])), let new = ObjectID(hex: String(fields[1])), old != new else { continue }
      // A rebase that squashes reports each commit it folded in; an amend of an amend in one run, a chain.
      guard graph.knows(old) || known.contains(old) || (try? graph.change(of: change(old))) != nil else { continue }
      known.insert(new)
      rewrites.append(ChangeRewritten.Rewrite(old: old, new: new))
    }
    guard !rewrites.isEmpty else { return nil }
    return try store.append(identity.event(ChangeRewritten(how: how, rewrites: rewrites)), to: .reviews)
  }
}
