import Foundation
import Testing
import TillitTestSupport

/// How a run of checks is shown: lines as checks finish, the live line on a terminal only, and
/// what a failure's output shows.
@Suite struct CheckOutputTests {
  static let eraseLine = "\r\u{1B}[2K"
  static let noColour = ["NO_COLOR": "1"]

  /// A failure whose first line is the cause and whose output goes on for 200 more lines.
  static let rootCause = "echo ROOT-CAUSE; seq 1 200; exit 1"

  /// `TILLIT_TIMINGS=1` says where a commit's time went, phase by phase, on stderr.
  @Test func timingsNameEachPhaseOfACommit() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: look\n    run: [\"true\"]\n")
    try hooked.repo.write("a.txt", "a\n")
    try hooked.repo.git(["add", "a.txt"])
    let commit = try hooked.repo.git(["commit", "-qm", "a"], environment: hooked.environment.merging(["TILLIT_TIMINGS": "1"]) { $1 })
    let phases = commit.stderr.split(separator: "\n").filter { $0.hasPrefix("tillit: timing: ") }.map {
      $0.split(separator: " ms ", maxSplits: 1).last.map(String.init) ?? ""
    }
    // The pre-commit hook's phases (commit-msg and post-commit follow, with what they do).
    #expect(
      Array(phases.prefix(12)) == [
        "repository opened", "staged changes read", "configuration read", "approval verified", "checks planned", "snapshot slot taken",
        "snapshot slot moved", "snapshot slot watched", "checks run", "results recorded in the ledger", "snapshot slot released", "report written",
      ],
      "\(commit.stderr)")
    #expect(!(try hooked.repo.git(["commit", "--allow-empty", "-qm", "b"], environment: hooked.environment).stderr.contains("timing")))
  }

  @Test func aLongFailureShowsItsFirstAndLastLinesAndHowManyBetween() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: long\n    run: \"\(Self.rootCause)\"\n")
    let result = try hooked.repo.tillit(["check", "--all"], environment: hooked.environment.merging(Self.noColour) { $1 })
    #expect(result.status == 1, "\(result.output)")
    let numbers = (1...9).map { "\($0)\n" }.joined()
    let last = (191...200).map { "\($0)\n" }.joined()
    #expect(result.stdout.contains("── long failed, exit 1 ──\nROOT-CAUSE\n\(numbers)… 181 lines …\n\(last)(full output: "), "\(result.stdout)")
    #expect(!result.stdout.contains("\n100\n"))
  }

  @Test func verboseAndOutputFullShowTheWholeLog() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: whole
            run: "\(Self.rootCause)"
            output: full
          - name: cut
            run: "\(Self.rootCause)"
            output: tail
        """)
    let environment = hooked.environment.merging(Self.noColour) { $1 }
    let whole = (1...200).map { "\($0)\n" }.joined()
    let result = try hooked.repo.tillit(["check", "--all"], environment: environment)
    #expect(result.status == 1)
    #expect(result.stdout.contains("── whole failed, exit 1 ──\nROOT-CAUSE\n\(whole)(full output: "), "\(result.stdout)")
    #expect(result.stdout.contains("── cut failed, exit 1 ──\nROOT-CAUSE\n1\n"))
    #expect(result.stdout.components(separatedBy: "… 181 lines …").count == 2, "only `cut` is cut: \(result.stdout)")

    let verbose = try hooked.repo.tillit(["check", "--all", "--verbose"], environment: environment)
    #expect(verbose.stdout.contains("── cut failed, exit 1 ──\nROOT-CAUSE\n\(whole)(full output: "), "\(verbose.stdout)")
    #expect(!verbose.stdout.contains(" lines …"))
  }

  @Test func aShortFailureIsShownWholeEscapedWithItsTabsKept() throws {
    let hooked = try HookedRepo(
      config: #"""
        checks:
          - name: short
            run: 'printf "first\tcolumn\n\033[2Jcleared\r\nlast"; exit 1'
        """#)
    let result = try hooked.repo.tillit(["check", "--all"], environment: hooked.environment.merging(Self.noColour) { $1 })
    #expect(result.status == 1, "\(result.output)")
    // The CR of a CRLF line end is dropped; a last line without its line end is shown.
    #expect(result.stdout.contains("── short failed, exit 1 ──\nfirst\tcolumn\n\\e[2Jcleared\nlast\n(full output: "), "\(result.stdout)")
    #expect(!result.stdout.contains("\u{1B}"))
  }

  /// Piped, each check's line is written when it finishes, in finishing order, as plain text;
  /// the failures' output and the summary come after the last line.
  @Test func pipedLinesComeInFinishingOrderWithoutTerminalCodes() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: slow
            run: "sleep 0.6; echo slow-output; exit 1"
          - name: fast
            run: "echo fast-output; exit 1"
        """)
    // A terminal's codes are left out whether or not NO_COLOR says so.
    for environment in [hooked.environment, hooked.environment.merging(Self.noColour) { $1 }] {
      let result = try hooked.repo.tillit(["check", "--all", "--jobs", "2"], environment: environment)
      #expect(result.status == 1, "\(result.output)")
      let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      #expect(lines.count > 3, "\(result.stdout)")
      guard lines.count > 3 else { continue }
      #expect(lines[0].hasPrefix("  ✗ fast ") && lines[1].hasPrefix("  ✗ slow "), "\(result.stdout)")
      #expect(lines[2] == "" && lines[3] == "── slow failed, exit 1 ──", "\(result.stdout)")
      #expect(result.stdout.contains("── fast failed, exit 1 ──\nfast-output\n"))
      #expect(lines.last(where: { !$0.isEmpty })?.hasPrefix("tillit: checks failed (2 failed) in ") == true, "\(result.stdout)")
      #expect(!result.output.contains("\r") && !result.output.contains("\u{1B}"), "\(result.output)")
    }
    // The hook writes the same to stderr.
    try hooked.repo.write("README.md", "changed\n")
    try hooked.repo.git(["add", "README.md"])
    let hook = try hooked.commit(environment: ["TILLIT_SKIP": "fast"])
    #expect(hook.status != 0)
    #expect(hook.stderr.contains("  - fast      skipped"), "\(hook.stderr)")
    #expect(!hook.output.contains("\r") && !hook.output.contains("\u{1B}"), "\(hook.output)")
  }

  /// A fixer's line says what it fixed, once: not its exit status, nor its place in the run of
  /// the other checks.
  @Test func aFixerHasOneLineSayingWhatItFixed() throws {
    let hooked = try HookedRepo(
      config: """
        on-fix: continue
        checks:
          - name: trim
            run: "sed -i 's/ *$//' \\"$@\\"; exit 1"
            files: ["*.txt"]
            pass-files: true
            fix: true
          - name: other
            run: ["true"]
        """)
    try hooked.repo.write("a.txt", "spaces   \n")
    try hooked.repo.git(["add", "a.txt"])
    let result = try hooked.commit()
    #expect(result.status == 0, "\(result.output)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.filter { $0.contains("trim") }.count == 1, "\(result.stderr)")
    #expect(lines.first?.hasPrefix("  ✎ trim      fixed  ") == true && lines.first?.hasSuffix("  (fixed a.txt)") == true, "\(result.stderr)")
    #expect(lines.dropFirst().first?.hasPrefix("  ✓ other     passed  ") == true, "\(result.stderr)")
  }

  @Test func jsonIsWrittenOnceAtTheEnd() throws {
    let hooked = try HookedRepo(config: "checks:\n  - name: slow\n    run: \"sleep 0.3\"\n")
    let result = try hooked.repo.tillit(["check", "--all", "--format", "json"], environment: hooked.environment)
    #expect(result.status == 0, "\(result.output)")
    #expect(result.stdout.hasPrefix("{"), "\(result.stdout)")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(json?["passed"] as? Bool == true)
  }

  /// On a terminal, a live line names what still runs and is erased in place; the checks'
  /// lines, the failure's output and the summary are as when piped.
  @Test func onATerminalALiveLineShowsWhatStillRuns() throws {
    let hooked = try HookedRepo(
      config: """
        checks:
          - name: slow
            run: "sleep 0.8"
          - name: quick
            run: "echo quick-output; exit 1"
        """)
    let terminal = try Self.underTerminal(hooked, "check --all --jobs 2")
    #expect(terminal.contains(Self.eraseLine + "\u{1B}[2m  … slow 0."), "\(terminal.debugDescription)")
    let shown = Self.screen(terminal)
    #expect(shown.contains("✗\u{1B}[0m quick "), "\(shown.debugDescription)")
    #expect(shown.contains("\u{1B}[1m── quick failed, exit 1 ──\u{1B}[0m\nquick-output\n"), "\(shown.debugDescription)")
    #expect(shown.contains("tillit: checks failed\u{1B}[0m (1 passed, 1 failed) in "), "\(shown.debugDescription)")
    #expect(!shown.contains("…"), "the live line is erased: \(shown.debugDescription)")
    // The quick check's line is written while the slow one still runs.
    let quickLine = try #require(terminal.range(of: " quick "))
    let slowLine = try #require(terminal.range(of: "slow      "))
    #expect(quickLine.lowerBound < slowLine.lowerBound)

    let plain = try Self.underTerminal(hooked, "check --all --jobs 2", noColour: true)
    #expect(!plain.contains("\u{1B}"), "NO_COLOR: plain lines only: \(plain.debugDescription)")
    #expect(plain.contains("── quick failed, exit 1 ──"))
  }

  /// Runs `tillit ARGUMENTS` under a pseudo-terminal (util-linux `script`): what the terminal got.
  static func underTerminal(_ hooked: HookedRepo, _ arguments: String, noColour: Bool = false) throws -> String {
    let colour = noColour ? "NO_COLOR=1" : "-u NO_COLOR"
    let command = "env \(colour) '\(TillitBinary.path)' \(arguments)"
    let result = try Command.underTerminal(command, in: hooked.repo.path, environment: TempRepo.gitEnvironment.merging(hooked.environment) { $1 })
    #expect(result.status == 1, "\(result.output)")
    return result.stdout
  }

  /// What a terminal shows at the end: each line as left after its carriage returns and erasures.
  static func screen(_ output: String) -> String {
    output.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map { line in
      var shown = String(line)
      while let erase = shown.range(of: eraseLine) { shown = String(shown[erase.upperBound...]) }
      return shown
    }.joined(separator: "\n")
  }
}
