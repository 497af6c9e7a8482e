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
    #expect(blocked.output.contains("record: scripts/record"))
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
}
