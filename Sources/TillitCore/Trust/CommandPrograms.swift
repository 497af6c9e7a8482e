import TillitGit

/// The files of the repository a command runs as programs: `scripts/lint` in `[scripts/lint]`,
/// `./tools/check.sh` in a shell line, `ci/lint.sh` in `sh ci/lint.sh`. Their content is part of
/// an approval, so a pulled change to a script runs nothing until approved again.
///
/// A program named without a `/` is looked up on `PATH`, so it is not the repository's; a
/// script handed to a shell (`sh`, `bash`, ...) is, with or without a `/`. A file handed to
/// another interpreter (`python3 test.py`, `node test.js`) is the project's code under test, as
/// a build's sources are: approving it would ask again at every edit of a test.
/// Shell lines are split into simple commands on `;`, `&`, `|`, parentheses and new lines,
/// quotes removed; what a command does beyond that (a Makefile it reads, a build it starts)
/// still runs the project's code, and that is the point of a check.
enum CommandPrograms {
  static func paths(of command: CheckDefinition.Command) -> [RepoPath] {
    var found: [RepoPath] = []
    switch command {
    case .argv(let argv): collect(argv, into: &found)
    case .shell(let script): for simple in simpleCommands(script) { collect(simple, into: &found) }
    }
    var seen: Set<RepoPath> = []
    return found.filter { seen.insert($0).inserted }
  }

  static let shells: Set<String> = ["sh", "bash", "dash", "zsh", "ksh", "fish"]
  /// Words a shell reads before the program of a simple command.
  static let prefixes: Set<String> = [
    "if", "then", "else", "elif", "while", "until", "do", "!", "time", "exec", "command", "nohup", "builtin", "env", "{", "}",
  ]

  private static func collect(_ words: [String], into found: inout [RepoPath]) {
    var rest = words[...]
    while let word = rest.first, prefixes.contains(word) || isAssignment(word) || (word.hasPrefix("-") && rest.count < words.count) {
      rest = rest.dropFirst()
    }
    guard let program = rest.first else { return }
    if program.contains("/"), let path = repositoryPath(program) { found.append(path) }
    let name = String(program.split(separator: "/").last ?? "")
    guard shells.contains(name) else { return }
    var arguments = rest.dropFirst()
    while let option = arguments.first, option.hasPrefix("-") {
      arguments = arguments.dropFirst()
      if option == "-c", let script = arguments.first {
        for simple in simpleCommands(script) { collect(simple, into: &found) }
        return
      }
    }
    if let script = arguments.first, let path = repositoryPath(script) { found.append(path) }
  }

  private static func isAssignment(_ word: String) -> Bool {
    guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
    return word[..<equals].allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
  }

  /// `word` as a path inside the repository, or nil when it cannot be one (absolute, `..`,
  /// an expansion).
  private static func repositoryPath(_ word: String) -> RepoPath? {
    var path = Substring(word)
    while path.hasPrefix("./") { path = path.dropFirst(2) }
    guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("~"),
      !path.contains(where: { "$`*?[".contains($0) }),
      !path.split(separator: "/").contains("..")
    else { return nil }
    return RepoPath(String(path))
  }

  /// The words of each simple command of a shell line, quotes removed.
  static func simpleCommands(_ script: String) -> [[String]] {
    var commands: [[String]] = []
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    func endWord() {
      if inWord { words.append(word) }
      word = ""
      inWord = false
    }
    func endCommand() {
      endWord()
      if !words.isEmpty { commands.append(words) }
      words = []
    }
    for character in script {
      if let open = quote {
        if character == open { quote = nil } else { word.append(character) }
        continue
      }
      switch character {
      case "'", "\"": quote = character; inWord = true
      case " ", "\t": endWord()
      case ";", "&", "|", "(", ")", "\n", "`": endCommand()
      default: word.append(character); inWord = true
      }
    }
    endCommand()
    return commands
  }
}
