import TillitGit

/// Runs the fixers of a plan first, one at a time, in the run's snapshot, and stages in the
/// snapshot's own index what each changed: files it edited or deleted, and files it created that
/// git does not ignore. The snapshot's index is then the fixed tree, which the other checks see.
struct FixerRun {
  /// Runs each fixer; it remembers no pass itself, as a fixer that changed files exits 0 too.
  let runner: CheckRunner
  let snapshot: String
  /// Where a fixer that changed nothing is remembered as passed.
  let cache: ResultCache?
  /// Told each fixer's result, once its fixes are taken (`fixed` when it changed files).
  var progress: (@Sendable (CheckProgress) -> Void)? = nil

  /// Results of the fixers, by their position in `plan`, and the fixed tree.
  func run(_ plan: [PlannedCheck], subject: CheckSubject) throws -> (results: [Int: CheckResult], fixedTree: ObjectID) {
    let slot = try Repository(exactly: snapshot)
    let untrackedBefore = Set(try slot.workTreeChanges().filter { $0.kind == .untracked }.map(\.path))
    var results: [Int: CheckResult] = [:]
    for (position, planned) in plan.enumerated() where planned.isFixer {
      guard let result = runner.run([planned], subject: subject).first else { continue }
      defer { if let shown = results[position] { progress?(.finished(shown)) } }
      if result.outcome == .interrupted || result.outcome == .timedOut {
        // Stopped half-way: what it wrote is no fix. The snapshot goes back to the last fixed tree.
        try slot.forceCheckout(tree: try slot.indexTree())
        results[position] = result
        continue
      }
      let changed = try slot.workTreeChanges().filter { $0.kind != .untracked || !untrackedBefore.contains($0.path) }.map(\.path)
      guard !changed.isEmpty else {
        if result.outcome == .passed, case .run(_, let key) = planned.action { try? cache?.recordPass(key) }  // unrecorded: it runs again next time
        results[position] = result
        continue
      }
      try slot.stageFromWorkTree(changed)
      // A fixer that fixed counts as fixed whatever its exit status: many exit 1 when they
      // changed something, as pre-commit's fixers do.
      let note = changed.count == 1 ? "fixed \(changed[0])" : "fixed \(changed.count) files"
      results[position] = CheckResult(
        name: result.name, outcome: .fixed, durationMs: result.durationMs, exitCode: result.exitCode, note: note, logPath: result.logPath)
    }
    return (results, try slot.indexTree())
  }
}

extension PlannedCheck {
  /// A fixer that will run (in a snapshot, where its fixes can be taken from).
  var isFixer: Bool { definition.fix && needsSnapshot }
}
