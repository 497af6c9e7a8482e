import TillitSystem

/// The files of a project as detection reads them: a folder's names, a file's text. Backed by
/// the work tree (`at:`) or, in tests, by a dictionary of paths to texts.
public struct ProjectFolder: Sendable {
  /// The text of a file relative to the root, or nil.
  let read: @Sendable (String) -> String?
  /// The names in a folder relative to the root (`""` is the root), folders ending in `/`.
  let list: @Sendable (String) -> [String]

  public init(read: @escaping @Sendable (String) -> String?, list: @escaping @Sendable (String) -> [String]) {
    self.read = read
    self.list = list
  }

  /// The work tree at `root` (ending in `/`).
  public static func at(_ root: String) -> ProjectFolder {
    ProjectFolder(
      read: { try? FileSystem.readText(root + $0) },
      list: { folder in
        let path = root + folder
        return FileSystem.entries(of: path).map { FileSystem.isDirectory(path + "/" + $0) ? $0 + "/" : $0 }
      })
  }

  /// Files given as paths to texts; folders are implied by the paths.
  public static func files(_ files: [String: String]) -> ProjectFolder {
    ProjectFolder(
      read: { files[$0] },
      list: { folder in
        let prefix = folder.isEmpty ? "" : folder + "/"
        var names: Set<String> = []
        for path in files.keys where path.hasPrefix(prefix) {
          let rest = path.dropFirst(prefix.count)
          if let slash = rest.firstIndex(of: "/") { names.insert(String(rest[..<slash]) + "/") } else { names.insert(String(rest)) }
        }
        return names.sorted()
      })
  }
}
