/// A check of `.tillit.yml` written `builtin: NAME` instead of `run:`: which built-in, with
/// which options (their keys and values as written, checked against `BuiltinCatalog`).
public struct BuiltinCall: Hashable, Sendable {
  /// The built-in's own name (an alias such as pre-commit-hooks' `end-of-file-fixer` resolved).
  public let name: String
  public let options: [String: String]

  public init(name: String, options: [String: String] = [:]) {
    self.name = name
    self.options = options
  }

  /// The name, then each option as `key=value`, sorted: what the approval and the cache key read.
  var words: [String] {
    [name] + options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
  }

  func flag(_ key: String) -> Bool { options[key].flatMap(ConfigParser.bool) ?? false }
}
