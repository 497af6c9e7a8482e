extension TOMLScanner {
  /// A basic (`"`) or literal (`'`) string, single- or multi-line; its text as a key needs it.
  mutating func string() throws(TOMLChecker.Failure) -> String {
    let quote = bytes[position]
    let multiLine = peek(1) == quote && peek(2) == quote
    position += multiLine ? 3 : 1
    if multiLine {
      // A newline right after the opening delimiter is not part of the text.
      if peek == 13 && peek(1) == 10 { position += 1 }
      if peek == 10 { advance() }
    }
    var text: [UInt8] = []
    while true {
      guard let byte = peek else { throw fail("a string is not closed") }
      if byte == quote {
        guard multiLine else { position += 1; break }
        var run = 0
        while peek(run) == quote { run += 1 }
        if run >= 3 {
          guard run <= 5 else { throw fail("has too many quotes closing a multi-line string") }
          text += Array(repeating: quote, count: run - 3)
          position += run
          break
        }
        text += Array(repeating: quote, count: run)
        position += run
        continue
      }
      if byte == 92 && quote == 34 {
        try escape(into: &text, multiLine: multiLine)
        continue
      }
      if byte == 10 || (byte == 13 && peek(1) == 10) {
        guard multiLine else { throw fail("a string is not closed on its line") }
        if byte == 13 { position += 1 }
        advance()
        text.append(10)
        continue
      }
      guard !Self.isControl(byte) else { throw fail("has a control character in a string") }
      text.append(byte)
      position += 1
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// A backslash escape of a basic string, or a multi-line string's line-ending backslash.
  private mutating func escape(into text: inout [UInt8], multiLine: Bool) throws(TOMLChecker.Failure) {
    position += 1
    guard let byte = peek else { throw fail("a string is not closed") }
    let simple: [UInt8: UInt8] = [98: 8, 116: 9, 110: 10, 102: 12, 114: 13, 34: 34, 92: 92]
    if let replacement = simple[byte] {
      text.append(replacement)
      position += 1
      return
    }
    if byte == UInt8(ascii: "u") || byte == UInt8(ascii: "U") {
      let count = byte == UInt8(ascii: "u") ? 4 : 8
      let digits = bytes[min(position + 1, bytes.count)..<min(position + 1 + count, bytes.count)]
      guard digits.count == count, let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16), let scalar = Unicode.Scalar(value) else {
        throw fail("has an escape that is not a Unicode scalar value")
      }
      text += Array(String(Character(scalar)).utf8)
      position += 1 + count
      return
    }
    if multiLine {
      // A backslash ending a line: the newline and the spaces after it are dropped.
      var look = position
      while look < bytes.count, bytes[look] == 32 || bytes[look] == 9 { look += 1 }
      if look < bytes.count, bytes[look] == 10 || (bytes[look] == 13 && look + 1 < bytes.count && bytes[look + 1] == 10) {
        position = look
        while let next = peek, next == 32 || next == 9 || next == 10 || (next == 13 && peek(1) == 10) {
          if next == 13 { position += 1 }
          advance()
        }
        return
      }
    }
    throw fail("has an unknown escape in a string")
  }
}
