import TillitGit
import TillitSystem

/// The finished quarters of an audit's trend, kept under `.git/tillit/audit/`: a past quarter
/// does not change while the history it was computed from is still HEAD's. Each point is
/// trusted only for the settings and folder it was made with, and only while the commit it was
/// computed at is an ancestor of HEAD.
struct TrendCache {
  /// Raised whenever the layout below changes (the files before `CacheFile` had no version).
  static let version: Int32 = 2
  private let file: CacheFile
  private let fingerprint: String
  private var points: [Int64: (head: ObjectID, point: Audit.TrendPoint)] = [:]

  init(repository: Repository, fingerprint: String) throws {
    file = CacheFile(kind: "audit-trend", version: Self.version, path: StateDirectory(repository: repository).cacheFile("audit", "trend"))
    self.fingerprint = fingerprint
    // A payload that cannot be decoded is a damaged cache: no points, and the trend is computed.
    guard var reader = file.open(key: fingerprint), let count = try? reader.count(minimumSize: 36) else { return }
    var points: [Int64: (head: ObjectID, point: Audit.TrendPoint)] = [:]
    for _ in 0..<count {
      guard let head = try? ObjectID(hex: reader.string()), let quarter = try? reader.string(), let end = try? reader.int64(),
        let factor = try? reader.int32(), let files = try? reader.int32(), let atRisk = try? reader.int32()
      else { return }
      points[end] = (head, Audit.TrendPoint(quarter: quarter, end: end, truckFactor: Int(factor), files: Int(files), filesAtRisk: Int(atRisk), coverage: 0))
    }
    // All or nothing: a payload that does not end where its last point does is not trusted.
    if reader.isAtEnd { self.points = points }
  }

  func point(at end: Int64, validFor head: ObjectID, in repository: Repository) -> Audit.TrendPoint? {
    guard let saved = points[end] else { return nil }
    guard saved.head == head || (try? repository.isDescendant(head, of: saved.head)) == true else { return nil }  // unknown: recomputed
    return saved.point
  }

  func save(_ points: [Audit.TrendPoint], head: ObjectID) {
    file.keep(key: fingerprint) { writer in
      writer.int32(Int32(clamping: points.count))
      for point in points {
        writer.string(head.hex)
        writer.string(point.quarter)
        writer.int64(point.end)
        writer.int32(Int32(clamping: point.truckFactor))
        writer.int32(Int32(clamping: point.files))
        writer.int32(Int32(clamping: point.filesAtRisk))
      }
    }
  }
}
