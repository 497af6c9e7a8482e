import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Where checks run: a linked worktree Tillit owns, one of a small pool of slots under
/// `.git/tillit/snapshots/`, each with its own index and HEAD, so `git` works inside it. A slot is
/// moved from the tree it last held to the one being checked by writing only what differs
/// (libgit2's checkout against the slot's own index); what checks leave untracked — `.build/`,
/// `target/`, `__pycache__/` — stays for the next run, so incremental builds stay incremental.
///
/// Each slot is taken under a lock (`flock` on `slot-N.lock`), so concurrent commits use
/// different slots, and a slot whose Tillit was killed is free again at once. Tracked content is
/// exactly the tree at every run: the checkout overwrites files a check edited, restores those it
/// deleted and replaces untracked files in the way of new ones. A slot found half-moved (its
/// marker left by a killed Tillit) or that will not open is rebuilt.
public final class Snapshot {
  public let path: String
  private let lock: Int32
  private let tree: ObjectID
  private let recordPath: String
  private let indexPath: String
  private let pool: SnapshotPool
  /// `slot-N`.
  private let name: String
  /// Watches what checks touch, for the next move; nil when inotify is not available.
  private let watch: SlotWatch?

  static let slotPrefix = "slot-"
  /// Slots beyond this many are not made; a run then waits for one.
  static let maximumSlots = 8
  /// A slot no run has taken for this long is removed by the next run (a week).
  static let unusedSlotAge = 7 * 86_400

  /// Takes a free slot (making one when none is free) and moves it to `tree`, HEAD at `base`,
  /// with the `shared` folders of `workTree` linked in (`SharedFolders`).
  public init(tree: ObjectID, base: ObjectID?, shared: [RepoPath] = [], workTree: String?, repository: Repository, state: StateDirectory) throws {
    let folder = try state.subdirectory("snapshots")
    let (number, lock) = try Self.takeSlot(in: folder)
    self.lock = lock
    futimens(lock, nil)  // when this slot was last taken, for pruning
    // Slots made for a burst of concurrent commits and not taken since go after a week.
    _ = try? SnapshotPool(repository: repository).prune(unusedFor: Self.unusedSlotAge)  // left for the next run on failure
    PhaseTimings.mark("snapshot slot taken")
    let slot = SnapshotSlot(folder: folder, slot: Self.slotPrefix + String(number), repository: repository)
    path = slot.path
    do {
      try slot.move(to: tree, base: base, shared: shared, workTree: workTree)
    } catch {
      close(lock)
      throw error
    }
    PhaseTimings.mark("snapshot slot moved")
    self.tree = tree
    recordPath = slot.recordPath
    indexPath = slot.indexPath
    pool = SnapshotPool(repository: repository)
    name = slot.slot
    watch = SlotWatch(slot: slot.path, tree: tree, index: slot.indexPath, repository: repository)
  }

  /// Tracked files of the slot that checks rewrote or deleted so far (a check without `fix: true`
  /// must not): their content differs from the slot's index. Empty when nothing can tell.
  public func rewrittenTrackedFiles() -> [RepoPath] {
    guard let touched = watch?.touched()?.filter({ $0.last != UInt8(ascii: "/") }), !touched.isEmpty,
      let lookup = Self.entryLookup(index: indexPath, slot: path)  // unreadable: nothing to report
    else { return [] }
    return touched.map { RepoPath(bytes: $0) }.filter { file in
      guard let entry = lookup(file), entry.mode != .submodule else { return false }
      // Deleted or replaced, a file turned into a link or back, or other content.
      guard let onDisk = DiskEntry.at(RepoPath(bytes: Array(path.utf8) + [UInt8(ascii: "/")] + file.bytes), recordedAs: file) else { return true }
      // A symlink's blob is its target: one pointed elsewhere is a rewrite too.
      return onDisk.blob != entry.blob || (onDisk.mode == .symlink) != (entry.mode == .symlink)
    }
  }

  /// Finds entries of the slot's index: read directly, or through libgit2 when it must be.
  private static func entryLookup(index: String, slot: String) -> ((RepoPath) -> FileEntry?)? {
    if let file = IndexFile(path: index) { return file.entry(at:) }
    guard let repository = try? Repository(exactly: slot), let index = try? repository.index() else { return nil }  // none: compare all
    return index.entry(at:)
  }

  /// Gives the slot back; its content stays for the next run, with a record of what the
  /// checks touched so the next move looks only at that and at what changed.
  public func release() {
    if let touched = watch?.touched() {
      // Unwritten (a full disk), there is no record, and the next move looks at every file.
      try? SlotRecord(tree: tree, touched: touched).write(to: recordPath)
    }
    // Over the budget is reported by `tillit snapshots`; a failure here costs disk, not the run.
    _ = try? pool.enforceBudget(keeping: name)
    close(lock)
  }

  /// The first slot whose lock is free, or, when all are taken, a wait for the first one.
  private static func takeSlot(in folder: String) throws -> (Int, Int32) {
    for number in 0..<maximumSlots {
      let lock = try openLock(folder, number)
      if flock(lock, LOCK_EX | LOCK_NB) == 0 && isLinked(lock) { return (number, lock) }
      close(lock)
    }
    let lock = try openLock(folder, 0)
    while flock(lock, LOCK_EX) != 0 {
      guard errno == EINTR else {
        let code = errno
        close(lock)
        throw FileError(path: folder + "/\(slotPrefix)0.lock", errno: code)
      }
    }
    guard isLinked(lock) else {  // pruned while we waited (`tillit snapshots --prune`)
      close(lock)
      return try takeSlot(in: folder)
    }
    return (0, lock)
  }

  /// Whether a lock file is still in its folder: one `tillit snapshots --prune` removed while it
  /// was being opened guards nothing.
  private static func isLinked(_ lock: Int32) -> Bool {
    var info = stat()
    return fstat(lock, &info) == 0 && info.st_nlink > 0
  }

  private static func openLock(_ folder: String, _ number: Int) throws -> Int32 {
    let lockPath = folder + "/\(slotPrefix)\(number).lock"
    let fd = open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw FileError(path: lockPath, errno: errno) }
    return fd
  }
}
