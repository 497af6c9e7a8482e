import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Applies what fixers changed — the staged tree `staged` against the fixed tree `fixed` — to
/// the index and the work tree, never overwriting an unstaged edit:
/// - the index takes every fixed file;
/// - a work-tree file equal to its staged copy is replaced by the fixed one;
/// - one with unstaged edits gets the fix merged in (three-way, staged copy as the base) when
///   the merge is clean, and is otherwise left alone, its fix saved as a patch.
/// The whole fix is saved as a patch under `.git/tillit/fixes/` first, then the index is written,
/// then the work tree, each file replaced by a rename: a kill at any moment loses nothing.
struct FixApplier {
  let repository: Repository
  let state: StateDirectory

  struct Outcome {
    /// Files whose fix is now in the index and the work tree.
    var applied: [RepoPath] = []
    /// Files whose fix is in the index only: their unstaged edits would not merge with it.
    var keptUnstaged: [RepoPath] = []
    /// The saved patch of everything fixed.
    var patch: String?
  }

  /// Applies `differences`: what the fixers changed, the staged tree against the fixed one.
  func apply(_ differences: [(path: RepoPath, old: FileEntry?, new: FileEntry?)]) throws -> Outcome {
    var outcome = Outcome()
    guard !differences.isEmpty else { return outcome }
    var patch: [UInt8] = []
    for difference in differences {
      patch += try repository.patch(of: difference.path, from: try content(difference.old), to: try content(difference.new))
    }
    let folder = try state.subdirectory("fixes")
    let patchPath = folder + "/fix-\(Timestamp.now().filter { $0.isNumber })-\(RandomID.make()).patch"  // two in a second stay two
    try FileSystem.writeAtomically(patch, to: patchPath)
    outcome.patch = patchPath

    let index = try repository.index()
    for difference in differences { try index.put(difference.new, at: difference.path) }
    try index.write()

    guard let workTree = repository.workdir else { return outcome }
    for difference in differences {
      if try updateWorkTree(workTree, difference.path, staged: difference.old, fixed: difference.new) {
        outcome.applied.append(difference.path)
      } else {
        outcome.keptUnstaged.append(difference.path)
      }
    }
    return outcome
  }

  /// Puts the fix into the work tree's file; false when its unstaged edits would be lost (or
  /// its name is not UTF-8, which the file functions here cannot spell).
  private func updateWorkTree(_ workTree: String, _ path: RepoPath, staged: FileEntry?, fixed: FileEntry?) throws -> Bool {
    let full = workTree + path.description
    guard full.utf8.elementsEqual(Array(workTree.utf8) + path.bytes) else { return false }
    let onDisk = Self.regularFile(RepoPath(bytes: Array(workTree.utf8) + path.bytes))
    let stagedBytes = try content(staged)
    let fixedBytes = try content(fixed)
    if onDisk == stagedBytes || onDisk == fixedBytes {
      try write(fixedBytes, mode: fixed?.mode, to: RepoPath(bytes: Array(workTree.utf8) + path.bytes), display: full)
      return true
    }
    guard let base = stagedBytes, let ours = onDisk, let theirs = fixedBytes,
      let merged = try repository.mergeFile(base: base, ours: ours, theirs: theirs)
    else { return false }
    try write(merged, mode: fixed?.mode, to: RepoPath(bytes: Array(workTree.utf8) + path.bytes), display: full)
    return true
  }

  private func content(_ entry: FileEntry?) throws -> [UInt8]? {
    guard let entry, entry.mode == .regular || entry.mode == .executable else { return nil }
    return try repository.blobContent(entry.blob)
  }

  /// A regular file's bytes; nil when it is missing or something else (a symlink, a folder).
  private static func regularFile(_ path: RepoPath) -> [UInt8]? {
    var info = stat()
    guard path.withCString({ lstat($0, &info) }) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return try? FileSystem.read(path.description)  // unreadable: treated as an edit to keep
  }

  /// Replaces the file by a rename (or removes it when `bytes` is nil).
  private func write(_ bytes: [UInt8]?, mode: FileMode?, to path: RepoPath, display: String) throws {
    guard let bytes else {
      if path.withCString({ unlink($0) }) != 0 && errno != ENOENT { throw FileError(path: display, errno: errno) }
      return
    }
    let file = path.description
    if let slash = file.lastIndex(of: "/") { try FileSystem.makeDirectories(String(file[..<slash])) }  // a fixer's new folder
    // A file that is there keeps its own permissions (an unstaged chmod is an edit too).
    var info = stat()
    let present = path.withCString { lstat($0, &info) } == 0 && (info.st_mode & S_IFMT) == S_IFREG
    try FileSystem.writeAtomically(bytes, to: file, mode: present ? info.st_mode & 0o7777 : (mode == .executable ? 0o755 : 0o644))
  }
}
