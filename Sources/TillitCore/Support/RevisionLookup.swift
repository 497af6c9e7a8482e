import TillitGit

extension Repository {
  /// The commit `revision` names, or a usage error that says so in words and what to give
  /// instead (`alsoAccepted` names any other form the command takes, such as a range).
  public func commit(named revision: String, alsoAccepted: String? = nil) throws -> ObjectID {
    do {
      return try resolveCommit(revision)
    } catch let error as GitError {
      let why = error.isNotFound ? "names no commit here" : "cannot be read as a commit (\(error.message))"
      let forms = "a commit such as HEAD~1, a branch or an id" + (alsoAccepted.map { ", or \($0)" } ?? "")
      throw LedgerError.usage("'\(revision)' \(why); give \(forms)")
    }
  }
}
