import Testing
import TillitGit
@testable import TillitCore

/// A `.tillit.yml` in a folder, and `root:`: what the parser makes of them.
@Suite struct NestedConfigTests {
  @Test func aNestedFilesChecksAreNamedByItsFolderAndRootedThere() throws {
    let config = try ConfigParser(folder: RepoPath("web")).parse(
      """
      share: [node_modules]
      checks:
        - name: lint
          run: "eslint \\"$@\\""
          files: ["src/*.js"]
          exclude: ["src/vendor.js"]
        - name: sub
          run: [make]
          root: admin/
          share: [.venv]
      """)
    #expect(config.checks.map(\.name) == ["web/lint", "web/sub"])
    #expect(config.checks.map(\.root) == [RepoPath("web"), RepoPath("web/admin")])
    #expect(config.checks[0].share == [RepoPath("web/node_modules")])
    // share: names folders from the file's folder, as the top file's do from the repository's root.
    #expect(config.checks[1].share == [RepoPath("web/node_modules"), RepoPath("web/.venv")])
    let lint = config.checks[0]
    #expect(lint.concerns(RepoPath("web/src/a.js")))
    #expect(!lint.concerns(RepoPath("src/a.js")))
    #expect(!lint.concerns(RepoPath("web/src/vendor.js")))
    #expect(!lint.concerns(RepoPath("webby/src/a.js")))
    #expect(lint.relative(RepoPath("web/src/a.js")) == RepoPath("src/a.js"))
    // The folder is part of what is approved, and of the cache key.
    #expect(lint.approvedSettings.contains { $0.key == "root" && $0.value == "web" })
    #expect(lint.fingerprint.contains("root=web"))
  }

  @Test func theFoldersOfChangedPathsAreWhereNestedFilesAreLookedFor() {
    let paths = ["README.md", "web/a.js", "web/b.js", "web/src/deep/c.js", "api/x.py"].map(RepoPath.init)
    #expect(ConfigFiles.folders(holding: paths).map(\.description) == ["api", "web", "web/src", "web/src/deep"])
  }

  @Test(arguments: ["jobs: 2", "people:\n  bots: [x]", "ignore: [\"*.md\"]", "reviewers:\n  count: 2", "ship:\n  branches: [main]"])
  func aNestedFileRefusesRepositoryWideKeys(line: String) {
    #expect {
      try ConfigParser(folder: RepoPath("web")).parse(line + "\nchecks: []\n")
    } throws: { error in
      let text = "\(error)"
      return text.hasPrefix("web/.tillit.yml line 1: '\(line.prefix { $0 != ":" })'") && text.contains("only the .tillit.yml at the root of the repository")
    }
  }

  @Test func theTopFileTakesRootForOneCheckAndKeepsItsNames() throws {
    let config = try ConfigParser().parse("checks:\n  - name: lint\n    run: [eslint]\n    root: ./web/\n    files: [\"*.js\"]\n")
    #expect(config.checks[0].name == "lint")
    #expect(config.checks[0].root == RepoPath("web"))
    #expect(config.checks[0].concerns(RepoPath("web/a/b.js")) && !config.checks[0].concerns(RepoPath("b.js")))
    let plain = try ConfigParser().parse("checks:\n  - name: lint\n    run: [eslint]\n")
    #expect(!plain.checks[0].approvedSettings.contains { $0.key == "root" }, "a check without root: would need approving again")
  }

  @Test(arguments: ["/web", "../web", "web/../x", ".git", "\"\""])
  func aRootOutsideTheRepositoryIsRefused(root: String) {
    #expect(throws: ConfigError.self) { try ConfigParser().parse("checks:\n  - name: lint\n    run: [eslint]\n    root: \(root)\n") }
  }

  @Test func aProgramIsFoundFromTheChecksRoot() {
    #expect(CommandPrograms.paths(of: .argv(["./lint.sh"]), in: RepoPath("web")) == [RepoPath("web/lint.sh")])
    #expect(CommandPrograms.paths(of: .shell("../tools/check && sh run.sh"), in: RepoPath("web")) == [RepoPath("tools/check"), RepoPath("web/run.sh")])
    #expect(CommandPrograms.paths(of: .argv(["../../outside"]), in: RepoPath("web")).isEmpty)
  }

  @Test func lefthooksRootBecomesRoot() throws {
    let conversion = try LefthookConversion.convert(
      "pre-commit:\n  commands:\n    eslint:\n      root: web/\n      glob: \"*.js\"\n      run: npx eslint {staged_files}\n")
    let draft = conversion.checks[0]
    #expect(draft.root == "web")
    #expect(draft.files == ["*.js"] && draft.passFiles)
    #expect(draft.run == .shell("npx eslint \"$@\""))
    let text = ConfigDraft.text(header: [], checks: conversion.checks)
    let parsed = try ConfigParser().parse(text)
    #expect(parsed.checks[0].root == RepoPath("web"))
    #expect(parsed.checks[0].concerns(RepoPath("web/src/a.js")) && !parsed.checks[0].concerns(RepoPath("src/a.js")))
  }
}
