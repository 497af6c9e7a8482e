import Foundation
import Testing
import TillitTestSupport

@Suite struct CheckCommandTests {
  @Test func aMalformedConfigIsOneLineWithFileLineAndKeyAndExit2() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: a\n    run: [x]\n")
    try hooked.repo.write(".tillit.yml", "checks:\n  - name: a\n    run: [x]\n    timeout: forever\n")
    try hooked.repo.git(["add", ".tillit.yml"])
    let result = try hooked.repo.tillit(["check"])
    #expect(result.status == 2)
    #expect(result.stderr == "tillit: .tillit.yml line 4: 'timeout' must be a duration like 30s, 5m or 1h\n")
    let hook = try hooked.commit()
    #expect(hook.status != 0)
    #expect(hook.output.contains(".tillit.yml line 4: 'timeout'"))
  }

  @Test func aPassIsRememberedByItsInputAndNoCacheRunsAgain() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: count
            run: "echo ran >> \\"$OUT/runs\\""
            files: ["src/**"]
        """, files: ["src/a.c": "int a;\n", "docs/x.md": "x\n"])
    let first = try hooked.repo.tillit(["check", "--all"], environment: hooked.environment)
    #expect(first.status == 0)
    #expect(first.stdout.contains("passed"))
    let second = try hooked.repo.tillit(["check", "--all"], environment: hooked.environment)
    #expect(second.stdout.contains("cached"))
    #expect(hooked.outText("runs") == "ran\n")
    // Another file outside the check's inputs changes nothing.
    try hooked.repo.write("docs/x.md", "changed\n")
    try hooked.repo.git(["add", "docs/x.md"])
    #expect(try hooked.repo.tillit(["check", "--all"], environment: hooked.environment).stdout.contains("cached"))
    // An input that changes runs again.
    try hooked.repo.write("src/a.c", "int b;\n")
    try hooked.repo.git(["add", "src/a.c"])
    #expect(try hooked.repo.tillit(["check", "--all"], environment: hooked.environment).stdout.contains("passed"))
    #expect(try hooked.repo.tillit(["check", "--all", "--no-cache"], environment: hooked.environment).stdout.contains("passed"))
    #expect(hooked.outText("runs") == "ran\nran\nran\n")
  }

  @Test func jsonReportsEveryCheck() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: ok
            run: ["true"]
          - name: broken
            run: ["sh", "-c", "echo nope; exit 3"]
          - name: unrelated
            run: ["true"]
            files: ["*.rs"]
        """)
    let result = try hooked.repo.tillit(["check", "--all", "--format", "json"], environment: hooked.environment)
    #expect(result.status == 1)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(json["passed"] as? Bool == false)
    let checks = try #require(json["checks"] as? [[String: Any]])
    #expect(checks.map { $0["name"] as? String } == ["ok", "broken", "unrelated"])
    #expect(checks.map { $0["outcome"] as? String } == ["passed", "failed", "skipped"])
    #expect(checks[1]["exitCode"] as? Int == 3)
    #expect(checks[0]["durationMs"] is Int)
    #expect(checks[2]["exitCode"] is NSNull)
  }

  @Test func onlyAndSkipChooseChecksAndUnknownNamesAreAnError() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: a\n    run: [\"true\"]\n  - name: b\n    run: [\"false\"]\n")
    let only = try hooked.repo.tillit(["check", "--all", "--only", "a"], environment: hooked.environment)
    #expect(only.status == 0, "\(only.output)")
    #expect(only.stdout.contains("not in --only"))
    #expect(try hooked.repo.tillit(["check", "--all", "--skip", "b"], environment: hooked.environment).status == 0)
    #expect(try hooked.repo.tillit(["check", "--all"], environment: hooked.environment).status == 1)
    let unknown = try hooked.repo.tillit(["check", "--all", "--only", "c"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("there is no check named 'c'; the checks are: a, b"))
  }

  @Test func checksRunInParallelUpToJobs() throws {
    // Each check waits until the other has started: they pass only when run at the same time.
    let wait = #"touch \"$OUT/$TILLIT_CHECK\"; i=0; while [ ! -e \"$OUT/$OTHER\" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; [ -e \"$OUT/$OTHER\" ]"#
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: left
            run: "OTHER=right; \(wait)"
          - name: right
            run: "OTHER=left; \(wait)"
        """)
    let result = try hooked.repo.tillit(["check", "--all", "--jobs", "2"], environment: hooked.environment)
    #expect(result.status == 0, "\(result.output)")
  }

  @Test func filesAndRangeNameWhatToCheck() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: record
            run: [scripts/record]
            pass-files: true
            files: ["*.txt"]
          - name: later
            run: [scripts/record]
            pass-files: true
            files: ["*.txt"]
            stage: pre-push
        """, files: ["a.txt": "a\n", "sub/b.txt": "b\n"])
    let files = try hooked.repo.tillit(["check", "--files", "b.txt", "--only", "record"], in: hooked.repo.path + "/sub", environment: hooked.environment)
    #expect(files.status == 0, "\(files.output)")
    #expect(hooked.outText("seen") == "b\n")
    let untracked = try hooked.repo.tillit(["check", "--files", "nope.txt"])
    #expect(untracked.status == 2)
    #expect(untracked.stderr.contains("'nope.txt' is neither in the index nor on disk"))

    let base = try hooked.repo.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    try hooked.repo.write("c.txt", "c\n")
    try hooked.repo.commitAll("add c")
    let range = try hooked.repo.tillit(["check", "--range", "\(base)..HEAD"], environment: hooked.environment)
    #expect(range.status == 0, "\(range.output)")
    #expect(range.stdout.contains("later"))
    #expect(hooked.outText("seen") == "c\n")
    #expect(try hooked.repo.tillit(["check", "--range", "nonsense"]).status == 2)
  }

  @Test func scriptsFromTheSnapshotRunWhileOtherChecksStart() throws {
    // Several checks run scripts written into their snapshots at the same moment: a script
    // must never fail to start because another check's process briefly held it open.
    let checks = (1...12).map { "  - name: script-\($0)\n    run: [scripts/record]\n" }.joined()
    let hooked = try HookedRepo(config: "checks:\n" + checks)
    for _ in 0..<8 {
      let result = try hooked.repo.tillit(["check", "--all", "--jobs", "12", "--no-cache"], environment: hooked.environment)
      #expect(result.status == 0, "\(result.output)")
    }
  }

  @Test func aCommandThatCannotStartFailsWithTheReason() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: missing\n    run: [no-such-command-here]\n")
    let result = try hooked.repo.tillit(["check", "--all"], environment: hooked.environment)
    #expect(result.status == 1)
    #expect(result.stdout.contains("cannot run 'no-such-command-here': No such file or directory"))
  }

  @Test func unstagedEditsToTheConfigAreNamed() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: a\n    run: [\"true\"]\n")
    try hooked.repo.write(".tillit.yml", "checks:\n  - name: b\n    run: [\"true\"]\n")
    let result = try hooked.repo.tillit(["check", "--all"])
    #expect(result.status == 0)
    #expect(result.stdout.contains(" a "))
    #expect(result.stderr.contains(".tillit.yml has edits that are not staged"))
    try hooked.repo.git(["add", ".tillit.yml"])
    #expect(try !hooked.repo.tillit(["check", "--all"]).stderr.contains("not staged"))
  }

  @Test func worktreeIsolationRunsInTheWorkTree() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: here\n    run: [scripts/record]\n    isolation: worktree\n")
    let result = try hooked.repo.tillit(["check", "--all"], environment: hooked.environment)
    #expect(result.status == 0, "\(result.output)")
    #expect(hooked.outText("cwd") == hooked.repo.path + "\n")
  }

  /// `files` is not part of what `tillit trust` approves, so a pulled `.tillit.yml` may carry any
  /// pattern: one that a backtracking matcher takes minutes over must not stall the hook.
  @Test func aFilesPatternWithManyStarsDoesNotStallTheCheck() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: quick\n    run: [\"true\"]\n")
    try hooked.repo.write(
      ".tillit.yml",
      """
      checks:
        - name: stars
          run: [scripts/record]
          files: ["*a*a*a*a*a*a*a*a*b"]
      """)
    try hooked.repo.git(["add", ".tillit.yml"])
    #expect(try hooked.repo.tillit(["trust"]).status == 0)
    try hooked.repo.write(String(repeating: "a", count: 80), "a\n")
    try hooked.repo.git(["add", "--all"])
    // Killed after a minute rather than left to hang the test run: tillit catches SIGTERM to
    // stop its checks' processes, so plain `timeout` would not stop it while it matches.
    let result = try Command.run(
      ["timeout", "--signal=KILL", "60", TillitBinary.path, "check", "--format", "json"], in: hooked.repo.path,
      environment: TempRepo.gitEnvironment.merging(hooked.environment) { _, new in new })
    #expect(result.status == 0, "\(result.output)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let checks = try #require(json["checks"] as? [[String: Any]])
    #expect(checks.map { $0["outcome"] as? String } == ["skipped"])
    #expect(hooked.outFile("args") == nil)
  }

  @Test func outsideARepositoryTheErrorSaysSo() throws {
    let directory = try TempRepo.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let result = try Command.run([TillitBinary.path, "check"], in: directory)
    #expect(result.status == 2)
    #expect(result.stderr.contains("is not inside a git repository"))
  }
}
