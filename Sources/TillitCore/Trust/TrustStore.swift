import TillitGit
import TillitSystem

/// The commands of `.tillit.yml` this clone has approved. A checked-out configuration runs
/// nothing until approved; any change to what runs, where, when or on which files needs approval
/// again. Approvals live in `.git/tillit/trusted/`, outside the work tree, so a commit cannot
/// approve itself.
public struct TrustStore: Sendable {
  let directory: String

  public init(state: StateDirectory) {
    directory = state.path + "/trusted"
  }

  /// Whether these exact commands, settings and programs were approved. The stored text is
  /// compared in full, so a hash collision cannot pass for an approval.
  public func isApproved(_ approval: Approval) -> Bool {
    if approval.isEmpty { return true }
    guard let stored = try? FileSystem.read(directory + "/" + approval.id.hex) else { return false }  // none stored: not approved
    return stored == Array(approval.text.utf8)
  }

  /// What differs between `approval` and the stored approval closest to it (the one sharing most
  /// lines): lines only it has (`+`) and lines only the stored one has (`-`), escaped for a
  /// terminal; nil when nothing was approved before.
  public func changes(since approval: Approval) -> [String]? {
    let wanted = approval.text.split(separator: "\n").map(String.init)
    var closest: (shared: Int, lines: [String])?
    for name in FileSystem.entries(of: directory) where name.count == 40 {
      guard let stored = try? FileSystem.readText(directory + "/" + name) else { continue }  // unreadable: not a candidate
      let lines = stored.split(separator: "\n").map(String.init)
      let shared = Set(lines).intersection(wanted).count
      if shared > (closest?.shared ?? -1) { closest = (shared, lines) }
    }
    guard let old = closest?.lines else { return nil }
    let oldSet = Set(old)
    let newSet = Set(wanted)
    return old.filter { !newSet.contains($0) }.map { "- " + TerminalText.escaped($0) }
      + wanted.filter { !oldSet.contains($0) }.map { "+ " + TerminalText.escaped($0) }
  }

  public func approve(_ approval: Approval) throws {
    try FileSystem.makeDirectories(directory)
    try FileSystem.writeAtomically(Array(approval.text.utf8), to: directory + "/" + approval.id.hex)
  }
}

/// What approving a configuration covers: per check its name, command, the settings that
/// decide what runs where (`CheckDefinition.approvedSettings`), and the content (blob id) of
/// every file of the repository its command runs as a program (`CommandPrograms`).
public struct Approval: Sendable {
  public struct Program: Sendable {
    public let path: RepoPath
    /// nil when the content has no such file.
    public let blob: ObjectID?
    /// For a symlink that leads out of the repository's files (outside it, or through another
    /// link): where it points. What runs there is not part of the approval, and the prompt says so.
    public var leadsOutside: String? = nil
  }

  public let config: ProjectConfig
  /// The programs of each check, in check order.
  public let programs: [[Program]]

  public init(config: ProjectConfig, content: ProgramContent) throws {
    self.config = config
    programs = try config.checks.map { check in
      try CommandPrograms.paths(of: check.command, in: check.root).flatMap { path in
        try Self.resolve(path, isolation: check.isolation, content: content)
      }
    }
  }

  public var isEmpty: Bool { config.checks.isEmpty }

  /// Each check as a person reads it before approving: name, when and where it runs, the
  /// command, and the repository's programs it runs.
  public var describedChecks: [String] {
    zip(config.checks, programs).map { check, programs in
      let settings = check.approvedSettings.compactMap { setting -> String? in
        switch setting.key {
        case "stage", "isolation": return setting.value
        case "pass-files", "fix": return setting.value == "true" ? setting.key : nil
        default: return "\(setting.key): \(TerminalText.escaped(setting.value))"
        }
      }.joined(separator: ", ")
      // Committed by someone else: shown with every control character visible, so that no
      // escape sequence can hide part of a command from the person asked to approve it.
      var line = "  \(TerminalText.escaped(check.name)) (\(settings)): \(TerminalText.escaped(check.command.display))"
      for program in programs {
        guard let blob = program.blob else { continue }  // not in the repository: nothing of its to show
        line += "\n      runs \(TerminalText.escaped(program.path.description)) (content \(blob.hex.prefix(12)))"
        if let outside = program.leadsOutside {
          line += " — a symlink to \(TerminalText.escaped(outside)), which is not a file of the repository: what runs there is not part of this approval"
        }
      }
      return line
    }
  }

  /// The approval as text: a block per check, every word escaped onto one line.
  public var text: String {
    zip(config.checks, programs).map { check, programs in
      var lines = [([check.name, check.command.kind] + check.command.argv).map(Self.escape).joined(separator: " ")]
      lines += check.approvedSettings.map { "  \($0.key) \(Self.escape($0.value))" }
      lines += programs.map { "  program \(Self.escape($0.path.description)) \($0.blob?.hex ?? "absent")" }
      return lines.joined(separator: "\n")
    }.joined(separator: "\n") + "\n"
  }

  /// The approval's id: a hash of its text.
  public var id: ObjectID { ObjectID.hashing(Array(text.utf8)) }

  /// A program that is a symlink is followed inside the content (a few hops), so the script it
  /// leads to is approved with the link.
  private static func resolve(_ path: RepoPath, isolation: CheckDefinition.Isolation, content: ProgramContent) throws -> [Program] {
    var chain: [Program] = []
    var current = path
    for _ in 0..<8 {
      guard let entry = try content.entry(at: current, isolation: isolation) else {
        if var link = chain.popLast() {
          // Reached through a link, and no file of the repository: it leads somewhere else.
          link.leadsOutside = current.description
          chain.append(link)
        }
        chain.append(Program(path: current, blob: nil))
        break
      }
      guard entry.mode == .symlink else {
        chain.append(Program(path: current, blob: entry.blob))
        break
      }
      let target = try content.linkTarget(of: entry, isolation: isolation)
      guard let next = ProgramContent.join(folderOf: current, target: target) else {
        chain.append(Program(path: current, blob: entry.blob, leadsOutside: String(decoding: target, as: UTF8.self)))
        break
      }
      chain.append(Program(path: current, blob: entry.blob))
      current = next
    }
    return chain
  }

  private static func escape(_ word: String) -> String {
    var escaped = ""
    for scalar in word.unicodeScalars {
      switch scalar {
      case "\\": escaped += "\\\\"
      case " ": escaped += "\\s"
      case "\n": escaped += "\\n"
      case "\t": escaped += "\\t"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }
}
