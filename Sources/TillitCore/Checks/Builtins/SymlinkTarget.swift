import TillitGit

#if canImport(Glibc)
import Glibc
#endif

/// Where a symlink of the content leads, followed as the file system would follow it in a
/// checkout of that content.
enum SymlinkTarget {
  static func exists(from link: FileEntry, in input: BuiltinInput) throws -> Bool {
    var current = link
    for _ in 0..<40 {
      let target = try input.bytes(of: current)
      // Outside the repository's files (or its root itself): on the disk.
      guard let path = ProgramContent.join(folderOf: current.path, target: target) else { return existsOnDisk(target, from: current.path, in: input) }
      if let entry = try input.subject.entry(at: path) {
        guard entry.mode == .symlink else { return true }
        current = entry
        continue
      }
      return try input.subject.tracks(folder: path)
    }
    return false  // a loop: the system gives up too (ELOOP)
  }

  /// A target outside the repository, looked for where the link would be in the work tree.
  private static func existsOnDisk(_ target: [UInt8], from link: RepoPath, in input: BuiltinInput) -> Bool {
    var full = target
    if target.first != 47 {
      guard let workdir = input.repository.workdir else { return false }
      let folder = link.bytes.split(separator: 47).dropLast().map(Array.init)
      full = Array(workdir.utf8) + folder.flatMap { $0 + [47] } + target
    }
    var info = stat()
    return RepoPath(bytes: full).withCString { stat($0, &info) } == 0
  }
}
