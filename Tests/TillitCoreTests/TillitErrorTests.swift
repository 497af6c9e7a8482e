import Testing
@testable import TillitCore
import TillitGit
import TillitSystem

/// Every error reads as one sentence with the exit code the README promises.
@Suite struct TillitErrorTests {
  struct Unknown: Error, CustomStringConvertible { var description: String { "something odd" } }

  @Test func eachKindOfErrorHasItsExitCode() {
    #expect(TillitError(FileError(path: "/x", errno: 28)).exit.code == 3)
    #expect(TillitError(ConfigError(file: ".tillit.yml", line: 3, key: "run", problem: "is missing")).exit.code == 2)
    #expect(TillitError(CheckError.usage("no such check")).exit.code == 2)
    #expect(TillitError(CheckError.untrusted("not approved")).exit.code == 1)
    #expect(TillitError(LedgerError.tooLarge(70_000)).exit.code == 2)
    #expect(TillitError(LedgerError.locked("held")).exit.code == 3)
    let unknown = TillitError(Unknown())
    #expect(unknown.exit.code == 1 && unknown.description == "something odd")
  }

  @Test func theHintFollowsTheMessage() {
    let error = TillitError.usage("'x' names no commit here", hint: "give a commit such as HEAD~1")
    #expect(error.description == "'x' names no commit here; give a commit such as HEAD~1")
    #expect(TillitError(error).exit == .usage)
  }

  /// libgit2's numbers: GIT_ENOTFOUND -3, GIT_ELOCKED -14, GIT_ERROR_OS class 2.
  @Test func libgit2sFailuresReadAsPlainWordsWithTheirCode() {
    let missing = TillitError(GitError(call: "git_revparse_single", code: -3, message: "revspec 'nosuch' not found", errorClass: 3))
    #expect(missing.exit == .usage)
    #expect(!missing.description.contains("git_revparse_single") && !missing.description.contains("returned"))
    let locked = TillitError(GitError(call: "git_reference_create", code: -14, message: "failed to lock file 'x.lock' for writing", errorClass: 2))
    #expect(locked.exit == .environment)
    #expect(locked.description.contains("another git process holds the lock"))
    let readOnly = TillitError(GitError(call: "git_odb_write", code: -1, message: "Read-only file system", errorClass: 2))
    #expect(readOnly.exit == .environment)
    let libgit2Internals = GitError(call: "git_object_peel", code: -12, message: "the git_object of id 'ab' can not be peeled (git_object_t=1).", errorClass: 3)
    #expect(!"\(libgit2Internals)".contains("git_"), "\(libgit2Internals)")
  }
}
