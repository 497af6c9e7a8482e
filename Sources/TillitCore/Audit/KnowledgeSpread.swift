import TillitGit

/// How the knowledge of a set of files is spread over people at one moment: the truck factor
/// (over all of history's authors, and among the authors still active), the files at risk (known by at most one active person) and the orphaned ones (by nobody
/// active), and the same per folder.
public struct KnowledgeSpread: Sendable {
  public struct FileKnowers: Sendable {
    public let path: RepoPath
    /// Authors by degree of authorship.
    public let authors: [Int32]
    /// The authors still active.
    public let activeAuthors: [Int32]
    /// Active people who author or have reviewed it.
    public let activeKnowers: [Int32]
  }

  public struct Folder: Sendable {
    public let path: String
    public let files: Int
    public let activeKnowers: Int
    public let truckFactor: Int
    public let filesAtRisk: Int
    /// The active person who knows most of its files, and the share of its files they know.
    public let mainKnower: Int32?
    public let mainKnowerShare: Double
  }

  public let files: [FileKnowers]
  /// Avelino's truck factor over every author history knows, active or not.
  public let truckFactor: TruckFactor.Result
  /// The truck factor for today: the same count among the authors still active (a file whose
  /// authors have all gone quiet counts as lost already).
  public let activeTruckFactor: TruckFactor.Result

  public var atRisk: [FileKnowers] { files.filter { $0.activeKnowers.count <= 1 } }
  public var orphaned: [FileKnowers] { files.filter { $0.activeKnowers.isEmpty } }

  /// `paths`: the files to judge; `active`: who counts as active.
  public init(model: KnowledgeModel, paths: [RepoPath], active: (Int32) -> Bool) {
    files = paths.map { path in
      guard let record = model.files[path] else { return FileKnowers(path: path, authors: [], activeAuthors: [], activeKnowers: []) }
      let authors = record.authors().sorted()
      return FileKnowers(path: path, authors: authors, activeAuthors: authors.filter(active), activeKnowers: record.knowers().filter(active).sorted())
    }
    truckFactor = TruckFactor.compute(authors: files.map(\.authors))
    activeTruckFactor = TruckFactor.compute(authors: files.map(\.activeAuthors))
  }

  private init(files: [FileKnowers]) {
    self.files = files
    truckFactor = TruckFactor.compute(authors: files.map(\.authors))
    activeTruckFactor = TruckFactor.compute(authors: files.map(\.activeAuthors))
  }

  /// The folders `depth` levels down or less (files at the top are under ""), each with its
  /// own figures.
  public func folders(depth: Int) -> [Folder] {
    var groups: [String: [FileKnowers]] = [:]
    for file in files {
      let parts = file.path.description.split(separator: "/", omittingEmptySubsequences: false).dropLast()
      for level in 0...min(depth, parts.count) {
        groups[parts.prefix(level).joined(separator: "/"), default: []].append(file)
      }
    }
    return groups.map { path, members in
      let spread = KnowledgeSpread(files: members)
      var knows: [Int32: Int] = [:]
      for member in members { for person in member.activeKnowers { knows[person, default: 0] += 1 } }
      let main = knows.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
      return Folder(
        path: path, files: members.count, activeKnowers: knows.count, truckFactor: spread.truckFactor.factor,
        filesAtRisk: spread.atRisk.count, mainKnower: main?.key,
        mainKnowerShare: main.map { Double($0.value) / Double(members.count) } ?? 0)
    }.sorted { $0.path < $1.path }
  }
}
