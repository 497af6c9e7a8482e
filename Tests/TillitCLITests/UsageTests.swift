import Testing
import TillitTestSupport

/// Bad usage exits 2 with a sentence that says what to give, whoever finds the mistake:
/// ArgumentParser (a missing or conflicting flag) or a command (a revision that names nothing).
@Suite struct UsageTests {
  @Test func aReviewWithoutAVerdictExits2WithASentence() throws {
    let repo = try TempRepo()
    try repo.write("a.txt", "a\n")
    try repo.commitAll("first")
    let result = try repo.tillit(["review", "HEAD"])
    #expect(result.status == 2, "\(result.output)")
    #expect(result.stderr.hasPrefix("tillit: "), "\(result.stderr)")
    #expect(result.stderr.contains("--approve"), "\(result.stderr)")
    #expect(!result.stderr.contains("Error:"), "\(result.stderr)")
  }

  @Test func anUnknownOptionExits2() throws {
    let repo = try TempRepo()
    let result = try repo.tillit(["check", "--no-such-option"])
    #expect(result.status == 2, "\(result.output)")
    #expect(result.stderr.contains("--no-such-option"), "\(result.stderr)")
  }

  @Test func helpAndVersionStillExit0() throws {
    let repo = try TempRepo()
    let help = try repo.tillit(["review", "--help"])
    #expect(help.status == 0, "\(help.output)")
    #expect(help.stdout.contains("--approve"))
    #expect(try repo.tillit(["--version"]).status == 0)
  }

  @Test(arguments: [["check", "--range"], ["reviewers"]])
  func aRangeNamingNoCommitIsWordedTheSameEverywhere(_ command: [String]) throws {
    let repo = try TempRepo()
    try repo.write("a.txt", "a\n")
    try repo.commitAll("first")
    let result = try repo.tillit(command + ["nosuch..HEAD"], environment: ["TILLIT_TRUST_CONFIG": "1"])
    #expect(result.status == 2, "\(result.output)")
    #expect(result.stderr.contains("'nosuch' names no commit here"), "\(result.stderr)")
    #expect(!result.stderr.contains("git_"), "\(result.stderr)")
  }
}

extension UsageTests {
  @Test(arguments: [["check", "--range"], ["reviewers"]])
  func threeDotsAskForTwo(_ command: [String]) throws {
    let repo = try TempRepo()
    try repo.write("a.txt", "a\n")
    try repo.commitAll("first")
    let result = try repo.tillit(command + ["HEAD...HEAD"], environment: ["TILLIT_TRUST_CONFIG": "1"])
    #expect(result.status == 2, "\(result.output)")
    #expect(result.stderr.contains("two dots"), "\(result.stderr)")
  }
}

extension UsageTests {
  @Test(arguments: [
    (["review", "HEAD", "--approve", "--comment"], "--comment"), (["check", "--staged", "--all"], "--all"),
    (["check", "--all", "--range", "HEAD..HEAD"], "--range"), (["check", "--stage", "pre-merge"], "commit-msg"),
    (["ledger", "log", "--stream", "votes"], "ownership"),
  ])
  func choicesThatExcludeEachOtherOrNameNothingAreRefusedWhileParsing(_ arguments: [String], _ named: String) throws {
    let repo = try TempRepo()
    try repo.write("a.txt", "a\n")
    try repo.commitAll("first")
    let result = try repo.tillit(arguments)
    #expect(result.status == 2, "\(result.output)")
    #expect(result.stderr.hasPrefix("tillit: ") && result.stderr.contains(named), "\(result.stderr)")
  }
}

extension UsageTests {
  @Test(arguments: [
    [], ["check"], ["install"], ["uninstall"], ["init"], ["trust"], ["review"], ["request"], ["inbox"], ["show"], ["own"],
    ["ledger"], ["ledger", "log"], ["ledger", "verify"], ["ledger", "sync"], ["ledger", "import-trailers"],
    ["reviewers"], ["owners"], ["backtest"], ["audit"], ["snapshots"],
  ])
  func everyCommandsHelpShowsAnExample(_ command: [String]) throws {
    let repo = try TempRepo()
    let help = try repo.tillit(command + ["--help"])
    #expect(help.status == 0, "\(help.output)")
    #expect(help.stdout.contains("Example: tillit " + command.joined(separator: " ")), "\(help.stdout)")
  }
}
