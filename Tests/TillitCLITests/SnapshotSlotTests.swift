import Foundation
import Testing
import TillitTestSupport

/// Snapshot slots are reused between runs: what checks build stays, what they change in tracked
/// files never leaks into the next run, and concurrent runs never share a slot.
@Suite struct SnapshotSlotTests {
  /// Every tracked file of the slot, compared with the index it was moved to.
  func expectSlotMatchesTheIndex(_ hooked: HookedRepo, _ context: String) throws {
    let slot = hooked.snapshotFolder + "/slot-0"
    let staged = try hooked.repo.git(["ls-files", "-s"]).stdout
    #expect(try hooked.repo.git(["ls-files", "-s"], in: slot).stdout == staged, "\(context): the slot's index is not the staged one")
    for line in staged.split(separator: "\n") {
      let fields = line.split(separator: "\t", maxSplits: 1)
      guard fields.count == 2 else { continue }
      let blob = String(fields[0].split(separator: " ")[1])
      let path = String(fields[1])
      let onDisk = try hooked.repo.git(["hash-object", path], in: slot, allowFailure: true).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      #expect(onDisk == blob, "\(context): \(path) in the slot is not what is staged")
    }
  }

  @Test func whatAChecksWritesToTrackedFilesNeverReachesTheNextRun() throws {
    let hooked = try HookedRepo(config: """
      checks:
        - name: vandal
          run: "echo edited >> kept.txt; rm -f gone.txt; echo untracked > shadow.txt; mkdir -p build && date > build/output; ls build > \\"$OUT/build-seen\\""
      """, files: ["kept.txt": "kept\n", "gone.txt": "gone\n"])
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    // A check that rewrites tracked files without fix: true stops the run, naming them.
    let first = try hooked.repo.tillit(["check"], environment: hooked.environment)
    #expect(first.status == 1 && first.stdout.contains("rewrote gone.txt, kept.txt"), "\(first.output)")
    // The next content stages the file the check created untracked.
    try hooked.repo.write("shadow.txt", "staged\n")
    try hooked.repo.git(["add", "shadow.txt"])
    #expect(try hooked.repo.tillit(["check", "--no-cache"], environment: hooked.environment).status == 1)
    // What the check builds stays: its output was there when the second run started.
    #expect(hooked.outText("build-seen") == "output\n")
    // Moved once more without running anything that writes, the slot holds exactly the index.
    try hooked.repo.write(".tillit.yml", "checks:\n  - name: look\n    run: [\"true\"]\n")
    try hooked.repo.git(["add", ".tillit.yml"])
    #expect(try hooked.repo.tillit(["trust"]).status == 0)
    #expect(try hooked.repo.tillit(["check"], environment: hooked.environment).status == 0)
    try expectSlotMatchesTheIndex(hooked, "after a check edited, deleted and shadowed files")
    #expect(hooked.slots() == ["slot-0"])
  }

  @Test func aHalfMovedSlotIsMendedAtTheNextRun() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: look\n    run: [\"true\"]\n", files: ["kept.txt": "kept\n"])
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    #expect(try hooked.repo.tillit(["check"], environment: hooked.environment).status == 0)
    // As a Tillit killed during a move leaves it: the marker, and a file half written.
    let slot = hooked.snapshotFolder + "/slot-0"
    try "ke".write(toFile: slot + "/kept.txt", atomically: false, encoding: .utf8)
    FileManager.default.createFile(atPath: hooked.repo.path + "/.git/worktrees/tillit-slot-0/tillit-moving", contents: Data())
    try hooked.repo.write("b.txt", "b\n")
    try hooked.repo.git(["add", "b.txt"])
    #expect(try hooked.repo.tillit(["check"], environment: hooked.environment).status == 0)
    try expectSlotMatchesTheIndex(hooked, "after a half-finished move")
    #expect(!FileManager.default.fileExists(atPath: hooked.repo.path + "/.git/worktrees/tillit-slot-0/tillit-moving"))
  }

  @Test(.tags(.slow)) func concurrentRunsTakeDifferentSlots() throws {
    let hooked = try HookedRepo(config: """
      checks:
        - name: hold
          run: "pwd > \\"$OUT/cwd-$$\\"; touch \\"$OUT/started-$$\\"; while [ ! -e \\"$OUT/go\\" ]; do sleep 0.05; done"
      """)
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    let group = DispatchGroup()
    nonisolated(unsafe) var statuses: [Int32] = []
    let lock = NSLock()
    for _ in 0..<2 {
      DispatchQueue.global().async(group: group) {
        let status = (try? hooked.repo.tillit(["check", "--no-cache"], environment: hooked.environment).status) ?? -1
        lock.withLock { statuses.append(status) }
      }
    }
    let bothStarted = HookedRepo.waitUntil {
      ((try? FileManager.default.contentsOfDirectory(atPath: hooked.out)) ?? []).filter { $0.hasPrefix("started-") }.count == 2
    }
    FileManager.default.createFile(atPath: hooked.out + "/go", contents: Data())
    group.wait()
    #expect(bothStarted)
    #expect(statuses == [0, 0])
    let folders = try FileManager.default.contentsOfDirectory(atPath: hooked.out).filter { $0.hasPrefix("cwd-") }
      .compactMap { hooked.outText($0) }
    #expect(Set(folders).count == 2, "two runs shared a slot: \(folders)")
  }

  @Test func aSlotNotTakenForAWeekIsPrunedByTheNextRun() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: look\n    run: [\"true\"]\n")
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    #expect(try hooked.repo.tillit(["check"], environment: hooked.environment).status == 0)
    // As if a burst of concurrent commits had made slot-3 eight days ago.
    try FileManager.default.createDirectory(atPath: hooked.snapshotFolder + "/slot-3/src", withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: hooked.snapshotFolder + "/slot-3.lock", contents: Data())
    let old = Date().addingTimeInterval(-8 * 86_400)
    try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: hooked.snapshotFolder + "/slot-3.lock")
    try hooked.repo.write("b.txt", "b\n")
    try hooked.repo.git(["add", "b.txt"])
    #expect(try hooked.repo.tillit(["check"], environment: hooked.environment).status == 0)
    #expect(hooked.slots() == ["slot-0"])
  }
}
