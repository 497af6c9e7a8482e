import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// The hook that was installed before Tillit: kept under its own name in `tillit-chained/`
/// beside Tillit's (older installs kept it as `NAME.local`), and run with the same arguments and
/// stdin, in the foreground, before Tillit's own checks, as if git had started it from its old place.
public enum ChainedHook {
  /// The folder, inside the hooks folder, where the hooks Tillit replaced are kept.
  public static let folderName = "tillit-chained"
  /// Where installs before `tillit-chained/` kept the replaced hook: `NAME.local`.
  public static let legacySuffix = ".local"
  /// Set while a chained hook runs, to the hook's name: a chained hook that calls
  /// `tillit hook NAME` itself (a husky script, a lefthook command) does not start it again.
  public static let runningVariable = "TILLIT_CHAINED_HOOK"

  public static func folder(in hooksDirectory: String) -> String { hooksDirectory + "/" + folderName }

  /// Where `name`'s replaced hook is kept from now on.
  public static func path(in hooksDirectory: String, name: String) -> String { folder(in: hooksDirectory) + "/" + name }

  /// The replaced hook of `name` that is there: in `tillit-chained/`, else as `NAME.local`.
  public static func existing(in hooksDirectory: String, name: String) -> String? {
    [path(in: hooksDirectory, name: name), hooksDirectory + "/" + name + legacySuffix].first { FileSystem.exists($0) || isSymlink($0) }
  }

  /// Runs the replaced hook as if from `hookPath` (where git started Tillit's); its exit status,
  /// or nil when there is none, or when this process runs inside it already.
  public static func run(hooksDirectory: String, name: String, hookPath: String, arguments: [String], inputPath: String?) throws -> Termination? {
    guard ProcessEnvironment.value(runningVariable) != name else { return nil }
    guard let path = existing(in: hooksDirectory, name: name), FileSystem.isExecutable(path) else { return nil }
    var environment = ProcessEnvironment.all()
    environment[runningVariable] = name
    let launch = ProcessLaunch(
      argv: HookInterpreter.argv(running: path, as: hookPath, arguments: arguments).map { Array($0.utf8) },
      environment: ProcessEnvironment.entries(environment),
      directory: FileSystem.currentDirectory(), output: .inherit, inputPath: inputPath, ownProcessGroup: false)
    return ProcessGroupRunner.wait(try ProcessGroupRunner.spawn(launch))
  }

  static func isSymlink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
  }
}
