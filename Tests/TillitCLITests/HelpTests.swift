import Foundation
import Testing
import TillitTestSupport

/// What a user finds without the README: `tillit help config`, the environment and exit codes in
/// `tillit --help`, an example in every command's help, the man page and the completions that
/// `install.sh` installs.
@Suite struct HelpTests {
  static func tillit(_ arguments: [String]) throws -> CommandResult {
    try Command.run([TillitBinary.path] + arguments, in: "/", environment: TempRepo.gitEnvironment)
  }

  @Test func helpConfigPrintsTheConfigurationReference() throws {
    let result = try Self.tillit(["help", "config"])
    #expect(result.status == 0, "\(result.output)")
    for key in [
      "checks", "jobs", "share", "on-fix", "people", "ignore", "reviewers", "name", "run", "files", "exclude", "stage", "timeout",
      "pass-files", "isolation", "fix", "output", "aliases", "bots", "left", "count", "mode", "inactive-after", "record", "trailers", "max-files",
    ] {
      #expect(result.stdout.contains("\n  \(key)\n"), "help config does not list \(key)")
    }
    #expect(result.stdout.contains("TILLIT_SNAPSHOT"))
  }

  @Test func rootHelpListsTheEnvironmentAndTheExitCodes() throws {
    let result = try Self.tillit(["--help"])
    #expect(result.status == 0)
    for text in ["TILLIT=0", "TILLIT_SKIP=a,b", "TILLIT_TRUST_CONFIG=1", "NO_COLOR", "Exit codes:", "  130  stopped with Ctrl-C", "tillit help config"] {
      #expect(result.stdout.contains(text), "tillit --help does not say \(text)")
    }
  }

  @Test func everyCommandsHelpHasAnExample() throws {
    let commands = try Self.subcommands(of: [])
    #expect(commands.count >= 16, "\(commands)")
    for command in commands {
      let help = try Self.tillit(command + ["--help"])
      #expect(help.status == 0, "\(command)")
      #expect(help.stdout.contains("Example: tillit \(command.joined(separator: " "))"), "tillit \(command.joined(separator: " ")) --help has no example")
    }
  }

  /// The commands under `path`, from their SUBCOMMANDS section, depth first.
  static func subcommands(of path: [String]) throws -> [[String]] {
    guard path.count < 3 else { throw TestFailure("commands nest deeper than expected: \(path)") }
    let help = try tillit(path + ["--help"]).stdout
    guard let section = help.range(of: "SUBCOMMANDS:\n") else { return [] }
    let names = help[section.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty && $0.hasPrefix("  ") }
      .compactMap { line -> String? in
        guard line.hasPrefix("  ") && !line.hasPrefix("   ") else { return nil }
        return line.split(separator: " ").first.map(String.init)
      }
    return try names.flatMap { name in [path + [name]] + (try subcommands(of: path + [name])) }
  }

  @Test func theManPageHasEveryCommandAndRendersWithMan() throws {
    let page = try Self.tillit(["help", "man"])
    #expect(page.status == 0)
    #expect(page.stdout.hasPrefix(".TH TILLIT 1"))
    for command in try Self.subcommands(of: []) {
      // roff's minus sign: names keep their hyphens when copied from the rendered page.
      let heading = ".SS tillit " + command.joined(separator: " ").replacingOccurrences(of: "-", with: "\\-")
      #expect(page.stdout.contains(heading + "\n"), "the man page lacks \(command)")
    }
    for section in [".SH CONFIGURATION", ".SH ENVIRONMENT", ".SH EXIT STATUS"] { #expect(page.stdout.contains(section)) }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/man") else { return }
    let folder = try TempRepo.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try page.stdout.write(toFile: folder + "/tillit.1", atomically: true, encoding: .utf8)
    let rendered = try Command.run(["man", "-l", folder + "/tillit.1"], in: folder, environment: ["MANWIDTH": "100", "MAN_KEEP_FORMATTING": ""])
    #expect(rendered.status == 0, "\(rendered.stderr)")
    #expect(rendered.stdout.contains("TILLIT_TRUST_CONFIG=1"))
    #expect(rendered.stdout.contains("Example: tillit check --range main..HEAD"))
    #expect(!rendered.stderr.contains("warning"), "\(rendered.stderr)")
  }

  @Test func theBashCompletionRegistersForTillit() throws {
    let folder = try TempRepo.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let script = try Self.tillit(["--generate-completion-script", "bash"])
    try script.stdout.write(toFile: folder + "/tillit", atomically: true, encoding: .utf8)
    let loaded = try Command.run(["bash", "-c", "source \"$1\" && complete -p tillit", "bash", folder + "/tillit"], in: folder)
    #expect(loaded.status == 0, "\(loaded.output)")
    #expect(loaded.stdout.hasSuffix(" tillit\n"), "\(loaded.stdout)")
  }

  @Test func theStarterConfigPointsAtHelpConfig() throws {
    let temp = try TempRepo()
    try temp.write("go.mod", "module example.com/x\n")
    try temp.commitAll("first")
    #expect(try temp.tillit(["init"]).status == 0)
    let text = try temp.read(".tillit.yml")
    #expect(text.contains("`tillit help config` lists every key"))
    #expect(!text.contains("README"))
  }
}
