import CLibgit2

/// libgit2 must be initialised once per process before any other call.
enum Libgit2 {
  private static let initialized: Bool = {
    git_libgit2_init()
    return true
  }()

  static func ensureInitialized() {
    _ = initialized
  }
}
