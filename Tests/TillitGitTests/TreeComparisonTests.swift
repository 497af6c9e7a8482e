import Foundation
import Testing
import TillitGit
import TillitTestSupport

/// Trees are compared from their stored bytes (`RawTree`): the differences must be git's, and a
/// tree git could not have written must be refused, never misread.
@Suite struct TreeComparisonTests {
  @Test func everyKindOfChangeIsWhatGitDiffTreeSays() throws {
    let temp = try TempRepo()
    try temp.write("a.txt", "a\n")
    try temp.write("dir/b.txt", "b\n")
    try temp.write("dir/sub/c.txt", "c\n")
    try temp.write("dir-x/d.txt", "d\n")
    try temp.write("swap", "a file that becomes a folder\n")
    try temp.commitAll("first")
    try temp.write("dir/b.txt", "b changed\n")
    try temp.write("dir/sub/new file.txt", "new\n")
    try temp.git(["rm", "-q", "a.txt", "swap"])
    try temp.write("swap/inside.txt", "now a folder\n")
    try temp.write("dir-x/d.txt", "d\n", executable: true)
    try FileManager.default.createSymbolicLink(atPath: temp.path + "/link", withDestinationPath: "dir/b.txt")
    try temp.commitAll("second")
    try temp.git(["rm", "-q", "-r", "dir/sub"])
    try temp.write("dir.txt", "sorts between dir and dir/\n")
    try temp.commitAll("third")

    let repository = try Repository(discoveringFrom: temp.path)
    for (parent, commit) in [("HEAD~2", "HEAD~1"), ("HEAD~1", "HEAD"), ("HEAD~2", "HEAD")] {
      let old = try repository.treeID(ofCommit: try revision(temp, parent))
      let new = try repository.treeID(ofCommit: try revision(temp, commit))
      let ours = try repository.fileDifferences(from: old, to: new).map { difference in
        "\(difference.old.map { String($0.mode.rawValue, radix: 8) } ?? "0") \(difference.new.map { String($0.mode.rawValue, radix: 8) } ?? "0") \(difference.path)"
      }
      let raw = try temp.git(["diff-tree", "-r", "--no-renames", "--raw", old.hex, new.hex]).stdout
      let gits = raw.split(separator: "\n").map { line -> String in
        let fields = line.split(separator: "\t", maxSplits: 1)
        let modes = fields[0].dropFirst().split(separator: " ")
        return "\(Int(modes[0], radix: 8) ?? -1 == 0 ? "0" : String(modes[0])) \(Int(modes[1], radix: 8) ?? -1 == 0 ? "0" : String(modes[1])) \(fields[1])"
      }
      #expect(ours.sorted() == gits.sorted(), "\(parent)..\(commit)")
    }
  }

  @Test func oldGroupWritableModesCompareAsGitComparesThem() throws {
    let temp = try TempRepo()
    try temp.write("f.txt", "x\n")
    try temp.commitAll("first")
    let blob = try temp.git(["rev-parse", "HEAD:f.txt"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let plain = try craftedTree(temp, [("100644", "f.txt", blob)])
    let groupWritable = try craftedTree(temp, [("100664", "f.txt", blob)])
    let executable = try craftedTree(temp, [("100775", "f.txt", blob)])
    let repository = try Repository(discoveringFrom: temp.path)
    #expect(try repository.fileDifferences(from: plain, to: groupWritable).isEmpty)
    let modeChange = try repository.fileDifferences(from: groupWritable, to: executable)
    #expect(modeChange.map { $0.new?.mode.rawValue } == [0o100755])
  }

  @Test func aTreeGitCouldNotHaveWrittenIsRefused() throws {
    let temp = try TempRepo()
    try temp.write("f.txt", "x\n")
    try temp.commitAll("first")
    let blob = try temp.git(["rev-parse", "HEAD:f.txt"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let good = try craftedTree(temp, [("100644", "f.txt", blob)])
    let id = hexBytes(blob)
    let crafted: [[UInt8]] = [
      Array("100644 a/b\0".utf8) + id,  // a name that is a path
      Array("100644 \0".utf8) + id,  // no name
      Array("100944 f.txt\0".utf8) + id,  // not an octal mode
      Array("100644 f.txt\0".utf8) + id.prefix(12),  // cut short inside the id
      Array("100644f.txt".utf8),  // no space, no NUL
      Array("1006440000 f.txt\0".utf8) + id,  // a mode too long
    ]
    let repository = try Repository(discoveringFrom: temp.path)
    for bytes in crafted {
      let tree = try writeLiteralTree(temp, bytes)
      #expect(throws: GitError.self, "\(bytes)") { try repository.fileDifferences(from: good, to: tree) }
    }
  }

  private func revision(_ temp: TempRepo, _ name: String) throws -> ObjectID {
    let hex = try temp.git(["rev-parse", name]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    return try #require(ObjectID(hex: hex))
  }

  private func hexBytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16) ?? 0 }
  }

  private func craftedTree(_ temp: TempRepo, _ entries: [(mode: String, name: String, blob: String)]) throws -> ObjectID {
    try writeLiteralTree(temp, entries.flatMap { Array("\($0.mode) \($0.name)\0".utf8) + hexBytes($0.blob) })
  }

  /// A tree object of exactly these bytes (`--literally`: git's own checks would refuse some).
  private func writeLiteralTree(_ temp: TempRepo, _ bytes: [UInt8]) throws -> ObjectID {
    let file = temp.root + "/tree-\(UUID().uuidString)"
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    let hex = try temp.git(["hash-object", "-t", "tree", "--literally", "-w", file]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    return try #require(ObjectID(hex: hex))
  }
}
