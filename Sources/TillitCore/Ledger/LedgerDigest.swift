import TillitGit
import TillitSystem

/// The fields of a stream's events that the inbox and the reviewer suggestions need, kept under
/// `.git/tillit/ledger/` with the stream tips they were read at. While no tip moves, a read is
/// one file; when one does, only events not seen before are read from their blobs. Like every
/// cache here it is derived data: unreadable or damaged, it is rebuilt from the ledger itself.
struct LedgerDigest {
  /// Raised whenever the layout or what a read accepts changes, so that no digest made before is
  /// reused (version 4 was the last one before `CacheFile`; 6: typed payloads; 7: changes — change ids
  /// and rewrites).
  static let version: Int32 = 7

  /// The records of `stream`, in (lamport, id) order; what the read skipped is a warning
  /// (`Diagnostics`), given again on every read from the digest while it stands.
  static func read(_ stream: LedgerStream, store: LedgerStore) throws -> [Record] {
    let (records, warnings) = try readWithWarnings(stream, store: store)
    warnings.forEach { Diagnostics.warning($0) }
    return records
  }

  private static func readWithWarnings(_ stream: LedgerStream, store: LedgerStore) throws -> (records: [Record], warnings: [String]) {
    let repository = store.repository
    let refs = [stream.localRef] + (try repository.referenceNames(matching: stream.remoteGlob))
    var targets: [String] = []
    for ref in refs {
      do {
        if let target = try repository.referenceTarget(ref) { targets.append("\(ref)=\(target.hex)") }
      } catch let error as GitError where !error.isEnvironment {
        targets.append("\(ref)=unreadable")  // a damaged ref: the read below names it
      }
    }
    let key = targets.joined(separator: ";")
    let file = CacheFile(kind: "ledger-digest", version: version, path: StateDirectory(repository: repository).cacheFile("ledger", "\(stream.rawValue).digest"))
    let cached = load(file)
    if let cached, cached.key == key { return (cached.records, cached.warnings) }
    var known: [ObjectID: Record] = [:]
    for record in cached?.records ?? [] { known[record.id] = record }
    // A bucket folder whose tree id was read before holds the same events: only folders that
    // changed (one per append) are listed again. Buckets with warnings are always listed.
    let cleanBuckets = cached?.cleanBuckets ?? [:]
    var records: [Record] = []
    var warnings: [String] = []
    var seen: Set<ObjectID> = []
    var buckets: [ObjectID: [ObjectID]] = [:]
    let tips = try store.tips(of: stream, warnings: &warnings)
    let checked = store.checkedEvents(
      in: tips, warnings: &warnings,
      skipBucket: { bucket in
        if buckets[bucket] != nil { return true }  // the same folder under another ref, read already
        guard let ids = cleanBuckets[bucket], ids.allSatisfy({ known[$0] != nil }) else { return false }
        buckets[bucket] = ids
        for id in ids where seen.insert(id).inserted { if let record = known[id] { records.append(record) } }
        return true
      }
    ) { id, bucket in
      buckets[bucket, default: []].append(id)
      guard seen.insert(id).inserted else { return false }
      guard let record = known[id] else { return true }
      records.append(record)
      return false
    }
    for entry in checked.entries {
      if case .success(let event) = checked.loaded.take(entry.slot) { records.append(Record(event, id: entry.id)) }
    }
    records.sort { $0.lamport != $1.lamport ? $0.lamport < $1.lamport : $0.id < $1.id }
    // Every bucket of every tip was either reused whole or listed whole above.
    save(file, key: key, records: records, warnings: warnings, cleanBuckets: warnings.isEmpty ? buckets : [:])
    return (records, warnings)
  }

  private static func load(_ file: CacheFile) -> (key: String, records: [Record], warnings: [String], cleanBuckets: [ObjectID: [ObjectID]])? {
    guard let (key, payload) = file.open() else { return nil }
    var reader = payload
    do {
      var records: [Record] = []
      let count = try reader.count(minimumSize: 40)
      records.reserveCapacity(count)
      for _ in 0..<count {
        guard let id = ObjectID(bytes: try reader.data()) else { return nil }
        let lamport = LamportClock.clamped(Int(try reader.int64()))
        let at = try reader.string()
        let by = try reader.string()
        guard let fact = try fact(&reader) else { return nil }
        records.append(Record(id: id, lamport: lamport, at: at, by: by, fact: fact))
      }
      var warnings: [String] = []
      for _ in 0..<(try reader.count(minimumSize: 4)) { warnings.append(try reader.string()) }
      var buckets: [ObjectID: [ObjectID]] = [:]
      for _ in 0..<(try reader.count(minimumSize: 8)) {
        guard let bucket = ObjectID(bytes: try reader.data()) else { return nil }
        var ids: [ObjectID] = []
        for _ in 0..<(try reader.count(minimumSize: 4)) {
          guard let id = ObjectID(bytes: try reader.data()) else { return nil }
          ids.append(id)
        }
        buckets[bucket] = ids
      }
      return reader.isAtEnd ? (key, records, warnings, buckets) : nil
    } catch {
      return nil
    }
  }

  private static func save(_ file: CacheFile, key: String, records: [Record], warnings: [String], cleanBuckets: [ObjectID: [ObjectID]]) {
    file.keep(key: key) { writer in
      encode(records: records, warnings: warnings, cleanBuckets: cleanBuckets, &writer)
    }
  }

  private static func encode(records: [Record], warnings: [String], cleanBuckets: [ObjectID: [ObjectID]], _ writer: inout BinaryWriter) {
    writer.int32(Int32(records.count))
    for record in records {
      writer.data(record.id.bytes)
      writer.int64(Int64(record.lamport))
      writer.string(record.at)
      writer.string(record.by)
      encode(record.fact, &writer)
    }
    writer.int32(Int32(warnings.count))
    for warning in warnings { writer.string(warning) }
    writer.int32(Int32(cleanBuckets.count))
    for (bucket, ids) in cleanBuckets {
      writer.data(bucket.bytes)
      writer.int32(Int32(ids.count))
      for id in ids { writer.data(id.bytes) }
    }
  }
}
