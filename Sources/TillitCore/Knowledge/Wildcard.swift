/// A pattern where `*` matches any run of characters, compared without case: how bots are named
/// in `.tillit.yml` (`*[bot]*`, `ci@*`).
struct Wildcard: Sendable {
  private let pattern: [UInt8]

  init(_ pattern: String) { self.pattern = Array(pattern.lowercased().utf8) }

  func matches(_ text: String) -> Bool {
    let text = Array(text.lowercased().utf8)
    var (p, t) = (0, 0)
    var star: Int?
    var resume = 0
    while t < text.count {
      if p < pattern.count && pattern[p] == UInt8(ascii: "*") {
        star = p
        resume = t
        p += 1
      } else if p < pattern.count && pattern[p] == text[t] {
        p += 1
        t += 1
      } else if let star {
        p = star + 1
        resume += 1
        t = resume
      } else {
        return false
      }
    }
    while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
    return p == pattern.count
  }
}
