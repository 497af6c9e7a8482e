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

  @Test func theDocumentedSemanticsHoldCaseByCase() throws {
    // `**/` is zero or more whole folders.
    #expect(try matches("**/x", "x"))
    #expect(try matches("**/x", "a/b/x"))
    #expect(try !matches("**/x", "ax"))
    #expect(try !matches("**/x", "a/bx"))
    // A trailing `**` is everything inside the folder, not the folder's name alone.
    #expect(try matches("a/**", "a/b"))
    #expect(try matches("a/**", "a/b/c"))
    #expect(try !matches("a/**", "a"))
    #expect(try !matches("a/**", "ab/c"))
    #expect(try matches("a/**/b", "a/b"))
    #expect(try matches("a/**/b", "a/x/y/b"))
    #expect(try !matches("a/**/b", "a/xb"))
    #expect(try !matches("a/**/b", "ab"))
    // `**` that is not a whole folder name is a `*`.
    #expect(try matches("src/a**b", "src/axyb"))
    #expect(try !matches("src/a**b", "src/a/b"))
    // No `/`: the name at any depth, the whole name.
    #expect(try matches("*.md", "d/e/f.md"))
    #expect(try !matches("*.md", "d/f.md.txt"))
    #expect(try !matches("src/*.md", "x/src/a.md"))
    // `?` and sets are one byte, never `/`.
    #expect(try matches("a/[bc]?/d", "a/cx/d"))
    #expect(try !matches("a/[bc]?/d", "a/c//d"))
    #expect(try !matches("a[!x]b", "a/b"))
    #expect(try !matches("a?b", "a/b"))
    #expect(try matches("[a-c][!a-c]", "deep/bz"))
    #expect(try !matches("[a-c][!a-c]", "deep/bb"))
  }

  /// 20 stars against a 4 KiB name: trying every way to split the name among the stars, as
  /// the first matcher did, would run for hours.
  @Test func manyStarsAgainstALongNameMatchInOnePass() throws {
    let stars = String(repeating: "*a", count: 20)
    let name = String(repeating: "a", count: 4096)
    #expect(try !matches(stars + "b", name))
    #expect(try !matches("src/" + stars + "b", "src/" + name))
    #expect(try matches(stars + "b", "deep/" + name + "b"))
    #expect(try matches(stars, name))
    #expect(try !matches(stars, String(repeating: "a", count: 19)))
    let folders = String(repeating: "*a*/**/", count: 20)
    #expect(try !matches(folders + "b", String(repeating: "a/", count: 2048) + "c"))
    #expect(try matches(folders + "b", String(repeating: "a/", count: 2048) + "b"))
    #expect(Wildcard(stars + "b").matches(name) == false)
    #expect(Wildcard(stars + "B").matches(String(repeating: "A/", count: 2048) + "ab"))
  }
}
