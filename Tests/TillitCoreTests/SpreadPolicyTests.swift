import Testing

@testable import TillitCore

/// The spread policy's parts that need no history: the months a person was active in, and the
/// `--policy` text.
@Suite struct SpreadPolicyTests {
  static let month: Int64 = 30 * 86_400
  static let start: Int64 = 1_700_000_000

  @Test func activeMonthsCountEachMonthOnceInTheWindow() {
    var months = ActiveMonths()
    #expect(months.count(in: 12, at: Self.start) == 0)
    for offset: Int64 in [0, 0, 2, 2, 5] { months.add(at: Self.start + offset * Self.month) }
    let latest = Self.start + 5 * Self.month
    #expect(months.count(in: 12, at: latest) == 3)
    #expect(months.count(in: 1, at: latest) == 1)
    #expect(months.count(in: 4, at: latest) == 2, "months 2 and 5, not 0")
    // A year later the window has moved past all of them.
    #expect(months.count(in: 12, at: latest + 12 * Self.month) == 0)
    #expect(months.count(in: 12, at: latest + 10 * Self.month) == 1, "only month 5 is within the last twelve")
  }

  @Test func activeMonthsTakeOlderCommitsAndForgetTheFarPast() {
    var months = ActiveMonths()
    months.add(at: Self.start + 40 * Self.month)
    months.add(at: Self.start + 39 * Self.month)  // an older commit replayed after a newer one
    months.add(at: Self.start)  // older than the 32 months kept: not counted
    #expect(months.count(in: 12, at: Self.start + 40 * Self.month) == 2)
    months.add(at: Self.start + 100 * Self.month)  // a jump past everything kept
    #expect(months.count(in: 32, at: Self.start + 100 * Self.month) == 1)
    months.add(at: -5)  // a date before 1970 from a crafted commit: no trap
    #expect(months.count(in: 12, at: Int64.max) == 0)
    #expect(months.count(in: 12, at: Int64.min) == 1)
  }

  @Test func aPolicyIsReadOverTheStandardOne() throws {
    let policy = try SpreadPolicy(parsing: "knowers=2,steadiness=0.5")
    #expect(policy.knowers == 2)
    #expect(policy.steadiness == 0.5)
    #expect(policy.activity == SpreadPolicy().activity)
    #expect(try SpreadPolicy(parsing: "") == SpreadPolicy())
    #expect(try SpreadPolicy(parsing: "knowers=1e9").knowers == 100, "clamped, not trapped on")
    // Bounded so no learner's score is infinite or NaN: the ranking stays an order.
    let extreme = try SpreadPolicy(parsing: "steadiness=-5,activity=1e300,reviews-halving=1e300")
    #expect(extreme.steadiness == 0 && extreme.activity == 10 && extreme.reviewsHalving == 1_000_000)
  }

  @Test(arguments: ["knower=2", "knowers", "knowers=two", "knowers=nan", "steadiness=inf", "=1"])
  func aPolicyItemThatIsNotAKnownKeyAndANumberIsRefused(_ text: String) {
    #expect(throws: (any Error).self) { try SpreadPolicy(parsing: text) }
  }
}
