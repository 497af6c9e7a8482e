import Foundation
import Testing
import TillitTestSupport

/// Snapshots are written from other people's trees and removed again: neither may reach a file
/// outside the snapshot, whatever the tree or the snapshot folder holds.
@Suite struct SnapshotEscapeTests {
  static let prePushConfig = """
    checks:
      - name: look
        run: ["true"]
        stage: pre-push

    """

  /// A repository whose pre-push check is approved, and a folder outside it to attack.
  func approvedRepository() throws -> (TempRepo, outside: String) {
    let repo = try TempRepo()
    try repo.write(".tillit.yml", Self.prePushConfig)
    try repo.commitAll("base")
    let trusted = try repo.tillit(["trust"])
    try #require(trusted.status == 0, "\(trusted.output)")
    let outside = repo.root + "/outside"
    try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    return (repo, outside)
  }

  /// Writes a tree object exactly as given, as `git hash-object --literally` stores it.
  func literalTree(_ repo: TempRepo, _ entries: [(mode: String, name: String, id: String)]) throws -> String {
    var bytes: [UInt8] = []
    for entry in entries {
      bytes += Array("\(entry.mode) \(entry.name)".utf8) + [0]
      var hex = Array(entry.id.utf8)
      while hex.count >= 2 {
        bytes.append(UInt8(String(decoding: hex.prefix(2), as: UTF8.self), radix: 16) ?? 0)
        hex.removeFirst(2)
      }
    }
    let file = repo.root + "/tree.bin"
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    return try repo.git(["hash-object", "-t", "tree", "--literally", "-w", file]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func blob(_ repo: TempRepo, _ text: String) throws -> String {
    try repo.git(["hash-object", "-w", "--stdin"], input: text).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func commit(_ repo: TempRepo, tree: String) throws -> String {
    try repo.git(["commit-tree", tree, "-p", "HEAD", "-m", "theirs"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func aSymlinkAndAFolderOfTheSameNameCannotWriteOutsideTheSnapshot() throws {
    let (repo, outside) = try approvedRepository()
    let config = try repo.git(["rev-parse", "HEAD:.tillit.yml"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let evil = try blob(repo, "evil\n")
    let folder = try repo.git(["mktree"], input: "100644 blob \(evil)\tevil.txt\n").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let tree = try literalTree(
      repo,
      [
        ("100644", ".tillit.yml", config), ("120000", "a", try blob(repo, outside)), ("40000", "a", folder),
      ])
    let theirs = try commit(repo, tree: tree)
    let result = try repo.tillit(["check", "--range", "HEAD..\(theirs)"])
    #expect(!FileManager.default.fileExists(atPath: outside + "/evil.txt"), "the snapshot wrote outside itself")
    #expect(result.status == 2, "\(result.output)")
    #expect(result.stderr.contains("'a'") && result.stderr.contains("malformed"), "\(result.output)")
    #expect(((try? FileManager.default.contentsOfDirectory(atPath: repo.path + "/.git/tillit/snapshots")) ?? []).isEmpty)
  }

  @Test func aTreeWithNamesOutOfOrderOrTwiceIsRefusedWithAClearError() throws {
    let (repo, _) = try approvedRepository()
    let config = try repo.git(["rev-parse", "HEAD:.tillit.yml"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let one = try blob(repo, "one\n")
    for entries in [
      [("100644", ".tillit.yml", config), ("100644", "b.txt", one), ("100644", "a.txt", one)],
      [("100644", ".tillit.yml", config), ("100644", "a.txt", one), ("100644", "a.txt", one)],
    ] {
      let theirs = try commit(repo, tree: try literalTree(repo, entries))
      let result = try repo.tillit(["check", "--range", "HEAD..\(theirs)"])
      #expect(result.status == 2, "\(result.output)")
      #expect(result.stderr.contains("malformed") && result.stderr.contains("a.txt"), "\(result.output)")
    }
  }

  @Test func aDamagedSlotIsRebuiltWithoutFollowingSymlinks() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: quick\n    run: [\"true\"]\n")
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    #expect(try hooked.repo.tillit(["check"], environment: hooked.environment).status == 0)
    let victim = hooked.repo.root + "/victim"
    try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
    for number in 0..<20 { try Data("keep \(number)\n".utf8).write(to: URL(fileURLWithPath: "\(victim)/file-\(number)")) }
    let slot = hooked.snapshotFolder + "/slot-0"
    try FileManager.default.createDirectory(atPath: slot + "/deep", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: slot + "/deep/into-victim", withDestinationPath: victim)
    try FileManager.default.createSymbolicLink(atPath: slot + "/victim-file", withDestinationPath: victim + "/file-0")
    // A name that is not UTF-8, which a removal working on Strings could not remove.
    let odd = Array((slot + "/deep/bad-").utf8) + [0xff] + Array("-name.txt".utf8)
    let fd = open(odd.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
    try #require(fd >= 0)
    close(fd)
    chmod(slot + "/deep", 0o500)
    try FileManager.default.removeItem(atPath: slot + "/.git")  // damaged: the slot is rebuilt

    let result = try hooked.repo.tillit(["check", "--no-cache"], environment: hooked.environment)
    #expect(result.status == 0, "\(result.output)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: victim).count == 20, "the rebuild deleted files it reached through a symlink")
    #expect(!FileManager.default.fileExists(atPath: slot + "/deep"), "the damaged slot was not rebuilt")
    #expect(try hooked.repo.git(["status", "--porcelain"], in: slot).stdout == "A  a.txt\n")
  }

  @Test func aFileNameThatIsNotUTF8LeavesNoSnapshotBehind() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: record\n    run: [scripts/record]\n    pass-files: true\n")
    let name = Array((hooked.repo.path + "/bad-").utf8) + [0xff] + Array("-name.txt".utf8)
    let fd = open(name.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
    try #require(fd >= 0)
    _ = write(fd, "x\n", 2)
    close(fd)
    try hooked.repo.git(["add", "-A"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    #expect(hooked.outFile("args") == Array("bad-".utf8) + [0xff] + Array("-name.txt".utf8) + [0])
    #expect(hooked.snapshots().isEmpty, "\(hooked.snapshots())")
  }

  @Test func gitInsideASnapshotAnswersForTheSnapshotNotTheWorkTree() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: where
            run: "git rev-parse --verify HEAD && git describe --always && git rev-parse --show-toplevel > \\"$OUT/top\\" && git ls-files > \\"$OUT/files\\" && git status --porcelain > \\"$OUT/status\\""
        """)
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    try hooked.repo.write("unstaged.txt", "not staged\n")
    let result = try hooked.repo.tillit(["check"], environment: hooked.environment)
    #expect(result.status == 0, "\(result.output)")
    #expect(hooked.outText("top") == hooked.snapshotFolder + "/slot-0\n")
    #expect(hooked.outText("files")?.contains("a.txt") == true)
    #expect(hooked.outText("files")?.contains("unstaged.txt") == false)
    // As in the repository, HEAD is the commit built on and the index the staged content (so
    // `git diff --cached` shows the change); the snapshot's files are exactly its index.
    #expect(hooked.outText("status") == "A  a.txt\n", "\(hooked.outText("status") ?? "")")
  }

  /// A reused slot moves from a tree where `a` is a symlink out to one where `a/` is a folder: the
  /// move replaces the link, never writes through it.
  @Test func aSymlinkReplacedByAFolderBetweenMovesIsNeverWrittenThrough() throws {
    let (repo, outside) = try approvedRepository()
    try FileManager.default.createSymbolicLink(atPath: repo.path + "/a", withDestinationPath: outside)
    try repo.git(["add", "a"])
    try repo.git(["commit", "-q", "-m", "link"])
    #expect(try repo.tillit(["check", "--range", "HEAD~1..HEAD"]).status == 0)
    try repo.git(["rm", "-q", "a"])
    try repo.write("a/evil.txt", "evil\n")
    try repo.git(["add", "a"])
    try repo.git(["commit", "-q", "-m", "folder"])
    let result = try repo.tillit(["check", "--range", "HEAD~1..HEAD"])
    #expect(result.status == 0, "\(result.output)")
    #expect(!FileManager.default.fileExists(atPath: outside + "/evil.txt"), "the move wrote through a symlink")
    #expect(try String(contentsOfFile: repo.path + "/.git/tillit/snapshots/slot-0/a/evil.txt", encoding: .utf8) == "evil\n")
  }

  /// A pushed tree nested deeper than any path the system holds is refused with exit 2, before a
  /// slot moves (a recursive walk of it once overflowed the stack).
  @Test func aTreeDeeperThanAPathCanBeIsRefused() throws {
    let (repo, _) = try approvedRepository()
    // A slot with a record of its last run, so the next move compares trees.
    #expect(try repo.tillit(["check", "--range", "HEAD~0..HEAD"]).status <= 1)
    let path = Array(repeating: "d", count: 2100).joined(separator: "/") + "/f"
    let base = try repo.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let stream = "commit refs/heads/deep\ncommitter A <a@example.com> 0 +0000\ndata 4\ndeep\nfrom \(base)\nM 100644 inline \(path)\ndata 2\nx\n\n"
    try repo.git(["fast-import", "--quiet"], input: stream)
    let result = try repo.tillit(["check", "--range", "HEAD..deep"])
    #expect(result.status == 2, "\(result.output.prefix(500))")
    #expect(result.stderr.contains("longer than this system allows"), "\(result.output.prefix(500))")
  }
}
