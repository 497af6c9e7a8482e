import Foundation
import Testing
import TillitTestSupport

/// File names come from other people's commits; passed to a check they must never become options.
@Suite struct OptionInjectionTests {
  @Test func fileNamesBeginningWithADashAreNeverReadAsOptions() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: archive
            run: [tar, -cf, /dev/null]
            pass-files: true
          - name: record
            run: [scripts/record]
            files: ["-*"]
            pass-files: true
        """)
    try hooked.repo.write("fixture.txt", "touch \"$OUT/pwned\"\n")
    try hooked.repo.write("--checkpoint=1", "x\n")
    try hooked.repo.write("--checkpoint-action=exec=sh fixture.txt", "x\n")
    try hooked.repo.git(["add", "-A"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    #expect(hooked.outFile("pwned") == nil, "a file name ran as tar's --checkpoint-action")
    let passed = (hooked.outText("args") ?? "").split(separator: "\0").map(String.init).sorted()
    #expect(passed == ["./--checkpoint-action=exec=sh fixture.txt", "./--checkpoint=1"], "\(passed)")
  }
}
