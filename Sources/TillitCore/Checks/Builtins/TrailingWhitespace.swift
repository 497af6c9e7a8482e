import TillitGit

/// pre-commit-hooks' `trailing-whitespace`: strips spaces and tabs (by default every ASCII
/// whitespace byte, or only `chars`) from the end of each line, keeping its `\n` or `\r\n`.
/// In Markdown files (`markdown-linebreak-ext`: extensions, or `*` for every file) a non-blank
/// line ending in two spaces keeps them: a hard line break.
struct TrailingWhitespace: TextFileCheck {
  /// What is stripped; nil: space, tab, `\n`, `\r`, vertical tab and form feed (Python's `rstrip()`).
  let chars: [UInt8]?
  /// Lower-cased extensions with their dot, as Python's `os.path.splitext` gives them.
  let markdownExtensions: Set<[UInt8]>
  let allMarkdown: Bool

  init(_ call: BuiltinCall) {
    chars = call.options["chars"].map { Array($0.utf8) }
    let words = (call.options["markdown-linebreak-ext"] ?? "").split(separator: ",", omittingEmptySubsequences: false)
    allMarkdown = words.contains("*")
    // As the hook does: "md" and ".md" alike; no extension given means "." (a name ending in a dot).
    markdownExtensions = Set(words.map { Array(("." + $0.lowercased().drop { $0 == "." }).utf8) })
  }

  func check(_ bytes: [UInt8], path: RepoPath) -> (problems: [String], fixed: [UInt8]?) {
    let markdown = allMarkdown || markdownExtensions.contains(Self.extensionLowercased(path))
    var fixed: [UInt8] = []
    fixed.reserveCapacity(bytes.count)
    for line in LineSplit.lines(bytes) { fixed += process(line, markdown: markdown) }
    return fixed == bytes ? ([], nil) : (["\(path): trailing whitespace"], fixed)
  }

  private func process(_ whole: ArraySlice<UInt8>, markdown: Bool) -> [UInt8] {
    var line = whole
    var ending: ArraySlice<UInt8> = []
    if line.last == 10 {
      let crlf = line.count >= 2 && line[line.endIndex - 2] == 13
      ending = line.suffix(crlf ? 2 : 1)
      line = line.dropLast(crlf ? 2 : 1)
    }
    if markdown, !line.isEmpty, !line.allSatisfy(Self.isSpace), line.count >= 2, line.suffix(2) == [32, 32] {
      return Array(strip(line.dropLast(2))) + [32, 32] + ending
    }
    return Array(strip(line)) + ending
  }

  private func strip(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var end = line.endIndex
    while end > line.startIndex, chars.map({ $0.contains(line[end - 1]) }) ?? Self.isSpace(line[end - 1]) { end -= 1 }
    return line[..<end]
  }

  /// Python's `bytes.isspace` for one byte.
  static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || (9...13).contains(byte) }

  /// `os.path.splitext(name.lower())[1]`: from the last dot of the file name, unless the name
  /// is only dots before it (`.bashrc` has none).
  static func extensionLowercased(_ path: RepoPath) -> [UInt8] {
    let name = path.bytes.split(separator: 47, omittingEmptySubsequences: false).last ?? []
    guard let dot = name.lastIndex(of: 46), name[name.startIndex..<dot].contains(where: { $0 != 46 }) else { return [] }
    return name[dot...].map { (65...90).contains($0) ? $0 + 32 : $0 }
  }
}

/// Lines as Python's `readlines()` on bytes gives them: each up to and with its `\n`.
enum LineSplit {
  static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    for index in bytes.indices where bytes[index] == 10 {
      lines.append(bytes[start...index])
      start = index + 1
    }
    if start < bytes.count { lines.append(bytes[start...]) }
    return lines
  }
}
