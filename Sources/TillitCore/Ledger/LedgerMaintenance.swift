import TillitGit

#if canImport(Glibc)
import Glibc
#endif

/// Keeps the object store from filling with loose objects. Every append writes five small files
/// (its event, three trees, a commit), and on a file system with 4 KiB blocks each costs a block:
/// at git's own threshold (`gc.auto`, 6,700 loose objects) that is 26 MiB of loose objects
/// before anything is packed. So past `loosePackLimit` (512) loose objects, or `gc.auto` when that is
/// lower, `git gc --auto` is started in the background with that threshold: it packs the loose
/// objects into one pack (and, as git does, joins packs once there are more than
/// `gc.autoPackLimit`). `gc.auto` set to 0 turns this off, as it does for git. The count is
/// estimated as git estimates it, from one of the 256 object folders.
public enum LedgerMaintenance {
  static let loosePackLimit = 512

  public static func packIfNeeded(_ repository: Repository) {
    let configured = (try? repository.config().string("gc.auto")).flatMap { $0.flatMap { Int($0) } } ?? 6700
    guard configured > 0 else { return }
    let limit = min(configured, loosePackLimit)
    let sample = repository.commonDir + "objects/17"
    let loose = FileSystem.entries(of: sample).filter { $0.count == 38 }.count
    guard loose * 256 > limit else { return }
    let launch = ProcessLaunch(
      argv: ["git", "-c", "gc.auto=\(limit)", "gc", "--auto", "--quiet"].map { Array($0.utf8) },
      environment: ProcessEnvironment.entries(),
      directory: repository.workdir ?? repository.commonDir, output: .log(path: "/dev/null", append: true))
    // Not waited for: git gc takes its own lock, and the caller's work is done.
    _ = try? ProcessGroupRunner.spawn(launch)
  }
}
