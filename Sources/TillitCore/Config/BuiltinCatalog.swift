/// Every built-in check: its name, the pre-commit-hooks hook it reproduces, its options and the
/// files it looks at unless `files` says otherwise; what the parser checks a `builtin:` against.
/// The checks themselves are in `Checks/Builtins/` (`BuiltinChecks` makes one by its name).
enum BuiltinCatalog {
  enum OptionKind: Sendable {
    case flag
    case wholeNumber
    case text
    case choice([String])
  }

  struct Entry: Sendable {
    let name: String
    /// The pre-commit-hooks id, accepted as `builtin:` too.
    let hook: String
    /// A fixer: it rewrites files (unless `fix: false`, which only reports them).
    let fixes: Bool
    let options: [String: OptionKind]
    /// `files` when the configuration gives none: pre-commit's `types` for the hook, by name.
    let defaultFiles: [String]
    /// Reads every path of the content, not only the changed files (its cache key covers all).
    let readsEveryPath: Bool
  }

  static let entries: [Entry] = [
    Entry(
      name: "trailing-whitespace", hook: "trailing-whitespace", fixes: true,
      options: ["chars": .text, "markdown-linebreak-ext": .text], defaultFiles: [], readsEveryPath: false),
    Entry(name: "end-of-file", hook: "end-of-file-fixer", fixes: true, options: [:], defaultFiles: [], readsEveryPath: false),
    Entry(
      name: "mixed-line-ending", hook: "mixed-line-ending", fixes: true, options: ["line-ending": .choice(["auto", "lf", "crlf", "cr"])],
      defaultFiles: [], readsEveryPath: false),
    Entry(
      name: "merge-conflict", hook: "check-merge-conflict", fixes: false, options: ["assume-in-merge": .flag], defaultFiles: [],
      readsEveryPath: false),
    Entry(
      name: "large-files", hook: "check-added-large-files", fixes: false, options: ["max-kb": .wholeNumber, "enforce-all": .flag],
      defaultFiles: [], readsEveryPath: false),
    Entry(
      name: "yaml-syntax", hook: "check-yaml", fixes: false, options: ["allow-multiple-documents": .flag],
      defaultFiles: patterns(["yaml", "yml", "eyaml", "yamlld"], names: [".clang-format", ".clang-tidy", ".yamllint", ".ansible-lint", ".salt-lint"]),
      readsEveryPath: false),
    Entry(
      name: "json-syntax", hook: "check-json", fixes: false, options: [:],
      defaultFiles: patterns(
        ["json", "geojson", "ipynb", "jsonld", "ejson", "piskel", "xctestplan"],
        names: [".babelrc", ".bowerrc", ".csslintrc", ".jshintrc", ".mention-bot", "Pipfile.lock"]),
      readsEveryPath: false),
    Entry(
      name: "toml-syntax", hook: "check-toml", fixes: false, options: [:],
      defaultFiles: patterns(["toml"], names: ["Cargo.lock", "Pipfile", "poetry.lock", "uv.lock"]), readsEveryPath: false),
    Entry(name: "private-key", hook: "detect-private-key", fixes: false, options: [:], defaultFiles: [], readsEveryPath: false),
    Entry(name: "case-conflict", hook: "check-case-conflict", fixes: false, options: [:], defaultFiles: [], readsEveryPath: true),
    Entry(name: "executable-shebang", hook: "check-executables-have-shebangs", fixes: false, options: [:], defaultFiles: [], readsEveryPath: false),
    Entry(name: "broken-symlinks", hook: "check-symlinks", fixes: false, options: [:], defaultFiles: [], readsEveryPath: false),
  ]

  /// The built-in called `name`, by its own name or its pre-commit-hooks id.
  static func entry(named name: String) -> Entry? {
    entries.first { $0.name == name || $0.hook == name }
  }

  private static func patterns(_ extensions: [String], names: [String]) -> [String] {
    extensions.map { "**/*.\($0)" } + names.map { "**/\($0)" }
  }
}
