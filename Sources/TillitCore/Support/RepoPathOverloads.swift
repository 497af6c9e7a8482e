import TillitGit
import TillitSystem

/// The system layer's calls that take a name as bytes, given a path of the repository.
extension FileSystem {
  /// Reads a file named by bytes: a name that is not UTF-8 is read under its own name.
  public static func read(_ file: RepoPath) throws -> [UInt8] { try read(named: file.bytes) }
}

extension TerminalText {
  /// A path of the repository as one line: see `escaped(bytes:)`.
  public static func escaped(_ path: RepoPath) -> String { escaped(bytes: path.bytes) }
}
