/// `tillit help config`: every key of `.tillit.yml`, in the parser's own lists (`ConfigParser`),
/// so a key the parser accepts is listed here; a test holds the two to each other.
public enum ConfigReference {
  /// What each key means and its default, by section and key.
  /// The defaults are read from the settings themselves.
  static let meanings: [String: [String: String]] = {
    let settings = KnowledgeSettings()
    return [
      "top level": [
        "checks": "the list of checks (below)",
        "jobs": "how many checks run at once. Default: one per CPU core",
        "share":
          "folders of the work tree (ignored dependencies) the checks see in their snapshot, as links, for reading only. Default: node_modules beside a root package.json; .venv, venv beside a root pyproject.toml, setup.py or requirements.txt",
        "on-fix":
          "stop: a commit whose fixers changed files stops with the fixes staged, to look at and commit again; continue: the fixed content is committed. Default: stop",
        "people": "aliases, bots and left (below)",
        "ignore": "path patterns never counted by reviewers, owners and audit, on top of linguist-vendored and linguist-generated",
        "reviewers": "count, mode, inactive-after, escalate-after, record, trailers, max-files (below)",
        "ship":
          "what a change needs to be ready to ship (tillit ready), and what the pre-push hook does with a push that is not: branches, require, enforce (below)",
      ],
      "check": [
        "name": "a short name, unique, without , or /. Required",
        "run": "the command: a list runs as it is (argv, no shell); a string runs under sh -c, with the files as \"$@\". Required, unless builtin is given",
        "root":
          "a folder (web/) the check runs in: its files and exclude patterns and the files it is given are relative to it, and it runs only for changes inside it. In a .tillit.yml of a folder, relative to that folder. Default: the folder of its .tillit.yml",
        "files": "path patterns; the check runs when a changed path matches one. Default: every path",
        "exclude": "path patterns that never count. Default: none",
        "stage": "pre-commit; commit-msg (the message file's absolute path appended as an argument); or pre-push. Default: pre-commit",
        "timeout": "90, 30s, 5m, 1h30m; the check's whole process group is stopped when it is up. Default: none",
        "pass-files": "true: append the changed matching files to the command (several runs when they exceed the argument limit). Default: false",
        "isolation":
          "snapshot: run in a snapshot of what is committed; worktree: run in the work tree, one at a time, only when it holds what is checked. Default: snapshot",
        "share": "as the top-level share, for this check",
        "builtin":
          "instead of run: one of the checks Tillit runs itself on the staged blobs, without a snapshot or a process (trailing-whitespace, end-of-file, mixed-line-ending, merge-conflict, large-files, yaml-syntax, json-syntax, toml-syntax, private-key, case-conflict, executable-shebang, broken-symlinks; pre-commit-hooks' ids work too); its options are keys of the check",
        "fix": "true: a fixer, which may rewrite the files it is given; fixers run first, one at a time, and their fixes are staged. Default: false",
        "on-fix": "as the top-level on-fix, for this check",
        "output": "how much of a failure's output is shown: tail (first and last lines) or full. Default: tail",
      ],
      "people": [
        "aliases": "a person's email mapped to the other emails they use, on top of .mailmap",
        "bots": "email patterns never counted or suggested. Default: \(KnowledgeSettings.defaultBots.joined(separator: ", "))",
        "left": "emails of people who left: never suggested",
      ],
      "reviewers": [
        "count": "how many reviewers to suggest. Default: \(settings.count)",
        "mode": "expert, spread or auto. Default: \(settings.mode.rawValue)",
        "inactive-after": "after how long without a commit a person counts as inactive: 90d, 12w. Default: \(Int(settings.inactiveAfter / 86_400))d",
        "request-on":
          "when a suggestion is recorded as a review request: push (one per change pushed), commit or never. Default: \(settings.requestOn.rawValue)",
        "abandon-after": "how long a change on no branch stays in the inbox, marked abandoned: 14d, 2w. Default: \(Int(settings.abandonAfter / 86_400))d",
        "escalate-after":
          "working days (Monday to Friday) a request waits for feedback before the change's suggestion passes it to the next best person; the request stays open. Default: \(settings.escalateAfter)",
        "record": "false: as request-on: never (kept for older files)",
        "trailers": "commit trailers that name a reviewer. Default: [\(settings.trailers.joined(separator: ", "))]",
        "max-files": "commits touching more files give no authorship. Default: \(settings.maxFilesPerCommit)",
      ],
      "ship": [
        "branches": "branch names (main) a push to which the pre-push hook holds to the policy. Default: none (tillit ready still answers)",
        "require": "approvals, checks, owners, verified (below)",
        "enforce": "warn: the push goes on, with what is missing; block: the push is refused, saying what is missing. Default: warn",
      ],
      "ship require": [
        "approvals":
          "how many approvals of the change's version by people who know its changed files (changed or reviewed at least one of them, or its folder for a new file); the author's own does not count. Default: 1",
        "checks":
          "passed: every check of .tillit.yml that applies to the change (pre-commit and pre-push checks whose files it touches) passed on exactly its tree, in any clone or CI whose ledger was synced; none: not required. Default: passed",
        "owners": "true: for each changed path that a claim (tillit own, CODEOWNERS import) owns, one of its owners approved. Default: true",
        "verified": "true: only approvals whose signature verifies for their author count. Default: false",
      ],
    ]
  }()

  /// The sections in order, with the parser's keys of each.
  public static let sections: [(name: String, keys: [String])] = [
    ("top level", ConfigParser.topLevelKeys),
    ("check", ConfigParser.checkKeys),
    ("people", ConfigParser.peopleKeys),
    ("reviewers", ConfigParser.reviewerKeys),
    ("ship", ConfigParser.shipKeys),
    ("ship require", ConfigParser.shipRequireKeys),
  ]

  /// Keys the parser accepts with no meaning written here, as `section: key`.
  public static var undocumented: [String] {
    sections.flatMap { section in section.keys.filter { meanings[section.name]?[$0] == nil }.map { "\(section.name): \($0)" } }
  }

  /// Meanings written here for keys the parser does not accept, as `section: key`.
  public static var unknown: [String] {
    sections.flatMap { section in
      (meanings[section.name] ?? [:]).keys.filter { !section.keys.contains($0) }.sorted().map { "\(section.name): \($0)" }
    }
  }

  /// The whole reference, as `tillit help config` prints it.
  public static var text: String {
    var lines = [
      "\(ProjectConfig.fileName), at the root of the repository, read as YAML (no anchors or flow mappings).",
      "A \(ProjectConfig.fileName) in a folder (web/.tillit.yml) adds checks for that folder: they run in it,",
      "their patterns, share and passed files are relative to it, and their names start with it (web/lint;",
      "--only lint names every file's lint). It holds only \(ConfigParser.nestedKeys.joined(separator: ", ")); it counts once it is",
      "staged, and is approved on its own (tillit trust).",
      "",
      "  jobs: 4",
      "  checks:",
      "    - name: lint",
      "      run: [npm, run, lint, --]",
      "      files: [\"*.ts\", \"*.tsx\"]",
      "      pass-files: true",
      "",
    ]
    for section in sections {
      lines.append(heading(section.name))
      for key in section.keys {
        lines.append("  \(key)")
        lines.append(contentsOf: wrap(meanings[section.name]?[key] ?? "(see README.md of Tillit)", width: 94).map { "      " + $0 })
      }
      lines.append("")
    }
    lines += [
      "Patterns: * and ? stay within a folder, ** spans folders, [a-z] and [!a-z] match one character;",
      "a pattern without / matches a name at any depth (*.md is **/*.md), one starting with / only at the root.",
      "Quote patterns that start with *: an unquoted *.md is a YAML error.",
      "",
      "Every check gets TILLIT_REPO (the work tree's root), TILLIT_CHECK (its name) and, in a snapshot,",
      "TILLIT_SNAPSHOT (the snapshot's root, its working folder) in its environment.",
      "After editing, `tillit trust` shows the commands and approves them; nothing runs before that.",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// A section's heading: the ship policy is one mapping (with `require` inside), not a list.
  static func heading(_ name: String) -> String {
    switch name {
    case "top level": return "Top-level keys:"
    case "check": return "Keys of each check:"
    case "ship": return "Keys of `ship`:"
    case "ship require": return "Keys of `ship: require`:"
    default: return "Keys of each `\(name)` entry:"
    }
  }

  /// `text` in lines of at most `width` characters, broken at spaces.
  public static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
