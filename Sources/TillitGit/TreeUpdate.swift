import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

extension Repository {
  /// Writes the tree `base` with `entries` put in at their paths (folders on the way made as
  /// needed, an entry at the same path replaced). Returns the new tree's id.
  public func tree(_ base: ObjectID, putting entries: [FileEntry]) throws -> ObjectID {
    let baseline = try lookupTree(base)
    defer { git_tree_free(baseline) }
    let paths = entries.map { entry in entry.path.withCString { strdup($0) } }
    defer { for path in paths { free(path) } }
    var updates: [git_tree_update] = []
    for (entry, path) in zip(entries, paths) {
      guard let path else { throw GitError(call: "strdup", code: -1, message: "out of memory") }
      updates.append(git_tree_update(action: GIT_TREE_UPDATE_UPSERT, id: entry.blob.raw, filemode: git_filemode_t(entry.mode.rawValue), path: path))
    }
    var oid = git_oid()
    try check(git_tree_create_updated(&oid, handle, baseline, updates.count, &updates), "git_tree_create_updated")
    return ObjectID(oid)
  }
}
