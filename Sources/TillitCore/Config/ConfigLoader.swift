import TillitGit
import TillitSystem

/// Finds and parses the `.tillit.yml` files that belong to what is being checked: the staged ones
/// for a commit, the pushed ones for a push. A top file not yet added is read from the work tree;
/// a nested one counts only once it is in the content (the index or the pushed tree).
public struct ConfigLoader {
  let repository: Repository

  public init(repository: Repository) { self.repository = repository }

  /// The top file and the nested ones whose folder holds a changed path (the others' checks
  /// concern nothing that changed), or nil when there is none. Each nested file is looked up
  /// in the content by its path, a folder at a time, so the cost is the changed paths' folders
  /// whatever the repository's size: nothing lists the content or walks the work tree.
  public func load(for subject: CheckSubject) throws -> ConfigFiles? {
    try files(of: subject, in: ConfigFiles.folders(holding: subject.changedPaths))
  }

  /// The top file and every nested one the content holds, changed or not: what `tillit trust`
  /// shows and approves.
  public func loadEveryFile(of subject: CheckSubject) throws -> ConfigFiles? {
    let name = Array(ProjectConfig.fileName.utf8)
    let folders = try subject.files().compactMap { entry -> RepoPath? in
      let bytes = entry.path.bytes
      guard bytes.count > name.count, bytes.suffix(name.count + 1).elementsEqual([UInt8(ascii: "/")] + name) else { return nil }
      return RepoPath(bytes: Array(bytes.dropLast(name.count + 1)))
    }
    return try files(of: subject, in: folders)
  }

  private func files(of subject: CheckSubject, in folders: [RepoPath]) throws -> ConfigFiles? {
    var files: [ConfigFile] = []
    if let top = try loadTop(for: subject) { files.append(ConfigFile(folder: RepoPath(bytes: []), config: top)) }
    // A crafted tree's `..` or `.git` folder is no place to run anything (a snapshot refuses such a tree).
    for folder in folders where SnapshotLayout.isSafe(folder.bytes) {
      // A link or a submodule named .tillit.yml is no configuration.
      guard let entry = try subject.entry(at: ProjectConfig.path(in: folder)), entry.mode == .regular || entry.mode == .executable else { continue }
      let text = String(decoding: try repository.blobContent(entry.blob), as: UTF8.self)
      files.append(ConfigFile(folder: folder, config: try ConfigParser(folder: folder).parse(text)))
    }
    return files.isEmpty ? nil : ConfigFiles(files)
  }

  /// The top configuration, or nil when there is none.
  public func loadTop(for subject: CheckSubject) throws -> ProjectConfig? {
    if let blob = try subject.configBlob() {
      let text = String(decoding: try repository.blobContent(blob), as: UTF8.self)
      return try ConfigParser().parse(text)
    }
    guard subject.content == .index else { return nil }
    return try loadFromWorkTree()
  }

  /// The work tree's `.tillit.yml` (of `folder`, the top one by default), as the user last saved it.
  public func loadFromWorkTree(folder: RepoPath = RepoPath(bytes: [])) throws -> ProjectConfig? {
    guard let workdir = repository.workdir else { return nil }
    let path = workdir + ProjectConfig.path(in: folder).description
    guard FileSystem.exists(path) else { return nil }
    return try ConfigParser(folder: folder).parse(try FileSystem.readText(path))
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
      let entry = try repository.entry(at: RepoPath(ProjectConfig.fileName), inTree: try repository.treeID(ofCommit: head))
    else {
      return KnowledgeSettings()
    }
    return try ConfigParser().parse(String(decoding: try repository.blobContent(entry.blob), as: UTF8.self)).knowledge
  }
}

extension CheckSubject {
  /// The `.tillit.yml` the content holds, or nil when it has none.
  public func configBlob() throws -> ObjectID? {
    try entry(at: RepoPath(ProjectConfig.fileName))?.blob
  }
}
