import CLibgit2

extension Repository {
  /// Whether a git attribute (such as `linguist-generated`) is set to true for `path`, as
  /// `.gitattributes` in the work tree (or the index, then HEAD, in a bare repository) says.
  public func attributeIsTrue(_ name: String, at path: RepoPath) -> Bool {
    var value: UnsafePointer<CChar>?
    let flags = UInt32(GIT_ATTR_CHECK_FILE_THEN_INDEX) | UInt32(GIT_ATTR_CHECK_INCLUDE_HEAD)
    let code = path.withCString { git_attr_get(&value, handle, flags, $0, name) }
    guard code == 0 else { git_error_clear(); return false }
    switch git_attr_value(value) {
    case GIT_ATTR_VALUE_TRUE: return true
    case GIT_ATTR_VALUE_STRING: return value.map { String(cString: $0).lowercased() == "true" } ?? false
    default: return false
    }
  }
}
