/// The check that does each built-in `BuiltinCatalog` lists. The catalog, in `Config/`, is what
/// the parser knows of a built-in (its name and options); making and running it is the checks'.
enum BuiltinChecks {
  /// The check for the built-in named `name` (its own name, as the catalog gives it), with the
  /// options of `call`; nil when Tillit has no such built-in.
  static func make(_ name: String, _ call: BuiltinCall) -> (any BuiltinCheck)? {
    switch name {
    case "trailing-whitespace": return TrailingWhitespace(call)
    case "end-of-file": return EndOfFile()
    case "mixed-line-ending": return MixedLineEnding(call)
    case "merge-conflict": return MergeConflict(call)
    case "large-files": return LargeFiles(call)
    case "yaml-syntax": return YAMLSyntax(call)
    case "json-syntax": return JSONSyntax()
    case "toml-syntax": return TOMLSyntax()
    case "private-key": return PrivateKey()
    case "case-conflict": return CaseConflict()
    case "executable-shebang": return ExecutableShebang()
    case "broken-symlinks": return BrokenSymlinks()
    default: return nil
    }
  }
}
