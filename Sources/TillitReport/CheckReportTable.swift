import TillitCore
import TillitSystem

/// The terminal form of a check run: one line per check (`line`, written as each finishes), then
/// (`details`) what each failure printed (a long output's first and last lines, see
/// `LogExcerpt`) with where its full log is, and a summary line.
public struct CheckReportTable {
  public let style: TerminalStyle
  /// What to show of a failed check's output, given its log's path and the check's name;
  /// injected so that rendering stays free of file access in tests.
  public let readOutput: (_ log: String, _ check: String) -> LogExcerpt

  public init(style: TerminalStyle, readOutput: @escaping (_ log: String, _ check: String) -> LogExcerpt) {
    self.style = style
    self.readOutput = readOutput
  }

  /// The width of the name column for these checks.
  public static func width(_ names: [String]) -> Int {
    max(8, names.map { TerminalText.escaped(CheckResult.shownName(ofCheck: $0)).count }.max() ?? 0)
  }

  /// One check's line, its name padded to `width` (a nested file's check with the file it comes
  /// from: `web/.tillit.yml: lint`). The checks' names come from a committed `.tillit.yml` and
  /// their notes may quote it: both are shown with their control characters escaped.
  public func line(_ result: CheckResult, width: Int) -> String {
    let shownName = TerminalText.escaped(result.shownName)
    let name = shownName + String(repeating: " ", count: max(0, width - shownName.count))
    var line = "  \(symbol(result.outcome)) \(name)  \(label(result.outcome))"
    if result.outcome != .skipped && result.outcome != .cached { line += "  " + style.dim(Self.duration(result.durationMs)) }
    if let note = result.note, result.outcome != .failed { line += "  " + style.dim("(\(TerminalText.escaped(note)))") }
    return line
  }

  /// What follows the checks' lines: a section per failure with what it printed, and the summary.
  public func details(_ report: CheckReport) -> String {
    var lines: [String] = []
    for result in report.results where !result.isSuccess && result.outcome != .interrupted {
      let name = TerminalText.escaped(result.shownName)
      lines.append("")
      let exit = result.exitCode.map { ", exit \($0)" } ?? ""
      lines.append(style.bold("── \(name) \(result.outcome.rawValue)\(exit) ──"))
      if let note = result.note, result.outcome == .failed { lines.append(TerminalText.escapedLines(note)) }
      if let log = result.logPath {
        lines += excerpt(readOutput(log, result.name))
        lines.append(style.dim("(full output: \(TerminalText.escaped(log)))"))
      }
    }
    lines.append("")
    lines.append(summary(report))
    return lines.joined(separator: "\n") + "\n"
  }

  /// The live line of the checks still running, such as `  … lint 3.2s, unit 1.1s`, cut to
  /// `columns` characters so that it never wraps (a wrapped line could not be redrawn in place).
  public func runningLine(_ running: [(name: String, elapsedMs: Int)], columns: Int) -> String {
    var text = "  … " + running.map { "\(TerminalText.escaped(CheckResult.shownName(ofCheck: $0.name))) \(Self.elapsed($0.elapsedMs))" }.joined(separator: ", ")
    let room = max(4, columns - 1)
    if text.count > room { text = String(text.prefix(room - 1)) + "…" }
    return style.dim(text)
  }

  /// A check's output, each line escaped but its tabs kept.
  private func excerpt(_ excerpt: LogExcerpt) -> [String] {
    var lines = excerpt.head.map(TerminalText.escapedKeepingTabs)
    if excerpt.omitted > 0 { lines.append(style.dim("… \(excerpt.omitted) \(excerpt.omitted == 1 ? "line" : "lines") …")) }
    return lines + excerpt.tail.map(TerminalText.escapedKeepingTabs)
  }

  private func summary(_ report: CheckReport) -> String {
    var counts: [(CheckOutcome, Int)] = []
    for outcome in [CheckOutcome.passed, .fixed, .cached, .failed, .timedOut, .interrupted, .skipped] {
      let count = report.results.filter { $0.outcome == outcome }.count
      if count > 0 { counts.append((outcome, count)) }
    }
    let parts = counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
    let verdict: String
    if report.passed {
      verdict = style.green("tillit: checks passed")
    } else if report.results.allSatisfy(\.isSuccess) {
      verdict = style.yellow("tillit: checks stopped") + (report.rewritten.isEmpty ? " for fixes" : " for rewritten files")
    } else {
      verdict = style.red("tillit: checks failed")
    }
    return "\(verdict) (\(parts.isEmpty ? "no checks" : parts)) in \(Self.duration(report.durationMs))"
  }

  private func symbol(_ outcome: CheckOutcome) -> String {
    switch outcome {
    case .passed: return style.green("✓")
    case .cached: return style.green("✓")
    case .fixed: return style.yellow("✎")
    case .failed, .timedOut: return style.red("✗")
    case .interrupted: return style.yellow("!")
    case .skipped: return style.dim("-")
    }
  }

  private func label(_ outcome: CheckOutcome) -> String {
    switch outcome {
    case .passed: return style.green("passed")
    case .cached: return style.green("cached")
    case .fixed: return style.yellow("fixed")
    case .failed: return style.red("failed")
    case .timedOut: return style.red("timed out")
    case .interrupted: return style.yellow("interrupted")
    case .skipped: return style.dim("skipped")
    }
  }

  /// A running check's time, in tenths of a second so that it does not jump from ms to s.
  static func elapsed(_ milliseconds: Int) -> String {
    milliseconds < 60_000 ? "\(milliseconds / 1000).\(milliseconds % 1000 / 100)s" : duration(milliseconds)
  }

  static func duration(_ milliseconds: Int) -> String {
    if milliseconds < 1000 { return "\(milliseconds)ms" }
    let seconds = Double(milliseconds) / 1000
    if seconds < 60 { return String((seconds * 10).rounded() / 10) + "s" }
    return "\(Int(seconds) / 60)m\(Int(seconds) % 60)s"
  }
}
