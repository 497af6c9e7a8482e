import TillitGit

/// One `.tillit.yml`: the top one, or one in a folder, whose checks run in that folder, on its
/// files (`ConfigParser(folder:)`).
public struct ConfigFile: Sendable {
  /// Empty for the top file.
  public let folder: RepoPath
  public let config: ProjectConfig

  public init(folder: RepoPath, config: ProjectConfig) {
    self.folder = folder
    self.config = config
  }

  /// Where it is: `.tillit.yml`, `web/.tillit.yml`.
  public var path: RepoPath { ProjectConfig.path(in: folder) }
  public var isTop: Bool { folder.bytes.isEmpty }
}

/// The `.tillit.yml` files a run reads: the top one, if there is one, then the nested ones by path.
/// Each is approved on its own (`Approval`), and a nested file's checks are named by its folder.
public struct ConfigFiles: Sendable {
  public let files: [ConfigFile]

  public init(_ files: [ConfigFile]) { self.files = files }

  /// The top file's settings; nil when there is only nested ones.
  public var top: ProjectConfig? { files.first(where: \.isTop)?.config }
  /// Every file's checks, the top file's first.
  public var checks: [CheckDefinition] { files.flatMap(\.config.checks) }
  /// How many checks run at once: the top file says (a nested one may not).
  public var jobs: Int? { top?.jobs }

  /// The checks of one stage, in file order.
  public func checks(for stage: CheckDefinition.Stage) -> [CheckDefinition] {
    checks.filter { $0.stage == stage }
  }

  /// The folders of `paths` at every depth, the root left out, each once, sorted: where a nested
  /// `.tillit.yml` would concern one of them.
  static func folders(holding paths: [RepoPath]) -> [RepoPath] {
    let slash = UInt8(ascii: "/")
    var seen: Set<[UInt8]> = []
    var previous: ArraySlice<UInt8> = []
    for path in paths {
      guard let last = path.bytes.lastIndex(of: slash) else { continue }
      // Paths come sorted: the files of one folder follow each other.
      if path.bytes[..<last].elementsEqual(previous) { continue }
      previous = path.bytes[..<last]
      var end = last
      // A folder seen has its parents seen already.
      while seen.insert(Array(path.bytes[..<end])).inserted, let up = path.bytes[..<end].lastIndex(of: slash) { end = up }
    }
    return seen.map { RepoPath(bytes: $0) }.sorted()
  }
}
