import Foundation
import Testing
import TillitTestSupport

/// `tillit check --files`: the named files as they are on disk, the rest as staged, and the
/// user's index left exactly as it was.
@Suite struct CheckFilesTests {
  static let config = """
    checks:
      - name: record
        run: [scripts/record]
        pass-files: true
        files: ["*.txt", "*.sh"]
      - name: look
        run: 'cat other.txt > "$OUT/other"; if [ -e gone.txt ]; then echo yes; else echo no; fi > "$OUT/gone"; if [ -x tool.sh ]; then echo yes; else echo no; fi > "$OUT/executable"'
        files: ["*.txt", "*.sh"]

    """

  @Test func theNamedFilesAreCheckedAsOnDiskAndTheIndexIsUntouched() throws {
    let hooked = try HookedRepo(
      config: Self.config,
      files: [
        "a.txt": "committed\n", "other.txt": "other committed\n", "gone.txt": "here\n", "tool.sh": "echo\n",
      ])
    try hooked.repo.write("a.txt", "staged\n")
    try hooked.repo.write("other.txt", "other staged\n")
    try hooked.repo.git(["add", "a.txt", "other.txt"])
    try hooked.repo.write("a.txt", "staged\nunstaged edit\n")
    try hooked.repo.write("other.txt", "other staged\nother unstaged\n")
    try FileManager.default.removeItem(atPath: hooked.repo.path + "/gone.txt")
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hooked.repo.path + "/tool.sh")
    try hooked.repo.write("new.txt", "not added yet\n")
    let indexBefore = try Data(contentsOf: URL(fileURLWithPath: hooked.repo.path + "/.git/index"))
    let before = try hooked.repo.workTreeFingerprint()

    let result = try hooked.repo.tillit(["check", "--files", "a.txt", "gone.txt", "tool.sh", "new.txt"], environment: hooked.environment)
    #expect(result.status == 0, "\(result.output)")
    // The named files as on disk: the unstaged edit, the deletion, the executable bit, the new file.
    #expect(hooked.outText("seen") == "staged\nunstaged edit\necho\nnot added yet\n")
    #expect(hooked.outText("gone") == "no\n")
    #expect(hooked.outText("executable") == "yes\n")
    // A file not named is checked as staged.
    #expect(hooked.outText("other") == "other staged\n")
    #expect(try Data(contentsOf: URL(fileURLWithPath: hooked.repo.path + "/.git/index")) == indexBefore)
    #expect(try hooked.repo.workTreeFingerprint() == before)

    let staged = try hooked.repo.tillit(["check", "--staged", "--only", "record"], environment: hooked.environment)
    #expect(staged.status == 0, "\(staged.output)")
    #expect(hooked.outText("seen") == "staged\nother staged\n")
  }

  @Test func aNameThatIsNoFileIsRefused() throws {
    let hooked = try HookedRepo(config: Self.config, files: ["src/a.txt": "a\n"])
    let missing = try hooked.repo.tillit(["check", "--files", "nope.txt"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("'nope.txt' is neither in the index nor on disk"))
    let folder = try hooked.repo.tillit(["check", "--files", "src"])
    #expect(folder.status == 2)
    #expect(folder.stderr.contains("'src' is a folder"))
    let help = try hooked.repo.tillit(["check", "--help"])
    #expect(help.stdout.contains("as they are on disk"))
  }
}
