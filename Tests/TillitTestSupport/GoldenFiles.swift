import Foundation

/// Expected outputs kept as files in a folder of the tests' sources, compared byte for byte.
/// With `TILLIT_UPDATE_GOLDEN=1` set for `swift test`, each file is written from what the test
/// saw instead (then review the change with `git diff` before committing it).
public struct GoldenFiles: Sendable {
  public let folder: String

  /// `folder` is a path, usually made from the test file's `#filePath`.
  public init(folder: String) { self.folder = folder }

  /// Whether this run rewrites the files rather than compares with them.
  public static var updating: Bool { ProcessInfo.processInfo.environment["TILLIT_UPDATE_GOLDEN"] == "1" }

  /// Nil when `actual` is the content of the file `name` (or has just been written there);
  /// otherwise what differs: the first line that does, with both versions of it.
  public func mismatch(_ name: String, _ actual: String) -> String? {
    let path = folder + "/" + name
    if Self.updating {
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
        return nil
      } catch {
        return "\(name): could not be written: \(error)"
      }
    }
    guard let expected = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
      return "\(name): no such golden file (\(path)); run the test with TILLIT_UPDATE_GOLDEN=1 to write it"
    }
    guard expected != actual else { return nil }
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let line = (0..<min(want.count, got.count)).first { want[$0] != got[$0] } ?? min(want.count, got.count)
    func shown(_ lines: [Substring]) -> String { line < lines.count ? String(lines[line]).debugDescription : "(no line: the text ends)" }
    return """
      \(name) differs from the golden file at line \(line + 1) (TILLIT_UPDATE_GOLDEN=1 rewrites it):
        expected: \(shown(want))
        actual:   \(shown(got))
      whole output:
      \(actual)
      """
  }
}
