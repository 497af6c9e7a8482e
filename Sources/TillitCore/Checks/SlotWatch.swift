import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Watches, while checks run, every folder of a snapshot slot that holds tracked files
/// (inotify), so that the next move learns which tracked files a check wrote, deleted or
/// renamed without looking at every file: the move then costs what changed, not the repository.
/// When a watch cannot be added or the kernel drops events, it says so, and the next move looks
/// at every file.
final class SlotWatch {
  private let descriptor: Int32
  /// Each watch's folder, relative to the slot, ending in `/` (empty for the slot's root).
  private var folders: [Int32: [UInt8]] = [:]
  private var isComplete = true
  /// Everything seen so far: `touched()` may be asked more than once.
  private var seen: Set<[UInt8]> = []

  static let events = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

  /// Watches the folders of `tree` in the slot at `path`, found in the slot's index (which holds
  /// `tree` after a move) or, when that cannot be read directly, in the tree's objects; nil when
  /// inotify is not available.
  init?(slot path: String, tree: ObjectID, index: String, repository: Repository) {
    descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    guard descriptor >= 0 else { return nil }
    if let file = IndexFile(path: index) {
      for folder in file.folders() where !add(folder, in: path) { break }
      return
    }
    do {
      try watch(tree, folder: [], in: path, repository: repository)
    } catch {
      isComplete = false  // a tree that cannot be read: the next move looks at everything
    }
  }

  /// Closing the last reference to an inotify descriptor waits for the kernel to retire its
  /// watches (an RCU grace period, 10–20 ms measured): the guard process keeps one and closes it
  /// after Tillit has exited.
  deinit {
    ProcessGuard.handOver(descriptor)
    close(descriptor)
  }

  /// Watches `folder` (relative to the slot, ending in `/`); false when it cannot, and the
  /// watch is then incomplete.
  private func add(_ folder: [UInt8], in slot: String) -> Bool {
    let full = RepoPath(bytes: Array(slot.utf8) + [UInt8(ascii: "/")] + folder)
    let watchID = full.withCString { inotify_add_watch(descriptor, $0, Self.events | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW)) }
    guard watchID >= 0 else {
      isComplete = false
      return false
    }
    folders[watchID] = folder
    return true
  }

  private func watch(_ tree: ObjectID, folder: [UInt8], in slot: String, repository: Repository) throws {
    guard add(folder, in: slot) else { return }
    var subtrees: [([UInt8], ObjectID)] = []
    try repository.eachTreeEntry(tree) { name, id, kind in
      if kind == .tree { subtrees.append((folder + Array(name) + [UInt8(ascii: "/")], id)) }
    }
    for (subfolder, id) in subtrees { try watch(id, folder: subfolder, in: slot, repository: repository) }
  }

  /// The slot's paths touched since the watch began — files, and folders ending in `/` — or nil
  /// when some may have gone unseen.
  func touched() -> [[UInt8]]? {
    guard isComplete else { return nil }
    defer { if !isComplete { seen = [] } }
    var paths = seen
    defer { seen = paths }
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    let header = MemoryLayout<inotify_event>.size
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        guard count == 0 || errno == EAGAIN else {
          isComplete = false
          return nil
        }
        return paths.sorted { $0.lexicographicallyPrecedes($1) }
      }
      var offset = 0
      while offset + header <= count {
        let (watchID, mask, length) = buffer.withUnsafeBytes { raw in
          (
            raw.load(fromByteOffset: offset, as: Int32.self), raw.load(fromByteOffset: offset + 4, as: UInt32.self),
            Int(raw.load(fromByteOffset: offset + 12, as: UInt32.self))
          )
        }
        let name = Array(buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 })
        offset += header + length
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
          isComplete = false
          return nil
        }
        guard let folder = folders[watchID] else { continue }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
          paths.insert(folder.isEmpty ? [UInt8(ascii: "/")] : folder)
        } else if mask & UInt32(IN_ISDIR) != 0 {
          // A folder made or moved in holds only untracked files; one deleted or moved away may
          // have held tracked ones.
          if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 { paths.insert(folder + name + [UInt8(ascii: "/")]) }
        } else if !name.isEmpty {
          paths.insert(folder + name)
        }
      }
    }
  }
}
