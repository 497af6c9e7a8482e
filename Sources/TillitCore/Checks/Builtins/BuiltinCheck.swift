import TillitGit

/// One of Tillit's own checks, run in-process on the content's blobs: no snapshot, no process.
protocol BuiltinCheck: Sendable {
  /// Looks at `input`'s files; a fixer returns the fixed bytes of each file it would change.
  func run(_ input: BuiltinInput) throws -> BuiltinVerdict
}

/// What a built-in looks at: the files of the content it concerns, and where to read them.
struct BuiltinInput {
  let repository: Repository
  let subject: CheckSubject
  /// The changed files of the content this check concerns (deletions and submodules left out).
  let files: [FileEntry]
  /// Content already rewritten by an earlier built-in fixer of the run, by path.
  var rewritten: [RepoPath: [UInt8]] = [:]

  /// A file's bytes as the content has them (after the fixers before this one).
  func bytes(of entry: FileEntry) throws -> [UInt8] {
    if let bytes = rewritten[entry.path] { return bytes }
    return try repository.blobContent(entry.blob)
  }
}

/// What a built-in found: lines for its log (empty when it passed), and the fixes it made.
struct BuiltinVerdict {
  var problems: [String] = []
  /// Each file a fixer changed, with its new bytes.
  var fixed: [(entry: FileEntry, bytes: [UInt8])] = []
}

/// A check of one text file at a time: pre-commit-hooks' hooks with `types: [text]` (binary
/// files, symlinks and submodules are not theirs to look at).
protocol TextFileCheck: BuiltinCheck {
  /// What is wrong with `bytes`, one line each naming `path`; and, for a fixer, the fixed bytes
  /// when they differ.
  func check(_ bytes: [UInt8], path: RepoPath) -> (problems: [String], fixed: [UInt8]?)
  /// Whether files of this mode are this check's (regular and executable files by default).
  func looks(at mode: FileMode) -> Bool
  /// Whether binary files are left out (by default); a syntax check takes every file its
  /// patterns give it, as pre-commit's `types: [json]` goes by the name alone.
  var sniffsContent: Bool { get }
}

extension TextFileCheck {
  func looks(at mode: FileMode) -> Bool { mode == .regular || mode == .executable }
  var sniffsContent: Bool { true }

  func run(_ input: BuiltinInput) throws -> BuiltinVerdict {
    var verdict = BuiltinVerdict()
    for entry in input.files where looks(at: entry.mode) {
      let bytes = try input.bytes(of: entry)
      guard !sniffsContent || TextDetection.isText(bytes, path: entry.path) else { continue }
      let (problems, fixed) = check(bytes, path: entry.path)
      verdict.problems += problems
      if let fixed, fixed != bytes { verdict.fixed.append((entry, fixed)) }
    }
    return verdict
  }
}

/// identify's test, which pre-commit uses for `types: [text]`: a name ending in an extension
/// identify lists as binary is binary; otherwise the first 1,024 bytes must hold none of the
/// control bytes text never has (NUL to BEL, SO to SUB, FS to US, DEL). (identify also takes
/// 302 extensions as text whatever they hold; here their content is looked at.)
enum TextDetection {
  static func isText(_ bytes: [UInt8], path: RepoPath) -> Bool {
    let suffix = TrailingWhitespace.extensionLowercased(path).dropFirst()
    if binaryExtensions.contains(String(decoding: suffix, as: UTF8.self)) { return false }
    return !bytes.prefix(1024).contains { byte in
      (byte < 0x20 && ![7, 8, 9, 10, 11, 12, 13, 27].contains(byte)) || byte == 0x7f
    }
  }

  /// identify 2.6's extensions tagged binary.
  static let binaryExtensions: Set<String> = [
    "ai", "asar", "avif", "bmp", "bz2", "bz3", "dll", "ear", "eot", "eps", "exe", "fits", "ggb", "gif", "gz", "icns", "ico",
    "jar", "jpeg", "jpg", "mscz", "otf", "p12", "pdf", "png", "pyz", "pyzw", "so", "swf", "tar", "tgz", "tif", "tiff", "ttf",
    "war", "wav", "webp", "whl", "woff", "woff2", "zip",
  ]
}
