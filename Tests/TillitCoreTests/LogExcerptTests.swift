import Foundation
import Testing
import TillitCore

@Suite struct LogExcerptTests {
  /// Writes `text` to a temporary log and reads its excerpt.
  static func excerpt(of bytes: [UInt8], whole: Bool = false) throws -> LogExcerpt {
    let path = NSTemporaryDirectory() + "/tillit-excerpt-\(UUID().uuidString).log"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    return whole ? LogExcerpt.whole(path) : LogExcerpt.read(path)
  }

  static func numbered(_ range: ClosedRange<Int>) -> [String] { range.map(String.init) }

  @Test func aShortLogIsWhole() throws {
    let lines = Self.numbered(1...25)
    #expect(try Self.excerpt(of: Array((lines.joined(separator: "\n") + "\n").utf8)) == LogExcerpt(head: lines))
    #expect(try Self.excerpt(of: []) == LogExcerpt(head: []))
    #expect(try Self.excerpt(of: Array("\n".utf8)) == LogExcerpt(head: [""]))
  }

  @Test func aLongLogKeepsItsFirstAndLastTenLines() throws {
    let text = "ROOT-CAUSE\n" + Self.numbered(1...200).joined(separator: "\n") + "\n"
    #expect(try Self.excerpt(of: Array(text.utf8)) == LogExcerpt(head: ["ROOT-CAUSE"] + Self.numbered(1...9), omitted: 181, tail: Self.numbered(191...200)))
    #expect(
      try Self.excerpt(of: Array(Self.numbered(1...26).joined(separator: "\n").utf8))
        == LogExcerpt(head: Self.numbered(1...10), omitted: 6, tail: Self.numbered(17...26)))
  }

  /// A log far larger than one read block: lines across block boundaries are whole, a line
  /// longer than `longestLine` is cut, and the count is exact.
  @Test func aLargeLogIsReadInBlocks() throws {
    var text = String(repeating: "x", count: 200_000) + "\r\n"
    text += Self.numbered(1...100_000).map { $0 + "\r\n" }.joined()
    text += "no line end"
    let excerpt = try Self.excerpt(of: Array(text.utf8))
    #expect(excerpt.head.first == String(repeating: "x", count: LogExcerpt.longestLine) + "…")
    #expect(Array(excerpt.head.dropFirst()) == Self.numbered(1...9))
    #expect(excerpt.omitted == 100_002 - 20)
    #expect(excerpt.tail == Self.numbered(99_992...100_000) + ["no line end"])
  }

  @Test func wholeKeepsEveryLine() throws {
    let lines = Self.numbered(1...300)
    #expect(try Self.excerpt(of: Array((lines.joined(separator: "\r\n") + "\r\n").utf8), whole: true) == LogExcerpt(head: lines))
    #expect(try Self.excerpt(of: Array("a\nb".utf8), whole: true) == LogExcerpt(head: ["a", "b"]))
  }

  @Test func aMissingLogShowsNothing() {
    #expect(LogExcerpt.read("/nonexistent/tillit.log") == LogExcerpt(head: []))
    #expect(LogExcerpt.whole("/nonexistent/tillit.log") == LogExcerpt(head: []))
  }
}
