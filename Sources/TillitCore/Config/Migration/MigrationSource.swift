import TillitSystem

/// The hook managers `tillit init` converts from, how it finds their configuration in a work
/// tree, and the conversion of what it found.
public enum MigrationSource: String, CaseIterable, Sendable {
  case preCommit = "pre-commit"
  case lefthook
  case husky

  /// The sources whose configuration is in `workTree` (its path, ending in `/`), in this order.
  public static func detected(in workTree: String) -> [MigrationSource] {
    allCases.filter { $0.configFile(in: workTree) != nil }
  }

  /// The configuration file (or husky's folder) found, relative to the work tree.
  public func configFile(in workTree: String) -> String? {
    switch self {
    case .preCommit: return PreCommitConversion.files.first { FileSystem.exists(workTree + $0) }
    case .lefthook: return LefthookConversion.files.first { FileSystem.exists(workTree + $0) }
    case .husky:
      if !huskyScripts(in: workTree).isEmpty { return HuskyConversion.folder + "/" }
      guard let text = try? FileSystem.readText(workTree + "package.json"),
        (try? JSONParser.parse(Array(text.utf8)))?["husky"]?["hooks"] != nil
      else { return nil }
      return "package.json"
    }
  }

  /// Converts the configuration found in `workTree`.
  public func convert(in workTree: String) throws -> Conversion {
    guard let file = configFile(in: workTree) else {
      throw TillitError.usage("no \(rawValue) configuration here (looked for \(lookedFor)); run tillit init without --from to start from the project's files")
    }
    switch self {
    case .preCommit: return try PreCommitConversion.convert(try FileSystem.readText(workTree + file), file: file)
    case .lefthook:
      var conversion = try LefthookConversion.convert(try FileSystem.readText(workTree + file), file: file)
      for local in ["lefthook-local.yml", ".lefthook-local.yml"] where FileSystem.exists(workTree + local) {
        conversion.review.append("\(local) (each person's own overrides) was not read")
      }
      return conversion
    case .husky:
      return HuskyConversion.convert(scripts: huskyScripts(in: workTree), packageJSON: try? FileSystem.readText(workTree + "package.json"))
    }
  }

  var lookedFor: String {
    switch self {
    case .preCommit: return PreCommitConversion.files.joined(separator: ", ")
    case .lefthook: return LefthookConversion.files.joined(separator: ", ")
    case .husky: return ".husky/ with hook scripts, husky.hooks in package.json"
    }
  }

  private func huskyScripts(in workTree: String) -> [String: String] {
    let folder = workTree + HuskyConversion.folder
    var scripts: [String: String] = [:]
    for name in FileSystem.entries(of: folder) where GitHooks.names.contains(name) && !FileSystem.isDirectory(folder + "/" + name) {
      scripts[name] = (try? FileSystem.readText(folder + "/" + name)) ?? ""
    }
    return scripts
  }
}

extension Conversion {
  /// Several conversions as one: names made unique, the lists joined.
  public static func merged(_ conversions: [Conversion]) -> Conversion {
    guard conversions.count > 1 else { return conversions.first ?? Conversion(source: "", file: "") }
    var merged = Conversion(source: conversions.map(\.source).joined(separator: ", "), file: conversions.map(\.file).joined(separator: ", "))
    var names = UniqueNames()
    for conversion in conversions {
      for var check in conversion.checks {
        check.name = names.claim(check.name)
        merged.checks.append(check)
      }
      merged.skipped += conversion.skipped.map { Skipped(hook: "\(conversion.source): \($0.hook)", reason: $0.reason) }
      merged.review += conversion.review.map { "\(conversion.source): \($0)" }
    }
    return merged
  }
}
