import TillitGit
import TillitSystem

/// The knowledge model of a repository up to HEAD: read from its cache and brought up to date
/// with the commits made since, or rebuilt from the whole history when the cache is missing,
/// damaged, built with other settings or not an ancestor of HEAD.
public struct KnowledgeBase {
  public let repository: Repository
  public let settings: KnowledgeSettings
  public let resolver: PersonResolver

  public init(repository: Repository, settings: KnowledgeSettings) {
    self.repository = repository
    self.settings = settings
    self.resolver = PersonResolver(repository: repository, settings: settings)
  }

  public struct Loaded {
    public let model: KnowledgeModel
    /// How the cache was used: "fresh", "updated N commits" or "rebuilt".
    public let cacheState: String
    public let ledger: LedgerReviews
  }

  /// The model up to HEAD, with the ledger's feedback folded in. `reusingRewritten`: a cache
  /// HEAD does not descend from — after an amend or a rebase, the commits it replaced are no new
  /// history — is brought up to HEAD with the commits it lacks rather than rebuilt, and not
  /// saved (the next plain load rebuilds it exactly); the hooks use it to stay quick.
  /// `repeatingKnownGaps`: false for the hooks, which then warn of content missing from a partial
  /// clone only for the commits this load read, not at every commit for the whole history.
  public func load(reusingRewritten: Bool = false, repeatingKnownGaps: Bool = true) throws -> Loaded {
    let (model, state, known) = try historyModel(reusingRewritten: reusingRewritten)
    model.missingContent.since(repeatingKnownGaps ? MissingContentTally() : known).warn()
    let ledger = ledgerReviews()
    fold(ledger, into: model)
    return Loaded(model: model, cacheState: state, ledger: ledger)
  }

  /// Rebuilds the model from the whole history, calling `observe` with each commit before it is
  /// folded in (an audit computes its trend on the way), then saves it like `load` would.
  public func rebuild(observing observe: (_ time: Int64, _ model: KnowledgeModel) throws -> Void) throws -> Loaded {
    let model = KnowledgeModel()
    if let head = try repository.headCommitID() {
      let scanner = HistoryScanner(repository: repository, settings: settings, resolver: resolver)
      try scanner.scan(from: nil, to: head) { facts in
        try observe(facts.time, model)
        model.apply(facts)
        return true
      }
      model.head = head
      try KnowledgeCache(repository: repository).save(model, fingerprint: try fingerprint())
    }
    model.missingContent.warn()
    let ledger = ledgerReviews()
    fold(ledger, into: model)
    return Loaded(model: model, cacheState: "rebuilt", ledger: ledger)
  }

  /// Whether `load` would be quick: at most `newCommits` commits to read, after the cached
  /// commit when the cache is sound, else from the start. A hook that must not keep the user waiting builds the model in the background when
  /// it is not. A guess: what cannot be read here is left for `load` to report.
  public func isQuickToLoad(newCommits: Int = 500, reusingRewritten: Bool = false) -> Bool {
    guard let head = try? repository.headCommitID() else { return true }
    let cache = try? KnowledgeCache(repository: repository)
    let cached = (try? fingerprint()).flatMap { cache?.head(fingerprint: $0) }
    if cached == head { return true }
    // A cache HEAD has moved away from is rebuilt from the start, as `load` would.
    let base = cached.flatMap { reusingRewritten || (try? repository.isDescendant(head, of: $0)) == true ? $0 : nil }
    // Without a usable cache the whole history is to be read; a short one is still quick.
    var behind = 0
    let walked: Void? = try? repository.walk(WalkSpec(include: [head], exclude: base.map { [$0] } ?? [], byTimeOnly: true)) { _ in
      behind += 1
      return behind <= newCommits
    }
    return walked != nil && behind <= newCommits
  }

  /// The model of the history alone, from the cache where it can be trusted, and what the cache
  /// already knew could not be compared (`MissingContentTally`; none when rebuilt).
  func historyModel(reusingRewritten: Bool = false) throws -> (KnowledgeModel, String, MissingContentTally) {
    guard let head = try repository.headCommitID() else { return (KnowledgeModel(), "empty", MissingContentTally()) }
    let cache = try KnowledgeCache(repository: repository)
    let fingerprint = try self.fingerprint()
    let scanner = HistoryScanner(repository: repository, settings: settings, resolver: resolver)
    if let cached = cache.load(fingerprint: fingerprint), let base = cached.head {
      let known = cached.missingContent
      if base == head { return (cached, "fresh", known) }
      if (try? repository.isDescendant(head, of: base)) == true {  // unknown: rebuilt, as for any other base
        let before = cached.commitsSeen
        try scanner.scan(from: base, to: head) {
          cached.apply($0); return true
        }
        cached.head = head
        cache.save(cached, fingerprint: fingerprint)
        return (cached, "updated \(cached.commitsSeen - before) commits", known)
      }
      if reusingRewritten, repository.contains(base) {
        let before = cached.commitsSeen
        try scanner.scan(from: base, to: head) {
          cached.apply($0); return true
        }
        cached.head = head
        return (cached, "reused, \(cached.commitsSeen - before) commits added", known)
      }
    }
    let model = KnowledgeModel()
    try scanner.scan(from: nil, to: head) {
      model.apply($0); return true
    }
    model.head = head
    cache.save(model, fingerprint: fingerprint)
    return (model, "rebuilt", MissingContentTally())
  }

  /// The reviews in the ledger. A ledger that cannot be read is left out with a warning: the
  /// history alone still answers, and the user learns why the reviews do not count.
  private func ledgerReviews() -> LedgerReviews {
    do {
      return try LedgerReviews(repository: repository, resolver: resolver, abandonAfter: settings.abandonAfter)
    } catch {
      Diagnostics.warning("the reviews in the ledger cannot be read, so they are left out: \(TillitError(error))", topic: "ledger-reviews")
      return LedgerReviews()
    }
  }

  /// Feedback recorded through Tillit counts as a review of the files its commit changed.
  private func fold(_ ledger: LedgerReviews, into model: KnowledgeModel) {
    var seen: Set<String> = []
    for feedback in ledger.feedback {
      guard seen.insert(feedback.reviewer + feedback.commit.hex).inserted,
        let commit = try? repository.commit(feedback.commit),  // a reviewed commit this clone lacks: nothing to fold
        let changes = try? repository.changes(ofCommit: commit)
      else { continue }
      let reviewer = model.person(
        PersonResolver.Identity(key: feedback.reviewer, name: model.index(of: feedback.reviewer).map { model.people[Int($0)].name } ?? feedback.reviewer))
      let author = resolver.resolve(name: commit.author.name, email: commit.author.email).flatMap { model.index(of: $0.key) }
      model.applyReview(by: reviewer, author: author, paths: changes.filter { $0.status != .deleted }.map(\.newPath), at: feedback.time)
    }
  }

  /// The settings and identity files the model depends on.
  func fingerprint() throws -> String {
    var parts = [settings.modelFingerprint]
    if let workdir = repository.workdir, let mailmap = try? FileSystem.read(workdir + ".mailmap") {  // none: nothing to key
      parts.append(String(BinaryChecksum.of(mailmap[...]), radix: 16))
    }
    if let head = try repository.headCommitID(), let tree = try? repository.treeID(ofCommit: head) {  // unreadable: the scan says
      for name in [".mailmap", ".gitattributes", ".git-blame-ignore-revs"] {
        parts.append((try? repository.entry(at: RepoPath(name), inTree: tree))?.blob.hex ?? "-")  // none: "-"
      }
    }
    return parts.joined(separator: "|")
  }
}

extension KnowledgeSettings {
  /// A short text that changes whenever a setting that shapes the knowledge model changes (the
  /// model's own constants, `Trace.halfLife`, included).
  var modelFingerprint: String {
    let aliasText = aliases.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.sorted().joined(separator: ","))" }.joined(separator: ";")
    return [
      aliasText, bots.joined(separator: ","), ignore.map(\.pattern).joined(separator: ","),
      String(maxFilesPerCommit), trailers.map { $0.lowercased() }.joined(separator: ","), String(Trace.halfLife),
    ].joined(separator: "|")
  }
}
