import TillitCore
import TillitReport
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Writing to stdout and stderr: results to stdout, diagnostics to stderr, colour only on a terminal.
enum Output {
  static func standard(_ text: String) { write(text, to: STDOUT_FILENO) }
  static func standard(_ pieces: [[UInt8]]) { pieces.forEach { write($0, to: STDOUT_FILENO) } }
  /// Diagnostics may quote other people's text (a ledger entry's name, a path, a committed
  /// command): every control character but the line ends is shown escaped.
  static func error(_ text: String) { write(TerminalText.escapedLines(text), to: STDERR_FILENO) }

  /// `tillit: warning: ...`, one line whatever the warning holds (see `Diagnostics`).
  static func warning(_ text: String) { Diagnostics.warning(text) }

  static func style(for descriptor: Int32) -> TerminalStyle {
    TerminalStyle(colour: wantsColour(descriptor))
  }

  /// Colour (and a live line) only on a terminal, and not when `NO_COLOR` holds anything: set
  /// but empty, it is as if unset (no-color.org).
  static func wantsColour(_ descriptor: Int32) -> Bool {
    isatty(descriptor) == 1 && (ProcessEnvironment.value("NO_COLOR") ?? "").isEmpty
  }

  /// The check table for `descriptor`; `showsWhole(name)` says whether a failed check's whole
  /// output is shown, instead of a long one's first and last lines.
  static func checkTable(for descriptor: Int32, showsWhole: @escaping (String) -> Bool = { _ in false }) -> CheckReportTable {
    CheckReportTable(style: style(for: descriptor)) { log, check in showsWhole(check) ? LogExcerpt.whole(log) : LogExcerpt.read(log) }
  }

  /// The checks an approval covers, as `tillit trust`, `install` and `init` show them.
  static func listChecks(_ approval: Approval) {
    approval.describedChecks.forEach { standard($0 + "\n") }
  }

  static func write(_ text: String, to descriptor: Int32) { write(Array(text.utf8), to: descriptor) }

  static func write(_ bytes: [UInt8], to descriptor: Int32) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return }
      offset += written
    }
  }
}
