import TillitGit

/// Check runs in the ledger's `checks` stream: every check that ran, with the hash of its
/// definition, the hash of its input files (the result cache's key), the tree it ran on (a
/// commit's, or the index's by id: the commit that follows stores it), its outcome, duration
/// and exit code. `.git/tillit/cache/` keeps an index of
/// the passes for the hooks' speed; the ledger is the record that travels with push and fetch.
public struct CheckLedger {
  let repository: Repository

  public init(repository: Repository) { self.repository = repository }

  func record(_ results: [CheckResult], of plan: [PlannedCheck], subject checked: CheckSubject) throws {
    var events: [LedgerEvent] = []
    var identity: LedgerIdentity?
    var tree: ObjectID?
    for (planned, result) in zip(plan, results) {
      guard case .run(_, let inputKey) = planned.action, result.outcome != .interrupted else { continue }
      let who = try identity ?? LedgerIdentity(repository: repository, allowUnknown: true)
      identity = who
      var commit: ObjectID?
      if case .tree(let content) = checked.content { commit = content }
      // The index's tree too, so `ready` finds the pass on the commit made from it: its id
      // only, which `ready` compares (`git commit` stores the tree after the hook).
      tree = try tree ?? commit.map(repository.treeID(ofCommit:)) ?? checked.treeID()
      events.append(
        who.event(
          CheckRan(
            check: planned.definition.name, inputHash: inputKey.hex, commit: commit, tree: tree,
            definitionHash: ObjectID.hashing(Array(planned.definition.fingerprint.utf8)).hex, outcome: result.outcome,
            durationMs: result.durationMs, exitCode: result.exitCode)))
    }
    try LedgerStore(repository: repository).append(events, to: .checks)
  }
}
