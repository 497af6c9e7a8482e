import ArgumentParser
import TillitCore
import TillitGit
import TillitSystem

struct Trust: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trust",
    abstract: "Show the commands of .tillit.yml and of those in folders (staged and in the work tree) and approve them for this clone.",
    discussion: """
      Checks run only from an approved .tillit.yml, so a pulled change to it cannot run new commands unseen; \
      each .tillit.yml in a folder is approved on its own.
      Example: tillit trust --show
      """)

  @OptionGroup var global: GlobalOptions
  @Flag(help: "Only show the commands and whether they are approved.") var show = false

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let loader = ConfigLoader(repository: repository)
      // Every file the index holds, nested ones included, and the work tree's copy where it differs.
      var configs: [(String, ConfigFile, CheckSubject?)] = []
      let staged = try CheckSubject.staged(in: repository)
      for file in try loader.loadEveryFile(of: staged)?.files ?? [] {
        configs.append(("staged", file, staged))
        if let saved = try loader.loadFromWorkTree(folder: file.folder), saved != file.config {
          configs.append(("work tree", ConfigFile(folder: file.folder, config: saved), nil))
        }
      }
      guard !configs.isEmpty else { throw TillitError.usage("there is no \(ProjectConfig.fileName) to approve (`tillit init` writes one)") }
      let store = TrustStore(state: StateDirectory(repository: repository))
      for (label, file, subject) in configs {
        let approval = try Approval(config: file.config, content: ProgramContent(subject: subject, repository: repository))
        let approved = store.isApproved(approval)
        Output.standard("\(TerminalText.escaped(file.path.description)) (\(label)), \(approved ? "approved" : "not approved yet"):\n")
        Output.listChecks(approval)
        if !show && !approved {
          try store.approve(approval)
          Output.standard("tillit: approved (id \(approval.id.hex.prefix(12)))\n")
        }
      }
    }
  }
}
