/// Writes `CheckDraft`s as the text of a new `.tillit.yml`: a header explaining each key the
/// file uses (from `ConfigReference`, so the two cannot drift apart), then the checks.
public enum ConfigDraft {
  public static func text(header: [String], checks: [CheckDraft]) -> String {
    var lines = header.map { "# " + $0 }
    lines.append("# Written by `tillit init`; edit freely, then run `tillit trust`. `tillit help config` lists every key.")
    let keys = usedKeys(checks)
    if !keys.isEmpty {
      lines.append("#")
      lines.append("# The keys used below:")
      for key in keys {
        let meaning = ConfigReference.meanings["check"]?[key] ?? ""
        let wrapped = ConfigReference.wrap(meaning, width: 90)
        lines.append("#   \(key): " + (wrapped.first ?? ""))
        lines += wrapped.dropFirst().map { "#     " + $0 }
      }
    }
    lines.append(checks.isEmpty ? "checks: []" : "checks:")
    for (index, check) in checks.enumerated() {
      if index > 0 { lines.append("") }
      lines += check.comments.map { "  # " + $0 }
      lines += entry(check)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The check keys the drafts write, in the order `tillit help config` lists them.
  static func usedKeys(_ checks: [CheckDraft]) -> [String] {
    var used: Set<String> = ["name"]
    for check in checks {
      if case .builtin = check.run { used.insert("builtin") } else { used.insert("run") }
      if check.root != nil { used.insert("root") }
      if !check.files.isEmpty { used.insert("files") }
      if !check.exclude.isEmpty { used.insert("exclude") }
      if check.stage != .preCommit { used.insert("stage") }
      if check.passFiles { used.insert("pass-files") }
      if check.timeout != nil { used.insert("timeout") }
      if check.isolation != .snapshot { used.insert("isolation") }
      if check.fix != nil { used.insert("fix") }
      if check.onFix != nil { used.insert("on-fix") }
    }
    return ConfigParser.checkKeys.filter(used.contains)
  }

  static func entry(_ check: CheckDraft) -> [String] {
    var lines = ["  - name: \(YAMLText.scalar(check.name))"]
    switch check.run {
    case .argv(let words): lines.append("    run: " + YAMLText.flowList(words))
    case .shell(let script):
      if script.contains("\n") {
        lines.append("    run: |")
        lines += script.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "      " + $0 }
        while lines.last == "" { lines.removeLast() }
      } else {
        lines.append("    run: " + YAMLText.quoted(script))
      }
    case .builtin(let name, let options):
      lines.append("    builtin: \(YAMLText.scalar(name))")
      lines += options.map { "    \($0.0): \(YAMLText.scalar($0.1))" }
    }
    if let root = check.root { lines.append("    root: " + YAMLText.scalar(root + "/")) }
    if !check.files.isEmpty { lines.append("    files: " + YAMLText.flowList(check.files, quoting: true)) }
    if !check.exclude.isEmpty { lines.append("    exclude: " + YAMLText.flowList(check.exclude, quoting: true)) }
    if check.stage != .preCommit { lines.append("    stage: \(check.stage.rawValue)") }
    if check.passFiles { lines.append("    pass-files: true") }
    if let timeout = check.timeout { lines.append("    timeout: \(timeout)") }
    if check.isolation != .snapshot { lines.append("    isolation: \(check.isolation.rawValue)") }
    if let fix = check.fix { lines.append("    fix: \(fix)") }
    if let onFix = check.onFix { lines.append("    on-fix: \(onFix.rawValue)") }
    return lines
  }
}

/// Scalars written so that `YAMLReader` (and any YAML parser) reads them back unchanged.
enum YAMLText {
  /// Plain when it is a simple word, else double-quoted.
  static func scalar(_ text: String) -> String {
    let safe =
      !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=+".contains($0)) }
      && text != "-" && !["true", "false", "yes", "no", "on", "off", "null", "~"].contains(text.lowercased())
    return safe ? text : quoted(text)
  }

  static func quoted(_ text: String) -> String {
    var result = "\""
    for character in text.unicodeScalars {
      switch character {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      default: result.unicodeScalars.append(character)
      }
    }
    return result + "\""
  }

  /// `[a, "b c"]`; patterns are always quoted (a plain `*.md` is a YAML alias).
  static func flowList(_ items: [String], quoting: Bool = false) -> String {
    "[" + items.map { quoting ? quoted($0) : scalar($0) }.joined(separator: ", ") + "]"
  }
}
