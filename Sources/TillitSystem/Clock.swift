#if canImport(Glibc)
import Glibc
#endif

/// Milliseconds on the monotonic clock, for durations; and the wall clock, for what the ledger
/// records and compares with: how old a request is, how long things have waited.
public enum Clock {
  public static func milliseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
  }

  /// Seconds since 1970, now. For tests only, `TILLIT_NOW` sets it: seconds since 1970, a ledger
  /// time (`2026-03-02T09:00:00Z`) or a day (`2026-03-02`, midnight UTC); what Tillit records and
  /// compares with (how long a request has waited, a change been abandoned). Anything else is
  /// ignored.
  public static func now() -> Int64 {
    if let given = ProcessEnvironment.value("TILLIT_NOW"), let seconds = seconds(given) { return Timestamp.clamped(seconds) }
    return Int64(time(nil))
  }

  static func seconds(_ text: String) -> Int64? {
    if !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let seconds = Int64(text) { return seconds }
    return Timestamp.seconds(ofInstant: text) ?? Timestamp.seconds(ofDate: text)
  }
}
