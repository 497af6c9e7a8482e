/// `Key: value` lines of a commit message, such as `Reviewed-by: Name <email>`.
enum CommitTrailers {
  struct Trailer: Equatable {
    let key: String
    let value: String
    let name: String
    let email: String
  }

  /// Every `Key: value` line of a message whose key looks like a trailer (`Reviewed-by`), with
  /// `Name <email>` split when the value has that form. Lines are examined as bytes; only the
  /// few that look like trailers become strings.
  /// `keys`, when given, keeps only trailers with these keys (compared without case).
  static func parse(_ message: String, keys: Set<String>? = nil) -> [Trailer] {
    var message = message
    return message.withUTF8 { parse(bytes: $0, keys: keys.map(matching)) }
  }

  /// Trailer keys as `parse(bytes:keys:)` compares them.
  static func matching(_ keys: Set<String>) -> Set<[UInt8]> { Set(keys.map { Array($0.lowercased().utf8) }) }

  /// The same, over a message's bytes, with keys from `matching`.
  static func parse(bytes: UnsafeBufferPointer<UInt8>, keys wanted: Set<[UInt8]>?) -> [Trailer] {
    var trailers: [Trailer] = []
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
      if let trailer = trailer(bytes, start, end, wanted) { trailers.append(trailer) }
      start = end + 1
    }
    return trailers
  }

  private static func trailer(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ wanted: Set<[UInt8]>?) -> Trailer? {
    guard start < end, isLetter(bytes[start]) else { return nil }
    var colon = start
    while colon < end && colon - start <= 40 && (isLetter(bytes[colon]) || isDigit(bytes[colon]) || bytes[colon] == UInt8(ascii: "-")) { colon += 1 }
    guard colon < end, bytes[colon] == UInt8(ascii: ":"), colon - start <= 40 else { return nil }
    if let wanted, !wanted.contains(bytes[start..<colon].map { $0 | (isLetter($0) ? 0x20 : 0) }) { return nil }
    let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<colon]), as: UTF8.self)
    let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[(colon + 1)..<end]), as: UTF8.self).trimmingSpaces
    guard !value.isEmpty else { return nil }
    if let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close {
      let name = String(value[..<open]).trimmingSpaces
      let email = String(value[value.index(after: open)..<close]).trimmingSpaces
      return Trailer(key: key, value: value, name: name, email: email)
    }
    return Trailer(key: key, value: value, name: value, email: "")
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
