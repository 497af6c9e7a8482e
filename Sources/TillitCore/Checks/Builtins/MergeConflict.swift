import TillitGit

#if canImport(Glibc)
import Glibc
#endif

/// pre-commit-hooks' `check-merge-conflict`: lines starting with a conflict marker (`<<<<<<< `,
/// `======= `, `=======` alone, `>>>>>>> `). Like the hook it looks only while a merge or a
/// rebase is being concluded (git's `MERGE_MSG` with `MERGE_HEAD`, `rebase-apply` or
/// `rebase-merge`), unless `assume-in-merge: true`.
struct MergeConflict: BuiltinCheck {
  let assumeInMerge: Bool

  init(_ call: BuiltinCall) { assumeInMerge = call.flag("assume-in-merge") }

  static let markers: [[UInt8]] = ["<<<<<<< ", "======= ", "=======\r\n", "=======\n", ">>>>>>> "].map { Array($0.utf8) }

  func run(_ input: BuiltinInput) throws -> BuiltinVerdict {
    guard assumeInMerge || Self.isInMerge(gitDirectory: input.repository.gitDir) else { return BuiltinVerdict() }
    return try MergeConflictMarkers().run(input)
  }

  static func isInMerge(gitDirectory: String) -> Bool {
    func exists(_ name: String) -> Bool { access(gitDirectory + "/" + name, F_OK) == 0 }
    return exists("MERGE_MSG") && (exists("MERGE_HEAD") || exists("rebase-apply") || exists("rebase-merge"))
  }
}

/// The lines starting with a conflict marker, in each text file.
struct MergeConflictMarkers: TextFileCheck {
  func check(_ bytes: [UInt8], path: RepoPath) -> (problems: [String], fixed: [UInt8]?) {
    var problems: [String] = []
    for (number, line) in LineSplit.lines(bytes).enumerated() {
      for marker in MergeConflict.markers where line.starts(with: marker) {
        let shown = String(decoding: marker.prefix(7), as: UTF8.self)
        problems.append("\(path):\(number + 1): Merge conflict string '\(shown)' found")
      }
    }
    return (problems, nil)
  }
}
