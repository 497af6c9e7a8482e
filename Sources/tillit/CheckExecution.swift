import ArgumentParser
import TillitCore
import TillitGit
import TillitReport
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Runs a check session with Ctrl-C handling and renders its report; shared by `check` and `hook`.
/// A table is shown as the checks finish (`CheckProgressDisplay`), the failures' output and the
/// summary after the last; JSON is written once, at the end.
enum CheckExecution {
  /// Returns the exit code: 0 passed, 1 failed, 130 interrupted. `verbose` shows the whole
  /// output of every failure, instead of a long one's first and last lines.
  static func run(
    subjects: [CheckSubject], repository: Repository, options: CheckSession.Options, format: OutputFormat, descriptor: Int32,
    verbose: Bool = false
  ) throws -> Int32 {
    let monitor = InterruptMonitor()
    let session = CheckSession(repository: repository, monitor: monitor)
    var options = options
    var display: CheckProgressDisplay?
    if format == .table {
      let shown = CheckProgressDisplay(
        descriptor: descriptor, table: Output.checkTable(for: descriptor), live: CheckProgressDisplay.isLive(descriptor))
      options.progress = { shown.report($0) }
      display = shown
    }
    defer { display?.stop() }
    var results: [CheckResult] = []
    var duration = 0
    var fixes: FixSummary?
    var rewritten: [RepoPath] = []
    for subject in subjects {
      switch try session.run(subject, options: options) {
      case .noConfig:
        if format == .table && !(options.fromHook && options.stage == .commitMessage) {  // pre-commit said so already
          Output.error("tillit: no \(ProjectConfig.fileName) here, so there is nothing to check (`tillit init` writes one)\n")
        }
      case .ran(let report):
        if let fixed = report.fixes { fixes = fixed }
        rewritten += report.rewritten
        results += report.results
        duration += report.durationMs
      }
    }
    let report = CheckReport(results: results, durationMs: duration, fixes: fixes, rewritten: rewritten)
    display?.stop()
    switch format {
    case .json: Output.write(CheckReportJSON.render(report), to: descriptor)
    case .table:
      let table = Output.checkTable(for: descriptor) { verbose || display?.showsFullOutput(of: $0) == true }
      if !results.isEmpty { Output.write(table.details(report), to: descriptor) }
    }
    if format == .table, let fixes { Output.write(Self.describe(fixes, fromHook: options.fromHook), to: descriptor) }
    if format == .table, !rewritten.isEmpty {
      Output.write(
        "tillit: checks rewrote \(Self.names(rewritten)) in the snapshot without fix: true, so what they checked is not what is staged; "
          + "the rewrite was discarded. Mark the check that rewrites files fix: true (its fixes are then applied), or make it only report (ruff check --no-fix)\n",
        to: descriptor)
    }
    PhaseTimings.mark("report written")
    if monitor.signal != nil || report.wasInterrupted { return 130 }
    return report.passed ? 0 : 1
  }

  /// What the fixers changed and where it went, in a few lines.
  static func names(_ paths: [RepoPath]) -> String {
    paths.prefix(8).map { TerminalText.escaped($0.description) }.joined(separator: ", ") + (paths.count > 8 ? ", …" : "")
  }

  static func describe(_ fixes: FixSummary, fromHook: Bool) -> String {
    guard fixes.applies else {
      return "tillit: fixers would change \(names(fixes.keptUnstaged)); a pushed commit cannot be fixed: fix them, commit and push again\n"
    }
    var lines: [String] = []
    if !fixes.applied.isEmpty {
      if !fixes.temporaryIndex {
        lines.append("tillit: fixed \(names(fixes.applied)): staged, and in your work tree")
      } else if fixes.stopsTheCommit {
        lines.append("tillit: fixed \(names(fixes.applied)) in your work tree (git commit <paths> stages them from there when you commit again)")
      } else {
        lines.append(
          "tillit: fixed \(names(fixes.applied)) in your work tree and in this commit; git's own index keeps the unfixed copy (git commit <paths> commits from a temporary one): git add them"
        )
      }
    }
    if !fixes.keptUnstaged.isEmpty {
      lines.append(
        "tillit: fixed \(names(fixes.keptUnstaged)) in what is staged only: your unstaged edits there would not merge with the fix, so the work tree keeps them"
      )
    }
    if let patch = fixes.patch { lines.append("tillit: the whole fix is saved as \(TerminalText.escaped(patch))") }
    if !fromHook {
      lines.append("tillit: look at the fixes with git diff --cached, and commit to record them")
    } else {
      lines.append(
        fixes.stopsTheCommit
          ? "tillit: the commit stopped so you can look at the fixes (git diff --cached); commit again to record them"
          : "tillit: the fixed content is what gets committed (on-fix: continue)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
