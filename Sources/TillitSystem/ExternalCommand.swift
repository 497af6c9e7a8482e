#if canImport(Glibc)
import Glibc
#endif

/// A program run to its end with the user's environment, its stdout and stderr caught together:
/// git for fetch and push, ssh-keygen and gpg for signatures.
public enum ExternalCommand {
  public struct Result: Sendable {
    public let status: Int32
    public let output: String
    public var succeeded: Bool { status == 0 }
  }

  /// Runs `program` (looked up on PATH) with `arguments` in `directory`; `input` is a file read
  /// as stdin (/dev/null when nil).
  public static func run(_ program: String, _ arguments: [String], in directory: String, input: String? = nil) throws -> Result {
    let log = try TemporaryFile(holding: [])
    defer { log.remove() }
    let launch = ProcessLaunch(
      argv: ([program] + arguments).map { Array($0.utf8) },
      environment: ProcessEnvironment.entries(),
      directory: directory, output: .log(path: log.path, append: false), inputPath: input, ownProcessGroup: false)
    let ending = ProcessGroupRunner.wait(try ProcessGroupRunner.spawn(launch))
    let output = (try? FileSystem.readText(log.path)) ?? ""  // unreadable: the status still says how it ended
    return Result(status: ending.exitCode, output: output)
  }
}
