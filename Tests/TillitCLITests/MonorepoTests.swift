import Foundation
import Testing
import TillitTestSupport

/// A `.tillit.yml` in a folder applies to that folder: its patterns, its working folder and the
/// files it is given are relative to it, and it is approved like the top one. A check of the top
/// file does the same for one folder with `root:`.
@Suite struct MonorepoTests {
  /// A check that writes where it ran and the files it was given, under `OUT/<label>-cwd` and `-files`.
  static func recording(_ label: String, files: String) -> String {
    """
    checks:
      - name: lint
        run: 'pwd > "$OUT/\(label)-cwd"; printf "%s\\n" "$@" > "$OUT/\(label)-files"'
        files: \(files)
        pass-files: true

    """
  }

  /// A repository whose top `.tillit.yml` has no checks, with the nested files given committed
  /// (as a pull would bring them) and approved with `tillit trust`.
  static func monorepo(_ nested: [String: String], top: String = "checks: []\n") throws -> HookedRepo {
    let hooked = try HookedRepo(config: top)
    for (path, text) in nested { try hooked.repo.write(path, text) }
    try hooked.repo.git(["add", "-A"])
    try hooked.repo.git(["commit", "-q", "--no-verify", "-m", "subprojects"])
    let trusted = try hooked.repo.tillit(["trust"])
    guard trusted.status == 0 else { throw TestFailure("tillit trust failed: \(trusted.output)") }
    return hooked
  }

  @Test func twoSubprojectsRunEachInItsFolderWithItsOwnFiles() throws {
    let hooked = try Self.monorepo([
      "web/.tillit.yml": Self.recording("web", files: "[\"src/*.js\"]"),
      "api/.tillit.yml": Self.recording("api", files: "[\"*.py\"]"),
    ])
    // Paths a repository-wide reading of the patterns would also take: src/app.js, web/tools/x.py.
    for path in ["web/src/a.js", "web/src/b.js", "web/README.md", "web/tools/x.py", "api/main.py", "api/lib/util.py", "src/app.js"] {
      try hooked.repo.write(path, "x\n")
    }
    try hooked.repo.git(["add", "-A"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    #expect(hooked.outText("web-files") == "src/a.js\nsrc/b.js\n")
    #expect(hooked.outText("api-files") == "lib/util.py\nmain.py\n")
    let webFolder = hooked.outText("web-cwd") ?? ""
    let apiFolder = hooked.outText("api-cwd") ?? ""
    #expect(webFolder.contains("/.git/tillit/snapshots/slot-") && webFolder.hasSuffix("/web\n"), "\(webFolder)")
    #expect(apiFolder.contains("/.git/tillit/snapshots/slot-") && apiFolder.hasSuffix("/api\n"), "\(apiFolder)")
    // Each check is shown with the file it comes from.
    #expect(result.output.contains("web/.tillit.yml: lint"), "\(result.output)")
    #expect(result.output.contains("api/.tillit.yml: lint"), "\(result.output)")

    // A check of one subproject is named by its folder; its plain name names the checks of every file.
    try hooked.repo.write("web/src/a.js", "y\n")
    try hooked.repo.write("api/main.py", "y\n")
    try hooked.repo.git(["add", "-A"])
    let only = try hooked.repo.tillit(["check", "--only", "web/lint", "--format", "json"], environment: hooked.environment)
    #expect(only.status == 0, "\(only.output)")
    #expect(only.stdout.contains("\"name\": \"web/lint\"") && only.stdout.contains("\"config\": \"web/.tillit.yml\""), "\(only.stdout)")
    #expect(only.stdout.components(separatedBy: "not in --only").count == 2, "\(only.stdout)")
    let both = try hooked.repo.tillit(["check", "--only", "lint", "--no-cache"], environment: hooked.environment)
    #expect(both.status == 0 && !both.stdout.contains("not in --only"), "\(both.output)")
  }

  @Test func aChangeOutsideEveryNestedFolderRunsOnlyTheTopChecks() throws {
    let hooked = try Self.monorepo(
      ["web/.tillit.yml": Self.recording("web", files: "[\"*\"]")],
      top: "checks:\n  - name: top\n    run: 'pwd > \"$OUT/top-cwd\"'\n")
    try hooked.repo.write("notes.txt", "x\n")
    try hooked.repo.write("web/a.txt", "x\n")
    try hooked.repo.git(["add", "notes.txt"])
    #expect(try hooked.commit().status == 0)
    #expect(hooked.outFile("top-cwd") != nil)
    #expect(hooked.outFile("web-files") == nil)
    // The top file's checks see the whole repository, nested folders included.
    try FileManager.default.removeItem(atPath: hooked.out + "/top-cwd")
    try hooked.repo.git(["add", "web/a.txt"])
    #expect(try hooked.commit().status == 0)
    #expect(hooked.outFile("top-cwd") != nil && hooked.outText("web-files") == "a.txt\n")
  }

  @Test func anUnapprovedNestedConfigDoesNotRun() throws {
    let hooked = try HookedRepo(config: "checks: []\n")
    try hooked.repo.write("web/.tillit.yml", Self.recording("web", files: "[\"*.js\"]"))
    try hooked.repo.git(["add", "web/.tillit.yml"])
    try hooked.repo.git(["commit", "-q", "--no-verify", "-m", "pulled"])  // as a pull would bring it
    try hooked.repo.write("web/a.js", "x\n")
    try hooked.repo.git(["add", "web/a.js"])
    let blocked = try hooked.commit()
    #expect(blocked.status != 0, "\(blocked.output)")
    #expect(blocked.output.contains("web/.tillit.yml has commands this clone has not approved"), "\(blocked.output)")
    #expect(blocked.output.contains("web/lint (pre-commit, snapshot, pass-files, root: web)"), "\(blocked.output)")
    #expect(blocked.output.contains("tillit trust"), "\(blocked.output)")
    #expect(hooked.outFile("web-files") == nil, "an unapproved nested check ran")

    let shown = try hooked.repo.tillit(["trust", "--show"])
    #expect(shown.stdout.contains("web/.tillit.yml (staged), not approved yet"), "\(shown.output)")
    #expect(shown.stdout.contains(".tillit.yml (staged), approved"), "\(shown.output)")
    #expect(try hooked.repo.tillit(["trust"]).status == 0)
    let passed = try hooked.commit()
    #expect(passed.status == 0, "\(passed.output)")
    #expect(hooked.outText("web-files") == "a.js\n")
  }

  @Test func aCheckOfTheTopFileRunsInItsRoot() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: lint
            root: web/
            run: 'pwd > "$OUT/cwd"; printf "%s\\n" "$@" > "$OUT/files"'
            files: ["*.js"]
            pass-files: true

        """)
    try hooked.repo.write("web/src/a.js", "x\n")
    try hooked.repo.write("b.js", "x\n")
    try hooked.repo.write("webby/c.js", "x\n")
    try hooked.repo.git(["add", "-A"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    #expect(hooked.outText("files") == "src/a.js\n")
    #expect(hooked.outText("cwd")?.hasSuffix("/web\n") == true, "\(hooked.outText("cwd") ?? "")")
    // A check of the top file keeps its plain name.
    #expect(result.output.contains(" lint ") && !result.output.contains(".tillit.yml: lint"), "\(result.output)")
  }

  @Test func aNestedConfigWithARepositoryWideKeyIsRefused() throws {
    let hooked = try HookedRepo(config: "checks: []\n")
    try hooked.repo.write("web/.tillit.yml", "reviewers:\n  count: 2\n" + Self.recording("web", files: "[\"*.js\"]"))
    try hooked.repo.write("web/a.js", "x\n")
    try hooked.repo.git(["add", "-A"])
    let refused = try hooked.commit()
    #expect(refused.status != 0, "\(refused.output)")
    #expect(refused.output.contains("web/.tillit.yml line 1: 'reviewers'"), "\(refused.output)")
    #expect(refused.output.contains("only the .tillit.yml at the root of the repository"), "\(refused.output)")
    #expect(hooked.outFile("web-files") == nil)
  }

  @Test func aNestedConfigRemovedFromTheIndexNoLongerRuns() throws {
    let hooked = try Self.monorepo(["web/.tillit.yml": Self.recording("web", files: "[\"*.js\"]")])
    try hooked.repo.write("web/a.js", "x\n")
    try hooked.repo.git(["add", "web/a.js"])
    #expect(try hooked.commit().status == 0)
    #expect(hooked.outText("web-files") == "a.js\n")
    try FileManager.default.removeItem(atPath: hooked.out + "/web-files")
    // Removed from what is staged, kept in the work tree: only what is staged counts.
    try hooked.repo.git(["rm", "-q", "--cached", "web/.tillit.yml"])
    try hooked.repo.write("web/a.js", "y\n")
    try hooked.repo.git(["add", "web/a.js"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    #expect(hooked.outFile("web-files") == nil, "a check of a removed configuration ran")
  }

  @Test func aNestedConfigMovedWithItsFolderRunsInTheNewFolderOnceApproved() throws {
    let hooked = try Self.monorepo(["web/.tillit.yml": Self.recording("web", files: "[\"*.js\"]"), "web/a.js": "x\n"])
    try hooked.repo.git(["mv", "web", "app"])
    try hooked.repo.write("app/b.js", "x\n")
    try hooked.repo.git(["add", "app/b.js"])
    // The same text in another folder runs elsewhere, on other files: approved anew.
    let blocked = try hooked.commit()
    #expect(blocked.status != 0, "\(blocked.output)")
    #expect(blocked.output.contains("app/.tillit.yml has commands this clone has not approved"), "\(blocked.output)")
    #expect(!blocked.output.contains("web/.tillit.yml"), "\(blocked.output)")
    #expect(try hooked.repo.tillit(["trust"]).status == 0)
    let passed = try hooked.commit()
    #expect(passed.status == 0, "\(passed.output)")
    #expect(hooked.outText("web-files") == "a.js\nb.js\n")
    #expect(hooked.outText("web-cwd")?.hasSuffix("/app\n") == true)
  }

  /// `cd web && eslint` needs web/node_modules: shared beside web/package.json, as the root's is.
  @Test func aSubprojectsIgnoredDependenciesAreSharedIntoItsFolder() throws {
    let hooked = try Self.monorepo([
      "web/.tillit.yml": "checks:\n  - name: deps\n    run: 'cat node_modules/tool/version > \"$OUT/version\"'\n",
      "web/package.json": "{}\n", ".gitignore": "node_modules/\n",
    ])
    try hooked.repo.write("web/node_modules/tool/version", "1.2.3\n")
    try hooked.repo.write("web/a.js", "x\n")
    try hooked.repo.git(["add", "web/a.js"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    #expect(hooked.outText("version") == "1.2.3\n")
  }

  @Test func aNestedBuiltinLooksOnlyAtItsFolder() throws {
    let hooked = try Self.monorepo(["web/.tillit.yml": "checks:\n  - name: spaces\n    builtin: trailing-whitespace\n    files: [\"/*.md\"]\n    fix: false\n"])
    try hooked.repo.write("notes.md", "top \n")
    try hooked.repo.write("web/deep/a.md", "deep \n")
    try hooked.repo.write("web/ok.md", "fine\n")
    try hooked.repo.git(["add", "-A"])
    #expect(try hooked.commit().status == 0, "a built-in of web/ looked outside web/*.md")
    try hooked.repo.write("web/bad.md", "bad \n")
    try hooked.repo.git(["add", "web/bad.md"])
    let failed = try hooked.commit()
    #expect(failed.status != 0, "\(failed.output)")
    #expect(failed.output.contains("web/.tillit.yml: spaces") && failed.output.contains("web/bad.md"), "\(failed.output)")
  }
}
