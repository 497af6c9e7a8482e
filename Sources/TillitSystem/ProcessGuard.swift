import CProcessGuard

#if canImport(Glibc)
import Glibc
#endif

/// Ties the checks' lifetime to Tillit's: a guard process, started before the first check,
/// learns each check's process group and stops those still running when Tillit ends in any way,
/// `kill -9` included (its socket closes). `PR_SET_PDEATHSIG` would reach only a check's first
/// process, not the ones it started, and fires when the spawning thread ends, not the process.
package enum ProcessGuard {
  /// Tillit's end of the guard's socket; -1 when no guard could be started (checks then run
  /// unguarded, as before).
  private static let socket: Int32 = tillit_guard_start(Int32(InterruptMonitor.gracePeriod * 1000))

  package static func start() { _ = socket }

  /// Adds a running check's process group.
  static func watch(_ group: pid_t) { send(group) }

  /// Gives the guard a reference to `descriptor` to keep until it exits, so that the caller's
  /// `close` does not wait for the last reference to go (see `tillit_guard_hand_over`).
  package static func handOver(_ descriptor: Int32) {
    guard socket >= 0 else { return }
    _ = tillit_guard_hand_over(socket, descriptor)
  }

  /// Removes a group whose leader has ended and is about to be reaped.
  static func release(_ group: pid_t) { send(-group) }

  private static func send(_ value: Int32) {
    guard socket >= 0 else { return }
    var message = value
    // Four bytes to a local stream socket are written whole; a failure means the guard is gone.
    _ = withUnsafeBytes(of: &message) { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
  }
}
