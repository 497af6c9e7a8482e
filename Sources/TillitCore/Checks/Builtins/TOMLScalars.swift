extension TOMLScanner {
  /// A boolean, number, date or time: a run of the bytes they are made of (a date and a time
  /// may be joined by one space), checked against TOML's forms.
  mutating func scalar() throws(TOMLChecker.Failure) {
    var token = word()
    if Self.isDate(token[...]), peek == 32, let hour = peek(1), let next = peek(2), Self.isDigit(hour), Self.isDigit(next), peek(3) == UInt8(ascii: ":") {
      position += 1
      token += [UInt8(ascii: "T")] + word()
    }
    guard !token.isEmpty else { throw fail("expected a value") }
    let text = String(decoding: token, as: UTF8.self)
    if ["true", "false", "inf", "+inf", "-inf", "nan", "+nan", "-nan"].contains(text) { return }
    guard Self.isNumber(token[...]) || Self.isDateTime(token[...]) || Self.isTime(token[...]) else {
      throw fail("'\(text)' is not a TOML value")
    }
  }

  private mutating func word() -> [UInt8] {
    let start = position
    while let byte = peek, Self.isBare(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") {
      position += 1
    }
    return Array(bytes[start..<position])
  }

  static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }

  /// Digits of `isDigit` with single underscores between them.
  private static func isDigits(_ text: ArraySlice<UInt8>, _ isDigit: (UInt8) -> Bool) -> Bool {
    guard let first = text.first, let last = text.last, isDigit(first), isDigit(last) else { return false }
    return zip(text, text.dropFirst()).allSatisfy { pair in
      (isDigit(pair.0) || pair.0 == 95) && (isDigit(pair.1) || pair.1 == 95) && !(pair.0 == 95 && pair.1 == 95)
    }
  }

  static func isNumber(_ text: ArraySlice<UInt8>) -> Bool {
    let prefixes: [(String, (UInt8) -> Bool)] = [
      ("0x", { isDigit($0) || (65...70).contains($0) || (97...102).contains($0) }), ("0o", { (48...55).contains($0) }), ("0b", { $0 == 48 || $0 == 49 }),
    ]
    for (prefix, digit) in prefixes where text.starts(with: prefix.utf8) { return isDigits(text.dropFirst(2), digit) }
    var rest = text
    if rest.first == 43 || rest.first == 45 { rest = rest.dropFirst() }
    let exponent = rest.firstIndex { $0 == 101 || $0 == 69 }
    var mantissa = rest[..<(exponent ?? rest.endIndex)]
    if let exponent {
      var power = rest[(exponent + 1)...]
      if power.first == 43 || power.first == 45 { power = power.dropFirst() }
      guard isDigits(power, isDigit) else { return false }
    }
    if let dot = mantissa.firstIndex(of: 46) {
      guard isDigits(mantissa[(dot + 1)...], isDigit) else { return false }
      mantissa = mantissa[..<dot]
    }
    // No leading zero in the whole part.
    return isDigits(mantissa, isDigit) && (mantissa.first != 48 || mantissa.count == 1)
  }

  /// `YYYY-MM-DD` with a day the month has.
  static func isDate(_ text: ArraySlice<UInt8>) -> Bool {
    let parts = text.split(separator: 45, omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, parts.allSatisfy({ $0.allSatisfy(isDigit) }),
      let year = Int(String(decoding: parts[0], as: UTF8.self)), let month = Int(String(decoding: parts[1], as: UTF8.self)),
      let day = Int(String(decoding: parts[2], as: UTF8.self)), (1...12).contains(month), year >= 1
    else { return false }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return (1...days).contains(day)
  }

  /// `HH:MM:SS` with an optional fraction (TOML 1.0 needs the seconds).
  static func isTime(_ text: ArraySlice<UInt8>) -> Bool {
    var clock = text
    if let dot = text.firstIndex(of: 46) {
      guard text.index(after: dot) < text.endIndex, text[(dot + 1)...].allSatisfy(isDigit) else { return false }
      clock = text[..<dot]
    }
    return isClock(clock, seconds: true)
  }

  private static func isClock(_ text: ArraySlice<UInt8>, seconds: Bool) -> Bool {
    let parts = text.split(separator: 58, omittingEmptySubsequences: false)
    guard parts.count == (seconds ? 3 : 2), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(isDigit) }) else { return false }
    let values = parts.compactMap { Int(String(decoding: $0, as: UTF8.self)) }
    return values[0] < 24 && values[1] < 60 && (!seconds || values[2] < 60)
  }

  /// A date, or a date and a time joined by `T` (either case) with an optional `Z` or offset.
  static func isDateTime(_ text: ArraySlice<UInt8>) -> Bool {
    guard text.count >= 10, isDate(text.prefix(10)) else { return false }
    guard text.count > 10 else { return true }
    guard text[text.startIndex + 10] == 84 || text[text.startIndex + 10] == 116 else { return false }
    var time = text.dropFirst(11)
    if time.last == 90 || time.last == 122 {
      time = time.dropLast()
    } else if let sign = time.lastIndex(where: { $0 == 43 || $0 == 45 }) {
      guard isClock(time[(sign + 1)...], seconds: false) else { return false }
      time = time[..<sign]
    }
    return isTime(time)
  }
}
