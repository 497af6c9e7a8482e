import ArgumentParser
import TillitCore
import TillitGit
import TillitSystem

struct Install: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "install",
    abstract: "Install Tillit's git hooks in a repository and approve its .tillit.yml.",
    discussion: """
      Hooks already there are kept and run first; tillit uninstall restores them.
      Example: tillit install --repo ~/src/project
      """)

  @OptionGroup var global: GlobalOptions
  @Flag(help: "Install into a core.hooksPath outside the repository.") var force = false

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      guard let binary = FileSystem.executablePath() else { throw TillitError.failed("cannot find the path of the running tillit binary") }
      let done = try HookInstaller(repository: repository).install(binary: binary, force: force)
      done.forEach { Output.standard("tillit: \($0)\n") }
      for remote in try repository.remoteNames() where try repository.addFetchRefspec(LedgerSync.fetchRefspec(remote: remote), toRemote: remote) {
        Output.standard("tillit: git fetch \(remote) now brings its ledger into refs/tillit/remotes/\(remote)/\n")
      }
      if let config = try ConfigLoader(repository: repository).loadFromWorkTree(), !config.checks.isEmpty {
        let approval = try Approval(config: config, content: ProgramContent(subject: nil, repository: repository))
        try TrustStore(state: StateDirectory(repository: repository)).approve(approval)
        Output.standard("tillit: approved the commands of \(ProjectConfig.fileName):\n")
        Output.listChecks(approval)
        try approveNestedFiles(repository)
        Output.standard("Next: commit as usual; the checks run on what you stage. `tillit check` runs them now.\n")
      } else {
        Output.standard("Next: `tillit init` writes a starter \(ProjectConfig.fileName) for this project.\n")
      }
    }
  }

  /// The `.tillit.yml` files of folders, as staged: installing approves them with the top one.
  private func approveNestedFiles(_ repository: Repository) throws {
    let staged = try CheckSubject.staged(in: repository)
    for file in try ConfigLoader(repository: repository).loadEveryFile(of: staged)?.files ?? [] where !file.isTop && !file.config.checks.isEmpty {
      let approval = try Approval(config: file.config, content: ProgramContent(subject: staged, repository: repository))
      try TrustStore(state: StateDirectory(repository: repository)).approve(approval)
      Output.standard("tillit: approved the commands of \(TerminalText.escaped(file.path.description)):\n")
      Output.listChecks(approval)
    }
  }
}
