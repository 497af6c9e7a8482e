#if canImport(Glibc)
import Glibc
#endif

/// ISO 8601 times in UTC, as the ledger records them.
public enum Timestamp {
  public static func now() -> String { format(seconds: Int(time(nil))) }

  public static func format(seconds: Int) -> String {
    var value = time_t(seconds)
    var parts = tm()
    gmtime_r(&value, &parts)
    func two(_ number: Int32) -> String { number < 10 ? "0\(number)" : "\(number)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
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
