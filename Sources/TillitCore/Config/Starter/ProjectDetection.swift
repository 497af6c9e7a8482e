import TillitSystem

/// What `tillit init` suggests from a project's files: for the root and each subproject below
/// it (a folder with its own Package.swift, go.mod, package.json, ...), the checks its build
/// tools offer — Go's vet and gofmt, the package scripts that exist (lint, typecheck, test),
/// the Python tools `pyproject.toml` names, Cargo, SwiftPM, the Makefile targets that exist.
public enum ProjectDetection {
  /// Folders never searched for subprojects: dependencies, build output, tools' state.
  static let skippedFolders: Set<String> = [
    "node_modules", "vendor", "target", "build", "dist", "out", "Pods", "third_party",
    "venv", "env", "__pycache__", "testdata", "fixtures", "examples",
  ]
  /// How deep below the root subprojects are looked for.
  static let depth = 2

  public struct Found: Sendable {
    /// What the checks were suggested from: `go.mod`, `webui/package.json (lint, test)`.
    public var sources: [String] = []
    public var checks: [CheckDraft] = []
  }

  public static func detect(_ project: ProjectFolder) -> Found {
    var found = Found()
    var names = UniqueNames()
    for folder in folders(project, under: "", depth: depth) {
      let recipes = Recipes(project: project, folder: folder)
      for (source, checks) in recipes.all() {
        found.sources.append(source)
        for var check in checks {
          check.name = names.claim(check.name)
          found.checks.append(check)
        }
      }
    }
    return found
  }

  /// The root, then the folders below it with something to build, breadth first.
  static func folders(_ project: ProjectFolder, under folder: String, depth: Int) -> [String] {
    var result = [folder]
    guard depth > 0 else { return result }
    for name in project.list(folder).sorted() where name.hasSuffix("/") {
      let bare = String(name.dropLast())
      guard !bare.hasPrefix("."), !skippedFolders.contains(bare) else { continue }
      let path = folder.isEmpty ? bare : folder + "/" + bare
      result += folders(project, under: path, depth: depth - 1)
    }
    return result.filter { $0.isEmpty || Recipes(project: project, folder: $0).hasMarker }
  }
}

/// The checks of one folder's build tools.
struct Recipes {
  let project: ProjectFolder
  let folder: String

  static let markers = ["Package.swift", "Cargo.toml", "go.mod", "package.json", "pyproject.toml", "Makefile"]
  static let scriptFiles = ["package.json", "*.js", "*.mjs", "*.cjs", "*.jsx", "*.ts", "*.mts", "*.cts", "*.tsx", "*.vue", "*.svelte"]

  var hasMarker: Bool { Self.markers.contains { project.read(path($0)) != nil } }

  /// `name` in this folder, relative to the root.
  func path(_ name: String) -> String { folder.isEmpty ? name : folder + "/" + name }

  /// A pattern limited to this folder: `*.go` is `web/**/*.go` in `web`.
  func pattern(_ glob: String) -> String {
    guard !folder.isEmpty else { return glob }
    return glob.contains("/") ? folder + "/" + glob : folder + "/**/" + glob
  }

  /// A command run in this folder: as it is at the root, else `cd folder && ...` under sh.
  func command(_ words: [String]) -> CheckDraft.Run {
    folder.isEmpty ? .argv(words) : .shell("cd \(ShellQuote.quote(folder)) && " + words.map(ShellQuote.quote).joined(separator: " "))
  }

  func check(_ name: String, _ words: [String], files: [String], stage: CheckDefinition.Stage = .preCommit, timeout: String? = nil) -> CheckDraft {
    let prefix = folder.isEmpty ? "" : CheckDraft.name(from: folder) + "-"
    return CheckDraft(name: prefix + name, run: command(words), files: files.map(pattern), stage: stage, timeout: timeout)
  }

  /// A check given the changed files, run from the root (the paths are the root's).
  func fileCheck(_ name: String, _ run: CheckDraft.Run, files: [String]) -> CheckDraft {
    let prefix = folder.isEmpty ? "" : CheckDraft.name(from: folder) + "-"
    return CheckDraft(name: prefix + name, run: run, files: files.map(pattern), passFiles: true)
  }

  func all() -> [(String, [CheckDraft])] {
    var result: [(String, [CheckDraft])] = []
    if project.read(path("Package.swift")) != nil {
      result.append(
        (
          path("Package.swift"),
          [
            check("swift-build", ["swift", "build"], files: ["Package.swift", "Sources/**"], timeout: "10m"),
            check("swift-test", ["swift", "test"], files: ["Package.swift", "Sources/**", "Tests/**"], stage: .prePush, timeout: "20m"),
          ]
        ))
    }
    if project.read(path("Cargo.toml")) != nil {
      result.append(
        (
          path("Cargo.toml"),
          [
            check("cargo-check", ["cargo", "check", "--quiet"], files: ["Cargo.toml", "*.rs"], timeout: "10m"),
            check("cargo-test", ["cargo", "test", "--quiet"], files: ["Cargo.toml", "*.rs"], stage: .prePush, timeout: "20m"),
          ]
        ))
    }
    if project.read(path("go.mod")) != nil {
      let gofmt = "out=$(gofmt -l \"$@\") || exit 1; [ -z \"$out\" ] || { echo \"not formatted (gofmt -w fixes them):\"; echo \"$out\"; exit 1; }"
      result.append(
        (
          path("go.mod"),
          [
            check("go-vet", ["go", "vet", "./..."], files: ["go.mod", "*.go"], timeout: "5m"),
            fileCheck("gofmt", .shell(gofmt), files: ["*.go"]),
            check("go-test", ["go", "test", "./..."], files: ["go.mod", "*.go"], stage: .prePush, timeout: "20m"),
          ]
        ))
    }
    if let text = project.read(path("package.json")), let scripts = packageScripts(text) {
      result.append(scripts)
    }
    if let text = project.read(path("pyproject.toml")) {
      result.append(python(text))
    }
    if let text = project.read(path("Makefile")) {
      let targets = MakefileTargets.targets(text)
      var checks: [CheckDraft] = []
      if targets.contains("lint") { checks.append(check("make-lint", ["make", "lint"], files: [], timeout: "10m")) }
      for target in ["test", "check"] where targets.contains(target) {
        checks.append(check("make-\(target)", ["make", target], files: [], stage: .prePush, timeout: "20m"))
        break
      }
      if !checks.isEmpty {
        result.append(
          (path("Makefile") + " (" + checks.map { $0.name.split(separator: "-").last.map(String.init) ?? "" }.joined(separator: ", ") + ")", checks))
      }
    }
    return result
  }

  /// The `lint`, `typecheck` and `test` scripts of a package.json, run by its package manager.
  func packageScripts(_ text: String) -> (String, [CheckDraft])? {
    guard let scripts = (try? JSONParser.parse(Array(text.utf8)))?["scripts"] else { return nil }
    let manager =
      project.read(path("pnpm-lock.yaml")) != nil
      ? "pnpm"
      : project.read(path("yarn.lock")) != nil
        ? "yarn"
        : (project.read(path("bun.lockb")) != nil || project.read(path("bun.lock")) != nil) ? "bun" : "npm"
    var checks: [CheckDraft] = []
    var named: [String] = []
    for script in ["lint", "typecheck", "type-check", "test"] {
      guard let body = scripts[script]?.stringValue, !body.contains("no test specified") else { continue }
      let words = manager == "npm" ? ["npm", "run", "--silent", script] : [manager, "run", script]
      let isTest = script == "test"
      checks.append(check("\(manager)-\(script)", words, files: Self.scriptFiles, stage: isTest ? .prePush : .preCommit, timeout: isTest ? "20m" : "10m"))
      named.append(script)
    }
    return checks.isEmpty ? nil : (path("package.json") + " (" + named.joined(separator: ", ") + ")", checks)
  }

  /// ruff, black, mypy and pytest when pyproject.toml configures or depends on them.
  func python(_ text: String) -> (String, [CheckDraft]) {
    func uses(_ tool: String) -> Bool {
      text.contains("[tool.\(tool)") || text.contains("\"\(tool)") || text.contains("'\(tool)")
    }
    let sources = ["*.py", "*.pyi"]
    var checks: [CheckDraft] = []
    var tools: [String] = []
    if uses("ruff") { checks.append(fileCheck("ruff", .argv(["ruff", "check", "--quiet"]), files: sources)); tools.append("ruff") }
    if uses("black") { checks.append(fileCheck("black", .argv(["black", "--check", "--quiet"]), files: sources)); tools.append("black") }
    if uses("mypy") { checks.append(fileCheck("mypy", .argv(["mypy"]), files: sources)); tools.append("mypy") }
    if checks.isEmpty { checks.append(fileCheck("python-compile", .argv(["python3", "-m", "py_compile"]), files: ["*.py"])) }
    if uses("pytest") {
      checks.append(check("pytest", ["python3", "-m", "pytest", "-q"], files: ["*.py", "pyproject.toml"], stage: .prePush, timeout: "20m"))
      tools.append("pytest")
    }
    return (path("pyproject.toml") + (tools.isEmpty ? "" : " (" + tools.joined(separator: ", ") + ")"), checks)
  }
}

/// The targets a Makefile defines (`name:` at the start of a line, not `name :=`).
enum MakefileTargets {
  static func targets(_ text: String) -> Set<String> {
    var targets: Set<String> = []
    for line in text.split(separator: "\n") {
      guard let first = line.first, first.isLetter || first.isNumber || first == "_" else { continue }
      guard let colon = line.firstIndex(of: ":") else { continue }
      let after = line[line.index(after: colon)...]
      if after.hasPrefix("=") || after.hasPrefix(":=") { continue }
      let head = line[..<colon]
      if head.contains("=") || head.contains("$") { continue }
      for name in head.split(separator: " ") { targets.insert(String(name)) }
    }
    return targets
  }
}
