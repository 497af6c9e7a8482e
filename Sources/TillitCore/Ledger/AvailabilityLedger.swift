import TillitGit
import TillitSystem

/// Who is away, as people said with `tillit away` and `tillit back` (`availability.changed`,
/// in the ownership stream, so every clone that syncs knows).
public struct AvailabilityLedger {
  let repository: Repository
  let store: LedgerStore

  public init(repository: Repository) {
    self.repository = repository
    self.store = LedgerStore(repository: repository)
  }

  /// Someone away now: since when, until which day (if they said), and their note.
  public struct Absence: Sendable, Equatable {
    public let person: String
    public let since: String
    public let until: String?
    public let note: String

    /// "away until 2026-03-09: at a conference".
    public var description: String {
      "away" + (until.map { " until \($0)" } ?? "") + (note.isEmpty ? "" : ": \(note)")
    }
  }

  @discardableResult
  public func record(_ status: AvailabilityChanged.Status, until: String?, note: String, identity: LedgerIdentity) throws -> LedgerEvent {
    try store.append(identity.event(AvailabilityChanged(person: identity.person, status: status, until: until, note: note)), to: .ownership)
  }

  /// The people away at `now` (seconds since 1970), by lowercased email through the mailmap:
  /// each person's latest word holds, and an away whose `until` day has come is over. Only a
  /// person's own word counts: an event about someone else than its `by` is ignored.
  public func away(at now: Int64) throws -> [String: Absence] {
    let mailmap = Mailmap.orWarning(repository)
    func key(_ email: String) -> String { (mailmap?.email(for: email) ?? email).lowercased() }
    var latest: [String: (AvailabilityChanged, at: String)] = [:]
    for event in try store.read(.ownership) {
      guard case .availabilityChanged(let change) = event.payload, key(change.person) == key(event.by) else { continue }
      latest[key(change.person)] = (change, event.at)
    }
    var away: [String: Absence] = [:]
    for (person, (change, at)) in latest where change.status == .away {
      if let until = change.until, let back = Timestamp.seconds(ofDate: until), back <= now { continue }
      away[person] = Absence(person: change.person, since: at, until: change.until, note: change.note)
    }
    return away
  }
}
