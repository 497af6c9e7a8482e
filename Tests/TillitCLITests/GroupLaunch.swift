import Foundation
import TillitCore
import TillitTestSupport
import TillitSystem

extension HookedRepo {
  /// Starts `argv` in the repository in a process group of its own, as a terminal starts a
  /// command, with the pinned identities and this repository's environment; output to `log`
  /// (in the temporary root). Returns the group's leader, to signal and wait for.
  func startInItsOwnGroup(_ argv: [String], log: String) throws -> pid_t {
    var environment = ProcessInfo.processInfo.environment.merging(TempRepo.gitEnvironment) { _, new in new }
    environment.merge(self.environment) { _, new in new }
    environment["GIT_DIR"] = nil
    let launch = ProcessLaunch(
      argv: argv.map { Array($0.utf8) },
      environment: environment.map { Array("\($0.key)=\($0.value)".utf8) },
      directory: repo.path, output: .log(path: repo.root + "/" + log, append: false))
    return try ProcessGroupRunner.spawn(launch)
  }
}
