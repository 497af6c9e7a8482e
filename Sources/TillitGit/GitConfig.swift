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

  /// A boolean value as git reads one (`true`, `yes`, `on`, `1`...), or nil when unset.
  public func bool(_ name: String) throws -> Bool? {
    var value: Int32 = 0
    let code = git_config_get_bool(&value, handle, name)
    if code == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
    try check(code, "git_config_get_bool")
    return value != 0
  }

  /// Every value of a multi-valued variable (`remote.origin.fetch`).
  public func strings(_ name: String) throws -> [String] {
    var values: [String] = []
    var iterator: OpaquePointer?
    let code = git_config_multivar_iterator_new(&iterator, handle, name, nil)
    if code == GIT_ENOTFOUND.rawValue { git_error_clear(); return [] }
    try check(code, "git_config_multivar_iterator_new")
    defer { git_config_iterator_free(iterator) }
    var entry: UnsafeMutablePointer<git_config_entry>?
    while git_config_next(&entry, iterator) == 0, let current = entry?.pointee {
      values.append(String(cString: current.value))
    }
    git_error_clear()
    return values
  }
}
