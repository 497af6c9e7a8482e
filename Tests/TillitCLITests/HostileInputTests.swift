import Foundation
import Testing
import TillitTestSupport

/// Repositories that are large or unusual: many files at once, submodules, odd hook set-ups.
@Suite struct HostileInputTests {
  @Test(.tags(.slow)) func aHugeChangeIsPassedInBatchesEachFileOnce() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: count
            run: "printf '%s\\\\n' \\"$@\\" >> \\"$OUT/files\\"; echo batch >> \\"$OUT/batches\\""
            files: ["many/**"]
            pass-files: true
        """)
    // 12,000 names of about 100 bytes: more than one argument list can hold on Linux.
    let padding = String(repeating: "x", count: 80)
    let directory = hooked.repo.path + "/many"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for number in 0..<12_000 {
      _ = FileManager.default.createFile(atPath: "\(directory)/file-\(number)-\(padding).txt", contents: Data("\(number)\n".utf8))
    }
    try hooked.repo.git(["add", "many"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output.suffix(2000))")
    let passed = (hooked.outText("files") ?? "").split(separator: "\n")
    #expect(passed.count == 12_000)
    #expect(Set(passed).count == 12_000)
    #expect((hooked.outText("batches") ?? "").split(separator: "\n").count >= 2)
  }

  @Test func aSubmoduleIsAnEmptyFolderInTheSnapshotAndNeverAPassedFile() throws {
    let inner = try TempRepo()
    try inner.write("lib.txt", "library\n")
    try inner.commitAll("library")
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: record
            run: [scripts/record]
            pass-files: true
          - name: layout
            run: "test -d vendor/lib && ls -A vendor/lib > \\"$OUT/submodule-content\\""
        """)
    try hooked.repo.git(["-c", "protocol.file.allow=always", "submodule", "add", "-q", inner.path, "vendor/lib"])
    try hooked.repo.write("note.txt", "with a submodule\n")
    try hooked.repo.git(["add", "note.txt"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    let args = (hooked.outText("args") ?? "").split(separator: "\0").map(String.init)
    #expect(args.contains("note.txt"))
    #expect(args.contains(".gitmodules"))
    #expect(!args.contains("vendor/lib"))
    #expect(hooked.outText("submodule-content") == "")
  }
}
