import CLibgit2

/// A read-only snapshot of a repository's configuration.
public final class GitConfig {
  let handle: OpaquePointer

  init(handle: OpaquePointer) { self.handle = handle }
  deinit { git_config_free(handle) }

  /// The value of `name` (`core.hooksPath`), or nil when it is not set.
  public func string(_ name: String) throws -> String? {
    var value: UnsafePointer<CChar>?
    let code = git_config_get_string(&value, handle, name)
    if code == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
    try check(code, "git_config_get_string")
    return value.map { String(cString: $0) }
  }
}
