import CLibgit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

extension Repository {
  /// Reads the object folder afresh, as a new handle would: for when another process may have
  /// added or repacked packs (`git repack -d`, the ledger's roll-up of small packs) since this
  /// handle listed them. Nothing changes when the folder cannot be opened.
  public func reloadObjects() {
    var odb: OpaquePointer?
    guard git_odb_open(&odb, commonDir + "objects") == 0, let odb else { git_error_clear(); return }
    defer { git_odb_free(odb) }
    if git_repository_set_odb(handle, odb) != 0 { git_error_clear() }
  }

  /// The kind of object `id` names, reading the object folder afresh when this handle does not
  /// find it (see `reloadObjects`), three times a few milliseconds apart: for an object another
  /// process has just stored and named in a ref, as concurrent ledger writers do.
  public func objectKindReloading(_ id: ObjectID) -> ObjectKind? {
    for attempt in 0..<4 {
      if let kind = objectKind(id) { return kind }
      if attempt == 3 { break }
      if attempt > 0 { usleep(UInt32(5_000 * attempt)) }
      reloadObjects()
    }
    return nil
  }
}
