import Foundation
import Testing
import TillitTestSupport

/// Colour is decided once for every table: on a terminal, unless `NO_COLOR` is set to anything
/// but the empty string (no-color.org); never when piped or written to a file.
@Suite struct ColourTests {
  static let escape = "\u{1B}["

  func history() throws -> History {
    let history = try History()
    try history.commit("Bob", "bob@example.com", ["lib/f.c": "1\n"])
    try history.commit("Ada Tester", "ada@example.com", ["lib/f.c": "2\n"])
    return history
  }

  /// `tillit ARGUMENTS` at a terminal, with `noColour` as NO_COLOR's value (nil: unset).
  func atTerminal(_ history: History, _ arguments: String, noColour: String?) throws -> String {
    let colour = noColour.map { "NO_COLOR='\($0)'" } ?? "-u NO_COLOR"
    let result = try Command.underTerminal("env \(colour) '\(TillitBinary.path)' \(arguments)", in: history.repo.path, environment: TempRepo.gitEnvironment)
    #expect(result.status == 0, "\(result.output)")
    return result.stdout
  }

  @Test(arguments: ["reviewers HEAD", "owners lib", "audit"]) func tablesAreInColourOnlyOnATerminalWithoutNoColor(arguments: String) throws {
    let history = try history()
    let coloured = try atTerminal(history, arguments, noColour: nil)
    #expect(coloured.contains(Self.escape + "1m"), "bold on a terminal: \(coloured.debugDescription)")
    #expect(try atTerminal(history, arguments, noColour: "") == coloured, "an empty NO_COLOR is as if unset")
    for value in ["1", "0", "no"] {
      let plain = try atTerminal(history, arguments, noColour: value)
      #expect(!plain.contains("\u{1B}"), "NO_COLOR=\(value): \(plain.debugDescription)")
      #expect(plain == coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression), "the same text, uncoloured")
    }
    let piped = try history.repo.tillit(arguments.split(separator: " ").map(String.init), environment: ["NO_COLOR": ""])
    #expect(piped.status == 0 && !piped.output.contains("\u{1B}"), "\(piped.output)")
  }

  @Test func anAuditWrittenToAFileHasNoColourEvenFromATerminal() throws {
    let history = try history()
    let shown = try atTerminal(history, "audit --out audit.txt", noColour: nil)
    #expect(!shown.contains("\u{1B}"), "\(shown.debugDescription)")
    let written = try history.repo.read("audit.txt")
    #expect(written.contains("Truck factor"))
    #expect(!written.contains("\u{1B}"), "\(written.debugDescription)")
  }
}
