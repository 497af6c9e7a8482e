import TillitGit

/// Reads the history as the knowledge model needs it: non-merge commits, oldest first, each
/// diffed against its first parent with renames, its people resolved and its noise filtered.
final class HistoryScanner {
  let repository: Repository
  let settings: KnowledgeSettings
  let resolver: PersonResolver
  private let filter: PathFilter
  private let ignoredRevisions: Set<ObjectID>
  private let trailerKeys: Set<String>

  init(repository: Repository, settings: KnowledgeSettings, resolver: PersonResolver) {
    self.repository = repository
    self.settings = settings
    self.resolver = resolver
    filter = PathFilter(repository: repository, ignore: settings.ignore)
    ignoredRevisions = Self.blameIgnoredRevisions(repository)
    trailerKeys = settings.trailerKeys
  }

  /// Calls `body` with each non-merge commit reachable from `head` but not from `base`, parents
  /// before children, until `body` returns false.
  func scan(from base: ObjectID?, to head: ObjectID, _ body: (CommitFacts) throws -> Bool) throws {
    try repository.walk(WalkSpec(include: [head], exclude: base.map { [$0] } ?? [], oldestFirst: true)) { id in
      let commit = try repository.commit(id)
      guard commit.parents.count <= 1 else { return true }
      return try body(try facts(of: commit))
    }
  }

  func facts(of commit: CommitInfo) throws -> CommitFacts {
    var missing = MissingContent()
    let changes = try repository.changes(ofCommit: commit, missing: &missing)
    return CommitFacts(
      id: commit.id, time: commit.committer.time,
      author: resolver.resolve(name: commit.author.name, email: commit.author.email),
      reviewers: resolver.reviewers(in: commit.message, trailers: trailerKeys),
      changes: changes, missing: missing,
      givesAuthorship: changes.count <= settings.maxFilesPerCommit && !ignoredRevisions.contains(commit.id),
      counts: filter.counts)
  }

  /// The commits `.git-blame-ignore-revs` (at HEAD) lists; none when there is no such file (what
  /// cannot be read lists nothing: a HEAD that cannot be read fails the scan itself).
  private static func blameIgnoredRevisions(_ repository: Repository) -> Set<ObjectID> {
    guard let bytes = repository.headFileContent(RepoPath(".git-blame-ignore-revs"), withoutIt: "the commits it lists count as any other")
    else { return [] }
    var ids: Set<ObjectID> = []
    for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
      let word = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map { String($0).trimmingSpaces } ?? ""
      if let id = ObjectID(hex: word) { ids.insert(id) }
    }
    return ids
  }
}
