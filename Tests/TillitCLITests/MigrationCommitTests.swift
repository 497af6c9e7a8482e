import Foundation
import Testing
import TillitTestSupport

/// Real configurations converted by a plain `tillit init` and run: on a staged file with trailing
/// whitespace, a YAML syntax error and a conflict marker, the converted checks stop the commit
/// for the reasons the original's hooks do (pre-commit-hooks' documented behaviour: the fixer
/// `trailing-whitespace` fails when it fixed, `check-yaml` fails on the syntax error,
/// `check-merge-conflict` fails only while a merge is concluded, without `--assume-in-merge`).
@Suite struct MigrationCommitTests {
  /// A repository holding `file` with `config`, converted by `tillit init` and installed.
  func converted(_ file: String, _ config: String) throws -> (TempRepo, CommandResult) {
    let temp = try TempRepo()
    try temp.write(file, config)
    try temp.write("f.txt", "base\n")
    try temp.commitAll("first")
    let initialized = try temp.tillit(["init"])
    #expect(initialized.status == 0, "\(initialized.output)")
    #expect(temp.exists(file), "the old configuration is left in place")
    let installed = try temp.tillit(["install"])
    #expect(installed.status == 0, "\(installed.output)")
    return (temp, initialized)
  }

  func stageTheThreeProblems(_ temp: TempRepo) throws {
    try temp.write("notes.txt", "trailing  \n")
    try temp.write("bad.yaml", "a: [1\n")
    try temp.write("conflict.txt", "<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> other\n")
    try temp.git(["add", "notes.txt", "bad.yaml", "conflict.txt"])
  }

  /// Starts a merge of a branch that conflicts on f.txt, then resolves f.txt: MERGE_HEAD stays.
  func startConflictingMerge(_ temp: TempRepo) throws {
    try temp.git(["checkout", "-q", "-b", "other"])
    try temp.write("f.txt", "other\n")
    try temp.git(["commit", "-q", "-am", "other"])
    try temp.git(["checkout", "-q", "-"])
    try temp.write("f.txt", "main\n")
    try temp.git(["commit", "-q", "-am", "main"])
    #expect(try temp.git(["merge", "other"], allowFailure: true).status != 0)
    try temp.write("f.txt", "resolved\n")
    try temp.git(["add", "f.txt"])
  }

  /// The checks that stopped the commit: failed, or fixed (which stops it, like pre-commit).
  func stoppedBy(_ output: String) -> Set<String> {
    var names: Set<String> = []
    for line in output.split(separator: "\n") {
      let words = line.split(separator: " ")
      if words.count >= 3, ["✗", "✎"].contains(words[0]), ["failed", "fixed"].contains(words[2]) { names.insert(String(words[1])) }
    }
    return names
  }

  @Test(.tags(.slow)) func preCommitsOwnConfigurationStopsForWhitespaceAndYAML() throws {
    let (temp, initialized) = try converted(".pre-commit-config.yaml", HookManagerConfigs.preCommit)
    #expect(initialized.stdout.contains("Converted from .pre-commit-config.yaml (pre-commit): 3 checks."))
    #expect(initialized.stdout.contains("Not converted (11):"))
    #expect(initialized.stdout.contains("  flake8: from the remote repository https://github.com/PyCQA/flake8 at 7.3.0"))
    try stageTheThreeProblems(temp)
    let commit = try temp.git(["commit", "-m", "x"], allowFailure: true)
    #expect(commit.status != 0)
    // pre-commit's own configuration has no check-merge-conflict: the marker does not stop it.
    #expect(stoppedBy(commit.output) == ["trailing-whitespace", "check-yaml"], "\(commit.output)")
  }

  @Test(.tags(.slow)) func poetrysConfigurationStopsForTheThreeDuringAMerge() throws {
    let (temp, initialized) = try converted(".pre-commit-config.yaml", HookManagerConfigs.poetry)
    #expect(initialized.stdout.contains("Not converted (8):"))
    try startConflictingMerge(temp)
    try stageTheThreeProblems(temp)
    let commit = try temp.git(["commit", "--no-edit"], allowFailure: true)
    #expect(commit.status != 0)
    #expect(stoppedBy(commit.output) == ["trailing-whitespace", "check-yaml", "check-merge-conflict"], "\(commit.output)")
    #expect(commit.output.contains("conflict.txt:1: Merge conflict string '<<<<<<<' found"))
  }

  @Test(.tags(.slow)) func poetrysMergeConflictCheckLooksOnlyDuringAMerge() throws {
    let (temp, _) = try converted(".pre-commit-config.yaml", HookManagerConfigs.poetry)
    try stageTheThreeProblems(temp)
    let commit = try temp.git(["commit", "-m", "x"], allowFailure: true)
    #expect(stoppedBy(commit.output) == ["trailing-whitespace", "check-yaml"], "\(commit.output)")
  }

  /// lefthook's own configuration has none of the three checks: neither it nor the converted
  /// checks stop the commit, and both run the same commands on the same files (its tools stubbed).
  @Test(.tags(.slow)) func lefthooksOwnConfigurationRunsTheSameCommandsAsLefthook() throws {
    let tools = try TempRepo.makeTemporaryDirectory()
    let record = tools + "/ran"
    for tool in ["typos", "lychee", "make", "go", "brew"] {
      let script = "#!/bin/sh\nprintf '%s\\n' \"\(tool) $*\" >> \"\(record)\"\n"
      FileManager.default.createFile(atPath: "\(tools)/\(tool)", contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
    }
    let path = ["PATH": tools + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
    let (temp, initialized) = try converted(".lefthook.yml", HookManagerConfigs.lefthook)
    #expect(initialized.stdout.contains("  lint: the whole lint hook: not a git hook"))
    try stageTheThreeProblems(temp)
    let commit = try temp.git(["commit", "-m", "x"], environment: path, allowFailure: true)
    #expect(commit.status == 0, "\(commit.output)")
    let tillitRan = (try? String(contentsOfFile: record, encoding: .utf8)) ?? ""
    #expect(tillitRan == "typos --write-changes bad.yaml conflict.txt notes.txt\n")

    guard (try? Command.run(["sh", "-c", "command -v lefthook"], in: tools))?.status == 0 else { return }
    try FileManager.default.removeItem(atPath: record)
    let original = try TempRepo()
    try original.write(".lefthook.yml", HookManagerConfigs.lefthook)
    try original.commitAll("first")
    let install = try Command.run(["lefthook", "install"], in: original.path, environment: TempRepo.gitEnvironment.merging(path) { _, new in new })
    #expect(install.status == 0, "\(install.output)")
    try stageTheThreeProblems(original)
    let ran = try Command.run(["lefthook", "run", "pre-commit"], in: original.path, environment: TempRepo.gitEnvironment.merging(path) { _, new in new })
    #expect(ran.status == 0, "\(ran.output)")
    #expect(((try? String(contentsOfFile: record, encoding: .utf8)) ?? "") == tillitRan)
  }

  @Test func initFromNamesOneSourceAndProjectIgnoresThem() throws {
    let temp = try TempRepo()
    try temp.write(".pre-commit-config.yaml", HookManagerConfigs.preCommit)
    try temp.write(".husky/pre-commit", "npx lint-staged\n")
    try temp.write("go.mod", "module example.com/x\n")
    try temp.commitAll("first")
    let husky = try temp.tillit(["init", "--from", "husky"])
    #expect(husky.status == 0, "\(husky.output)")
    #expect(try temp.read(".tillit.yml").contains("run: [sh, .husky/pre-commit]"))
    #expect(!(try temp.read(".tillit.yml")).contains("trailing-whitespace"))
    let project = try temp.tillit(["init", "--from", "project", "--force"])
    #expect(project.status == 0, "\(project.output)")
    #expect(try temp.read(".tillit.yml").contains("name: gofmt"))
    let both = try temp.tillit(["init", "--force"])
    #expect(both.stdout.contains("Converted from .pre-commit-config.yaml, .husky/ (pre-commit, husky)"), "\(both.stdout)")
    let help = try temp.tillit(["init", "--help"])
    #expect(help.stdout.contains("converts them (all that it finds) without being asked"), "\(help.stdout)")
    let missing = try temp.tillit(["init", "--from", "lefthook", "--force"])
    #expect(missing.status == 2 && missing.stderr.contains("no lefthook configuration here"), "\(missing.output)")
  }
}
