/// Runs the hook that was installed before Tillit (`NAME.local`), with the same arguments and
/// stdin, in the foreground, before Tillit's own checks.
public enum ChainedHook {
  /// The exit status of `NAME.local`, or nil when there is none.
  public static func run(hooksDirectory: String, name: String, arguments: [String], inputPath: String?) throws -> Termination? {
    let path = hooksDirectory + "/" + name + HookInstaller.localSuffix
    guard FileSystem.isExecutable(path) else { return nil }
    let launch = ProcessLaunch(
      argv: ([path] + arguments).map { Array($0.utf8) },
      environment: ProcessEnvironment.entries(),
      directory: FileSystem.currentDirectory(), output: .inherit, inputPath: inputPath, ownProcessGroup: false)
    return ProcessGroupRunner.wait(try ProcessGroupRunner.spawn(launch))
  }
}
