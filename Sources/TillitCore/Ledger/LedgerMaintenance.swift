import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Keeps the object store from filling with small files. Appends store their objects as one
/// small pack each (`LedgerStore.append`), other writes (a sync, snapshots) as loose objects.
///
/// Packs: past `smallPackLimit` packs of at most `smallPackBytes` (an append's is a few KiB),
/// `git repack -d -l --geometric=2` is started in the background. It rolls the small packs up
/// into one (leaving large packs alone: a geometric progression of sizes), so an active ledger
/// keeps a handful of packs, every object is found in a few index lookups, and git's own
/// `gc.autoPackLimit` (50), past which `git gc --auto` repacks the whole repository, is never
/// reached by the ledger alone. Nothing is dropped: a roll-up keeps every object of the packs
/// it folds, reachable or not.
///
/// Loose objects: past `looseLimit` loose objects (or `gc.auto` when lower), counted as git
/// counts them from one of the 256 object folders, `git gc --auto` is started in the
/// background with that threshold. `gc.auto: 0` turns both off, as it does for git.
///
/// Two things keep this from hurting the rest of the repository. The gc runs without detaching,
/// so git never writes `gc.log` (which, when appends made during a gc leave more loose objects
/// than the threshold, would stop every `git gc --auto` for a day). And when the last gc (or
/// roll-up) left more loose objects (small packs) than the threshold, of those that were there
/// when it started, it cannot do better (unreachable objects that only git's own prune removes,
/// a git older than 2.32 without `--geometric`): no new one is started for an hour.
public enum LedgerMaintenance {
  static let looseLimit = 1_024
  static let smallPackLimit = 16
  static let smallPackBytes = 1 << 20
  /// How long a gc may hold Tillit's lock before it is taken to have died.
  static let staleLockSeconds = 600
  /// How long an unsuccessful gc keeps another from starting.
  static let retryAfterSeconds = 3_600

  public static func packIfNeeded(_ repository: Repository) {
    let configured = (try? repository.config().string("gc.auto")).flatMap { $0.flatMap { Int($0) } } ?? 6700  // unreadable: git's default
    guard configured > 0 else { return }
    let limit = min(configured, looseLimit)
    let sample = repository.commonDir + "objects/17"
    let packs = repository.commonDir + "objects/pack"
    if looseCount(sample) * 256 > limit {
      // After the gc, the loose objects it left in the sample folder are written down (those
      // older than the lock, taken when it started: appends go on writing while it runs).
      let script =
        #"git -c gc.auto="$1" -c gc.autoDetach=false gc --auto --quiet; find "$2" -maxdepth 1 -type f ! -newer "$4" 2>/dev/null | wc -l > "$3"; rm -f "$4""#
      start(script, [String(limit), sample], record: "gc.after", limit: limit / 256, in: repository)
    } else if smallPacks(packs) > smallPackLimit {
      // The same for the small packs left by the roll-up (those older than the lock).
      let script =
        #"git repack -d -l -q --geometric=2; find "$2" -maxdepth 1 -name '*.pack' -size -"$1"k ! -newer "$4" 2>/dev/null | wc -l > "$3"; rm -f "$4""#
      start(script, [String(smallPackBytes / 1024), packs], record: "fold.after", limit: smallPackLimit, in: repository)
    }
  }

  /// Starts `script` (its arguments: `arguments`, then the file it writes the count left to,
  /// then the lock it removes) in the background, unless one is running or the last one, less
  /// than `retryAfterSeconds` ago, left more than `limit`.
  private static func start(_ script: String, _ arguments: [String], record: String, limit: Int, in repository: Repository) {
    // No folder of ours to lock in (a read-only .git): no packing, which git's own gc still does.
    guard let state = try? StateDirectory(repository: repository).subdirectory("ledger") else { return }
    let lock = state + "/gc.lock"
    let after = state + "/" + record
    // The count is read from a file: compared by division, so no number in it can overflow.
    // Unreadable, there is no count of the last run's leftovers: as if none were left.
    if let age = FileSystem.age(of: after), age < retryAfterSeconds,
      let left = (try? FileSystem.readText(after)).flatMap({ Int($0.filter(\.isASCII).filter(\.isNumber)) }), left > limit
    {
      return
    }
    guard takeLock(lock) else { return }
    let launch = ProcessLaunch(
      argv: (["sh", "-c", script, "tillit-gc"] + arguments + [after, lock]).map { Array($0.utf8) },
      environment: ProcessEnvironment.entries(),
      directory: repository.workdir ?? repository.commonDir, output: .log(path: "/dev/null", append: true))
    // Not waited for: the caller's work is done.
    if (try? ProcessGroupRunner.spawn(launch)) == nil { unlink(lock) }  // not started: the next append tries again
  }

  static func looseCount(_ folder: String) -> Int { FileSystem.entries(of: folder).filter { $0.count == 38 }.count }

  /// How many packs in `folder` are small; their sizes are looked at only when there are more
  /// packs than the limit.
  static func smallPacks(_ folder: String) -> Int {
    let names = FileSystem.entries(of: folder).filter { $0.hasSuffix(".pack") }
    guard names.count > smallPackLimit else { return 0 }
    return names.filter { name in
      var info = stat()
      return stat(folder + "/" + name, &info) == 0 && Int(info.st_size) <= smallPackBytes
    }.count
  }
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
