import Testing
import TillitGit
import TillitTestSupport
@testable import TillitCore

/// `tillit init`'s conversions of real configurations: what each converts, what it lists as not
/// converted and why, and that the result is a `.tillit.yml` Tillit reads.
@Suite struct MigrationTests {
  func parsed(_ conversion: Conversion) throws -> ProjectConfig {
    try ConfigParser().parse(conversion.configText)
  }

  @Test func preCommitsOwnConfiguration() throws {
    let conversion = try PreCommitConversion.convert(HookManagerConfigs.preCommit)
    #expect(conversion.checks.map(\.name) == ["trailing-whitespace", "end-of-file-fixer", "check-yaml"])
    #expect(conversion.checks.map(\.builtin) == ["trailing-whitespace", "end-of-file", "yaml-syntax"])
    #expect(
      conversion.skipped.map(\.hook) == [
        "debug-statements", "double-quote-string-fixer", "name-tests-test", "requirements-txt-fixer",
        "setup-cfg-fmt", "reorder-python-imports", "add-trailing-comma", "pyupgrade", "autopep8", "flake8", "mypy",
      ])
    #expect(conversion.skipped.first { $0.hook == "mypy" }?.reason.contains("https://github.com/pre-commit/mirrors-mypy at v2.3.1") == true)
    #expect(conversion.skipped.first { $0.hook == "mypy" }?.reason.contains("environment of its own language") == true)
    let config = try parsed(conversion)
    #expect(config.checks.map(\.name) == ["trailing-whitespace", "end-of-file-fixer", "check-yaml"])
    #expect(config.checks[0].fix)
  }

  @Test func lefthooksOwnConfiguration() throws {
    let conversion = try LefthookConversion.convert(HookManagerConfigs.lefthook, file: ".lefthook.yml")
    #expect(conversion.checks.map(\.name) == ["golang-make-lint", "golang-make-test", "check-links", "typos", "update-json-schema"])
    #expect(conversion.skipped == [Conversion.Skipped(hook: "lint", reason: "the whole lint hook: not a git hook (lefthook runs it with `lefthook run lint`)")])
    let links = try #require(conversion.checks.first { $0.name == "check-links" })
    #expect(links.run == .shell("lychee --max-concurrency 3 -- \"$@\""))
    #expect(links.files == ["*.md"] && links.exclude == ["CHANGELOG.md"] && links.passFiles)
    let lint = try #require(conversion.checks.first { $0.name == "golang-make-lint" })
    #expect(lint.files == ["*.go"] && lint.fix == true && lint.onFix == .continue)
    #expect(conversion.review.contains { $0.contains("setup 'command -v typos || brew install typos-cli'") })
    #expect(conversion.review.contains { $0.contains("update JSON schema: it stages files with git add") })
    let config = try parsed(conversion)
    #expect(config.checks.count == 5)
    #expect(config.checks.first { $0.name == "typos" }?.onFix == .continue)
  }

  @Test func poetrysConfiguration() throws {
    let conversion = try PreCommitConversion.convert(HookManagerConfigs.poetry)
    #expect(
      conversion.checks.map(\.name) == [
        "trailing-whitespace", "end-of-file-fixer", "check-merge-conflict", "check-case-conflict", "check-json", "check-toml", "check-yaml",
      ])
    #expect(
      conversion.skipped.map(\.hook) == [
        "pretty-format-json", "check-ast", "debug-statements", "check-docstring-first", "validate_manifest", "ruff-check", "ruff-format", "zizmor",
      ])
    let toml = try #require(conversion.checks.first { $0.name == "check-toml" })
    #expect(toml.exclude == ["**/tests/fixtures/invalid_lock/poetry.lock*", "**/tests/fixtures/invalid_lock/poetry.lock*/**"])
    let config = try parsed(conversion)
    let eof = try #require(config.checks.first { $0.name == "end-of-file-fixer" })
    #expect(!eof.concerns(RepoPath("poetry.egg-info/PKG-INFO")))
    #expect(eof.concerns(RepoPath("src/poetry/egg.py")))
  }

  @Test func localHooksKeepTheirSettings() throws {
    let conversion = try PreCommitConversion.convert(
      """
      default_stages: [pre-commit]
      exclude: ^vendor/
      repos:
        - repo: local
          hooks:
            - id: pylint
              name: pylint
              entry: pylint --rcfile "setup cfg"
              language: system
              args: [-j, "4"]
              types: [python]
              require_serial: true
            - id: schema
              entry: ./scripts/check-schema
              language: script
              files: ^schema/.*\\.json$
              pass_filenames: false
              always_run: true
              stages: [pre-push, commit-msg, manual]
            - id: deps
              entry: deps-check
              language: python
              additional_dependencies: [requests]
            - id: no-todo
              entry: TODO
              language: pygrep
              types_or: [markdown, rst]
            - id: no-orig
              entry: do not commit .orig files
              language: fail
              files: \\.orig$
            - id: hadolint
              entry: hadolint/hadolint hadolint
              language: docker_image
        - repo: meta
          hooks:
            - id: check-useless-excludes
        - repo: https://github.com/pre-commit/pre-commit-hooks
          rev: v6.0.0
          hooks:
            - id: check-merge-conflict
              args: [--assume-in-merge]
            - id: check-added-large-files
              args: ['--maxkb=500']
            - id: mixed-line-ending
              args: [--fix=no]
      """)
    #expect(
      conversion.checks.map(\.name) == [
        "pylint", "schema", "schema-commit-msg", "no-todo", "no-orig", "check-merge-conflict", "check-added-large-files", "mixed-line-ending",
      ])
    let pylint = conversion.checks[0]
    #expect(pylint.run == .argv(["pylint", "--rcfile", "setup cfg", "-j", "4"]))
    #expect(pylint.files == ["*.py", "*.pyi", "*.pyw"] && pylint.exclude == ["vendor/**"] && pylint.passFiles)
    let schema = conversion.checks[1]
    #expect(schema.run == .argv(["./scripts/check-schema"]) && !schema.passFiles && schema.files.isEmpty && schema.stage == .prePush)
    #expect(conversion.checks[2].stage == .commitMessage)
    #expect(conversion.checks[3].files == ["*.markdown", "*.md", "*.rst"])
    #expect(conversion.checks[4].files == ["*.orig"] && conversion.checks[4].passFiles)
    #expect(conversion.checks[5].run == .builtin("merge-conflict", options: [("assume-in-merge", "true")]))
    #expect(conversion.checks[6].run == .builtin("large-files", options: [("max-kb", "500")]))
    #expect(conversion.checks[7].fix == false)
    #expect(conversion.skipped.map(\.hook) == ["deps", "hadolint", "check-useless-excludes"])
    #expect(conversion.skipped[0].reason.contains("additional_dependencies [requests]"))
    #expect(conversion.review.contains { $0.contains("schema: always_run") })
    #expect(conversion.review.contains { $0.contains("stages manual") })
    let config = try parsed(conversion)
    #expect(config.checks.first { $0.name == "pylint" }?.concerns(RepoPath("vendor/a.py")) == false)
    #expect(config.checks.first { $0.name == "pylint" }?.concerns(RepoPath("src/a.py")) == true)
  }

  @Test(arguments: [
    ("^docs/", ["docs/**"]),
    ("\\.py$", ["*.py"]),
    ("^setup\\.py$", ["/setup.py"]),
    ("^(src|tests)/.*\\.py$", ["src/**/*.py", "tests/**/*.py"]),
    ("^.*\\.egg-info/", ["**/*.egg-info/**"]),
    ("^pre_commit/resources/", ["pre_commit/resources/**"]),
    ("^vendor/|\\.min\\.js$", ["vendor/**", "*.min.js"]),
  ])
  func regularExpressionsBecomePatterns(regex: String, globs: [String]) {
    #expect(RegexPatterns.globs(regex) == globs)
  }

  @Test func expressionsWithoutPatternsAreRefused() {
    for regex in ["(?x)^(a|b)$", "^a[0-9]+/", "foo\\d"] { #expect(RegexPatterns.globs(regex) == nil, "\(regex)") }
  }

  @Test func lefthookCommandsScriptsRootAndStages() throws {
    let conversion = try LefthookConversion.convert(
      """
      pre-commit:
        commands:
          eslint:
            root: web/
            glob: "*.{js,ts}"
            run: npx eslint {staged_files}
          gen:
            glob: "src/*.proto"
            run: make proto
            skip:
              - merge
          off:
            run: echo never
            skip: true
        scripts:
          "check.sh":
            runner: bash
      commit-msg:
        commands:
          lint-message:
            run: commitlint --edit {1}
      pre-push:
        commands:
          audit:
            run: npm audit {push_files}
            env:
              CI: "1"
      post-checkout:
        commands:
          deps:
            run: npm install
      """)
    #expect(conversion.checks.map(\.name) == ["eslint", "gen", "check.sh", "lint-message", "audit"])
    let eslint = conversion.checks[0]
    #expect(eslint.files == ["*.js", "*.ts"] && eslint.passFiles && eslint.root == "web")
    #expect(eslint.run == .shell("npx eslint \"$@\""))
    #expect(conversion.checks[1].files == ["src/**/*.proto"])
    #expect(conversion.checks[2].run == .shell("bash .lefthook/pre-commit/check.sh"))
    #expect(conversion.checks[3].run == .shell("commitlint --edit \"$1\"") && conversion.checks[3].stage == .commitMessage)
    #expect(conversion.checks[4].run == .shell("export CI=1; npm audit \"$@\"") && conversion.checks[4].stage == .prePush)
    #expect(conversion.skipped.map(\.hook) == ["pre-commit: off", "post-checkout"])
    #expect(conversion.review.contains { $0.contains("gen: its skip conditions") })
    _ = try parsed(conversion)
  }

  @Test func huskyScriptsAndVersionFourHooks() throws {
    let conversion = HuskyConversion.convert(
      scripts: ["pre-commit": "npx lint-staged\n", "commit-msg": "npx --no -- commitlint --edit $1\n", "post-merge": "npm install\n"],
      packageJSON: #"{"husky": {"hooks": {"pre-push": "npm test", "commit-msg": "commitlint -E HUSKY_GIT_PARAMS"}}}"#)
    #expect(conversion.checks.map(\.name) == ["husky-commit-msg", "husky-pre-commit", "husky-pre-push", "husky-commit-msg-2"])
    #expect(conversion.checks[1].run == .argv(["sh", ".husky/pre-commit"]) && conversion.checks[1].isolation == .worktree)
    #expect(conversion.checks[0].stage == .commitMessage)
    #expect(conversion.skipped.map(\.hook) == ["post-merge"])
    #expect(conversion.review.contains { $0.contains("lint-staged") })
    _ = try parsed(conversion)
  }

  @Test func theStarterFindsToolsSubprojectsAndTargets() throws {
    let project = ProjectFolder.files([
      "go.mod": "module example.com/bug\n",
      "Makefile": "GO := go\nall: build\nbuild:\n\t$(GO) build\nlint: build\n\tgolangci-lint run\n",
      "webui/package.json": #"{"scripts": {"lint": "eslint .", "test": "vitest", "build": "vite build"}}"#,
      "webui/pnpm-lock.yaml": "",
      "tools/pyproject.toml": "[project]\ndependencies = [\"pytest>=8\"]\n[tool.ruff]\nline-length = 100\n",
      "node_modules/x/package.json": #"{"scripts": {"lint": "x"}}"#,
    ])
    let found = ProjectDetection.detect(project)
    #expect(found.checks.map(\.name) == ["go-vet", "gofmt", "go-test", "make-lint", "tools-ruff", "tools-pytest", "webui-pnpm-lint", "webui-pnpm-test"])
    #expect(found.sources == ["go.mod", "Makefile (lint)", "tools/pyproject.toml (ruff, pytest)", "webui/package.json (lint, test)"])
    let lint = try #require(found.checks.first { $0.name == "webui-pnpm-lint" })
    #expect(lint.run == .shell("cd webui && pnpm run lint") && lint.files.contains("webui/**/*.mjs"))
    let text = StarterConfig.text(for: project)
    let config = try ConfigParser().parse(text)
    #expect(config.checks.count == 9)
    // Every key the file uses is explained in it, and the reference is named without a URL.
    for key in ["name", "run", "builtin", "files", "stage", "pass-files", "timeout"] { #expect(text.contains("#   \(key): "), "\(key)") }
    #expect(!text.contains("#   exclude: ") && text.contains("`tillit help config`") && !text.contains("http"))
  }
}
