/// What converting another hook manager's configuration gave: the checks, each hook that could
/// not be converted with the reason, and what to look at before `tillit install`.
public struct Conversion: Sendable {
  public struct Skipped: Equatable, Sendable {
    /// The hook as the old configuration names it (`flake8`, `pre-commit: typos`).
    public let hook: String
    public let reason: String
  }

  /// The tool, as a user names it: pre-commit, lefthook, husky.
  public let source: String
  /// The configuration file read, relative to the repository root.
  public let file: String
  public var checks: [CheckDraft] = []
  public var skipped: [Skipped] = []
  /// Things converted on a guess, or settings with no Tillit equivalent, to look at.
  public var review: [String] = []

  public init(source: String, file: String) {
    self.source = source
    self.file = file
  }

  mutating func skip(_ hook: String, _ reason: String) { skipped.append(Skipped(hook: hook, reason: reason)) }

  /// The text of the new `.tillit.yml`.
  public var configText: String {
    var header = ["Tillit checks converted from \(file) (\(source)) by `tillit init`; \(file) is left in place."]
    if !skipped.isEmpty {
      header.append("Not converted:")
      header += skipped.map { "  \($0.hook): \($0.reason)" }
    }
    return ConfigDraft.text(header: header, checks: checks)
  }

  /// The words a person reads after the file is written.
  public var summary: [String] {
    var lines: [String] = []
    lines.append("Converted from \(file) (\(source)): \(checks.count) check\(checks.count == 1 ? "" : "s").")
    for check in checks { lines.append("  \(check.name)" + (check.builtin.map { " (built-in \($0))" } ?? "")) }
    if !skipped.isEmpty {
      lines.append("Not converted (\(skipped.count)):")
      lines += skipped.map { "  \($0.hook): \($0.reason)" }
    }
    if !review.isEmpty {
      lines.append("To review before `tillit install`:")
      lines += review.map { "  - " + $0 }
    }
    return lines
  }
}
