import TillitGit
import TillitSystem

extension LedgerStore {
  /// Below this many events, reading them on one thread is as quick as starting others.
  static let parallelReadThreshold = 2_000

  /// The events `ids` name, read and checked, in the same order: each an event or the reason it
  /// cannot be read. Large reads are shared out among the processor's cores, each reading
  /// through a repository handle of its own (libgit2 handles are not shared between threads).
  func loadEvents(_ ids: [ObjectID]) -> LoadedEvents {
    let loaded = LoadedEvents(count: ids.count)
    let gitDir = repository.gitDir
    _ = Parallel.map(ids.count, minimum: Self.parallelReadThreshold) { range in
      do {
        // A piece short of the whole runs beside others, on a handle of its own.
        let store = range.count < ids.count ? LedgerStore(repository: try Repository(discoveringFrom: gitDir)) : self
        for index in range { loaded.put(index, Result { try store.loadEvent(ids[index]) }) }
      } catch {
        for index in range { loaded.put(index, .failure(error)) }
      }
    }
    return loaded
  }
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

  /// The lamport clock of the event at `index`, or nil when it could not be read; the event
  /// stays in its slot.
  func lamport(_ index: Int) -> Int? {
    precondition(present[index], "event \(index) already taken")
    guard case .success(let event) = slots[index] else { return nil }
    return event.lamport
  }

  /// The result for `index`; each is taken once.
  func take(_ index: Int) -> Result<LedgerEvent, any Error> {
    precondition(present[index], "event \(index) taken twice")
    present[index] = false
    return (slots + index).move()
  }
}
