import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

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
      // libgit2 checks that a reference is absent before it takes the reference's lock, so two
      // writers creating it at once could both succeed; creation is serialised here instead.
      let creationLock = commonDir + name.replacingSlashes + ".create.lock"
      let fd = open(creationLock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      guard fd >= 0 else {
        var info = stat()
        if stat(creationLock, &info) == 0, time(nil) - info.st_mtim.tv_sec > 5 { unlink(creationLock) }
        usleep(1000)
        throw ReferenceUpdateFailure.lostRace
      }
      close(fd)
      defer { unlink(creationLock) }
      var existing = git_oid()
      if git_reference_name_to_id(&existing, handle, name) == 0 { throw ReferenceUpdateFailure.lostRace }
      git_error_clear()
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

  /// Creates the reflog of `name` so that its updates are logged (git logs only branches and
  /// remote-tracking refs by default). Another writer creating it at the same moment holds its
  /// lock; then theirs is used, so a failure here is not an error.
  private func ensureReflog(_ name: String) throws {
    guard git_reference_has_log(handle, name) != 1 else { return }
    var reflog: OpaquePointer?
    try check(git_reflog_read(&reflog, handle, name), "git_reflog_read")
    defer { git_reflog_free(reflog) }
    if git_reflog_write(reflog) < 0 { git_error_clear() }
  }
}

extension String {
  /// `refs/tillit/v1/reviews` as `refs-tillit-v1-reviews`: a file name for the reference.
  fileprivate var replacingSlashes: String { String(map { $0 == "/" ? "-" : $0 }) }
}
