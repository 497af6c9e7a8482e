import Foundation
import Testing
import TillitTestSupport

/// One error model: every failure is one `tillit: ...` sentence with the exit code the README
/// promises (2 bad usage or input, 3 the environment), never libgit2's own wording; what is
/// skipped while reading is a warning, never silence.
@Suite struct ErrorModelTests {
  /// libgit2's call names as `GitError` used to show them: `(git_reference_name_to_id returned -1)`.
  static func hasLibgit2Wording(_ text: String) -> Bool {
    text.range(of: #"git_[a-z_]+ returned -?[0-9]+"#, options: .regularExpression) != nil
      || text.range(of: #"\bgit_[a-z]+_[a-z_]+"#, options: .regularExpression) != nil
  }

  func repositoryWithAReview() throws -> TempRepo {
    let repo = try TempRepo()
    try repo.write("a.txt", "a\n")
    try repo.commitAll("first")
    #expect(try repo.tillit(["review", "HEAD", "--approve", "-m", "ok"]).status == 0)
    return repo
  }

  @Test func aFetchThatFailsInLedgerSyncIsTheEnvironmentsFaultWithGitsReason() throws {
    let repo = try repositoryWithAReview()
    try repo.git(["remote", "add", "origin", repo.root + "/no-such-remote"])
    let sync = try repo.tillit(["ledger", "sync"])
    #expect(sync.status == 3, "\(sync.output)")
    #expect(sync.stderr.hasPrefix("tillit: "), "\(sync.stderr)")
    #expect(sync.stderr.contains("does not appear to be a git repository"), "\(sync.stderr)")
  }

  @Test(arguments: [["reviewers"], ["audit"], ["owners", "a.txt"], ["inbox"], ["ledger", "log"], ["show", "HEAD"]])
  func anUnreadableReviewsRefIsAWarningNotSilence(_ command: [String]) throws {
    let repo = try repositoryWithAReview()
    try repo.write(".git/refs/tillit/v1/reviews", "not an object id\n")
    let result = try repo.tillit(command)
    #expect(result.status == 0, "\(result.output)")
    #expect(result.stderr.contains("tillit: warning: refs/tillit/v1/reviews"), "\(result.stderr)")
    #expect(!Self.hasLibgit2Wording(result.output), "\(result.output)")
  }

  @Test func writingOnAnUnreadableReviewsRefSaysHowToClearIt() throws {
    let repo = try repositoryWithAReview()
    try repo.write(".git/refs/tillit/v1/reviews", "not an object id\n")
    let review = try repo.tillit(["review", "HEAD", "--comment", "-m", "again"])
    #expect(review.status == 2, "\(review.output)")
    #expect(review.stderr.contains("git update-ref -d refs/tillit/v1/reviews"), "\(review.stderr)")
    #expect(!Self.hasLibgit2Wording(review.output), "\(review.output)")
  }

  @Test func failingCommandsNeverShowLibgit2sWording() throws {
    let repo = try repositoryWithAReview()
    let blob = try repo.git(["rev-parse", "HEAD:a.txt"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let trust = ["TILLIT_TRUST_CONFIG": "1"]
    let failing: [([String], Int32, String)] = [
      (["check", "--range", "nosuch..HEAD"], 2, "'nosuch' names no commit here"),
      (["review", blob, "--approve"], 2, "does not name a commit: it is a blob"),
      (["review", "1", "--approve"], 2, "give more of"),
      (["show", "HEAD~100"], 2, "names no commit here"),
      (["reviewers", "HEAD..nosuch"], 2, "names no commit here"),
    ]
    for (arguments, status, words) in failing {
      let result = try repo.tillit(arguments, environment: trust)
      #expect(result.status == status, "\(arguments): \(result.output)")
      #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)")
      #expect(!Self.hasLibgit2Wording(result.output), "\(arguments): \(result.output)")
    }
  }

  @Test func libgit2sCallIsShownOnlyWhenDebugging() throws {
    let repo = try repositoryWithAReview()
    try repo.write(".git/refs/tillit/v1/reviews", "not an object id\n")
    let plain = try repo.tillit(["review", "HEAD", "--comment", "-m", "again"])
    #expect(!plain.stderr.contains("returned"), "\(plain.stderr)")
    let debugging = try repo.tillit(["review", "HEAD", "--comment", "-m", "again"], environment: ["TILLIT_DEBUG": "1"])
    #expect(debugging.status == 2, "\(debugging.output)")
    #expect(debugging.stderr.contains("git_reference_name_to_id returned"), "\(debugging.stderr)")
  }
}
