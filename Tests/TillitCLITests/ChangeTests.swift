import Foundation
import Testing
import TillitTestSupport

/// Reviews follow changes, not commits: the versions an amend or a rebase makes are one change
/// in the inbox and in a reviewer's open load, with real git running Tillit's hooks.
@Suite struct ChangeTests {
  /// A hooked repository where Bo wrote a.txt, b.txt and c.txt, and Ada now works on a branch.
  func bosRepository(requestOn: String = "push") throws -> HookedRepo {
    let hooked = try HookedRepo(config: "reviewers:\n  request-on: \(requestOn)\n", files: ["a.txt": "a\n", "b.txt": "b\n", "c.txt": "c\n"])
    let bo = ["GIT_AUTHOR_NAME": "Bo", "GIT_AUTHOR_EMAIL": "bo@example.com"]
    for round in 0..<3 {
      for name in ["a", "b", "c"] { try hooked.repo.write("\(name).txt", "\(name) \(round)\n") }
      try hooked.repo.commitAll("bo \(round)", environment: bo)
    }
    try hooked.repo.git(["checkout", "-q", "-b", "topic"])
    return hooked
  }

  func inbox(_ repo: TempRepo, for person: String = "bo@example.com", in path: String? = nil, environment: [String: String] = [:]) throws -> [[String: Any]] {
    let result = try repo.tillit(["inbox", "--for", person, "--format", "json"], in: path, environment: environment)
    try #require(result.status == 0, "\(result.output)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    return try #require(json["changes"] as? [[String: Any]])
  }

  func head(_ repo: TempRepo, in path: String? = nil) throws -> String {
    try repo.git(["rev-parse", "HEAD"], in: path).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test(.tags(.slow)) func tenAmendsAreOneChangeOneInboxEntryAndOneOpenReview() throws {
    let hooked = try bosRepository(requestOn: "commit")
    let repo = hooked.repo
    try repo.write("a.txt", "ada's first try\n")
    let commit = try repo.git(["commit", "-q", "-a", "-m", "ada's change"], environment: hooked.environment)
    #expect(commit.stderr.contains("(recorded"), "\(commit.output)")
    for round in 1...10 {
      try repo.write("a.txt", "ada's try \(round)\n")
      let amend = try repo.git(["commit", "-q", "-a", "--amend", "-m", "ada's change, take \(round)"], environment: hooked.environment)
      #expect(!amend.stderr.contains("learning who knows what"), "an amend reuses the model: \(amend.output)")
      #expect(amend.stderr.contains("suggested reviewers"), "\(amend.output)")
      // As a user asking again by hand after each amend: still the one change.
      #expect(try repo.tillit(["request", "HEAD", "--to", "bo@example.com"]).status == 0)
    }
    let log = try repo.tillit(["ledger", "log", "--stream", "reviews"]).stdout
    #expect(log.components(separatedBy: "change.rewritten").count - 1 == 10, "\(log)")
    let waiting = try inbox(repo)
    #expect(waiting.count == 1, "\(waiting)")
    #expect(waiting.first?["commit"] as? String == (try head(repo)))
    #expect(waiting.first?["version"] as? Int == 11)
    let reviewers = try repo.tillit(["reviewers", "HEAD", "--format", "json"])
    #expect(reviewers.stdout.contains("1 open review\""), "\(reviewers.output)")
    // Bo approves v11: the change leaves his inbox.
    try repo.git(["config", "user.email", "bo@example.com"])
    #expect(try repo.tillit(["review", "HEAD", "--approve"]).status == 0)
    #expect(try inbox(repo).isEmpty)
    #expect(try repo.tillit(["reviewers", "HEAD", "--format", "json"]).stdout.contains("no open reviews"))
  }

  @Test(.tags(.slow)) func anInteractiveRebaseKeepsEachChangesFeedback() throws {
    let hooked = try bosRepository()
    let repo = hooked.repo
    var commits: [String] = []
    for name in ["a", "b", "c"] {
      try repo.write("\(name).txt", "ada changes \(name)\n")
      commits.append(try repo.commitAll("ada: \(name)"))
    }
    for commit in commits { #expect(try repo.tillit(["request", commit, "--to", "bo@example.com"]).status == 0) }
    try repo.git(["config", "user.email", "bo@example.com"])
    #expect(try repo.tillit(["review", commits[0], "--approve"]).status == 0)
    #expect(try repo.tillit(["review", commits[1], "--request-changes", "-m", "rename b"]).status == 0)
    try repo.git(["config", "user.email", "ada@example.com"])
    // Reword the first, edit the second, keep the third: every commit is rewritten.
    let script = repo.root + "/sequence.sh"
    try "#!/bin/sh\nsed -i -e '1s/^pick/reword/' -e '2s/^pick/edit/' \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
    try repo.git(["config", "core.editor", "sed -i -e 's/^ada: a/ada: a, reworded/'"])
    try repo.git(["rebase", "-q", "-i", "main"], environment: ["GIT_SEQUENCE_EDITOR": "sh " + script])
    try repo.write("b.txt", "ada changes b, renamed\n")
    try repo.git(["commit", "-q", "-a", "--amend", "--no-edit"], environment: hooked.environment)
    try repo.git(["rebase", "--continue"], environment: ["GIT_EDITOR": "true"])
    let rebased = try repo.git(["rev-list", "--reverse", "main..HEAD"]).stdout.split(separator: "\n").map(String.init)
    #expect(rebased.count == 3 && Set(rebased).isDisjoint(with: commits), "\(rebased)")
    // The first change was approved and only reworded: done. The second changed since the
    // request for changes; the third was never answered.
    let waiting = try inbox(repo)
    #expect(waiting.map { $0["commit"] as? String } == [rebased[1], rebased[2]], "\(waiting)")
    #expect((waiting.first?["summary"] as? String)?.hasPrefix("changes-requested at v1; v") == true, "\(waiting)")
    #expect((waiting.first?["summary"] as? String)?.hasSuffix("changes 1 file") == true, "\(waiting)")
    #expect(try repo.tillit(["show", rebased[1]]).stdout.contains("rename b"))
    #expect(try repo.tillit(["show", rebased[0]]).stdout.contains("approve"))
  }

  @Test(.tags(.slow)) func aForcePushedRebaseIsFollowedByTheOtherClonesInbox() throws {
    let remote = try TempRepo(bare: true)
    let seedHooked = try bosRepository()
    try seedHooked.repo.git(["checkout", "-q", "main"])
    try seedHooked.repo.git(["push", "-q", remote.path, "main"])
    var paths: [String] = []
    for name in ["left", "right"] {
      let path = remote.root + "/" + name
      try remote.git(["clone", "-q", remote.path, path])
      try remote.git(["config", "user.email", "\(name)@example.com"], in: path)
      #expect(try remote.tillit(["install"], in: path).status == 0)
      paths.append(path)
    }
    let (left, right) = (paths[0], paths[1])
    try remote.git(["checkout", "-q", "-b", "topic"], in: left)
    try "left's change\n".write(toFile: left + "/a.txt", atomically: true, encoding: .utf8)
    try remote.git(["commit", "-q", "-a", "-m", "left: a"], in: left)
    // The push records one request for the pushed change, to the people who know a.txt (Bo).
    let push = try remote.git(["push", "-q", "-u", "origin", "topic"], in: left)
    #expect(push.stderr.contains("(recorded"), "\(push.output)")
    #expect(try remote.tillit(["ledger", "sync"], in: left).status == 0)
    #expect(try remote.tillit(["ledger", "sync"], in: right).status == 0)
    try remote.git(["fetch", "-q"], in: right)
    let first = try head(remote, in: left)
    #expect(try inbox(remote, in: right).map { $0["commit"] as? String } == [first])
    // Main moves on; left rebases onto it and force-pushes.
    try remote.git(["checkout", "-q", "main"], in: right)
    try "new base\n".write(toFile: right + "/base.txt", atomically: true, encoding: .utf8)
    try remote.git(["add", "base.txt"], in: right)
    try remote.git(["commit", "-q", "-m", "base"], in: right)
    try remote.git(["push", "-q", "origin", "main"], in: right)
    try remote.git(["fetch", "-q"], in: left)
    try remote.git(["rebase", "-q", "origin/main"], in: left)
    let pushAgain = try remote.git(["push", "-q", "--force-with-lease", "origin", "topic"], in: left)
    #expect(pushAgain.status == 0, "\(pushAgain.output)")
    let sync = try remote.tillit(["ledger", "sync"], in: left)
    #expect(sync.stdout.contains("pushed reviews"), "\(sync.output)")
    let otherSync = try remote.tillit(["ledger", "sync"], in: right)
    #expect(otherSync.stdout.contains("fetched reviews"), "\(otherSync.output)")
    let rebased = try head(remote, in: left)
    #expect(rebased != first)

    // Before right fetches the branch the new version is known but not here; then it is.
    // (Right's push of main asked for a review of its own change too.)
    func topic(_ entries: [[String: Any]]) -> [[String: Any]] { entries.filter { [first, rebased].contains($0["commit"] as? String ?? "") } }
    #expect(topic(try inbox(remote, in: right)).map { $0["state"] as? String } == ["not-fetched"])
    try remote.git(["fetch", "-q"], in: right)
    let after = topic(try inbox(remote, in: right))
    #expect(after.map { $0["commit"] as? String } == [rebased], "\(after)")
    #expect(after.first?["version"] as? Int == 2)
    // One request only: the force-push asked nobody again.
    let log = try remote.tillit(["ledger", "log", "--stream", "reviews"], in: right).stdout
    #expect(log.components(separatedBy: "review.requested \(first.prefix(12))").count - 1 == 1, "\(log)")
    #expect(!log.contains("review.requested \(rebased.prefix(12))"), "\(log)")
  }

  @Test func anInboxForANameNobodyGoesByIsAMistakeNotAnEmptyInbox() throws {
    let hooked = try bosRepository()
    let typo = try hooked.repo.tillit(["inbox", "--for", "boo@example.com"])
    #expect(typo.status == 2, "\(typo.output)")
    #expect(typo.stderr.contains("--for names 'boo@example.com'"), "\(typo.stderr)")
    #expect(typo.stderr.contains("did you mean"), "\(typo.stderr)")
    #expect(!typo.stderr.contains("--new-person"), "inbox takes no --new-person: \(typo.stderr)")
    let known = try hooked.repo.tillit(["inbox", "--for", "bo@example.com"])
    #expect(known.status == 0, "\(known.output)")
  }

  @Test(.tags(.slow)) func anAbandonedChangeLeavesTheInboxAfterItsTime() throws {
    let hooked = try bosRepository()
    let repo = hooked.repo
    try repo.write("a.txt", "a change nobody wants\n")
    let commit = try repo.commitAll("abandoned idea")
    let day = ["TILLIT_NOW": "2030-01-01T00:00:00Z"]
    #expect(try repo.tillit(["request", commit, "--to", "bo@example.com"], environment: day).status == 0)
    try repo.git(["checkout", "-q", "main"])
    try repo.git(["branch", "-q", "-D", "topic"])
    let listed = try inbox(repo, environment: ["TILLIT_NOW": "2030-01-10T00:00:00Z"])
    #expect(listed.map { $0["state"] as? String } == ["abandoned"], "\(listed)")
    let table = try repo.tillit(["inbox", "--for", "bo@example.com"], environment: ["TILLIT_NOW": "2030-01-10T00:00:00Z"]).stdout
    #expect(table.contains("abandoned: on no branch; leaves the inbox on 2030-01-15"), "\(table)")
    let later = try repo.tillit(["inbox", "--for", "bo@example.com"], environment: ["TILLIT_NOW": "2030-01-16T00:00:00Z"]).stdout
    #expect(!later.contains(String(commit.prefix(12))), "\(later)")
    #expect(later.contains("1 abandoned change left out"), "\(later)")
    // The open load follows the inbox: still Bo's while listed as abandoned, not once left out.
    func bosOpenReviews(at now: String) throws -> Double? {
      let result = try repo.tillit(["owners", "a.txt", "--format", "json"], environment: ["TILLIT_NOW": now])
      let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.output)")
      let people = try #require(json["reviewers"] as? [[String: Any]], "\(result.stdout)")
      let bo = people.first { $0["email"] as? String == "bo@example.com" }
      return (bo?["parts"] as? [String: Any])?["openReviews"] as? Double
    }
    #expect(try bosOpenReviews(at: "2030-01-10T00:00:00Z") == 1)
    #expect(try bosOpenReviews(at: "2030-01-16T00:00:00Z") == 0)
  }
}
