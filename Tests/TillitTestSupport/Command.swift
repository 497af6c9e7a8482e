import Foundation

/// The result of a finished subprocess.
public struct CommandResult: Sendable {
  public let status: Int32
  public let stdout: String
  public let stderr: String
  public let stdoutBytes: [UInt8]

  /// stdout and stderr together, for assertions about what a user sees.
  public var output: String { stdout + stderr }
}

/// Runs real subprocesses for tests: argv in, status and output out.
public enum Command {
  @discardableResult
  public static func run(_ argv: [String], in directory: String, environment: [String: String] = [:], input: String? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = argv
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    for name in ["GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE", "TILLIT", "TILLIT_SKIP"] { env[name] = nil }
    env.merge(environment) { _, new in new }
    process.environment = env
    let stdout = Pipe()
    let stderr = Pipe()
    let stdin = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    // Read both pipes to the end before waiting, so that a chatty process cannot block.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = stderr.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = stdout.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    appendToOutputLog(argv, outData, errData)
    return CommandResult(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: Array(outData))
  }
}

/// With `TILLIT_TEST_OUTPUT_LOG=FILE` set for `swift test`, every command's output is appended
/// to FILE: what the whole suite showed a user, to search (for libgit2's wording, say).
private func appendToOutputLog(_ argv: [String], _ out: Data, _ err: Data) {
  guard let path = ProcessInfo.processInfo.environment["TILLIT_TEST_OUTPUT_LOG"], let log = fopen(path, "a") else { return }
  defer { fclose(log) }
  let text = "$ \(argv.joined(separator: " "))\n" + String(decoding: out + err, as: UTF8.self) + "\n"
  flockfile(log)
  fputs(text, log)
  funlockfile(log)
}

/// The tillit binary SwiftPM built next to the test bundle.
public enum TillitBinary {
  public static var path: String {
    let bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    var directory = bundle.deletingLastPathComponent()
    // The test binary lives in .build/<config>/tillitPackageTests.xctest (a file on Linux).
    while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("tillit").path), directory.path != "/" {
      directory = directory.deletingLastPathComponent()
    }
    return directory.appendingPathComponent("tillit").path
  }
}

extension Command {
  /// Runs `command` (a shell command line) under a pseudo-terminal (util-linux `script`), as a
  /// user at a terminal would: its stdout is what the terminal got.
  public static func underTerminal(_ command: String, in directory: String, environment: [String: String] = [:]) throws -> CommandResult {
    try run(["script", "-qfec", command, "/dev/null"], in: directory, environment: environment)
  }
}
