import ArgumentParser
import TillitCore

/// `tillit help man`: the man page, in roff, from the command tree itself (every command's help
/// screen), the configuration reference and the environment and exit codes of `--help`, so it
/// says what the binary does. `install.sh` writes it to `share/man/man1/tillit.1`.
enum ManualPage {
  static func render() -> String {
    let root = Tillit.configuration
    var page = [
      ".TH TILLIT 1 \"\" \"tillit \(root.version)\" \"User Commands\"",
      ".SH NAME",
      "tillit \\- \(escape(root.abstract))",
      ".SH SYNOPSIS",
      ".B tillit",
      ".I command",
      "[\\fIoptions\\fR]",
      ".SH DESCRIPTION",
    ]
    page.append(contentsOf: preformatted(Tillit.helpMessage(columns: 78)))
    page.append(".SH COMMANDS")
    for (path, command) in commands(under: Tillit.self, path: ["tillit"]) {
      page.append(".SS \(escape(path.joined(separator: " ")))")
      page.append(contentsOf: preformatted(Tillit.helpMessage(for: command, columns: 78)))
    }
    page.append(".SH CONFIGURATION")
    page.append(contentsOf: preformatted(ConfigReference.text))
    page.append(".SH ENVIRONMENT")
    page.append(contentsOf: preformatted(HelpText.table(HelpText.environment)))
    page.append(".SH EXIT STATUS")
    page.append(contentsOf: preformatted(HelpText.table(HelpText.exitCodes.map { (String($0.code), $0.meaning) })))
    page += [".SH SEE ALSO", ".BR git (1),", ".BR githooks (5)"]
    return page.joined(separator: "\n") + "\n"
  }

  /// Every command below `command`, depth first, with its words from the root.
  static func commands(under command: ParsableCommand.Type, path: [String]) -> [([String], ParsableCommand.Type)] {
    command.configuration.subcommands.flatMap { sub -> [([String], ParsableCommand.Type)] in
      guard sub.configuration.shouldDisplay else { return [] }
      let name = sub.configuration.commandName ?? String(describing: sub).lowercased()
      return [(path + [name], sub)] + commands(under: sub, path: path + [name])
    }
  }

  /// Text kept as it is: no filling, no adjusting, roff's special characters escaped.
  static func preformatted(_ text: String) -> [String] {
    [".nf"] + text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) } + [".fi"]
  }

  /// A line roff prints as it is: backslashes doubled, a leading `.` or `'` not read as a request.
  static func escape(_ line: String) -> String {
    var text = ""
    for character in line {
      switch character {
      case "\\": text += "\\e"
      case "-": text += "\\-"
      default: text.append(character)
      }
    }
    return text.hasPrefix(".") || text.hasPrefix("'") ? "\\&" + text : text
  }
}
