/// The one matching engine behind every pattern Tillit reads: path globs (`files`, `exclude`,
/// `ignore`) and the wildcards naming bots. A pattern is a list of tokens; matching follows
/// every way through the tokens at once, a byte of the text at a time (an NFA simulation), so
/// it looks at each byte once per token: O(tokens × text) at worst, whatever the pattern, where
/// trying the ways one after another takes exponential time on `*a*a*a*a*b`.
struct PatternMatcher: Hashable, Sendable {
  enum Token: Hashable, Sendable {
    case literal(UInt8)
    /// One byte other than `/`.
    case anyByte
    /// One byte other than `/` that is (or with `negated`, is not) in one of the ranges.
    case set(negated: Bool, ranges: [ClosedRange<UInt8>])
    /// Any run of bytes within one folder.
    case star
    /// Any run of bytes, `/` included.
    case anyRun
    /// Zero or more whole folders, each with its `/` (`**/`).
    case folders
  }

  let tokens: [Token]

  func matches(_ text: [UInt8]) -> Bool {
    let count = tokens.count
    // Per token: `after[i]` — some way through has matched the tokens before i and stands at
    // token i; `inFolder[i]` — token i is `folders` part-way through a folder's name (it may
    // not end there). `after[count]` means the whole pattern has matched.
    return withUnsafeTemporaryAllocation(of: Bool.self, capacity: 4 * (count + 1)) { buffer in
      buffer.initialize(repeating: false)
      var after = UnsafeMutableBufferPointer(rebasing: buffer[0...count])
      var inFolder = UnsafeMutableBufferPointer(rebasing: buffer[(count + 1)...(2 * count + 1)])
      var nextAfter = UnsafeMutableBufferPointer(rebasing: buffer[(2 * count + 2)...(3 * count + 2)])
      var nextInFolder = UnsafeMutableBufferPointer(rebasing: buffer[(3 * count + 3)...])
      after[0] = true
      skipEmptyMatches(after)
      for byte in text {
        nextAfter.update(repeating: false)
        nextInFolder.update(repeating: false)
        var alive = false
        for index in 0..<count where after[index] || inFolder[index] {
          alive = true
          step(tokens[index], at: index, on: byte, from: after[index], into: nextAfter, nextInFolder)
        }
        guard alive else { return false }
        skipEmptyMatches(nextAfter)
        swap(&after, &nextAfter)
        swap(&inFolder, &nextInFolder)
      }
      return after[count]
    }
  }

  /// Where `byte` takes a way standing at token `index` (`atToken`) or part-way through its
  /// folder name (token `folders` only).
  private func step(
    _ token: Token, at index: Int, on byte: UInt8, from atToken: Bool,
    into after: UnsafeMutableBufferPointer<Bool>, _ inFolder: UnsafeMutableBufferPointer<Bool>
  ) {
    let slash = UInt8(ascii: "/")
    switch token {
    case .literal(let expected):
      if atToken && byte == expected { after[index + 1] = true }
    case .anyByte:
      if atToken && byte != slash { after[index + 1] = true }
    case .set(let negated, let ranges):
      if atToken && byte != slash && ranges.contains(where: { $0.contains(byte) }) != negated { after[index + 1] = true }
    case .star:
      if atToken && byte != slash { after[index] = true }
    case .anyRun:
      if atToken { after[index] = true }
    case .folders:
      if byte == slash { after[index] = true } else { inFolder[index] = true }
    }
  }

  /// Tokens that can match nothing let every way standing at them move on to the next token.
  private func skipEmptyMatches(_ after: UnsafeMutableBufferPointer<Bool>) {
    for index in tokens.indices where after[index] {
      switch tokens[index] {
      case .star, .anyRun, .folders: after[index + 1] = true
      case .literal, .anyByte, .set: break
      }
    }
  }
}
