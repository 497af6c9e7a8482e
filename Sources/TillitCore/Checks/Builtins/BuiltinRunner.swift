import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Runs one built-in check on a subject, in this process: no snapshot, no program. What it
/// finds is written to `logs/NAME.log`, as a command's output is, for the report to show.
struct BuiltinRunner {
  let repository: Repository
  let logs: String

  /// What `check` finds in the changed files of `subject` it concerns (after `rewritten`, the
  /// fixes of the built-in fixers before it).
  func verdict(_ check: CheckDefinition, subject: CheckSubject, rewritten: [RepoPath: [UInt8]] = [:]) throws -> BuiltinVerdict {
    guard let call = check.builtin, let entry = BuiltinCatalog.entry(named: call.name), let builtin = BuiltinChecks.make(entry.name, call) else {
      throw CheckError.usage("check '\(check.name)' names no built-in Tillit has")
    }
    var seen: Set<RepoPath> = []
    let files = try subject.changedPaths.filter { check.concerns($0) && seen.insert($0).inserted }
      .compactMap { try subject.entry(at: $0) }.filter { $0.mode != .submodule }
    let input = BuiltinInput(repository: repository, subject: subject, files: files, rewritten: rewritten)
    return try builtin.run(input)
  }

  /// The result of a check that reports (a fixer with `fix: false` fails on what it would fix).
  /// Nothing is cached: reading the staged blobs again costs less than a cache entry's file.
  func result(of check: CheckDefinition, subject: CheckSubject) -> CheckResult {
    let started = Clock.milliseconds()
    do {
      let verdict = try self.verdict(check, subject: subject)
      let passed = verdict.problems.isEmpty && verdict.fixed.isEmpty
      let logPath = try writeLog(check.name, verdict.problems)
      return CheckResult(
        name: check.name, outcome: passed ? .passed : .failed, durationMs: Clock.milliseconds() - started,
        exitCode: passed ? 0 : 1, logPath: logPath)
    } catch {
      return CheckResult(name: check.name, outcome: .failed, durationMs: Clock.milliseconds() - started, note: "\(error)")
    }
  }

  /// Writes the log, one line per problem; a pass has nothing to say and removes the last run's.
  func writeLog(_ name: String, _ lines: [String]) throws -> String? {
    let path = logs + "/" + CheckResult.logFileName(of: name)
    guard !lines.isEmpty else {
      unlink(path)
      return nil
    }
    try FileSystem.writeAtomically(Array(lines.map { $0 + "\n" }.joined().utf8), to: path)
    return path
  }
}
