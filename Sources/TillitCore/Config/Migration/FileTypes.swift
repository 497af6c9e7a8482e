/// pre-commit's `types`, `types_or` and `exclude_types` are tags that the `identify` library
/// gives a file from its name and content. These are the common tags, as the name patterns that
/// identify gives them; a tag not here (or one about content, like `executable`) is reported
/// for review instead of guessed.
enum FileTypes {
  /// Tags every file has, for which no pattern is needed.
  static let everyFile: Set<String> = ["file", "text"]

  static let patterns: [String: [String]] = [
    "python": ["*.py", "*.pyi", "*.pyw"],
    "pyi": ["*.pyi"],
    "cython": ["*.pyx", "*.pxd"],
    "yaml": ["*.yaml", "*.yml"],
    "json": ["*.json"],
    "toml": ["*.toml"],
    "xml": ["*.xml"],
    "markdown": ["*.md", "*.markdown"],
    "rst": ["*.rst"],
    "html": ["*.html", "*.htm"],
    "css": ["*.css"],
    "scss": ["*.scss"],
    "javascript": ["*.js", "*.mjs", "*.cjs"],
    "jsx": ["*.jsx"],
    "ts": ["*.ts", "*.mts", "*.cts"],
    "tsx": ["*.tsx"],
    "vue": ["*.vue"],
    "go": ["*.go"],
    "rust": ["*.rs"],
    "swift": ["*.swift"],
    "c": ["*.c", "*.h"],
    "c++": ["*.cpp", "*.cc", "*.cxx", "*.hpp", "*.hh", "*.hxx"],
    "header": ["*.h", "*.hpp", "*.hh"],
    "java": ["*.java"],
    "kotlin": ["*.kt", "*.kts"],
    "ruby": ["*.rb"],
    "php": ["*.php"],
    "shell": ["*.sh", "*.bash", "*.zsh"],
    "bash": ["*.bash", "*.sh"],
    "sh": ["*.sh"],
    "zsh": ["*.zsh"],
    "lua": ["*.lua"],
    "sql": ["*.sql"],
    "proto": ["*.proto"],
    "terraform": ["*.tf"],
    "dockerfile": ["Dockerfile", "*.dockerfile"],
    "makefile": ["Makefile", "makefile", "GNUmakefile", "*.mk"],
    "ini": ["*.ini", "*.cfg"],
    "csv": ["*.csv"],
    "svg": ["*.svg"],
    "png": ["*.png"],
    "jpeg": ["*.jpg", "*.jpeg"],
    "gif": ["*.gif"],
    "image": ["*.png", "*.jpg", "*.jpeg", "*.gif", "*.svg", "*.webp", "*.ico"],
    "jupyter": ["*.ipynb"],
    "plain-text": ["*.txt"],
    "requirements": ["requirements*.txt", "requirements*.in"],
    "pofile": ["*.po"],
    "graphql": ["*.graphql", "*.gql"],
    "dart": ["*.dart"],
    "elixir": ["*.ex", "*.exs"],
    "scala": ["*.scala"],
    "perl": ["*.pl", "*.pm"],
    "r": ["*.r", "*.R"],
    "csharp": ["*.cs"],
    "powershell": ["*.ps1"],
  ]

  /// The patterns for tags that must all hold (`types`) and tags of which one must (`types_or`):
  /// nil with the tag that has no pattern.
  static func files(types: [String], typesOr: [String]) -> (patterns: [String], unknown: [String]) {
    var unknown: [String] = []
    func lookup(_ tag: String) -> [String]? {
      if let found = patterns[tag] { return found }
      unknown.append(tag)
      return nil
    }
    // `types` are all required: the narrowest tag with patterns decides (python and pyi: pyi).
    let required = types.filter { !everyFile.contains($0) }.compactMap(lookup)
    var result = required.min { $0.count < $1.count } ?? []
    if required.count > 1, let narrowest = required.min(by: { $0.count < $1.count }) {
      result = narrowest.filter { pattern in required.allSatisfy { $0.contains(pattern) } }
      if result.isEmpty { result = narrowest }
    }
    let anyOf = typesOr.contains { everyFile.contains($0) } ? [] : typesOr.compactMap(lookup).flatMap { $0 }
    if result.isEmpty { result = anyOf } else if !anyOf.isEmpty { result = result.filter(anyOf.contains) }
    var seen: Set<String> = []
    return (result.filter { seen.insert($0).inserted }, unknown)
  }
}
