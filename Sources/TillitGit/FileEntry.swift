/// A file as git records it in an index or a tree: path, mode and blob id.
public struct FileEntry: Hashable, Sendable {
  public let path: RepoPath
  public let mode: FileMode
  public let blob: ObjectID

  public init(path: RepoPath, mode: FileMode, blob: ObjectID) {
    self.path = path
    self.mode = mode
    self.blob = blob
  }
}

/// The kinds of entry git stores, by their mode bits.
public enum FileMode: UInt32, Sendable {
  case regular = 0o100644
  case executable = 0o100755
  case symlink = 0o120000
  case submodule = 0o160000

  init(raw: UInt32) {
    switch raw {
    case 0o100755: self = .executable
    case 0o120000: self = .symlink
    case 0o160000: self = .submodule
    default: self = .regular
    }
  }
}
