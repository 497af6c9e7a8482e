import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Work shared out among the processor's cores: a range of items cut into one piece per core.
public enum Parallel {
  public static let processorCount: Int = {
    #if canImport(Glibc)
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #else
    return 2
    #endif
  }()

  /// How many pieces `count` items make when no piece is shorter than `minimum` (at least one).
  private static func pieces(_ count: Int, minimum: Int) -> Int {
    min(processorCount, max(1, count / max(1, minimum)))
  }

  /// `body` run on each piece of `0..<count` at once, the results in the pieces' order. With a
  /// single piece, `body` runs on the calling thread.
  public static func map<T>(_ count: Int, minimum: Int, _ body: (Range<Int>) -> T) -> [T] {
    let workers = pieces(count, minimum: minimum)
    guard workers > 1 else { return [body(0..<count)] }
    let results = Slots<T>(count: workers)
    // Each worker runs `body` on its own piece; what `body` shares between pieces is the caller's
    // to keep safe (read-only inputs, or slots written once each).
    nonisolated(unsafe) let body = body
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      results.put(worker, body((count * worker / workers)..<(count * (worker + 1) / workers)))
    }
    return results.takeAll()
  }
}

/// One slot per piece, each written by one worker before `takeAll()`.
private final class Slots<T>: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<T>
  private let count: Int

  init(count: Int) {
    self.count = count
    slots = .allocate(capacity: count)
  }

  deinit { slots.deallocate() }

  func put(_ index: Int, _ value: T) { (slots + index).initialize(to: value) }

  func takeAll() -> [T] { (0..<count).map { (slots + $0).move() } }
}
