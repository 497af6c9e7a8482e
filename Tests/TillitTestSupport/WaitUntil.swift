import Foundation

/// Waits up to `timeout` seconds for `condition`, checking it every 20 ms; whether it held.
/// Tests wait on what they need (a file written, a process gone) rather than sleep a fixed time.
public func waitUntil(timeout: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
  let deadline = Date().addingTimeInterval(timeout)
  while Date() < deadline {
    if try condition() { return true }
    usleep(20_000)
  }
  return try condition()
}
