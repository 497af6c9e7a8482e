/// The ledger's streams: each a chain of commits under `refs/tillit/v1/`.
public enum LedgerStream: String, CaseIterable, Sendable {
  case reviews, checks, ownership

  /// This clone's own copy.
  public var localRef: String { "refs/tillit/v1/\(rawValue)" }

  /// The copies fetched from remotes: `refs/tillit/remotes/<remote>/v1/<stream>`.
  public var remoteGlob: String { "refs/tillit/remotes/*/v1/\(rawValue)" }
}
