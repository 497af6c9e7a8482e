import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// What a run left in a snapshot slot, for the next move: the tree the slot held and the paths
/// its checks touched (`SlotWatch`). With it, a move writes only the files that differ between
/// the two trees and those the checks touched; without it, every file is looked at.
struct SlotRecord {
  let tree: ObjectID
  /// Files, and folders ending in `/`.
  let touched: [[UInt8]]

  /// Reads the record and removes it; nil when there is none or it cannot be read.
  static func take(from path: String) -> SlotRecord? {
    defer { unlink(path) }
    guard let bytes = try? FileSystem.read(path),  // none: the last run was killed, or never watched
      let newline = bytes.firstIndex(of: UInt8(ascii: "\n")),
      let tree = ObjectID(hex: String(decoding: bytes[..<newline], as: UTF8.self))
    else { return nil }
    let touched = bytes[(newline + 1)...].split(separator: 0).map(Array.init)
    return SlotRecord(tree: tree, touched: touched)
  }

  func write(to path: String) throws {
    var bytes = Array(tree.hex.utf8) + [UInt8(ascii: "\n")]
    for path in touched { bytes += path + [0] }
    try FileSystem.writeAtomically(bytes, to: path)
  }

  /// The paths a move from this record to `target` must look at; nil when a check touched a
  /// folder (deleted or moved one), and every file is looked at instead.
  func paths(toReach target: ObjectID, in repository: Repository) throws -> [RepoPath]? {
    guard !touched.contains(where: { $0.last == UInt8(ascii: "/") }) else { return nil }
    var paths = Set(touched.map { RepoPath(bytes: $0) })
    if tree != target { paths.formUnion(try repository.fileDifferences(from: tree, to: target).map(\.path)) }
    return paths.sorted()
  }
}
