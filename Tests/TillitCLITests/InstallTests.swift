import Foundation
import Testing
import TillitTestSupport

@Suite struct InstallTests {
  static let config = "checks:\n" + HookedRepo.failOnBadCheck()

  @Test func installIsIdempotentAndSaysWhatItDid() throws {
    let hooked = try HookedRepo(config: Self.config)
    let again = try hooked.repo.tillit(["install"])
    #expect(again.status == 0)
    #expect(again.stdout.contains("installed \(hooked.repo.path)/.git/hooks/pre-commit"))
    #expect(again.stdout.contains("no-bad (pre-commit, snapshot, pass-files): scripts/fail-on-bad"), "\(again.stdout)")
    #expect(!hooked.repo.exists(".git/hooks/tillit-chained"))
    let hook = try hooked.repo.read(".git/hooks/pre-commit")
    #expect(hook.contains("exec \"$t\" hook"))
    #expect(hook.contains(TillitBinary.path))
  }

  @Test func anExistingHookIsChainedFirstAndRestoredByUninstall() throws {
    let hooked = try HookedRepo(config: Self.config, install: false)
    let original = "#!/bin/sh\necho \"legacy hook ran\" >&2\nexit ${LEGACY_EXIT:-0}\n"
    try hooked.repo.write(".git/hooks/pre-commit", original, executable: true)
    let installed = try hooked.repo.tillit(["install"])
    #expect(installed.stdout.contains("kept the existing pre-commit hook as tillit-chained/pre-commit"))
    #expect(try hooked.repo.read(".git/hooks/tillit-chained/pre-commit") == original)

    try hooked.repo.write("a.txt", "fine\n")
    try hooked.repo.git(["add", "a.txt"])
    let passed = try hooked.commit()
    #expect(passed.status == 0, "\(passed.output)")
    #expect(passed.output.contains("legacy hook ran"))

    try hooked.repo.write("b.txt", "fine\n")
    try hooked.repo.git(["add", "b.txt"])
    let blocked = try hooked.commit(environment: ["LEGACY_EXIT": "3"])
    #expect(blocked.status != 0)
    #expect(blocked.output.contains("the earlier pre-commit hook (kept in tillit-chained/) failed with exit 3"))

    let removed = try hooked.repo.tillit(["uninstall"])
    #expect(removed.status == 0)
    #expect(removed.stdout.contains("restored the earlier pre-commit hook"))
    #expect(try hooked.repo.read(".git/hooks/pre-commit") == original)
    #expect(!hooked.repo.exists(".git/hooks/tillit-chained"))
    #expect(!hooked.repo.exists(".git/hooks/pre-push"))
  }

  @Test func aHooksPathInsideTheRepositoryIsUsed() throws {
    let hooked = try HookedRepo(config: Self.config, install: false)
    try hooked.repo.git(["config", "core.hooksPath", ".githooks"])
    let installed = try hooked.repo.tillit(["install"])
    #expect(installed.status == 0, "\(installed.output)")
    #expect(hooked.repo.exists(".githooks/pre-commit"))
    #expect(!hooked.repo.exists(".git/hooks/pre-commit"))
    try hooked.repo.write("a.txt", "BAD\n")
    try hooked.repo.git(["add", "a.txt"])
    let blocked = try hooked.commit()
    #expect(blocked.status != 0)
    #expect(blocked.output.contains("BAD found in a.txt"))
  }

  @Test func aHooksPathOutsideTheRepositoryIsRefusedUnlessForced() throws {
    let hooked = try HookedRepo(config: Self.config, install: false)
    let shared = hooked.repo.root + "/shared-hooks"
    try hooked.repo.git(["config", "core.hooksPath", shared])
    let refused = try hooked.repo.tillit(["install"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("outside this repository"))
    #expect(refused.stderr.contains("--force"))
    #expect(!FileManager.default.fileExists(atPath: shared + "/pre-commit"))
    let forced = try hooked.repo.tillit(["install", "--force"])
    #expect(forced.status == 0, "\(forced.output)")
    #expect(FileManager.default.fileExists(atPath: shared + "/pre-commit"))
  }

  /// `~/` in core.hooksPath is the home folder, as git reads it: Tillit installs there (with
  /// --force, as it is outside the repository), keeps the hook it found, and runs it first when
  /// git runs the hook and when `tillit hook pre-commit` is run by hand.
  @Test func aHooksPathInTheHomeFolderIsExpanded() throws {
    let hooked = try HookedRepo(config: Self.config, install: false)
    let home = hooked.repo.root + "/home"
    let environment = ["HOME": home]
    try FileManager.default.createDirectory(atPath: home + "/hooks", withIntermediateDirectories: true)
    try Data("#!/bin/sh\necho ran >> \"$OUT/own-hook\"\n".utf8).write(to: URL(fileURLWithPath: home + "/hooks/pre-commit"))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: home + "/hooks/pre-commit")
    try hooked.repo.git(["config", "core.hooksPath", "~/hooks"])
    let refused = try hooked.repo.tillit(["install"], environment: environment)
    #expect(refused.status == 2, "\(refused.output)")
    #expect(refused.stderr.contains("core.hooksPath is \(home)/hooks, outside this repository"), "\(refused.output)")
    let installed = try hooked.repo.tillit(["install", "--force"], environment: environment)
    #expect(installed.status == 0, "\(installed.output)")
    #expect(installed.stdout.contains("installed \(home)/hooks/pre-commit"), "\(installed.output)")
    #expect(FileManager.default.fileExists(atPath: home + "/hooks/tillit-chained/pre-commit"))
    #expect(!hooked.repo.exists("~"), "no folder named ~ in the work tree")
    try hooked.repo.write("a.txt", "BAD\n")
    try hooked.repo.git(["add", "a.txt"])
    let blocked = try hooked.commit(environment: environment)
    #expect(blocked.status != 0, "\(blocked.output)")
    #expect(blocked.output.contains("BAD found in a.txt"), "\(blocked.output)")
    #expect(hooked.outText("own-hook") == "ran\n")
    let byHand = try hooked.repo.tillit(["hook", "pre-commit"], environment: environment.merging(hooked.environment) { $1 })
    #expect(byHand.status == 1, "\(byHand.output)")
    #expect(hooked.outText("own-hook") == "ran\nran\n", "the kept hook is found through ~/hooks")
    let removed = try hooked.repo.tillit(["uninstall"], environment: environment)
    #expect(removed.stdout.contains("restored the earlier pre-commit hook"), "\(removed.output)")
    #expect(FileManager.default.fileExists(atPath: home + "/hooks/pre-commit"))
    #expect(!FileManager.default.fileExists(atPath: home + "/hooks/tillit-chained"))
  }

  @Test func aMissingBinarySaysHowToReinstallOrBypass() throws {
    let hooked = try HookedRepo(config: Self.config)
    let hook = try hooked.repo.read(".git/hooks/pre-commit").replacingOccurrences(of: TillitBinary.path, with: "/nonexistent/tillit")
    try hooked.repo.write(".git/hooks/pre-commit", hook, executable: true)
    try hooked.repo.write("a.txt", "x\n")
    try hooked.repo.git(["add", "a.txt"])
    let result = try hooked.repo.git(["commit", "-m", "x"], environment: ["PATH": "/usr/bin:/bin"], allowFailure: true)
    #expect(result.status != 0)
    #expect(result.output.contains("its binary is gone"))
    #expect(result.output.contains("./install.sh"))
    #expect(result.output.contains("--no-verify"))
  }

  @Test func initWritesAStarterThatParsesAndIsApproved() throws {
    let temp = try TempRepo()
    try temp.write("Package.swift", "// swift-tools-version: 6.0\n")
    try temp.commitAll("first")
    let result = try temp.tillit(["init"])
    #expect(result.status == 0, "\(result.output)")
    #expect(result.stdout.contains("swift-build"))
    #expect(try temp.read(".tillit.yml").contains("run: [swift, build]"))
    let again = try temp.tillit(["init"])
    #expect(again.status == 2)
    #expect(again.stderr.contains("exists already"))
    let trust = try temp.tillit(["trust", "--show"])
    #expect(trust.stdout.contains("approved"))
    #expect(!trust.stdout.contains("not approved"))
  }
}
