import Foundation
import Testing
import TillitTestSupport

/// `stage: commit-msg` checks: the installed hook, real `git commit -m`, the message file's
/// absolute path as `"$1"`, and `tillit check --message`.
@Suite struct CommitMessageTests {
  /// The README's starter check: the first line follows Conventional Commits.
  static let config = """
    checks:
      - name: conventional
        run: 'head -n 1 "$1" | grep -Eq "^(feat|fix|docs|chore|refactor|test)(\\([a-z0-9-]+\\))?!?: ." || { echo "not a Conventional Commit: $(head -n 1 "$1")"; exit 1; }'
        stage: commit-msg
      - name: where
        run: 'printf "%s" "$1" > "$OUT/message-path"; pwd > "$OUT/cwd"; cat notes.txt > "$OUT/seen"'
        files: ["*.txt"]
        stage: commit-msg

    """

  @Test func aPassingMessageCommitsAndAFailingOneStopsTheCommit() throws {
    let hooked = try HookedRepo(config: Self.config, files: ["notes.txt": "one\n"])
    #expect(hooked.repo.exists(".git/hooks/commit-msg"))
    try hooked.repo.write("notes.txt", "staged\n")
    try hooked.repo.git(["add", "notes.txt"])
    try hooked.repo.write("notes.txt", "staged\nunstaged\n")

    let refused = try hooked.commit("added some notes")
    #expect(refused.status != 0)
    #expect(try hooked.headCount() == 1)
    #expect(refused.output.contains("conventional"))
    #expect(refused.output.contains("not a Conventional Commit: added some notes"))

    let passed = try hooked.commit("docs: add some notes")
    #expect(passed.status == 0, "\(passed.output)")
    #expect(try hooked.headCount() == 2)
    // The message file's absolute path, read from the snapshot of what is staged.
    #expect(hooked.outText("message-path") == hooked.repo.path + "/.git/COMMIT_EDITMSG")
    #expect(hooked.outText("cwd")?.hasPrefix(hooked.snapshotFolder + "/slot-") == true)
    #expect(hooked.outText("seen") == "staged\n")
  }

  @Test func aMessageIsCheckedWhenNoFileChanges() throws {
    let hooked = try HookedRepo(config: Self.config)
    let empty = try hooked.commit("whatever", arguments: ["--allow-empty"])
    #expect(empty.status != 0)
    #expect(empty.output.contains("not a Conventional Commit: whatever"))
    let amended = try hooked.commit("wip", arguments: ["--amend"])
    #expect(amended.status != 0)
    #expect(try hooked.repo.git(["log", "-1", "--format=%s"]).stdout == "initial\n")
  }

  @Test func checkRunsTheMessageChecksOnAFileByHand() throws {
    let hooked = try HookedRepo(config: Self.config)
    try hooked.repo.write("../good-message", "fix(core): mend it\n\nBody.\n")
    try hooked.repo.write("../bad-message", "Mended it\n")
    let good = try hooked.repo.tillit(["check", "--message", "../good-message", "--only", "conventional"], environment: hooked.environment)
    #expect(good.status == 0, "\(good.output)")
    #expect(good.stdout.contains("conventional"))
    let bad = try hooked.repo.tillit(["check", "--stage", "commit-msg", "--message", hooked.repo.root + "/bad-message"], environment: hooked.environment)
    #expect(bad.status == 1, "\(bad.output)")
    #expect(bad.stdout.contains("failed"))
    let twice = try hooked.repo.tillit(["check", "--message", "../bad-message", "--only", "conventional"], environment: hooked.environment)
    #expect(twice.status == 1, "a pass of another message must not be cached for this one: \(twice.output)")

    let missing = try hooked.repo.tillit(["check", "--stage", "commit-msg"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("--message FILE"))
    let wrongStage = try hooked.repo.tillit(["check", "--stage", "pre-push", "--message", "../bad-message"])
    #expect(wrongStage.status == 2)
    #expect(try hooked.repo.tillit(["check", "--message", "../no-such-message"]).status == 2)
  }

  @Test func anExistingCommitMsgHookIsChainedAndUninstallRemovesOurs() throws {
    let hooked = try HookedRepo(config: Self.config, install: false)
    let original = "#!/bin/sh\necho \"legacy commit-msg saw $1\" >&2\n"
    try hooked.repo.write(".git/hooks/commit-msg", original, executable: true)
    let installed = try hooked.repo.tillit(["install"])
    #expect(installed.stdout.contains("kept the existing commit-msg hook as tillit-chained/commit-msg"), "\(installed.output)")
    let passed = try hooked.commit("chore: nothing", arguments: ["--allow-empty"])
    #expect(passed.status == 0, "\(passed.output)")
    #expect(passed.output.contains("legacy commit-msg saw .git/COMMIT_EDITMSG"))

    let removed = try hooked.repo.tillit(["uninstall"])
    #expect(removed.stdout.contains("restored the earlier commit-msg hook"))
    #expect(try hooked.repo.read(".git/hooks/commit-msg") == original)

    try FileManager.default.removeItem(atPath: hooked.repo.path + "/.git/hooks/commit-msg")
    #expect(try hooked.repo.tillit(["install"]).status == 0)
    #expect(hooked.repo.exists(".git/hooks/commit-msg"))
    #expect(try hooked.repo.tillit(["uninstall"]).stdout.contains("removed \(hooked.repo.path)/.git/hooks/commit-msg"))
    #expect(!hooked.repo.exists(".git/hooks/commit-msg"))
    let unchecked = try hooked.commit("no longer checked", arguments: ["--allow-empty"])
    #expect(unchecked.status == 0, "\(unchecked.output)")
  }
}
