import TillitGit

/// What `checkedEvents` let through: for each event, its id, the ref it was found under and its
/// slot in `loaded`, where the event waits to be taken (once).
struct CheckedEvents {
  let entries: [(id: ObjectID, ref: String, slot: Int)]
  let loaded: LoadedEvents
}

extension LedgerStore {
  /// The one gate between a stream's trees and everything that uses their events: a read, the
  /// digest, a sync's merge. An event passes when it is a file named `<its id>.json` in the
  /// folder its id's first two hex digits name (`eachEvent`), and its content is at most
  /// `LedgerEvent.maximumSize` bytes of JSON with every field of the right type (`loadEvent`).
  /// Whatever fails becomes a warning naming where it sits.
  ///
  /// `wanted` says which events found need reading (the digest knows some already, a merge has
  /// some already); `skipBucket` may claim a whole folder, by its tree id, as known.
  func checkedEvents(
    in tips: [StreamTip], warnings: inout [String], skipBucket: (ObjectID) -> Bool = { _ in false },
    wanted: (_ id: ObjectID, _ bucket: ObjectID) -> Bool
  ) -> CheckedEvents {
    var pending: [(id: ObjectID, ref: String)] = []
    for tip in tips {
      eachEvent(in: tip, warnings: &warnings, skipBucket: skipBucket) { id, bucket in
        if wanted(id, bucket) { pending.append((id, tip.ref)) }
      }
    }
    let loaded = loadEvents(pending.map(\.id))
    var entries: [(id: ObjectID, ref: String, slot: Int)] = []
    entries.reserveCapacity(pending.count)
    for (slot, entry) in pending.enumerated() {
      if loaded.lamport(slot) != nil {
        entries.append((entry.id, entry.ref, slot))
      } else if case .failure(let error) = loaded.take(slot) {
        warnings.append("\(Self.place(of: entry.id, in: entry.ref)): skipped: \(error)")
      }
    }
    return CheckedEvents(entries: entries, loaded: loaded)
  }

  /// Calls `body` with the id of every event of a tip's tree whose name fits its content (so
  /// `place(of:in:)` names it), and the id of its bucket folder; anything else under `events/`,
  /// a folder that cannot be read among them, becomes a warning. `skipBucket` may claim a
  /// bucket folder (by its tree id) as already known; its entries are then not listed.
  func eachEvent(
    in tip: StreamTip, warnings: inout [String], skipBucket: (ObjectID) -> Bool = { _ in false },
    _ body: (_ id: ObjectID, _ bucket: ObjectID) -> Void
  ) {
    let ref = tip.ref
    for bucket in tip.buckets {
      let bucketName = String(decoding: bucket.name, as: UTF8.self)
      guard bucket.isTree, bucket.name.count == 2, let first = Self.byte(ofHex: bucket.name) else {
        warnings.append("\(ref): skipped 'events/\(bucketName)': not an event folder")
        continue
      }
      if skipBucket(bucket.id) { continue }
      do {
        try repository.eachTreeEntry(bucket.id) { name, id, kind in
          guard kind == .file, id.firstByte == first, Self.isFileName(name, of: id) else {
            let reason = kind == .file ? "its name does not match its content" : "not an event file"
            warnings.append("\(ref): events/\(bucketName)/\(String(decoding: name, as: UTF8.self)): skipped: \(reason)")
            return
          }
          body(id, bucket.id)
        }
      } catch {
        // The folder's tree is parsed whole before its first entry is given: nothing was read.
        warnings.append("\(ref): skipped 'events/\(bucketName)': the folder cannot be read: \(error)")
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
