import TillitGit

/// A path pattern of `.tillit.yml`: `*` and `?` stay within a folder, `**` spans folders,
/// `[abc]` / `[!a-z]` match one byte of a set. A pattern without a `/` matches a file's name
/// at any depth (`*.md` is `**/*.md`), as in `.gitignore`.
public struct Glob: Hashable, Sendable {
  public let pattern: String
  private let matcher: PatternMatcher

  private typealias Token = PatternMatcher.Token

  public init(_ pattern: String) throws(GlobError) {
    self.pattern = pattern
    var bytes = Array(pattern.utf8)
    if bytes.first == UInt8(ascii: "/") { bytes.removeFirst() } else if !bytes.contains(UInt8(ascii: "/")) { bytes = Array("**/".utf8) + bytes }
    guard !bytes.isEmpty else { throw GlobError(pattern: pattern, problem: "it is empty") }
    matcher = PatternMatcher(tokens: try Glob.tokenize(bytes, pattern: pattern))
  }

  /// Whether `path` (relative to the repository root) matches.
  public func matches(_ path: RepoPath) -> Bool {
    matcher.matches(path.bytes)
  }

  private static func tokenize(_ bytes: [UInt8], pattern: String) throws(GlobError) -> [Token] {
    var tokens: [Token] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "*"):
        let isDouble = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*")
        let atSegmentStart = index == 0 || bytes[index - 1] == UInt8(ascii: "/")
        if isDouble && atSegmentStart {
          let afterStars = index + 2
          if afterStars == bytes.count {
            tokens.append(.folders)
            tokens.append(.star)
            index = afterStars
            continue
          }
          if bytes[afterStars] == UInt8(ascii: "/") {
            tokens.append(.folders)
            index = afterStars + 1
            continue
          }
        }
        if tokens.last != .star { tokens.append(.star) }
        index += isDouble ? 2 : 1
      case UInt8(ascii: "?"):
        tokens.append(.anyByte)
        index += 1
      case UInt8(ascii: "["):
        guard let (token, next) = parseSet(bytes, from: index) else {
          throw GlobError(pattern: pattern, problem: "its '[' has no closing ']'")
        }
        tokens.append(token)
        index = next
      case UInt8(ascii: "\\") where index + 1 < bytes.count:
        tokens.append(.literal(bytes[index + 1]))
        index += 2
      default:
        tokens.append(.literal(byte))
        index += 1
      }
    }
    return tokens
  }

  private static func parseSet(_ bytes: [UInt8], from start: Int) -> (Token, Int)? {
    var index = start + 1
    var negated = false
    if index < bytes.count, bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "^") {
      negated = true
      index += 1
    }
    var ranges: [ClosedRange<UInt8>] = []
    var first = true
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "]") && !first { return (.set(negated: negated, ranges: ranges), index + 1) }
      first = false
      if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] != UInt8(ascii: "]") {
        ranges.append(min(byte, bytes[index + 2])...max(byte, bytes[index + 2]))
        index += 3
      } else {
        ranges.append(byte...byte)
        index += 1
      }
    }
    return nil
  }
}

/// A pattern that cannot be read.
public struct GlobError: Error, Sendable {
  public let pattern: String
  public let problem: String
}
