import Synchronization
import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Catches Ctrl-C (SIGINT), SIGTERM and SIGHUP while checks run, and stops every running check's
/// process group: first politely (SIGTERM), then, after a grace period, with SIGKILL.
public final class InterruptMonitor: @unchecked Sendable {
  private let lock = Mutex(())
  private var running: Set<pid_t> = []
  private var sources: [DispatchSourceSignal] = []
  private var caughtSignal: Int32?
  /// How many runs are watching now; the signal sources stay installed once made, since
  /// libdispatch does not deliver to a source made again for a signal after one was cancelled.
  private var watchers = 0
  public static let gracePeriod = 2.0

  public init() {}

  /// The signal that stopped the run, if one did.
  public var signal: Int32? { lock.withLock { _ in caughtSignal } }

  /// Starts watching; calls nest (a session and each of its phases), and only the first installs
  /// the signal sources.
  public func start() {
    let first = lock.withLock { _ in
      watchers += 1
      return sources.isEmpty
    }
    guard first else { return }
    var made: [DispatchSourceSignal] = []
    for number in [SIGINT, SIGTERM, SIGHUP] {
      Glibc.signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [weak self] in self?.interrupt(number) }
      source.resume()
      made.append(source)
    }
    lock.withLock { _ in sources = made }
  }

  /// Stops watching; when no run watches any more, a signal does what it does by default.
  public func stop() {
    lock.withLock { _ in watchers = max(0, watchers - 1) }
  }

  /// Registers a running process group; false when the run is already stopping.
  package func register(_ pid: pid_t) -> Bool {
    ProcessGuard.watch(pid)
    return lock.withLock { _ in
      running.insert(pid)
      return caughtSignal == nil
    }
  }

  package func unregister(_ pid: pid_t) {
    ProcessGuard.release(pid)
    lock.withLock { _ in _ = running.remove(pid) }
  }

  package var isInterrupted: Bool { signal != nil }

  private func interrupt(_ number: Int32) {
    guard lock.withLock({ _ in watchers > 0 }) else {
      // Nothing to stop: the signal's default (ending Tillit), as if never caught.
      Glibc.signal(number, SIG_DFL)
      kill(getpid(), number)
      return
    }
    let groups: Set<pid_t> = lock.withLock { _ in
      if caughtSignal == nil { caughtSignal = number }
      return running
    }
    for pid in groups { ProcessGroupRunner.signalGroup(pid, SIGTERM) }
    DispatchQueue.global().asyncAfter(deadline: .now() + Self.gracePeriod) { [weak self] in
      guard let self else { return }
      for pid in self.lock.withLock({ _ in self.running }) { ProcessGroupRunner.signalGroup(pid, SIGKILL) }
    }
  }
}
