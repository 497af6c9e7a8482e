#if canImport(Glibc)
import Glibc
#endif

/// Absolute paths in one canonical spelling, so that two spellings of a folder compare equal.
public enum PathNormalizer {
  /// Symlinks resolved where the path exists; otherwise `.` and `..` removed by spelling alone.
  public static func resolve(_ path: String) -> String {
    if let resolved = realpath(path, nil) {
      defer { free(resolved) }
      return String(cString: resolved)
    }
    return lexical(path)
  }

  /// `.` and `..` components and repeated or trailing slashes removed, by spelling alone.
  public static func lexical(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      if part == "." { continue }
      if part == ".." { _ = parts.popLast(); continue }
      parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
  }
}
