import Foundation
import Testing
import TillitTestSupport

/// The audit page's treemap tells what the headline tells: each folder's box is coloured by the
/// share of its files at risk (the legend says so), the files at the repository's top have a
/// labelled box of their own, and a coverage of 0 % says what counts as a review.
@Suite struct AuditPictureTests {
  /// `lib/`: four files, each written by a different person and reviewed by nobody — four active
  /// knowers, every file at risk. `core/`: each file written by Ada and reviewed by Bob — none
  /// at risk. `lib/net/`: one file at risk of the two (Ada reviewed one). Two top-level files
  /// only Cy knows.
  static func history(reviews: Bool = true) throws -> History {
    let history = try History()
    for (index, person) in ["Ada", "Bob", "Cy", "Dan"].enumerated() {
      try history.commit(person, "\(person.lowercased())@example.com", ["lib/part\(index).c": "\(index)\n"], date: "2026-01-0\(index + 1)")
    }
    for index in 0..<3 {
      try history.commit(
        "Ada", "ada@example.com", ["core/file\(index).c": "\(index)\n"], date: "2026-01-1\(index)",
        reviewers: reviews ? ["Bob <bob@example.com>"] : [])
    }
    try history.commit("Eve", "eve@example.com", ["lib/net/a.c": "a\n"], date: "2026-01-20", reviewers: reviews ? ["Ada <ada@example.com>"] : [])
    try history.commit("Eve", "eve@example.com", ["lib/net/b.c": "b\n"], date: "2026-01-21")
    try history.commit("Cy", "cy@example.com", ["README.md": "read me\n", "Makefile": "all:\n"], date: "2026-01-22")
    return history
  }

  /// The rule the legend states, written again: none at risk, under 10 %, under 25 %, under half,
  /// half or more.
  static func expectedColour(atRisk: Int, files: Int) -> String {
    if atRisk == 0 { return "#43a047" }
    if atRisk * 10 < files { return "#9ccc65" }
    if atRisk * 4 < files { return "#f9a825" }
    if atRisk * 2 < files { return "#ef6c00" }
    return "#c62828"
  }

  /// Every `<rect>` of the treemap with `attribute`: its value and its fill.
  static func boxes(_ html: String, _ attribute: String) -> [String: String] {
    var result: [String: String] = [:]
    let pattern = try? NSRegularExpression(pattern: "<rect [^>]*\(attribute)=\"([^\"]*)\"[^>]*fill=\"(#[0-9a-f]{6})\"")
    for match in pattern?.matches(in: html, range: NSRange(html.startIndex..., in: html)) ?? [] {
      guard let key = Range(match.range(at: 1), in: html), let fill = Range(match.range(at: 2), in: html) else { continue }
      result[String(html[key])] = String(html[fill])
    }
    return result
  }

  @Test func eachFolderIsColouredByItsShareOfFilesAtRisk() throws {
    let history = try Self.history()
    let audit = try history.json(["audit"])
    let html = try history.repo.tillit(["audit", "--format", "html"]).stdout
    let folders = try #require(audit["directories"] as? [[String: Any]])
    let drawn = Self.boxes(html, "data-folder")
    #expect(drawn.keys.sorted() == ["lib/net"], "only second-level folders are boxes of their own: \(drawn)")
    for folder in folders {
      guard let path = folder["path"] as? String, let colour = drawn[path] else { continue }
      #expect(colour == Self.expectedColour(atRisk: folder["filesAtRisk"] as? Int ?? -1, files: folder["files"] as? Int ?? -1), "\(folder)")
    }
    #expect(drawn["lib/net"] == "#c62828", "one of its two files at risk: half")
    // The folders' own files: lib/ has four, all at risk, and four active knowers.
    let own = Self.boxes(html, "data-files-in")
    #expect(own["lib"] == "#c62828", "\(own)")
    #expect(own["core"] == "#43a047", "\(own)")
    #expect(html.contains("coloured by the share of its files at risk"))
    #expect(html.contains("<span><i style=\"background:#c62828\"></i>half or more at risk</span>"), "the legend names the bands")
  }

  @Test func theTopLevelFilesHaveALabelledBoxColouredByTheirRisk() throws {
    let history = try Self.history()
    let html = try history.repo.tillit(["audit", "--format", "html"]).stdout
    #expect(Self.boxes(html, "data-files-in")[""] == "#c62828", "README.md and Makefile: only Cy knows them")
    let group = try #require(html.components(separatedBy: "<g>").first { $0.contains("data-files-in=\"\"") })
    #expect(group.contains(">top-level files</text>"), "\(group)")
    #expect(group.contains("<title>top-level files: 2 files, 2 at risk (100.0%)</title>"), "\(group)")
  }

  @Test func aCoverageOfNothingSaysWhatCountsAsAReview() throws {
    let unreviewed = try Self.history(reviews: false)
    let page = try unreviewed.repo.tillit(["audit", "--format", "html"]).stdout
    #expect(page.contains("A commit counts as reviewed when a Reviewed-by trailer names someone other than its author"), "\(page)")
    #expect(page.contains("reviews held only on a forge"))
    let table = try unreviewed.repo.tillit(["audit"]).stdout
    #expect(table.contains("reviews held only on a forge"), "\(table)")
    let reviewed = try Self.history()
    #expect(!(try reviewed.repo.tillit(["audit", "--format", "html"]).stdout.contains("reviews held only on a forge")))
  }
}
