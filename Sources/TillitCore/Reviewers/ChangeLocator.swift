import TillitGit
import TillitSystem

/// Finds the change to suggest reviewers for: a commit, a range `A..B`, or what is staged.
/// Paths are given as the knowledge model (up to HEAD) knows them.
public struct ChangeLocator {
  let repository: Repository
  let resolver: PersonResolver
  private let filter: PathFilter

  public init(base: KnowledgeBase) {
    repository = base.repository
    resolver = base.resolver
    filter = PathFilter(repository: base.repository, ignore: base.settings.ignore, forFewPaths: true)
  }

  /// `revision` may be a commit (`HEAD`, an id, a branch) or a range `A..B`.
  public func change(_ revision: String) throws -> ChangeUnderReview {
    if let range = try RevisionRange.parse(revision) {
      let ends = try repository.commits(of: range)
      return try rangeChange(from: ends.from, to: ends.to, label: range.text)
    }
    let commit = try repository.commit(try commitID(revision))
    let author = resolver.resolve(name: commit.author.name, email: commit.author.email)
    var missing = MissingContentTally()
    defer { missing.warn() }
    return ChangeUnderReview(
      label: String(commit.id.hex.prefix(12)), commit: commit.id, author: author?.key, authorName: author?.name,
      time: commit.committer.time, paths: modelPaths(try changes(of: commit, tally: &missing)))
  }

  /// The commit's changes, what rename detection could not compare counted in `tally`.
  private func changes(of commit: CommitInfo, tally: inout MissingContentTally) throws -> [FileChange] {
    var missing = MissingContent()
    defer { tally.add(missing) }
    return try repository.changes(ofCommit: commit, missing: &missing)
  }

  private func commitID(_ revision: String) throws -> ObjectID {
    try repository.commit(named: revision, alsoAccepted: "a range A..B")
  }

  /// The staged changes, by the user (`user.email`), now.
  public func staged() throws -> ChangeUnderReview {
    let changes = try repository.stagedChanges(in: try repository.index())
    let config = try repository.config()
    let author = resolver.resolve(name: try config.string("user.name") ?? "", email: try config.string("user.email") ?? "")
    return ChangeUnderReview(
      label: "staged", commit: nil, author: author?.key, authorName: author?.name,
      time: Clock.now(), paths: modelPaths(changes, staged: true))
  }

  /// Every file the non-merge commits of `from..to` changed; the author is who made most of them.
  private func rangeChange(from: ObjectID, to: ObjectID, label: String) throws -> ChangeUnderReview {
    var commits: [ObjectID] = []
    try repository.walk(WalkSpec(include: [to], exclude: [from])) {
      commits.append($0); return true
    }
    return try series(commits, to: to, label: label)
  }

  /// A patch series as one change: every file its non-merge `commits` changed; the author is
  /// who made most of them; `to` is its last commit.
  public func series(_ commits: [ObjectID], to: ObjectID, label: String) throws -> ChangeUnderReview {
    var paths: [RepoPath] = []
    var seen: Set<RepoPath> = []
    var authors: [String: (count: Int, name: String)] = [:]
    var missing = MissingContentTally()
    defer { missing.warn() }
    for id in commits {
      let commit = try repository.commit(id)
      guard commit.parents.count <= 1 else { continue }
      for path in modelPaths(try changes(of: commit, tally: &missing)) where seen.insert(path).inserted { paths.append(path) }
      if let author = resolver.resolve(name: commit.author.name, email: commit.author.email) {
        authors[author.key, default: (0, author.name)].count += 1
      }
    }
    guard !paths.isEmpty || !authors.isEmpty else {
      throw TillitError.usage("\(label) holds no commits; name a range like main..feature")
    }
    let author = authors.max { $0.value.count < $1.value.count }
    return ChangeUnderReview(
      label: label, commit: to, author: author?.key, authorName: author?.value.name,
      time: try repository.commit(to).committer.time, paths: paths)
  }

  /// The paths that count, as the model knows them: the model is up to HEAD, so a committed
  /// rename is known by its new path, a staged one (not yet committed) by its old path.
  private func modelPaths(_ changes: [FileChange], staged: Bool = false) -> [RepoPath] {
    changes.filter { filter.counts($0.newPath) }.map { staged && $0.status == .renamed ? $0.oldPath : $0.newPath }
  }
}
