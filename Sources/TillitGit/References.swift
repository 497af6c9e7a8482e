import CLibgit2

/// Why a compare-and-swap of a reference did not happen.
public enum ReferenceUpdateFailure: Error, Sendable, Equatable {
  /// Another writer moved the reference first: read it again and retry.
  case lostRace
  /// The reference's lock file is held (by a running writer, or left by a crashed one).
  case locked(lockFile: String)
}

extension Repository {
  /// The commit a reference points to, or nil when there is no such reference.
  public func referenceTarget(_ name: String) throws -> ObjectID? {
    var oid = git_oid()
    let code = git_reference_name_to_id(&oid, handle, name)
    if code == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
    try check(code, "git_reference_name_to_id")
    return ObjectID(oid)
  }

  /// The names of the references matching a glob such as `refs/tillit/remotes/*/v1/reviews`.
  public func referenceNames(matching glob: String) throws -> [String] {
    var iterator: OpaquePointer?
    try check(git_reference_iterator_glob_new(&iterator, handle, glob), "git_reference_iterator_glob_new")
    defer { git_reference_iterator_free(iterator) }
    var names: [String] = []
    var name: UnsafePointer<CChar>?
    while git_reference_next_name(&name, iterator) == 0, let current = name {
      names.append(String(cString: current))
    }
    git_error_clear()
    return names.sorted()
  }

  /// Moves `name` to `new` only if it still points to `expected` (nil: only if it does not
  /// exist yet), recording `message` in its reflog, which is created on first use.
  public func compareAndSwapReference(_ name: String, to new: ObjectID, expecting expected: ObjectID?, message: String) throws {
    try ensureReflog(name)
    var newRaw = new.raw
    var reference: OpaquePointer?
    let code: Int32
    if var expectedRaw = expected?.raw {
      code = git_reference_create_matching(&reference, handle, name, &newRaw, 1, &expectedRaw, message)
    } else {
      code = git_reference_create(&reference, handle, name, &newRaw, 0, message)
    }
    defer { git_reference_free(reference) }
    switch code {
    case 0: return
    case GIT_EMODIFIED.rawValue, GIT_EEXISTS.rawValue:
      git_error_clear()
      throw ReferenceUpdateFailure.lostRace
    case GIT_ELOCKED.rawValue:
      git_error_clear()
      throw ReferenceUpdateFailure.locked(lockFile: commonDir + name + ".lock")
    default:
      try check(code, "git_reference_create_matching")
    }
  }

  private func ensureReflog(_ name: String) throws {
    guard git_reference_has_log(handle, name) != 1 else { return }
    var reflog: OpaquePointer?
    try check(git_reflog_read(&reflog, handle, name), "git_reflog_read")
    defer { git_reflog_free(reflog) }
    try check(git_reflog_write(reflog), "git_reflog_write")
  }
}
