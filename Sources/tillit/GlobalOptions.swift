import ArgumentParser
import TillitCore
import TillitGit
import TillitSystem

struct GlobalOptions: ParsableArguments {
  @Option(name: .customLong("repo"), help: ArgumentHelp("The repository to work in (default: the one containing the current directory).", valueName: "dir"))
  var directory: String?

  /// The repository, opened as git would: from --repo, or from GIT_DIR and the current directory.
  /// A remote added after `tillit install` gets the ledger's fetch rule here, said once.
  func openRepository() throws -> Repository {
    do {
      let repository = try Repository(discoveringFrom: directory)
      for remote in LedgerSync.addMissingFetchRules(repository) {
        Output.error("tillit: git fetch \(remote) now brings its ledger into refs/tillit/remotes/\(remote)/ (the remote was added after tillit install)\n")
      }
      return repository
    } catch let error as GitError where error.isNotFound {
      throw TillitError.usage("\(directory ?? "the current directory") is not inside a git repository (run git init first, or pass --repo DIR)")
    }
  }
}
