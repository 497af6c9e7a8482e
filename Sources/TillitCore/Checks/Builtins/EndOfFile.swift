import TillitGit

/// pre-commit-hooks' `end-of-file-fixer`: a file is empty or ends with exactly one line ending.
/// One is added after a last line without it; extra blank lines at the end are removed (the
/// first ending kept, whichever of `\n`, `\r\n`, `\r` it is); a file of line endings only is
/// emptied.
struct EndOfFile: TextFileCheck {
  func check(_ bytes: [UInt8], path: RepoPath) -> (problems: [String], fixed: [UInt8]?) {
    guard let fixed = Self.fixed(bytes) else { return ([], nil) }
    return (["\(path): \(fixed.count > bytes.count ? "no newline at the end" : "blank lines at the end")"], fixed)
  }

  /// The fixed bytes, or nil when the file is right as it is.
  static func fixed(_ bytes: [UInt8]) -> [UInt8]? {
    guard let last = bytes.last else { return nil }
    guard last == 10 || last == 13 else { return bytes + [10] }
    guard let kept = bytes.lastIndex(where: { $0 != 10 && $0 != 13 }) else { return [] }
    let remaining = bytes[(kept + 1)...]
    for ending: [UInt8] in [[10], [13, 10], [13]] {
      if remaining.elementsEqual(ending) { return nil }
      if remaining.starts(with: ending) { return Array(bytes[...(kept + ending.count)]) }
    }
    return nil
  }
}
