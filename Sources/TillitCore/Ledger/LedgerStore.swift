import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// The append-only ledger inside the repository. Each stream is a chain of commits whose tree
/// holds every event so far as `events/<2 hex>/<blob id>.json`. An append writes the objects
/// first and then moves the stream's ref with a compare-and-swap, so a crash loses nothing
/// already recorded and concurrent writers never overwrite each other.
public struct LedgerStore {
  let repository: Repository

  public init(repository: Repository) { self.repository = repository }

  // MARK: Writing

  /// Records an event in `stream`: its lamport clock is set one past every event this clone
  /// has seen in the stream, then it is signed when its `signer` says so. Returns the event as stored, with its id.
  @discardableResult
  public func append(_ draft: LedgerEvent, to stream: LedgerStream) throws -> LedgerEvent {
    try append([draft], to: stream)[0]
  }

  /// Records several events in one commit, their lamport clocks one after another. The new
  /// objects (the events, their folders, the commit) are stored as one pack before the stream
  /// moves: two files instead of one per object, which in a much-used object folder cost up
  /// to a millisecond each. `LedgerMaintenance` folds the small packs this leaves. The pack is
  /// kept (`PackKeep`) until the ref names its commit: without that, a `git gc` beside once
  /// deleted a pack whose commit a ref was about to name (the suite, under load).
  @discardableResult
  public func append(_ drafts: [LedgerEvent], to stream: LedgerStream) throws -> [LedgerEvent] {
    guard !drafts.isEmpty else { return [] }
    var mover = StreamMover(repository: repository)
    let batch = try PackedWrites(into: repository)
    while true {
      let tip = try localTip(stream)
      let base = try highestLamport(in: stream, localTip: tip)
      var events: [LedgerEvent] = []
      for (offset, draft) in drafts.enumerated() {
        var event = draft
        event.lamport = LamportClock.advanced(base, by: 1 + offset)
        if let signer = event.signer {
          event.signature = try signer.sign(event.signedBytes)
          event.signer = nil
        }
        let bytes = event.encoded()
        guard bytes.count <= LedgerEvent.maximumSize else { throw LedgerError.tooLarge(bytes.count) }
        let id = ObjectID.hashing(bytes)
        try batch.writeBlob(bytes, id: id)
        event.id = id
        events.append(event)
      }
      let summary = drafts.count == 1 ? "record \(drafts[0].kind)" : "record \(drafts.count) events"
      let tree = try treeAdding(events.compactMap(\.id), to: tip?.tree, writingWith: batch.writeTree)
      let lamport = LamportClock.advanced(base, by: drafts.count)
      let commit = try batch.writeCommit(tree: tree, parents: tip.map { [$0.commit] } ?? [], message: Self.message(summary, lamport: lamport))
      // Stored before the ref names the commit: a writer killed before the move leaves an
      // unreferenced pack.
      if try mover.move(stream.localRef, to: commit, storing: batch, expecting: tip?.commit, message: "tillit: \(summary)") {
        LedgerMaintenance.packIfNeeded(repository)
        return events
      }
    }
  }

  /// Writes the events tree of `base` with `ids` added; unchanged buckets are kept by id.
  /// Trees are written by `write` (the repository's `writeTree` unless given).
  func treeAdding(
    _ ids: [ObjectID], to base: ObjectID?, writingWith write: ((ObjectID?, [TreeEntryInput]) throws -> ObjectID)? = nil
  ) throws -> ObjectID {
    let writeTree = write ?? repository.writeTree
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
      newBuckets.append(TreeEntryInput(name: bucket, id: try writeTree(existing, entries), isTree: true))
    }
    let events = try writeTree(eventsTree, newBuckets)
    return try writeTree(base, [TreeEntryInput(name: Self.eventsName, id: events, isTree: true)])
  }

  static let eventsName = Array("events".utf8)

  /// A bucket folder's name: the two hex digits of its events' first byte.
  static func hexDigits(_ byte: UInt8) -> [UInt8] { [hexTable[Int(byte >> 4)], hexTable[Int(byte & 15)]] }

  static let hexTable = Array("0123456789abcdef".utf8)

  static func message(_ summary: String, lamport: Int) -> String {
    "tillit: \(summary)\n\nlamport: \(lamport)\n"
  }

  /// The clock a stream commit records, clamped (see `LamportClock`).
  func lamport(of tip: StreamTip) throws -> Int {
    LamportClock.recorded(inMessage: try repository.commit(tip.commit).message)
  }

  /// The highest lamport clock recorded by this clone's tip of `stream` and the fetched ones (0
  /// for none). Fetched copies that are not streams are left out here; every read names them.
  private func highestLamport(in stream: LedgerStream, localTip: StreamTip?) throws -> Int {
    var highest = try localTip.map(lamport(of:)) ?? 0
    for ref in try repository.referenceNames(matching: stream.remoteGlob) {
      do {
        if let tip = try tip(of: ref) { highest = max(highest, try lamport(of: tip)) }
      } catch LedgerError.notAStream {
        continue
      }
    }
    return highest
  }

  // MARK: Reading

  /// What a read found: the events, folded in (lamport, id) order, and what was skipped.
  struct Reading: Sendable {
    var events: [LedgerEvent]
    var warnings: [String]
  }

  /// Every event of `stream`: this clone's and every fetched copy's, each event once, in
  /// (lamport, id) order. What is skipped (a ref that is no stream, an event that does not
  /// parse) is a warning (`Diagnostics`).
  public func read(_ stream: LedgerStream) throws -> [LedgerEvent] {
    let reading = try reading(stream)
    reading.warnings.forEach { Diagnostics.warning($0) }
    return reading.events
  }

  /// What `read` finds, with what it skipped instead of warning about it (`verify` lists that).
  func reading(_ stream: LedgerStream) throws -> Reading {
    var reading = Reading(events: [], warnings: [])
    let copies = try tips(of: stream, warnings: &reading.warnings)
    var seen: Set<ObjectID> = []
    // One tree names each event once; only several copies of the stream can repeat one.
    let checked = checkedEvents(in: copies, warnings: &reading.warnings) { id, _ in copies.count == 1 || seen.insert(id).inserted }
    // The ledger's order (lamport clock, then id) is found on small keys; each event is then
    // moved once, from where it was read to its place.
    var order: [(lamport: Int, id: ObjectID, slot: Int)] = []
    order.reserveCapacity(checked.entries.count)
    for entry in checked.entries {
      if let lamport = checked.loaded.lamport(entry.slot) { order.append((lamport, entry.id, entry.slot)) }
    }
    order.sort { $0.lamport != $1.lamport ? $0.lamport < $1.lamport : $0.id < $1.id }
    reading.events = order.compactMap { key in
      guard case .success(let event) = checked.loaded.take(key.slot) else { return nil }
      return event
    }
    return reading
  }
}

extension LedgerStore {
  /// What `verify` found: everything damaged, one line each, and how many signed events were
  /// verified and not.
  public struct Verification: Sendable {
    public var problems: [String] = []
    public var signatures: [SignatureStatus: Int] = [:]
  }

  /// Everything damaged in the ledger, one line each: events that do not parse or whose name
  /// does not match their content, events whose signature does not match their bytes, and
  /// streams whose commits or trees cannot be read.
  public func verify() throws -> Verification {
    var found = Verification()
    let verifier = try SignatureVerifier(repository: repository)
    for stream in LedgerStream.allCases {
      // The copies that are not streams are named by the read below.
      var named: [String] = []
      for tip in try tips(of: stream, warnings: &named) {
        do {
          try repository.walk(WalkSpec(include: [tip.commit])) { commit in
            let tree = try repository.commit(commit).tree
            guard repository.contains(tree) else { throw LedgerError.malformed("commit \(commit.hex) has no tree \(tree.hex)") }
            return true
          }
        } catch {
          found.problems.append("\(tip.ref): the chain of commits cannot be read: \(error)")
        }
      }
      do {
        let reading = try reading(stream)
        found.problems += reading.warnings
        for (event, status) in zip(reading.events, verifier.statuses(reading.events)) where status != .unsigned {
          found.signatures[status, default: 0] += 1
          guard status == .bad, let id = event.id else { continue }
          found.problems.append("\(Self.place(of: id, in: stream.localRef)): bad signature: the event (by \(event.by)) is not what was signed")
        }
      } catch {
        found.problems.append("\(stream.localRef): cannot be read: \(error)")
      }
    }
    return found
  }
}
