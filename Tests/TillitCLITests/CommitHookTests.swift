import Foundation
import Testing
import TillitTestSupport

/// `git commit` with Tillit's hook installed, end to end: the real binary, real git, real checks.
@Suite struct CommitHookTests {
  static let config =
    "checks:\n" + HookedRepo.failOnBadCheck() + """
        - name: record
          run: [scripts/record]
          files: ["*.txt", "*.bin"]
          pass-files: true
      """

  @Test func aFailingCheckBlocksTheCommitAndShowsItsOutput() throws {
    let hooked = try HookedRepo(config: Self.config)
    try hooked.repo.write("notes.txt", "fine\nBAD line\n")
    try hooked.repo.git(["add", "notes.txt"])
    let result = try hooked.commit()
    #expect(result.status != 0)
    #expect(try hooked.headCount() == 1)
    #expect(result.output.contains("no-bad"))
    #expect(result.output.contains("failed"))
    #expect(result.output.contains("2:BAD line"))
    #expect(result.output.contains("BAD found in notes.txt"))
    #expect(result.output.contains("tillit: checks failed"))
    #expect(result.output.contains("full output:"))
  }

  @Test func aPassingCheckLetsTheCommitThrough() throws {
    let hooked = try HookedRepo(config: Self.config)
    try hooked.repo.write("notes.txt", "all good\n")
    try hooked.repo.git(["add", "notes.txt"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    #expect(try hooked.headCount() == 2)
    #expect(result.output.contains("record"))
    #expect(result.output.contains("passed"))
  }

  @Test func theCheckSeesWhatIsStagedNotTheWorkTree() throws {
    let hooked = try HookedRepo(config: Self.config)
    try hooked.repo.write("part.txt", "one\n")
    try hooked.repo.commitAll("base")
    try hooked.repo.write("part.txt", "one\nstaged\n")
    try hooked.repo.git(["add", "part.txt"])
    try hooked.repo.write("part.txt", "one\nstaged\nBAD unstaged\n")
    let before = try hooked.repo.workTreeFingerprint()
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    #expect(hooked.outText("seen") == "one\nstaged\n")
    // The check ran in a snapshot, not in the work tree, and the snapshot is gone.
    #expect(hooked.outText("cwd")?.hasPrefix(hooked.snapshotFolder + "/slot-") == true)
    #expect(hooked.snapshots().isEmpty)
    let after = try hooked.repo.workTreeFingerprint()
    // Only the commit itself changed what is staged: compare the work tree's files.
    #expect(after.filter { !$0.hasPrefix("staged: ") && !$0.hasPrefix("status: ") } == before.filter { !$0.hasPrefix("staged: ") && !$0.hasPrefix("status: ") })
    #expect(try hooked.repo.read("part.txt") == "one\nstaged\nBAD unstaged\n")
  }

  @Test func unstagedUntrackedAndPartlyStagedWorkSurvivesAPassAndAFailure() throws {
    let hooked = try HookedRepo(config: Self.config)
    try hooked.repo.write("tracked.txt", "a\n")
    try hooked.repo.commitAll("base")
    try hooked.repo.write("tracked.txt", "a\nstaged\n")
    try hooked.repo.git(["add", "tracked.txt"])
    try hooked.repo.write("tracked.txt", "a\nstaged\nunstaged\n")
    try hooked.repo.write("untracked.txt", "not added\n")
    try hooked.repo.write("notes.txt", "BAD\n")
    try hooked.repo.git(["add", "notes.txt"])
    let beforeFailure = try hooked.repo.workTreeFingerprint()
    #expect(try hooked.commit().status != 0)
    #expect(try hooked.repo.workTreeFingerprint() == beforeFailure)

    try hooked.repo.git(["rm", "-q", "--cached", "notes.txt"])
    let beforePass = try hooked.repo.workTreeFingerprint()
    #expect(try hooked.commit().status == 0)
    let afterPass = try hooked.repo.workTreeFingerprint()
    #expect(afterPass.filter { !$0.contains(": ") } == beforePass.filter { !$0.contains(": ") })
    #expect(try hooked.repo.read("tracked.txt") == "a\nstaged\nunstaged\n")
    #expect(try hooked.repo.git(["diff"]).stdout.contains("+unstaged"))
  }

  @Test func theFirstCommitOfARepositoryIsChecked() throws {
    let temp = try TempRepo()
    let out = temp.root + "/out"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    for (name, body) in HookedRepo.scripts { try temp.write("scripts/\(name)", body + "\n", executable: true) }
    try temp.write(".tillit.yml", Self.config)
    try temp.write("first.txt", "BAD\n")
    #expect(try temp.tillit(["install"]).status == 0)
    try temp.git(["add", "-A"])
    let blocked = try temp.git(["commit", "-m", "first"], environment: ["OUT": out], allowFailure: true)
    #expect(blocked.status != 0)
    #expect(blocked.output.contains("BAD found in first.txt"))
    try temp.write("first.txt", "good\n")
    try temp.git(["add", "-A"])
    let passed = try temp.git(["commit", "-m", "first"], environment: ["OUT": out], allowFailure: true)
    #expect(passed.status == 0, "\(passed.output)")
  }

  @Test func renamesBinariesSpacesAndNonUTF8NamesReachTheCheckByteExact() throws {
    let hooked = try HookedRepo(config: Self.config)
    let body = (0..<30).map { "line \($0) of a text long enough to be seen as renamed\n" }.joined()
    try hooked.repo.write("before name.txt", body)
    try hooked.repo.commitAll("base")
    try hooked.repo.git(["mv", "before name.txt", "after  name.txt"])
    try hooked.repo.write("data.bin", bytes: [0, 159, 146, 150, 0, 255])
    let rawName: [UInt8] = Array("caf".utf8) + [0xE9] + Array(" menu.txt".utf8)
    let full = Array(hooked.repo.path.utf8) + [UInt8(ascii: "/")] + rawName + [0]
    let fd = full.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
    #expect(fd >= 0)
    _ = "soup\n".withCString { write(fd, $0, 5) }
    close(fd)
    try hooked.repo.git(["add", "-A"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    let args = try #require(hooked.outFile("args")).split(separator: 0, omittingEmptySubsequences: false).dropLast().map(Array.init)
    #expect(args.contains(Array("after  name.txt".utf8)))
    #expect(args.contains(Array("data.bin".utf8)))
    #expect(args.contains(rawName))
    #expect(!args.contains(Array("before name.txt".utf8)))
    let seen = try #require(hooked.outFile("seen"))
    #expect(seen.count == body.utf8.count + 6 + 5)
  }

  @Test func gitCommitWithPathsChecksOnlyWhatThatCommitRecords() throws {
    let hooked = try HookedRepo(config: Self.config)
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.write("b.txt", "b\n")
    try hooked.repo.commitAll("base")
    try hooked.repo.write("a.txt", "a changed\n")
    try hooked.repo.write("b.txt", "BAD but not committed\n")
    try hooked.repo.git(["add", "b.txt"])
    let result = try hooked.commit(arguments: ["a.txt"])
    #expect(result.status == 0, "\(result.output)")
    #expect(hooked.outText("seen") == "a changed\n")
    #expect(try hooked.repo.git(["diff", "--cached", "--name-only"]).stdout == "b.txt\n")
  }

  @Test func aLinkedWorktreeAndASubdirectoryUseTheSameHooks() throws {
    let hooked = try HookedRepo(config: Self.config)
    let linked = hooked.repo.root + "/linked"
    try hooked.repo.git(["worktree", "add", "-q", linked, "-b", "side"])
    try "BAD from the worktree\n".write(toFile: linked + "/w.txt", atomically: true, encoding: .utf8)
    try hooked.repo.git(["add", "w.txt"], in: linked)
    let blocked = try hooked.repo.git(["commit", "-m", "w"], in: linked, environment: hooked.environment, allowFailure: true)
    #expect(blocked.status != 0)
    #expect(blocked.output.contains("BAD found in w.txt"))

    try FileManager.default.createDirectory(atPath: hooked.repo.path + "/sub/dir", withIntermediateDirectories: true)
    try hooked.repo.write("sub/dir/s.txt", "from a subdirectory\n")
    try hooked.repo.git(["add", "s.txt"], in: hooked.repo.path + "/sub/dir")
    let passed = try hooked.repo.git(["commit", "-m", "s"], in: hooked.repo.path + "/sub/dir", environment: hooked.environment, allowFailure: true)
    #expect(passed.status == 0, "\(passed.output)")
    #expect(hooked.outText("seen") == "from a subdirectory\n")
  }

  @Test func skipVariablesAndNoVerifyLetACommitThrough() throws {
    let hooked = try HookedRepo(config: Self.config)
    try hooked.repo.write("notes.txt", "BAD\n")
    try hooked.repo.git(["add", "notes.txt"])
    let skipped = try hooked.commit(environment: ["TILLIT_SKIP": "no-bad"])
    #expect(skipped.status == 0, "\(skipped.output)")
    #expect(skipped.output.contains("skipped"))
    try hooked.repo.write("more.txt", "BAD\n")
    try hooked.repo.git(["add", "more.txt"])
    #expect(try hooked.commit(environment: ["TILLIT": "0"]).status == 0)
    try hooked.repo.write("third.txt", "BAD\n")
    try hooked.repo.git(["add", "third.txt"])
    #expect(try hooked.commit(arguments: ["--no-verify"]).status == 0)
    #expect(try hooked.headCount() == 4)
  }
}
