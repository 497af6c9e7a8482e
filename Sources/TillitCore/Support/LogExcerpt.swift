import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// What a report shows of a failed check's output (its log): all of a short one; the first and
/// the last lines of a long one, with how many lines were left out between, so that both the
/// first error (often the cause) and the end (often the verdict) are in view.
///
/// Reading an excerpt takes bounded memory whatever the log's size: the log is read once, in
/// blocks, keeping the first `wholeUpTo` lines, the last `tailCount` and a count; each kept line
/// is cut at `longestLine` bytes. Lines are split at LF; a CR before the LF (a CRLF line end) is
/// dropped. Nothing is escaped here: the renderer does that.
public struct LogExcerpt: Equatable, Sendable {
  public var head: [String]
  /// How many lines are left out between `head` and `tail`.
  public var omitted: Int
  public var tail: [String]

  public init(head: [String], omitted: Int = 0, tail: [String] = []) {
    self.head = head
    self.omitted = omitted
    self.tail = tail
  }

  /// A log of at most this many lines is shown whole.
  public static let wholeUpTo = 25
  /// How many first and last lines a longer log shows.
  public static let headCount = 10
  public static let tailCount = 10
  /// Bytes of one line that an excerpt keeps (the rest is shown as `…`).
  public static let longestLine = 1000

  /// The excerpt of the log at `path`; empty when it cannot be read.
  public static func read(_ path: String) -> LogExcerpt {
    var collector = Collector()
    guard readBlocks(path, into: { collector.add($0) }) else { return LogExcerpt(head: []) }
    return collector.excerpt()
  }

  /// The whole log at `path`, as lines, for `--verbose` and `output: full`; empty when it
  /// cannot be read. Unlike an excerpt this holds the whole file in memory: it is asked for.
  public static func whole(_ path: String) -> LogExcerpt {
    guard let bytes = try? FileSystem.read(path) else { return LogExcerpt(head: []) }  // no log: nothing to show
    var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(line)
    if bytes.last == UInt8(ascii: "\n") || bytes.isEmpty { lines.removeLast() }
    return LogExcerpt(head: lines)
  }

  /// Calls `body` with each block of the file; false when it cannot be opened or read.
  private static func readBlocks(_ path: String, into body: (ArraySlice<UInt8>) -> Void) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { return false }
      if count == 0 { return true }
      body(buffer[0..<count])
    }
  }

  /// One line's bytes as text, without a CRLF's CR.
  private static func line<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> String {
    String(decoding: bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes[...], as: UTF8.self)
  }

  /// Lines as they stream in: the first ones, a ring of the last ones, and a count.
  private struct Collector {
    var first: [String] = []
    var last: [String] = []
    var nextInRing = 0
    var count = 0
    var current: [UInt8] = []
    var currentIsCut = false
    var hasPartialLine = false

    mutating func add(_ block: ArraySlice<UInt8>) {
      var rest = block
      while let end = rest.firstIndex(of: UInt8(ascii: "\n")) {
        append(rest[rest.startIndex..<end])
        endLine()
        rest = rest[(end + 1)...]
      }
      append(rest)
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
      guard !bytes.isEmpty else { return }
      hasPartialLine = true
      let room = LogExcerpt.longestLine - current.count
      if bytes.count > room { currentIsCut = true }
      if room > 0 { current += bytes.prefix(room) }
    }

    private mutating func endLine() {
      var text = LogExcerpt.line(current)
      if currentIsCut { text += "…" }
      if first.count < LogExcerpt.wholeUpTo { first.append(text) }
      if last.count < LogExcerpt.tailCount {
        last.append(text)
      } else {
        last[nextInRing] = text
        nextInRing = (nextInRing + 1) % LogExcerpt.tailCount
      }
      count += 1
      current.removeAll(keepingCapacity: true)
      currentIsCut = false
      hasPartialLine = false
    }

    mutating func excerpt() -> LogExcerpt {
      // A last line without its line end is a line too.
      if hasPartialLine { endLine() }
      guard count > LogExcerpt.wholeUpTo else { return LogExcerpt(head: first) }
      let tail = Array(last[nextInRing...] + last[..<nextInRing])
      return LogExcerpt(head: Array(first.prefix(LogExcerpt.headCount)), omitted: count - LogExcerpt.headCount - tail.count, tail: tail)
    }
  }
}
