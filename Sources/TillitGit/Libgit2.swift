import CLibgit2

/// libgit2 must be initialised once per process before any other call.
enum Libgit2 {
  private static let initialized: Bool = {
    git_libgit2_init()
    // Objects are trusted as read, as git trusts them; `git fsck` is the tool for checking them.
    _ = tillit_git_set_read_verification(0)
    // Trees are written naming objects Tillit or `git add` has just stored, as `git write-tree`
    // trusts them to be; libgit2's strict mode would open every one of them again. Set once,
    // for the process, rather than switched around one call.
    _ = tillit_git_set_strict_object_creation(0)
    // Trees are not kept by libgit2's cache (see shim.h); `RecentTrees` keeps those read twice.
    _ = tillit_git_set_cache_object_limit(GIT_OBJECT_TREE, 0)
    refuseTLS()
    return true
  }()

  static func ensureInitialized() {
    _ = initialized
  }

  /// Tillit's network goes through the git command, so that the user's credentials apply;
  /// HTTPS through libgit2 is refused with a message saying so (see CLibgit2Static).
  private static func refuseTLS() {
    var registration = git_stream_registration()
    registration.version = 1
    registration.`init` = { _, _, _ in
      git_error_set_str(Int32(GIT_ERROR_SSL.rawValue), "Tillit does not use libgit2's network; it runs the git command for fetch and push")
      return -1
    }
    registration.wrap = { _, _, _ in
      git_error_set_str(Int32(GIT_ERROR_SSL.rawValue), "Tillit does not use libgit2's network; it runs the git command for fetch and push")
      return -1
    }
    _ = git_stream_register(GIT_STREAM_TLS, &registration)
  }
}
