import Dispatch
import TillitGit

#if canImport(Glibc)
import Glibc
#endif

/// Where an event sits in a stream's tree, named in warnings about it.
struct EventPlace: CustomStringConvertible {
  let ref: String
  let bucket: String
  let name: [UInt8]
  var description: String { "\(ref): events/\(bucket)/\(String(decoding: name, as: UTF8.self))" }
}

extension LedgerStore {
  /// Below this many events, reading them on one thread is as quick as starting others.
  static let parallelReadThreshold = 2_000

  /// The events `ids` name, read and checked, in the same order: each an event or the reason it
  /// cannot be read. Large reads are shared out among the processor's cores, each reading
  /// through a repository handle of its own (libgit2 handles are not shared between threads).
  func loadEvents(_ ids: [ObjectID]) -> LoadedEvents {
    let loaded = LoadedEvents(count: ids.count)
    let workers = min(Self.processorCount, max(1, ids.count / Self.parallelReadThreshold))
    guard workers > 1 else {
      for (index, id) in ids.enumerated() { loaded.put(index, Result { try loadEvent(id) }) }
      return loaded
    }
    let gitDir = repository.gitDir
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      let range = (ids.count * worker / workers)..<(ids.count * (worker + 1) / workers)
      do {
        let store = LedgerStore(repository: try Repository(discoveringFrom: gitDir))
        for index in range { loaded.put(index, Result { try store.loadEvent(ids[index]) }) }
      } catch {
        for index in range { loaded.put(index, .failure(error)) }
      }
    }
    return loaded
  }

  private static let processorCount: Int = {
    #if canImport(Glibc)
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #else
    return 2
    #endif
  }()
}

/// What `loadEvents` read: one slot per event, each filled by exactly one worker, then taken
/// out (moved, not copied: a read of 100,000 events copies none of them) by `take`.
final class LoadedEvents: @unchecked Sendable {
  let count: Int
  private let slots: UnsafeMutablePointer<Result<LedgerEvent, any Error>>
  private let present: UnsafeMutablePointer<Bool>

  init(count: Int) {
    self.count = count
    slots = .allocate(capacity: count)
    present = .allocate(capacity: count)
    present.initialize(repeating: false, count: count)
  }

  deinit {
    for index in 0..<count where present[index] { (slots + index).deinitialize(count: 1) }
    slots.deallocate()
    present.deallocate()
  }

  fileprivate func put(_ index: Int, _ result: Result<LedgerEvent, any Error>) {
    (slots + index).initialize(to: result)
    present[index] = true
  }

  /// The result for `index`; each is taken once.
  func take(_ index: Int) -> Result<LedgerEvent, any Error> {
    precondition(present[index], "event \(index) taken twice")
    present[index] = false
    return (slots + index).move()
  }
}
