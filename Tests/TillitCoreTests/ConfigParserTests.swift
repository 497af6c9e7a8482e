import Testing
@testable import TillitCore

@Suite struct ConfigParserTests {
  @Test func readsTheDocumentedExample() throws {
    let config = try ConfigParser().parse(
      """
      jobs: 3
      checks:
        - name: unit
          run: [swift, test]
          files: ["Sources/**/*.swift", "Tests/**"]
          timeout: 10m
        - name: no-trailing-space
          run: [scripts/no-trailing-space]
          files: ["**/*.md"]
          exclude: ["vendor/**"]
          pass-files: true
          isolation: worktree
        - name: integration
          run: "make integration"   # a string runs under sh -c
          stage: pre-push
          timeout: 1h30m
      """)
    #expect(config.jobs == 3)
    #expect(config.checks.map(\.name) == ["unit", "no-trailing-space", "integration"])
    #expect(config.checks[0].command == .argv(["swift", "test"]))
    #expect(config.checks[0].timeout == 600)
    #expect(config.checks[0].stage == .preCommit)
    #expect(config.checks[0].isolation == .snapshot)
    #expect(config.checks[1].passFiles)
    #expect(config.checks[1].isolation == .worktree)
    #expect(config.checks[2].command == .shell("make integration"))
    #expect(config.checks[2].command.argv == ["sh", "-c", "make integration", "sh"])
    #expect(config.checks[2].stage == .prePush)
    #expect(config.checks[2].timeout == 5400)
  }

  @Test func outputSaysHowMuchOfAFailureIsShownAndIsNoPartOfTheApproval() throws {
    let config = try ConfigParser().parse("checks:\n  - name: a\n    run: [x]\n    output: full\n  - name: b\n    run: [x]\n")
    #expect(config.checks.map(\.output) == [.full, .tail])
    var tail = config.checks[0]
    tail.output = .tail
    #expect(tail.fingerprint == config.checks[0].fingerprint)
    #expect(tail.approvedSettings.map(\.value) == config.checks[0].approvedSettings.map(\.value))
  }

  @Test(arguments: [
    ("checks:\n  - name: a\n    run: [x]\n    timeout: soon\n", ".tillit.yml line 4: 'timeout' must be a duration like 30s, 5m or 1h"),
    ("checks:\n  - name: a\n    run: [x]\n    timeout: 1e300\n", ".tillit.yml line 4: 'timeout' must be a duration like 30s, 5m or 1h"),
    ("reviewers:\n  inactive-after: inf\n", ".tillit.yml line 2: 'inactive-after' must be a duration like 90d or 12w"),
    ("reviewers:\n  inactive-after: 1e300\n", ".tillit.yml line 2: 'inactive-after' must be a duration like 90d or 12w"),
    ("checks:\n  - name: a\n    run: [x]\n    fils: [a]\n", ".tillit.yml line 4: 'fils' is not a known check key"),
    ("checks:\n  - name: a\n    run: [x]\n    stage: commit\n", ".tillit.yml line 4: 'stage' must be one of: pre-commit, commit-msg, pre-push"),
    ("checks:\n  - name: a\n    run: [x]\n    output: all\n", ".tillit.yml line 4: 'output' must be one of: tail, full"),
    ("checks:\n  - name: a\n    run: [x]\n    pass-files: maybe\n", ".tillit.yml line 4: 'pass-files' must be true or false"),
    ("checks:\n  - name: a\n", ".tillit.yml line 2: 'run' is missing for check 'a'"),
    ("checks:\n  - run: [x]\n", ".tillit.yml line 2: 'name' is missing"),
    ("checks:\n  - name: a\n    run: [x]\n  - name: a\n    run: [y]\n", "'name' 'a' is used by two checks"),
    ("check:\n  - name: a\n", ".tillit.yml line 1: 'check' is not a known key; expected one of: checks, jobs"),
    ("jobs: 0\n", ".tillit.yml line 1: 'jobs' must be a whole number"),
    ("checks: [a\n", ".tillit.yml line 1: opens a list"),
    ("checks:\n  - name: a\n    run: []\n", ".tillit.yml line 3: 'run' must be a command list"),
    ("checks:\n  - name: a\n    run: [x]\n    files: [\"[abc\"]\n", "'files' pattern '[abc' cannot be read"),
  ])
  func reportsFileLineAndKey(text: String, expected: String) {
    do throws(ConfigError) {
      _ = try ConfigParser().parse(text)
      Issue.record("accepted \(text.debugDescription)")
    } catch {
      #expect(error.description.contains(expected), "\(error.description)")
      #expect(!error.description.contains("\n"))
    }
  }

  @Test func durationsReadAsSeconds() {
    #expect(DurationParser.seconds("90") == 90)
    #expect(DurationParser.seconds("30s") == 30)
    #expect(DurationParser.seconds("1.5m") == 90)
    #expect(DurationParser.seconds("1h30m") == 5400)
    #expect(DurationParser.seconds("0s") == nil)
    #expect(DurationParser.seconds("5 minutes") == nil)
    #expect(DurationParser.seconds("m") == nil)
  }

  @Test func starterConfigsParse() throws {
    for files in [Set<String>(), ["Package.swift"], ["Cargo.toml", "Makefile"], ["pyproject.toml", "package.json", "go.mod"]] {
      let config = try ConfigParser().parse(StarterConfig.text(forRootFiles: files))
      #expect(!config.checks.isEmpty)
    }
    let swift = try ConfigParser().parse(StarterConfig.text(forRootFiles: ["Package.swift"]))
    #expect(swift.checks.map(\.name).contains("swift-build"))
  }
}

@Suite struct BuiltinConfigTests {
  @Test func aBuiltinTakesItsNameDefaultFilesFixAndOptions() throws {
    let config = try ConfigParser().parse(
      """
      checks:
        - builtin: check-yaml
          allow-multiple-documents: true
        - name: ws
          builtin: trailing-whitespace
          markdown-linebreak-ext: [md, markdown]
          exclude: ["vendor/**"]
        - builtin: large-files
          max-kb: 1000
      """)
    #expect(config.checks.map(\.name) == ["yaml-syntax", "ws", "large-files"])
    #expect(config.checks[0].command == .builtin(BuiltinCall(name: "yaml-syntax", options: ["allow-multiple-documents": "true"])))
    #expect(config.checks[0].files.map(\.pattern).contains("**/*.yml"))
    #expect(!config.checks[0].fix)
    #expect(config.checks[1].fix && config.checks[1].passFiles)
    #expect(config.checks[1].builtin?.options == ["markdown-linebreak-ext": "md,markdown"])
    #expect(config.checks[2].command.argv == ["large-files", "max-kb=1000"])
  }

  @Test func mistakesInABuiltinAreNamed() {
    let cases: [(String, String)] = [
      ("checks:\n  - builtin: spelling\n", "'spelling' is not a built-in check"),
      ("checks:\n  - builtin: large-files\n    maxkb: 3\n", "is not a known key of the built-in check 'large-files'"),
      ("checks:\n  - builtin: large-files\n    max-kb: lots\n", "must be a whole number"),
      ("checks:\n  - builtin: json-syntax\n    run: [x]\n", "cannot be used with run"),
      ("checks:\n  - builtin: json-syntax\n    isolation: worktree\n", "does not apply to the built-in check 'json-syntax'"),
      ("checks:\n  - builtin: json-syntax\n    fix: true\n", "it reports, it does not fix"),
      ("checks:\n  - builtin: mixed-line-ending\n    line-ending: unix\n", "must be one of: auto, lf, crlf, cr"),
      ("checks:\n  - name: x\n    run: [x]\n    max-kb: 3\n", "is not a known check key"),
    ]
    for (text, problem) in cases {
      #expect(throws: ConfigError.self) { try ConfigParser().parse(text) }
      do {
        _ = try ConfigParser().parse(text)
      } catch {
        #expect("\(error)".contains(problem), "\(error)")
      }
    }
  }
}
