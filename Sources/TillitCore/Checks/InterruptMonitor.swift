import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Catches Ctrl-C (SIGINT), SIGTERM and SIGHUP while checks run, and stops every running check's
/// process group: first politely (SIGTERM), then, after a grace period, with SIGKILL.
public final class InterruptMonitor: @unchecked Sendable {
  private let lock = Lock()
  private var running: Set<pid_t> = []
  private var sources: [DispatchSourceSignal] = []
  private var caughtSignal: Int32?
  public static let gracePeriod = 2.0

  public init() {}

  /// The signal that stopped the run, if one did.
  public var signal: Int32? { lock.withLock { caughtSignal } }

  public func start() {
    ProcessGuard.start()
    for number in [SIGINT, SIGTERM, SIGHUP] {
      Glibc.signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [weak self] in self?.interrupt(number) }
      source.resume()
      sources.append(source)
    }
  }

  public func stop() {
    sources.forEach { $0.cancel() }
    sources.removeAll()
    for number in [SIGINT, SIGTERM, SIGHUP] { Glibc.signal(number, SIG_DFL) }
  }

  /// Registers a running process group; false when the run is already stopping.
  func register(_ pid: pid_t) -> Bool {
    ProcessGuard.watch(pid)
    return lock.withLock {
      running.insert(pid)
      return caughtSignal == nil
    }
  }

  func unregister(_ pid: pid_t) {
    ProcessGuard.release(pid)
    lock.withLock { _ = running.remove(pid) }
  }

  var isInterrupted: Bool { signal != nil }

  private func interrupt(_ number: Int32) {
    let groups: Set<pid_t> = lock.withLock {
      if caughtSignal == nil { caughtSignal = number }
      return running
    }
    for pid in groups { ProcessGroupRunner.signalGroup(pid, SIGTERM) }
    DispatchQueue.global().asyncAfter(deadline: .now() + Self.gracePeriod) { [weak self] in
      guard let self else { return }
      for pid in self.lock.withLock({ self.running }) { ProcessGroupRunner.signalGroup(pid, SIGKILL) }
    }
  }
}
