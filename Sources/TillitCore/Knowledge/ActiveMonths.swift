/// In which of the last 32 months (of 30 days) a person committed or reviewed. How steadily
/// someone works predicts whether they will still be around in a year better than how much they
/// did lately: a learner should be someone who stays.
public struct ActiveMonths: Hashable, Sendable {
  static let month: Int64 = 30 * 86_400
  static let tracked: Int64 = 32

  /// Bit i: active in month `latest - i`.
  var mask: UInt32 = 0
  /// The latest month with activity, counted from 1970.
  var latest: Int64 = 0

  public init() {}

  init(mask: UInt32, latest: Int64) {
    self.mask = mask
    self.latest = latest
  }

  static func monthIndex(_ time: Int64) -> Int64 { max(0, time) / month }

  mutating func add(at time: Int64) {
    let month = Self.monthIndex(time)
    if mask == 0 {
      mask = 1
      latest = month
    } else if month > latest {
      let shift = month - latest
      mask = shift >= Self.tracked ? 1 : (mask << UInt32(shift)) | 1
      latest = month
    } else if latest - month < Self.tracked {
      mask |= 1 << UInt32(latest - month)
    }
  }

  /// How many of the `window` months up to `time` (at most 32) had activity.
  public func count(in window: Int, at time: Int64) -> Int {
    guard mask != 0 else { return 0 }
    let since = max(0, Self.monthIndex(time) - latest)
    let bits = Int64(min(window, Int(Self.tracked))) - since
    guard bits > 0 else { return 0 }
    let kept = bits >= Self.tracked ? mask : mask & ((1 << UInt32(bits)) - 1)
    return kept.nonzeroBitCount
  }
}
