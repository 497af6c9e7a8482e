import TillitGit

/// Which paths count as knowledge: not those marked `linguist-vendored` or `linguist-generated`
/// in `.gitattributes`, nor those matching the configured `ignore:` patterns.
final class PathFilter {
  private let repository: Repository
  private let ignore: [Glob]
  private let usesAttributes: Bool
  private var memo: [RepoPath: Bool] = [:]

  /// `forFewPaths`: always ask libgit2 about attributes. Otherwise (a whole history) that is
  /// skipped when no attributes file at HEAD says anything about linguist.
  init(repository: Repository, ignore: [Glob], forFewPaths: Bool = false) {
    self.repository = repository
    self.ignore = ignore
    usesAttributes = forFewPaths || Self.mentionsLinguist(repository)
  }

  func counts(_ path: RepoPath) -> Bool {
    if let known = memo[path] { return known }
    var counted = !ignore.contains { $0.matches(path) }
    if counted && usesAttributes {
      counted = !repository.attributeIsTrue("linguist-vendored", at: path) && !repository.attributeIsTrue("linguist-generated", at: path)
    }
    memo[path] = counted
    return counted
  }

  /// Whether any `.gitattributes` at HEAD, or `info/attributes`, names a linguist attribute.
  /// What cannot be read mentions nothing (a HEAD that cannot be read fails the scan itself).
  private static func mentionsLinguist(_ repository: Repository) -> Bool {
    if let info = try? FileSystem.readText(repository.commonDir + "info/attributes"), info.contains("linguist-") { return true }
    guard let head = try? repository.headCommitID(), let tree = try? repository.treeID(ofCommit: head),
          let files = try? repository.files(inTree: tree) else { return false }
    let name = Array(".gitattributes".utf8)
    for file in files where file.path.bytes.count >= name.count && Array(file.path.bytes.suffix(name.count)) == name {
      if let text = try? repository.blobContent(file.blob), String(decoding: text, as: UTF8.self).contains("linguist-") { return true }
    }
    return false
  }
}
