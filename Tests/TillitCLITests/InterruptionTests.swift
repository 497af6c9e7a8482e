import Foundation
import Testing
import TillitCore
import TillitTestSupport
import TillitSystem

/// Stopping a run half-way — Ctrl-C, SIGKILL, a timeout — loses nothing and leaves nothing running.
@Suite(.tags(.slow)) struct InterruptionTests {
  static let waitingConfig = """
    checks:
      - name: slow
        run: [scripts/wait-forever]
        files: ["*.txt"]
    """

  /// Prepares staged, partly staged, unstaged and untracked work, then starts `git commit` in a
  /// process group of its own, as a terminal would, and waits until the check runs.
  func startCommit(_ hooked: HookedRepo) throws -> (pid: pid_t, before: [String]) {
    try hooked.repo.write("kept.txt", "base\n")
    try hooked.repo.commitAll("base")
    try hooked.repo.write("kept.txt", "base\nstaged\n")
    try hooked.repo.git(["add", "kept.txt"])
    try hooked.repo.write("kept.txt", "base\nstaged\nunstaged\n")
    try hooked.repo.write("loose.txt", "untracked\n")
    let before = try hooked.repo.workTreeFingerprint()
    let pid = try hooked.startInItsOwnGroup(["git", "commit", "-m", "interrupted"], log: "commit.log")
    let started = waitUntil { hooked.outFile("started") != nil }
    if !started { ProcessGroupRunner.signalGroup(pid, SIGKILL) }
    try #require(
      started, "the check never started: \(String(decoding: FileManager.default.contents(atPath: hooked.repo.root + "/commit.log") ?? Data(), as: UTF8.self))")
    return (pid, before)
  }

  func isGone(_ pidText: String?) -> Bool {
    guard let text = pidText?.trimmingCharacters(in: .whitespacesAndNewlines), let pid = pid_t(text) else { return false }
    return waitUntil(timeout: 10) { kill(pid, 0) != 0 }
  }

  @Test func ctrlCStopsTheCheckReleasesTheSnapshotAndKeepsEverything() throws {
    let hooked = try HookedRepo(config: Self.waitingConfig)
    let (pid, before) = try startCommit(hooked)
    #expect(hooked.slots() == ["slot-0"])
    ProcessGroupRunner.signalGroup(pid, SIGINT)  // what Ctrl-C in a terminal does
    let ending = ProcessGroupRunner.wait(pid)
    #expect(!ending.succeeded)
    #expect(isGone(hooked.outText("check-pid")), "the check outlived Ctrl-C")
    #expect(isGone(hooked.outText("tillit-pid")), "tillit outlived Ctrl-C")
    #expect(waitUntil(timeout: 10) { hooked.snapshots().isEmpty }, "the snapshot was left behind")
    #expect(try hooked.repo.workTreeFingerprint() == before)
    #expect(try hooked.headCount() == 2)
  }

  @Test func killingTillitLosesNothingAndTheNextRunReusesTheSnapshot() throws {
    let hooked = try HookedRepo(config: Self.waitingConfig)
    let (pid, before) = try startCommit(hooked)
    let tillitPID = try #require(hooked.outText("tillit-pid").flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
    kill(tillitPID, SIGKILL)
    let ending = ProcessGroupRunner.wait(pid)
    #expect(!ending.succeeded)
    // Tillit's guard stops the check it left behind, and what the check started.
    #expect(isGone(hooked.outText("check-pid")), "the check outlived a kill -9 of Tillit")
    #expect(try hooked.repo.workTreeFingerprint() == before)
    #expect(try hooked.headCount() == 2)
    #expect(hooked.slots() == ["slot-0"])
    // The killed run's slot is free again: the next run takes it, moved to its content.
    try hooked.repo.write(".tillit.yml", "checks:\n  - name: quick\n    run: [\"true\"]\n")
    try hooked.repo.git(["add", ".tillit.yml"])
    #expect(try hooked.repo.tillit(["trust"]).status == 0)
    let next = try hooked.repo.tillit(["check", "--all"], environment: hooked.environment)
    #expect(next.status == 0, "\(next.output)")
    #expect(hooked.snapshots().isEmpty)
    #expect(hooked.slots() == ["slot-0"])
  }

  @Test func aCheckWithATimeoutDiesWithAKilledTillitNotAtItsTimeout() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: slow
            run: "sleep 60 & echo $! > \\"$OUT/child-pid\\"; exec scripts/wait-forever"
            files: ["*.txt"]
            timeout: 30s
        """)
    let (pid, before) = try startCommit(hooked)
    let tillitPID = try #require(hooked.outText("tillit-pid").flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
    kill(tillitPID, SIGKILL)
    _ = ProcessGroupRunner.wait(pid)
    #expect(isGone(hooked.outText("check-pid")), "the check outlived a kill -9 of Tillit")
    #expect(isGone(hooked.outText("child-pid")), "what the check started outlived a kill -9 of Tillit")
    #expect(try hooked.repo.workTreeFingerprint() == before)
  }

  /// With a fixer, checks run in two phases (fixers, then the others): Ctrl-C still stops the
  /// second one.
  @Test func ctrlCStopsTheChecksThatRunAfterAFixer() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: trim
            run: "sed -i 's/[ ]*$//' \\"$@\\""
            files: ["*.txt"]
            pass-files: true
            fix: true
          - name: slow
            run: [scripts/wait-forever]
            files: ["*.txt"]
        """)
    let (pid, before) = try startCommit(hooked)
    ProcessGroupRunner.signalGroup(pid, SIGINT)
    #expect(!ProcessGroupRunner.wait(pid).succeeded)
    #expect(isGone(hooked.outText("check-pid")), "the check outlived Ctrl-C")
    #expect(isGone(hooked.outText("tillit-pid")), "tillit outlived Ctrl-C")
    #expect(try hooked.repo.workTreeFingerprint() == before)
  }

  @Test func ctrlCDuringTillitCheckExits130() throws {
    let hooked = try HookedRepo(config: Self.waitingConfig, files: ["a.txt": "a\n"])
    let pid = try hooked.startInItsOwnGroup([TillitBinary.path, "check", "--all"], log: "check.log")
    let started = waitUntil { hooked.outFile("started") != nil }
    if !started { ProcessGroupRunner.signalGroup(pid, SIGKILL) }
    try #require(started)
    ProcessGroupRunner.signalGroup(pid, SIGINT)
    #expect(ProcessGroupRunner.wait(pid) == .exited(130))
    #expect(isGone(hooked.outText("check-pid")))
    #expect(hooked.snapshots().isEmpty)
    let log = String(decoding: FileManager.default.contents(atPath: hooked.repo.root + "/check.log") ?? Data(), as: UTF8.self)
    #expect(log.contains("interrupted"))
  }

  @Test func aTimeoutKillsTheChecksWholeProcessGroup() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: hangs
            run: "sleep 300 & echo $! > \\"$OUT/child\\"; wait"
            timeout: 1s
        """)
    let result = try hooked.repo.tillit(["check", "--all"], environment: hooked.environment)
    #expect(result.status == 1)
    #expect(result.stdout.contains("timed out"))
    #expect(result.stdout.contains("stopped after 1s"))
    #expect(isGone(hooked.outText("child")), "the check's background child survived its timeout")
    #expect(hooked.snapshots().isEmpty)
  }
}
