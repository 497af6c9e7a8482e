import TillitGit

/// pre-commit-hooks' `detect-private-key`: a file holding the start of a private key block.
struct PrivateKey: TextFileCheck {
  static let markers: [[UInt8]] = [
    "BEGIN RSA PRIVATE KEY", "BEGIN DSA PRIVATE KEY", "BEGIN EC PRIVATE KEY", "BEGIN OPENSSH PRIVATE KEY",
    "BEGIN PRIVATE KEY", "PuTTY-User-Key-File-2", "BEGIN SSH2 ENCRYPTED PRIVATE KEY", "BEGIN PGP PRIVATE KEY BLOCK",
    "BEGIN ENCRYPTED PRIVATE KEY", "BEGIN OpenVPN Static key V1",
  ].map { Array($0.utf8) }

  func check(_ bytes: [UInt8], path: RepoPath) -> (problems: [String], fixed: [UInt8]?) {
    Self.markers.contains { ByteSearch.contains(bytes, $0) } ? (["Private key found: \(path)"], nil) : ([], nil)
  }
}

/// Finding bytes in bytes.
enum ByteSearch {
  /// Whether `needle` occurs in `haystack`.
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
      guard let found = haystack[index...last].firstIndex(of: first) else { return false }
      if haystack[found..<(found + needle.count)].elementsEqual(needle) { return true }
      index = found + 1
    }
    return false
  }
}
