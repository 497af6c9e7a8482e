import TillitGit
import TillitSystem

extension Repository {
  /// The content of a file of HEAD's tree that tunes the model (`.mailmap`, `.gitattributes`,
  /// `.git-blame-ignore-revs`); nil when there is none or it cannot be read. A partial clone
  /// without a checkout (`--bare --filter=blob:none`) lacks it, and libgit2 cannot fetch it:
  /// then the warning says what goes without it (`consequence`), once per file.
  func headFileContent(_ path: RepoPath, withoutIt consequence: String) -> [UInt8]? {
    guard let head = try? headCommitID(), let tree = try? treeID(ofCommit: head),  // unreadable: the scan says
      let entry = try? entry(at: path, inTree: tree)
    else { return nil }
    return headFileContent(entry, withoutIt: consequence)
  }

  /// As above, for an entry of HEAD's tree.
  func headFileContent(_ entry: FileEntry, withoutIt consequence: String) -> [UInt8]? {
    if let bytes = try? blobContent(entry.blob) { return bytes }
    if !contains(entry.blob) {
      Diagnostics.warning(
        "HEAD's \(entry.path) is missing from this clone (a partial clone without a checkout?), so \(consequence)",
        topic: "missing \(entry.path)")
    }
    return nil
  }
}
