#if canImport(Glibc)
import Glibc
#endif

/// Milliseconds on the monotonic clock, for durations; and the wall clock, for what the ledger
/// records and for how old a request is.
public enum Clock {
  public static func milliseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
  }

  /// Seconds since 1970, now. For tests only, `TILLIT_NOW` (a ledger time such as
  /// `2026-03-01T12:00:00Z`, or seconds since 1970) sets the time Tillit takes to be now: what it
  /// records and what it compares with (how long a change has been abandoned). An unreadable
  /// value is ignored.
  public static func now() -> Int64 {
    if let fixed = ProcessEnvironment.value("TILLIT_NOW"), let seconds = Timestamp.seconds(ofInstant: fixed) ?? Int64(fixed) {
      return Timestamp.clamped(seconds)
    }
    return Int64(time(nil))
  }
}
