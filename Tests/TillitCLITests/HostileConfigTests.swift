import Foundation
import Testing
import TillitTestSupport

/// A `.tillit.yml` written to hurt the reader: refused with its file and line, never a crash.
@Suite struct HostileConfigTests {
  /// `checks:` then a list nesting `levels` lists on one line (`- - - … x`): each `- ` opens
  /// one more level, as an item on a line of its own, indented one column deeper, would.
  static func nested(_ levels: Int) -> String {
    "checks:\n  " + String(repeating: "- ", count: levels) + "x\n"
  }

  @Test func aDeeplyNestedConfigIsRefusedByTrustNamingTheFileAndLine() throws {
    let repo = try TempRepo()
    try repo.write(".tillit.yml", Self.nested(30_000))
    let result = try repo.tillit(["trust"])
    #expect(result.status == 2, "\(result.output.prefix(400))")
    #expect(result.stderr.contains(".tillit.yml line 2: nests lists or mappings more than 64 levels deep"), "\(result.stderr.prefix(400))")
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func aDeeplyNestedConfigStopsTheCommitHookWithTheFileAndLine() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: record\n    run: [scripts/record]\n")
    try hooked.repo.write(".tillit.yml", Self.nested(30_000))
    try hooked.repo.git(["add", ".tillit.yml"])
    let result = try hooked.commit()
    #expect(result.status != 0)
    #expect(result.output.contains(".tillit.yml line 2: nests lists or mappings more than 64 levels deep"), "\(result.output.prefix(600))")
    #expect(!result.output.contains("crashed"))
  }

  @Test func aConfigWithWindowsLineEndsReadsAsWithUnixOnes() throws {
    let repo = try TempRepo()
    try repo.write(".tillit.yml", "checks:\r\n  - name: greet\r\n    run: [echo, hi]\r\n")
    let result = try repo.tillit(["trust"])
    #expect(result.status == 0, "\(result.output)")
    #expect(result.stdout.contains("greet (pre-commit, snapshot): echo hi"), "\(result.output)")
  }
}
