import TillitGit

/// Where Tillit keeps this clone's own state: `.git/tillit/` in the common git directory,
/// shared by linked worktrees and never part of the work tree.
public struct StateDirectory: Sendable {
  public let path: String

  public init(repository: Repository) {
    var common = repository.commonDir
    while common.hasSuffix("/") { common.removeLast() }
    path = common + "/tillit"
  }

  /// The path of `name` inside the state directory, its folder created on demand.
  public func subdirectory(_ name: String) throws -> String {
    let directory = path + "/" + name
    if !FileSystem.isDirectory(directory) { try FileSystem.makeDirectories(directory) }
    return directory
  }
}
