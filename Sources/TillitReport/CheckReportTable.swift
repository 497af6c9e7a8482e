import TillitCore

/// The terminal form of a check run: one line per check, the tail of each failure's output with
/// where its full log is, and a summary line.
public struct CheckReportTable {
  public let style: TerminalStyle
  /// How many lines of a failed check's output to show.
  public let tailLines: Int
  /// Reads a log's tail; injected so that rendering stays free of file access in tests.
  public let readTail: (String, Int) -> [String]

  public init(style: TerminalStyle, tailLines: Int = 20, readTail: @escaping (String, Int) -> [String]) {
    self.style = style
    self.tailLines = tailLines
    self.readTail = readTail
  }

  /// The checks' names come from a committed `.tillit.yml` and their notes may quote it: both
  /// are shown with their control characters escaped.
  public func render(_ report: CheckReport) -> String {
    let names = report.results.map { TerminalText.escaped($0.name) }
    let width = max(8, names.map(\.count).max() ?? 0)
    var lines: [String] = []
    for (result, shownName) in zip(report.results, names) {
      let name = shownName + String(repeating: " ", count: width - shownName.count)
      var line = "  \(symbol(result.outcome)) \(name)  \(label(result.outcome))"
      if result.outcome != .skipped && result.outcome != .cached { line += "  " + style.dim(Self.duration(result.durationMs)) }
      if let note = result.note, result.outcome != .failed { line += "  " + style.dim("(\(TerminalText.escaped(note)))") }
      lines.append(line)
    }
    for (result, name) in zip(report.results, names) where !result.isSuccess && result.outcome != .interrupted {
      lines.append("")
      let exit = result.exitCode.map { ", exit \($0)" } ?? ""
      lines.append(style.bold("── \(name) \(result.outcome.rawValue)\(exit) ──"))
      if let note = result.note, result.outcome == .failed { lines.append(TerminalText.escapedLines(note)) }
      if let log = result.logPath {
        let tail = readTail(log, tailLines)
        lines += tail
        lines.append(style.dim("(full output: \(TerminalText.escaped(log)))"))
      }
    }
    lines.append("")
    lines.append(summary(report))
    return lines.joined(separator: "\n") + "\n"
  }

  private func summary(_ report: CheckReport) -> String {
    var counts: [(CheckOutcome, Int)] = []
    for outcome in [CheckOutcome.passed, .fixed, .cached, .failed, .timedOut, .interrupted, .skipped] {
      let count = report.results.filter { $0.outcome == outcome }.count
      if count > 0 { counts.append((outcome, count)) }
    }
    let parts = counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
    let verdict = report.passed ? style.green("tillit: checks passed") : style.red("tillit: checks failed")
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

  static func duration(_ milliseconds: Int) -> String {
    if milliseconds < 1000 { return "\(milliseconds)ms" }
    let seconds = Double(milliseconds) / 1000
    if seconds < 60 { return String((seconds * 10).rounded() / 10) + "s" }
    return "\(Int(seconds) / 60)m\(Int(seconds) % 60)s"
  }
}
