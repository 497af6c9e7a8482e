import TillitGit

/// What a run of checks looks at: the complete content being committed or pushed, and which
/// of its paths changed.
public struct CheckSubject: Sendable {
  public enum Content: Equatable, Sendable {
    /// The index: what `git commit` would record.
    case index
    /// A commit's tree: what `git push` would send.
    case tree(ObjectID)
  }

  public let content: Content
  /// Every file of the content, which a snapshot reproduces.
  public let files: [FileEntry]
  /// The changed paths, both sides of renames, deletions included.
  public let changedPaths: [RepoPath]

  public init(content: Content, files: [FileEntry], changedPaths: [RepoPath]) {
    self.content = content
    self.files = files
    self.changedPaths = changedPaths
  }

  /// What is staged: the index against HEAD (the empty tree before the first commit).
  public static func staged(in repository: Repository) throws -> CheckSubject {
    let index = try repository.index()
    let changes = try repository.stagedChanges(in: index)
    return CheckSubject(content: .index, files: index.entries(), changedPaths: changes.flatMap(\.paths))
  }

  /// Every file in the index, as if all were changed.
  public static func everything(in repository: Repository) throws -> CheckSubject {
    let files = try repository.index().entries()
    return CheckSubject(content: .index, files: files, changedPaths: files.map(\.path))
  }

  /// Named files of the index, as if they were changed.
  public static func files(_ paths: [RepoPath], in repository: Repository) throws -> CheckSubject {
    let files = try repository.index().entries()
    let tracked = Set(files.map(\.path))
    if let missing = paths.first(where: { !tracked.contains($0) }) {
      throw CheckError.usage("'\(missing)' is not in the index; `git add` it first, or name a tracked file")
    }
    return CheckSubject(content: .index, files: files, changedPaths: paths)
  }

  /// What commit `new` changes since `old` (nil: since the empty tree), with `new`'s files.
  public static func range(from old: ObjectID?, to new: ObjectID, in repository: Repository) throws -> CheckSubject {
    let newTree = try repository.treeID(ofCommit: new)
    let oldTree = try old.map { try repository.treeID(ofCommit: $0) }
    let changes = try repository.changes(from: oldTree, to: newTree)
    return CheckSubject(content: .tree(new), files: try repository.files(inTree: newTree), changedPaths: changes.flatMap(\.paths))
  }

  /// The `.tillit.yml` the content holds, or nil when it has none.
  public func configBlob() -> ObjectID? {
    let name = RepoPath(ProjectConfig.fileName)
    return files.first { $0.path == name }?.blob
  }
}
