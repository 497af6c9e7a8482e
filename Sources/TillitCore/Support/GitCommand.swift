#if canImport(Glibc)
import Glibc
#endif

/// The git command, run for what must go through the user's own git set-up: fetch and push,
/// with their credentials, ssh keys and proxies.
public enum GitCommand {
  public struct Result: Sendable {
    public let status: Int32
    public let output: String
  }

  public static func run(_ arguments: [String], in directory: String) throws -> Result {
    let log = try TemporaryFile(holding: [])
    defer { log.remove() }
    let launch = ProcessLaunch(
      argv: (["git"] + arguments).map { Array($0.utf8) },
      environment: ProcessEnvironment.entries(),
      directory: directory, output: .log(path: log.path, append: false), ownProcessGroup: false)
    let ending = ProcessGroupRunner.wait(try ProcessGroupRunner.spawn(launch))
    let output = (try? FileSystem.readText(log.path)) ?? ""  // unreadable: the status still says how git ended
    return Result(status: ending.exitCode, output: output)
  }
}
