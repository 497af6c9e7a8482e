import Foundation
import Testing
import TillitTestSupport

/// Fixers rewrite what is staged; their fixes reach the index and the work tree without ever
/// overwriting an unstaged edit.
@Suite struct FixerTests {
  static func config(onFix: String = "stop", extra: String = "") -> String {
    """
    on-fix: \(onFix)
    checks:
      - name: trim
        run: "sed -i 's/[ \\t]*$//' \\"$@\\""
        files: ["*.txt"]
        pass-files: true
        fix: true
    \(extra)
    """
  }

  /// A partly staged file: trailing spaces staged, an unstaged line on top.
  func stagePartly(_ hooked: HookedRepo) throws {
    try hooked.repo.write("a.txt", "one\ntwo\nthree\nfour\n")
    try hooked.repo.commitAll("base")
    try hooked.repo.write("a.txt", "one  \ntwo changed\nthree\nfour\n")
    try hooked.repo.git(["add", "a.txt"])
    try hooked.repo.write("a.txt", "one  \ntwo changed\nthree\nfour\nunstaged\n")
  }

  @Test func onFixStopStopsTheCommitWithTheFixStagedAndTheUnstagedEditIntact() throws {
    let hooked = try HookedRepo(config: Self.config())
    try stagePartly(hooked)
    let result = try hooked.commit()
    #expect(result.status != 0, "\(result.output)")
    #expect(result.output.contains("fixed a.txt"), "\(result.output)")
    #expect(try hooked.headCount() == 2)
    #expect(try hooked.repo.git(["show", ":a.txt"]).stdout == "one\ntwo changed\nthree\nfour\n")
    #expect(try hooked.repo.read("a.txt") == "one\ntwo changed\nthree\nfour\nunstaged\n")
    let again = try hooked.commit()
    #expect(again.status == 0, "\(again.output)")
    #expect(try hooked.repo.git(["show", "HEAD:a.txt"]).stdout == "one\ntwo changed\nthree\nfour\n")
    #expect(try hooked.repo.read("a.txt") == "one\ntwo changed\nthree\nfour\nunstaged\n")
  }

  @Test func onFixContinueCommitsTheFixedContentAndKeepsTheUnstagedEdit() throws {
    let hooked = try HookedRepo(config: Self.config(onFix: "continue"))
    try stagePartly(hooked)
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    #expect(try hooked.repo.git(["show", "HEAD:a.txt"]).stdout == "one\ntwo changed\nthree\nfour\n")
    #expect(try hooked.repo.read("a.txt") == "one\ntwo changed\nthree\nfour\nunstaged\n")
    #expect(try hooked.repo.git(["status", "--porcelain"]).stdout.contains(" M a.txt"))
  }

  @Test func anUnstagedEditThatWouldNotMergeIsKeptAndTheFixSavedAsAPatch() throws {
    let hooked = try HookedRepo(config: Self.config())
    try hooked.repo.write("a.txt", "one\n")
    try hooked.repo.commitAll("base")
    try hooked.repo.write("a.txt", "one  \n")
    try hooked.repo.git(["add", "a.txt"])
    try hooked.repo.write("a.txt", "one, rewritten unstaged\n")
    let result = try hooked.commit()
    #expect(result.status != 0)
    #expect(try hooked.repo.read("a.txt") == "one, rewritten unstaged\n", "an unstaged edit was overwritten")
    #expect(try hooked.repo.git(["show", ":a.txt"]).stdout == "one\n")
    let patches = try FileManager.default.contentsOfDirectory(atPath: hooked.repo.path + "/.git/tillit/fixes")
    #expect(patches.count == 1)
    #expect(result.output.contains("work tree keeps them"), "\(result.output)")
  }

  @Test func fixersRunOneAfterAnotherAndTheOtherChecksSeeTheFixedTree() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: upper
            run: "for f in \\"$@\\"; do tr a-z A-Z < \\"$f\\" > \\"$f.tmp\\" && mv \\"$f.tmp\\" \\"$f\\"; done"
            files: ["*.txt"]
            pass-files: true
            fix: true
          - name: exclaim
            run: "for f in \\"$@\\"; do sed -i 's/$/!/' \\"$f\\"; done; rm -f old.txt; echo made > added.txt"
            files: ["*.txt"]
            pass-files: true
            fix: true
          - name: look
            run: "cat a.txt > \\"$OUT/seen\\"; ls > \\"$OUT/listing\\""
        """)
    try hooked.repo.write("old.txt", "old\n")
    try hooked.repo.write("image.bin", bytes: [0, 1, 2, 0xff, 0x20, 0x0a])
    try hooked.repo.commitAll("base")
    try hooked.repo.write("a.txt", "hello\n")
    try hooked.repo.git(["add", "a.txt"])
    let result = try hooked.commit()
    #expect(result.status != 0, "\(result.output)")
    #expect(hooked.outText("seen") == "HELLO!\n")
    #expect(try hooked.repo.git(["show", ":a.txt"]).stdout == "HELLO!\n")
    #expect(try hooked.repo.git(["show", ":added.txt"]).stdout == "made\n")
    #expect(try hooked.repo.git(["ls-files", "old.txt"]).stdout.isEmpty, "the fixer's deletion was not staged")
    #expect(!hooked.repo.exists("old.txt"))
    #expect(try hooked.repo.read("added.txt") == "made\n")
    #expect(try Array(Data(contentsOf: URL(fileURLWithPath: hooked.repo.path + "/image.bin"))) == [0, 1, 2, 0xff, 0x20, 0x0a])
  }

  @Test func aFixerOnAPushedCommitStopsThePushWithoutTouchingAnything() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: trim
            run: "sed -i 's/[ \\t]*$//' \\"$@\\""
            files: ["*.txt"]
            pass-files: true
            fix: true
            stage: pre-push
        """)
    try hooked.repo.write("a.txt", "spaces  \n")
    try hooked.repo.commitAll("spaces")
    let before = try hooked.repo.workTreeFingerprint()
    let result = try hooked.repo.tillit(["check", "--range", "HEAD~1..HEAD"], environment: hooked.environment)
    #expect(result.status == 1, "\(result.output)")
    #expect(result.output.contains("cannot be fixed"), "\(result.output)")
    #expect(try hooked.repo.workTreeFingerprint() == before)
  }

  @Test func aFixerStoppedByItsTimeoutFixesNothing() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: slow-fixer
            run: "for f in \\"$@\\"; do echo half-written > \\"$f\\"; done; sleep 30"
            files: ["*.txt"]
            pass-files: true
            fix: true
            timeout: 1s
        """)
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    let before = try hooked.repo.workTreeFingerprint()
    let result = try hooked.commit()
    #expect(result.status != 0, "\(result.output)")
    #expect(result.output.contains("timed out"), "\(result.output)")
    #expect(try hooked.repo.workTreeFingerprint() == before, "a fixer stopped half-way changed the work tree or the index")
    #expect(try String(contentsOfFile: hooked.snapshotFolder + "/slot-0/a.txt", encoding: .utf8) == "a\n")
  }

  @Test func aFixThatWasThrownAwayIsMadeAgainNotTakenFromTheCache() throws {
    let hooked = try HookedRepo(config: Self.config())
    try hooked.repo.write("a.txt", "spaces  \n")
    try hooked.repo.git(["add", "a.txt"])
    #expect(try hooked.commit().status != 0)
    try hooked.repo.git(["reset", "-q", "--hard"])
    try hooked.repo.write("a.txt", "spaces  \n")
    try hooked.repo.git(["add", "a.txt"])
    let again = try hooked.commit()
    #expect(again.status != 0, "a fixer's earlier run stood in for this one: \(again.output)")
    #expect(try hooked.repo.git(["show", ":a.txt"]).stdout == "spaces\n")
  }

  @Test func aCheckThatRewritesTrackedFilesWithoutFixStopsTheCommitAndBuildOutputsDoNot() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: sneaky
            run: "for f in \\"$@\\"; do echo fixed > \\"$f\\"; done; mkdir -p out && echo built > out/result; echo log > check.log"
            files: ["*.txt"]
            pass-files: true
        """)
    try hooked.repo.write("a.txt", "needs a fix\n")
    try hooked.repo.git(["add", "a.txt"])
    let result = try hooked.commit()
    #expect(result.status != 0, "\(result.output)")
    #expect(result.output.contains("rewrote a.txt in the snapshot without fix: true"), "\(result.output)")
    #expect(!result.output.contains("check.log"), "an untracked file was reported: \(result.output)")
    #expect(try hooked.repo.git(["show", ":a.txt"]).stdout == "needs a fix\n")
    #expect(try hooked.repo.read("a.txt") == "needs a fix\n")
  }

  @Test func theCommitAfterAFixStopFindsTheOtherChecksPassedOnTheFixedContent() throws {
    let hooked = try HookedRepo(
      config: Self.config(
        extra: """
            - name: look
              run: "echo ran >> \\"$OUT/look-runs\\""
              files: ["*.txt"]
          """))
    try hooked.repo.write("a.txt", "spaces  \n")
    try hooked.repo.git(["add", "a.txt"])
    #expect(try hooked.commit().status != 0)
    #expect(hooked.outText("look-runs") == "ran\n")
    let again = try hooked.commit()
    #expect(again.status == 0, "\(again.output)")
    #expect(hooked.outText("look-runs") == "ran\n", "the check ran again on the content it passed on")
    #expect(again.output.contains("cached"), "\(again.output)")
  }

  @Test func aFixKeepsAnUnstagedChangeOfMode() throws {
    let hooked = try HookedRepo(config: Self.config(onFix: "continue"))
    try hooked.repo.write("m.txt", "m  \n")
    try hooked.repo.git(["add", "m.txt"])
    chmod(hooked.repo.path + "/m.txt", 0o755)
    #expect(try hooked.commit().status == 0)
    let mode = try FileManager.default.attributesOfItem(atPath: hooked.repo.path + "/m.txt")[.posixPermissions] as? Int
    #expect(mode == 0o755, "the unstaged chmod was lost")
    #expect(try hooked.repo.read("m.txt") == "m\n")
  }

  @Test func aCommitOfNamedPathsSaysWhereTheFixIs() throws {
    let hooked = try HookedRepo(config: Self.config(onFix: "continue"))
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.commitAll("base")
    try hooked.repo.write("a.txt", "a  \n")
    let result = try hooked.commit("partial", arguments: ["a.txt"])
    #expect(result.status == 0, "\(result.output)")
    #expect(try hooked.repo.git(["show", "HEAD:a.txt"]).stdout == "a\n")
    #expect(result.output.contains("git's own index keeps the unfixed copy"), "\(result.output)")
  }
}
