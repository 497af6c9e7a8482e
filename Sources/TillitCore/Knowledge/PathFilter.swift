import TillitGit
import TillitSystem

/// Which paths count as knowledge: not those marked `linguist-vendored` or `linguist-generated`
/// in `.gitattributes`, nor those matching the configured `ignore:` patterns.
final class PathFilter {
  private let ignore: [Glob]
  /// Nil when no attribute can matter.
  private let attributes: AttributeReader?
  private var memo: [RepoPath: Bool] = [:]

  /// `forFewPaths`: always ask libgit2 about attributes, as the work tree's `.gitattributes`
  /// say. Otherwise (a whole history) as HEAD's and the index's say, and not at all when no
  /// attributes file at HEAD says anything about linguist.
  init(repository: Repository, ignore: [Glob], forFewPaths: Bool = false) {
    self.ignore = ignore
    let names = ["linguist-vendored", "linguist-generated"]
    if forFewPaths {
      attributes = AttributeReader(repository: repository, names: names, commit: nil)
    } else if Self.mentionsLinguist(repository), let head = try? repository.headCommitID() {  // unreadable: the scan says
      attributes = AttributeReader(repository: repository, names: names, commit: head)
    } else {
      attributes = nil
    }
  }

  func counts(_ path: RepoPath) -> Bool {
    if let known = memo[path] { return known }
    var counted = !ignore.contains { $0.matches(path) }
    if counted, let attributes {
      counted = !attributes.trueValues(at: path).contains(true)
    }
    memo[path] = counted
    return counted
  }

  /// Whether any `.gitattributes` at HEAD, or `info/attributes`, names a linguist attribute.
  /// What cannot be read mentions nothing (a HEAD that cannot be read fails the scan itself).
  private static func mentionsLinguist(_ repository: Repository) -> Bool {
    if let info = try? FileSystem.readText(repository.commonDir + "info/attributes"), info.contains("linguist-") { return true }
    guard let head = try? repository.headCommitID(), let tree = try? repository.treeID(ofCommit: head),
      let files = try? repository.files(inTree: tree)
    else { return false }
    let name = Array(".gitattributes".utf8)
    for file in files where file.path.bytes.count >= name.count && Array(file.path.bytes.suffix(name.count)) == name {
      if let text = repository.headFileContent(file, withoutIt: "the files it marks linguist-generated or linguist-vendored count as any other"),
        String(decoding: text, as: UTF8.self).contains("linguist-")
      {
        return true
      }
    }
    return false
  }
}
