/// A pattern where `*` matches any run of characters, compared without case: how bots are named
/// in `.tillit.yml` (`*[bot]*`, `ci@*`). Every other character stands for itself.
struct Wildcard: Sendable {
  private let matcher: PatternMatcher

  init(_ pattern: String) {
    matcher = PatternMatcher(tokens: pattern.lowercased().utf8.map { $0 == UInt8(ascii: "*") ? .anyRun : .literal($0) })
  }

  func matches(_ text: String) -> Bool { matcher.matches(Array(text.lowercased().utf8)) }
}
