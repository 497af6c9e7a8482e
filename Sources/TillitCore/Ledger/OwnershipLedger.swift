import TillitGit

/// Who owns which paths, as claimed and released in the ledger's ownership stream.
public struct OwnershipLedger {
  let repository: Repository
  let store: LedgerStore

  public init(repository: Repository) {
    self.repository = repository
    self.store = LedgerStore(repository: repository)
  }

  /// One pattern and the people who own it now, as written (emails, names, `@handles`), with
  /// who recorded the claim and when.
  public struct Claim: Sendable, Equatable {
    public let pattern: String
    public let people: [String]
    public let note: String
    /// The email of whoever recorded the claim, and when (`YYYY-MM-DDTHH:MM:SSZ`).
    public let by: String
    public let at: String

    public init(pattern: String, people: [String], note: String, by: String = "", at: String = "") {
      self.pattern = pattern
      self.people = people
      self.note = note
      self.by = by
      self.at = at
    }

    /// The CODEOWNERS file the claim was imported from (`tillit own --import-codeowners`), or
    /// nil for a claim made by hand.
    public var importedFrom: String? {
      guard note.hasPrefix(OwnershipLedger.importPrefix) else { return nil }
      let file = String(note.dropFirst(OwnershipLedger.importPrefix.count))
      return file == "CODEOWNERS" || file.hasSuffix("/CODEOWNERS") ? file : nil
    }
  }

  /// Where `tillit own --import-codeowners` looks for the file, in this order.
  public static let codeownersFiles = ["CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS"]

  /// The note of a claim imported from a CODEOWNERS file.
  public static func importNote(_ file: String) -> String { importPrefix + file }

  static let importPrefix = "from "

  @discardableResult
  public func claim(_ pattern: String, by people: [String], note: String, identity: LedgerIdentity) throws -> LedgerEvent {
    try store.append(identity.event(OwnershipClaimed(pattern: pattern, people: people, note: note)), to: .ownership)
  }

  @discardableResult
  public func release(_ pattern: String, identity: LedgerIdentity) throws -> LedgerEvent {
    try store.append(identity.event(OwnershipReleased(pattern: pattern)), to: .ownership)
  }

  /// The claims in force: every claim folded in ledger order, a release removing its pattern.
  public func current() throws -> [Claim] {
    let events = try store.read(.ownership)
    var claims: [String: Claim] = [:]
    var order: [String] = []
    for event in events {
      switch event.payload {
      case .ownershipClaimed(let claim):
        if claims[claim.pattern] == nil { order.append(claim.pattern) }
        claims[claim.pattern] = Claim(pattern: claim.pattern, people: claim.people, note: claim.note, by: event.by, at: event.at)
      case .ownershipReleased(let release):
        claims[release.pattern] = nil
      default:
        continue
      }
    }
    return order.compactMap { claims[$0] }
  }

  /// The rules of a CODEOWNERS file: each line a pattern and its owners; comments and blank
  /// lines are skipped.
  public static func codeownersRules(_ text: String) -> [(pattern: String, owners: [String])] {
    text.split(separator: "\n").compactMap { line in
      let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      guard words.count >= 2 else { return nil }
      return (words[0], Array(words.dropFirst()))
    }
  }
}
