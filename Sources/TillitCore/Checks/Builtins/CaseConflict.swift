import TillitGit

/// pre-commit-hooks' `check-case-conflict`: a changed or added path (or a folder on its way)
/// that differs only in case from another path of the content (or another changed one), which a
/// case-insensitive file system (macOS, Windows) cannot hold both of. It reads every path of the
/// content, in one pass that compares a path only when a hash of its lower case matches.
struct CaseConflict: BuiltinCheck {
  func run(_ input: BuiltinInput) throws -> BuiltinVerdict {
    // The changed paths and their folders, by lower case.
    var changed: [[UInt8]: Set<[UInt8]>] = [:]
    for path in input.files.map(\.path.bytes) {
      for name in Self.folders(path) + [path] { changed[Self.lowercased(name), default: []].insert(name) }
    }
    let exact = changed.values.reduce(into: Set<[UInt8]>()) { $0.formUnion($1) }
    var named = changed.values.filter { $0.count > 1 }.reduce(into: Set<[UInt8]>()) { $0.formUnion($1) }
    let hashes = Set(changed.keys.map(Self.hash))
    for entry in try input.subject.files() {
      let path = entry.path.bytes
      Self.eachName(in: path) { end, hash in
        guard hashes.contains(hash) else { return }
        let name = Array(path[..<end])
        guard !exact.contains(name), let same = changed[Self.lowercased(name)] else { return }
        named.insert(name)
        named.formUnion(same)
      }
    }
    let problems = named.map { RepoPath(bytes: $0) }.sorted().map { "Case-insensitivity conflict found: \($0)" }
    return BuiltinVerdict(problems: problems)
  }

  /// The folders a path is in: `a/b/c` is in `a` and `a/b`.
  static func folders(_ path: [UInt8]) -> [[UInt8]] {
    path.indices.filter { path[$0] == 47 }.map { Array(path[..<$0]) }
  }

  /// Calls `body` with the end of each folder of `path` and of the path itself, and the hash of
  /// that name's lower case (as `hash` computes it).
  static func eachName(in path: [UInt8], _ body: (Int, UInt64) -> Void) {
    guard path.allSatisfy({ $0 < 128 }) else {
      for folder in folders(path) { body(folder.count, hash(lowercased(folder))) }
      return body(path.count, hash(lowercased(path)))
    }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for (index, byte) in path.enumerated() {
      if byte == 47 { body(index, hash) }
      hash = (hash ^ UInt64((65...90).contains(byte) ? byte + 32 : byte)) &* 0x100_0000_01b3
    }
    body(path.count, hash)
  }

  /// FNV-1a of bytes already in lower case.
  static func hash(_ lower: [UInt8]) -> UInt64 {
    lower.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
  }

  /// Python's `str.lower()`: ASCII by bytes, anything else through Unicode's lower case.
  static func lowercased(_ path: [UInt8]) -> [UInt8] {
    guard path.allSatisfy({ $0 < 128 }) else { return Array(String(decoding: path, as: UTF8.self).lowercased().utf8) }
    return path.map { (65...90).contains($0) ? $0 + 32 : $0 }
  }
}
