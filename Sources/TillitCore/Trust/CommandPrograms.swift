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
/// A command runs in its check's `root`: `./lint` there is `web/lint`, `../tools/x` is `tools/x`.
enum CommandPrograms {
  static func paths(of command: CheckDefinition.Command, in root: RepoPath = RepoPath(bytes: [])) -> [RepoPath] {
    var found: [RepoPath] = []
    let folder = root.bytes.isEmpty ? "" : root.description + "/"
    switch command {
    case .argv(let argv): collect(argv, folder: folder, into: &found)
    case .shell(let script): collect(script: script, folder: folder, into: &found)
    case .builtin: break  // runs no program of the repository
    }
    var seen: Set<RepoPath> = []
    return found.filter { seen.insert($0).inserted }
  }

  static let shells: Set<String> = ["sh", "bash", "dash", "zsh", "ksh", "fish"]
  /// Words a shell reads before the program of a simple command.
  static let prefixes: Set<String> = [
    "if", "then", "else", "elif", "while", "until", "do", "!", "time", "exec", "command", "nohup", "builtin", "{", "}",
  ]
  /// Programs that run the rest of their words as a command, with how many words of their own
  /// they take besides options: `env`, `timeout 60`, `nice`, `xargs`, `stdbuf`, `sudo`, ...
  static let wrappers: [String: Int] = [
    "env": 0, "timeout": 1, "nice": 0, "ionice": 0, "nohup": 0, "stdbuf": 0, "xargs": 0, "sudo": 0, "doas": 0,
    "setsid": 0, "chrt": 1, "taskset": 1, "flock": 1, "unbuffer": 0, "time": 0, "exec": 0, "command": 0,
  ]
  /// Shell options that take the next word as their value (`bash -o pipefail -c ...`).
  static let shellOptionsWithValue: Set<String> = ["-o", "+o", "-O", "+O", "--rcfile", "--init-file"]

  /// A shell line's simple commands, a `cd DIR` carried to the commands after it.
  private static func collect(script: String, folder start: String, into found: inout [RepoPath]) {
    var folder = start
    for simple in simpleCommands(script) {
      if simple.first == "cd" {
        let target = simple.dropFirst().first { !$0.hasPrefix("-") } ?? ""
        folder = repositoryPath(target, in: folder).map { $0.description + "/" } ?? ""
        continue
      }
      collect(simple, folder: folder, into: &found)
    }
  }

  private static func collect(_ words: [String], folder: String, into found: inout [RepoPath]) {
    var rest = words[...]
    // Prefixes, assignments and wrappers (with their options and own words) before the program.
    while let word = rest.first {
      let name = String(word.split(separator: "/").last ?? "")
      if prefixes.contains(word) || isAssignment(word) {
        rest = rest.dropFirst()
      } else if let own = wrappers[name] {
        rest = rest.dropFirst()
        while let option = rest.first, option.hasPrefix("-") { rest = rest.dropFirst() }
        rest = rest.dropFirst(min(own, rest.count))
      } else {
        break
      }
    }
    guard let program = rest.first else { return }
    if program == "." || program == "source" {
      // Read and run by the shell itself: the file is a script, with or without a `/`.
      if let script = rest.dropFirst().first, let path = repositoryPath(script, in: folder) { found.append(path) }
      return
    }
    if program == "eval" {
      collect(script: rest.dropFirst().joined(separator: " "), folder: folder, into: &found)
      return
    }
    if program.contains("/"), let path = repositoryPath(program, in: folder) { found.append(path) }
    let name = String(program.split(separator: "/").last ?? "")
    guard shells.contains(name) else { return }
    var arguments = rest.dropFirst()
    while let option = arguments.first, option.hasPrefix("-") || option.hasPrefix("+") {
      arguments = arguments.dropFirst()
      if shellOptionsWithValue.contains(option) {
        arguments = arguments.dropFirst()
      } else if option == "-c" || (option.hasPrefix("-") && !option.hasPrefix("--") && option.contains("c")), let script = arguments.first {
        collect(script: script, folder: folder, into: &found)
        return
      }
    }
    if let script = arguments.first, let path = repositoryPath(script, in: folder) { found.append(path) }
  }

  private static func isAssignment(_ word: String) -> Bool {
    guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
    return word[..<equals].allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
  }

  /// `word`, read in `folder` (the check's root, or a `cd` before it), as a path inside the
  /// repository, or nil when it cannot be one (absolute, `..` above the root, an expansion).
  private static func repositoryPath(_ word: String, in folder: String) -> RepoPath? {
    guard !word.hasPrefix("/"), !word.hasPrefix("~") else { return nil }
    var parts: [Substring] = []
    for part in (folder + word).split(separator: "/") where part != "." {
      guard part != ".." else {
        guard parts.popLast() != nil else { return nil }
        continue
      }
      parts.append(part)
    }
    guard !parts.isEmpty, !parts.contains(where: { $0.contains(where: { "$`*?[".contains($0) }) }) else { return nil }
    return RepoPath(parts.joined(separator: "/"))
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
