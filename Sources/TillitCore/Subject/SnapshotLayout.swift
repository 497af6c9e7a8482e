import TillitGit

/// The rules a list of files must meet before a snapshot writes it: relative paths without
/// `.`, `..` or `.git` components, each named once, and no file, symlink or submodule that is
/// also a folder of another entry. A crafted tree can hold a symlink `a` and a folder `a/`; git
/// would drop one, and a snapshot refuses both.
enum SnapshotLayout {
  static func check(_ files: [FileEntry]) throws(CheckError) {
    var seen: Set<RepoPath> = []
    seen.reserveCapacity(files.count)
    for file in files {
      // Longer than a path or a name may be here: a crafted tree, refused rather than half written.
      guard file.path.bytes.count < 4096, !file.path.bytes.split(separator: UInt8(ascii: "/")).contains(where: { $0.count > 255 }) else {
        throw CheckError.usage(
          "the content to check holds a path longer than this system allows ('\(file.path.description.prefix(80))…', a malformed tree); refusing to write it")
      }
      guard isSafe(file.path.bytes) else { throw CheckError.usage("the content to check holds an unsafe path '\(file.path)'; refusing to write it") }
      guard seen.insert(file.path).inserted else {
        throw CheckError.usage("the content to check names '\(file.path)' twice (a malformed tree); refusing to write it")
      }
    }
    for file in files {
      let bytes = file.path.bytes
      for (position, byte) in bytes.enumerated() where byte == UInt8(ascii: "/") {
        let folder = RepoPath(bytes: Array(bytes[..<position]))
        if seen.contains(folder) {
          throw CheckError.usage(
            "the content to check has '\(folder)' both as a file and as a folder holding '\(file.path)' (a malformed tree); refusing to write it")
        }
      }
    }
  }

  /// No absolute paths, no empty, `.`, `..` or `.git` components: libgit2 refuses them in an
  /// index, and a snapshot refuses them again.
  static func isSafe(_ path: [UInt8]) -> Bool {
    guard let first = path.first, first != UInt8(ascii: "/") else { return false }
    for component in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
      if component.isEmpty || component.elementsEqual("..".utf8) || component.elementsEqual(".".utf8) { return false }
      if component.elementsEqual(".git".utf8) { return false }
    }
    return true
  }
}
