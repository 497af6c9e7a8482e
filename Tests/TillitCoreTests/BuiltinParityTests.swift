import Testing
import TillitGit
@testable import TillitCore

/// Each built-in against what pre-commit-hooks' own hook does on the same bytes: whether it
/// fails, and the bytes a fixer leaves (`PreCommitHooksExpectations`, recorded from the hooks by
/// `scripts/builtin-parity-expectations.py`).
@Suite struct BuiltinParityTests {
  static let path = RepoPath("f.txt")

  /// Runs a text check as the built-in runner does and returns (fails, bytes after).
  static func outcome(_ check: some TextFileCheck, _ input: [UInt8], path: RepoPath = path) -> (fails: Bool, after: [UInt8]) {
    let (problems, fixed) = check.check(input, path: path)
    return (!problems.isEmpty || fixed != nil, fixed ?? input)
  }

  static func expectFixer(_ check: some TextFileCheck, _ expected: [(fails: Bool, after: [UInt8])], path: RepoPath = path) {
    for ((name, input), want) in zip(PreCommitHooksExpectations.text, expected) {
      let got = outcome(check, input, path: path)
      #expect(got.fails == want.fails, "\(name): fails \(got.fails), the hook \(want.fails)")
      #expect(got.after == want.after, "\(name): \(got.after) instead of the hook's \(want.after)")
    }
  }

  @Test func trailingWhitespaceFixesAsTheHookDoes() {
    Self.expectFixer(TrailingWhitespace(BuiltinCall(name: "trailing-whitespace")), PreCommitHooksExpectations.trailing)
  }

  @Test func trailingWhitespaceKeepsMarkdownLineBreaks() {
    let check = TrailingWhitespace(BuiltinCall(name: "trailing-whitespace", options: ["markdown-linebreak-ext": "md"]))
    Self.expectFixer(check, PreCommitHooksExpectations.trailingMarkdown, path: RepoPath("f.md"))
  }

  @Test func trailingWhitespaceStripsOnlyTheCharsAskedFor() {
    Self.expectFixer(TrailingWhitespace(BuiltinCall(name: "trailing-whitespace", options: ["chars": " "])), PreCommitHooksExpectations.trailingSpacesOnly)
  }

  @Test func endOfFileFixesAsTheHookDoes() {
    Self.expectFixer(EndOfFile(), PreCommitHooksExpectations.endOfFile)
  }

  @Test func mixedLineEndingFixesAsTheHookDoes() {
    Self.expectFixer(MixedLineEnding(BuiltinCall(name: "mixed-line-ending")), PreCommitHooksExpectations.mixedAuto)
    Self.expectFixer(MixedLineEnding(BuiltinCall(name: "mixed-line-ending", options: ["line-ending": "lf"])), PreCommitHooksExpectations.mixedToLF)
    Self.expectFixer(MixedLineEnding(BuiltinCall(name: "mixed-line-ending", options: ["line-ending": "crlf"])), PreCommitHooksExpectations.mixedToCRLF)
  }

  /// `fix: false` reports what `--fix=no` reports: only files whose endings are mixed.
  @Test func mixedLineEndingReportsMixedFilesWhenNotFixing() {
    let check = MixedLineEnding(BuiltinCall(name: "mixed-line-ending"))
    for ((name, input), want) in zip(PreCommitHooksExpectations.text, PreCommitHooksExpectations.mixedReport) {
      #expect(Self.outcome(check, input).fails == want.fails, "\(name)")
    }
  }

  static func expectVerdicts(
    _ check: some TextFileCheck, _ cases: [(name: String, input: [UInt8], fails: Bool)], path: RepoPath = path, differing: Set<String> = []
  ) {
    for (name, input, fails) in cases {
      let got = outcome(check, input, path: path).fails
      #expect(got == (differing.contains(name) ? !fails : fails), "\(name): fails \(got), the hook \(fails)")
    }
  }

  @Test func mergeConflictMarkersAsTheHookFindsThem() {
    Self.expectVerdicts(MergeConflictMarkers(), PreCommitHooksExpectations.mergeConflict)
  }

  @Test func privateKeysAsTheHookFindsThem() {
    Self.expectVerdicts(PrivateKey(), PreCommitHooksExpectations.privateKey)
  }

  /// Where Tillit's JSON reader is stricter than Python's, on purpose (README.md says so):
  /// `NaN` is not JSON, and it nests at most 64 levels.
  @Test func jsonAsTheHookReadsIt() {
    Self.expectVerdicts(JSONSyntax(), PreCommitHooksExpectations.json, path: RepoPath("f.json"), differing: ["NaN", "nested 100 deep"])
  }

  /// Where Tillit's YAML reader (the subset `.tillit.yml` is read with) is stricter than PyYAML:
  /// anchors, aliases, tags, flow mappings, text over several lines, `\x` escapes.
  @Test func yamlAsTheHookReadsIt() {
    let unread: Set = ["anchor and alias", "flow mapping", "plain text over two lines", "tag", "hex escape", "quoted text over two lines"]
    Self.expectVerdicts(YAMLSyntax(BuiltinCall(name: "yaml-syntax")), PreCommitHooksExpectations.yaml, path: RepoPath("f.yaml"), differing: unread)
  }

  @Test func yamlAllowsSeveralDocumentsWhenAsked() {
    let check = YAMLSyntax(BuiltinCall(name: "yaml-syntax", options: ["allow-multiple-documents": "true"]))
    #expect(!Self.outcome(check, Array("a: 1\n---\na: 2\n".utf8)).fails)
    #expect(Self.outcome(check, Array("a: 1\n---\na: [\n".utf8)).fails)
  }

  /// pre-commit gives its text hooks no binary file (identify: a binary extension, or control
  /// bytes in the first 1,024): the built-ins leave them alone too.
  @Test func binaryFilesAreNotText() {
    #expect(!TextDetection.isText(Array("a\u{0}b  \n".utf8), path: Self.path))
    #expect(!TextDetection.isText(Array("plain  \n".utf8), path: RepoPath("image.PNG")))
    #expect(TextDetection.isText(Array("tab\tesc\u{1B} é \r\n".utf8), path: Self.path))
    #expect(TextDetection.isText(Array(repeating: 97, count: 1024) + [0], path: Self.path))
  }

  @Test func tomlAsTheHookReadsIt() {
    Self.expectVerdicts(TOMLSyntax(), PreCommitHooksExpectations.toml, path: RepoPath("f.toml"))
  }
}
