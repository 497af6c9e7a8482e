import Foundation
import Testing
import TillitGit
import TillitTestSupport

/// `IndexFile` reads git's index by itself: every entry and the staged tree must be what git
/// says (`git ls-files -s`, `git write-tree`), in every index version and cache-tree state, and
/// what it does not handle exactly must be declined (nil), never read wrong.
@Suite struct IndexFileTests {
  /// A repository with the hard cases: folders at several depths, a name that sorts between a
  /// folder and its neighbours (`a.b`, `a/…`, `a0`), spaces, bytes that are not UTF-8, an
  /// executable, a symlink and a submodule's commit.
  private func repository() throws -> TempRepo {
    let temp = try TempRepo()
    for path in ["a.b", "a/x.txt", "a/deep/er/y.txt", "a0", "b c/d e.txt", "z/1", "z/2/3", "top.txt"] {
      try temp.write(path, "content of \(path)\n")
    }
    try temp.write(String(decoding: [0x6e, 0xe9, 0x2e, 0x74, 0x78, 0x74], as: UTF8.self), "x\n")
    try temp.write("run.sh", "#!/bin/sh\n", executable: true)
    try FileManager.default.createSymbolicLink(atPath: temp.path + "/link", withDestinationPath: "a/x.txt")
    try temp.git(["add", "-A"])
    try temp.git(["update-index", "--add", "--cacheinfo", "160000,\(String(repeating: "1", count: 40)),sub"])
    try temp.git(["commit", "-qm", "first"])
    return temp
  }

  /// Asserts that IndexFile reads the repository's index as git does.
  private func expectAgreesWithGit(_ temp: TempRepo, _ comment: Comment) throws {
    let repository = try Repository(discoveringFrom: temp.path)
    let file = try #require(IndexFile(path: repository.indexPath), comment)
    let listed = try temp.git(["ls-files", "-s", "-z"]).stdoutBytes.split(separator: 0).map { Array($0) }
    #expect(file.count == listed.count, comment)
    for (position, line) in listed.enumerated() where position < file.count {
      let entry = file.entry(position)
      let tab = try #require(line.firstIndex(of: 9))
      #expect(entry.path.bytes == Array(line[(tab + 1)...]), comment)
      #expect(String(decoding: line[..<tab], as: UTF8.self) == "\(String(entry.mode.rawValue, radix: 8)) \(entry.blob.hex) 0", comment)
      #expect(file.entry(at: entry.path) == entry, comment)
    }
    let gitTree = try temp.git(["write-tree"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(try file.writeTree(into: repository).hex == gitTree, comment)
    #expect(file.hasEntries(inFolder: RepoPath("a/deep")))
    #expect(!file.hasEntries(inFolder: RepoPath("a/de")))
    #expect(file.entry(at: RepoPath("a")) == nil)
  }

  @Test func readsEveryVersionAsGitDoes() throws {
    let temp = try repository()
    for version in ["2", "3", "4", "2"] {
      try temp.git(["update-index", "--index-version", version])
      try expectAgreesWithGit(temp, "version \(version), cache tree complete")
      try temp.write("a/deep/er/y.txt", "changed in version \(version)\n")
      try temp.write("new folder/n.txt", "new in \(version)\n")
      try temp.git(["add", "-A"])
      try expectAgreesWithGit(temp, "version \(version), a change staged (cache tree invalid on its path)")
      try temp.git(["commit", "-qm", "v\(version)"])
    }
  }

  /// The staged paths, found without writing a tree, are git's (`git diff --cached`, both sides
  /// of a rename), through every kind of change and before the first commit.
  @Test func changedPathsAreWhatGitSaysIsStaged() throws {
    let temp = try TempRepo()
    func expectGitsPaths(_ comment: Comment) throws {
      let repository = try Repository(discoveringFrom: temp.path)
      let file = try #require(IndexFile(path: repository.indexPath), comment)
      let head = try repository.headCommitID().map { try repository.treeID(ofCommit: $0) }
      let git = try temp.git(["diff", "--cached", "--name-only", "--no-renames", "-z"]).stdoutBytes.split(separator: 0).map { RepoPath(bytes: Array($0)) }
      #expect(try file.changedPaths(against: head, in: repository) == git.sorted(), comment)
    }
    try temp.write("a/b/c.txt", "c\n")
    try temp.write("top.txt", "top\n")
    try temp.git(["add", "-A"])
    try expectGitsPaths("before the first commit")
    try temp.git(["commit", "-qm", "first"])
    let repository = try Repository(discoveringFrom: temp.path)
    #expect(
      try IndexFile(path: repository.indexPath)?.changedPaths(against: try repository.treeID(ofCommit: try repository.resolveCommit("HEAD")), in: repository)
        == [])
    let steps: [(String, () throws -> Void)] = [
      (
        "an edit deep down, a new folder",
        {
          try temp.write("a/b/c.txt", "c edited\n")
          try temp.write("new/d.txt", "d\n")
        }
      ),
      (
        "a mode change, a symlink",
        {
          try temp.write("top.txt", "top\n", executable: true)
          try FileManager.default.createSymbolicLink(atPath: temp.path + "/link", withDestinationPath: "top.txt")
        }
      ),
      (
        "a folder deleted, a rename",
        {
          try FileManager.default.removeItem(atPath: temp.path + "/a")
          try temp.git(["add", "-A"])
          try temp.git(["mv", "new/d.txt", "moved.txt"])
        }
      ),
      (
        "a file turned into a folder and a folder into a file",
        {
          try FileManager.default.removeItem(atPath: temp.path + "/top.txt")
          try temp.write("top.txt/inside", "now a folder\n")
          try FileManager.default.removeItem(atPath: temp.path + "/new")
          try temp.write("new", "now a file\n")
        }
      ),
    ]
    for (step, change) in steps {
      try change()
      try temp.git(["add", "-A"])
      try expectGitsPaths("\(step)")
      try temp.git(["commit", "-qm", step])
    }
  }

  @Test func anIndexWithoutACacheTreeIsWrittenFromItsEntries() throws {
    let temp = try repository()
    try FileManager.default.removeItem(atPath: temp.path + "/.git/index")
    try temp.git(["update-index", "--index-info"], input: try temp.git(["ls-tree", "-r", "HEAD"]).stdout)
    try expectAgreesWithGit(temp, "no TREE extension")
  }

  @Test func skipWorktreeEntriesAreReadFromTheirExtendedFlags() throws {
    let temp = try repository()
    try temp.git(["update-index", "--skip-worktree", "top.txt"])
    try expectAgreesWithGit(temp, "an extended flag")
  }

  @Test func whatItDoesNotHandleIsDeclined() throws {
    let conflicted = try repository()
    try conflicted.git(["update-index", "--index-info"], input: "100644 \(String(repeating: "2", count: 40)) 1\ttop.txt\n")
    #expect(IndexFile(path: conflicted.path + "/.git/index") == nil, "an unmerged entry")

    let intent = try repository()
    try intent.write("later.txt", "x\n")
    try intent.git(["add", "-N", "later.txt"])
    #expect(IndexFile(path: intent.path + "/.git/index") == nil, "an intent-to-add entry")

    let split = try repository()
    try split.git(["update-index", "--split-index"])
    #expect(IndexFile(path: split.path + "/.git/index") == nil, "a split index")

    let damaged = try repository()
    let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: damaged.path + "/.git/index")))
    for cut in [0, 12, 40, bytes.count / 2, bytes.count - 21] {
      try Data(bytes.prefix(cut)).write(to: URL(fileURLWithPath: damaged.path + "/.git/index"))
      #expect(IndexFile(path: damaged.path + "/.git/index") == nil, "cut at \(cut) of \(bytes.count)")
    }
    #expect(IndexFile(path: damaged.path + "/.git/no-such-index") == nil)
  }
}
