#if canImport(Glibc)
import Glibc
#endif

/// ISO 8601 times in UTC, as the ledger records them.
public enum Timestamp {
  public static func now() -> String { format(seconds: Int(time(nil))) }

  /// Any number of seconds (a commit's date says what its writer wants): the year is widened
  /// before 1900 is added, as gmtime's year may be the largest `Int32`.
  public static func format(seconds: Int) -> String {
    var value = time_t(seconds)
    var parts = tm()
    gmtime_r(&value, &parts)
    func two(_ number: Int32) -> String { number < 10 ? "0\(number)" : "\(number)" }
    return "\(Int(parts.tm_year) + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
  }
}

/// Random identifiers (nonces, writer ids) as lowercase hex.
public enum RandomID {
  public static func make(bytes: Int = 8) -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<bytes).map { _ in
      let byte = UInt8.random(in: 0...255, using: &generator)
      return (byte < 16 ? "0" : "") + String(byte, radix: 16)
    }.joined()
  }
}

extension Timestamp {
  /// Seconds since 1970 for a `YYYY-MM-DD` date (midnight UTC); nil when it is not one.
  public static func seconds(ofDate text: String) -> Int64? {
    let parts = text.split(separator: "-").compactMap { Int64($0) }
    guard parts.count == 3, text.count == 10, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
    // Days from the civil date (Howard Hinnant's algorithm).
    let year = parts[0] - (parts[1] <= 2 ? 1 : 0)
    let era = (year >= 0 ? year : year - 399) / 400
    let yearOfEra = year - era * 400
    let month = parts[1] > 2 ? parts[1] - 3 : parts[1] + 9
    let dayOfYear = (153 * month + 2) / 5 + parts[2] - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return (era * 146097 + dayOfEra - 719468) * 86400
  }
}

extension Timestamp {
  /// Seconds since 1970 for a ledger time `YYYY-MM-DDTHH:MM:SSZ`; nil when it is not one.
  public static func seconds(ofInstant text: String) -> Int64? {
    guard text.count == 20, text.hasSuffix("Z"), let day = seconds(ofDate: String(text.prefix(10))) else { return nil }
    let clock = text.dropFirst(11).dropLast().split(separator: ":").compactMap { Int64($0) }
    guard clock.count == 3 else { return nil }
    return day + clock[0] * 3600 + clock[1] * 60 + clock[2]
  }
}
