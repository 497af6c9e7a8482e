import Foundation
import Testing
import TillitTestSupport

/// Dates an audit is given or finds in history that lie outside the years 1000–9999, or do not
/// exist: data to clamp or refuse in words, never a crash.
@Suite struct AuditDateTests {
  /// A commit object written byte for byte, dated `seconds` (git itself would not write some of
  /// these), on top of HEAD; HEAD moves to it.
  @discardableResult
  func craftedCommit(in repo: TempRepo, dated seconds: String) throws -> String {
    let tree = try repo.git(["rev-parse", "HEAD^{tree}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let parent = try repo.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let text = "tree \(tree)\nparent \(parent)\nauthor Mal <mal@example.com> \(seconds) +0000\ncommitter Mal <mal@example.com> \(seconds) +0000\n\ncrafted\n"
    let id = try repo.git(["hash-object", "-t", "commit", "-w", "--literally", "--stdin"], input: text).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    try repo.git(["update-ref", "HEAD", id])
    return id
  }

  func history() throws -> History {
    let history = try History()
    try history.commit("Ann", "ann@example.com", ["a.c": "a\n"], date: "2024-05-01")
    try history.commit("Bob", "bob@example.com", ["b.c": "b\n"], date: "2025-06-01", reviewers: ["Ann <ann@example.com>"])
    return history
  }

  @Test(arguments: ["253402300800", "9223372036854775807", "-5", "-9223372036854775808", "-62167219201"])
  func commitsDatedOutsideTheCalendarAreClampedInEveryFormat(seconds: String) throws {
    let history = try history()
    try craftedCommit(in: history.repo, dated: seconds)
    for format in ["table", "json", "html"] {
      let atHead = try history.repo.tillit(["audit", "--since", "2020-01-01", "--format", format])
      #expect(atHead.status == 0, "\(seconds) at HEAD, \(format): \(atHead.output.suffix(400))")
    }
    // The same commit further back in history, under an ordinary one.
    try history.commit("Cy", "cy@example.com", ["c.c": "c\n"], date: "2025-07-01")
    for format in ["table", "json", "html"] {
      let below = try history.repo.tillit(["audit", "--since", "2020-01-01", "--format", format])
      #expect(below.status == 0, "\(seconds) in history, \(format): \(below.output.suffix(400))")
    }
    let audit = try history.json(["audit", "--since", "2020-01-01"])
    let trend = try #require(audit["trend"] as? [[String: Any]])
    #expect(trend.count <= 401)
    for point in trend { #expect((point["end"] as? String)?.utf8.count == 20, "\(point)") }
  }

  @Test(arguments: ["0999-12-31", "9999-12-31", "0000-01-01", "1000-01-01"])
  func sinceTakesEveryFourDigitYear(date: String) throws {
    let history = try history()
    for format in ["table", "json", "html"] {
      let result = try history.repo.tillit(["audit", "--since", date, "--format", format])
      #expect(result.status == 0, "\(date), \(format): \(result.output.suffix(400))")
    }
    let audit = try history.json(["audit", "--since", date])
    #expect(audit["since"] as? String == "\(date)T00:00:00Z")
    #expect((audit["trend"] as? [[String: Any]])?.count ?? 0 <= 401)
  }

  @Test func aDayTheCalendarDoesNotHaveIsRefusedNamingOneThatExists() throws {
    let history = try history()
    let result = try history.repo.tillit(["audit", "--since", "2023-02-31"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("2023-02-31"))
    #expect(result.stderr.contains("February 2023 has 28 days"))
    #expect(result.stderr.contains("like 2023-02-28"))
    #expect(!result.stderr.contains("Fatal"))
    let month = try history.repo.tillit(["audit", "--since", "2023-13-01"])
    #expect(month.status == 2)
    #expect(month.stderr.contains("there is no month 13"))
    let leap = try history.repo.tillit(["audit", "--since", "2024-02-29", "--format", "json"])
    #expect(leap.status == 0, "\(leap.output)")
    let backtest = try history.repo.tillit(["backtest", "--until", "2023-04-31"])
    #expect(backtest.status == 2)
    #expect(backtest.stderr.contains("April 2023 has 30 days"))
  }
}
