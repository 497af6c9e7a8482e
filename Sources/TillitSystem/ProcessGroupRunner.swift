import CProcessGuard

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command to start: a check, in a process group of its own with its output going to a log
/// file, so that a timeout or Ctrl-C can stop it and everything it started; or a chained hook,
/// in the foreground with the terminal's output.
public struct ProcessLaunch: Sendable {
  public enum Output: Sendable {
    /// To a log file, started afresh or appended to.
    case log(path: String, append: Bool)
    /// Shared with Tillit's own stdout and stderr.
    case inherit
  }

  public var argv: [[UInt8]]
  /// `NAME=value` entries.
  public var environment: [[UInt8]]
  public var directory: String
  public var output: Output
  /// A file to read as stdin; /dev/null when nil.
  public var inputPath: String?
  public var ownProcessGroup: Bool

  public init(argv: [[UInt8]], environment: [[UInt8]], directory: String, output: Output, inputPath: String? = nil, ownProcessGroup: Bool = true) {
    self.argv = argv
    self.environment = environment
    self.directory = directory
    self.output = output
    self.inputPath = inputPath
    self.ownProcessGroup = ownProcessGroup
  }
}

/// How a process ended.
public enum Termination: Sendable, Equatable {
  case exited(Int32)
  case signaled(Int32)

  public var succeeded: Bool { self == .exited(0) }
  /// The shell's convention: the exit status, or 128 + the signal.
  public var exitCode: Int32 {
    switch self {
    case .exited(let code): return code
    case .signaled(let signal): return 128 + signal
    }
  }
}

/// A process that could not be started.
public struct LaunchError: Error, CustomStringConvertible, Sendable {
  public let command: String
  public let errno: Int32
  public var description: String { "cannot run '\(command)': \(String(cString: strerror(errno)))" }
}

public enum ProcessGroupRunner {
  /// Starts `launch`; with `ownProcessGroup`, its pid is also its process group id. A log that
  /// cannot be opened is a `FileError` (the environment's fault); a command that cannot start
  /// is a `LaunchError`.
  public static func spawn(_ launch: ProcessLaunch) throws -> pid_t {
    let command = String(decoding: launch.argv.first ?? [], as: UTF8.self)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, launch.inputPath ?? "/dev/null", O_RDONLY, 0)
    var log: Int32 = -1
    defer { if log >= 0 { close(log) } }
    if case .log(let path, let append) = launch.output {
      // Opened here, not in the child, so that a log that cannot be written is reported as such.
      log = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0o644)
      guard log >= 0 else { throw FileError(path: path, errno: errno) }
      posix_spawn_file_actions_adddup2(&actions, log, 1)
      posix_spawn_file_actions_adddup2(&actions, log, 2)
    }
    // glibc's posix_spawn_file_actions_addchdir_np, through C: Swift's Glibc does not import it.
    let chdirResult = tillit_spawn_add_chdir(&actions, launch.directory)
    guard chdirResult == 0 else { throw LaunchError(command: command, errno: chdirResult) }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setpgroup(&attributes, 0)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var noMask = sigset_t()
    sigemptyset(&noMask)
    posix_spawnattr_setsigmask(&attributes, &noMask)
    let group = launch.ownProcessGroup ? POSIX_SPAWN_SETPGROUP : 0
    posix_spawnattr_setflags(&attributes, Int16(group | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let argv = CStringList(launch.argv)
    let environment = CStringList(launch.environment)
    guard let program = argv.pointers[0] else { throw LaunchError(command: command, errno: EINVAL) }
    var pid: pid_t = 0
    var result: Int32 = 0
    // A script just written into a snapshot can be briefly "busy": another thread's child,
    // between its fork and its exec, still holds the descriptor it was written through.
    for attempt in 0..<50 {
      result = posix_spawnp(&pid, program, &actions, &attributes, argv.pointers, environment.pointers)
      guard result == ETXTBSY else { break }
      usleep(useconds_t(min(1000 * (attempt + 1), 20_000)))
    }
    withExtendedLifetime((argv, environment)) {}
    guard result == 0 else { throw LaunchError(command: command, errno: result) }
    return pid
  }

  /// Waits for `pid` to end.
  public static func wait(_ pid: pid_t) -> Termination {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { return .exited(127) }
    }
    if status & 0x7f == 0 { return .exited((status >> 8) & 0xff) }
    return .signaled(status & 0x7f)
  }

  /// Sends `signal` to every process of the group that `pid` leads.
  public static func signalGroup(_ pid: pid_t, _ signal: Int32) {
    kill(-pid, signal)
  }

}
