import ArgumentParser
import TillitCore

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Write a starter .tillit.yml from what the project's files suggest.",
    discussion: """
      The checks are guessed from the files (a Package.swift, a pyproject.toml, ...); read and edit them, then tillit install.
      Example: tillit init && tillit install
      """)

  @OptionGroup var global: GlobalOptions
  @Flag(help: "Replace an existing .tillit.yml.") var force = false

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      guard let workdir = repository.workdir else { throw TillitError.usage("a bare repository has no work tree to write \(ProjectConfig.fileName) into") }
      let path = workdir + ProjectConfig.fileName
      if FileSystem.exists(path) && !force {
        throw TillitError.usage("\(path) exists already; edit it, or pass --force to replace it")
      }
      let text = StarterConfig.text(forRootFiles: Set(FileSystem.entries(of: workdir)))
      let config = try ConfigParser().parse(text)
      try FileSystem.writeAtomically(Array(text.utf8), to: path)
      let approval = try Approval(config: config, content: ProgramContent(subject: nil, repository: repository))
      try TrustStore(state: StateDirectory(repository: repository)).approve(approval)
      Output.standard("tillit: wrote \(path) with \(config.checks.count) checks, and approved them:\n")
      Output.listChecks(approval)
      let shared = try SharedFolders.folders(for: try CheckSubject.staged(in: repository), configured: config.share, workTree: workdir)
      if !shared.isEmpty {
        let names = shared.map { TerminalText.escaped($0.description) + "/" }.joined(separator: ", ")
        Output.standard("Checks see \(names) of your work tree in their snapshot, for reading (`share:` in \(ProjectConfig.fileName) adds more).\n")
      }
      Output.standard("Next: edit it to taste, `git add` it, and run `tillit trust` after changing a command.\n")
    }
  }
}
