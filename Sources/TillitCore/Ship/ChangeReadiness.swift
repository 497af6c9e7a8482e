import TillitGit

/// What `ShipReadiness` found for one commit: each applying check's state on its tree, each
/// approval with the approver's knowledge of the changed files, and what is missing to ship it.
public struct ChangeReadiness: Sendable {
  public struct CheckState: Sendable, Equatable {
    public let name: String
    /// passed, failed, timed out... (the latest run on this tree), or "not run".
    public let outcome: String
  }

  public struct Approval: Sendable {
    public let email: String
    /// The version approved (1 for the first).
    public let version: Int
    /// How many of the changed files (or, for a new file, its folder) the approver changed or
    /// reviewed in the history, of how many.
    public let knownFiles: Int
    public let files: Int
    /// Whether the approval is of this version (the same commit, or the same patch).
    public let current: Bool
    public let owner: Bool
    /// nil: nothing can verify signatures here.
    public let verified: Bool?
    /// Whether it counts toward the required approvals.
    public let counts: Bool

    public var knowledge: String { "knows \(knownFiles) of \(files) file\(files == 1 ? "" : "s")" }
  }

  public let commit: ObjectID
  /// The change's first version known to the ledger (the commit itself when it knows none).
  public let change: ObjectID
  public let version: Int
  public let title: String
  public let checks: [CheckState]
  public let approvals: [Approval]
  /// What keeps it from being ready, one sentence each.
  public let missing: [String]

  public var ready: Bool { missing.isEmpty }
}
