import TillitSystem

/// The git command, run for what must go through the user's own git set-up: fetch and push,
/// with their credentials, ssh keys and proxies.
public enum GitCommand {
  public typealias Result = ExternalCommand.Result

  public static func run(_ arguments: [String], in directory: String) throws -> Result {
    try ExternalCommand.run("git", arguments, in: directory)
  }
}
