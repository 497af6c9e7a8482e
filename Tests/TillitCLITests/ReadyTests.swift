import Foundation
import Testing
import TillitTestSupport

/// `tillit ready` and the ship policy, with real git, three clones syncing their ledgers, and
/// the pre-push hook.
@Suite struct ReadyTests {
  func ready(_ repo: TempRepo, _ revision: String = "HEAD", in path: String) throws -> (status: Int32, json: [String: Any], change: [String: Any]) {
    let result = try repo.tillit(["ready", revision, "--format", "json"], in: path)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.output)")
    let change = try #require((json["changes"] as? [[String: Any]])?.first, "\(result.output)")
    return (result.status, json, change)
  }

  func missing(_ change: [String: Any]) -> [String] { change["missing"] as? [String] ?? [] }

  @Test(.tags(.slow)) func aChangeApprovedInOneCloneAndCheckedInAnotherIsReadyInAThird() throws {
    let remote = try TempRepo(bare: true)
    // Ada wrote a.txt; the check looks at *.txt when a push sends it.
    let seed = try HookedRepo(config: "checks:\n" + HookedRepo.failOnBadCheck(stage: "pre-push"), files: ["a.txt": "a\n"])
    try seed.repo.write("a.txt", "a, by Ada\n")
    try seed.repo.commitAll("ada: a")
    try seed.repo.git(["push", "-q", remote.path, "main"], environment: ["TILLIT": "0"])
    var clones: [String: String] = [:]
    for (name, email) in [("approver", "ada@example.com"), ("ci", "ci@example.com"), ("author", "bo@example.com")] {
      let path = remote.root + "/" + name
      try remote.git(["clone", "-q", remote.path, path])
      try remote.git(["config", "user.email", email], in: path)
      #expect(try remote.tillit(["install"], in: path).status == 0)
      clones[name] = path
    }
    let (approver, ci, author) = (clones["approver"] ?? "", clones["ci"] ?? "", clones["author"] ?? "")
    let bo = ["GIT_AUTHOR_NAME": "Bo", "GIT_AUTHOR_EMAIL": "bo@example.com", "TILLIT": "0"]
    func sync(_ path: String) throws {
      let result = try remote.tillit(["ledger", "sync"], in: path)
      #expect(result.status == 0, "\(result.output)")
    }
    func checkInCI() throws {
      try remote.git(["fetch", "-q"], in: ci)
      let run = try remote.tillit(["check", "--range", "origin/main..origin/topic", "--trust-config"], in: ci)
      #expect(run.status == 0, "\(run.output)")
      try sync(ci)
    }
    func review(_ verdict: String) throws {
      try remote.git(["fetch", "-q"], in: approver)
      #expect(try remote.tillit(["review", "origin/topic", verdict, "-m", "looked"], in: approver).status == 0)
      try sync(approver)
    }

    try remote.git(["checkout", "-q", "-b", "topic"], in: author)
    try "a, by Bo\n".write(toFile: author + "/a.txt", atomically: true, encoding: .utf8)
    try remote.git(["commit", "-q", "-a", "-m", "bo: a"], in: author, environment: bo)
    try remote.git(["push", "-q", "-u", "origin", "topic"], in: author, environment: ["TILLIT": "0"])

    // Nothing yet: no check ran on this tree, nobody approved.
    let before = try ready(remote, in: author)
    #expect(before.status == 1)
    #expect(missing(before.change).contains { $0.contains("check no-bad has not run on this tree") }, "\(before.json)")
    #expect(missing(before.change).contains { $0.contains("1 more approval") }, "\(before.json)")

    try review("--approve")
    try checkInCI()
    try sync(author)
    let approved = try ready(remote, in: author)
    #expect(approved.status == 0, "\(approved.json)")
    #expect(approved.json["ready"] as? Bool == true)
    #expect((approved.change["checks"] as? [[String: Any]])?.first?["outcome"] as? String == "passed")
    let approval = try #require((approved.change["approvals"] as? [[String: Any]])?.first)
    #expect(approval["by"] as? String == "ada@example.com")
    #expect(approval["knowledge"] as? String == "knows 1 of 1 file")
    #expect(approval["counts"] as? Bool == true)
    let table = try remote.tillit(["ready"], in: author)
    #expect(table.stdout.contains("ada@example.com at v1 (knows 1 of 1 file, unverified)"), "\(table.output)")

    // One request for changes: not ready.
    try review("--request-changes")
    try sync(author)
    let requested = try ready(remote, in: author)
    #expect(requested.status == 1)
    #expect(missing(requested.change).first == "changes requested by ada@example.com at v1", "\(requested.json)")

    // A newer version answers it, passes its checks, but is not ready until Ada approves it.
    try "a, by Bo, as Ada asked\n".write(toFile: author + "/a.txt", atomically: true, encoding: .utf8)
    try remote.git(["commit", "-q", "-a", "--amend", "--no-edit"], in: author, environment: ["GIT_AUTHOR_NAME": "Bo", "GIT_AUTHOR_EMAIL": "bo@example.com"])
    try remote.git(["push", "-q", "--force", "origin", "topic"], in: author, environment: ["TILLIT": "0"])
    try sync(author)
    try checkInCI()
    try sync(author)
    let answered = try ready(remote, in: author)
    #expect(answered.status == 1)
    #expect(answered.change["version"] as? Int == 2, "\(answered.json)")
    #expect(missing(answered.change).contains("changes requested by ada@example.com at v1; v2 answers it, waiting for their approval"), "\(answered.json)")
    #expect(!missing(answered.change).contains { $0.contains("check") }, "\(answered.json)")

    try review("--approve")
    try sync(author)
    let again = try ready(remote, in: author)
    #expect(again.status == 0, "\(again.json)")
  }

  @Test func checksThePreCommitHookRanCountOnTheCommitsTree() throws {
    let hooked = try HookedRepo(config: "checks:\n" + HookedRepo.failOnBadCheck())
    try hooked.repo.write("a.txt", "fine\n")
    try hooked.repo.git(["add", "a.txt"])
    let commit = try hooked.commit("a")
    #expect(commit.status == 0, "\(commit.output)")
    let result = try ready(hooked.repo, in: hooked.repo.path)
    #expect((result.change["checks"] as? [[String: Any]])?.first?["outcome"] as? String == "passed", "\(result.json)")
    #expect(!missing(result.change).contains { $0.contains("check") }, "\(result.json)")
  }

  @Test func anOwnedPathNeedsAnOwnersApprovalAndUnsignedApprovalsAreNotVerified() throws {
    let hooked = try HookedRepo(config: "", files: ["a.txt": "a\n"])
    let repo = hooked.repo
    try repo.write("a.txt", "a, by Bo\n")
    try repo.commitAll("bo: a", environment: ["GIT_AUTHOR_NAME": "Bo", "GIT_AUTHOR_EMAIL": "bo@example.com", "TILLIT": "0"])
    #expect(try repo.tillit(["own", "*.txt", "--by", "cy@example.com", "--new-person"]).status == 0)
    #expect(try repo.tillit(["review", "HEAD", "--approve"]).status == 0)
    let byAda = try ready(repo, in: repo.path)
    #expect(byAda.status == 1)
    #expect(missing(byAda.change) == ["an approval by an owner of *.txt (cy@example.com), for a.txt"], "\(byAda.json)")

    try repo.git(["config", "user.email", "cy@example.com"])
    #expect(try repo.tillit(["review", "HEAD", "--approve"]).status == 0)
    let byOwner = try ready(repo, in: repo.path)
    #expect(byOwner.status == 0, "\(byOwner.json)")
    let cy = (byOwner.change["approvals"] as? [[String: Any]])?.first { $0["by"] as? String == "cy@example.com" }
    // Cy owns a.txt without having changed it: an owner's approval, not one that knows the file.
    #expect(cy?["owner"] as? Bool == true && cy?["counts"] as? Bool == false, "\(byOwner.json)")

    try repo.write(".tillit.yml", "ship:\n  require:\n    verified: true\n")
    let verified = try ready(repo, in: repo.path)
    #expect(verified.status == 1)
    // Unsigned approvals are not verified: with verification required, none of them counts.
    #expect(missing(verified.change).contains("1 more verified approval of v1 by someone who knows the changed files"), "\(verified.json)")
  }

  @Test func thePrePushHookRefusesOrWarnsAboutAPushToAShipBranchThatIsNotReady() throws {
    let policy = "ship:\n  branches: [main]\n  require:\n    approvals: 1\n  enforce: "
    let hooked = try HookedRepo(config: policy + "block\n")
    let remote = hooked.repo.root + "/remote.git"
    try hooked.repo.git(["init", "-q", "--bare", remote])
    try hooked.repo.git(["remote", "add", "origin", remote])
    let refused = try hooked.repo.git(["push", "-q", "origin", "main"], environment: hooked.environment, allowFailure: true)
    #expect(refused.status != 0)
    #expect(refused.output.contains("refusing the push: not ready to ship to main"), "\(refused.output)")
    #expect(refused.output.contains("missing 1 more approval of v1 by someone who knows the changed files"), "\(refused.output)")
    // A push to another branch is not held to it.
    let topic = try hooked.repo.git(["push", "-q", "origin", "main:topic"], environment: hooked.environment, allowFailure: true)
    #expect(topic.status == 0, "\(topic.output)")

    try hooked.repo.write(".tillit.yml", policy + "warn\n")
    let warned = try hooked.repo.git(["push", "-q", "origin", "main"], environment: hooked.environment, allowFailure: true)
    #expect(warned.status == 0, "\(warned.output)")
    #expect(warned.output.contains("warning: not ready to ship to main"), "\(warned.output)")
    #expect(warned.output.contains("missing 1 more approval"), "\(warned.output)")
  }
}
