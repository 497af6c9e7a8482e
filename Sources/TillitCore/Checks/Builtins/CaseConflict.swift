import TillitGit

/// pre-commit-hooks' `check-case-conflict`: a changed or added path (or a folder on its way)
/// that differs only in case from another path of the content, which a case-insensitive file
/// system (macOS, Windows) cannot hold both of. It reads every path of the content.
struct CaseConflict: BuiltinCheck {
  func run(_ input: BuiltinInput) throws -> BuiltinVerdict {
    var relevant = Set(input.files.map { String(decoding: $0.path.bytes, as: UTF8.self) })
    relevant.formUnion(relevant.flatMap(Self.folders))
    var others = Set(try input.subject.files().map { String(decoding: $0.path.bytes, as: UTF8.self) })
    others.formUnion(others.flatMap(Self.folders))
    others.subtract(relevant)
    var conflicts = Set(others.map { $0.lowercased() }).intersection(relevant.map { $0.lowercased() })
    var seen: Set<String> = []
    for path in relevant where !seen.insert(path.lowercased()).inserted { conflicts.insert(path.lowercased()) }
    let named = others.union(relevant).filter { conflicts.contains($0.lowercased()) }.sorted()
    return BuiltinVerdict(problems: named.map { "Case-insensitivity conflict found: \($0)" })
  }

  /// The folders a path is in: `a/b/c` is in `a/b` and `a`.
  static func folders(_ path: String) -> [String] {
    var parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
    var found: [String] = []
    while !parts.isEmpty {
      found.append(parts.joined(separator: "/"))
      parts = parts.dropLast()
    }
    return found
  }
}
