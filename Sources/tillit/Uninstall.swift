import ArgumentParser
import TillitCore

struct Uninstall: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "uninstall",
    abstract: "Remove Tillit's git hooks and restore the hooks they replaced.",
    discussion: """
      The ledger and the caches stay; tillit install puts the hooks back.
      Example: tillit uninstall --repo ~/src/project
      """)

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reportingErrors {
      let done = try HookInstaller(repository: try global.openRepository()).uninstall()
      if done.isEmpty { Output.standard("tillit: no Tillit hooks were installed here\n") }
      done.forEach { Output.standard("tillit: \($0)\n") }
    }
  }
}
