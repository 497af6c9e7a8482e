/// Reads a `builtin:` check of `.tillit.yml`: the built-in's name, its options (keys of the check
/// beside the common ones), and what it implies — its default `files`, whether it fixes, and that
/// it is given the changed files. The keys about running a program do not apply.
struct BuiltinConfig {
  let parser: ConfigParser

  static let commandKeys = ["timeout", "pass-files", "isolation", "share"]
  static let commonKeys = ["name", "builtin", "root", "files", "exclude", "stage", "fix", "on-fix", "output"]

  func configure(
    _ check: inout CheckDefinition, builtin: String, name: String?, given: Set<String>, options: [YAMLEntry], node: YAMLNode
  ) throws(ConfigError) -> CheckDefinition {
    guard let entry = BuiltinCatalog.entry(named: builtin) else {
      let known = BuiltinCatalog.entries.map(\.name).joined(separator: ", ")
      throw parser.fail(node, "builtin", "'\(builtin)' is not a built-in check; the built-ins are: \(known)")
    }
    if let key = Self.commandKeys.first(where: given.contains) {
      throw parser.fail(node, key, "does not apply to the built-in check '\(entry.name)', which runs inside Tillit on the files it is given")
    }
    if given.contains("fix") && check.fix && !entry.fixes {
      throw parser.fail(node, "fix", "cannot be true for '\(entry.name)': it reports, it does not fix")
    }
    var values: [String: String] = [:]
    for option in options {
      guard let kind = entry.options[option.key] else {
        let keys = Self.commonKeys + entry.options.keys.sorted()
        throw ConfigError(
          file: parser.file, line: option.line, key: option.key,
          problem: "is not a known key of the built-in check '\(entry.name)'; expected one of: \(keys.joined(separator: ", "))")
      }
      values[option.key] = try value(option.value, kind, option.key)
    }
    check.name = name ?? entry.name
    check.command = .builtin(BuiltinCall(name: entry.name, options: values))
    if !given.contains("fix") { check.fix = entry.fixes }
    if !given.contains("files") {
      check.files = entry.defaultFiles.compactMap { try? Glob($0) }
    }
    check.passFiles = !entry.readsEveryPath
    return check
  }

  private func value(_ node: YAMLNode, _ kind: BuiltinCatalog.OptionKind, _ key: String) throws(ConfigError) -> String {
    switch kind {
    case .flag:
      guard let flag = parser.scalar(node).flatMap(ConfigParser.bool) else { throw parser.fail(node, key, "must be true or false") }
      return String(flag)
    case .wholeNumber:
      guard let number = parser.scalar(node).flatMap({ Int($0) }), number >= 0 else { throw parser.fail(node, key, "must be a whole number, like 500") }
      return String(number)
    case .choice(let choices):
      guard let text = parser.scalar(node), choices.contains(text) else { throw parser.fail(node, key, "must be one of: \(choices.joined(separator: ", "))") }
      return text
    case .text:
      // A list is kept as its items joined by commas (`markdown-linebreak-ext: [md, markdown]`).
      let words = try parser.parseWords(node, key)
      return words.joined(separator: ",")
    }
  }
}
