import Testing
import TillitGit
@testable import TillitCore

@Suite struct GlobTests {
  func matches(_ pattern: String, _ path: String) throws -> Bool {
    try Glob(pattern).matches(RepoPath(path))
  }

  @Test func doubleStarSpansFolders() throws {
    #expect(try matches("Sources/**/*.swift", "Sources/a.swift"))
    #expect(try matches("Sources/**/*.swift", "Sources/x/y/a.swift"))
    #expect(try !matches("Sources/**/*.swift", "Tests/a.swift"))
    #expect(try matches("Tests/**", "Tests/a/b/c.txt"))
    #expect(try matches("**/*.md", "README.md"))
    #expect(try matches("**/*.md", "docs/deep/x.md"))
  }

  @Test func singleStarStaysInOneFolder() throws {
    #expect(try matches("docs/*.md", "docs/a.md"))
    #expect(try !matches("docs/*.md", "docs/x/a.md"))
    #expect(try matches("a?c", "abc"))
    #expect(try !matches("a?c", "a/c"))
  }

  @Test func patternsWithoutSlashMatchNamesAtAnyDepth() throws {
    #expect(try matches("*.py", "setup.py"))
    #expect(try matches("*.py", "pkg/mod/x.py"))
    #expect(try matches("Makefile", "sub/Makefile"))
    #expect(try !matches("/Makefile", "sub/Makefile"))
    #expect(try matches("/Makefile", "Makefile"))
  }

  @Test func setsAndEscapes() throws {
    #expect(try matches("file[0-9].txt", "dir/file7.txt"))
    #expect(try !matches("file[!0-9].txt", "file7.txt"))
    #expect(try matches("file[!0-9].txt", "filex.txt"))
    #expect(try matches("a\\*b", "a*b"))
    #expect(throws: GlobError.self) { try Glob("[abc") }
  }

  @Test func matchesNamesThatAreNotUTF8() throws {
    let path = RepoPath(bytes: Array("data/caf".utf8) + [0xE9] + Array(".csv".utf8))
    #expect(try Glob("data/*.csv").matches(path))
    #expect(try Glob("*.csv").matches(path))
  }
}
