import Foundation
import Testing
import TillitTestSupport

@Suite struct PrePushTests {
  static let config = "checks:\n" + HookedRepo.failOnBadCheck(stage: "pre-push")

  @Test func aPushIsCheckedOnThePushedCommitsAndBlockedOnFailure() throws {
    let hooked = try HookedRepo(config: Self.config)
    let remote = hooked.repo.root + "/remote.git"
    try hooked.repo.git(["init", "-q", "--bare", remote])
    try hooked.repo.git(["remote", "add", "origin", remote])
    let first = try hooked.repo.git(["push", "-q", "origin", "main"], environment: hooked.environment, allowFailure: true)
    #expect(first.status == 0, "\(first.output)")

    try hooked.repo.write("bad.txt", "BAD\n")
    try hooked.repo.commitAll("bad")
    // A commit-time hook would not have caught it: pre-push checks only run on push.
    let blocked = try hooked.repo.git(["push", "-q", "origin", "main"], environment: hooked.environment, allowFailure: true)
    #expect(blocked.status != 0)
    #expect(blocked.output.contains("BAD found in bad.txt"))

    try hooked.repo.write("bad.txt", "fixed\n")
    try hooked.repo.commitAll("fix")
    try hooked.repo.write("good.txt", "fine\n")
    try hooked.repo.commitAll("good")
    let pushed = try hooked.repo.git(["push", "-q", "origin", "main"], environment: hooked.environment, allowFailure: true)
    #expect(pushed.status == 0, "\(pushed.output)")
    // Deleting a remote branch checks nothing.
    try hooked.repo.git(["push", "-q", "origin", "main:side"], environment: hooked.environment)
    #expect(try hooked.repo.git(["push", "-q", "origin", ":side"], environment: hooked.environment, allowFailure: true).status == 0)
  }
}
