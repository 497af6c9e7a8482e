import ArgumentParser
import TillitCore
import TillitGit

struct Trust: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trust",
    abstract: "Show the commands of .tillit.yml (staged and in the work tree) and approve them for this clone.")

  @OptionGroup var global: GlobalOptions
  @Flag(help: "Only show the commands and whether they are approved.") var show = false

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let loader = ConfigLoader(repository: repository)
      var configs: [(String, ProjectConfig)] = []
      if let staged = try loader.load(for: try CheckSubject.staged(in: repository)) { configs.append(("staged", staged)) }
      if let saved = try loader.loadFromWorkTree(), !configs.contains(where: { $0.1 == saved }) { configs.append(("work tree", saved)) }
      guard !configs.isEmpty else { throw UserError.usage("there is no \(ProjectConfig.fileName) to approve (`tillit init` writes one)") }
      let store = TrustStore(state: StateDirectory(repository: repository))
      for (label, config) in configs {
        let approved = store.isApproved(config)
        Output.standard("\(ProjectConfig.fileName) (\(label)), \(approved ? "approved" : "not approved yet"):\n")
        Output.listChecks(config, isolation: true)
        if !show && !approved {
          try store.approve(config)
          Output.standard("tillit: approved (id \(TrustStore.approvalID(of: config).hex.prefix(12)))\n")
        }
      }
    }
  }
}
