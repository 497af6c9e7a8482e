import TillitGit

/// Reads `.tillit.yml` text into a `ProjectConfig`, checking every key and value so that a
/// mistake is reported with its line and what was expected.
public struct ConfigParser {
  let file: String
  /// The folder of a nested `.tillit.yml` (its checks' `root` and `share` are inside it, their
  /// names start with it); empty for the top one.
  let folder: RepoPath

  public init(file: String = ProjectConfig.fileName) {
    self.file = file
    folder = RepoPath(bytes: [])
  }

  /// The parser of the `.tillit.yml` in `folder`, which holds only `nestedKeys`.
  public init(folder: RepoPath) {
    self.folder = folder
    file = ProjectConfig.path(in: folder).description
  }

  static let topLevelKeys = ["checks", "jobs", "share", "on-fix", "people", "ignore", "reviewers", "ship"]
  /// What a `.tillit.yml` in a folder may hold: its checks and what they share. The rest is about
  /// the whole repository (how many checks run at once, people, reviewers, shipping).
  static let nestedKeys = ["checks", "share", "on-fix"]
  static let shipKeys = ["branches", "require", "enforce"]
  static let shipRequireKeys = ["approvals", "checks", "owners", "verified"]
  static let peopleKeys = ["aliases", "bots", "left"]
  static let reviewerKeys = ["count", "mode", "inactive-after", "request-on", "abandon-after", "escalate-after", "record", "trailers", "max-files"]
  static let checkKeys = [
    "name", "run", "builtin", "root", "files", "exclude", "stage", "timeout", "pass-files", "isolation", "share", "fix", "on-fix", "output",
  ]

  public func parse(_ text: String) throws(ConfigError) -> ProjectConfig {
    let root: YAMLNode?
    do {
      var reader = YAMLReader()
      root = try reader.read(text)
    } catch {
      throw ConfigError(file: file, line: error.line, key: nil, problem: error.problem)
    }
    guard let root else { return ProjectConfig(checks: []) }
    guard case .mapping(let mapping, _) = root else {
      throw fail(root, nil, "must be a mapping with a 'checks' list")
    }
    var config = ProjectConfig(checks: [])
    var onFix: CheckDefinition.OnFix?
    var checkOnFix: [String: CheckDefinition.OnFix] = [:]
    for entry in mapping {
      let (key, value) = (entry.key, entry.value)
      if !folder.bytes.isEmpty && !Self.nestedKeys.contains(key) {
        throw ConfigError(
          file: file, line: entry.line, key: key,
          problem: Self.topLevelKeys.contains(key)
            ? "is a setting of the whole repository, which only the \(ProjectConfig.fileName) at the root of the repository holds; move it there"
            : "is not a known key of a \(ProjectConfig.fileName) in a folder; expected one of: \(Self.nestedKeys.joined(separator: ", "))")
      }
      switch key {
      case "checks":
        guard case .sequence(let items, _) = value else { throw fail(value, key, "must be a list of checks") }
        for item in items {
          let (check, explicit) = try parseCheck(item)
          config.checks.append(check)
          if let explicit { checkOnFix[check.name] = explicit }
        }
      case "jobs":
        guard let jobs = value.scalar.flatMap({ Int($0) }), jobs > 0 else {
          throw fail(value, key, "must be a whole number of checks to run at once, like 4")
        }
        config.jobs = jobs
      case "share":
        config.share = try parseFolders(value, key)
      case "on-fix":
        onFix = try parseOnFix(value)
      case "people":
        try parsePeople(value, into: &config.knowledge)
      case "ignore":
        config.knowledge.ignore = try parseGlobs(value, key)
      case "reviewers":
        try parseReviewers(value, into: &config.knowledge)
      case "ship":
        config.ship = try parseShip(value)
      default:
        throw ConfigError(file: file, line: entry.line, key: key, problem: "is not a known key; expected one of: \(Self.topLevelKeys.joined(separator: ", "))")
      }
    }
    var seen: Set<String> = []
    for check in config.checks where !seen.insert(check.name).inserted {
      throw ConfigError(file: file, line: nil, key: "name", problem: "'\(check.name)' is used by two checks; names must be unique")
    }
    // What the configuration shares, each check sees: part of what each check's approval covers.
    config.share = config.share.map(inFolder)
    for position in config.checks.indices {
      config.checks[position].share = config.share + config.checks[position].share.map(inFolder)
      config.checks[position].onFix = checkOnFix[config.checks[position].name] ?? onFix ?? .stop
      config.checks[position].root = inFolder(config.checks[position].root)
      if !folder.bytes.isEmpty { config.checks[position].name = folder.description + "/" + config.checks[position].name }
    }
    return config
  }

  /// A path of this file's folder as a path of the repository.
  private func inFolder(_ path: RepoPath) -> RepoPath {
    guard !folder.bytes.isEmpty else { return path }
    return RepoPath(bytes: folder.bytes + (path.bytes.isEmpty ? [] : [UInt8(ascii: "/")] + path.bytes))
  }

  /// A check, and its own `on-fix` when it names one.
  private func parseCheck(_ node: YAMLNode) throws(ConfigError) -> (CheckDefinition, CheckDefinition.OnFix?) {
    guard case .mapping(let mapping, _) = node else {
      throw fail(node, "checks", "entries must be mappings with at least 'name' and 'run'")
    }
    var name: String?
    var command: CheckDefinition.Command?
    var check = CheckDefinition(name: "", command: .argv([]))
    var onFix: CheckDefinition.OnFix?
    var builtin: String?
    var others: [YAMLEntry] = []  // a built-in's options, or mistakes
    var given: Set<String> = []
    for entry in mapping {
      given.insert(entry.key)
      let (key, value) = (entry.key, entry.value)
      switch key {
      case "name":
        guard let text = scalar(value), !text.isEmpty, !text.contains(","), !text.contains("/") else {
          throw fail(value, key, "must be a short text without ',' or '/', like unit-tests")
        }
        name = text
      case "run":
        command = try parseCommand(value)
      case "builtin":
        guard let text = scalar(value), !text.isEmpty else { throw fail(value, key, "must name a built-in check, like trailing-whitespace") }
        builtin = text
      case "files":
        check.files = try parseGlobs(value, key)
      case "exclude":
        check.exclude = try parseGlobs(value, key)
      case "stage":
        guard let stage = scalar(value).flatMap(CheckDefinition.Stage.init(rawValue:)) else {
          throw fail(value, key, "must be one of: \(CheckDefinition.Stage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        check.stage = stage
      case "timeout":
        guard let seconds = scalar(value).flatMap(DurationParser.seconds) else {
          throw fail(value, key, "must be a duration like 30s, 5m or 1h")
        }
        check.timeout = seconds
      case "pass-files":
        guard let flag = scalar(value).flatMap(Self.bool) else { throw fail(value, key, "must be true or false") }
        check.passFiles = flag
      case "share":
        check.share = try parseFolders(value, key)
      case "root":
        // Its own message below says what a root is: parseFolders' speaks of lists.
        guard case .scalar = value, let folder = try? parseFolders(value, key).first else {
          throw fail(value, key, "must be one folder inside the repository, like web/ (not absolute, without .. or .git)")
        }
        check.root = folder
      case "fix":
        guard let flag = scalar(value).flatMap(Self.bool) else { throw fail(value, key, "must be true or false") }
        check.fix = flag
      case "on-fix":
        onFix = try parseOnFix(value)
      case "isolation":
        guard let isolation = scalar(value).flatMap(CheckDefinition.Isolation.init(rawValue:)) else {
          throw fail(value, key, "must be one of: \(CheckDefinition.Isolation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        check.isolation = isolation
      case "output":
        guard let shown = scalar(value).flatMap(CheckDefinition.OutputShown.init(rawValue:)) else {
          throw fail(value, key, "must be one of: \(CheckDefinition.OutputShown.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        check.output = shown
      default:
        others.append(entry)
      }
    }
    if let builtin {
      guard command == nil else { throw fail(node, "builtin", "cannot be used with run: a check runs a command or a built-in, not both") }
      return (try BuiltinConfig(parser: self).configure(&check, builtin: builtin, name: name, given: given, options: others, node: node), onFix)
    }
    if let entry = others.first {
      throw ConfigError(
        file: file, line: entry.line, key: entry.key, problem: "is not a known check key; expected one of: \(Self.checkKeys.joined(separator: ", "))")
    }
    guard let name else { throw fail(node, "name", "is missing: every check needs a name") }
    guard let command else { throw fail(node, "run", "is missing for check '\(name)': give a command list like [make, lint]") }
    check.name = name
    check.command = command
    if check.fix && check.isolation == .worktree {
      throw fail(node, "fix", "cannot be used with isolation: worktree for check '\(name)': a fixer runs in the snapshot, and its fixes are applied for it")
    }
    return (check, onFix)
  }

  private func parseOnFix(_ node: YAMLNode) throws(ConfigError) -> CheckDefinition.OnFix {
    guard let onFix = scalar(node).flatMap(CheckDefinition.OnFix.init(rawValue:)) else {
      throw fail(node, "on-fix", "must be stop (the commit stops with the fixes staged; commit again) or continue (the fixed content is committed)")
    }
    return onFix
  }

  private func parsePeople(_ node: YAMLNode, into settings: inout KnowledgeSettings) throws(ConfigError) {
    guard case .mapping(let mapping, _) = node else { throw fail(node, "people", "must be a mapping with aliases, bots or left") }
    for entry in mapping {
      switch entry.key {
      case "aliases":
        guard case .mapping(let people, _) = entry.value else {
          throw fail(entry.value, "aliases", "must map a person's email to the other emails they use")
        }
        for person in people {
          settings.aliases[person.key.lowercased()] = try parseWords(person.value, "aliases").map { $0.lowercased() }
        }
      case "bots":
        settings.bots = try parseWords(entry.value, "bots").map { $0.lowercased() }
      case "left":
        settings.left = try parseWords(entry.value, "left").map { $0.lowercased() }
      default:
        throw ConfigError(
          file: file, line: entry.line, key: entry.key, problem: "is not a known people key; expected one of: \(Self.peopleKeys.joined(separator: ", "))")
      }
    }
  }

  private func parseReviewers(_ node: YAMLNode, into settings: inout KnowledgeSettings) throws(ConfigError) {
    guard case .mapping(let mapping, _) = node else { throw fail(node, "reviewers", "must be a mapping such as {count: 2}") }
    for entry in mapping {
      let (key, value) = (entry.key, entry.value)
      switch key {
      case "count":
        guard let count = scalar(value).flatMap({ Int($0) }), (1...20).contains(count) else { throw fail(value, key, "must be a whole number from 1 to 20") }
        settings.count = count
      case "max-files":
        guard let count = scalar(value).flatMap({ Int($0) }), count > 0 else { throw fail(value, key, "must be a whole number of files, like 100") }
        settings.maxFilesPerCommit = count
      case "mode":
        guard let mode = scalar(value).flatMap(RecommendationMode.init(rawValue:)) else {
          throw fail(value, key, "must be one of: \(RecommendationMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        settings.mode = mode
      case "inactive-after":
        guard let seconds = scalar(value).flatMap(DurationParser.seconds), seconds > 0 else { throw fail(value, key, "must be a duration like 90d or 12w") }
        settings.inactiveAfter = seconds
      case "escalate-after":
        guard let days = scalar(value).flatMap({ Int($0.hasSuffix("d") ? String($0.dropLast()) : $0) }), (1...60).contains(days) else {
          throw fail(value, key, "must be a number of working days from 1 to 60, like 3")
        }
        settings.escalateAfter = days
      case "record":  // before request-on: false is never, true the default
        guard let flag = scalar(value).flatMap(Self.bool) else { throw fail(value, key, "must be true or false") }
        if !flag { settings.requestOn = .never }
      case "request-on":
        guard let moment = scalar(value).flatMap(RequestMoment.init(rawValue:)) else {
          throw fail(value, key, "must be one of: \(RequestMoment.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        settings.requestOn = moment
      case "abandon-after":
        guard let seconds = scalar(value).flatMap(DurationParser.seconds), seconds > 0 else { throw fail(value, key, "must be a duration like 14d or 2w") }
        settings.abandonAfter = seconds
      case "trailers":
        settings.trailers = try parseWords(value, key)
      default:
        throw ConfigError(
          file: file, line: entry.line, key: key, problem: "is not a known reviewers key; expected one of: \(Self.reviewerKeys.joined(separator: ", "))")
      }
    }
  }

  private func parseShip(_ node: YAMLNode) throws(ConfigError) -> ShipPolicy {
    guard case .mapping(let mapping, _) = node else { throw fail(node, "ship", "must be a mapping with branches, require and enforce") }
    var policy = ShipPolicy()
    for entry in mapping {
      let (key, value) = (entry.key, entry.value)
      switch key {
      case "branches":
        policy.branches = try parseWords(value, key)
      case "enforce":
        guard let enforce = scalar(value).flatMap(ShipPolicy.Enforcement.init(rawValue:)) else { throw fail(value, key, "must be warn or block") }
        policy.enforce = enforce
      case "require":
        guard case .mapping(let requirements, _) = value else { throw fail(value, key, "must be a mapping such as approvals: 1") }
        for requirement in requirements {
          let (name, setting) = (requirement.key, requirement.value)
          switch name {
          case "approvals":
            guard let count = scalar(setting).flatMap({ Int($0) }), (0...20).contains(count) else {
              throw fail(setting, name, "must be a whole number from 0 to 20")
            }
            policy.approvals = count
          case "checks":
            switch scalar(setting) {
            case "passed": policy.checks = true
            case "none": policy.checks = false
            default: throw fail(setting, name, "must be passed or none")
            }
          case "owners", "verified":
            guard let flag = scalar(setting).flatMap(Self.bool) else { throw fail(setting, name, "must be true or false") }
            if name == "owners" { policy.owners = flag } else { policy.verified = flag }
          default:
            throw ConfigError(
              file: file, line: requirement.line, key: name,
              problem: "is not a known ship require key; expected one of: \(Self.shipRequireKeys.joined(separator: ", "))")
          }
        }
      default:
        throw ConfigError(file: file, line: entry.line, key: key, problem: "is not a known ship key; expected one of: \(Self.shipKeys.joined(separator: ", "))")
      }
    }
    return policy
  }

  func parseWords(_ node: YAMLNode, _ key: String) throws(ConfigError) -> [String] {
    switch node {
    case .scalar(let text, _): return [text]
    case .sequence(let items, _):
      var words: [String] = []
      for item in items {
        guard let word = scalar(item), !word.isEmpty else { throw fail(item, key, "must list plain texts") }
        words.append(word)
      }
      return words
    default: throw fail(node, key, "must be a list like [a@example.com, b@example.com]")
    }
  }

  private func parseCommand(_ node: YAMLNode) throws(ConfigError) -> CheckDefinition.Command {
    switch node {
    case .scalar(let text, _) where !text.trimmingSpaces.isEmpty:
      return .shell(text)
    case .sequence(let items, _) where !items.isEmpty:
      var argv: [String] = []
      for item in items {
        guard let word = scalar(item) else { throw fail(item, "run", "list items must be plain words") }
        argv.append(word)
      }
      return .argv(argv)
    default:
      throw fail(node, "run", "must be a command list like [swift, test] or a shell line like \"make lint\"")
    }
  }

  /// Folders of the work tree, relative to its root (or to a nested file's folder), such as
  /// `node_modules` or `web/.venv`.
  private func parseFolders(_ node: YAMLNode, _ key: String) throws(ConfigError) -> [RepoPath] {
    var folders: [RepoPath] = []
    for word in try parseWords(node, key) {
      var text = Substring(word)
      while text.hasSuffix("/") { text = text.dropLast() }
      while text.hasPrefix("./") { text = text.dropFirst(2) }
      let parts = text.split(separator: "/", omittingEmptySubsequences: false)
      guard !text.isEmpty, !text.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0 == ".git" }) else {
        throw fail(node, key, "must list folders inside the repository, like [node_modules, .venv]; '\(word)' is not one")
      }
      folders.append(RepoPath(String(text)))
    }
    return folders
  }

  func parseGlobs(_ node: YAMLNode, _ key: String) throws(ConfigError) -> [Glob] {
    let items: [YAMLNode]
    switch node {
    case .scalar: items = [node]
    case .sequence(let sequence, _): items = sequence
    default: throw fail(node, key, "must be a list of path patterns like [\"Sources/**/*.swift\"]")
    }
    var globs: [Glob] = []
    for item in items {
      guard let text = scalar(item) else { throw fail(item, key, "must list path patterns as plain text") }
      do {
        globs.append(try Glob(text))
      } catch {
        throw fail(item, key, "pattern '\(error.pattern)' cannot be read: \(error.problem)")
      }
    }
    return globs
  }

  func scalar(_ node: YAMLNode) -> String? { node.scalar }

  static func bool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: return nil
    }
  }

  func fail(_ node: YAMLNode, _ key: String?, _ problem: String) -> ConfigError {
    ConfigError(file: file, line: node.line, key: key, problem: problem)
  }
}
