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
  /// The packs of tries that left the stream as it was, kept until the write is over.
  private var keeps: [PackKeep] = []

  init(repository: Repository) { self.repository = repository }

  /// Stores the objects of `batch` that `commit` reaches as one pack, then moves `ref` to it
  /// as `move` does. The pack is kept from a `git gc` beside (`PackKeep`) until the ref names
  /// the commit, or another writer has moved the ref first. A try that found the ref locked, or
  /// its folder gone, leaves the stream as it was, so the next try writes the very same commit
  /// (same tip, same second) and stores it as a pack of the very same name: that pack stays
  /// kept until the write is over (this value's end). Released in between, it could be listed
  /// as unkept by a repack beside, whose pack-objects then saw it kept again and left the
  /// commit out of its own pack — and the repack deleted it by name when it finished, though
  /// the ref named its commit by then (the stream's tip lost, under a `git gc` loop beside
  /// three writers, in about one run in three).
  mutating func move(_ ref: String, to commit: ObjectID, storing batch: PackedWrites, expecting expected: ObjectID?, message: String) throws -> Bool {
    let keep = try batch.store(reachableFrom: commit)
    switch try attempt(ref, to: commit, expecting: expected, message: message) {
    case .moved:
      keep?.release()
      return true
    case .raced:
      // The stream moved: no later try writes this commit again.
      keep?.release()
      return false
    case .again:
      if let keep { keeps.append(keep) }
      return false
    }
  }

  /// Moves `ref` to `new` if it still points to `expected`; false when the writer should read
  /// the stream again and retry.
  mutating func move(_ ref: String, to new: ObjectID, expecting expected: ObjectID?, message: String) throws -> Bool {
    try attempt(ref, to: new, expecting: expected, message: message) == .moved
  }

  private enum Attempt {
    /// The ref names the new commit.
    case moved
    /// Another writer moved the ref first.
    case raced
    /// The ref has not moved: its lock was held, or its folder removed, for a moment.
    case again
  }

  private mutating func attempt(_ ref: String, to new: ObjectID, expecting expected: ObjectID?, message: String) throws -> Attempt {
    do {
      try repository.compareAndSwapReference(ref, to: new, expecting: expected, message: message)
      return .moved
    } catch ReferenceUpdateFailure.lostRace {
      return .raced
    } catch ReferenceUpdateFailure.locked(let lockFile) {
      lockWaits += 1
      try waitForLock(lockFile)
      return .again
    } catch let error as GitError where error.isNotFound {
      // The lock file's folder is gone, or the ref was deleted since it was read.
      lostFolders += 1
      guard lostFolders < Self.folderLosses else { throw error }
      usleep(useconds_t(min(100 * lostFolders, 10_000)))
      return .again
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
