import TillitGit

/// pre-commit-hooks' `mixed-line-ending`. With `line-ending: auto` (the default) a file whose
/// lines end in more than one way gets the most common ending everywhere (a tie goes to `\n`,
/// then `\r\n`); with `lf`, `crlf` or `cr` every file gets that one. Every line then ends with
/// it, the last included. With `fix: false` the files are reported, not fixed (`--fix=no`).
struct MixedLineEnding: TextFileCheck {
  enum Ending: String, CaseIterable {
    case cr, crlf, lf
    var bytes: [UInt8] {
      switch self {
      case .cr: return [13]
      case .crlf: return [13, 10]
      case .lf: return [10]
      }
    }
  }

  /// nil: auto.
  let target: Ending?

  init(_ call: BuiltinCall) {
    target = call.options["line-ending"].flatMap(Ending.init(rawValue:))
  }

  func check(_ bytes: [UInt8], path: RepoPath) -> (problems: [String], fixed: [UInt8]?) {
    let lines = Self.lines(bytes)
    var counts: [Ending: Int] = [:]
    for line in lines {
      if let ending = Self.ending(of: line) { counts[ending, default: 0] += 1 }
    }
    let mixed = counts.count > 1
    let chosen: Ending
    if let target {
      guard counts.keys.contains(where: { $0 != target }) else { return ([], nil) }
      chosen = target
    } else {
      guard mixed else { return ([], nil) }
      // In the order cr, crlf, lf with >=: a tie goes to the later one.
      chosen =
        Ending.allCases.reduce((Ending.lf, 0)) { best, ending in
          (counts[ending] ?? 0) >= best.1 ? (ending, counts[ending] ?? 0) : best
        }.0
    }
    var fixed: [UInt8] = []
    fixed.reserveCapacity(bytes.count + lines.count)
    for line in lines {
      var end = line.endIndex
      while end > line.startIndex, line[end - 1] == 10 || line[end - 1] == 13 { end -= 1 }
      fixed += line[..<end]
      fixed += chosen.bytes
    }
    return (["\(path): \(mixed ? "mixed line endings" : "line endings other than \(chosen.rawValue)")"], fixed)
  }

  /// Python's `bytes.splitlines(True)`: lines ending in `\n`, `\r\n` or `\r`, endings kept.
  static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    var index = 0
    while index < bytes.count {
      if bytes[index] == 10 || bytes[index] == 13 {
        let end = bytes[index] == 13 && index + 1 < bytes.count && bytes[index + 1] == 10 ? index + 2 : index + 1
        lines.append(bytes[start..<end])
        start = end
        index = end
      } else {
        index += 1
      }
    }
    if start < bytes.count { lines.append(bytes[start...]) }
    return lines
  }

  static func ending(of line: ArraySlice<UInt8>) -> Ending? {
    if line.last == 13 { return .cr }
    if line.last == 10 { return line.count >= 2 && line[line.endIndex - 2] == 13 ? .crlf : .lf }
    return nil
  }
}
