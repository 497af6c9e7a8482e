import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// One slot of the snapshot pool on disk: its work tree (`.git/tillit/snapshots/slot-N/`) and the
/// linked worktree's administrative folder git knows it by (`.git/worktrees/tillit-slot-N/`,
/// locked so `git worktree prune` leaves it alone). Used only under the slot's lock.
struct SnapshotSlot {
  /// `.git/tillit/snapshots`.
  let folder: String
  /// `slot-N`.
  let slot: String
  let repository: Repository

  var path: String { folder + "/" + slot }
  /// The linked worktree's name: `tillit-slot-N`.
  private var name: String { "tillit-" + slot }

  private var administration: String {
    var common = repository.commonDir
    while common.hasSuffix("/") { common.removeLast() }
    return common + "/worktrees/" + name
  }

  /// The slot's own index.
  var indexPath: String { administration + "/index" }

  /// Left while the slot moves; found at the next move, it means a Tillit was killed half-way.
  private var marker: String { administration + "/tillit-moving" }

  /// The folders shared into the slot at its last move, one per line.
  private var sharedRecord: String { administration + "/tillit-shared" }

  /// Makes the slot hold exactly `tree`, with HEAD at `base`, and `shared` folders of
  /// `workTree` linked in.
  func move(to tree: ObjectID, base: ObjectID?, shared: [RepoPath], workTree: String?) throws {
    // What the last run left: the tree it held and what its checks touched. Taken away at once,
    // so a run killed before it records its own leaves none, and the next move looks at everything.
    var left = SlotRecord.take(from: recordPath)
    if !isSound {
      try rebuild()
      left = nil
    }
    // Links go before the checkout and come back after it, so it never writes through them.
    let linked = ((try? FileSystem.read(sharedRecord)) ?? []).split(separator: UInt8(ascii: "\n")).map { RepoPath(bytes: Array($0)) }  // no record: none
    SharedFolders.unlink(linked, in: path)
    unlink(sharedRecord)
    let halfMoved = FileSystem.exists(marker)
    if halfMoved { unlink(administration + "/index") }  // compare every file again
    try FileSystem.writeAtomically([], to: marker)
    do {
      try checkout(tree, base: base, only: halfMoved ? nil : try left?.paths(toReach: tree, in: repository))
    } catch let error as GitError where !error.isEnvironment {
      // Damaged beyond what a checkout mends (an unreadable index, a broken HEAD): from nothing.
      try rebuild()
      try FileSystem.writeAtomically([], to: marker)
      try checkout(tree, base: base)
    }
    if let workTree, !shared.isEmpty {
      try FileSystem.writeAtomically(Array(shared.map(\.bytes).joined(separator: [UInt8(ascii: "\n")])), to: sharedRecord)
      try SharedFolders.link(shared, into: path, from: workTree)
    }
    unlink(marker)
  }

  /// Moves the slot to `tree`; with `only`, just those paths can differ (none: nothing to write).
  /// Those are written by `SlotCheckout` where it applies, else by libgit2's checkout. An index
  /// that is not the one the last move left (a check ran `git add` in the slot) is compared
  /// whole.
  private func checkout(_ tree: ObjectID, base: ObjectID?, only paths: [RepoPath]? = nil) throws {
    let slot = try Repository(exactly: path)
    if try slot.headCommitID() != base { try slot.detachHead(at: base) }  // unchanged: no reflog line per run
    let index = indexPath
    let paths = indexStamp(of: index) == (try? FileSystem.read(indexStampPath)) ? paths : nil  // unreadable: compare all
    if let paths, paths.isEmpty { return }
    if let paths, try SlotCheckout(repository: repository, slotPath: path, indexPath: index).move(to: tree, paths: paths) {
      try FileSystem.writeAtomically(indexStamp(of: index), to: indexStampPath)
      return
    }
    unlink(indexStampPath)
    try slot.forceCheckout(tree: tree, paths: paths)
    try FileSystem.writeAtomically(indexStamp(of: index), to: indexStampPath)
  }

  /// The index file's identity and size and time as the last move left it.
  private var indexStampPath: String { administration + "/tillit-index" }

  private func indexStamp(of index: String) -> [UInt8] {
    var info = stat()
    guard lstat(index, &info) == 0 else { return [] }
    return Array("\(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)\n".utf8)
  }

  /// Where `SlotRecord` keeps what a run left.
  var recordPath: String { administration + "/tillit-record" }

  /// Whether the work tree and the administrative folder still point at each other.
  private var isSound: Bool {
    guard let link = try? FileSystem.readText(path + "/.git"),  // missing or unreadable: rebuild
      link == "gitdir: \(administration)\n",
      let back = try? FileSystem.readText(administration + "/gitdir"), back == "\(path)/.git\n",  // likewise
      FileSystem.exists(administration + "/HEAD"), FileSystem.exists(administration + "/commondir")
    else { return false }
    return true
  }

  /// Removes whatever is there, without following symlinks a check may have left, and makes an
  /// empty linked worktree.
  private func rebuild() throws {
    try DirectoryHandle(opening: folder).remove(Array(slot.utf8))
    let worktrees = String(administration.dropLast(name.utf8.count + 1))
    try FileSystem.makeDirectories(worktrees)
    try DirectoryHandle(opening: worktrees).remove(Array(name.utf8))
    try FileSystem.makeDirectories(administration)
    try FileSystem.makeDirectories(path)
    try FileSystem.writeAtomically(Array("../..\n".utf8), to: administration + "/commondir")
    try FileSystem.writeAtomically(Array("\(path)/.git\n".utf8), to: administration + "/gitdir")
    try FileSystem.writeAtomically(Array("ref: refs/heads/tillit-unborn\n".utf8), to: administration + "/HEAD")
    try FileSystem.writeAtomically(Array("a snapshot slot of Tillit's (tillit snapshots)\n".utf8), to: administration + "/locked")
    try FileSystem.writeAtomically(Array("gitdir: \(administration)\n".utf8), to: path + "/.git")
  }
}
