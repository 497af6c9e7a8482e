import Foundation
import Testing
import TillitCore
import TillitTestSupport
import TillitSystem

/// `tillit snapshots [--prune]`: the slots with their size on disk and whether a run holds them,
/// the budget, and the removal of the free ones only.
@Suite struct SnapshotsCommandTests {
  /// The size `tillit snapshots` prints on the line of `slot`, in bytes.
  func listedBytes(_ output: String, _ slot: String) -> Double? {
    guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(slot + " ") }) else { return nil }
    let fields = line.split(separator: " ")
    guard fields.count >= 3, let number = Double(fields[1]) else { return nil }
    let scale: [Substring: Double] = ["B": 1, "KiB": 1024, "MiB": 1024 * 1024, "GiB": 1024 * 1024 * 1024]
    return scale[fields[2]].map { $0 * number }
  }

  /// Holds `slot-N.lock` as a running check would; released by closing the descriptor.
  func holdLock(_ hooked: HookedRepo, _ slot: String) throws -> Int32 {
    let fd = open(hooked.snapshotFolder + "/" + slot + ".lock", O_RDWR)
    try #require(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0, "could not take \(slot)'s lock")
    return fd
  }

  @Test func listsEachSlotWithItsSizeWithoutFollowingLinksAndWhetherItIsInUse() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: build
            run: "head -c 307200 /dev/urandom > build.out; ln -sf /usr usr-link"
        """)
    #expect(try hooked.repo.tillit(["check", "--all"], environment: hooked.environment).status == 0)
    let held = try holdLock(hooked, "slot-0")
    #expect(try hooked.repo.tillit(["check", "--all", "--no-cache"], environment: hooked.environment).status == 0)
    let listed = try hooked.repo.tillit(["snapshots"])
    close(held)
    #expect(listed.status == 0, "\(listed.output)")
    #expect(listed.stdout.contains(#/slot-0 +[0-9.]+ [KM]iB +in use\n/#), "\(listed.stdout)")
    #expect(listed.stdout.contains(#/slot-1 +[0-9.]+ [KM]iB +free\n/#), "\(listed.stdout)")
    // The 300 KiB the check built counts; /usr behind the link does not.
    let size = try #require(listedBytes(listed.stdout, "slot-1"))
    #expect(size >= 300 * 1024 && size < 2 * 1024 * 1024, "\(listed.stdout)")

    // The tracked files as a checkout holds them: each size rounded up to the file system's block.
    var info = statvfs()
    #expect(statvfs(hooked.repo.path, &info) == 0)
    let block = Int(info.f_bsize)
    var tracked = 0
    for path in try hooked.repo.git(["ls-files"]).stdout.split(separator: "\n") {
      let size = try FileManager.default.attributesOfItem(atPath: hooked.repo.path + "/" + path)[.size] as? Int ?? 0
      tracked += (size + block - 1) / block * block
    }
    #expect(listed.stdout.contains("tracked size \(ByteSize.describe(tracked)); budget \(ByteSize.describe(2 * tracked))"), "\(listed.stdout)")
    #expect(listed.stdout.contains("the slots exceed the budget"), "\(listed.stdout)")
  }

  @Test func slotsWithinTheBudgetAreNotReported() throws {
    let random = (0..<200_000).map { _ in Character(UnicodeScalar(UInt8.random(in: 97...122))) }
    let hooked = try HookedRepo(config: "checks:\n  - name: look\n    run: [\"true\"]\n", files: ["data.txt": String(random)])
    #expect(try hooked.repo.tillit(["check", "--all"], environment: hooked.environment).status == 0)
    let listed = try hooked.repo.tillit(["snapshots"])
    #expect(listed.stdout.contains(#/slot-0 +[0-9.]+ KiB +free\n/#), "\(listed.stdout)")
    #expect(!listed.stdout.contains("exceed"), "\(listed.stdout)")
  }

  @Test func pruneRemovesFreeSlotsEntirelyAndKeepsTheOnesInUse() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: build
            run: "mkdir -p out && echo built > out/file && ln -sf \\"$OUT\\" out-link"
        """)
    try hooked.repo.write("../out/precious", "outside the slot\n")
    #expect(try hooked.repo.tillit(["check", "--all"], environment: hooked.environment).status == 0)
    let held = try holdLock(hooked, "slot-0")
    #expect(try hooked.repo.tillit(["check", "--all", "--no-cache"], environment: hooked.environment).status == 0)
    #expect(hooked.slots() == ["slot-0", "slot-1"])

    let pruned = try hooked.repo.tillit(["snapshots", "--prune"])
    #expect(pruned.status == 0, "\(pruned.output)")
    #expect(pruned.stdout.contains("removed slot-1"), "\(pruned.stdout)")
    #expect(pruned.stdout.contains("kept slot-0: a run is using it"), "\(pruned.stdout)")
    #expect(hooked.slots() == ["slot-0"])
    #expect(!FileManager.default.fileExists(atPath: hooked.snapshotFolder + "/slot-1.lock"))
    #expect(!FileManager.default.fileExists(atPath: hooked.repo.path + "/.git/worktrees/tillit-slot-1"))
    #expect(FileManager.default.fileExists(atPath: hooked.repo.path + "/.git/worktrees/tillit-slot-0"))
    #expect(hooked.outText("precious") == "outside the slot\n", "the link out of the slot was followed")
    #expect(!(try hooked.repo.git(["worktree", "list"]).stdout.contains("slot-1")))

    close(held)
    #expect(try hooked.repo.tillit(["snapshots", "--prune"]).stdout.contains("removed slot-0"))
    #expect(hooked.slots().isEmpty)
    #expect(try hooked.repo.tillit(["snapshots"]).stdout.contains("no snapshot slots yet"))
    // A check after a prune makes its slot again.
    #expect(try hooked.repo.tillit(["check", "--all", "--no-cache"], environment: hooked.environment).status == 0)
    #expect(hooked.slots() == ["slot-0"])
  }
}
