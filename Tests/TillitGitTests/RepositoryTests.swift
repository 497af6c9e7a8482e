import Foundation
import Testing
import TillitGit
import TillitTestSupport

@Suite struct RepositoryTests {
  @Test func discoversFromASubdirectoryAndAnswersAboutTheLayout() throws {
    let temp = try TempRepo()
    try temp.write("a/b/c.txt", "x\n")
    try temp.commitAll("first")
    let repository = try Repository(discoveringFrom: temp.path + "/a/b")
    #expect(repository.workdir == temp.path + "/")
    #expect(repository.gitDir == temp.path + "/.git/")
    #expect(repository.commonDir == temp.path + "/.git/")
    #expect(!repository.isBare)
  }

  @Test func aLinkedWorktreeSharesTheCommonDirectory() throws {
    let temp = try TempRepo()
    try temp.write("f.txt", "x\n")
    try temp.commitAll("first")
    let linked = temp.root + "/linked"
    try temp.git(["worktree", "add", "-q", linked, "-b", "side"])
    let repository = try Repository(discoveringFrom: linked)
    #expect(repository.workdir == linked + "/")
    #expect(repository.gitDir.hasPrefix(temp.path + "/.git/worktrees/"))
    #expect(repository.commonDir == temp.path + "/.git/")
  }

  @Test func outsideARepositoryIsNotFound() throws {
    let directory = try TempRepo.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect { try Repository(discoveringFrom: directory) } throws: { ($0 as? GitError)?.isNotFound == true }
  }

  @Test func anUnbornHeadDiffsAgainstTheEmptyTree() throws {
    let temp = try TempRepo()
    try temp.write("new.txt", "hello\n")
    try temp.git(["add", "new.txt"])
    let repository = try Repository(discoveringFrom: temp.path)
    #expect(try repository.headCommitID() == nil)
    let changes = try repository.stagedChanges(in: try repository.index())
    #expect(changes.map(\.status) == [.added])
    #expect(changes.map(\.newPath) == [RepoPath("new.txt")])
  }

  @Test func renamesBinariesAndByteNamesAreStagedChanges() throws {
    let temp = try TempRepo()
    let body = (0..<40).map { "line \($0) of a file long enough to be recognised after a rename\n" }.joined()
    try temp.write("old name.txt", body)
    try temp.write("gone.txt", "bye\n")
    try temp.commitAll("first")
    try temp.git(["mv", "old name.txt", "new name.txt"])
    try temp.git(["rm", "-q", "gone.txt"])
    try temp.write("blob.bin", bytes: [0, 1, 2, 255, 0, 7])
    let rawName = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
    // Write the non-UTF-8 name with the exact bytes through the C API.
    let fullPath = Array(temp.path.utf8) + [UInt8(ascii: "/")] + rawName + [0]
    let fd = fullPath.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
    #expect(fd >= 0)
    close(fd)
    try temp.git(["add", "-A"])
    let repository = try Repository(discoveringFrom: temp.path)
    let changes = try repository.stagedChanges(in: try repository.index())
    let renamed = try #require(changes.first { $0.status == .renamed })
    #expect(renamed.oldPath == RepoPath("old name.txt"))
    #expect(renamed.newPath == RepoPath("new name.txt"))
    #expect(changes.contains { $0.status == .deleted && $0.newPath == RepoPath("gone.txt") && $0.newBlob == nil })
    #expect(changes.contains { $0.status == .added && $0.newPath == RepoPath("blob.bin") })
    #expect(changes.contains { $0.newPath.bytes == rawName })
  }

  @Test func theIndexNamedByGitIndexFileIsTheOneRead() throws {
    let temp = try TempRepo()
    try temp.write("a.txt", "a\n")
    try temp.commitAll("first")
    try temp.write("b.txt", "b\n")
    let alternate = temp.root + "/alternate-index"
    try temp.git(["read-tree", "HEAD"], environment: ["GIT_INDEX_FILE": alternate])
    try temp.git(["add", "b.txt"], environment: ["GIT_INDEX_FILE": alternate])
    // As git hands a hook its repository, without setting the test process's own environment
    // (other tests run git meanwhile).
    let repository = try Repository(gitVariables: ["GIT_INDEX_FILE": alternate, "GIT_DIR": temp.path + "/.git", "GIT_WORK_TREE": temp.path])
    #expect(try repository.stagedChanges(in: try repository.index()).map(\.newPath) == [RepoPath("b.txt")])
    #expect(repository.indexPath == alternate)
    let plain = try Repository(discoveringFrom: temp.path)
    #expect(try plain.stagedChanges(in: try plain.index()).isEmpty)
  }

  @Test func treesBlobsCommitsAndWalksReadBack() throws {
    let temp = try TempRepo()
    try temp.write("dir/x.sh", "#!/bin/sh\n", executable: true)
    try FileManager.default.createSymbolicLink(atPath: temp.path + "/link", withDestinationPath: "dir/x.sh")
    let first = try temp.commitAll("first")
    try temp.write("dir/y.txt", "y\n")
    let second = try temp.commitAll("second\n\nReviewed-by: Bo <bo@example.com>")
    let repository = try Repository(discoveringFrom: temp.path)
    let head = try #require(try repository.headCommitID())
    #expect(head.hex == second)
    let commit = try repository.commit(head)
    #expect(commit.parents.map(\.hex) == [first])
    #expect(commit.author.email == "ada@example.com")
    #expect(commit.message.contains("Reviewed-by: Bo"))
    let files = try repository.files(inTree: commit.tree)
    #expect(files.map(\.path.description) == ["dir/x.sh", "dir/y.txt", "link"])
    #expect(files.map(\.mode) == [.executable, .regular, .symlink])
    #expect(try repository.blobContent(files[2].blob) == Array("dir/x.sh".utf8))
    var walked: [String] = []
    try repository.walk(WalkSpec(include: [head], oldestFirst: true)) {
      walked.append($0.hex); return true
    }
    #expect(walked == [first, second])
    #expect(try repository.resolveCommit("HEAD~1").hex == first)
    let changes = try repository.changes(from: try repository.treeID(ofCommit: ObjectID(hex: first)!), to: commit.tree)
    #expect(changes.map(\.newPath) == [RepoPath("dir/y.txt")])
  }

  @Test func configAndMailmapResolve() throws {
    let temp = try TempRepo()
    try temp.git(["config", "core.hooksPath", "githooks"])
    try temp.write(".mailmap", "Ada Lovelace <ada@example.com> <ada@old.example.com>\n")
    try temp.commitAll("first")
    let repository = try Repository(discoveringFrom: temp.path)
    #expect(try repository.config().string("core.hooksPath") == "githooks")
    #expect(try repository.config().string("tillit.nothing") == nil)
    let mailmap = try Mailmap(repository: repository)
    let resolved = try mailmap.resolve(name: "Ada", email: "ada@old.example.com")
    #expect(resolved.name == "Ada Lovelace")
    #expect(resolved.email == "ada@example.com")
    // An identity the mailmap does not know comes back as it was given.
    for round in 0..<200 {
      let unknown = try mailmap.resolve(name: "Bo \(round)", email: "bo\(round)@example.com")
      #expect(unknown.name == "Bo \(round)" && unknown.email == "bo\(round)@example.com")
    }
  }

  @Test func libgit2ErrorsCarryItsMessage() throws {
    let temp = try TempRepo()
    let repository = try Repository(discoveringFrom: temp.path)
    do {
      _ = try repository.resolveCommit("no-such-branch")
      Issue.record("resolved a missing branch")
    } catch let error as GitError {
      #expect(error.isNotFound)
      #expect(error.description.contains("no-such-branch"))
    }
  }
}

@Suite struct StagedChangesTests {
  func staged(_ temp: TempRepo) throws -> [String] {
    let repository = try Repository(discoveringFrom: temp.path)
    return try repository.stagedChanges(in: try repository.index()).map { "\($0.status.rawValue) \($0.oldPath) \($0.newPath)" }.sorted()
  }

  @Test func matchesGitForDeepTreesTypeChangesAndDeletedFolders() throws {
    let temp = try TempRepo()
    for d in 0..<5 { for f in 0..<5 { try temp.write("src/m\(d)/f\(f).txt", "file \(d) \(f)\n") } }
    try temp.write("tools/run", "#!/bin/sh\n")
    try temp.write("gone/a.txt", "a\n")
    try temp.write("gone/deep/b.txt", "b\n")
    try temp.commitAll("base")
    try temp.write("src/m3/f1.txt", "changed\n")
    try temp.git(["rm", "-rq", "gone"])
    try temp.git(["rm", "-q", "tools/run"])
    try temp.write("tools", "now a file\n")
    try temp.write("src/m4/new/inner.txt", "new\n")
    try temp.git(["add", "-A"])
    let expected = try temp.git(["diff", "--cached", "--name-status", "-M"]).stdout
      .split(separator: "\n").count
    let changes = try staged(temp)
    #expect(
      changes == [
        "added src/m4/new/inner.txt src/m4/new/inner.txt",
        "added tools tools",
        "deleted gone/a.txt gone/a.txt",
        "deleted gone/deep/b.txt gone/deep/b.txt",
        "deleted tools/run tools/run",
        "modified src/m3/f1.txt src/m3/f1.txt",
      ])
    #expect(changes.count == expected)
  }

  @Test func nothingStagedIsNoChange() throws {
    let temp = try TempRepo()
    try temp.write("a/b.txt", "x\n")
    try temp.commitAll("base")
    try temp.write("a/b.txt", "unstaged\n")
    #expect(try staged(temp).isEmpty)
  }

  @Test func aConflictedIndexIsStillDiffed() throws {
    let temp = try TempRepo()
    try temp.write("c.txt", "base\n")
    try temp.commitAll("base")
    try temp.git(["checkout", "-q", "-b", "other"])
    try temp.write("c.txt", "other\n")
    try temp.commitAll("other")
    try temp.git(["checkout", "-q", "main"])
    try temp.write("c.txt", "main\n")
    try temp.write("d.txt", "staged beside the conflict\n")
    try temp.commitAll("main")
    _ = try temp.git(["merge", "other"], allowFailure: true)
    try temp.write("e.txt", "new\n")
    try temp.git(["add", "e.txt"])
    let repository = try Repository(discoveringFrom: temp.path)
    #expect(try repository.index().hasConflicts)
    let changes = try staged(temp)
    #expect(changes.contains("added e.txt e.txt"))
  }
}
