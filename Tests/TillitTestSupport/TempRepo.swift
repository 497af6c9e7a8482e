import Foundation

/// A real git repository in a fresh temporary directory, with a pinned author, dates and
/// `user.email`, removed when the test is done with it.
public final class TempRepo: @unchecked Sendable {
  public let root: String
  public let path: String
  private var commitCount = 0

  /// Environment that pins identities and dates and keeps the user's own git config out.
  public static let gitEnvironment: [String: String] = [
    "GIT_AUTHOR_NAME": "Ada Tester", "GIT_AUTHOR_EMAIL": "ada@example.com",
    "GIT_COMMITTER_NAME": "Ada Tester", "GIT_COMMITTER_EMAIL": "ada@example.com",
    "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent-tillit-test-home",
  ]

  public init(bare: Bool = false) throws {
    root = try TempRepo.makeTemporaryDirectory()
    path = root + "/repo"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"])
    if !bare {
      try git(["config", "user.email", "ada@example.com"])
      try git(["config", "user.name", "Ada Tester"])
      try git(["config", "commit.gpgsign", "false"])
    }
  }

  /// A clone of `source` made with `options` (`--filter=blob:none`: a partial clone, which has
  /// the trees of every commit but the content of HEAD's files only), fetched over `file://`
  /// as from a server that allows filters.
  public init(cloneOf source: TempRepo, options: [String]) throws {
    root = try TempRepo.makeTemporaryDirectory()
    path = root + "/repo"
    try source.git(["config", "uploadpack.allowFilter", "true"])
    try git(["clone", "-q"] + options + ["file://" + source.path, path], in: root)
    guard !options.contains("--bare") else { return }
    try git(["config", "user.email", "ada@example.com"])
    try git(["config", "user.name", "Ada Tester"])
    try git(["config", "commit.gpgsign", "false"])
  }

  deinit { try? FileManager.default.removeItem(atPath: root) }

  public static func makeTemporaryDirectory() throws -> String {
    var template = Array((NSTemporaryDirectory() + "tillit-test-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
    return URL(fileURLWithPath: String(cString: made)).resolvingSymlinksInPath().path
  }

  /// Runs git in the repository (or `directory`), failing the test on a non-zero exit.
  @discardableResult
  public func git(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:], input: String? = nil, allowFailure: Bool = false)
    throws -> CommandResult
  {
    var env = TempRepo.gitEnvironment
    commitCount += 1
    let date = "2026-01-01T00:\(String(format: "%02d", commitCount % 60)):00Z"
    env["GIT_AUTHOR_DATE"] = date
    env["GIT_COMMITTER_DATE"] = date
    env.merge(environment) { _, new in new }
    let result = try Command.run(["git"] + arguments, in: directory ?? path, environment: env, input: input)
    if result.status != 0 && !allowFailure {
      throw TestFailure("git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output)")
    }
    return result
  }

  /// Runs the built tillit binary in the repository (or `directory`).
  @discardableResult
  public func tillit(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:], input: String? = nil) throws -> CommandResult {
    var env = TempRepo.gitEnvironment
    env.merge(environment) { _, new in new }
    return try Command.run([TillitBinary.path] + arguments, in: directory ?? path, environment: env, input: input)
  }

  public func write(_ relativePath: String, _ text: String, executable: Bool = false) throws {
    try write(relativePath, bytes: Array(text.utf8), executable: executable)
  }

  public func write(_ relativePath: String, bytes: [UInt8], executable: Bool = false) throws {
    let url = URL(fileURLWithPath: path + "/" + relativePath)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
    if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
  }

  public func read(_ relativePath: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: path + "/" + relativePath)), as: UTF8.self)
  }

  public func exists(_ relativePath: String) -> Bool {
    FileManager.default.fileExists(atPath: path + "/" + relativePath)
  }

  /// Adds everything and commits, returning the new commit's id.
  @discardableResult
  public func commitAll(_ message: String, environment: [String: String] = [:]) throws -> String {
    try git(["add", "-A"])
    try git(["commit", "-q", "--no-verify", "-m", message], environment: environment)
    return try git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Every file of the work tree (`.git` left out) with its exact bytes and mode, plus git's own
  /// view of the index and the work tree: equal fingerprints mean nothing the user had was touched.
  public func workTreeFingerprint() throws -> [String] {
    var lines: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: path)
    while let relative = enumerator?.nextObject() as? String {
      if relative == ".git" || relative.hasPrefix(".git/") {
        if relative == ".git" { enumerator?.skipDescendants() }
        continue
      }
      let full = path + "/" + relative
      let attributes = try FileManager.default.attributesOfItem(atPath: full)
      let mode = (attributes[.posixPermissions] as? Int) ?? 0
      if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
        lines.append("\(relative) link \(try FileManager.default.destinationOfSymbolicLink(atPath: full))")
      } else if attributes[.type] as? FileAttributeType == .typeDirectory {
        lines.append("\(relative)/ \(String(mode, radix: 8))")
      } else {
        lines.append("\(relative) \(String(mode, radix: 8)) \(try Data(contentsOf: URL(fileURLWithPath: full)).base64EncodedString())")
      }
    }
    lines.sort()
    lines.append("status: " + (try git(["status", "--porcelain=v1", "-z", "--untracked-files=all"]).stdout))
    lines.append("staged: " + (try git(["diff", "--cached", "--binary"]).stdout))
    lines.append("unstaged: " + (try git(["diff", "--binary"]).stdout))
    return lines
  }
}

/// A test precondition that did not hold.
public struct TestFailure: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}
