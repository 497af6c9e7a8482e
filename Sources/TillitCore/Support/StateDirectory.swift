import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Where Tillit keeps this clone's own state: `.git/tillit/` in the common git directory,
/// shared by linked worktrees and never part of the work tree.
public struct StateDirectory: Sendable {
  public let path: String

  public init(repository: Repository) {
    var common = repository.commonDir
    while common.hasSuffix("/") { common.removeLast() }
    path = common + "/tillit"
  }

  /// The path of `name` inside the state directory, its folder created on demand; an error
  /// when it cannot be written.
  public func subdirectory(_ name: String) throws -> String {
    let directory = path + "/" + name
    if !FileSystem.isDirectory(directory) { try FileSystem.makeDirectories(directory) }
    // Something else in its place (a file) is reported here, not as a puzzling failure later.
    guard FileSystem.isDirectory(directory) else { throw FileError(path: directory, errno: ENOTDIR) }
    guard access(directory, W_OK) == 0 else { throw FileError(path: directory, errno: errno) }
    return directory
  }

  /// The path of a cache file, `name` in the folder `folder`. Caches are derived data: when the
  /// folder cannot be made (a read-only `.git`, a full disk), Tillit says so once and works
  /// without them, reading and writing nothing there.
  public func cacheFile(_ folder: String, _ name: String) -> String {
    do {
      return try subdirectory(folder) + "/" + name
    } catch {
      let reason = (error as? FileError).map { String(cString: strerror($0.errno)) } ?? "\(error)"
      Diagnostics.warning("Tillit's caches in \(path) cannot be written (\(reason)); working without them, which is slower", topic: "caches")
      return path + "/" + folder + "/" + name
    }
  }
}
