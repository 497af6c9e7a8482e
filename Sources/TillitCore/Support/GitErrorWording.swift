import TillitGit
import TillitSystem

/// How libgit2's failures read to a user, by their kind: the environment's fault (3), or the
/// repository's content or the user's input (2). `GitError`'s own description is already
/// plain words; here it gets what to do.
extension GitError: TillitErrorConvertible {
  public var tillitError: TillitError {
    switch reason {
    case .environment:
      return .environment("the repository cannot be written: \(self)", hint: "check free space and that .git is writable, then try again")
    case .locked:
      return .environment("git: \(self)", hint: "wait for it to finish and try again; if no git process is running, remove the .lock file")
    default:
      return .usage("git: \(self)")
    }
  }
}

extension MalformedTreeError: TillitErrorConvertible {
  public var tillitError: TillitError { .usage(description) }
}
