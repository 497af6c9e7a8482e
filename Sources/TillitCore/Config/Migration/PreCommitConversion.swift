import TillitSystem

/// Converts a `.pre-commit-config.yaml`: local and system hooks to checks that run their
/// command, pre-commit-hooks' hooks to Tillit's built-ins, and every hook that needs an
/// environment pre-commit would build (a remote repository, `additional_dependencies`, Docker)
/// to the list of hooks not converted, with the reason.
public enum PreCommitConversion {
  public static let files = [".pre-commit-config.yaml", ".pre-commit-config.yml"]
  static let hooksRepository = "https://github.com/pre-commit/pre-commit-hooks"

  /// Languages whose local hooks run their `entry` from PATH, as pre-commit does.
  static let plainLanguages: Set<String> = ["system", "script", "unsupported", "unsupported_script"]
  /// Languages pre-commit builds an environment for, but which run a tool from PATH when no
  /// `additional_dependencies` are given (for a local hook).
  static let environmentLanguages: Set<String> = [
    "python", "node", "ruby", "golang", "rust", "perl", "lua", "r", "swift", "dart",
    "dotnet", "coursier", "haskell", "julia", "conda",
  ]

  public static func convert(_ text: String, file: String = ".pre-commit-config.yaml") throws(ConfigError) -> Conversion {
    var conversion = Conversion(source: "pre-commit", file: file)
    guard let root = try ForeignYAML.read(text, file: file) else { return conversion }
    var names = UniqueNames()
    let defaultStages = root["default_stages"]?.words ?? []
    let topFiles = root["files"]?.scalar
    let topExclude = root["exclude"]?.scalar
    if root["fail_fast"]?.flag == true {
      conversion.review.append("fail_fast: Tillit runs every check and reports them all")
    }
    if let types = root["default_install_hook_types"]?.words, !types.isEmpty {
      conversion.review.append("default_install_hook_types [\(types.joined(separator: ", "))]: `tillit install` installs pre-commit, commit-msg and pre-push")
    }
    for repo in root["repos"]?.items ?? [] {
      let url = repo["repo"]?.scalar ?? ""
      for hook in repo["hooks"]?.items ?? [] {
        guard let id = hook["id"]?.scalar else { continue }
        var context = HookContext(
          id: id, url: url, rev: repo["rev"]?.scalar, hook: hook, defaultStages: defaultStages,
          topFiles: topFiles, topExclude: topExclude)
        context.convert(into: &conversion, names: &names)
      }
    }
    return conversion
  }

  private struct HookContext {
    let id: String
    let url: String
    let rev: String?
    let hook: YAMLNode
    let defaultStages: [String]
    let topFiles: String?
    let topExclude: String?

    var args: [String] { hook["args"]?.words ?? [] }
    var origin: String { url == "local" || url == "meta" ? "\(url) hook \(id)" : "\(id) from \(url)" + (rev.map { " \($0)" } ?? "") }

    mutating func convert(into conversion: inout Conversion, names: inout UniqueNames) {
      var draft: CheckDraft
      switch url {
      case "meta":
        conversion.skip(id, "a meta hook: it checks pre-commit's own configuration")
        return
      case "local":
        guard let made = local(&conversion) else { return }
        draft = made
      case hooksRepository, hooksRepository + ".git", "https://github.com/pre-commit/pre-commit-hooks/":
        guard let entry = BuiltinCatalog.entry(named: id) else {
          conversion.skip(
            id,
            "not built into Tillit; pre-commit ran it from pre-commit-hooks in a Python environment: pip install pre-commit-hooks and add a check that runs its command"
          )
          return
        }
        draft = builtin(entry, &conversion)
      default:
        conversion.skip(
          id,
          "from the remote repository \(url)\(rev.map { " at \($0)" } ?? ""): pre-commit installs it in an environment of its own language; install the tool and add a check that runs it"
        )
        return
      }
      guard filter(&draft, &conversion) else { return }
      draft.comments = ["pre-commit: " + origin]
      let stages = self.stages(&conversion)
      for (index, stage) in stages.enumerated() {
        var copy = draft
        copy.stage = stage
        copy.name = names.claim(CheckDraft.name(from: index == 0 ? id : "\(id)-\(stage.rawValue)"))
        conversion.checks.append(copy)
      }
    }

    /// A `repo: local` hook, or nil (skipped, with the reason) when it needs an environment.
    func local(_ conversion: inout Conversion) -> CheckDraft? {
      let language = hook["language"]?.scalar ?? "system"
      let entry = hook["entry"]?.scalar ?? ""
      let dependencies = hook["additional_dependencies"]?.words ?? []
      let passFiles = hook["pass_filenames"]?.flag ?? true
      switch language {
      case "fail":
        // pre-commit prints the entry and the files, and fails.
        var draft = CheckDraft(name: id, run: .shell("printf '%s\\n' \(ShellQuote.quote(entry)) \"$@\"; exit 1"), passFiles: true)
        draft.comments = []
        return draft
      case "pygrep":
        var options = "-nH"
        if args.contains("--ignore-case") || args.contains("-i") { options += "i" }
        let negate = args.contains("--negate")
        let script =
          negate
          ? "status=0; for f; do grep -qE\(options.contains("i") ? "i" : "") -- \(ShellQuote.quote(entry)) \"$f\" || { echo \"$f\"; status=1; }; done; exit $status"
          : "! grep \(options)E -- \(ShellQuote.quote(entry)) \"$@\""
        conversion.review.append("\(id): pygrep's Python regular expression is run as grep -E; check that it means the same")
        return CheckDraft(name: id, run: .shell(script), passFiles: true)
      case "docker", "docker_image":
        conversion.skip(id, "a local \(language) hook: it runs in a Docker container; add a check that runs the container, or the tool")
        return nil
      default:
        if !PreCommitConversion.plainLanguages.contains(language) {
          guard PreCommitConversion.environmentLanguages.contains(language), dependencies.isEmpty else {
            let needs = dependencies.isEmpty ? "" : " with additional_dependencies [\(dependencies.joined(separator: ", "))]"
            conversion.skip(
              id, "a local \(language) hook\(needs): pre-commit builds a \(language) environment for it; install what it needs and add a check that runs it")
            return nil
          }
          conversion.review.append("\(id): pre-commit ran it in a \(language) environment of its own; here it runs with what is on PATH")
        }
      }
      guard var words = ShellWords.split(entry), !words.isEmpty else {
        conversion.skip(id, "its entry '\(entry)' cannot be split into words")
        return nil
      }
      if language == "script" || language == "unsupported_script", !words[0].contains("/") { words[0] = "./" + words[0] }
      if hook["require_serial"]?.flag == true {
        conversion.review.append("\(id): require_serial: Tillit runs a check's batches one after another already")
      }
      return CheckDraft(name: id, run: .argv(words + args), passFiles: passFiles)
    }

    /// A pre-commit-hooks hook as the built-in that reproduces it, its arguments as options.
    func builtin(_ entry: BuiltinCatalog.Entry, _ conversion: inout Conversion) -> CheckDraft {
      var options: [(String, String)] = []
      var fix: Bool?
      var unused: [String] = []
      var rest = args[...]
      while let arg = rest.popFirst() {
        let (key, inline) = arg.split(separator: "=", maxSplits: 1).map(String.init).pair
        func value() -> String { inline ?? rest.popFirst() ?? "" }
        switch (entry.name, key) {
        case ("merge-conflict", "--assume-in-merge"): options.append(("assume-in-merge", "true"))
        case ("large-files", "--maxkb"): options.append(("max-kb", value()))
        case ("large-files", "--enforce-all"): options.append(("enforce-all", "true"))
        case ("yaml-syntax", "--allow-multiple-documents"), ("yaml-syntax", "-m"): options.append(("allow-multiple-documents", "true"))
        case ("trailing-whitespace", "--markdown-linebreak-ext"): options.append(("markdown-linebreak-ext", value()))
        case ("trailing-whitespace", "--chars"): options.append(("chars", value()))
        case ("mixed-line-ending", "--fix"):
          let choice = value()
          if choice == "no" { fix = false } else { options.append(("line-ending", choice)) }
        default: unused.append(arg)
        }
      }
      if !unused.isEmpty {
        conversion.review.append("\(id): arguments not carried over: \(unused.joined(separator: " "))")
      }
      var draft = CheckDraft(name: id, run: .builtin(entry.name, options: options))
      draft.fix = fix
      return draft
    }

    /// `files`, `exclude`, `types`, `types_or`, `exclude_types`, `always_run` as patterns;
    /// false (skipped, with the reason) when nothing can match.
    func filter(_ draft: inout CheckDraft, _ conversion: inout Conversion) -> Bool {
      let isBuiltin = draft.builtin != nil
      var files: [String] = []
      if let regex = hook["files"]?.scalar ?? topFiles, !regex.isEmpty {
        if let globs = RegexPatterns.globs(regex) {
          files = globs
          conversion.review.append("\(draft.name): files '\(regex)' became \(globs.joined(separator: ", "))")
        } else {
          conversion.review.append(
            "\(draft.name): files '\(regex)' is a regular expression with no pattern equivalent; it now runs on every file it is given: narrow files")
        }
        if hook["files"] != nil, topFiles != nil {
          conversion.review.append("\(draft.name): the top-level files '\(topFiles ?? "")' also applied in pre-commit")
        }
      }
      let typed = FileTypes.files(types: hook["types"]?.words ?? [], typesOr: hook["types_or"]?.words ?? [])
      if !typed.unknown.isEmpty {
        conversion.review.append("\(draft.name): types \(typed.unknown.joined(separator: ", ")) have no file-name pattern; it runs on every file")
      }
      if !typed.patterns.isEmpty {
        files = files.isEmpty ? typed.patterns : files.flatMap { file in typed.patterns.map { file.hasSuffix("**") ? file + "/" + $0 : file } }
        files = Array(Set(files)).sorted()
      }
      for regex in [hook["exclude"]?.scalar, topExclude].compactMap({ $0 }) where !regex.isEmpty {
        if let globs = RegexPatterns.globs(regex) {
          draft.exclude += globs
          conversion.review.append("\(draft.name): exclude '\(regex)' became \(globs.joined(separator: ", "))")
        } else {
          conversion.review.append(
            "\(draft.name): exclude '\(regex)' is a regular expression with no pattern equivalent; it was left out: add exclude patterns")
        }
      }
      let excludedTypes = hook["exclude_types"]?.words ?? []
      for tag in excludedTypes {
        if let patterns = FileTypes.patterns[tag] {
          draft.exclude += patterns
        } else {
          conversion.review.append("\(draft.name): exclude_types \(tag) has no file-name pattern; it was left out")
        }
      }
      if hook["always_run"]?.flag == true {
        conversion.review.append("\(draft.name): always_run: it runs on every change (a check without files), not on a commit that changes nothing")
        files = []
      }
      if isBuiltin && !files.isEmpty && hook["files"] != nil {
        conversion.review.append("\(draft.name): its files replace the built-in's own file types")
      }
      draft.files = files
      return true
    }

    /// The Tillit stages of `stages` (or `default_stages`); skipped ones are listed for review.
    func stages(_ conversion: inout Conversion) -> [CheckDefinition.Stage] {
      let named = hook["stages"]?.words ?? defaultStages
      guard !named.isEmpty else { return [.preCommit] }
      var result: [CheckDefinition.Stage] = []
      var others: [String] = []
      for name in named {
        let stage: CheckDefinition.Stage?
        switch name {
        case "pre-commit", "commit": stage = .preCommit
        case "pre-push", "push": stage = .prePush
        case "commit-msg": stage = .commitMessage
        default: stage = nil
        }
        if let stage { if !result.contains(stage) { result.append(stage) } } else { others.append(name) }
      }
      if !others.isEmpty {
        conversion.review.append(
          "\(id): stages \(others.joined(separator: ", ")) have no Tillit equivalent" + (result.isEmpty ? "; it was converted for pre-commit" : ""))
      }
      return result.isEmpty ? [.preCommit] : result
    }
  }
}

extension Array where Element == String {
  /// The first two elements, the second optional: `--maxkb=500` split at `=`.
  fileprivate var pair: (String, String?) { (first ?? "", count > 1 ? self[1] : nil) }
}
