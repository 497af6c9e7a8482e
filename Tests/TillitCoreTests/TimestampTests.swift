import Testing
@testable import TillitCore
import TillitGit
import TillitSystem

@Suite struct TimestampTests {
  /// TillitSystem cannot see TillitGit: the ledger's times and the commits' times are clamped
  /// to the same range, each layer holding its own copy.
  @Test func theLedgerAndCommitsSupportTheSameTimes() {
    #expect(Timestamp.supported == Signature.supportedTimes)
    #expect(Timestamp.clamped(Int64.max) == Signature.supported(Int64.max))
    #expect(Timestamp.clamped(Int64.min) == Signature.supported(Int64.min))
  }

  @Test func datesRoundTripAcrossEveryFourDigitYear() throws {
    for text in ["0000-01-01", "0999-12-31", "1000-01-01", "1969-12-31", "1970-01-01", "2000-02-29", "2024-02-29", "9999-12-31"] {
      let seconds = try #require(Timestamp.seconds(ofDate: text), "\(text)")
      #expect(Timestamp.format(seconds: Int(seconds)) == "\(text)T00:00:00Z")
      #expect(Timestamp.seconds(ofInstant: "\(text)T23:59:59Z") == seconds + 86_399)
    }
    #expect(Timestamp.seconds(ofDate: "1970-01-01") == 0)
    #expect(Timestamp.format(seconds: -1) == "1969-12-31T23:59:59Z")
  }

  @Test(arguments: [
    "2023-02-31", "2023-02-29", "1900-02-29", "2023-04-31", "2023-13-01", "2023-00-10", "2023-01-00",
    "-999-01-01", "+999-01-01", "2023-1-011", "２０２３-01-01", "2023-01-01 ", "20230101", "",
  ])
  func textThatIsNotADayIsRefused(text: String) {
    #expect(Timestamp.seconds(ofDate: text) == nil)
  }

  @Test(arguments: [
    "2023-01-01T24:00:00Z", "2023-01-01T12:60:00Z", "2023-01-01 12:00:00Z", "2023-01-01T12:00:00+",
    "2023-01-01T1:000:00Z", "10000-01-01T00:00:00Z",
  ])
  func textThatIsNotAnInstantIsRefused(text: String) {
    #expect(Timestamp.seconds(ofInstant: text) == nil)
  }

  @Test func timesOutsideTheSupportedYearsAreWrittenAsTheNearestEnd() {
    #expect(Timestamp.format(seconds: Int.max) == "9999-12-31T23:59:59Z")
    #expect(Timestamp.format(seconds: 253_402_300_800) == "9999-12-31T23:59:59Z")
    #expect(Timestamp.format(seconds: Int.min) == "0000-01-01T00:00:00Z")
  }

  @Test func quartersHoldAtTheEndsOfTheCalendarAndBeyond() throws {
    let lastQuarter = try #require(Timestamp.seconds(ofDate: "9999-10-01"))
    #expect(Quarter.start(of: try #require(Timestamp.seconds(ofDate: "9999-12-31"))) == lastQuarter)
    #expect(Quarter.next(after: lastQuarter) > 253_402_300_799)
    #expect(Quarter.label(Int64.max) == "9999Q4")
    #expect(Quarter.label(Int64.min) == "0Q1")
    #expect(Quarter.start(of: Int64.min) == -62_167_219_200)
    #expect(Quarter.next(after: try #require(Timestamp.seconds(ofDate: "0999-12-31"))) == Timestamp.seconds(ofDate: "1000-01-01"))
    #expect(Quarter.start(of: try #require(Timestamp.seconds(ofInstant: "2025-08-15T10:00:00Z"))) == Timestamp.seconds(ofDate: "2025-07-01"))
    #expect(Quarter.label(try #require(Timestamp.seconds(ofDate: "2025-09-30"))) == "2025Q3")
  }
}

/// Working days for escalation, and how the inbox writes a wait.
@Suite struct WaitingTests {
  static func at(_ text: String) throws -> Int64 { try #require(Timestamp.seconds(ofInstant: text)) }

  @Test func workingDaysLeaveOutWeekends() throws {
    let monday = try Self.at("2026-03-02T09:00:00Z")
    #expect(Waiting.workingDays(from: monday, to: try Self.at("2026-03-02T18:00:00Z")) == 0)
    #expect(Waiting.workingDays(from: monday, to: try Self.at("2026-03-05T08:00:00Z")) == 3)
    #expect(Waiting.workingDays(from: try Self.at("2026-03-06T16:00:00Z"), to: try Self.at("2026-03-09T09:00:00Z")) == 1, "Friday to Monday")
    #expect(Waiting.workingDays(from: try Self.at("2026-03-07T10:00:00Z"), to: try Self.at("2026-03-08T10:00:00Z")) == 0, "a weekend")
    #expect(Waiting.workingDays(from: monday, to: try Self.at("2026-03-30T09:00:00Z")) == 20, "four weeks")
    #expect(Waiting.workingDays(from: monday, to: monday - 86_400) == 0, "a clock behind the request")
    #expect(Waiting.workingDays(from: Timestamp.supported.lowerBound, to: Timestamp.supported.upperBound) > 2_500_000)
  }

  @Test func waitsAreWrittenInWords() {
    #expect(Waiting.describe(-5) == "0 min")
    #expect(Waiting.describe(600) == "10 min")
    #expect(Waiting.describe(7_200) == "2 h")
    #expect(Waiting.describe(86_400) == "1 day")
    #expect(Waiting.describe(3 * 86_400 + 5) == "3 days")
  }
}
