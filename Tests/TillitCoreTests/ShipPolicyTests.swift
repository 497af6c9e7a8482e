import Testing
@testable import TillitCore

@Suite struct ShipPolicyTests {
  @Test func readsTheShipPolicyWithItsDefaults() throws {
    let config = try ConfigParser().parse(
      """
      ship:
        branches: [main, release]
        require:
          approvals: 2
          checks: none
          verified: true
        enforce: block
      """)
    #expect(config.ship.branches == ["main", "release"])
    #expect(config.ship.approvals == 2 && !config.ship.checks && config.ship.owners && config.ship.verified)
    #expect(config.ship.enforce == .block)
    #expect(config.ship.covers("refs/heads/main") && !config.ship.covers("refs/heads/topic"))
    let none = try ConfigParser().parse("jobs: 1\n").ship
    #expect(none == ShipPolicy() && none.approvals == 1 && none.checks && none.enforce == .warn && none.branches.isEmpty)
  }

  @Test(arguments: [
    ("ship:\n  enforce: refuse\n", "must be warn or block"),
    ("ship:\n  require:\n    checks: green\n", "must be passed or none"),
    ("ship:\n  require:\n    reviewers: 2\n", "is not a known ship require key"),
    ("ship:\n  push: true\n", "is not a known ship key"),
  ])
  func saysWhatIsWrongWithAShipPolicy(text: String, problem: String) {
    #expect(throws: ConfigError.self) { try ConfigParser().parse(text) }
    do {
      _ = try ConfigParser().parse(text)
    } catch {
      #expect(error.problem.contains(problem), "\(error.problem)")
    }
  }
}
