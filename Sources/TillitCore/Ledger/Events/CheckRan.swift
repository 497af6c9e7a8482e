import TillitGit

/// `check.ran`: one check that ran, with the hash of its definition, the hash of its input files
/// (the result cache's key), the commit and tree it ran on when the content was a commit's, its
/// outcome, duration and exit code.
public struct CheckRan: LedgerPayloadKind {
  public static let kind = "check.ran"

  /// The longest a run is taken to have lasted, in milliseconds: a year. A duration read from
  /// another clone is clamped to 0 through this (it is turned into a whole number to be shown).
  static let longestDurationMs = 365 * 24 * 3600 * 1000
  static let exitCodes = Int(Int32.min)...Int(Int32.max)

  public let check: String
  public let inputHash: String
  /// The commit, when the content checked was a commit's; the tree checked (a commit's, or the
  /// index's since `ready`: an older event of an index run has none).
  public let commit: ObjectID?
  public let tree: ObjectID?
  public let definitionHash: String
  public let outcome: CheckOutcome
  public let durationMs: Int
  public let exitCode: Int32?

  public init(
    check: String, inputHash: String, commit: ObjectID?, tree: ObjectID?, definitionHash: String, outcome: CheckOutcome,
    durationMs: Int, exitCode: Int32?
  ) {
    (self.check, self.inputHash, self.commit, self.tree) = (check, inputHash, commit, tree)
    (self.definitionHash, self.outcome, self.durationMs, self.exitCode) = (definitionHash, outcome, durationMs, exitCode)
  }

  public init(reading fields: PayloadFields) throws {
    check = try fields.text(.subject, "check")
    inputHash = try fields.text(.subject, "inputHash")
    commit = try fields.optionalObjectID(.subject, "commit")
    tree = try fields.optionalObjectID(.subject, "tree")
    definitionHash = try fields.text(.data, "definitionHash")
    outcome = try fields.word(.data, "outcome", as: CheckOutcome.self)
    durationMs = Int(try fields.clampedNumber(.data, "durationMs", to: 0...Double(Self.longestDurationMs)))
    // null (or missing): the check was stopped before it exited.
    exitCode = fields.value(.data, "exitCode") == .null ? nil : (try fields.optionalInteger(.data, "exitCode", in: Self.exitCodes)).map(Int32.init)
  }

  public var subject: [(String, JSONValue)] {
    var members: [(String, JSONValue)] = [("check", .string(check)), ("inputHash", .string(inputHash))]
    if let commit { members.append(("commit", .string(commit.hex))) }
    if let tree { members.append(("tree", .string(tree.hex))) }
    return members
  }

  public var data: [(String, JSONValue)] {
    [
      ("definitionHash", .string(definitionHash)), ("outcome", .string(outcome.rawValue)), ("durationMs", .integer(durationMs)),
      ("exitCode", exitCode.map { .integer(Int($0)) } ?? .null),
    ]
  }

  public var payload: LedgerPayload { .checkRan(self) }
}

/// How one check ended: what a `check.ran` event records (the ledger's vocabulary, which the
/// runner in `Checks/` uses).
public enum CheckOutcome: String, Sendable, Codable, CaseIterable {
  case passed, failed, skipped, cached
  /// A fixer that changed files (its fixes are applied).
  case fixed
  case timedOut = "timed out"
  case interrupted
}
