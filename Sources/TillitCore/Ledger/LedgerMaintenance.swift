import TillitGit

#if canImport(Glibc)
import Glibc
#endif

/// Keeps the object store from filling with loose objects, as git itself does: when the loose
/// objects (estimated, like git, from one of the 256 object folders) pass `gc.auto` (6700 by
/// default; 0 turns this off), `git gc --auto` is started in the background.
///
/// A lower threshold of Tillit's own was tried and dropped: appends made while a gc runs leave
/// more loose objects than that when it ends, git then records "too many unreachable loose
/// objects" in `gc.log`, and every `git gc --auto` (git's own too) stops for a day.
public enum LedgerMaintenance {
  public static func packIfNeeded(_ repository: Repository) {
    let limit = (try? repository.config().string("gc.auto")).flatMap { $0.flatMap { Int($0) } } ?? 6700
    guard limit > 0 else { return }
    let sample = repository.commonDir + "objects/17"
    let loose = FileSystem.entries(of: sample).filter { $0.count == 38 }.count
    guard loose * 256 > limit else { return }
    let launch = ProcessLaunch(
      argv: ["git", "gc", "--auto", "--quiet"].map { Array($0.utf8) },
      environment: ProcessEnvironment.entries(),
      directory: repository.workdir ?? repository.commonDir, output: .log(path: "/dev/null", append: true))
    // Not waited for: git gc takes its own lock, and the caller's work is done.
    _ = try? ProcessGroupRunner.spawn(launch)
  }
}
