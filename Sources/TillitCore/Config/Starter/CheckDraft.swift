/// A check that `tillit init` is about to write into a new `.tillit.yml`, guessed from the
/// project's files or converted from another hook manager's configuration. Only the keys that
/// differ from their defaults are written (`ConfigDraft`).
public struct CheckDraft: Equatable, Sendable {
  public enum Run: Equatable, Sendable {
    /// Written as a list: run as it is, no shell.
    case argv([String])
    /// Written as a text: run under `sh -c`, the files as `"$@"`.
    case shell(String)
    /// `builtin: NAME` and its options as keys of the check.
    case builtin(String, options: [(String, String)])

    public static func == (lhs: Run, rhs: Run) -> Bool {
      switch (lhs, rhs) {
      case (.argv(let a), .argv(let b)): return a == b
      case (.shell(let a), .shell(let b)): return a == b
      case (.builtin(let a, let x), .builtin(let b, let y)): return a == b && x.map { "\($0)=\($1)" } == y.map { "\($0)=\($1)" }
      default: return false
      }
    }
  }

  public var name: String
  public var run: Run
  /// The folder it runs in, which its patterns and files are relative to; nil: the root.
  public var root: String?
  public var files: [String] = []
  public var exclude: [String] = []
  public var stage: CheckDefinition.Stage = .preCommit
  public var passFiles = false
  public var timeout: String?
  public var isolation: CheckDefinition.Isolation = .snapshot
  /// nil: the built-in's own default (a built-in fixer fixes); otherwise written out.
  public var fix: Bool?
  public var onFix: CheckDefinition.OnFix?
  /// Written above the check, one `# ` line each: where it came from, what to look at.
  public var comments: [String] = []

  public init(
    name: String, run: Run, files: [String] = [], exclude: [String] = [], stage: CheckDefinition.Stage = .preCommit,
    passFiles: Bool = false, timeout: String? = nil, comments: [String] = []
  ) {
    self.name = name
    self.run = run
    self.files = files
    self.exclude = exclude
    self.stage = stage
    self.passFiles = passFiles
    self.timeout = timeout
    self.comments = comments
  }

  /// The built-in's name, or nil for a command.
  public var builtin: String? {
    if case .builtin(let name, _) = run { return name }
    return nil
  }

  /// A check name from any text: letters, digits, `-`, `_` and `.`, the rest as `-`.
  public static func name(from text: String) -> String {
    var name = ""
    for character in text.lowercased() {
      let keep = character.isASCII && (character.isLetter || character.isNumber || "_.".contains(character))
      if keep { name.append(character) } else if !name.isEmpty && name.last != "-" { name.append("-") }
    }
    while name.last == "-" { name.removeLast() }
    return name.isEmpty ? "check" : String(name.prefix(60))
  }
}

/// Names made unique by a suffix: `lint`, `lint-2`, ...
struct UniqueNames {
  private var used: Set<String> = []

  mutating func claim(_ wanted: String) -> String {
    var name = wanted
    var number = 2
    while used.contains(name) {
      name = "\(wanted)-\(number)"
      number += 1
    }
    used.insert(name)
    return name
  }
}
