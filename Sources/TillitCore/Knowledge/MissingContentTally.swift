import TillitGit
import TillitSystem

/// What the history's rename detection had to do without, over many commits: in a partial
/// clone (`git clone --filter=blob:none`) old files' content is missing and libgit2 cannot fetch
/// it, so renames with edits are found only by file name (see `Repository.changes(ofCommit:)`).
/// Kept with the model, so that every command answering from it says so, once.
public struct MissingContentTally: Sendable, Equatable {
  /// Commits where some file added or deleted could not be compared.
  public internal(set) var commits = 0
  public internal(set) var files = 0
  public internal(set) var pairedByName = 0

  public init() {}

  init(commits: Int, files: Int, pairedByName: Int) {
    self.commits = commits
    self.files = files
    self.pairedByName = pairedByName
  }

  public var isEmpty: Bool { files <= 0 }

  /// What was added after `earlier`, a tally of the same history up to an older commit.
  func since(_ earlier: MissingContentTally) -> MissingContentTally {
    MissingContentTally(commits: commits - earlier.commits, files: files - earlier.files, pairedByName: pairedByName - earlier.pairedByName)
  }

  mutating func add(_ missing: MissingContent) {
    guard !missing.isEmpty else { return }
    commits += 1
    files += missing.uncomparedFiles
    pairedByName += missing.pairedByName
  }

  /// The warning, once per run (whichever command part meets it first says it).
  func warn() {
    guard !isEmpty else { return }
    let filesText = files == 1 ? "1 file added or deleted" : "\(files) files added or deleted"
    let commitsText = commits == 1 ? "1 commit" : "\(commits) commits"
    let paired = pairedByName == 0 ? "" : "\(pairedByName == 1 ? "1 pair" : "\(pairedByName) pairs") matched by file name alone; otherwise "
    Diagnostics.warning(
      "\(filesText) in \(commitsText) could not be compared for renames because their content is missing from this clone "
        + "(a partial clone?); \(paired)knowledge of a renamed file may be split between its old and new names. A full clone has the content",
      topic: "missing content")
  }
}
