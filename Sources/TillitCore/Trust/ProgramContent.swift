import TillitGit

#if canImport(Glibc)
import Glibc
#endif

/// Where an approval reads the repository's programs from: the content being checked (staged or
/// pushed) for checks that run in a snapshot, the work tree for `isolation: worktree`.
public struct ProgramContent {
  let repository: Repository
  /// The staged or pushed content; nil when only the work tree is there to read.
  let subject: CheckSubject?

  public init(subject: CheckSubject?, repository: Repository) {
    self.subject = subject
    self.repository = repository
  }

  /// The entry a check would run at `path`, or nil when there is none.
  func entry(at path: RepoPath, isolation: CheckDefinition.Isolation) throws -> FileEntry? {
    if isolation == .snapshot, let subject { return try subject.entry(at: path) }
    return workTreeEntry(at: path)
  }

  /// Where a symlink entry points, as stored.
  func linkTarget(of entry: FileEntry, isolation: CheckDefinition.Isolation) throws -> [UInt8] {
    if isolation == .snapshot, subject != nil { return try repository.blobContent(entry.blob) }
    return workTreeLink(at: entry.path) ?? []
  }

  /// The work tree's file as git would stage it: its blob id and mode, a symlink not followed.
  private func workTreeEntry(at path: RepoPath) -> FileEntry? {
    workTreePath(path).flatMap { DiskEntry.at($0, recordedAs: path) }
  }

  private func workTreeLink(at path: RepoPath) -> [UInt8]? {
    workTreePath(path).flatMap(DiskEntry.linkTarget)
  }

  private func workTreePath(_ path: RepoPath) -> RepoPath? {
    guard let workdir = repository.workdir else { return nil }
    return RepoPath(bytes: Array(workdir.utf8) + path.bytes)
  }

  /// A symlink's target joined to the folder the link is in, or nil when it leaves the
  /// repository (absolute, or `..` above the root).
  static func join(folderOf link: RepoPath, target: [UInt8]) -> RepoPath? {
    guard target.first != UInt8(ascii: "/") else { return nil }
    var parts = link.bytes.split(separator: UInt8(ascii: "/")).dropLast().map(Array.init)
    for part in target.split(separator: UInt8(ascii: "/")) {
      if part.elementsEqual(".".utf8) { continue }
      if part.elementsEqual("..".utf8) {
        guard parts.popLast() != nil else { return nil }
        continue
      }
      parts.append(Array(part))
    }
    guard !parts.isEmpty else { return nil }
    return RepoPath(bytes: Array(parts.joined(separator: [UInt8(ascii: "/")])))
  }
}
