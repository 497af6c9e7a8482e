import Synchronization
import TillitGit

#if canImport(Glibc)
import Glibc
#endif

/// What a run of checks looks at: the complete content being committed or pushed, and which
/// of its paths changed. The complete file list is read only when a check needs it, so a commit
/// that no check concerns costs no more than the diff.
public final class CheckSubject: @unchecked Sendable {
  public enum Content: Equatable, Sendable {
    /// The index: what `git commit` would record (for `--files`, with the named files as they
    /// are on disk).
    case index
    /// A commit's tree: what `git push` would send.
    case tree(ObjectID)
  }

  public let content: Content
  /// The changed paths, both sides of renames, deletions included.
  public let changedPaths: [RepoPath]
  private let listFiles: () throws -> [FileEntry]
  private let entryLookup: (RepoPath) throws -> FileEntry?
  private let treeLookup: () throws -> ObjectID
  private let treeIDLookup: (() throws -> ObjectID)?
  private let folderLookup: (RepoPath) throws -> Bool
  /// The tree the change is measured against (nil: the empty tree, before the first commit).
  private let previousTree: () throws -> ObjectID?
  private let repository: Repository
  /// The commit the content is built on: HEAD for the index (nil before the first commit), the
  /// pushed commit for a push. A snapshot's HEAD points there.
  public let base: ObjectID?
  private let lock = Mutex(())
  private var cachedFiles: [FileEntry]?

  init(
    content: Content, changedPaths: [RepoPath], base: ObjectID?, files: @escaping () throws -> [FileEntry],
    entry: @escaping (RepoPath) throws -> FileEntry?, tree: @escaping () throws -> ObjectID, treeID: (() throws -> ObjectID)? = nil,
    tracksFolder: @escaping (RepoPath) throws -> Bool, previousTree: @escaping () throws -> ObjectID?, repository: Repository
  ) {
    self.content = content
    self.changedPaths = changedPaths
    self.base = base
    self.listFiles = files
    self.entryLookup = entry
    self.treeLookup = tree
    self.treeIDLookup = treeID
    self.folderLookup = tracksFolder
    self.previousTree = previousTree
    self.repository = repository
  }

  /// Whether `path` was there before the change (a file not added by it).
  public func wasPresentBefore(_ path: RepoPath) throws -> Bool {
    try lock.withLock { _ in
      guard let tree = try previousTree() else { return false }
      return try repository.entry(at: path, inTree: tree) != nil
    }
  }

  /// Whether the content holds files inside `folder` (then it is not a folder to share).
  public func tracks(folder: RepoPath) throws -> Bool {
    try lock.withLock { _ in try folderLookup(folder) }
  }

  /// The content as a tree (the index is written as tree objects, as `git write-tree` does).
  public func tree() throws -> ObjectID {
    try lock.withLock { _ in try treeLookup() }
  }

  /// The id of `tree()`, which for the index is found without writing the tree when it was not
  /// written yet (the ledger records it; `git commit` writes it after the hook).
  public func treeID() throws -> ObjectID {
    try lock.withLock { _ in try (treeIDLookup ?? treeLookup)() }
  }

  /// Every file of the content, which a snapshot reproduces.
  public func files() throws -> [FileEntry] {
    try lock.withLock { _ in
      if let cachedFiles { return cachedFiles }
      let files = try listFiles()
      cachedFiles = files
      return files
    }
  }

  /// The content's entry at `path`, or nil when it has none.
  public func entry(at path: RepoPath) throws -> FileEntry? {
    try lock.withLock { _ in try entryLookup(path) }
  }

  /// What is staged: the index against HEAD (the empty tree before the first commit). The index
  /// file is read directly when it can be (`IndexFile`), through libgit2 otherwise.
  public static func staged(in repository: Repository) throws -> CheckSubject {
    // An index IndexFile declines is libgit2's to read, and to report on. Its trees are written
    // only when a check needs them (a snapshot); a commit no check concerns writes nothing.
    if let file = IndexFile(path: repository.indexPath) {
      let head = try repository.headCommitID()
      let headTree = try head.map { try repository.treeID(ofCommit: $0) }
      var written: ObjectID?
      return CheckSubject(
        content: .index, changedPaths: try file.changedPaths(against: headTree, in: repository), base: head,
        files: { file.entries() }, entry: { file.entry(at: $0) },
        tree: {
          if let written { return written }
          let tree = try file.writeTree(into: repository)
          written = tree
          return tree
        },
        treeID: { try written ?? file.treeID() },
        tracksFolder: { file.hasEntries(inFolder: $0) }, previousTree: { headTree }, repository: repository)
    }
    let index = try repository.index()
    let changes = try repository.stagedChanges(in: index)
    return try indexSubject(index, in: repository, changedPaths: changes.flatMap(\.paths))
  }

  /// Every file in the index, as if all were changed.
  public static func everything(in repository: Repository) throws -> CheckSubject {
    let index = try repository.index()
    return try indexSubject(index, in: repository, changedPaths: index.entries().map(\.path))
  }

  /// Named files as they are on disk, as if they were changed: the index with their disk
  /// content put in (unstaged edits included, a file deleted from disk left out), the user's
  /// index untouched — what `pre-commit run --files` checks.
  public static func files(_ paths: [RepoPath], in repository: Repository) throws -> CheckSubject {
    guard let workdir = repository.workdir else { throw CheckError.usage("--files needs a repository with a working tree") }
    let staged = try repository.index()
    for path in paths {
      var info = stat()
      let onDisk = RepoPath(bytes: Array(workdir.utf8) + path.bytes).withCString { lstat($0, &info) } == 0
      if !onDisk && staged.entry(at: path) == nil {
        throw CheckError.usage("'\(path)' is neither in the index nor on disk; name a file of the work tree")
      }
      if onDisk && info.st_mode & S_IFMT == S_IFDIR && staged.entry(at: path)?.mode != .submodule {
        throw CheckError.usage("'\(path.bytes.isEmpty ? "." : path.description)' is a folder; name the files in it, or use --all")
      }
    }
    let index = try repository.indexWithWorkTreeContent(of: paths)
    return try indexSubject(index, in: repository, changedPaths: paths)
  }

  /// What commit `new` changes since `old` (nil: since the empty tree), with `new`'s files.
  public static func range(from old: ObjectID?, to new: ObjectID, in repository: Repository) throws -> CheckSubject {
    let newTree = try repository.treeID(ofCommit: new)
    let oldTree = try old.map { try repository.treeID(ofCommit: $0) }
    let changes = try repository.changes(from: oldTree, to: newTree)
    return CheckSubject(
      content: .tree(new), changedPaths: changes.flatMap(\.paths), base: new,
      files: { try repository.files(inTree: newTree) },
      entry: { try repository.entry(at: $0, inTree: newTree) }, tree: { newTree },
      tracksFolder: { try repository.entry(at: $0, inTree: newTree) != nil }, previousTree: { oldTree }, repository: repository)
  }

  /// `subject` as fixers left it: the same changed paths (and those they added or deleted), the
  /// fixed tree's files. The checks after the fixers are planned, run and remembered on it.
  public static func fixed(_ subject: CheckSubject, tree: ObjectID, changed: [RepoPath], in repository: Repository) -> CheckSubject {
    var seen = Set(subject.changedPaths)
    let paths = subject.changedPaths + changed.filter { seen.insert($0).inserted }
    return CheckSubject(
      content: subject.content, changedPaths: paths, base: subject.base,
      files: { try repository.files(inTree: tree) },
      entry: { try repository.entry(at: $0, inTree: tree) }, tree: { tree },
      tracksFolder: { try repository.entry(at: $0, inTree: tree) != nil }, previousTree: subject.previousTree, repository: repository)
  }

  private static func indexSubject(_ index: Index, in repository: Repository, changedPaths: [RepoPath]) throws -> CheckSubject {
    let head = try repository.headCommitID()
    return CheckSubject(
      content: .index, changedPaths: changedPaths, base: head,
      files: { index.entries() }, entry: { index.entry(at: $0) }, tree: { try index.writeTree() },
      tracksFolder: { index.hasEntries(inFolder: $0) }, previousTree: { try head.map { try repository.treeID(ofCommit: $0) } },
      repository: repository)
  }
}
