import TillitSystem

/// Converts a `lefthook.yml`: each command, script and job of the pre-commit, commit-msg and
/// pre-push hooks to a check — `run` as a shell line with `{staged_files}` / `{push_files}` /
/// `{files}` as the files Tillit passes (`"$@"`), `glob` and `exclude` as patterns, `root` as
/// `root` (the check runs there, its patterns and files relative to it), `stage_fixed` as a fixer
/// whose fixes are committed —
/// and lists what it could not convert (other git hooks, `skip: true`, interactive jobs, ...).
public enum LefthookConversion {
  public static let files = ["lefthook.yml", ".lefthook.yml", "lefthook.yaml", ".lefthook.yaml", ".config/lefthook.yml"]

  static let stages: [String: CheckDefinition.Stage] = ["pre-commit": .preCommit, "commit-msg": .commitMessage, "pre-push": .prePush]

  public static func convert(_ text: String, file: String = "lefthook.yml") throws(ConfigError) -> Conversion {
    var conversion = Conversion(source: "lefthook", file: file)
    guard let root = try ForeignYAML.read(text, file: file) else { return conversion }
    var names = UniqueNames()
    let sourceDir = root["source_dir"]?.scalar ?? ".lefthook/"
    let doublestar = root["glob_matcher"]?.scalar == "doublestar"
    for key in ["extends", "remotes"] where root[key] != nil {
      conversion.review.append("\(key): the configurations it brings in were not read; convert them separately")
    }
    for entry in root.entries {
      let hook = entry.value
      guard hook["commands"] != nil || hook["scripts"] != nil || hook["jobs"] != nil else { continue }
      guard let stage = stages[entry.key] else {
        let why =
          GitHooks.names.contains(entry.key)
          ? "Tillit runs checks on pre-commit, commit-msg and pre-push only"
          : "not a git hook (lefthook runs it with `lefthook run \(entry.key)`)"
        conversion.skip(entry.key, "the whole \(entry.key) hook: " + why)
        continue
      }
      if hook["skip"]?.flag == true { conversion.skip(entry.key, "skip: true: lefthook never runs it"); continue }
      if hook["piped"]?.flag == true {
        conversion.review.append("\(entry.key): piped: lefthook ran its jobs in order and stopped at the first failure; Tillit runs every check")
      }
      for step in hook["setup"]?.items ?? [] {
        if let run = step["run"]?.scalar { conversion.review.append("\(entry.key): setup '\(run)' is not run: install what it installs yourself") }
      }
      var converter = HookConverter(hook: entry.key, stage: stage, sourceDir: sourceDir, doublestar: doublestar)
      var jobs: [(String?, YAMLNode)] = hook["commands"]?.entries.map { ($0.key, $0.value) } ?? []
      jobs += hook["scripts"]?.entries.map { ($0.key, Self.script($0.value, file: $0.key)) } ?? []
      jobs += hook["jobs"]?.items.map { ($0["name"]?.scalar, $0) } ?? []
      for (name, job) in jobs {
        converter.convert(job, name: name, inherited: Inherited(), into: &conversion, names: &names)
      }
    }
    return conversion
  }

  /// A `scripts:` entry as a job with `script:`.
  private static func script(_ node: YAMLNode, file: String) -> YAMLNode {
    .mapping(node.entries + [YAMLEntry(key: "script", line: node.line, value: .scalar(file, line: node.line))], line: node.line)
  }

  /// What a group's jobs take from the job that holds the group.
  struct Inherited {
    var glob: [String] = []
    var exclude: [String] = []
    var root: String?
    var prefix: String?
  }

  private struct HookConverter {
    let hook: String
    let stage: CheckDefinition.Stage
    let sourceDir: String
    let doublestar: Bool

    func convert(_ job: YAMLNode, name: String?, inherited: Inherited, into conversion: inout Conversion, names: inout UniqueNames) {
      let label = "\(hook): " + (name ?? job["run"]?.scalar ?? job["script"]?.scalar ?? "job")
      var context = inherited
      if let glob = job["glob"]?.words, !glob.isEmpty { context.glob = glob }
      if let exclude = job["exclude"] { context.exclude = exclude.words }
      if let root = job["root"]?.scalar { context.root = root }
      if job["skip"]?.flag == true { conversion.skip(label, "skip: true: lefthook never runs it"); return }
      if let group = job["group"] {
        context.prefix = name.map(CheckDraft.name(from:)) ?? inherited.prefix
        if group["piped"]?.flag == true { conversion.review.append("\(label): a piped group: Tillit runs its checks independently") }
        for item in group["jobs"]?.items ?? [] {
          convert(item, name: item["name"]?.scalar, inherited: context, into: &conversion, names: &names)
        }
        return
      }
      for key in ["interactive", "use_stdin"] where job[key]?.flag == true {
        conversion.skip(label, "\(key): true: it needs a terminal or git's input, and Tillit's checks have neither")
        return
      }
      var command: String
      var passFiles = false
      if let run = job["run"]?.scalar {
        guard let converted = runLine(run, job: job, label: label, &conversion) else { return }
        (command, passFiles) = converted
      } else if let script = job["script"]?.scalar {
        let path = (sourceDir.hasSuffix("/") ? sourceDir : sourceDir + "/") + hook + "/" + script
        command = (job["runner"]?.scalar.map { $0 + " " } ?? "") + ShellQuote.quote(path) + " \"$@\""
        if stage != .commitMessage { command = (job["runner"]?.scalar.map { $0 + " " } ?? "") + ShellQuote.quote(path) }
      } else {
        conversion.skip(label, "it has neither run nor script")
        return
      }
      if let env = job["env"], !env.entries.isEmpty {
        command = env.entries.map { "export \($0.key)=\(ShellQuote.quote($0.value.scalar ?? ""))" }.joined(separator: "; ") + "; " + command
      }
      let files = context.glob.flatMap { LefthookGlob.patterns($0, doublestar: doublestar) }
      var exclude: [String] = []
      if let regex = job["exclude"]?.scalar, context.exclude.count == 1 {
        if let globs = RegexPatterns.globs(regex) {
          exclude = globs
        } else {
          conversion.review.append("\(label): exclude '\(regex)' is a regular expression with no pattern equivalent; it was left out")
        }
      } else {
        exclude = context.exclude.flatMap { LefthookGlob.patterns($0, doublestar: doublestar) }
      }
      let base = name.map(CheckDraft.name(from:)) ?? CheckDraft.name(from: job["run"]?.scalar ?? job["script"]?.scalar ?? "job")
      let wanted = name == nil ? [context.prefix, base].compactMap { $0 }.joined(separator: "-") : base
      var draft = CheckDraft(name: names.claim(wanted), run: .shell(command), files: files, exclude: exclude, stage: stage, passFiles: passFiles)
      if let root = context.root?.trimmingSlashes, !root.isEmpty, root != "." { draft.root = root }
      let firstLine = label.split(separator: "\n").first.map(String.init) ?? label
      draft.comments = ["lefthook: " + (firstLine.count > 80 ? String(firstLine.prefix(77)) + "..." : firstLine)]
      if job["stage_fixed"]?.flag == true {
        draft.fix = true
        draft.onFix = .continue
      }
      if let text = job["fail_text"]?.scalar { draft.comments.append("on failure lefthook said: \(text)") }
      for key in ["skip", "only"] where job[key] != nil && job[key]?.flag == nil {
        conversion.review.append("\(draft.name): its \(key) conditions (merge, rebase, refs, commands) were not converted: it always runs")
      }
      conversion.checks.append(draft)
    }

    /// Whether `{word}` is still in the line: a template lefthook fills and Tillit does not.
    static func hasTemplate(_ line: String) -> Bool {
      var inside: String?
      for character in line {
        if character == "{" { inside = ""; continue }
        guard let word = inside else { continue }
        if character == "}" {
          if !word.isEmpty { return true }; inside = nil
        } else if character.isASCII && (character.isLetter || character.isNumber || character == "_") {
          inside = word + String(character)
        } else {
          inside = nil
        }
      }
      return false
    }

    /// The run line with lefthook's templates as Tillit gives files and arguments; nil when skipped.
    func runLine(_ run: String, job: YAMLNode, label: String, _ conversion: inout Conversion) -> (String, Bool)? {
      var line = run
      var passFiles = false
      let fileTemplates = ["{staged_files}", "{push_files}"] + (job["files"] == nil ? ["{files}"] : [])
      for template in fileTemplates where line.contains(template) {
        line = line.replacingAll(template, with: "\"$@\"")
        passFiles = true
      }
      if line.contains("{files}"), let command = job["files"]?.scalar {
        conversion.skip(label, "its files come from the command '\(command)', run in the work tree; Tillit's checks are given the changed files")
        return nil
      }
      if line.contains("{all_files}") {
        line = line.replacingAll("{all_files}", with: "$(git ls-files)")
        conversion.review.append("\(label): {all_files} became $(git ls-files), without lefthook's glob filter")
      }
      if stage == .commitMessage {
        line = line.replacingAll("{1}", with: "\"$1\"").replacingAll("{0}", with: "\"$1\"")
      }
      line = line.replacingAll("{lefthook_job_name}", with: ShellQuote.quote(job["name"]?.scalar ?? ""))
      if Self.hasTemplate(line) {
        conversion.review.append("\(label): a lefthook template is left in its run line: \(line)")
      }
      if line.contains("git add") {
        conversion.review.append(
          "\(label): it stages files with git add, which in Tillit's snapshot does not reach the commit: make it a fixer (fix: true) instead")
      }
      return (line, passFiles)
    }
  }
}

/// lefthook's globs as Tillit's: braces expanded; with lefthook's default matcher a `*` also
/// crosses folders, so `src/*.js` is `src/**/*.js` (a pattern without `/` matches at any depth in both).
enum LefthookGlob {
  static func patterns(_ glob: String, doublestar: Bool) -> [String] {
    expandBraces(glob).map { pattern in
      guard !doublestar, pattern.contains("/") else { return pattern }
      var result = ""
      var previous: Character = "/"
      var characters = pattern[...]
      while let character = characters.popFirst() {
        if character == "*" && previous == "/" && characters.first != "*" {
          result += "**/*"
        } else if character == "*" && characters.first == "*" {
          result += "**"
          characters = characters.dropFirst()
        } else {
          result.append(character)
        }
        previous = character
      }
      return result
    }
  }

  static func expandBraces(_ glob: String) -> [String] {
    guard let open = glob.firstIndex(of: "{"), let close = glob[open...].firstIndex(of: "}") else { return [glob] }
    let before = glob[..<open]
    let after = String(glob[glob.index(after: close)...])
    return glob[glob.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false).flatMap { choice in
      expandBraces(String(before) + choice + after)
    }
  }
}

/// The hooks git runs, by name.
enum GitHooks {
  static let names: Set<String> = [
    "applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit", "pre-merge-commit", "prepare-commit-msg", "commit-msg",
    "post-commit", "pre-rebase", "post-checkout", "post-merge", "pre-push", "pre-receive", "update", "proc-receive", "post-receive",
    "post-update", "reference-transaction", "push-to-checkout", "pre-auto-gc", "post-rewrite", "sendemail-validate",
    "fsmonitor-watchman", "p4-changelist", "p4-prepare-changelist", "p4-post-changelist", "p4-pre-submit", "post-index-change",
  ]
}

extension String {
  var trimmingSlashes: String {
    var text = Substring(self)
    while text.hasSuffix("/") { text = text.dropLast() }
    while text.hasPrefix("./") { text = text.dropFirst(2) }
    return String(text)
  }
}
