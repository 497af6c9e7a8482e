import ArgumentParser
import TillitReport

#if canImport(Glibc)
import Glibc
#endif

/// `--format`: a command says once what it prints in each format (a `Rendering`), and the
/// format chosen picks one; no command switches on it.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json

  /// Writes `rendering` in this format to standard output (a table in colour on a terminal).
  func write(_ rendering: Rendering) {
    switch self {
    case .table: Output.standard(rendering.table(Output.style(for: STDOUT_FILENO)))
    case .json: Output.standard(rendering.json())
    }
  }
}

/// A command's result in each `--format`: lines for a terminal of some style, and JSON.
struct Rendering {
  let table: (TerminalStyle) -> [[UInt8]]
  let json: () -> [[UInt8]]

  init(table: @escaping (TerminalStyle) -> [[UInt8]], json: @escaping () -> [[UInt8]]) {
    self.table = table
    self.json = json
  }

  init(table: @escaping (TerminalStyle) -> String, json: @escaping () -> String) {
    self.table = { [Array(table($0).utf8)] }
    self.json = { [Array(json().utf8)] }
  }
}
