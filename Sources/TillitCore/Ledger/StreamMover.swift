import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Moves a stream's ref with a compare-and-swap, and tells a writer when to read the stream
/// again and try once more rather than fail: another writer moved the ref first, its lock is
/// held for a moment, or its folder was removed under it (`git pack-refs --prune`, which `git gc`
/// runs, removes the folders it empties, and one can vanish between libgit2 creating it and
/// creating the ref's lock file in it). One value serves one write, however many tries it takes.
struct StreamMover {
  let repository: Repository
  /// How long a ref lock may be held before it is taken to be left by a crashed writer.
  static let staleLockSeconds = 5
  /// How many times a ref's folder may vanish under one write before that is an error.
  static let folderLosses = 100
  private var lockWaits = 0
  private var lostFolders = 0

  init(repository: Repository) { self.repository = repository }

  /// Stores the objects of `batch` that `commit` reaches as one pack, then moves `ref` to it
  /// as `move` does. The pack is kept from a `git gc` beside (`PackKeep`) until the ref names
  /// the commit, or the move has failed.
  mutating func move(_ ref: String, to commit: ObjectID, storing batch: PackedWrites, expecting expected: ObjectID?, message: String) throws -> Bool {
    let keep = try batch.store(reachableFrom: commit)
    defer { keep?.release() }
    return try move(ref, to: commit, expecting: expected, message: message)
  }

  /// Moves `ref` to `new` if it still points to `expected`; false when the writer should read
  /// the stream again and retry.
  mutating func move(_ ref: String, to new: ObjectID, expecting expected: ObjectID?, message: String) throws -> Bool {
    do {
      try repository.compareAndSwapReference(ref, to: new, expecting: expected, message: message)
      return true
    } catch ReferenceUpdateFailure.lostRace {
      return false
    } catch ReferenceUpdateFailure.locked(let lockFile) {
      lockWaits += 1
      try waitForLock(lockFile)
      return false
    } catch let error as GitError where error.isNotFound {
      // The lock file's folder is gone, or the ref was deleted since it was read.
      lostFolders += 1
      guard lostFolders < Self.folderLosses else { throw error }
      usleep(useconds_t(min(100 * lostFolders, 10_000)))
      return false
    }
  }

  /// Waits for a held lock; one older than `staleLockSeconds` was left by a crashed writer (git
  /// and libgit2 hold ref locks for microseconds) and is removed.
  private func waitForLock(_ lockFile: String) throws {
    if let age = FileSystem.age(of: lockFile), age >= Self.staleLockSeconds {
      unlink(lockFile)
      return
    }
    guard lockWaits < 400 else {
      throw LedgerError.locked("\(lockFile) has been held for a long time; if no git or tillit process is running, remove it and try again")
    }
    usleep(useconds_t(min(1000 * lockWaits, 50_000)))
  }
}
