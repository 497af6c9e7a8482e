/// Text from other people (author names and emails, trailers, file names, ledger fields, the
/// commands of a committed `.tillit.yml`) made safe to write to a terminal: every character a
/// terminal would act on instead of showing is written out visibly, so nothing can move the
/// cursor, clear the screen, set the window title or hide what follows.
///
/// The convention, one field being one line:
/// - `\e` for ESC, `\r` for CR, `\n` for LF and `\t` for TAB;
/// - `\x07` (two hex digits) for the other C0 controls (U+0000–U+001F) and for DEL (U+007F);
/// - `\u{9b}` (hex code point) for the C1 controls (U+0080–U+009F) and for the characters that
///   reorder or break lines without showing (U+061C, U+200E, U+200F, U+2028, U+2029,
///   U+202A–U+202E, U+2066–U+2069), which can make a line read differently from what it holds;
/// - `\xff` for each byte that is not part of valid UTF-8 (when the text is given as bytes).
///
/// A backslash is left as it is: the result holds no control character, so escaping it again
/// changes nothing, and ordinary commands such as `grep 'a\.b'` read as typed.
public enum TerminalText {
  /// `text` as one line with every control character escaped.
  public static func escaped(_ text: String) -> String {
    guard text.utf8.contains(where: mayNeedEscape) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars { append(scalar, to: &result) }
    return result
  }

  /// `bytes` (such as a file name) as one line: controls escaped as for a string, and every
  /// byte that is not valid UTF-8 as `\xNN`.
  public static func escaped<Bytes: Collection<UInt8>>(bytes: Bytes) -> String {
    var result = ""
    result.reserveCapacity(bytes.count + 8)
    var input = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    // The parser reads ahead; what it has decoded is counted off here, to show invalid bytes.
    var undecoded = Array(bytes)[...]
    while true {
      switch parser.parseScalar(from: &input) {
      case .valid(let encoded):
        append(Unicode.UTF8.decode(encoded), to: &result)
        undecoded = undecoded.dropFirst(encoded.count)
      case .error(let length):
        for byte in undecoded.prefix(length) { result += "\\x" + hex(byte) }
        undecoded = undecoded.dropFirst(length)
      case .emptyInput:
        return result
      }
    }
  }

  /// Several lines: each line escaped as by `escaped(_:)`, the line ends kept. For messages that
  /// Tillit writes over several lines and that may quote other people's text.
  public static func escapedLines(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 != UInt8(ascii: "\n") && mayNeedEscape($0) }) else { return text }
    // Split on the byte: as Characters, CR LF is one, and its CR would hide in it.
    return text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      .map { escaped(String(decoding: $0, as: UTF8.self)) }.joined(separator: "\n")
  }

  /// A line of a check's output: escaped as by `escaped(_:)`, but with its tabs kept, since
  /// they only move the cursor to the next tab stop and compilers and test runners indent with
  /// them.
  public static func escapedKeepingTabs(_ line: String) -> String {
    guard line.utf8.contains(UInt8(ascii: "\t")) else { return escaped(line) }
    return line.utf8.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
      .map { escaped(String(decoding: $0, as: UTF8.self)) }.joined(separator: "\t")
  }

  /// Whether a UTF-8 byte may start something to escape: a C0 control or DEL, or the first byte
  /// of a C1 control (0xC2) or of a line or direction mark (0xD8, 0xE2).
  private static func mayNeedEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2
  }

  private static func append(_ scalar: Unicode.Scalar, to result: inout String) {
    switch scalar.value {
    case 0x1B: result += "\\e"
    case 0x0D: result += "\\r"
    case 0x0A: result += "\\n"
    case 0x09: result += "\\t"
    case 0x00..<0x20, 0x7F: result += "\\x" + hex(UInt8(scalar.value))
    case 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
      result += "\\u{" + String(scalar.value, radix: 16) + "}"
    default: result.unicodeScalars.append(scalar)
    }
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return digits.count == 1 ? "0" + digits : digits
  }
}
