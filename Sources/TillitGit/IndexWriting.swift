#if canImport(Glibc)
import Glibc
#endif

/// One entry to put in an index being rewritten: a file as just written, with the status git
/// compares on its next look (`git status` re-reads only files whose status changed since).
public struct IndexRecord {
  public let path: RepoPath
  public let mode: FileMode
  public let blob: ObjectID
  public let status: stat

  public init(path: RepoPath, mode: FileMode, blob: ObjectID, status: stat) {
    self.path = path
    self.mode = mode
    self.blob = blob
    self.status = status
  }
}

extension IndexFile {
  /// This index with the entries at `paths` (sorted, each once) replaced by `records`' (a path
  /// without a record is removed), as the bytes of a whole index file, checksum included.
  /// Entries not named are copied byte for byte; extensions are left out (the cache tree no
  /// longer holds; git rebuilds what it needs). Nil for version 4, whose entries depend on the
  /// one before.
  public func rewritten(changing paths: [RepoPath], to records: [RepoPath: IndexRecord]) -> [UInt8]? {
    guard version != 4 else { return nil }
    var output: [UInt8] = Array(bytes[0..<8])
    output.reserveCapacity(entriesEnd + 64 * paths.count + 20)
    output.append(contentsOf: [0, 0, 0, 0])  // the count, filled in below
    var written = 0
    var position = 0
    for path in paths {
      let next = path.bytes.withUnsafeBytes { firstPosition(notBefore: $0) }
      if next > position {
        output.append(contentsOf: bytes[entryStarts[position]..<entryEnd(next - 1)])
        written += next - position
      }
      position = next
      if position < count && pathBytes(position).elementsEqual(path.bytes) { position += 1 }
      if let record = records[path] {
        Self.append(record, to: &output)
        written += 1
      }
    }
    if position < count {
      output.append(contentsOf: bytes[entryStarts[position]..<entriesEnd])
      written += count - position
    }
    for shift in 0..<4 { output[8 + shift] = UInt8(truncatingIfNeeded: written >> (24 - 8 * shift)) }
    let checksum = output.withUnsafeBytes { SHA1.digest($0) }
    output.append(contentsOf: checksum)
    return output
  }

  private func entryEnd(_ index: Int) -> Int {
    index + 1 < count ? entryStarts[index + 1] : entriesEnd
  }

  /// A version 2 entry: status times and numbers, mode, id, flags (the name's length), the
  /// name, and 1 to 8 NULs to a multiple of 8 bytes.
  private static func append(_ record: IndexRecord, to output: inout [UInt8]) {
    let status = record.status
    let numbers: [Int] = [
      status.st_ctim.tv_sec, status.st_ctim.tv_nsec, status.st_mtim.tv_sec, status.st_mtim.tv_nsec,
      Int(status.st_dev), Int(status.st_ino), Int(record.mode.rawValue), Int(status.st_uid), Int(status.st_gid), Int(status.st_size),
    ]
    let start = output.count
    for number in numbers {
      for shift in [24, 16, 8, 0] { output.append(UInt8(truncatingIfNeeded: number >> shift)) }
    }
    record.blob.withBytes { output.append(contentsOf: $0) }
    let length = min(record.path.bytes.count, 0xFFF)
    output.append(UInt8(length >> 8))
    output.append(UInt8(truncatingIfNeeded: length))
    output.append(contentsOf: record.path.bytes)
    let size = (output.count - start + 8) & ~7
    output.append(contentsOf: repeatElement(0, count: start + size - output.count))
  }
}
