import TillitGit

/// The commands of `.tillit.yml` this clone has approved. A checked-out configuration runs
/// nothing until approved; any change to a command needs approval again. Approvals live in
/// `.git/tillit/trusted/`, outside the work tree, so a commit cannot approve itself.
public struct TrustStore: Sendable {
  let directory: String

  public init(state: StateDirectory) {
    directory = state.path + "/trusted"
  }

  /// The commands as approved: one line per check, name and argv.
  public static func commands(of config: ProjectConfig) -> String {
    config.checks.map { check in
      let kind: String
      switch check.command {
      case .argv: kind = "argv"
      case .shell: kind = "sh"
      }
      return ([check.name, kind] + check.command.argv).map(escape).joined(separator: " ")
    }.joined(separator: "\n") + "\n"
  }

  /// The approval's id: a hash of the commands.
  public static func approvalID(of config: ProjectConfig) -> ObjectID {
    ObjectID.hashing(Array(commands(of: config).utf8))
  }

  /// Whether these exact commands were approved. The stored text is compared in full, so a
  /// hash collision cannot pass for an approval.
  public func isApproved(_ config: ProjectConfig) -> Bool {
    if config.checks.isEmpty { return true }
    let path = directory + "/" + Self.approvalID(of: config).hex
    guard let stored = try? FileSystem.read(path) else { return false }
    return stored == Array(Self.commands(of: config).utf8)
  }

  public func approve(_ config: ProjectConfig) throws {
    try FileSystem.makeDirectories(directory)
    try FileSystem.writeAtomically(Array(Self.commands(of: config).utf8), to: directory + "/" + Self.approvalID(of: config).hex)
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
