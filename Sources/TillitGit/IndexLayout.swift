/// Where everything is in a mapped index file: one pass over the entries, bounds checked at
/// every step, then the extensions. Nil for what `IndexFile` declines.
struct IndexLayout {
  let version: UInt32
  var entryStarts: [Int] = []
  var entriesEnd = 0
  /// Each entry's path, as offsets into the file (versions 2 and 3) or into `rebuiltPaths`
  /// (version 4, whose paths are stored as a change to the one before).
  var pathStarts: [Int] = []
  var pathEnds: [Int] = []
  var rebuiltPaths: UnsafeMutableRawBufferPointer?
  var cacheTree: CacheTreeNode?

  init?(_ bytes: UnsafeRawBufferPointer) {
    guard bytes.count >= 12 + 20, bytes.starts(with: "DIRC".utf8) else { return nil }
    version = IndexFile.uint32(bytes, 4)
    guard (2...4).contains(version) else { return nil }
    let count = Int(IndexFile.uint32(bytes, 8))
    let end = bytes.count - 20
    guard count <= end / 62 else { return nil }
    entryStarts.reserveCapacity(count)
    pathStarts.reserveCapacity(count)
    pathEnds.reserveCapacity(count)
    var rebuilt: [UInt8] = []
    var offset = 12
    for _ in 0..<count {
      guard offset + 62 <= end else { return nil }
      entryStarts.append(offset)
      let flags = IndexFile.uint16(bytes, offset + 60)
      guard (flags >> 12) & 0x3 == 0 else { return nil }  // unmerged: conflicts are libgit2's to report
      var nameStart = offset + 62
      if flags & 0x4000 != 0 {
        guard version >= 3, nameStart + 2 <= end else { return nil }
        guard IndexFile.uint16(bytes, nameStart) & 0x2000 == 0 else { return nil }  // intent-to-add
        nameStart += 2
      }
      guard IndexFile.uint32(bytes, offset + 24) & 0o170000 != 0o040000 else { return nil }  // a sparse index's folder
      if version == 4 {
        let previous = pathStarts.isEmpty ? 0..<0 : pathStarts[pathStarts.count - 1]..<pathEnds[pathEnds.count - 1]
        guard let (strip, afterNumber) = IndexFile.varint(bytes, nameStart, end: end), strip <= previous.count,
          let nul = IndexFile.nul(bytes, from: afterNumber, end: end)
        else { return nil }
        let start = rebuilt.count
        rebuilt.append(contentsOf: rebuilt[previous.lowerBound..<(previous.upperBound - strip)])
        rebuilt.append(contentsOf: bytes[afterNumber..<nul])
        guard rebuilt.count > start else { return nil }
        pathStarts.append(start)
        pathEnds.append(rebuilt.count)
        offset = nul + 1
      } else {
        guard let nul = IndexFile.nul(bytes, from: nameStart, end: end), nul > nameStart else { return nil }
        pathStarts.append(nameStart)
        pathEnds.append(nul)
        offset += (nul - offset + 8) & ~7  // padded with 1 to 8 NULs to a multiple of 8
      }
    }
    guard offset <= end, readExtensions(bytes, from: offset, end: end) else { return nil }
    entriesEnd = offset
    if version == 4 {
      let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(rebuilt.count, 1), alignment: 1)
      rebuilt.withUnsafeBytes { storage.copyMemory(from: $0) }
      rebuiltPaths = storage
    }
  }

  /// Reads the cache tree; false for a split (`link`) or sparse (`sdir`) index, or damage.
  private mutating func readExtensions(_ bytes: UnsafeRawBufferPointer, from start: Int, end: Int) -> Bool {
    var position = start
    while position + 8 <= end {
      let signature = Array(bytes[position..<position + 4])
      let size = Int(IndexFile.uint32(bytes, position + 4))
      guard size <= end - position - 8 else { return false }
      let body = position + 8..<position + 8 + size
      if signature == Array("link".utf8) || signature == Array("sdir".utf8) { return false }
      if signature == Array("TREE".utf8) { cacheTree = CacheTreeParser(bytes: bytes, range: body).root() }
      position = body.upperBound
    }
    return position == end
  }
}
