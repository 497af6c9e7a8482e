import CLibgit2

extension Repository {
  /// The names of the configured remotes.
  public func remoteNames() throws -> [String] {
    var names = git_strarray()
    try check(git_remote_list(&names, handle), "git_remote_list")
    defer { git_strarray_dispose(&names) }
    return (0..<names.count).compactMap { names.strings[$0].map { String(cString: $0) } }
  }

  /// The fetch refspecs configured for a remote.
  public func fetchRefspecs(ofRemote name: String) throws -> [String] {
    var remote: OpaquePointer?
    try check(git_remote_lookup(&remote, handle, name), "git_remote_lookup")
    defer { git_remote_free(remote) }
    var specs = git_strarray()
    try check(git_remote_get_fetch_refspecs(&specs, remote), "git_remote_get_fetch_refspecs")
    defer { git_strarray_dispose(&specs) }
    return (0..<specs.count).compactMap { specs.strings[$0].map { String(cString: $0) } }
  }

  /// Adds a fetch refspec to a remote's configuration unless it is there already; returns
  /// whether it was added.
  @discardableResult
  public func addFetchRefspec(_ refspec: String, toRemote name: String) throws -> Bool {
    var remote: OpaquePointer?
    try check(git_remote_lookup(&remote, handle, name), "git_remote_lookup")
    defer { git_remote_free(remote) }
    var specs = git_strarray()
    try check(git_remote_get_fetch_refspecs(&specs, remote), "git_remote_get_fetch_refspecs")
    defer { git_strarray_dispose(&specs) }
    let existing = (0..<specs.count).compactMap { specs.strings[$0].map { String(cString: $0) } }
    guard !existing.contains(refspec) else { return false }
    try check(git_remote_add_fetch(handle, name, refspec), "git_remote_add_fetch")
    return true
  }
}
