import TillitGit

/// Finds and parses the `.tillit.yml` that belongs to what is being checked: the staged one
/// for a commit, the pushed one for a push. A file not yet added is read from the work tree.
public struct ConfigLoader {
  let repository: Repository

  public init(repository: Repository) { self.repository = repository }

  /// The configuration, or nil when there is none.
  public func load(for subject: CheckSubject) throws -> ProjectConfig? {
    if let blob = try subject.configBlob() {
      let text = String(decoding: try repository.blobContent(blob), as: UTF8.self)
      return try ConfigParser().parse(text)
    }
    guard subject.content == .index else { return nil }
    return try loadFromWorkTree()
  }

  /// The work tree's `.tillit.yml`, as the user last saved it.
  public func loadFromWorkTree() throws -> ProjectConfig? {
    guard let workdir = repository.workdir else { return nil }
    let path = workdir + ProjectConfig.fileName
    guard FileSystem.exists(path) else { return nil }
    return try ConfigParser().parse(try FileSystem.readText(path))
  }
}

extension ConfigLoader {
  /// Whether the work tree's `.tillit.yml` differs from the one `subject` holds: edits not yet
  /// staged, which a run of the staged checks does not use.
  public func hasUnstagedEdits(comparedWith subject: CheckSubject) -> Bool {
    guard subject.content == .index, let workdir = repository.workdir,
      let saved = try? FileSystem.read(workdir + ProjectConfig.fileName),  // none or unreadable: no edits to mention
      let staged = try? subject.configBlob()  // the run itself reads it, and says what is wrong
    else { return false }
    return ObjectID.hashing(saved) != staged
  }
}

extension ConfigLoader {
  /// The settings for knowledge and reviewers: the work tree's `.tillit.yml`, or HEAD's in a
  /// bare repository; defaults when there is none.
  public func knowledgeSettings() throws -> KnowledgeSettings {
    if repository.workdir != nil { return try loadFromWorkTree()?.knowledge ?? KnowledgeSettings() }
    guard let head = try repository.headCommitID(),
          let entry = try repository.entry(at: RepoPath(ProjectConfig.fileName), inTree: try repository.treeID(ofCommit: head)) else {
      return KnowledgeSettings()
    }
    return try ConfigParser().parse(String(decoding: try repository.blobContent(entry.blob), as: UTF8.self)).knowledge
  }
}
