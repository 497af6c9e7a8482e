import TillitSystem

/// How `auto` and `spread` spread knowledge: which changes get a learner, and who is a good one.
/// Every weight of it is here, in one value `tillit backtest --policy` can vary.
///
/// The standard values were chosen on six histories of different shapes (see the README's
/// backtest table): a learner for every change touching a file that five or fewer active
/// people know, not only the files at risk, so a second and third person learn a file before
/// its last knower leaves; and a learner who works steadily (who will still be around) and
/// has reviewed little lately — each recent review (a count halving every 60 days) halves a
/// candidate's score again — so the load gets flatter, not steeper.
public struct SpreadPolicy: Hashable, Sendable {
  /// A file deserves a learner when at most this many active people know it (1: only the
  /// files at risk).
  public var knowers = 5
  /// Whether a new file (no history yet, known only by its author) deserves a learner.
  public var newFiles = true
  /// How much a learner's steadiness — the share of the last twelve months they committed or
  /// reviewed in — counts: an exponent, 0 for not at all.
  public var steadiness = 2.0
  /// How much a learner's reviewing anywhere counts, as a share of the busiest candidate's:
  /// positive favours busy reviewers, who stay active but get busier.
  public var activity = 0.0
  /// Recent reviews (a count that halves every 60 days) that halve a learner's score; 0 for
  /// no such discount.
  public var reviewsHalving = 1.0

  public init() {}

  /// The keys `--policy` takes, with what each does and its standard value.
  public static let keys: [(name: String, meaning: String, standard: String)] = {
    let standard = SpreadPolicy()
    return [
      ("knowers", "a file deserves a learner when at most this many active people know it", "\(standard.knowers)"),
      ("new-files", "1: a new file, which only its author knows, deserves a learner; 0: it does not", standard.newFiles ? "1" : "0"),
      ("steadiness", "how much a learner's share of active months in the last year counts (an exponent)", "\(standard.steadiness)"),
      ("activity", "how much a learner's reviewing anywhere counts", "\(standard.activity)"),
      ("reviews-halving", "recent reviews that halve a learner's score (0: none)", "\(standard.reviewsHalving)"),
    ]
  }()

  /// Reads `key=value,key=value` over the standard policy.
  public init(parsing text: String) throws {
    self.init()
    for item in text.split(separator: ",") where !item.isEmpty {
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 2, let value = Double(parts[1]), value.isFinite else { throw Self.unknown(item) }
      switch parts[0] {
      case "knowers": knowers = Int(max(0, min(value, 100)))
      case "new-files": newFiles = value != 0
      // Bounded, so no score becomes infinite or NaN (0 × ∞) and the ranking stays an order.
      case "steadiness": steadiness = min(max(value, 0), 10)
      case "activity": activity = min(max(value, -10), 10)
      case "reviews-halving": reviewsHalving = min(max(value, 0), 1_000_000)
      default: throw Self.unknown(item)
      }
    }
  }

  private static func unknown(_ item: Substring) -> TillitError {
    .usage("--policy: '\(item)' is not KEY=NUMBER", hint: "keys: \(keys.map(\.name).joined(separator: ", "))")
  }
}
