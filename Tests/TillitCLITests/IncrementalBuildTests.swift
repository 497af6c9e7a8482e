import Foundation
import Testing
import TillitTestSupport

/// What checks build in their snapshot stays for the next run: a Swift package's `swift build`
/// check finds its `.build/` from the last commit and rebuilds only what changed.
@Suite(.tags(.slow)) struct IncrementalBuildTests {
  static var hasSwift: Bool { (try? Command.run(["swift", "--version"], in: "/").status) == 0 }

  @Test(.enabled(if: hasSwift)) func aSwiftBuildCheckRebuildsIncrementallyInItsSnapshot() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: build
            run: "if [ -d .build ]; then echo warm >> \\"$OUT/builds\\"; else echo cold >> \\"$OUT/builds\\"; fi; swift build 2>&1 | tee -a \\"$OUT/build-log\\""
            files: ["Sources/**", "Package.swift"]
            timeout: 10m
        """,
      files: [
        "Package.swift":
          "// swift-tools-version: 5.9\nimport PackageDescription\nlet package = Package(name: \"tiny\", targets: [.executableTarget(name: \"tiny\")])\n",
        "Sources/tiny/main.swift": "print(\"hello\")\n",
        "Sources/tiny/other.swift": "func other() -> Int { 1 }\n",
        ".gitignore": ".build/\n",
      ])
    try hooked.repo.write("Sources/tiny/main.swift", "print(\"hello, again\")\n")
    try hooked.repo.git(["add", "Sources/tiny/main.swift"])
    let first = try hooked.commit()
    #expect(first.status == 0, "\(first.output)")
    try hooked.repo.write("Sources/tiny/main.swift", "print(\"hello, a third time\")\n")
    try hooked.repo.git(["add", "Sources/tiny/main.swift"])
    let second = try hooked.commit()
    #expect(second.status == 0, "\(second.output)")
    #expect(hooked.outText("builds") == "cold\nwarm\n", "the second build did not find the first one's .build")
    // The second build compiled the changed module again, not the package from nothing.
    let log = hooked.outText("build-log") ?? ""
    #expect(log.components(separatedBy: "Build complete").count == 3, "\(log)")
  }
}
