#if canImport(Glibc)
import Glibc
#endif

/// The variables git sets for a hook (or a user sets for git) that say which repository,
/// work tree and index to use. libgit2 1.5's own reading of them refuses `GIT_WORK_TREE`.
struct GitEnvironment {
  var gitDir: String?
  var workTree: String?
  var indexFile: String?
  var ceilingDirectories: String?

  static func current() -> GitEnvironment {
    func value(_ name: String) -> String? {
      guard let raw = getenv(name) else { return nil }
      let text = String(cString: raw)
      return text.isEmpty ? nil : text
    }
    return GitEnvironment(
      gitDir: value("GIT_DIR"), workTree: value("GIT_WORK_TREE"), indexFile: value("GIT_INDEX_FILE"),
      ceilingDirectories: value("GIT_CEILING_DIRECTORIES"))
  }
}
