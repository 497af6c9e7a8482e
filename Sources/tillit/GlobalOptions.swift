import ArgumentParser
import TillitCore
import TillitGit

struct GlobalOptions: ParsableArguments {
  @Option(name: .customLong("repo"), help: ArgumentHelp("The repository to work in (default: the one containing the current directory).", valueName: "dir"))
  var directory: String?

  /// The repository, opened as git would: from --repo, or from GIT_DIR and the current directory.
  func openRepository() throws -> Repository {
    do {
      return try Repository(discoveringFrom: directory)
    } catch let error as GitError where error.isNotFound {
      throw TillitError.usage("\(directory ?? "the current directory") is not inside a git repository (run git init first, or pass --repo DIR)")
    }
  }
}
