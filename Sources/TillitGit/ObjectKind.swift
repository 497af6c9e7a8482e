import CLibgit2

/// The kinds of object git stores.
public enum ObjectKind: String, Sendable {
  case commit, tree, blob, tag
}

extension Repository {
  /// The kind of object `id` names, read from its header only; nil when the repository does
  /// not hold it (or it cannot be read).
  public func objectKind(_ id: ObjectID) -> ObjectKind? {
    var odb: OpaquePointer?
    guard git_repository_odb(&odb, handle) == 0 else { git_error_clear(); return nil }
    defer { git_odb_free(odb) }
    var raw = id.raw
    var size = 0
    var type = GIT_OBJECT_INVALID
    guard git_odb_read_header(&size, &type, odb, &raw) == 0 else { git_error_clear(); return nil }
    switch type {
    case GIT_OBJECT_COMMIT: return .commit
    case GIT_OBJECT_TREE: return .tree
    case GIT_OBJECT_BLOB: return .blob
    case GIT_OBJECT_TAG: return .tag
    default: return nil
    }
  }
}
