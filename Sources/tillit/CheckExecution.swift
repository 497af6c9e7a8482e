import ArgumentParser
import TillitCore
import TillitGit
import TillitReport

#if canImport(Glibc)
import Glibc
#endif

/// Runs a check session with Ctrl-C handling and renders its report; shared by `check` and `hook`.
enum CheckExecution {
  /// Returns the exit code: 0 passed, 1 failed, 130 interrupted.
  static func run(subjects: [CheckSubject], repository: Repository, options: CheckSession.Options, format: OutputFormat, descriptor: Int32) throws -> Int32 {
    let monitor = InterruptMonitor()
    let session = CheckSession(repository: repository, monitor: monitor)
    var results: [CheckResult] = []
    var duration = 0
    for subject in subjects {
      switch try session.run(subject, options: options) {
      case .noConfig:
        if format == .table && !(options.fromHook && options.stage == .commitMessage) {  // pre-commit said so already
          Output.error("tillit: no \(ProjectConfig.fileName) here, so there is nothing to check (`tillit init` writes one)\n")
        }
      case .ran(let report):
        report.warnings.forEach { Output.warning($0) }
        results += report.results
        duration += report.durationMs
      }
    }
    let report = CheckReport(results: results, durationMs: duration)
    switch format {
    case .json: Output.write(CheckReportJSON.render(report), to: descriptor)
    case .table: if !results.isEmpty { Output.write(Output.checkTable(for: descriptor).render(report), to: descriptor) }
    }
    if monitor.signal != nil || report.wasInterrupted { return 130 }
    return report.passed ? 0 : 1
  }
}
