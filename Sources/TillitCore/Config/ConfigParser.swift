/// Reads `.tillit.yml` text into a `ProjectConfig`, checking every key and value so that a
/// mistake is reported with its line and what was expected.
public struct ConfigParser {
  let file: String

  public init(file: String = ProjectConfig.fileName) { self.file = file }

  static let topLevelKeys = ["checks", "jobs"]
  static let checkKeys = ["name", "run", "files", "exclude", "stage", "timeout", "pass-files", "isolation"]

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
    for entry in mapping {
      let (key, value) = (entry.key, entry.value)
      switch key {
      case "checks":
        guard case .sequence(let items, _) = value else { throw fail(value, key, "must be a list of checks") }
        for item in items { config.checks.append(try parseCheck(item)) }
      case "jobs":
        guard let jobs = value.scalar.flatMap({ Int($0) }), jobs > 0 else {
          throw fail(value, key, "must be a whole number of checks to run at once, like 4")
        }
        config.jobs = jobs
      default:
        throw ConfigError(file: file, line: entry.line, key: key, problem: "is not a known key; expected one of: \(Self.topLevelKeys.joined(separator: ", "))")
      }
    }
    var seen: Set<String> = []
    for check in config.checks where !seen.insert(check.name).inserted {
      throw ConfigError(file: file, line: nil, key: "name", problem: "'\(check.name)' is used by two checks; names must be unique")
    }
    return config
  }

  private func parseCheck(_ node: YAMLNode) throws(ConfigError) -> CheckDefinition {
    guard case .mapping(let mapping, _) = node else {
      throw fail(node, "checks", "entries must be mappings with at least 'name' and 'run'")
    }
    var name: String?
    var command: CheckDefinition.Command?
    var check = CheckDefinition(name: "", command: .argv([]))
    for entry in mapping {
      let (key, value) = (entry.key, entry.value)
      switch key {
      case "name":
        guard let text = scalar(value), !text.isEmpty, !text.contains(","), !text.contains("/") else {
          throw fail(value, key, "must be a short text without ',' or '/', like unit-tests")
        }
        name = text
      case "run":
        command = try parseCommand(value)
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
      case "isolation":
        guard let isolation = scalar(value).flatMap(CheckDefinition.Isolation.init(rawValue:)) else {
          throw fail(value, key, "must be one of: \(CheckDefinition.Isolation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        check.isolation = isolation
      default:
        throw ConfigError(file: file, line: entry.line, key: key, problem: "is not a known check key; expected one of: \(Self.checkKeys.joined(separator: ", "))")
      }
    }
    guard let name else { throw fail(node, "name", "is missing: every check needs a name") }
    guard let command else { throw fail(node, "run", "is missing for check '\(name)': give a command list like [make, lint]") }
    check.name = name
    check.command = command
    return check
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

  private func parseGlobs(_ node: YAMLNode, _ key: String) throws(ConfigError) -> [Glob] {
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

  private func scalar(_ node: YAMLNode) -> String? { node.scalar }

  static func bool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: return nil
    }
  }

  private func fail(_ node: YAMLNode, _ key: String?, _ problem: String) -> ConfigError {
    ConfigError(file: file, line: node.line, key: key, problem: problem)
  }
}
