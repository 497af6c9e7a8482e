import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

/// An open repository. Used by one thread at a time; parallel work opens its own.
public final class Repository {
  let handle: OpaquePointer
  /// `GIT_INDEX_FILE` as git set it for a hook (`git commit PATH` commits from a temporary index).
  private var indexOverride: String?
  /// The trees the last comparisons read (see `treeDifferences`).
  let recentTrees = RecentTrees()

  /// Opens the repository containing `directory` (a subdirectory or a linked worktree work).
  /// With no directory, opens as the git command does: from `GIT_DIR`, `GIT_WORK_TREE`,
  /// `GIT_INDEX_FILE` and the current directory, which is how git hands a hook its repository.
  public convenience init(discoveringFrom directory: String? = nil) throws {
    try self.init(environment: directory == nil ? GitEnvironment.current() : GitEnvironment(), directory: directory)
  }

  /// Opens as git would with `variables` in its environment (`GIT_DIR`, `GIT_WORK_TREE`,
  /// `GIT_INDEX_FILE`, `GIT_CEILING_DIRECTORIES`) and none of the process's own: for callers
  /// that hold git's environment as data rather than in the process.
  public convenience init(gitVariables variables: [String: String]) throws {
    func value(_ name: String) -> String? { variables[name].flatMap { $0.isEmpty ? nil : $0 } }
    try self.init(
      environment: GitEnvironment(
        gitDir: value("GIT_DIR"), workTree: value("GIT_WORK_TREE"), indexFile: value("GIT_INDEX_FILE"),
        ceilingDirectories: value("GIT_CEILING_DIRECTORIES")),
      directory: nil)
  }

  private init(environment: GitEnvironment, directory: String?) throws {
    Libgit2.ensureInitialized()
    var pointer: OpaquePointer?
    if let gitDir = environment.gitDir {
      let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue
      try check(git_repository_open_ext(&pointer, gitDir, flags, nil), "git_repository_open_ext")
    } else {
      try check(git_repository_open_ext(&pointer, directory ?? ".", 0, environment.ceilingDirectories), "git_repository_open_ext")
    }
    guard let pointer else { throw GitError(call: "git_repository_open_ext", code: -1, message: "no repository") }
    handle = pointer
    if let workTree = environment.workTree {
      try check(git_repository_set_workdir(handle, workTree, 0), "git_repository_set_workdir")
    }
    if let indexPath = environment.indexFile {
      indexOverride = indexPath
      var index: OpaquePointer?
      try check(git_index_open(&index, indexPath), "git_index_open")
      defer { git_index_free(index) }
      try check(git_repository_set_index(handle, index), "git_repository_set_index")
    }
  }

  /// Opens the repository at exactly `path` (a work tree, a linked worktree's folder or a git
  /// directory), without searching upwards and without git's environment variables.
  public init(exactly path: String) throws {
    Libgit2.ensureInitialized()
    var pointer: OpaquePointer?
    try check(git_repository_open_ext(&pointer, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil), "git_repository_open_ext")
    guard let pointer else { throw GitError(call: "git_repository_open_ext", code: -1, message: "no repository") }
    handle = pointer
  }

  deinit { git_repository_free(handle) }

  /// The work tree's root, with a trailing slash; nil for a bare repository.
  public var workdir: String? { git_repository_workdir(handle).map { String(cString: $0) } }

  /// This worktree's git directory (`.git`, or `.git/worktrees/NAME` for a linked worktree).
  public var gitDir: String { String(cString: git_repository_path(handle)) }

  /// The directory shared by all worktrees: hooks, config and Tillit's own state live here.
  public var commonDir: String { String(cString: git_repository_commondir(handle)) }

  public var isBare: Bool { git_repository_is_bare(handle) == 1 }

  /// The commit HEAD points to; nil while HEAD is unborn (before the first commit).
  public func headCommitID() throws -> ObjectID? {
    var oid = git_oid()
    let code = git_reference_name_to_id(&oid, handle, "HEAD")
    if code == GIT_ENOTFOUND.rawValue || code == GIT_EUNBORNBRANCH.rawValue {
      git_error_clear()
      return nil
    }
    try check(code, "git_reference_name_to_id")
    return ObjectID(oid)
  }

  /// Resolves a revision expression (`HEAD~2`, a branch, an id) to the commit it names.
  public func resolveCommit(_ revision: String) throws -> ObjectID {
    var object: OpaquePointer?
    try check(git_revparse_single(&object, handle, revision), "git_revparse_single")
    defer { git_object_free(object) }
    var commit: OpaquePointer?
    guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0 else {
      git_error_clear()
      let kind = objectKind(ObjectID(git_object_id(object).pointee)).map { "a \($0.rawValue)" } ?? "an object"
      throw GitError(call: "git_object_peel", code: GIT_EPEEL.rawValue, message: "it is \(kind)")
    }
    defer { git_object_free(commit) }
    return ObjectID(git_object_id(commit).pointee)
  }

  /// The index git would commit: the one named by `GIT_INDEX_FILE` when git set it.
  public func index() throws -> Index {
    var pointer: OpaquePointer?
    try check(git_repository_index(&pointer, handle), "git_repository_index")
    guard let pointer else { throw GitError(call: "git_repository_index", code: -1, message: "no index") }
    return Index(handle: pointer)
  }

  /// Where the index git would commit is: `GIT_INDEX_FILE` when git set it, else the git
  /// directory's `index`.
  public var indexPath: String { indexOverride ?? gitDir + "index" }

  /// The repository's configuration (system, global, local and worktree levels).
  public func config() throws -> GitConfig {
    var pointer: OpaquePointer?
    try check(git_repository_config_snapshot(&pointer, handle), "git_repository_config_snapshot")
    guard let pointer else { throw GitError(call: "git_repository_config_snapshot", code: -1, message: "no config") }
    return GitConfig(handle: pointer)
  }

  /// Whether `id` names an object of the given kind in this repository.
  public func contains(_ id: ObjectID) -> Bool {
    var odb: OpaquePointer?
    guard git_repository_odb(&odb, handle) == 0 else { return false }
    defer { git_odb_free(odb) }
    var raw = id.raw
    return git_odb_exists(odb, &raw) == 1
  }
}
