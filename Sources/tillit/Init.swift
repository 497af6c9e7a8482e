import ArgumentParser
import TillitCore
import TillitSystem

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Write a starter .tillit.yml, converted from pre-commit, lefthook or husky, or from the project's files.",
    discussion: """
      With a .pre-commit-config.yaml, a lefthook.yml or husky's .husky/ scripts in the repository, \
      init converts them (all that it finds) without being asked: local and system hooks become \
      checks running their command, pre-commit-hooks' hooks become Tillit's built-ins, and each hook \
      it cannot convert is listed with the reason. The old configuration is left in place. \
      --from names one source; --from project ignores them and starts from the project's files: \
      Go, package.json scripts, pyproject.toml's tools, Cargo, SwiftPM, Makefile targets, and \
      subprojects below the root. Each key the new file uses is explained in it; `tillit help config` \
      lists them all. Read it, then tillit install.
      Example: tillit init --from pre-commit && tillit install
      """)

  enum Source: String, ExpressibleByArgument, CaseIterable {
    case preCommit = "pre-commit"
    case lefthook
    case husky
    case project
  }

  @OptionGroup var global: GlobalOptions
  @Option(help: "Convert from pre-commit, lefthook or husky, or start from the project's files (project). Default: every hook manager found, else project.")
  var from: Source?
  @Flag(help: "Replace an existing .tillit.yml.") var force = false

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      guard let workdir = repository.workdir else { throw TillitError.usage("a bare repository has no work tree to write \(ProjectConfig.fileName) into") }
      let path = workdir + ProjectConfig.fileName
      if FileSystem.exists(path) && !force {
        throw TillitError.usage("\(path) exists already; edit it, or pass --force to replace it")
      }
      let sources: [MigrationSource]
      switch from {
      case nil: sources = MigrationSource.detected(in: workdir)
      case .project: sources = []
      case .some(let source): sources = [MigrationSource(rawValue: source.rawValue)].compactMap { $0 }
      }
      let conversion = sources.isEmpty ? nil : Conversion.merged(try sources.map { try $0.convert(in: workdir) })
      let text = conversion?.configText ?? StarterConfig.text(for: .at(workdir))
      let config = try ConfigParser().parse(text)
      try FileSystem.writeAtomically(Array(text.utf8), to: path)
      let approval = try Approval(config: config, content: ProgramContent(subject: nil, repository: repository))
      try TrustStore(state: StateDirectory(repository: repository)).approve(approval)
      Output.standard("tillit: wrote \(path) with \(config.checks.count) checks, and approved them:\n")
      Output.listChecks(approval)
      if let conversion {
        Output.standard(conversion.summary.map { TerminalText.escaped($0) + "\n" }.joined())
        Output.standard("\(conversion.file) is left in place: remove it, and its tool's hooks, once Tillit's checks do the job.\n")
      }
      let shared = try SharedFolders.folders(for: try CheckSubject.staged(in: repository), configured: config.share, workTree: workdir)
      if !shared.isEmpty {
        let names = shared.map { TerminalText.escaped($0.description) + "/" }.joined(separator: ", ")
        Output.standard("Checks see \(names) of your work tree in their snapshot, for reading (`share:` in \(ProjectConfig.fileName) adds more).\n")
      }
      Output.standard(
        conversion == nil
          ? "Next: edit it to taste, `git add` it, and run `tillit trust` after changing a command.\n"
          : "Next: review it, `git add` it, then `tillit install` (and `tillit trust` after changing a command).\n")
    }
  }
}
