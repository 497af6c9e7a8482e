import TillitGit

/// Check runs in the ledger's `checks` stream: every check that ran, with the hash of its
/// definition, the hash of its input files (the result cache's key), the tree it ran on when
/// that is a commit's, its outcome, duration and exit code. `.git/tillit/cache/` keeps an index of
/// the passes for the hooks' speed; the ledger is the record that travels with push and fetch.
public struct CheckLedger {
  let repository: Repository

  public init(repository: Repository) { self.repository = repository }

  func record(_ results: [CheckResult], of plan: [PlannedCheck], subject checked: CheckSubject) throws {
    var events: [LedgerEvent] = []
    var identity: LedgerIdentity?
    for (planned, result) in zip(plan, results) {
      guard case .run(_, let inputKey) = planned.action, result.outcome != .interrupted else { continue }
      let who = try identity ?? LedgerIdentity(repository: repository, allowUnknown: true)
      identity = who
      var subject: [(String, JSONValue)] = [("check", .string(planned.definition.name)), ("inputHash", .string(inputKey.hex))]
      if case .tree(let commit) = checked.content {
        subject.append(("commit", .string(commit.hex)))
        subject.append(("tree", .string(try repository.treeID(ofCommit: commit).hex)))
      }
      events.append(who.event(kind: "check.ran", subject: .object(subject), data: .object([
        ("definitionHash", .string(ObjectID.hashing(Array(planned.definition.fingerprint.utf8)).hex)),
        ("outcome", .string(result.outcome.rawValue)), ("durationMs", .integer(result.durationMs)),
        ("exitCode", result.exitCode.map { .integer(Int($0)) } ?? .null),
      ])))
    }
    try LedgerStore(repository: repository).append(events, to: .checks)
  }
}
