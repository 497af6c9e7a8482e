import ArgumentParser
import TillitCore
import TillitGit

struct Trust: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trust",
    abstract: "Show the commands of .tillit.yml (staged and in the work tree) and approve them for this clone.",
    discussion: """
      Checks run only from an approved .tillit.yml, so a pulled change to it cannot run new commands unseen.
      Example: tillit trust --show
      """)

  @OptionGroup var global: GlobalOptions
  @Flag(help: "Only show the commands and whether they are approved.") var show = false

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let loader = ConfigLoader(repository: repository)
      var configs: [(String, ProjectConfig, CheckSubject?)] = []
      let staged = try CheckSubject.staged(in: repository)
      if let config = try loader.load(for: staged) { configs.append(("staged", config, staged)) }
      if let saved = try loader.loadFromWorkTree(), !configs.contains(where: { $0.1 == saved }) { configs.append(("work tree", saved, nil)) }
      guard !configs.isEmpty else { throw TillitError.usage("there is no \(ProjectConfig.fileName) to approve (`tillit init` writes one)") }
      let store = TrustStore(state: StateDirectory(repository: repository))
      for (label, config, subject) in configs {
        let approval = try Approval(config: config, content: ProgramContent(subject: subject, repository: repository))
        let approved = store.isApproved(approval)
        Output.standard("\(ProjectConfig.fileName) (\(label)), \(approved ? "approved" : "not approved yet"):\n")
        Output.listChecks(approval)
        if !show && !approved {
          try store.approve(approval)
          Output.standard("tillit: approved (id \(approval.id.hex.prefix(12)))\n")
        }
      }
    }
  }
}
