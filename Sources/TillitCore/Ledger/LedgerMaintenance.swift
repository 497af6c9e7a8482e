import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Keeps the object store from filling with loose objects. Every append writes five small files
/// (its event, three trees, a commit), a file-system block each, so at git's own threshold
/// (`gc.auto`, 6,700 loose objects) an active ledger carries up to 30 MiB of loose files. Past
/// `looseLimit` loose objects (or `gc.auto` when lower; 0 turns this off, as for git), counted
/// as git counts them from one of the 256 object folders, `git gc --auto` is started in the
/// background with that threshold.
///
/// Two things keep this from hurting the rest of the repository. The gc runs without detaching,
/// so git never writes `gc.log` (which, when appends made during a gc leave more loose objects
/// than the threshold, would stop every `git gc --auto` for a day). And when the last gc left
/// more loose objects than the threshold, of those that were there when it started, they are
/// unreachable ones that only git's own prune (after two weeks) removes: no new gc is started
/// for an hour.
public enum LedgerMaintenance {
  static let looseLimit = 1_024
  /// How long a gc may hold Tillit's lock before it is taken to have died.
  static let staleLockSeconds = 600
  /// How long an unsuccessful gc keeps another from starting.
  static let retryAfterSeconds = 3_600

  public static func packIfNeeded(_ repository: Repository) {
    let configured = (try? repository.config().string("gc.auto")).flatMap { $0.flatMap { Int($0) } } ?? 6700  // unreadable: git's default
    guard configured > 0 else { return }
    let limit = min(configured, looseLimit)
    let sample = repository.commonDir + "objects/17"
    // No folder of ours to lock in (a read-only .git): no packing, which git's own gc still does.
    guard looseCount(sample) * 256 > limit, let state = try? StateDirectory(repository: repository).subdirectory("ledger") else { return }
    let lock = state + "/gc.lock"
    let after = state + "/gc.after"
    // The count is read from a file: compared by division, so no number in it can overflow.
    // Unreadable, there is no count of the last gc's leftovers: as if none were left.
    if let age = FileSystem.age(of: after), age < retryAfterSeconds,
      let left = (try? FileSystem.readText(after)).flatMap({ Int($0.filter(\.isASCII).filter(\.isNumber)) }), left > limit / 256
    {
      return
    }
    guard takeLock(lock) else { return }
    // After the gc, the loose objects it left in the sample folder are written down (those older
    // than the lock, taken when it started: appends go on writing while it runs), and the lock
    // is let go.
    let script =
      #"git -c gc.auto="$1" -c gc.autoDetach=false gc --auto --quiet; find "$2" -maxdepth 1 -type f ! -newer "$4" 2>/dev/null | wc -l > "$3"; rm -f "$4""#
    let launch = ProcessLaunch(
      argv: ["sh", "-c", script, "tillit-gc", String(limit), sample, after, lock].map { Array($0.utf8) },
      environment: ProcessEnvironment.entries(),
      directory: repository.workdir ?? repository.commonDir, output: .log(path: "/dev/null", append: true))
    // Not waited for: the caller's work is done.
    if (try? ProcessGroupRunner.spawn(launch)) == nil { unlink(lock) }  // not started: the next append tries again
  }

  static func looseCount(_ folder: String) -> Int { FileSystem.entries(of: folder).filter { $0.count == 38 }.count }

  /// Creates `path` unless it exists; one older than `staleLockSeconds` was left by a gc that
  /// died and is taken over.
  static func takeLock(_ path: String) -> Bool {
    if let age = FileSystem.age(of: path), age >= staleLockSeconds { unlink(path) }
    let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o644)
    guard descriptor >= 0 else { return false }
    close(descriptor)
    return true
  }
}
