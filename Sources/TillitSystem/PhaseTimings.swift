#if canImport(Glibc)
import Glibc
#endif

/// `TILLIT_TIMINGS=1`: each phase of a hook or a check run, written to stderr as it ends, with
/// the milliseconds since the previous one — where a slow commit's time went, without a profiler.
public enum PhaseTimings {
  private static let enabled = getenv("TILLIT_TIMINGS").map { String(cString: $0) == "1" } ?? false
  nonisolated(unsafe) private static var last = now()

  /// Starts the clock the first phase is measured from.
  public static func begin() {
    guard enabled else { return }
    last = now()
  }

  /// Notes that `phase` just ended.
  public static func mark(_ phase: StaticString) {
    guard enabled else { return }
    let time = now()
    let elapsed = Double(time - last) / 1_000_000
    last = time
    let whole = Int(elapsed)
    let hundredths = Int((elapsed - Double(whole)) * 100)
    let line = "tillit: timing: \(whole).\(hundredths < 10 ? "0" : "")\(hundredths) ms \(phase)\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
  }

  private static func now() -> Int {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return time.tv_sec * 1_000_000_000 + time.tv_nsec
  }
}
