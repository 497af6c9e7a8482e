import TillitGit

/// What one commit contributes to the knowledge model.
struct CommitFacts {
  let id: ObjectID
  /// Committer time: the order history was made in.
  let time: Int64
  /// The author, nil for a bot.
  let author: PersonResolver.Identity?
  /// People named by reviewer trailers, bots left out, each once.
  let reviewers: [PersonResolver.Identity]
  /// Files changed against the first parent, renames detected.
  let changes: [FileChange]
  /// What rename detection could not compare for want of content (a partial clone).
  let missing: MissingContent
  /// False for commits listed in `.git-blame-ignore-revs` and those touching too many files.
  let givesAuthorship: Bool
  /// Whether a path counts as knowledge (not vendored, generated or ignored).
  let counts: (RepoPath) -> Bool
}
