import Yams

/// Reads `.tillit.yml` text into a `ProjectConfig`, checking every key and value so that a
/// mistake is reported with its line and what was expected.
public struct ConfigParser {
  let file: String

  public init(file: String = ProjectConfig.fileName) { self.file = file }

  static let topLevelKeys = ["checks", "jobs"]
  static let checkKeys = ["name", "run", "files", "exclude", "stage", "timeout", "pass-files", "isolation"]

  public func parse(_ text: String) throws(ConfigError) -> ProjectConfig {
    let root: Node?
    do {
      // The basic resolver keeps every scalar a string; types are checked here, key by key.
      root = try Yams.compose(yaml: text, Resolver.basic, Constructor.default, .utf8)
    } catch let error as YamlError {
      throw describe(error)
    } catch {
      throw ConfigError(file: file, line: nil, key: nil, problem: "is not valid YAML: \(error)")
    }
    guard let root else { return ProjectConfig(checks: []) }
    guard case .mapping(let mapping) = root else {
      throw fail(root, nil, "must be a mapping with a 'checks' list")
    }
    var config = ProjectConfig(checks: [])
    for (keyNode, value) in mapping {
      let key = keyNode.string ?? ""
      switch key {
      case "checks":
        guard case .sequence(let items) = value else { throw fail(value, key, "must be a list of checks") }
        for item in items { config.checks.append(try parseCheck(item)) }
      case "jobs":
        guard let jobs = value.scalar.flatMap({ Int($0.string) }), jobs > 0 else {
          throw fail(value, key, "must be a whole number of checks to run at once, like 4")
        }
        config.jobs = jobs
      default:
        throw fail(keyNode, key, "is not a known key; expected one of: \(Self.topLevelKeys.joined(separator: ", "))")
      }
    }
    var seen: Set<String> = []
    for check in config.checks where !seen.insert(check.name).inserted {
      throw ConfigError(file: file, line: nil, key: "name", problem: "'\(check.name)' is used by two checks; names must be unique")
    }
    return config
  }

  private func parseCheck(_ node: Node) throws(ConfigError) -> CheckDefinition {
    guard case .mapping(let mapping) = node else {
      throw fail(node, "checks", "entries must be mappings with at least 'name' and 'run'")
    }
    var name: String?
    var command: CheckDefinition.Command?
    var check = CheckDefinition(name: "", command: .argv([]))
    for (keyNode, value) in mapping {
      let key = keyNode.string ?? ""
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
        throw fail(keyNode, key, "is not a known check key; expected one of: \(Self.checkKeys.joined(separator: ", "))")
      }
    }
    guard let name else { throw fail(node, "name", "is missing: every check needs a name") }
    guard let command else { throw fail(node, "run", "is missing for check '\(name)': give a command list like [make, lint]") }
    check.name = name
    check.command = command
    return check
  }

  private func parseCommand(_ node: Node) throws(ConfigError) -> CheckDefinition.Command {
    switch node {
    case .scalar(let text) where !text.string.trimmingSpaces.isEmpty:
      return .shell(text.string)
    case .sequence(let items) where !items.isEmpty:
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

  private func parseGlobs(_ node: Node, _ key: String) throws(ConfigError) -> [Glob] {
    let items: [Node]
    switch node {
    case .scalar: items = [node]
    case .sequence(let sequence): items = Array(sequence)
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

  private func scalar(_ node: Node) -> String? {
    if case .scalar(let scalar) = node { return scalar.string }
    return nil
  }

  static func bool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: return nil
    }
  }

  private func fail(_ node: Node, _ key: String?, _ problem: String) -> ConfigError {
    ConfigError(file: file, line: node.mark?.line, key: key, problem: problem)
  }

  private func describe(_ error: YamlError) -> ConfigError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
      return ConfigError(file: file, line: mark.line, key: nil, problem: "is not valid YAML: \(problem)")
    default:
      return ConfigError(file: file, line: nil, key: nil, problem: "is not valid YAML: \(error)")
    }
  }
}
