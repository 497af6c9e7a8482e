import TillitGit

/// The parsed `.tillit.yml`.
public struct ProjectConfig: Hashable, Sendable {
  public static let fileName = ".tillit.yml"

  /// Where the `.tillit.yml` of `folder` is (the top one for the empty folder).
  public static func path(in folder: RepoPath) -> RepoPath {
    RepoPath(bytes: folder.bytes + (folder.bytes.isEmpty ? [] : [UInt8(ascii: "/")]) + Array(fileName.utf8))
  }

  public var checks: [CheckDefinition]
  /// How many checks run at once; nil means one per CPU core.
  public var jobs: Int?
  /// Folders of the work tree (ignored dependencies such as `node_modules`) that every snapshot
  /// check sees at the same place, besides the defaults (`SharedFolders`).
  public var share: [RepoPath] = []
  /// People, ignored paths and reviewer suggestions.
  public var knowledge = KnowledgeSettings()
  /// What a change needs to be ready to ship.
  public var ship = ShipPolicy()

  public init(checks: [CheckDefinition], jobs: Int? = nil) {
    self.checks = checks
    self.jobs = jobs
  }

  /// The checks of one stage, in file order.
  public func checks(for stage: CheckDefinition.Stage) -> [CheckDefinition] {
    checks.filter { $0.stage == stage }
  }
}
