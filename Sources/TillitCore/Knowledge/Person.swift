/// One person as the knowledge model counts them: every name and email they used folded into
/// one, through `.mailmap` and the configured aliases.
public struct Person: Hashable, Sendable {
  /// Canonical email, lowercased: the key a person is known by.
  public var email: String
  /// The name last seen for this person.
  public var name: String
  /// Seconds since 1970 of their last commit or review; 0 when never seen.
  public var lastActive: Int64 = 0

  public init(email: String, name: String, lastActive: Int64 = 0) {
    self.email = email
    self.name = name
    self.lastActive = lastActive
  }
}
