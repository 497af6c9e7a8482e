import TillitCore

/// Help that is not about one command, answered before ArgumentParser (whose `help` knows only
/// commands): `tillit help config`, the `.tillit.yml` reference, and `tillit help man`, the man page.
enum HelpTopics {
  static let topics = ["config", "man"]

  /// The text of `tillit help TOPIC`, or nil when `arguments` (without the program) ask for none.
  static func text(for arguments: [String]) -> String? {
    guard arguments.count == 2, arguments[0] == "help" else { return nil }
    switch arguments[1] {
    case "config": return ConfigReference.text
    case "man": return ManualPage.render()
    default: return nil
    }
  }
}
