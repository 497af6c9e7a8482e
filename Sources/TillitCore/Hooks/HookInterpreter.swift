import TillitSystem

/// How to start a chained hook so that it sees the path git would have run it from as `$0`.
/// Managers find their own files from `$0` (husky's shim sources `h` beside it and runs
/// `.husky/<its name>`), so a hook Tillit moved aside must not learn that it moved. A shell
/// script is sourced by its own shell under `-c`, which sets `$0` to anything; other programs
/// run as they are, under their own name in `tillit-chained/`.
public enum HookInterpreter {
  /// The shells whose `sh -c '. FILE' NAME ARGS` sources FILE with `$0` = NAME.
  static let shells: Set<String> = ["sh", "bash", "dash", "ash", "ksh", "mksh", "posh", "yash"]

  /// The argv that runs `file` as if it were at `shownPath`, with `arguments`.
  public static func argv(running file: String, as shownPath: String, arguments: [String]) -> [String] {
    let direct = [file] + arguments
    guard let words = shebang(of: file), let first = words.first else { return direct }
    var interpreter = first
    if baseName(first) == "env" {
      // `env -S ...` and other options: too clever to rewrite, run as it is.
      guard words.count > 1, !words[1].hasPrefix("-") else { return direct }
      interpreter = words[1]
    }
    guard shells.contains(baseName(interpreter)) else { return direct }
    // Absolute, so `.` never searches PATH for it.
    return words + ["-c", ". " + ShellQuote.quote(FileSystem.absolute(file)), shownPath] + arguments
  }

  /// The words of the `#!` line, nil when there is none.
  static func shebang(of file: String) -> [String]? {
    guard let bytes = try? FileSystem.read(file), bytes.starts(with: Array("#!".utf8)) else { return nil }
    let line = bytes.dropFirst(2).prefix { $0 != UInt8(ascii: "\n") }
    let words = String(decoding: line, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
    return words.isEmpty ? nil : words
  }

  private static func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}
