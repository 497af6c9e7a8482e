import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// The snapshot slots on disk, for `tillit snapshots`: each one's size and whether a run holds
/// it, the budget they are measured against, and the removal of the free ones.
public struct SnapshotPool {
  public struct Slot: Sendable, Equatable {
    /// `slot-N`.
    public let name: String
    /// Bytes on disk (allocated blocks, as `du` counts them) of its work tree and its
    /// administrative folder, symlinks counted as links, never followed.
    public let bytes: Int
    /// Whether a run holds its lock.
    public let inUse: Bool
  }

  let repository: Repository
  /// `.git/tillit/snapshots`.
  let folder: String
  /// `.git/worktrees`, where git keeps the slots' administrative folders.
  let worktrees: String

  public init(repository: Repository) {
    self.repository = repository
    folder = StateDirectory(repository: repository).path + "/snapshots"
    var common = repository.commonDir
    while common.hasSuffix("/") { common.removeLast() }
    worktrees = common + "/worktrees"
  }

  /// The slots there are (a folder, a lock file or both), in number order.
  public func slots() -> [Slot] {
    slotNames().map { name in
      Slot(name: name, bytes: bytes(of: name), inUse: isHeld(name))
    }
  }

  /// What the tracked files take in a checkout, counted as the slots are: each file's size
  /// rounded up to the file system's block, as the work tree holds them (a repository of many
  /// small files takes far more than its bytes, in the work tree as in a slot).
  public func trackedBytes() throws -> Int {
    var info = statvfs()
    let block = statvfs(repository.commonDir, &info) == 0 && info.f_bsize > 0 ? Int(info.f_bsize) : 4096
    let sizes: [Int]
    if let file = IndexFile(path: repository.indexPath) {
      sizes = file.fileSizes()
    } else {
      sizes = try repository.index().entries().filter { $0.mode != .submodule }.map { repository.blobSize($0.blob) ?? 0 }
    }
    return sizes.reduce(0) { $0 + ($1 + block - 1) / block * block }
  }

  /// What the slots together may take: twice the tracked size, so one slot and what its checks
  /// built, or two slots.
  public static func budget(trackedBytes: Int) -> Int { 2 * trackedBytes }

  /// Holds the slots to the budget after a run: when there is more than one (a burst of
  /// concurrent commits made them) and the last look was over an hour ago, the free ones are
  /// removed, least recently taken first, until the rest fit. `current`, the slot this run used,
  /// stays: it holds what the checks built for the next run. Returns the slots removed.
  public func enforceBudget(keeping current: String) throws -> [Slot] {
    let names = slotNames()
    let stamp = folder + "/budget-checked"
    guard names.count > 1, (FileSystem.age(of: stamp) ?? Int.max) >= 3600 else { return [] }
    try FileSystem.writeAtomically([], to: stamp)
    let budget = Self.budget(trackedBytes: try trackedBytes())
    let slots = slots()
    var total = slots.reduce(0) { $0 + $1.bytes }
    let byAge = slots.filter { $0.name != current && !$0.inUse }
      .sorted { (FileSystem.age(of: folder + "/" + $0.name + ".lock") ?? 0) > (FileSystem.age(of: folder + "/" + $1.name + ".lock") ?? 0) }
    var removed: [Slot] = []
    for slot in byAge where total > budget {
      guard try prune(only: slot.name) else { continue }
      total -= slot.bytes
      removed.append(slot)
    }
    return removed
  }

  /// Removes every slot no run holds — its work tree, its administrative folder and its lock
  /// file, never following a symlink — under its lock, so no run can take it meanwhile. Returns
  /// the slots removed and those left because they are in use. With `unusedFor`, only slots no
  /// run has taken for that many seconds go (a run touches its slot's lock file).
  public func prune(unusedFor minimumAge: Int? = nil) throws -> (removed: [Slot], inUse: [Slot]) {
    var removed: [Slot] = []
    var inUse: [Slot] = []
    for name in slotNames() {
      if let minimumAge, (FileSystem.age(of: folder + "/" + name + ".lock") ?? 0) < minimumAge { continue }
      let size = bytes(of: name)
      if try prune(only: name) {
        removed.append(Slot(name: name, bytes: size, inUse: false))
      } else {
        inUse.append(Slot(name: name, bytes: size, inUse: true))
      }
    }
    return (removed, inUse)
  }

  /// Removes the slot `name` under its lock; false when a run holds it.
  private func prune(only name: String) throws -> Bool {
    guard let held = try lock(name) else { return false }
    defer { close(held) }
    if FileSystem.isDirectory(worktrees) { try remove(name: "tillit-" + name, in: worktrees) }
    try remove(name: name, in: folder)
    // Last, while still held: a run that opened this lock file before finds it unlinked.
    guard unlink(folder + "/" + name + ".lock") == 0 || errno == ENOENT else { throw FileError(path: folder + "/" + name + ".lock", errno: errno) }
    return true
  }

  private func remove(name: String, in parent: String) throws {
    let handle = try DirectoryHandle(opening: parent)
    guard handle.remove(Array(name.utf8)) else {
      throw FileError(path: parent + "/" + name, errno: errno == 0 ? ENOTEMPTY : errno)
    }
  }

  private func slotNames() -> [String] {
    guard FileSystem.isDirectory(folder) else { return [] }
    var numbers: Set<Int> = []
    for entry in FileSystem.entries(of: folder) where entry.hasPrefix(Snapshot.slotPrefix) {
      var digits = entry.dropFirst(Snapshot.slotPrefix.count)
      if digits.hasSuffix(".lock") { digits = digits.dropLast(5) }
      if let number = Int(digits), number >= 0, String(number) == digits { numbers.insert(number) }
    }
    return numbers.sorted().map { Snapshot.slotPrefix + String($0) }
  }

  /// Whether a run holds the slot's lock (a slot without a lock file is free).
  private func isHeld(_ name: String) -> Bool {
    let fd = open(folder + "/" + name + ".lock", O_RDWR | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return flock(fd, LOCK_EX | LOCK_NB) != 0
  }

  /// The slot's lock, taken without waiting (its file made when missing); nil when a run holds it.
  private func lock(_ name: String) throws -> Int32? {
    let path = folder + "/" + name + ".lock"
    let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw FileError(path: path, errno: errno) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      return nil
    }
    return fd
  }

  private func bytes(of name: String) -> Int {
    var seen: Set<[Int]> = []
    var total = 0
    for (parent, child) in [(folder, name), (worktrees, "tillit-" + name)] {
      guard let handle = try? DirectoryHandle(opening: parent) else { continue }  // no folder: nothing counted
      total += Self.usage(of: Array(child.utf8), in: handle, seen: &seen)
    }
    return total
  }

  /// Bytes allocated to `name` and, for a folder, everything below it; a file with several
  /// links counts once. Symlinks are measured themselves, never followed.
  private static func usage(of name: [UInt8], in parent: DirectoryHandle, seen: inout Set<[Int]>) -> Int {
    guard let info = parent.status(of: name) else { return 0 }
    if info.st_nlink > 1 && (info.st_mode & S_IFMT) != S_IFDIR {
      guard seen.insert([Int(info.st_dev), Int(info.st_ino)]).inserted else { return 0 }
    }
    var total = Int(info.st_blocks) * 512
    if (info.st_mode & S_IFMT) == S_IFDIR, let folder = try? parent.subdirectory(name) {  // gone meanwhile: its own size only
      for entry in folder.entries() { total += usage(of: entry, in: folder, seen: &seen) }
    }
    return total
  }
}
