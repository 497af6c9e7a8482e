import Foundation
import Testing
import TillitCore
import TillitTestSupport
import TillitSystem

/// A `kill -9` at any moment of a run — while a slot moves, while fixes are applied — loses
/// nothing. The moments come from a seeded generator printed on failure, so one can be replayed
/// (`TILLIT_KILL_SEED`).
@Suite(.tags(.slow)) struct KillDuringMoveTests {
  static let seed: UInt64 = ProcessInfo.processInfo.environment["TILLIT_KILL_SEED"].flatMap { UInt64($0) } ?? 0x5EED_0C0F_FEE0

  /// Starts `tillit check` and kills it after `delay` microseconds.
  func killed(_ hooked: HookedRepo, after delay: UInt64) throws {
    print("KillDuringMoveTests: TILLIT_KILL_SEED=\(Self.seed), kill after \(delay) µs")
    let pid = try hooked.startInItsOwnGroup([TillitBinary.path, "check", "--no-cache"], log: "killed.log")
    usleep(useconds_t(delay))
    ProcessGroupRunner.signalGroup(pid, SIGKILL)
    _ = ProcessGroupRunner.wait(pid)
  }

  @Test func aKillWhileTheSlotMovesLosesNothingAndTheNextRunMendsIt() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: look\n    run: [\"true\"]\n")
    let directory = hooked.repo.path + "/many"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for number in 0..<1500 { try Data("file \(number)\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/f\(number).txt")) }
    try hooked.repo.commitAll("many")
    var moments = SplitMix64(seed: Self.seed)
    for round in 0..<4 {
      // Every file changes, staged and not, so each move writes them all.
      for number in 0..<1500 { try Data("file \(number) round \(round)\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/f\(number).txt")) }
      try hooked.repo.git(["add", "many"])
      try Data("unstaged \(round)\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/f0.txt"))
      let before = try hooked.repo.workTreeFingerprint()
      let delay = 20_000 + moments.next() % 300_000
      try killed(hooked, after: delay)
      #expect(try hooked.repo.workTreeFingerprint() == before, "seed \(Self.seed), round \(round), kill after \(delay) µs: the work tree or index changed")
    }
    let next = try hooked.repo.tillit(["check", "--no-cache"], environment: hooked.environment)
    #expect(next.status == 0, "seed \(Self.seed): \(next.output)")
    let slot = hooked.snapshotFolder + "/slot-0"
    #expect(try hooked.repo.git(["ls-files", "-s"], in: slot).stdout == hooked.repo.git(["ls-files", "-s"]).stdout)
    #expect(try hooked.repo.git(["diff", "--quiet"], in: slot, allowFailure: true).status == 0, "seed \(Self.seed): the mended slot differs from its index")
  }

  @Test func aKillWhileFixesAreAppliedLosesNothing() throws {
    let hooked = try HookedRepo(
      config: """
        on-fix: stop
        checks:
          - name: trim
            run: "sed -i 's/[ \\t]*$//' \\"$@\\""
            files: ["many/*.txt"]
            pass-files: true
            fix: true
        """)
    let directory = hooked.repo.path + "/many"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let count = 600
    for number in 0..<count { try Data("line \(number)\nsecond\nthird\nfourth\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/f\(number).txt")) }
    try hooked.repo.commitAll("many")
    var moments = SplitMix64(seed: Self.seed)
    for round in 0..<4 {
      for number in 0..<count {
        try Data("line \(number) r\(round)  \nsecond\nthird\nfourth\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/f\(number).txt"))
      }
      try hooked.repo.git(["add", "many"])
      for number in stride(from: 0, to: count, by: 2) {
        try Data("line \(number) r\(round)  \nsecond\nthird\nfourth\nunstaged \(round)\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/f\(number).txt"))
      }
      let delay = 50_000 + moments.next() % 600_000
      try killed(hooked, after: delay)
      // Each file holds either what it held or the fix merged in: the unstaged line is never lost,
      // and what is staged is the staged line, trimmed or not.
      for number in 0..<count {
        let path = "many/f\(number).txt"
        let onDisk = try hooked.repo.read(path)
        let staged = try hooked.repo.git(["show", ":\(path)"]).stdout
        let line = "line \(number) r\(round)"
        let context = "seed \(Self.seed), round \(round), kill after \(delay) µs, \(path)"
        #expect(staged == "\(line)  \nsecond\nthird\nfourth\n" || staged == "\(line)\nsecond\nthird\nfourth\n", "\(context): staged \(staged)")
        let tail = number % 2 == 0 ? "unstaged \(round)\n" : ""
        #expect(onDisk == "\(line)  \nsecond\nthird\nfourth\n\(tail)" || onDisk == "\(line)\nsecond\nthird\nfourth\n\(tail)", "\(context): on disk \(onDisk)")
      }
    }
  }
}
