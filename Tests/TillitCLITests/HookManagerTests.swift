import Foundation
import Testing
import TillitTestSupport

/// Tillit installed beside the hook managers people already use: each manager's own hook still
/// runs, Tillit's checks run too, and `tillit uninstall` gives the manager its hook back. husky's
/// v9 layout is written here as `npx husky init` writes it; pre-commit and lefthook are the real
/// ones (`pip install pre-commit lefthook`), and their tests are skipped without them.
@Suite struct HookManagerTests {
  static let config = "checks:\n" + HookedRepo.failOnBadCheck()

  // MARK: husky

  /// husky v9's `index.js`: `core.hooksPath .husky/_`, `h` copied from the package, one
  /// two-line shim per hook, and `npx husky init`'s `.husky/pre-commit` and prepare script.
  static let huskyHooks = [
    "pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "applypatch-msg", "pre-applypatch", "post-applypatch",
    "pre-rebase", "post-rewrite", "post-checkout", "post-merge", "pre-push", "pre-auto-gc",
  ]
  static let huskyShim = "#!/usr/bin/env sh\n. \"${0%/*}/h\""
  static let huskyH = """
    #!/usr/bin/env sh
    [ "$HUSKY" = "2" ] && set -x
    n=$(basename "$0")
    s=$(dirname "$(dirname "$0")")/$n

    [ ! -f "$s" ] && exit 0

    if [ -f "$HOME/.huskyrc" ]; then
    \techo "husky - '~/.huskyrc' is DEPRECATED, please move your code to ~/.config/husky/init.sh"
    fi
    i="${XDG_CONFIG_HOME:-$HOME/.config}/husky/init.sh"
    [ -f "$i" ] && . "$i" "$n"

    [ "${HUSKY-}" = "0" ] && exit 0

    export PATH="node_modules/.bin:$PATH"
    sh -e "$s" "$@"
    c=$?

    [ $c != 0 ] && echo "husky - $n script failed (code $c)"
    [ $c = 127 ] && echo "husky - command not found in PATH=$PATH"
    exit $c

    """

  /// What `husky` (the prepare script) does on every `npm install`.
  static func huskyInstall(_ repo: TempRepo) throws {
    try repo.git(["config", "core.hooksPath", ".husky/_"])
    try repo.write(".husky/_/.gitignore", "*")
    try repo.write(".husky/_/h", huskyH)
    for hook in huskyHooks { try repo.write(".husky/_/\(hook)", huskyShim, executable: true) }
    try repo.write(".husky/_/husky.sh", "")
  }

  static func huskyRepo() throws -> HookedRepo {
    let hooked = try HookedRepo(
      config: config,
      files: [
        "package.json": "{\n  \"scripts\": {\n    \"prepare\": \"husky\"\n  }\n}\n",
        // npx husky init writes `npm test`; this one says it ran, and fails on demand.
        ".husky/pre-commit": "echo \"husky pre-commit ran\"\ntouch \"$OUT/husky-ran\"\nexit ${HUSKY_SCRIPT_EXIT:-0}\n",
      ], install: false)
    try huskyInstall(hooked.repo)
    return hooked
  }

  @Test func huskysScriptStillRunsAfterInstallAndUninstallGivesItsHooksBack() throws {
    let hooked = try Self.huskyRepo()
    let installed = try hooked.repo.tillit(["install"])
    #expect(installed.status == 0, "\(installed.output)")
    #expect(installed.stdout.contains("kept husky's pre-commit hook as tillit-chained/pre-commit"), "\(installed.stdout)")
    #expect(installed.stdout.contains("husky writes its hooks afresh"))
    #expect(installed.stdout.contains("installed \(hooked.repo.path)/.husky/_/pre-commit"))

    try hooked.repo.write("a.txt", "fine\n")
    try hooked.repo.git(["add", "a.txt"])
    let passed = try hooked.commit()
    #expect(passed.status == 0, "\(passed.output)")
    #expect(passed.output.contains("husky pre-commit ran"), "\(passed.output)")
    #expect(passed.output.contains("checks passed"), "\(passed.output)")

    // Each blocks the commit on its own: husky's script, then Tillit's check.
    try hooked.repo.write("b.txt", "fine\n")
    try hooked.repo.git(["add", "b.txt"])
    let huskyFailed = try hooked.commit(environment: ["HUSKY_SCRIPT_EXIT": "4"])
    #expect(huskyFailed.status != 0)
    #expect(huskyFailed.output.contains("husky - pre-commit script failed (code 4)"), "\(huskyFailed.output)")
    try hooked.repo.write("b.txt", "BAD\n")
    try hooked.repo.git(["add", "b.txt"])
    let tillitFailed = try hooked.commit()
    #expect(tillitFailed.status != 0)
    #expect(tillitFailed.output.contains("husky pre-commit ran"))
    #expect(tillitFailed.output.contains("BAD found in b.txt"))

    let removed = try hooked.repo.tillit(["uninstall"])
    #expect(removed.status == 0, "\(removed.output)")
    for hook in ["pre-commit", "commit-msg", "post-commit", "pre-push"] {
      #expect(try hooked.repo.read(".husky/_/\(hook)") == Self.huskyShim)
    }
    #expect(!hooked.repo.exists(".husky/_/tillit-chained"))
    try FileManager.default.removeItem(atPath: hooked.out + "/husky-ran")
    try hooked.repo.write("b.txt", "fine\n")
    try hooked.repo.git(["add", "b.txt"])
    let alone = try hooked.commit()
    #expect(alone.status == 0, "\(alone.output)")
    #expect(hooked.outText("husky-ran") != nil)
    #expect(!alone.output.contains("checks passed"))
  }

  @Test func afterHuskyRewritesItsHooksInstallAgainPutsTillitBackInFront() throws {
    let hooked = try Self.huskyRepo()
    #expect(try hooked.repo.tillit(["install"]).status == 0)
    try Self.huskyInstall(hooked.repo)  // npm install ran husky again: its shims are back
    let again = try hooked.repo.tillit(["install"])
    #expect(again.status == 0, "\(again.output)")
    #expect(again.stdout.contains("husky's pre-commit hook was back in Tillit's place"), "\(again.stdout)")
    try hooked.repo.write("a.txt", "BAD\n")
    try hooked.repo.git(["add", "a.txt"])
    let blocked = try hooked.commit()
    #expect(blocked.status != 0)
    #expect(blocked.output.contains("husky pre-commit ran"))
    #expect(blocked.output.contains("BAD found in a.txt"))
  }

  // MARK: pre-commit

  static let preCommitConfig = """
    repos:
      - repo: local
        hooks:
          - id: says-it-ran
            name: says it ran
            entry: sh -c 'touch "$OUT/pre-commit-ran"; echo "pre-commit hook ran"; exit ${PRE_COMMIT_HOOK_EXIT:-0}' --
            language: system
            verbose: true

    """

  static func preCommitRepo() throws -> HookedRepo {
    let hooked = try HookedRepo(config: config, files: [".pre-commit-config.yaml": preCommitConfig], install: false)
    let installed = try Command.run(["pre-commit", "install"], in: hooked.repo.path, environment: hooked.preCommitEnvironment)
    guard installed.status == 0 else { throw TestFailure("pre-commit install failed: \(installed.output)") }
    return hooked
  }

  @Test(.enabled(if: Tool.isInstalled("pre-commit"), "pre-commit is not installed: pip install pre-commit"))
  func preCommitsHookStillRunsAfterInstallAndIsRestoredByUninstall() throws {
    let hooked = try Self.preCommitRepo()
    let original = try hooked.repo.read(".git/hooks/pre-commit")
    let installed = try hooked.repo.tillit(["install"])
    #expect(installed.status == 0, "\(installed.output)")
    #expect(installed.stdout.contains("kept pre-commit's pre-commit hook as tillit-chained/pre-commit"), "\(installed.stdout)")

    try hooked.repo.write("a.txt", "BAD\n")
    try hooked.repo.git(["add", "a.txt"])
    let blocked = try hooked.commit(environment: hooked.preCommitEnvironment)
    #expect(blocked.status != 0)
    #expect(blocked.output.contains("pre-commit hook ran"), "\(blocked.output)")
    #expect(blocked.output.contains("BAD found in a.txt"))

    try hooked.repo.write("a.txt", "fine\n")
    try hooked.repo.git(["add", "a.txt"])
    let failed = try hooked.commit(environment: hooked.preCommitEnvironment.merging(["PRE_COMMIT_HOOK_EXIT": "1"]) { _, new in new })
    #expect(failed.status != 0)
    #expect(failed.output.contains("the earlier pre-commit hook (kept in tillit-chained/) failed with exit 1"), "\(failed.output)")
    let passed = try hooked.commit(environment: hooked.preCommitEnvironment)
    #expect(passed.status == 0, "\(passed.output)")
    #expect(passed.output.contains("pre-commit hook ran"))
    #expect(passed.output.contains("checks passed"))

    #expect(try hooked.repo.tillit(["uninstall"]).status == 0)
    #expect(try hooked.repo.read(".git/hooks/pre-commit") == original)
    let uninstalled = try Command.run(["pre-commit", "uninstall"], in: hooked.repo.path, environment: hooked.preCommitEnvironment)
    #expect(uninstalled.output.contains("pre-commit uninstalled"), "\(uninstalled.output)")
  }

  @Test(.enabled(if: Tool.isInstalled("pre-commit"), "pre-commit is not installed: pip install pre-commit"))
  func preCommitInstalledAgainAfterTillitRunsTillitAsItsLegacyHook() throws {
    let hooked = try Self.preCommitRepo()
    #expect(try hooked.repo.tillit(["install"]).status == 0)
    let again = try Command.run(["pre-commit", "install"], in: hooked.repo.path, environment: hooked.preCommitEnvironment)
    #expect(again.output.contains("legacy"), "\(again.output)")
    try hooked.repo.write("a.txt", "BAD\n")
    try hooked.repo.git(["add", "a.txt"])
    let blocked = try hooked.commit(environment: hooked.preCommitEnvironment)
    #expect(blocked.status != 0)
    #expect(blocked.output.contains("pre-commit hook ran"), "\(blocked.output)")
    #expect(blocked.output.contains("BAD found in a.txt"), "\(blocked.output)")
  }

  // MARK: lefthook

  static let lefthookConfig = """
    pre-commit:
      commands:
        says-it-ran:
          run: touch "$OUT/lefthook-ran" && echo "lefthook command ran" && exit ${LEFTHOOK_COMMAND_EXIT:-0}

    """

  static func lefthookRepo() throws -> HookedRepo {
    let hooked = try HookedRepo(config: config, files: ["lefthook.yml": lefthookConfig], install: false)
    let installed = try Command.run(["lefthook", "install"], in: hooked.repo.path, environment: hooked.environment)
    guard installed.status == 0 else { throw TestFailure("lefthook install failed: \(installed.output)") }
    return hooked
  }

  @Test(.enabled(if: Tool.isInstalled("lefthook"), "lefthook is not installed: pip install lefthook"))
  func lefthooksHookStillRunsAfterInstallAndIsRestoredByUninstall() throws {
    let hooked = try Self.lefthookRepo()
    let original = try hooked.repo.read(".git/hooks/pre-commit")
    let installed = try hooked.repo.tillit(["install"])
    #expect(installed.status == 0, "\(installed.output)")
    #expect(installed.stdout.contains("kept lefthook's pre-commit hook as tillit-chained/pre-commit"), "\(installed.stdout)")
    #expect(installed.stdout.contains("no_auto_install"))

    try hooked.repo.write("a.txt", "BAD\n")
    try hooked.repo.git(["add", "a.txt"])
    let blocked = try hooked.commit()
    #expect(blocked.status != 0)
    #expect(blocked.output.contains("lefthook command ran"), "\(blocked.output)")
    #expect(blocked.output.contains("BAD found in a.txt"))

    try hooked.repo.write("a.txt", "fine\n")
    try hooked.repo.git(["add", "a.txt"])
    let failed = try hooked.commit(environment: ["LEFTHOOK_COMMAND_EXIT": "1"])
    #expect(failed.status != 0)
    #expect(failed.output.contains("the earlier pre-commit hook (kept in tillit-chained/) failed"), "\(failed.output)")
    let passed = try hooked.commit()
    #expect(passed.status == 0, "\(passed.output)")
    #expect(passed.output.contains("lefthook command ran"))
    #expect(passed.output.contains("checks passed"))

    #expect(try hooked.repo.tillit(["uninstall"]).status == 0)
    #expect(try hooked.repo.read(".git/hooks/pre-commit") == original)
  }

  @Test(.enabled(if: Tool.isInstalled("lefthook"), "lefthook is not installed: pip install lefthook"))
  func afterLefthookSyncsItsHooksInstallAgainPutsTillitBackInFront() throws {
    let hooked = try Self.lefthookRepo()
    #expect(try hooked.repo.tillit(["install"]).status == 0)
    // lefthook.yml changes: lefthook's next run installs its hooks again, Tillit's to pre-commit.old.
    try hooked.repo.write("lefthook.yml", Self.lefthookConfig + "    another:\n      run: \"true\"\n")
    // lefthook compares the file's time with its install's, in seconds: make the change later.
    try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: hooked.repo.path + "/lefthook.yml")
    try hooked.repo.write("a.txt", "fine\n")
    try hooked.repo.git(["add", "-A"])
    #expect(try hooked.commit().status == 0)
    #expect(!(try hooked.repo.read(".git/hooks/pre-commit")).contains("Installed by tillit"))

    let again = try hooked.repo.tillit(["install"])
    #expect(again.status == 0, "\(again.output)")
    #expect(!hooked.repo.exists(".git/hooks/pre-commit.old"))
    try hooked.repo.write("a.txt", "BAD\n")
    try hooked.repo.git(["add", "a.txt"])
    let blocked = try hooked.commit()
    #expect(blocked.status != 0)
    #expect(blocked.output.contains("lefthook command ran"), "\(blocked.output)")
    #expect(blocked.output.contains("BAD found in a.txt"))
  }

  // MARK: any hook

  @Test func aHookKeptAsDotLocalByAnEarlierInstallStillRunsAndIsRestored() throws {
    let hooked = try HookedRepo(config: Self.config)
    let original = "#!/bin/sh\necho \"local hook ran as [${0##*/}]\" >&2\n"
    try hooked.repo.write(".git/hooks/pre-commit.local", original, executable: true)
    try hooked.repo.write("a.txt", "fine\n")
    try hooked.repo.git(["add", "a.txt"])
    let passed = try hooked.commit()
    #expect(passed.status == 0, "\(passed.output)")
    #expect(passed.output.contains("local hook ran as [pre-commit]"), "\(passed.output)")
    #expect(try hooked.repo.tillit(["uninstall"]).status == 0)
    #expect(try hooked.repo.read(".git/hooks/pre-commit") == original)
    #expect(!hooked.repo.exists(".git/hooks/pre-commit.local"))
  }

  @Test func aChainedHookThatCallsTillitItselfDoesNotStartItselfAgain() throws {
    let hooked = try HookedRepo(config: Self.config, install: false)
    // As a husky script or a lefthook command would call it.
    let calling = "#!/bin/sh\necho chained >> \"$OUT/chained-runs\"\nexec \"\(TillitBinary.path)\" hook pre-commit \"$@\"\n"
    try hooked.repo.write(".git/hooks/pre-commit", calling, executable: true)
    #expect(try hooked.repo.tillit(["install"]).status == 0)
    try hooked.repo.write("a.txt", "BAD\n")
    try hooked.repo.git(["add", "a.txt"])
    let blocked = try hooked.commit()
    #expect(blocked.status != 0)
    #expect(hooked.outText("chained-runs") == "chained\n")
  }
}

extension HookedRepo {
  /// pre-commit keeps its environments in PRE_COMMIT_HOME; the tests' HOME does not exist.
  var preCommitEnvironment: [String: String] { environment.merging(["PRE_COMMIT_HOME": tmp + "/pre-commit-home"]) { _, new in new } }
}

/// Programs a test needs from PATH.
enum Tool {
  static func isInstalled(_ name: String) -> Bool {
    (try? Command.run(["sh", "-c", "command -v \"$1\" >/dev/null", "sh", name], in: "/")).map { $0.status == 0 } ?? false
  }
}
