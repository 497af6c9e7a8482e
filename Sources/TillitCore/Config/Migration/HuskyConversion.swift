/// Converts husky's hooks: each script in `.husky/` (husky 5 to 9) for pre-commit, commit-msg or
/// pre-push becomes a check that runs it, and so does each command of `husky.hooks` in
/// `package.json` (husky 4). They run in the work tree (`isolation: worktree`), as husky ran
/// them: what they usually call (lint-staged) reads git's index and edits the work tree.
public enum HuskyConversion {
  public static let folder = ".husky"

  static let stages: [String: CheckDefinition.Stage] = ["pre-commit": .preCommit, "commit-msg": .commitMessage, "pre-push": .prePush]

  /// `scripts`: the files of `.husky/` by name (folders such as `_` left out); `packageJSON`:
  /// the text of the root `package.json`, if any.
  public static func convert(scripts: [String: String], packageJSON: String?) -> Conversion {
    let v4Hooks = packageJSON.flatMap { try? JSONParser.parse(Array($0.utf8)) }?["husky"]?["hooks"]
    let file = scripts.isEmpty && v4Hooks != nil ? "package.json" : folder + "/"
    var conversion = Conversion(source: "husky", file: file)
    var names = UniqueNames()
    for (hook, script) in scripts.sorted(by: { $0.key < $1.key }) where GitHooks.names.contains(hook) {
      guard let stage = stages[hook] else {
        conversion.skip(hook, "Tillit runs checks on pre-commit, commit-msg and pre-push only")
        continue
      }
      var draft = CheckDraft(name: names.claim("husky-" + hook), run: .argv(["sh", "\(folder)/\(hook)"]), stage: stage)
      draft.isolation = .worktree
      draft.comments = ["husky: \(folder)/\(hook)"]
      conversion.checks.append(draft)
      review(script, hook: hook, into: &conversion)
    }
    if case .object(let members) = v4Hooks {
      for (hook, value) in members {
        guard let command = value.stringValue else { continue }
        guard let stage = stages[hook] else {
          conversion.skip("package.json husky.hooks.\(hook)", "Tillit runs checks on pre-commit, commit-msg and pre-push only")
          continue
        }
        let line = command.contains("HUSKY_GIT_PARAMS") ? "HUSKY_GIT_PARAMS=\"$*\"; export HUSKY_GIT_PARAMS; " + command : command
        var draft = CheckDraft(name: names.claim("husky-" + hook), run: .shell(line), stage: stage)
        draft.isolation = .worktree
        draft.comments = ["husky: package.json husky.hooks.\(hook)"]
        conversion.checks.append(draft)
        review(command, hook: hook, into: &conversion)
      }
    }
    if !conversion.checks.isEmpty {
      conversion.review.append(
        "husky's scripts run in the work tree, one at a time (isolation: worktree); where a script runs one tool, a check with run, files and pass-files runs it in a snapshot, in parallel, and is cached"
      )
    }
    return conversion
  }

  private static func review(_ script: String, hook: String, into conversion: inout Conversion) {
    if script.contains("lint-staged") {
      conversion.review.append(
        "husky-\(hook): runs lint-staged; each of its globs could become a check with files and pass-files, and lint-staged's own config was not converted")
    }
    if script.contains("husky.sh") {
      conversion.review.append("husky-\(hook): sources .husky/_/husky.sh (husky 5 to 8), which `husky install` writes; keep it, or drop that line")
    }
  }
}
