import Foundation
import Testing
import TillitTestSupport

/// When the machine, not the user, is at fault — a read-only `.git`, something in the way of
/// Tillit's own folders — commands that only read still work, and the others say what is wrong
/// with exit code 3, never "bad usage" or a failed check.
@Suite struct EnvironmentFailureTests {
  static let config = "checks:\n  - name: quick\n    run: [\"true\"]\n"

  /// Read-only bind mounts need root; elsewhere these tests do not run.
  static var canMountReadOnly: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount") }

  /// A repository with a review recorded and a staged change, whose `.git` is then mounted
  /// read-only for `body`.
  func withReadOnlyGitDirectory(_ body: (HookedRepo) throws -> Void) throws {
    let hooked = try HookedRepo(config: Self.config)
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.commitAll("a")
    #expect(try hooked.repo.tillit(["review", "HEAD", "--approve", "-m", "ok"]).status == 0)
    try hooked.repo.write("a.txt", "a\nb\n")
    try hooked.repo.git(["add", "a.txt"])
    let git = hooked.repo.path + "/.git"
    try #require(try Command.run(["mount", "--bind", git, git], in: "/").status == 0)
    defer { _ = try? Command.run(["umount", git], in: "/") }
    try #require(try Command.run(["mount", "-o", "remount,ro,bind", git], in: "/").status == 0)
    try body(hooked)
  }

  @Test(.enabled(if: canMountReadOnly)) func aReadOnlyRepositoryCanStillBeReadWithOneWarning() throws {
    try withReadOnlyGitDirectory { hooked in
      for arguments in [["inbox"], ["reviewers"], ["owners", "a.txt"], ["audit"], ["ledger", "log"]] {
        let result = try hooked.repo.tillit(arguments)
        #expect(result.status == 0, "\(arguments): \(result.output)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning") }
        #expect(warnings.count <= 1, "\(arguments): \(result.stderr)")
      }
    }
  }

  @Test(.enabled(if: canMountReadOnly)) func writingToAReadOnlyRepositoryIsAnEnvironmentError() throws {
    try withReadOnlyGitDirectory { hooked in
      let check = try hooked.repo.tillit(["check"])
      #expect(check.status == 3, "\(check.output)")
      #expect(check.stderr.contains("Read-only file system"), "\(check.output)")
      #expect(!check.stdout.contains("failed"), "\(check.output)")
      let review = try hooked.repo.tillit(["review", "HEAD", "--approve", "-m", "again"])
      #expect(review.status == 3, "\(review.output)")
      #expect(review.stderr.contains("Read-only file system") && !review.stderr.contains("returned"), "\(review.output)")
    }
  }

  @Test func somethingInTheWayOfTillitsFoldersIsNamed() throws {
    let hooked = try HookedRepo(config: Self.config)
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    let logs = hooked.repo.path + "/.git/tillit/logs"
    try? FileManager.default.removeItem(atPath: logs)
    try "not a folder\n".write(toFile: logs, atomically: true, encoding: .utf8)
    let check = try hooked.repo.tillit(["check"])
    #expect(check.status == 3, "\(check.output)")
    #expect(check.stderr.contains("tillit/logs: Not a directory"), "\(check.output)")
    #expect(!check.output.contains("cannot run"), "\(check.output)")

    let writer = hooked.repo.path + "/.git/tillit/writer"
    try? FileManager.default.removeItem(atPath: writer)
    try FileManager.default.createDirectory(atPath: writer, withIntermediateDirectories: true)
    let inbox = try hooked.repo.tillit(["inbox"])
    #expect(inbox.status == 0, "\(inbox.output)")
  }
}
