import ArgumentParser
import TillitCore
import TillitGit
import TillitSystem

struct Snapshots: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshots",
    abstract: "List the snapshot slots checks run in, with their size on disk, or remove the free ones.",
    discussion: """
      Slots live in .git/tillit/snapshots/ and keep what checks built there for the next run. \\
      Their budget is twice the tracked size of the repository (its files as a checkout holds them, \\
      each rounded up to the file system's block); after a run, when a burst of concurrent commits \\
      made more than one slot, the free ones are removed, least recently used first, down to it; \\
      --prune removes every slot no run is using, made again when a check next needs one.
      Example: tillit snapshots --prune
      """)

  @OptionGroup var global: GlobalOptions
  @Flag(help: "Remove the slots no run is using.") var prune = false

  func run() throws {
    try reportingErrors {
      let pool = SnapshotPool(repository: try global.openRepository())
      if prune {
        let (removed, inUse) = try pool.prune()
        for slot in removed { Output.standard("tillit: removed \(slot.name) (\(ByteSize.describe(slot.bytes)))\n") }
        for slot in inUse { Output.standard("tillit: kept \(slot.name): a run is using it\n") }
        if removed.isEmpty && inUse.isEmpty { Output.standard("tillit: there are no snapshot slots to remove\n") }
        return
      }
      let slots = pool.slots()
      if slots.isEmpty { Output.standard("no snapshot slots yet: one is made when a check first runs in a snapshot\n") }
      let width = slots.map { ByteSize.describe($0.bytes).count }.max() ?? 0
      for slot in slots {
        let size = ByteSize.describe(slot.bytes)
        Output.standard("\(slot.name)  \(String(repeating: " ", count: width - size.count))\(size)  \(slot.inUse ? "in use" : "free")\n")
      }
      let tracked = try pool.trackedBytes()
      let budget = SnapshotPool.budget(trackedBytes: tracked)
      let total = slots.reduce(0) { $0 + $1.bytes }
      Output.standard(
        "tracked size \(ByteSize.describe(tracked)); budget \(ByteSize.describe(budget)) (twice the tracked size); slots \(ByteSize.describe(total))\n")
      if total > budget {
        Output.standard("the slots exceed the budget: `tillit snapshots --prune` removes the free ones\n")
      }
    }
  }
}
