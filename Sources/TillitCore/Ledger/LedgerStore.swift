import TillitGit

#if canImport(Glibc)
import Glibc
#endif

/// The append-only ledger inside the repository. Each stream is a chain of commits whose tree
/// holds every event so far as `events/<2 hex>/<blob id>.json`. An append writes the objects
/// first and then moves the stream's ref with a compare-and-swap, so a crash loses nothing
/// already recorded and concurrent writers never overwrite each other.
public struct LedgerStore {
  let repository: Repository
  /// How long a ref lock may be held before it is taken to be left by a crashed writer.
  static let staleLockSeconds = 5

  public init(repository: Repository) { self.repository = repository }

  // MARK: Writing

  /// Records an event in `stream`: its lamport clock is set one past every event this clone
  /// has seen in the stream. Returns the event as stored, with its id.
  @discardableResult
  public func append(_ draft: LedgerEvent, to stream: LedgerStream) throws -> LedgerEvent {
    try append([draft], to: stream)[0]
  }

  /// Records several events in one commit, their lamport clocks one after another.
  @discardableResult
  public func append(_ drafts: [LedgerEvent], to stream: LedgerStream) throws -> [LedgerEvent] {
    guard !drafts.isEmpty else { return [] }
    var lockWaits = 0
    while true {
      let tip = try repository.referenceTarget(stream.localRef)
      let base = try highestLamport(in: stream, localTip: tip)
      var events: [LedgerEvent] = []
      for (offset, draft) in drafts.enumerated() {
        var event = draft
        event.lamport = base + 1 + offset
        let bytes = event.encoded()
        guard bytes.count <= LedgerEvent.maximumSize else { throw LedgerError.tooLarge(bytes.count) }
        event.id = try writingObjects { try repository.writeBlob(bytes) }
        events.append(event)
      }
      let summary = drafts.count == 1 ? "record \(drafts[0].kind)" : "record \(drafts.count) events"
      let commit = try writingObjects {
        let tree = try treeAdding(events.compactMap(\.id), to: tip.map { try repository.treeID(ofCommit: $0) })
        return try repository.writeCommit(tree: tree, parents: tip.map { [$0] } ?? [], message: Self.message(summary, lamport: base + drafts.count))
      }
      do {
        try repository.compareAndSwapReference(stream.localRef, to: commit, expecting: tip, message: "tillit: \(summary)")
        LedgerMaintenance.packIfNeeded(repository)
        return events
      } catch ReferenceUpdateFailure.lostRace {
        continue
      } catch ReferenceUpdateFailure.locked(let lockFile) {
        lockWaits += 1
        try waitForLock(lockFile, attempt: lockWaits)
      }
    }
  }

  /// Runs `write` again when libgit2 fails to write an object: a `git gc` running beside this
  /// process removes the loose-object folders it empties, and one can vanish between libgit2
  /// creating it and moving a new object into it. Writing an object twice is harmless.
  private func writingObjects<T>(_ write: () throws -> T) throws -> T {
    var failures = 0
    while true {
      do {
        return try write()
      } catch let error as GitError {
        failures += 1
        guard failures < 5 else { throw error }
        usleep(useconds_t(1000 * failures))
      }
    }
  }

  /// Writes the events tree of `base` with `ids` added; unchanged buckets are kept by id.
  func treeAdding(_ ids: [ObjectID], to base: ObjectID?) throws -> ObjectID {
    let root = try base.map(repository.listTree) ?? []
    let eventsTree = root.first { $0.name == Self.eventsName && $0.isTree }?.id
    let buckets = try eventsTree.map(repository.listTree) ?? []
    var byBucket: [UInt8: [ObjectID]] = [:]
    for id in ids { byBucket[id.firstByte, default: []].append(id) }
    var newBuckets: [TreeEntryInput] = []
    for (first, members) in byBucket {
      let bucket = Self.hexDigits(first)
      let existing = buckets.first { $0.name == bucket && $0.isTree }?.id
      let entries = members.map { TreeEntryInput(name: Array("\($0.hex).json".utf8), id: $0, isTree: false) }
      newBuckets.append(TreeEntryInput(name: bucket, id: try repository.writeTree(base: existing, putting: entries), isTree: true))
    }
    let events = try repository.writeTree(base: eventsTree, putting: newBuckets)
    return try repository.writeTree(base: base, putting: [TreeEntryInput(name: Self.eventsName, id: events, isTree: true)])
  }

  static let eventsName = Array("events".utf8)

  /// A bucket folder's name: the two hex digits of its events' first byte.
  static func hexDigits(_ byte: UInt8) -> [UInt8] { [hexTable[Int(byte >> 4)], hexTable[Int(byte & 15)]] }

  private static let hexTable = Array("0123456789abcdef".utf8)

  static func message(_ summary: String, lamport: Int) -> String {
    "tillit: \(summary)\n\nlamport: \(lamport)\n"
  }

  /// The highest lamport clock recorded by a stream's tip commit (0 for none).
  static func lamport(ofMessage message: String) -> Int {
    for line in message.split(separator: "\n") where line.hasPrefix("lamport: ") {
      return Int(line.dropFirst("lamport: ".count)) ?? 0
    }
    return 0
  }

  private func highestLamport(in stream: LedgerStream, localTip: ObjectID?) throws -> Int {
    var tips = try repository.referenceNames(matching: stream.remoteGlob).compactMap { try repository.referenceTarget($0) }
    if let localTip { tips.append(localTip) }
    return try tips.map { Self.lamport(ofMessage: try repository.commit($0).message) }.max() ?? 0
  }

  /// Waits for a held lock; one older than `staleLockSeconds` was left by a crashed writer (git
  /// and libgit2 hold ref locks for microseconds) and is removed.
  private func waitForLock(_ lockFile: String, attempt: Int) throws {
    if let age = FileSystem.age(of: lockFile), age >= Self.staleLockSeconds {
      unlink(lockFile)
      return
    }
    guard attempt < 400 else {
      throw LedgerError.locked("\(lockFile) has been held for a long time; if no git or tillit process is running, remove it and try again")
    }
    usleep(useconds_t(min(1000 * attempt, 50_000)))
  }

  // MARK: Reading

  /// What a read found: the events, folded in (lamport, id) order, and what was skipped.
  public struct Reading: Sendable {
    public var events: [LedgerEvent]
    public var warnings: [String]
  }

  /// Every event of `stream`: this clone's and every fetched copy's, each event once.
  public func read(_ stream: LedgerStream) throws -> Reading {
    var refs = [stream.localRef]
    refs += try repository.referenceNames(matching: stream.remoteGlob)
    var seen: Set<ObjectID> = []
    var pending: [(id: ObjectID, ref: String)] = []
    var reading = Reading(events: [], warnings: [])
    for ref in refs {
      guard let tip = try repository.referenceTarget(ref) else { continue }
      try eachEvent(in: try repository.treeID(ofCommit: tip), ref: ref, warnings: &reading.warnings) { id, _ in
        // One tree names each event once; only several copies of the stream can repeat one.
        if refs.count == 1 || seen.insert(id).inserted { pending.append((id, ref)) }
      }
    }
    let loaded = loadEvents(pending.map(\.id))
    // The ledger's order (lamport clock, then id) is found on small keys; each event is then
    // moved once, from where it was read to its place.
    var order: [(lamport: Int, id: ObjectID, index: Int)] = []
    order.reserveCapacity(pending.count)
    for (index, entry) in pending.enumerated() {
      if let lamport = loaded.lamport(index) {
        order.append((lamport, entry.id, index))
      } else if case .failure(let error) = loaded.take(index) {
        reading.warnings.append("\(Self.place(of: entry.id, in: entry.ref)): skipped: \(error)")
      }
    }
    order.sort { $0.lamport != $1.lamport ? $0.lamport < $1.lamport : $0.id < $1.id }
    reading.events = order.map { key in
      guard case .success(let event) = loaded.take(key.index) else { preconditionFailure("a read event has gone") }
      return event
    }
    return reading
  }

  /// Calls `body` with the id of every event of a stream's tree whose name fits its content (so
  /// `place(of:in:)` names it), and the id of its bucket folder; anything else under `events/`
  /// becomes a warning. `skipBucket` may claim a bucket folder (by its tree id) as already
  /// known; its entries are then not listed.
  func eachEvent(in root: ObjectID, ref: String, warnings: inout [String], skipBucket: (ObjectID) -> Bool = { _ in false },
                 _ body: (_ id: ObjectID, _ bucket: ObjectID) throws -> Void) throws {
    guard let events = try repository.listTree(root).first(where: { $0.name == Self.eventsName && $0.isTree }) else { return }
    for bucket in try repository.listTree(events.id) {
      let bucketName = String(decoding: bucket.name, as: UTF8.self)
      guard bucket.isTree, bucket.name.count == 2, let first = Self.byte(ofHex: bucket.name) else {
        warnings.append("\(ref): skipped 'events/\(bucketName)': not an event folder")
        continue
      }
      if skipBucket(bucket.id) { continue }
      try repository.eachTreeEntry(bucket.id) { name, id, isTree in
        guard !isTree, id.firstByte == first, Self.isFileName(name, of: id) else {
          warnings.append("\(ref): events/\(bucketName)/\(String(decoding: name, as: UTF8.self)): skipped: its name does not match its content")
          return
        }
        try body(id, bucket.id)
      }
    }
  }

  /// Where an event sits in a stream, for warnings about it.
  static func place(of id: ObjectID, in ref: String) -> String {
    "\(ref): events/\(id.hex.prefix(2))/\(id.hex).json"
  }

  /// Whether `name` is `<id in lowercase hex>.json`.
  static func isFileName(_ name: UnsafeBufferPointer<UInt8>, of id: ObjectID) -> Bool {
    guard name.count == 45, name[40...].elementsEqual(".json".utf8) else { return false }
    return id.withBytes { bytes in
      bytes.indices.allSatisfy { name[2 * $0] == hexTable[Int(bytes[$0] >> 4)] && name[2 * $0 + 1] == hexTable[Int(bytes[$0] & 15)] }
    }
  }

  /// The byte two lowercase hex digits spell, or nil.
  static func byte(ofHex digits: [UInt8]) -> UInt8? {
    guard digits.count == 2, let high = hexTable.firstIndex(of: digits[0]), let low = hexTable.firstIndex(of: digits[1]) else { return nil }
    return UInt8(high << 4 | low)
  }

  /// One event, read and checked (size, JSON, types).
  func loadEvent(_ id: ObjectID) throws -> LedgerEvent {
    var event = try repository.withBlobContent(id) { content in
      guard content.count <= LedgerEvent.maximumSize else { throw LedgerError.tooLarge(content.count) }
      return try LedgerEvent.decode(content)
    }
    event.id = id
    return event
  }
}

extension LedgerStore {
  /// Everything damaged in the ledger, one line each: events that do not parse or whose name
  /// does not match their content, and streams whose commits or trees cannot be read.
  public func verify() throws -> [String] {
    var problems: [String] = []
    for stream in LedgerStream.allCases {
      let refs = [stream.localRef] + (try repository.referenceNames(matching: stream.remoteGlob))
      for ref in refs {
        guard let tip = try repository.referenceTarget(ref) else { continue }
        do {
          try repository.walk(WalkSpec(include: [tip])) { commit in
            let tree = try repository.commit(commit).tree
            guard repository.contains(tree) else { throw LedgerError.malformed("commit \(commit.hex) has no tree \(tree.hex)") }
            return true
          }
        } catch {
          problems.append("\(ref): the chain of commits cannot be read: \(error)")
        }
      }
      do {
        problems += try read(stream).warnings
      } catch {
        problems.append("\(stream.localRef): cannot be read: \(error)")
      }
    }
    return problems
  }
}
