import TillitGit
import TillitSystem

/// The knowledge model saved under `.git/tillit/knowledge`, keyed by the fingerprint of the
/// settings it was built with (see `CacheFile`: a file that is missing, damaged, from another
/// version or built with other settings is ignored and the model is rebuilt).
struct KnowledgeCache {
  /// Raised whenever the layout below changes (version 3 was the last one before `CacheFile`).
  static let version: Int32 = 6
  let file: CacheFile

  init(repository: Repository) throws {
    file = CacheFile(kind: "knowledge", version: Self.version, path: StateDirectory(repository: repository).cacheFile("knowledge", "model"))
  }

  func load(fingerprint: String) -> KnowledgeModel? {
    guard var reader = file.open(key: fingerprint) else { return nil }
    return try? Self.decode(&reader)  // damaged: rebuilt, as a missing cache is
  }

  /// The commit a sound cache made with these settings is up to date with, without decoding
  /// the model.
  func head(fingerprint: String) -> ObjectID? {
    guard var reader = file.open(key: fingerprint), let head = try? reader.data() else { return nil }  // damaged: as none
    return ObjectID(hex: String(decoding: head, as: UTF8.self))
  }

  /// Saves the model; a failure is a warning (see `CacheFile.keep`).
  func save(_ model: KnowledgeModel, fingerprint: String) {
    file.keep(key: fingerprint) { Self.encode(model, &$0) }
  }

  private static func encode(_ model: KnowledgeModel, _ writer: inout BinaryWriter) {
    writer.data(model.head.map { Array($0.hex.utf8) } ?? [])
    writer.int64(Int64(model.commitsSeen))
    for count in [model.missingContent.commits, model.missingContent.files, model.missingContent.pairedByName] { writer.int64(Int64(count)) }
    writer.int32(Int32(model.people.count))
    for (index, person) in model.people.enumerated() {
      writer.string(person.email)
      writer.string(person.name)
      writer.int64(person.lastActive)
      encode(model.reviewsGiven[index], &writer)
      writer.int32(Int32(bitPattern: model.activeMonths[index].mask))
      writer.int64(model.activeMonths[index].latest)
    }
    for table in [model.files, model.directories] {
      writer.int32(Int32(table.count))
      for (path, record) in table {
        writer.data(path.bytes)
        writer.int32(record.totalChanges)
        writer.int32(Int32(record.people.count))
        for knowledge in record.people {
          writer.int32(knowledge.person)
          writer.bool(knowledge.created)
          encode(knowledge.changes, &writer)
          encode(knowledge.reviews, &writer)
        }
      }
    }
    for reviewers in model.familiarity {
      writer.int32(Int32(reviewers.count))
      for (reviewer, trace) in reviewers {
        writer.int32(reviewer)
        encode(trace, &writer)
      }
    }
  }

  private static func decode(_ reader: inout BinaryReader) throws -> KnowledgeModel? {
    let model = KnowledgeModel()
    let head = try reader.data()
    if !head.isEmpty {
      guard let id = ObjectID(hex: String(decoding: head, as: UTF8.self)) else { return nil }
      model.head = id
    }
    model.commitsSeen = Int(try reader.int64())
    model.missingContent = MissingContentTally(commits: Int(try reader.int64()), files: Int(try reader.int64()), pairedByName: Int(try reader.int64()))
    let peopleCount = try reader.count(minimumSize: 16)
    for index in 0..<peopleCount {
      let email = try reader.string()
      let name = try reader.string()
      let lastActive = Timestamp.clamped(try reader.int64())
      model.people.append(Person(email: email, name: name, lastActive: lastActive))
      model.personIndex[email] = Int32(index)
      model.reviewsGiven.append(try decodeTrace(&reader))
      model.activeMonths.append(ActiveMonths(mask: UInt32(bitPattern: try reader.int32()), latest: max(0, try reader.int64())))
    }
    for isFiles in [true, false] {
      let count = try reader.count(minimumSize: 12)
      var table: [RepoPath: FileRecord] = [:]
      table.reserveCapacity(count)
      for _ in 0..<count {
        let path = RepoPath(bytes: try reader.data())
        var record = FileRecord()
        record.totalChanges = try reader.int32()
        let knowers = try reader.count(minimumSize: 45)
        record.people.reserveCapacity(knowers)
        for _ in 0..<knowers {
          let person = try reader.int32()
          guard person >= 0, Int(person) < peopleCount else { return nil }
          var knowledge = Knowledge(person: person)
          knowledge.created = try reader.bool()
          knowledge.changes = try decodeTrace(&reader)
          knowledge.reviews = try decodeTrace(&reader)
          record.people.append(knowledge)
        }
        table[path] = record
      }
      if isFiles { model.files = table } else { model.directories = table }
    }
    for _ in 0..<peopleCount {
      var reviewers: [Int32: Trace] = [:]
      for _ in 0..<(try reader.count(minimumSize: 24)) {
        let reviewer = try reader.int32()
        guard reviewer >= 0, Int(reviewer) < peopleCount else { return nil }
        reviewers[reviewer] = try decodeTrace(&reader)
      }
      model.familiarity.append(reviewers)
    }
    guard reader.isAtEnd else { return nil }
    return model
  }

  private static func encode(_ trace: Trace, _ writer: inout BinaryWriter) {
    writer.int32(trace.count)
    writer.int64(trace.last)
    writer.double(trace.weight)
  }

  private static func decodeTrace(_ reader: inout BinaryReader) throws -> Trace {
    // Times are clamped as commit times are, so that no arithmetic on them can overflow.
    Trace(count: try reader.int32(), last: Timestamp.clamped(try reader.int64()), weight: try reader.double())
  }
}
