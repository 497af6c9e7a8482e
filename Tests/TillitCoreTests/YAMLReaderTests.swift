import Testing
@testable import TillitCore

@Suite struct YAMLReaderTests {
  func read(_ text: String) throws(YAMLError) -> YAMLNode? {
    var reader = YAMLReader()
    return try reader.read(text)
  }

  @Test func readsNestedMappingsSequencesAndFlowLists() throws {
    let node = try read(
      """
      # comment
      checks:
        - name: unit   # trailing comment
          run: [swift, test, "--filter", 'it''s']
          files:
            - "Sources/**/*.swift"
            - Tests/**
        - name: lint
          run: "make lint # not a comment"
      jobs: 4
      """)
    guard case .mapping(let top, _) = node else { Issue.record("not a mapping"); return }
    #expect(top.map(\.key) == ["checks", "jobs"])
    guard case .sequence(let checks, _) = top[0].value, case .mapping(let unit, _) = checks[0] else { Issue.record("no checks"); return }
    #expect(unit.map(\.key) == ["name", "run", "files"])
    #expect(unit[0].value == .scalar("unit", line: 3))
    #expect(unit[1].value == .sequence([.scalar("swift", line: 4), .scalar("test", line: 4), .scalar("--filter", line: 4), .scalar("it's", line: 4)], line: 4))
    #expect(unit[2].value == .sequence([.scalar("Sources/**/*.swift", line: 6), .scalar("Tests/**", line: 7)], line: 6))
    guard case .mapping(let lint, _) = checks[1] else { Issue.record("no lint"); return }
    #expect(lint[1].value.scalar == "make lint # not a comment")
    #expect(top[1].value.scalar == "4")
  }

  @Test func readsBlockScalarsKeepingLinesAndHashes() throws {
    let node = try read(
      """
      run: |
        set -e
        echo "# kept"

        make
      folded: >-
        one
        two
      after: x
      """)
    guard case .mapping(let entries, _) = node else { Issue.record("not a mapping"); return }
    #expect(entries[0].value.scalar == "set -e\necho \"# kept\"\n\nmake\n")
    #expect(entries[1].value.scalar == "one two")
    #expect(entries[2].value.scalar == "x")
  }

  @Test func listsMaySitAtTheirKeysIndentation() throws {
    let node = try read("files:\n- a\n- b\nother: c\n")
    guard case .mapping(let entries, _) = node else { Issue.record("not a mapping"); return }
    #expect(entries[0].value == .sequence([.scalar("a", line: 2), .scalar("b", line: 3)], line: 2))
    #expect(entries[1].value.scalar == "c")
  }

  @Test(arguments: [
    ("a: [x, y\n", 1, "does not close"),
    ("a: *.md\n", 1, "alias"),
    ("a: &x 1\n", 1, "anchors"),
    ("a: {b: c}\n", 1, "flow mappings"),
    ("a: 1\na: 2\n", 2, "repeats the key 'a'"),
    ("a:\n\tb: 1\n", 2, "tab"),
    ("a: 'open\n", 1, "not closed"),
    ("a: b: c\n", 1, "': ' inside a plain value"),
    ("a:\n  b: 1\n    c: 2\n", 3, "indented more"),
  ])
  func refusesWhatItCannotReadWithTheLine(text: String, line: Int, problem: String) {
    do throws(YAMLError) {
      _ = try read(text)
      Issue.record("accepted \(text.debugDescription)")
    } catch {
      #expect(error.line == line)
      #expect(error.problem.contains(problem), "\(error.problem)")
    }
  }

  @Test func emptyAndCommentOnlyTextsHaveNoRoot() throws {
    #expect(try read("") == nil)
    #expect(try read("# nothing\n\n---\n") == nil)
  }

  /// `levels` list items, each on its own line one column deeper than the one before.
  static func nestedLines(_ levels: Int) -> String {
    (0..<levels).map { String(repeating: " ", count: $0) + "-\n" }.joined()
  }

  @Test func nestingDeeperThanTheLimitIsRefusedOnTheLineItStarts() throws {
    #expect(throws: Never.self) { try read(Self.nestedLines(YAMLReader.deepestNesting)) }
    // Deeper nesting on lines of their own grows the file quadratically; 1,000 levels is as
    // much a stack overflow without the limit as 30,000.
    for text in [
      Self.nestedLines(1_000), "- " + String(repeating: "- ", count: 30_000) + "x\n",
      (0..<1_000).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined(),
    ] {
      do {
        _ = try read(text)
        Issue.record("read \(text.prefix(40))")
      } catch {
        #expect(error.line == (text.hasPrefix("- -") ? 1 : YAMLReader.deepestNesting + 1))
        #expect(error.problem == "nests lists or mappings more than 64 levels deep; Tillit reads at most 64")
      }
    }
  }

  @Test func windowsAndUnixLineEndsReadTheSame() throws {
    let unix = "checks:\n  - name: a\n    run: |\n      one\n      two\n  - b\n"
    let windows = String(unix.unicodeScalars.flatMap { $0 == "\n" ? ["\r", "\n"] : [$0] }.map(Character.init))
    #expect(try read(windows) == read(unix))
    #expect(try read(windows) != nil)
  }
}
