import TillitGit

/// A claim's pattern read as CODEOWNERS and `.gitignore` read theirs: a pattern that matches a
/// folder covers everything under it (`src/net` and `src/net/` own `src/net/a.c`); a trailing
/// `/` matches folders only; a pattern without a `/` (other than a trailing one) matches at any
/// depth (`*.md`, `net/`); a leading `/` anchors it at the top; `*`, `?` and `**` as in `Glob`.
struct OwnershipPattern: Sendable {
  private let glob: Glob
  private let foldersOnly: Bool

  /// Nil for a pattern `Glob` cannot read (an unclosed `[`, nothing but slashes): it owns nothing.
  init?(_ text: String) {
    var pattern = Substring(text)
    foldersOnly = pattern.hasSuffix("/")
    while pattern.hasSuffix("/") { pattern = pattern.dropLast() }
    guard !pattern.isEmpty, let glob = try? Glob(String(pattern)) else { return nil }
    self.glob = glob
  }

  func matches(_ path: RepoPath) -> Bool {
    if !foldersOnly && glob.matches(path) { return true }
    var bytes = path.bytes[...]
    while let slash = bytes.lastIndex(of: UInt8(ascii: "/")) {
      bytes = bytes[..<slash]
      if glob.matches(RepoPath(bytes: Array(bytes))) { return true }
    }
    return false
  }
}
