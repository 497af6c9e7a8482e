import TillitGit
import TillitSystem

/// Runs the plan's built-in fixers, one after the other in plan order, each on the content as
/// the ones before it left it, in memory. Their fixes are written as blobs and a fixed tree,
/// which the session applies as it applies a snapshot fixer's (`FixApplier`) and which the
/// snapshot fixers, if any, start from.
struct BuiltinFixerRun {
  let runner: BuiltinRunner
  var progress: (@Sendable (CheckProgress) -> Void)? = nil

  struct Outcome {
    /// Results by position in the plan.
    var results: [Int: CheckResult] = [:]
    /// The content with every fix in it; nil when nothing was fixed.
    var fixedTree: ObjectID?
  }

  func run(_ plan: [PlannedCheck], subject: CheckSubject) throws -> Outcome {
    var outcome = Outcome()
    var rewritten: [RepoPath: [UInt8]] = [:]
    var modes: [RepoPath: FileMode] = [:]
    for (position, planned) in plan.enumerated() where planned.isBuiltinFixer {
      let check = planned.definition
      progress?(.started(name: check.name))
      let started = Clock.milliseconds()
      var result: CheckResult
      do {
        let verdict = try runner.verdict(check, subject: subject, rewritten: rewritten)
        let logPath = try runner.writeLog(check.name, verdict.problems)
        for fix in verdict.fixed {
          rewritten[fix.entry.path] = fix.bytes
          modes[fix.entry.path] = fix.entry.mode
        }
        let elapsed = Clock.milliseconds() - started
        if verdict.fixed.isEmpty {
          result = CheckResult(
            name: check.name, outcome: verdict.problems.isEmpty ? .passed : .failed, durationMs: elapsed, exitCode: verdict.problems.isEmpty ? 0 : 1,
            logPath: logPath)
        } else {
          let note = verdict.fixed.count == 1 ? "fixed \(verdict.fixed[0].entry.path)" : "fixed \(verdict.fixed.count) files"
          result = CheckResult(name: check.name, outcome: .fixed, durationMs: elapsed, exitCode: 1, note: note, logPath: logPath)
        }
      } catch {
        result = CheckResult(name: check.name, outcome: .failed, durationMs: Clock.milliseconds() - started, note: "\(error)")
      }
      outcome.results[position] = result
      progress?(.finished(result))
    }
    guard !rewritten.isEmpty else { return outcome }
    let repository = runner.repository
    let entries = try rewritten.sorted { $0.key < $1.key }.map { path, bytes in
      FileEntry(path: path, mode: modes[path] ?? .regular, blob: try repository.writeBlob(bytes))
    }
    outcome.fixedTree = try repository.tree(try subject.tree(), putting: entries)
    return outcome
  }
}

extension PlannedCheck {
  /// A built-in fixer that will run and may fix (not `fix: false`).
  var isBuiltinFixer: Bool { runs && definition.fix && definition.builtin != nil }
}
