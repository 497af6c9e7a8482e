import TillitGit
import TillitSystem

/// The maintainers' audit: how knowledge, reviews and check feedback are spread, now and quarter
/// by quarter over a window.
public struct Audit {
  public struct Options: Sendable {
    /// The window's start (seconds since 1970); default: two years before the latest activity.
    public var since: Int64?
    /// Only files under this folder count ("" for all).
    public var path: RepoPath = RepoPath(bytes: [])
    public init() {}
  }

  public struct TrendPoint: Sendable, Equatable {
    /// The quarter's label ("2025Q3") and its end (seconds since 1970).
    public let quarter: String
    public let end: Int64
    public let truckFactor: Int
    public let files: Int
    public let filesAtRisk: Int
    public var coverage: Double
  }

  public struct Report: Sendable {
    public let head: ObjectID
    public let since: Int64
    /// When "active" is measured from: the project's latest activity.
    public let reference: Int64
    public let path: RepoPath
    public let people: [Person]
    public let spread: KnowledgeSpread
    public let folders: [KnowledgeSpread.Folder]
    public let reviews: ReviewHealth
    public let checks: CheckHealth
    public let trend: [TrendPoint]
    public let cacheState: String
    /// How long without activity makes a person inactive, in days.
    public let referenceWindowDays: Double
    /// Emails that look like another person's second email (`tillit people --suggest`): each
    /// splits someone's knowledge and can inflate the truck factor.
    public let probableDuplicates: Int
    /// Claims whose owners left or went quiet on what they own, and files at risk nobody owns.
    public let ownership: OwnershipDrift
    /// The commit trailers that name a reviewer (`reviewers.trailers`, `--trailer`).
    public let reviewTrailers: [String]

    public func person(_ index: Int32) -> Person { people[Int(index)] }
  }

  /// The most quarters a trend shows, the latest ones: a century. An early `--since` or a
  /// commit dated far ahead would otherwise ask for thousands of points.
  static let longestTrend = 400

  let base: KnowledgeBase

  public init(base: KnowledgeBase) { self.base = base }

  public func run(_ options: Options) throws -> Report {
    let repository = base.repository
    guard let head = try repository.headCommitID() else {
      throw TillitError.usage("this repository has no commits yet; there is nothing to audit")
    }
    let headTime = try repository.commit(head).committer.time
    let universe = try currentFiles(head: head, prefix: options.path)
    if universe.isEmpty && !options.path.bytes.isEmpty {
      throw TillitError.usage("there are no files under '\(options.path)' at HEAD; name a folder the repository has")
    }
    let cache = try TrendCache(repository: repository, fingerprint: base.fingerprint() + "|" + options.path.description)
    let since = options.since ?? Quarter.start(of: headTime - 2 * 365 * 86_400)
    var boundaries: [Int64] = []
    var boundary = Quarter.next(after: Quarter.start(of: since))
    while boundary <= headTime {
      boundaries.append(boundary)
      boundary = Quarter.next(after: boundary)
    }
    boundaries = Array(boundaries.suffix(Self.longestTrend))
    var points = boundaries.compactMap { cache.point(at: $0, validFor: head, in: repository) }
    let loaded: KnowledgeBase.Loaded
    if points.count == boundaries.count {
      loaded = try base.load()
    } else {
      points = []
      var pending = boundaries[...]
      loaded = try base.rebuild { time, model in
        while let next = pending.first, time >= next {
          pending.removeFirst()
          points.append(Self.point(model: model, at: next, prefix: options.path, settings: base.settings, hasLeft: base.resolver.hasLeft))
        }
      }
      for end in pending {
        points.append(Self.point(model: loaded.model, at: end, prefix: options.path, settings: base.settings, hasLeft: base.resolver.hasLeft))
      }
      cache.save(points, head: head)
    }
    let model = loaded.model
    let reference = max(model.latestActivity ?? headTime, headTime)
    let active = activity(model, reference: reference)
    let spread = KnowledgeSpread(model: model, paths: universe, active: active)
    let window = try windowCommits(head: head, since: since, ledger: loaded.ledger)
    var trend = points
    for index in trend.indices {
      let start = index == 0 ? since : trend[index - 1].end
      trend[index].coverage = Self.coverage(window.filter { $0.time >= start && $0.time < trend[index].end })
    }
    let last = trend.last?.end ?? since
    trend.append(
      TrendPoint(
        quarter: Quarter.label(reference) + " (to date)", end: reference, truckFactor: spread.truckFactor.factor,
        files: spread.files.count, filesAtRisk: spread.atRisk.count,
        coverage: Self.coverage(window.filter { $0.time >= last })))
    return Report(
      head: head, since: since, reference: reference, path: options.path, people: model.people, spread: spread,
      folders: spread.folders(depth: 2), reviews: ReviewHealth(commits: window, ledger: loaded.ledger, since: since),
      checks: try CheckHealth(repository: repository, since: since), trend: trend,
      cacheState: loaded.cacheState, referenceWindowDays: base.settings.inactiveAfter / 86_400,
      probableDuplicates: DuplicatePeople.duplicates(in: try PeopleReview(base: base, model: model).suggestions),
      ownership: OwnershipDrift(
        claims: PathClaims.orWarning(repository), files: universe, atRisk: spread.atRisk.map(\.path),
        base: base, model: model, reference: reference),
      reviewTrailers: base.settings.trailers)
  }

  private func activity(_ model: KnowledgeModel, reference: Int64) -> (Int32) -> Bool {
    let (settings, resolver) = (base.settings, base.resolver)
    return { model.isActive($0, at: reference, settings: settings, hasLeft: resolver.hasLeft) }
  }

  /// The files at HEAD that count as knowledge, under the prefix.
  private func currentFiles(head: ObjectID, prefix: RepoPath) throws -> [RepoPath] {
    let filter = PathFilter(repository: base.repository, ignore: base.settings.ignore)
    let folder = prefix.bytes.isEmpty ? [] : prefix.bytes + [UInt8(ascii: "/")]
    return try base.repository.files(inTree: try base.repository.treeID(ofCommit: head))
      .map(\.path).filter { ($0 == prefix || $0.bytes.starts(with: folder)) && filter.counts($0) }
  }

  /// The non-merge commits made since `since`, each with who reviewed it (trailers, ledger
  /// feedback and imported reviews; the author's own left out).
  private func windowCommits(head: ObjectID, since: Int64, ledger: LedgerReviews) throws -> [ReviewHealth.ReviewedCommit] {
    let trailers = base.settings.trailerKeys
    var ledgerReviewers: [ObjectID: Set<String>] = [:]
    for review in ledger.feedback + ledger.imported { ledgerReviewers[review.commit, default: []].insert(review.reviewer) }
    var commits: [ReviewHealth.ReviewedCommit] = []
    var olderInARow = 0
    try base.repository.walk(WalkSpec(include: [head], byTimeOnly: true)) { id in
      let commit = try base.repository.commit(id)
      guard commit.committer.time >= since else {
        // Newest first by commit time: once a long run of commits is older than the window,
        // the rest are too (a run allows for clocks that were off).
        olderInARow += 1
        return olderInARow < 500
      }
      olderInARow = 0
      guard commit.parents.count <= 1 else { return true }
      let author = base.resolver.resolve(name: commit.author.name, email: commit.author.email)?.key
      var reviewers = Set(base.resolver.reviewers(in: commit.message, trailers: trailers).map(\.key)).union(ledgerReviewers[id] ?? [])
      if let author { reviewers.remove(author) }
      commits.append(ReviewHealth.ReviewedCommit(id: id, time: commit.committer.time, reviewers: reviewers))
      return true
    }
    return commits
  }

  static func coverage(_ commits: [ReviewHealth.ReviewedCommit]) -> Double {
    commits.isEmpty ? 0 : Double(commits.filter { !$0.reviewers.isEmpty }.count) / Double(commits.count)
  }

  /// The truck factor and files at risk of the files the model knows at the end of a quarter.
  static func point(model: KnowledgeModel, at end: Int64, prefix: RepoPath, settings: KnowledgeSettings, hasLeft: (String) -> Bool) -> TrendPoint {
    let folder = prefix.bytes.isEmpty ? [] : prefix.bytes + [UInt8(ascii: "/")]
    let paths = model.files.keys.filter { $0.bytes.starts(with: folder) }
    // Only activity up to the quarter's end counts (the replay may have folded in a few
    // commits dated later).
    let spread = KnowledgeSpread(model: model, paths: paths) { person in
      model.people[Int(person)].lastActive <= end && model.isActive(person, at: end, settings: settings, hasLeft: hasLeft)
    }
    return TrendPoint(
      quarter: Quarter.label(end - 1), end: end, truckFactor: spread.truckFactor.factor, files: paths.count,
      filesAtRisk: spread.atRisk.count, coverage: 0)
  }
}
