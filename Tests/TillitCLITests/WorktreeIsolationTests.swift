import Foundation
import Testing
import TillitTestSupport

/// `isolation: worktree` never checks content other than what is being committed.
@Suite struct WorktreeIsolationTests {
  static let config = """
    checks:
      - name: in-place
        run: [scripts/fail-on-bad]
        files: ["*.txt"]
        pass-files: true
        isolation: worktree
    """

  @Test func aWorktreeCheckRunsWhenTheWorkTreeIsWhatIsStaged() throws {
    let hooked = try HookedRepo(config: Self.config)
    try hooked.repo.write("a.txt", "BAD\n")
    try hooked.repo.git(["add", "a.txt"])
    let result = try hooked.commit()
    #expect(result.status != 0)
    #expect(result.output.contains("BAD found in a.txt"), "\(result.output)")
  }

  @Test func aWorktreeCheckDoesNotRunOnUnstagedContent() throws {
    let hooked = try HookedRepo(config: Self.config)
    // What is staged is bad; the work tree hides it behind an unstaged fix.
    try hooked.repo.write("a.txt", "BAD\n")
    try hooked.repo.git(["add", "a.txt"])
    try hooked.repo.write("a.txt", "good\n")
    let result = try hooked.commit()
    #expect(result.status != 0, "a check passed on the work tree's copy while the staged one is bad: \(result.output)")
    #expect(result.output.contains("isolation: worktree") && result.output.contains("'a.txt'"), "\(result.output)")
    #expect(try hooked.headCount() == 1)
    #expect(try hooked.repo.read("a.txt") == "good\n")
  }
}
