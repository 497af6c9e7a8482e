#if canImport(Glibc)
import Glibc
#endif

/// ISO 8601 times in UTC, as the ledger records them.
public enum Timestamp {
  /// The times Tillit reads and writes: 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the years
  /// a four-digit `YYYY` can name. Commit times outside it (only a crafted object has one) are
  /// clamped to it as they are read, so arithmetic on times cannot overflow.
  public static let supported: ClosedRange<Int64> = -62_167_219_200...253_402_300_799

  /// The time, moved to the nearest end of `supported` when outside it.
  public static func clamped(_ seconds: Int64) -> Int64 { min(max(seconds, supported.lowerBound), supported.upperBound) }

  /// Now (`Clock.now`, which tests may set with `TILLIT_NOW`).
  public static func now() -> String { format(seconds: Int(Clock.now())) }

  /// `YYYY-MM-DDTHH:MM:SSZ`, always 20 characters: a time outside `supported` is written as the
  /// nearest end of it.
  public static func format(seconds: Int) -> String {
    let (date, second) = split(Int64(seconds))
    func two(_ number: Int64) -> String { number < 10 ? "0\(number)" : "\(number)" }
    return "\(date.text)T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
  }

  /// The day (UTC) of a time (clamped to `supported`).
  public static func day(of seconds: Int64) -> CivilDate { split(seconds).date }

  /// The day of a time (clamped to `supported`) and the seconds since its midnight.
  private static func split(_ seconds: Int64) -> (date: CivilDate, second: Int64) {
    let time = clamped(seconds)
    let days = time >= 0 ? time / 86_400 : (time - 86_399) / 86_400
    return (CivilDate(days: days), time - days * 86_400)
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
  /// Seconds since 1970 for a `YYYY-MM-DD` date (midnight UTC); nil when it is not one, or not
  /// a day the calendar has (2023-02-31).
  public static func seconds(ofDate text: String) -> Int64? {
    guard let date = CivilDate(shapeOf: text), date.exists else { return nil }
    return date.days * 86_400
  }

  /// Seconds since 1970 for a ledger time `YYYY-MM-DDTHH:MM:SSZ`; nil when it is not one.
  public static func seconds(ofInstant text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      bytes[19] == UInt8(ascii: "Z"), let day = seconds(ofDate: String(decoding: bytes[0..<10], as: UTF8.self)),
      let hour = CivilDate.number(bytes[11..<13]), let minute = CivilDate.number(bytes[14..<16]),
      let second = CivilDate.number(bytes[17..<19]), hour < 24, minute < 60, second <= 60
    else { return nil }
    return day + hour * 3600 + minute * 60 + second
  }
}
