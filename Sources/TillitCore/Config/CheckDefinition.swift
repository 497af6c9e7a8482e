import TillitGit
import TillitSystem

/// One check of `.tillit.yml`: what to run, on which files, when, and how.
public struct CheckDefinition: Hashable, Sendable {
  public enum Command: Hashable, Sendable {
    /// Run as is, no shell involved.
    case argv([String])
    /// Run under `sh -c`.
    case shell(String)
    /// One of Tillit's own checks (`Checks/Builtins/`), run in-process on the content's blobs.
    case builtin(BuiltinCall)

    /// The argv that is executed. A shell line gets `sh` as its `$0`, so that files passed
    /// with `pass-files` arrive as `"$@"`. A built-in executes nothing: its words are its name
    /// and options, which is what the approval and the cache key read.
    public var argv: [String] {
      switch self {
      case .argv(let argv): return argv
      case .shell(let script): return ["sh", "-c", script, "sh"]
      case .builtin(let call): return call.words
      }
    }

    /// `argv` or `sh`: how the command is run.
    public var kind: String {
      switch self {
      case .argv: return "argv"
      case .shell: return "sh"
      case .builtin: return "builtin"
      }
    }

    /// The command as a person would type it.
    public var display: String {
      switch self {
      case .argv(let argv): return argv.map(ShellQuote.quote).joined(separator: " ")
      case .shell(let script): return script
      case .builtin(let call): return "builtin: " + call.words.joined(separator: " ")
      }
    }
  }

  public enum Stage: String, Hashable, Sendable, CaseIterable {
    case preCommit = "pre-commit"
    /// After pre-commit, on the same staged content, with the commit message file's absolute
    /// path appended as an argument (`"$1"` in a shell line).
    case commitMessage = "commit-msg"
    case prePush = "pre-push"
  }

  public enum Isolation: String, Hashable, Sendable, CaseIterable {
    /// On a temporary copy of what is being committed; the working tree is never touched.
    case snapshot
    /// In the working tree as it is.
    case worktree
  }

  /// What a commit does when a fixer changed files.
  public enum OnFix: String, Hashable, Sendable, CaseIterable {
    /// The commit stops with the fixes staged and in the work tree: commit again (pre-commit's way).
    case stop
    /// The fixed content is committed (lefthook's `stage_fixed`).
    case `continue`
  }

  /// How much of a failed check's output the report shows; its log always holds all of it.
  public enum OutputShown: String, Hashable, Sendable, CaseIterable {
    /// A short output whole; a long one's first and last lines (see `LogExcerpt`).
    case tail
    /// All of it.
    case full
  }

  public var name: String
  public var command: Command
  public var files: [Glob]
  public var exclude: [Glob]
  public var stage: Stage
  /// Seconds; nil means no limit.
  public var timeout: Double?
  public var passFiles: Bool
  public var isolation: Isolation
  /// Folders of the work tree this check sees in its snapshot, besides the configuration's.
  public var share: [RepoPath] = []
  /// A fixer: it may rewrite the files it is given, and what it changes is applied (`FixApplier`).
  public var fix = false
  public var onFix: OnFix = .stop
  public var output: OutputShown = .tail
  /// The folder the check runs in, which its `files`, `exclude` and passed files are relative to:
  /// its `root:`, inside the folder of the `.tillit.yml` it comes from. Empty: the repository's root.
  public var root = RepoPath(bytes: [])

  public init(
    name: String, command: Command, files: [Glob] = [], exclude: [Glob] = [], stage: Stage = .preCommit,
    timeout: Double? = nil, passFiles: Bool = false, isolation: Isolation = .snapshot
  ) {
    self.name = name
    self.command = command
    self.files = files
    self.exclude = exclude
    self.stage = stage
    self.timeout = timeout
    self.passFiles = passFiles
    self.isolation = isolation
  }

  /// The built-in this check runs, or nil for a command.
  public var builtin: BuiltinCall? {
    guard case .builtin(let call) = command else { return nil }
    return call
  }

  /// Whether a change to `path` concerns this check: it is inside `root`, and there it matches
  /// `files` (every path when `files` is empty) and no `exclude` pattern.
  public func concerns(_ path: RepoPath) -> Bool {
    guard let path = relative(path) else { return false }
    return (files.isEmpty || files.contains { $0.matches(path) }) && !exclude.contains { $0.matches(path) }
  }

  /// `path` as seen from `root`, where the check runs; nil when it is not inside `root`.
  public func relative(_ path: RepoPath) -> RepoPath? {
    guard !root.bytes.isEmpty else { return path }
    let count = root.bytes.count
    guard path.bytes.count > count + 1, path.bytes[count] == UInt8(ascii: "/"), path.bytes.starts(with: root.bytes) else { return nil }
    return RepoPath(bytes: Array(path.bytes[(count + 1)...]))
  }

  /// Everything that decides what runs, where, when, on which files and with which arguments:
  /// what an approval covers (a new key that changes any of these belongs here). Only what
  /// narrows the trigger (`files`, `exclude`), `timeout` and `output` (how much of a failure
  /// is shown) are left out.
  public var approvedSettings: [(key: String, value: String)] {
    [("stage", stage.rawValue), ("isolation", isolation.rawValue), ("pass-files", String(passFiles))]
      + (root.bytes.isEmpty ? [] : [("root", root.description)])
      + (share.isEmpty ? [] : [("share", share.map(\.description).joined(separator: ","))])
      + (fix ? [("fix", "true"), ("on-fix", onFix.rawValue)] : [])
  }

  /// Everything that decides what the check does, as one canonical text: the key of its
  /// cached results.
  public var fingerprint: String {
    var parts = ["name=\(name)", "run=\(command.argv.joined(separator: "\u{0}"))"]
    parts += approvedSettings.filter { $0.key != "stage" }.map { "\($0.key)=\($0.value)" }
    parts.append("files=" + files.map(\.pattern).joined(separator: "\u{0}"))
    parts.append("exclude=" + exclude.map(\.pattern).joined(separator: "\u{0}"))
    return parts.joined(separator: "\n")
  }
}
