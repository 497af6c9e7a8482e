import Foundation
import Testing
import TillitTestSupport

@Suite struct TrustTests {
  @Test func checksFromAnUnapprovedConfigDoNotRun() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: record\n    run: [scripts/record]\n", install: false)
    let clone = hooked.repo.root + "/clone"
    try hooked.repo.git(["clone", "-q", hooked.repo.path, clone])
    // Hooks installed by hand, without the approval `tillit install` gives.
    let shim = try hooked.repo.tillit(["install"])
    #expect(shim.status == 0)
    try FileManager.default.copyItem(atPath: hooked.repo.path + "/.git/hooks/pre-commit", toPath: clone + "/.git/hooks/pre-commit")
    try "x\n".write(toFile: clone + "/new.txt", atomically: true, encoding: .utf8)
    try hooked.repo.git(["add", "new.txt"], in: clone)
    let blocked = try hooked.repo.git(["commit", "-m", "x"], in: clone, environment: hooked.environment, allowFailure: true)
    #expect(blocked.status != 0)
    #expect(blocked.output.contains("not approved"))
    #expect(blocked.output.contains("record (pre-commit, snapshot): scripts/record"), "\(blocked.output)")
    #expect(blocked.output.contains("tillit trust"))
    #expect(hooked.outFile("args") == nil, "an unapproved check ran")

    let trusted = try hooked.repo.tillit(["trust"], in: clone)
    #expect(trusted.status == 0)
    #expect(trusted.stdout.contains("approved (id"))
    let passed = try hooked.repo.git(["commit", "-m", "x"], in: clone, environment: hooked.environment, allowFailure: true)
    #expect(passed.status == 0, "\(passed.output)")
    #expect(hooked.outFile("args") != nil)
  }

  @Test func changingACommandNeedsApprovalAgain() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: record\n    run: [scripts/record]\n")
    try hooked.repo.write(".tillit.yml", "checks:\n  - name: record\n    run: [scripts/record, --extra]\n")
    try hooked.repo.git(["add", ".tillit.yml"])
    let blocked = try hooked.commit()
    #expect(blocked.status != 0)
    #expect(blocked.output.contains("scripts/record --extra"))
    #expect(hooked.outFile("args") == nil)
    #expect(try hooked.repo.tillit(["trust"]).status == 0)
    #expect(try hooked.commit().status == 0)
    #expect(hooked.outText("args")?.contains("--extra") == true)
    // Changing files or timeouts only does not ask again.
    try hooked.repo.write(".tillit.yml", "checks:\n  - name: record\n    run: [scripts/record, --extra]\n    timeout: 5m\n")
    try hooked.repo.git(["add", ".tillit.yml"])
    #expect(try hooked.commit().status == 0)
  }

  /// A pulled `.tillit.yml` that changes only where, when or on what an approved command runs.
  @Test(arguments: ["    isolation: worktree\n", "    pass-files: true\n", "    stage: pre-push\n"])
  func changingWhereOrHowACommandRunsNeedsApprovalAgain(addition: String) throws {
    let base = "checks:\n  - name: marker\n    run: \"touch \\\"$OUT/ran\\\"; touch MARKER\"\n"
    let hooked = try HookedRepo(config: base)
    try hooked.repo.write(".tillit.yml", base + addition)
    try hooked.repo.git(["commit", "-q", "--no-verify", "-am", "pulled"])  // as a pull would bring it
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    let blocked = try hooked.commit()
    #expect(blocked.status != 0, "\(blocked.output)")
    #expect(blocked.output.contains("not approved"), "\(blocked.output)")
    #expect(hooked.outFile("ran") == nil, "the changed check ran without approval")
    #expect(!hooked.repo.exists("MARKER"))
    let shown = try hooked.repo.tillit(["trust", "--show"])
    #expect(shown.stdout.contains("not approved yet"), "\(shown.output)")
  }

  /// A program of the repository is approved with its content: a pulled change to the script
  /// runs nothing until approved again, in every way a command can name it.
  @Test(arguments: [
    "[scripts/lint]", "\"./scripts/lint\"", "\"sh scripts/lint\"", "[env, FOO=1, ./scripts/lint]", "[sh, -c, \"true && scripts/lint\"]", "[scripts/link]",
    "\". ./scripts/lint; true\"", "\"timeout 60 ./scripts/lint\"", "\"cd scripts && ./lint\"", "[/usr/bin/env, scripts/lint]",
    "[bash, -o, pipefail, -c, \"./scripts/lint\"]", "\"eval ./scripts/lint\"",
  ])
  func aPulledChangeToAnApprovedScriptNeedsApprovalAgain(run: String) throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: lint\n    run: \(run)\n", install: false)
    try hooked.repo.write("scripts/lint", "#!/bin/sh\ntouch \"$OUT/linted\"\n", executable: true)
    _ = try FileManager.default.createSymbolicLink(atPath: hooked.repo.path + "/scripts/link", withDestinationPath: "lint")
    try hooked.repo.commitAll("lint script")
    #expect(try hooked.repo.tillit(["install"]).status == 0)
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    let approved = try hooked.commit()
    #expect(approved.status == 0, "\(approved.output)")
    #expect(hooked.outFile("linted") != nil)
    try FileManager.default.removeItem(atPath: hooked.out + "/linted")

    try hooked.repo.write("scripts/lint", "#!/bin/sh\ntouch \"$OUT/linted\"; touch \"$OUT/pwned\"\n", executable: true)
    try hooked.repo.git(["commit", "-q", "--no-verify", "-am", "pulled"])
    try hooked.repo.write("b.txt", "b\n")
    try hooked.repo.git(["add", "b.txt"])
    let blocked = try hooked.commit()
    #expect(blocked.status != 0, "\(blocked.output)")
    #expect(blocked.output.contains("runs scripts/lint"), "\(blocked.output)")
    // What changed is said: the script's content id, old and new.
    #expect(blocked.output.contains("Changed since this clone last approved it"), "\(blocked.output)")
    #expect(blocked.output.components(separatedBy: "program scripts/lint").count == 3, "\(blocked.output)")
    #expect(hooked.outFile("pwned") == nil, "the changed script ran without approval")
    #expect(try hooked.repo.tillit(["trust"]).status == 0)
    #expect(try hooked.commit().status == 0)
    #expect(hooked.outFile("pwned") != nil)
  }

  /// CI checks a fresh clone: `--trust-config` (or TILLIT_TRUST_CONFIG=1) runs the repository's
  /// own configuration, and the refusal without it names only remedies `tillit check` has.
  @Test func ciRunsTheRepositorysConfigWithTrustConfig() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: record\n    run: [scripts/record]\n", install: false)
    let clone = hooked.repo.root + "/clone"
    try hooked.repo.git(["clone", "-q", hooked.repo.path, clone])
    let refused = try hooked.repo.tillit(["check", "--all"], in: clone, environment: hooked.environment)
    #expect(refused.status == 1, "\(refused.output)")
    #expect(refused.stderr.contains("--trust-config") && !refused.stderr.contains("--no-verify"), "\(refused.output)")
    #expect(hooked.outFile("args") == nil)
    let flagged = try hooked.repo.tillit(["check", "--all", "--trust-config"], in: clone, environment: hooked.environment)
    #expect(flagged.status == 0, "\(flagged.output)")
    #expect(hooked.outFile("args") != nil)
    try FileManager.default.removeItem(atPath: hooked.out + "/args")
    var environment = hooked.environment
    environment["TILLIT_TRUST_CONFIG"] = "1"
    let variable = try hooked.repo.tillit(["check", "--all", "--no-cache"], in: clone, environment: environment)
    #expect(variable.status == 0, "\(variable.output)")
    #expect(hooked.outFile("args") != nil)
    // Nothing was stored: the next plain run still refuses.
    #expect(try hooked.repo.tillit(["check", "--all", "--no-cache"], in: clone, environment: hooked.environment).status == 1)
  }
}
