import TillitCore
import TillitGit
import TillitSystem

/// Turns a path typed on the command line (relative to the current directory) into one
/// relative to the repository's root.
enum RepositoryPath {
  static func relative(_ typed: String, in repository: Repository) throws -> RepoPath {
    guard let workdir = repository.workdir else { throw TillitError.usage("--files needs a repository with a working tree") }
    let resolvedRoot = PathNormalizer.resolve(workdir)
    let normalized = PathNormalizer.lexical(FileSystem.absolute(typed))
    if normalized == resolvedRoot { return RepoPath(bytes: []) }
    guard normalized.hasPrefix(resolvedRoot + "/") else {
      throw TillitError.usage("'\(typed)' is outside the repository at \(resolvedRoot)")
    }
    return RepoPath(String(normalized.dropFirst(resolvedRoot.count + 1)))
  }
}
