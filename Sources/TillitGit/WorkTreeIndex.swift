import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

extension Repository {
  /// A copy of the index with the work tree's `paths` put in as they are on disk — hashed as
  /// `git add` hashes them (filters, the executable bit when `core.fileMode` is on, a symlink as
  /// its target), a path gone from disk left out, a folder (a submodule) left as the index has
  /// it. The copy lives in memory only: the index file is read, never written.
  public func indexWithWorkTreeContent(of paths: [RepoPath]) throws -> Index {
    guard let workdir else { throw GitError(call: "indexWithWorkTreeContent", code: -1, message: "the repository has no working tree") }
    let real = try index()
    guard let indexPath = git_index_path(real.handle) else {
      throw GitError(call: "git_index_path", code: -1, message: "the index has no file to read")
    }
    var pointer: OpaquePointer?
    try check(git_index_open(&pointer, indexPath), "git_index_open")
    guard let pointer else { throw GitError(call: "git_index_open", code: -1, message: "no index") }
    let copy = Index(handle: pointer, writingInto: self)
    let trustsExecutableBit = try config().bool("core.filemode") ?? true
    for path in paths {
      var info = stat()
      let found = RepoPath(bytes: Array(workdir.utf8) + path.bytes).withCString { lstat($0, &info) } == 0
      let kind = info.st_mode & S_IFMT
      if !found {
        let code = path.withCString { git_index_remove_bypath(pointer, $0) }
        try check(code, "git_index_remove_bypath")
        continue
      }
      guard kind == S_IFREG || kind == S_IFLNK else { continue }
      var oid = git_oid()
      try check(path.withCString { git_blob_create_from_workdir(&oid, handle, $0) }, "git_blob_create_from_workdir")
      let mode: FileMode
      if kind == S_IFLNK {
        mode = .symlink
      } else if trustsExecutableBit {
        mode = info.st_mode & S_IXUSR != 0 ? .executable : .regular
      } else {
        mode = copy.entry(at: path)?.mode == .executable ? .executable : .regular
      }
      var entry = git_index_entry()
      entry.mode = mode.rawValue
      entry.id = oid
      try path.withCString { cPath in
        entry.path = cPath
        try check(git_index_add(pointer, &entry), "git_index_add")
      }
    }
    return copy
  }
}

extension GitConfig {
  /// The boolean value of `name` (`core.fileMode`), or nil when it is not set.
  public func bool(_ name: String) throws -> Bool? {
    var value: Int32 = 0
    let code = git_config_get_bool(&value, handle, name)
    if code == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
    try check(code, "git_config_get_bool")
    return value != 0
  }
}
