import Foundation
import Testing
import TillitTestSupport

/// `builtin:` checks through real commits: they read the staged blobs, move no snapshot slot,
/// and their fixes reach the index and the work tree as a snapshot fixer's do.
@Suite struct BuiltinCheckTests {
  static let fixers = """
    checks:
      - builtin: trailing-whitespace
      - builtin: end-of-file
      - builtin: mixed-line-ending
    """

  @Test func builtinFixersFixTheStagedContentMergeTheUnstagedEditAndUseNoSlot() throws {
    let hooked = try HookedRepo(config: Self.fixers)
    try hooked.repo.write("a.txt", "one\ntwo\nthree\nfour\n")
    try hooked.repo.commitAll("base")
    try hooked.repo.write("a.txt", "one  \r\ntwo changed\nthree\nfour\n")
    try hooked.repo.write("b.txt", "no newline")
    try hooked.repo.git(["add", "a.txt", "b.txt"])
    try hooked.repo.write("a.txt", "one  \r\ntwo changed\nthree\nfour\nunstaged\n")
    let result = try hooked.commit()
    #expect(result.status != 0, "\(result.output)")
    #expect(result.output.contains("fixed a.txt"), "\(result.output)")
    // trailing-whitespace, then mixed-line-ending on its output; the unstaged line merged in.
    #expect(try hooked.repo.git(["show", ":a.txt"]).stdout == "one\ntwo changed\nthree\nfour\n")
    #expect(try hooked.repo.read("a.txt") == "one\ntwo changed\nthree\nfour\nunstaged\n")
    #expect(try hooked.repo.git(["show", ":b.txt"]).stdout == "no newline\n")
    #expect(try hooked.repo.read("b.txt") == "no newline\n")
    #expect(hooked.slots().isEmpty, "a built-in needs no snapshot: \(hooked.slots())")
    let again = try hooked.commit()
    #expect(again.status == 0, "\(again.output)")
    #expect(try hooked.repo.git(["show", "HEAD:a.txt"]).stdout == "one\ntwo changed\nthree\nfour\n")
  }

  @Test func builtinsRunEveryTimeAndLeaveNoCacheEntry() throws {
    let hooked = try HookedRepo(config: Self.fixers)
    try hooked.repo.write("a.txt", "clean\n")
    try hooked.repo.git(["add", "a.txt"])
    for round in 1...2 {
      let check = try hooked.repo.tillit(["check"])
      #expect(check.status == 0, "\(check.output)")
      #expect(check.output.contains("trailing-whitespace  passed"), "round \(round): \(check.output)")
      #expect(!check.output.contains("cached"), "round \(round): \(check.output)")
    }
    let cache = hooked.repo.path + "/.git/tillit/cache"
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
    #expect(entries.isEmpty, "a built-in's pass costs a file to cache and less than that to check again: \(entries)")
  }

  @Test func onFixContinueCommitsWhatTheBuiltinsFixed() throws {
    let hooked = try HookedRepo(config: "on-fix: continue\n" + Self.fixers)
    try hooked.repo.write("b.md", "text   \n\n\n")
    try hooked.repo.git(["add", "b.md"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    #expect(try hooked.repo.git(["show", "HEAD:b.md"]).stdout == "text\n")
    #expect(try hooked.repo.read("b.md") == "text\n")
  }

  @Test func fixFalseReportsWithoutFixing() throws {
    let hooked = try HookedRepo(config: "checks:\n  - builtin: trailing-whitespace\n    fix: false\n")
    try hooked.repo.write("a.txt", "x \n")
    try hooked.repo.git(["add", "a.txt"])
    let result = try hooked.commit()
    #expect(result.status != 0, "\(result.output)")
    #expect(result.output.contains("a.txt: trailing whitespace"), "\(result.output)")
    #expect(try hooked.repo.git(["show", ":a.txt"]).stdout == "x \n")
  }

  /// A built-in fixer runs before the snapshot's fixers, which start from what it fixed: one fix.
  @Test func snapshotFixersStartFromTheBuiltinsFixes() throws {
    let config = """
      checks:
        - builtin: end-of-file
        - name: upper
          run: "sed -i 's/bad/BAD/' \\"$@\\""
          files: ["*.txt"]
          pass-files: true
          fix: true
      """
    let hooked = try HookedRepo(config: config)
    try hooked.repo.write("a.txt", "bad")
    try hooked.repo.git(["add", "a.txt"])
    let result = try hooked.commit()
    #expect(result.status != 0, "\(result.output)")
    #expect(try hooked.repo.git(["show", ":a.txt"]).stdout == "BAD\n")
    #expect(try hooked.repo.read("a.txt") == "BAD\n")
  }

  @Test func binaryFilesAreLeftAlone() throws {
    let hooked = try HookedRepo(config: Self.fixers)
    try hooked.repo.write("data.bin", bytes: [0, 1, 2, 32, 32, 13, 10, 10, 10])
    try hooked.repo.write("empty.txt", "")
    try hooked.repo.git(["add", "data.bin", "empty.txt"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
  }

  static let checks = """
    checks:
      - builtin: check-added-large-files
        max-kb: 1
      - builtin: case-conflict
      - builtin: executable-shebang
      - builtin: broken-symlinks
      - builtin: merge-conflict
    """

  /// check-added-large-files looks at added files only: a big file already committed may change.
  @Test func largeFilesAreRefusedWhenAddedOnly() throws {
    let hooked = try HookedRepo(config: Self.checks, files: ["README.md": "hello\n", "old.txt": String(repeating: "a", count: 4000) + "\n"])
    try hooked.repo.write("old.txt", String(repeating: "b", count: 4000) + "\n")
    try hooked.repo.git(["add", "old.txt"])
    #expect(try hooked.commit().status == 0)
    try hooked.repo.write("exact.txt", String(repeating: "c", count: 1024))
    try hooked.repo.git(["add", "exact.txt"])
    #expect(try hooked.commit().status == 0, "1,024 bytes is 1 KB, which does not exceed 1 KB")
    try hooked.repo.write("new.txt", String(repeating: "c", count: 1025))
    try hooked.repo.git(["add", "new.txt"])
    let result = try hooked.commit()
    #expect(result.status != 0)
    #expect(result.output.contains("new.txt (2 KB) exceeds 1 KB."), "\(result.output)")
  }

  @Test func caseConflictsWithCommittedPathsAndFolders() throws {
    let hooked = try HookedRepo(config: Self.checks, files: ["README.md": "hello\n", "docs/guide.txt": "g\n"])
    try hooked.repo.write("Docs/other.txt", "o\n")
    try hooked.repo.git(["add", "Docs/other.txt"])
    let result = try hooked.commit()
    #expect(result.status != 0)
    #expect(result.output.contains("Case-insensitivity conflict found: Docs"), "\(result.output)")
    #expect(result.output.contains("Case-insensitivity conflict found: docs"), "\(result.output)")
  }

  @Test func executablesNeedAShebang() throws {
    let hooked = try HookedRepo(config: Self.checks)
    try hooked.repo.write("tool", "echo hi\n", executable: true)
    try hooked.repo.write("script", "#!/bin/sh\necho hi\n", executable: true)
    try hooked.repo.write("plain.txt", "echo hi\n")
    try hooked.repo.git(["add", "tool", "script", "plain.txt"])
    let result = try hooked.commit()
    #expect(result.status != 0)
    #expect(result.output.contains("tool: marked executable but has no (or invalid) shebang"), "\(result.output)")
    #expect(!result.output.contains("script:"), "\(result.output)")
  }

  @Test func symlinksMustLeadSomewhere() throws {
    let hooked = try HookedRepo(config: Self.checks, files: ["README.md": "hello\n", "sub/file.txt": "f\n"])
    for (link, target) in [("to-file", "sub/file.txt"), ("to-folder", "sub"), ("sub/up", "../README.md"), ("to-system", "/"), ("chain", "to-file")] {
      try FileManager.default.createSymbolicLink(atPath: hooked.repo.path + "/" + link, withDestinationPath: target)
    }
    try hooked.repo.git(["add", "-A"])
    #expect(try hooked.commit().status == 0)
    try FileManager.default.createSymbolicLink(atPath: hooked.repo.path + "/dangling", withDestinationPath: "sub/missing")
    try hooked.repo.git(["add", "dangling"])
    let result = try hooked.commit()
    #expect(result.status != 0)
    #expect(result.output.contains("dangling: Broken symlink"), "\(result.output)")
  }

  /// check-merge-conflict looks only while a merge is being concluded (or with assume-in-merge).
  @Test func conflictMarkersStopTheCommitOfAMerge() throws {
    let hooked = try HookedRepo(config: Self.checks)
    try hooked.repo.write("a.txt", "<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n")
    try hooked.repo.git(["add", "a.txt"])
    try "merge\n".write(toFile: hooked.repo.path + "/.git/MERGE_MSG", atomically: true, encoding: .utf8)
    let head = try hooked.repo.git(["rev-parse", "HEAD"]).stdout
    try head.write(toFile: hooked.repo.path + "/.git/MERGE_HEAD", atomically: true, encoding: .utf8)
    let merging = try hooked.repo.tillit(["check"])
    #expect(merging.status != 0)
    #expect(merging.output.contains("a.txt:1: Merge conflict string '<<<<<<<' found"), "\(merging.output)")
    #expect(merging.output.contains("a.txt:3: Merge conflict string '=======' found"), "\(merging.output)")
    try FileManager.default.removeItem(atPath: hooked.repo.path + "/.git/MERGE_HEAD")
    #expect(try hooked.repo.tillit(["check"]).status == 0)
  }

  /// A built-in runs no program, but its settings are what was approved: changing one asks again.
  @Test func aBuiltinsOptionsArePartOfTheApproval() throws {
    let hooked = try HookedRepo(config: "checks:\n  - builtin: large-files\n    max-kb: 100\n")
    try hooked.repo.write(".tillit.yml", "checks:\n  - builtin: large-files\n    max-kb: 100000\n")
    try hooked.repo.git(["add", ".tillit.yml"])
    let result = try hooked.commit()
    #expect(result.status != 0)
    #expect(result.output.contains("max-kb=100000"), "\(result.output)")
    #expect(result.output.contains("tillit trust"), "\(result.output)")
  }
}
