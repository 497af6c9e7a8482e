import Foundation
import Testing
import TillitTestSupport

/// Snapshot slots are reused between runs: what checks build stays, what they change in tracked
/// files never leaks into the next run, and concurrent runs never share a slot.
@Suite struct SnapshotSlotTests {
  /// Every tracked file of the slot, compared with the index it was moved to.
  func expectSlotMatchesTheIndex(_ hooked: HookedRepo, _ context: String) throws {
    let slot = hooked.snapshotFolder + "/slot-0"
    let staged = try hooked.repo.git(["ls-files", "-s", "-z"]).stdoutBytes
    #expect(try hooked.repo.git(["ls-files", "-s", "-z"], in: slot).stdoutBytes == staged, "\(context): the slot's index is not the staged one")
    for line in staged.split(separator: 0) {
      let fields = line.split(separator: UInt8(ascii: "\t"), maxSplits: 1)
      guard fields.count == 2 else { continue }
      let header = String(decoding: fields[0], as: UTF8.self).split(separator: " ")
      let blob = String(header[1])
      guard let path = String(validating: fields[1], as: UTF8.self) else {
        // Not UTF-8, so not a name a String can carry to git: its bytes against the blob's.
        let full = Array(slot.utf8) + [UInt8(ascii: "/")] + Array(fields[1]) + [0]
        let fd = full.withUnsafeBufferPointer { name in open(UnsafeRawPointer(name.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY) }
        var content = [UInt8](repeating: 0, count: 4096)
        let count = fd >= 0 ? read(fd, &content, content.count) : -1
        if fd >= 0 { close(fd) }
        let expected = try hooked.repo.git(["cat-file", "blob", blob]).stdoutBytes
        #expect(count >= 0 && Array(content.prefix(max(count, 0))) == expected, "\(context): a name that is not UTF-8 differs")
        continue
      }
      let full = slot + "/" + path
      if header[0] == "120000" {
        let target = try? FileManager.default.destinationOfSymbolicLink(atPath: full)
        let expected = try hooked.repo.git(["cat-file", "blob", blob]).stdout
        #expect(target == expected, "\(context): \(path) in the slot is not the staged link")
        continue
      }
      let onDisk = try hooked.repo.git(["hash-object", "--", path], in: slot, allowFailure: true).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      #expect(onDisk == blob, "\(context): \(path) in the slot is not what is staged")
    }
  }

  @Test func whatAChecksWritesToTrackedFilesNeverReachesTheNextRun() throws {
    let hooked = try HookedRepo(
      config: """
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

  /// A check that points a tracked symlink elsewhere rewrote it, as much as one that edits a
  /// file: the commit stops and names it, and the next run sees the staged link again.
  @Test func aTrackedSymlinkPointedElsewhereIsARewrite() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: relinker
            run: "[ \\"$(readlink link)\\" = kept.txt ] && ln -sfn /etc/passwd link"
        """, files: ["kept.txt": "kept\n"])
    try FileManager.default.createSymbolicLink(atPath: hooked.repo.path + "/link", withDestinationPath: "kept.txt")
    try hooked.repo.git(["add", "link"])
    let first = try hooked.repo.tillit(["check"], environment: hooked.environment)
    #expect(first.status == 1 && first.stdout.contains("rewrote link"), "\(first.output)")
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    let second = try hooked.repo.tillit(["check", "--all"], environment: hooked.environment)
    #expect(second.stdout.contains("rewrote link"), "the next run did not see the staged link again: \(second.output)")
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
    let hooked = try HookedRepo(
      config: """
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
    let bothStarted = waitUntil {
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

  /// Slots a burst of concurrent commits left behind are removed after a run when they put the
  /// pool over its budget (twice the tracked size); the slot the run used stays.
  @Test func slotsOverTheBudgetAreRemovedAfterARun() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: look\n    run: [\"true\"]\n")
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    #expect(try hooked.repo.tillit(["check"], environment: hooked.environment).status == 0)
    try FileManager.default.createDirectory(atPath: hooked.snapshotFolder + "/slot-2/build", withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: hooked.snapshotFolder + "/slot-2/build/output", contents: Data(count: 1 << 20))
    FileManager.default.createFile(atPath: hooked.snapshotFolder + "/slot-2.lock", contents: Data())
    try hooked.repo.write("b.txt", "b\n")
    try hooked.repo.git(["add", "b.txt"])
    #expect(try hooked.repo.tillit(["check"], environment: hooked.environment).status == 0)
    #expect(hooked.slots() == ["slot-0"], "a megabyte-large free slot stayed over a budget of a few blocks")
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
  /// Moves the slot through every kind of change and checks, after each, that its files and
  /// index are exactly what is staged, that git accepts the index's checksum (`git fsck`), and
  /// that folders a move empties are gone — written by SlotCheckout where no attributes apply,
  /// by libgit2's checkout where they do.
  @Test(arguments: [false, true]) func everyKindOfChangeMovesTheSlotToExactlyTheIndex(attributes: Bool) throws {
    var files = ["kept.txt": "kept\n", "x": "a file, later a folder\n", "d/e/f.txt": "deep\n", "only/one.txt": "alone\n"]
    if attributes { files[".gitattributes"] = "*.txt eol=crlf\n" }
    let hooked = try HookedRepo(config: "checks:\n  - name: look\n    run: [\"true\"]\n", files: files)
    let slot = hooked.snapshotFolder + "/slot-0"
    let steps: [(String, () throws -> Void)] = [
      (
        "files added in new folders",
        {
          try hooked.repo.write("new/deeper/a b.txt", "spaces\n")
          let name = Array(hooked.repo.path.utf8) + [UInt8(ascii: "/"), 0x6e, 0xe9, 0]
          let fd = name.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
          _ = write(fd, "latin-1 name\n", 13)
          close(fd)
        }
      ),
      (
        "a file edited, one deleted so its folder empties",
        {
          try hooked.repo.write("kept.txt", "kept, edited\n")
          try FileManager.default.removeItem(atPath: hooked.repo.path + "/only/one.txt")
        }
      ),
      (
        "a file made executable, a symlink added",
        {
          try hooked.repo.write("run.sh", "#!/bin/sh\n", executable: true)
          try FileManager.default.createSymbolicLink(atPath: hooked.repo.path + "/link", withDestinationPath: "kept.txt")
        }
      ),
      (
        "a file turned into a folder, a symlink into a file",
        {
          try FileManager.default.removeItem(atPath: hooked.repo.path + "/x")
          try hooked.repo.write("x/inside.txt", "now a folder\n")
          try FileManager.default.removeItem(atPath: hooked.repo.path + "/link")
          try hooked.repo.write("link", "now a file\n")
        }
      ),
      (
        "a folder turned back into a file",
        {
          try FileManager.default.removeItem(atPath: hooked.repo.path + "/x")
          try hooked.repo.write("x", "a file again\n")
        }
      ),
    ]
    for (step, change) in steps {
      try change()
      try hooked.repo.git(["add", "-A"])
      let run = try hooked.repo.tillit(["check", "--all", "--no-cache"], environment: hooked.environment)
      #expect(run.status == 0, "\(step): \(run.output)")
      try expectSlotMatchesTheIndex(hooked, step)
      let fsck = try hooked.repo.git(["fsck", "--no-dangling", "--no-progress"], in: slot, allowFailure: true)
      #expect(fsck.status == 0 && !fsck.output.contains("index"), "\(step): \(fsck.output)")
      try hooked.repo.git(["commit", "-qm", step, "--no-verify"])
    }
    #expect(!FileManager.default.fileExists(atPath: slot + "/only"), "a folder the moves emptied stayed")
  }

  /// A check that changes the slot's index without touching a file (`git rm --cached` inside
  /// it) makes the next move compare every file, so the next run sees the index it should.
  @Test func aCheckThatChangesTheSlotsIndexDoesNotLeakIntoTheNextRun() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: unstager
            run: "git ls-files --error-unmatch kept.txt >/dev/null && git rm -q --cached kept.txt"
        """, files: ["kept.txt": "kept\n"])
    for name in ["a.txt", "b.txt", "c.txt"] {
      try hooked.repo.write(name, "\(name)\n")
      try hooked.repo.git(["add", name])
      let run = try hooked.repo.tillit(["check"], environment: hooked.environment)
      #expect(run.status == 0, "after \(name), the slot's index was the one the last check left: \(run.output)")
    }
  }
}
