import CLibgit2

extension Repository {
  /// Makes the work tree and the index hold exactly `tree`: files that differ from it, tracked
  /// files changed or removed since, and untracked files in the way of its entries are
  /// overwritten; other untracked files (build outputs) stay. Only what differs is written.
  /// With `paths`, only those files are looked at (the caller knows nothing else differs).
  public func forceCheckout(tree: ObjectID, paths: [RepoPath]? = nil) throws {
    var raw = tree.raw
    var object: OpaquePointer?
    try check(git_object_lookup(&object, handle, &raw, GIT_OBJECT_TREE), "git_object_lookup")
    defer { git_object_free(object) }
    var index: OpaquePointer?
    try check(git_repository_index(&index, handle), "git_repository_index")
    defer { git_index_free(index) }
    var options = git_checkout_options()
    try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "git_checkout_options_init")
    options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
    options.baseline_index = index
    guard let paths else {
      try check(git_checkout_tree(handle, object, &options), "git_checkout_tree")
      return
    }
    options.checkout_strategy |= GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue
    let list = CPathList(paths)
    try list.withStrArray { array in
      options.paths = array
      try check(git_checkout_tree(handle, object, &options), "git_checkout_tree")
    }
  }

  /// Points HEAD at `commit`, detached, or, with nil, at an unborn branch.
  public func detachHead(at commit: ObjectID?) throws {
    guard var raw = commit?.raw else {
      try check(git_repository_set_head(handle, "refs/heads/tillit-unborn"), "git_repository_set_head")
      return
    }
    try check(git_repository_set_head_detached(handle, &raw), "git_repository_set_head_detached")
  }
}
