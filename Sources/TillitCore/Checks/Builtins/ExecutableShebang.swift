import TillitGit
import TillitSystem

/// pre-commit-hooks' `check-executables-have-shebangs`: a text file committed executable
/// (mode 100755, as git records it whatever `core.fileMode` says) starts with `#!`.
struct ExecutableShebang: TextFileCheck {
  func check(_ bytes: [UInt8], path: RepoPath) -> (problems: [String], fixed: [UInt8]?) {
    bytes.starts(with: [35, 33])
      ? ([], nil)
      : (
        ["\(path): marked executable but has no (or invalid) shebang; if it is not meant to run, `git add --chmod=-x \(ShellQuote.quote(path.description))`"],
        nil
      )
  }

  func looks(at mode: FileMode) -> Bool { mode == .executable }
}
