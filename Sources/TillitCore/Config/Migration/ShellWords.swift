/// Splits a command line into words as Python's `shlex.split` does (what pre-commit does to a
/// hook's `entry`): spaces separate, quotes group, a backslash escapes outside single quotes.
enum ShellWords {
  static func split(_ line: String) -> [String]? {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for character in line {
      if escaped {
        word.append(character)
        escaped = false
        continue
      }
      if let open = quote {
        if character == open { quote = nil } else if character == "\\" && open == "\"" { escaped = true } else { word.append(character) }
        continue
      }
      switch character {
      case "\\": escaped = true; inWord = true
      case "\"", "'": quote = character; inWord = true
      case " ", "\t", "\n":
        if inWord { words.append(word); word = ""; inWord = false }
      default: word.append(character); inWord = true
      }
    }
    guard quote == nil, !escaped else { return nil }
    if inWord { words.append(word) }
    return words
  }

  /// Whether running `line` needs a shell: pipes, redirections, `&&`, variables, globs.
  static func needsShell(_ line: String) -> Bool {
    line.contains { "|&;<>$`*?(){}~".contains($0) }
  }
}
