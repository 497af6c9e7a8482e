import Foundation
import Testing
import TillitTestSupport

/// Ignored dependency folders of the work tree are seen by checks in their snapshot.
@Suite struct SharedFolderTests {
  static var hasNode: Bool { (try? Command.run(["node", "--version"], in: "/").status) == 0 }

  @Test(.enabled(if: hasNode)) func aCheckImportsAModuleFromTheIgnoredNodeModulesWithNoConfiguration() throws {
    let hooked = try HookedRepo(
      config: "checks:\n  - name: greet\n    run: [node, src/greet.js]\n    files: [\"src/**\"]\n",
      files: [
        "package.json": "{\"name\": \"greeter\", \"type\": \"module\"}\n",
        ".gitignore": "node_modules/\n",
        "src/greet.js": "import shout from 'shout';\nconsole.log(shout('hello'));\n",
      ])
    try hooked.repo.write("node_modules/shout/package.json", "{\"name\": \"shout\", \"type\": \"module\", \"main\": \"index.js\"}\n")
    try hooked.repo.write("node_modules/shout/index.js", "export default (text) => text.toUpperCase() + '!';\n")
    try hooked.repo.write("src/words.txt", "hello\n")
    try hooked.repo.git(["add", "src/words.txt"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    let log = try String(contentsOfFile: hooked.repo.path + "/.git/tillit/logs/greet.log", encoding: .utf8)
    #expect(log == "HELLO!\n")
    // The work tree's folder is linked in, not copied, and nothing else leaked into the snapshot.
    let slot = hooked.snapshotFolder + "/slot-0"
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: slot + "/node_modules")) == hooked.repo.path + "/node_modules")
  }

  @Test func aConfiguredFolderIsSharedAndATrackedOneIsNot() throws {
    let hooked = try HookedRepo(
      config: """
        share: [deps, tracked]
        checks:
          - name: look
            run: "cat deps/tool.txt > \\"$OUT/deps\\"; ls -l > \\"$OUT/listing\\""
        """, files: [".gitignore": "deps/\n", "tracked/kept.txt": "kept\n"])
    try hooked.repo.write("deps/tool.txt", "from the work tree\n")
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    let result = try hooked.repo.tillit(["check"], environment: hooked.environment)
    #expect(result.status == 0, "\(result.output)")
    #expect(hooked.outText("deps") == "from the work tree\n")
    let slot = hooked.snapshotFolder + "/slot-0"
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: slot + "/tracked")) == nil, "a tracked folder was replaced by a link")
    // The link goes before the next move, so a checkout cannot write through it.
    try hooked.repo.write("deps/new.txt", "x\n")
    try hooked.repo.git(["add", "-f", "deps/new.txt"])
    #expect(try hooked.repo.tillit(["check"], environment: hooked.environment).status == 0)
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: slot + "/deps")) == nil)
    #expect(try hooked.repo.read("deps/tool.txt") == "from the work tree\n")
  }

  @Test func initSaysWhichFoldersChecksSee() throws {
    let repo = try TempRepo()
    try repo.write("package.json", "{\"name\": \"x\"}\n")
    try repo.write(".gitignore", "node_modules/\n")
    try repo.write("node_modules/left-pad/index.js", "module.exports = 1;\n")
    try repo.git(["add", "package.json", ".gitignore"])
    let result = try repo.tillit(["init"])
    #expect(result.status == 0, "\(result.output)")
    #expect(result.stdout.contains("Checks see node_modules/ of your work tree"), "\(result.stdout)")
  }
}
