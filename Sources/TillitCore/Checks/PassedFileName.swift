import TillitGit

extension RepoPath {
  /// The path as a check receives it with `pass-files`: a name that begins with `-` is passed
  /// as `./-name`, so no program can read a file name as an option (`--checkpoint-action=exec=…`
  /// for tar). Every other name is passed as is, so tools print the paths people know.
  var passedAsArgument: [UInt8] {
    bytes.first == UInt8(ascii: "-") ? Array("./".utf8) + bytes : bytes
  }
}
