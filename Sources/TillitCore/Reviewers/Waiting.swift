import TillitSystem

/// How long a request has waited: in words for the inbox, in working days for escalation.
public enum Waiting {
  /// "5 min", "3 h", "1 day", "4 days".
  public static func describe(_ seconds: Int64) -> String {
    switch seconds {
    case ..<3600: return "\(max(0, seconds) / 60) min"
    case ..<86_400: return "\(seconds / 3600) h"
    default:
      let days = seconds / 86_400
      return days == 1 ? "1 day" : "\(days) days"
    }
  }

  /// The working days (Monday to Friday, UTC) from the day of `start` to the day of `end`: the
  /// weekdays after the start's day, up to and including the end's. Asked on a Friday, a request
  /// has waited 1 working day on Monday.
  public static func workingDays(from start: Int64, to end: Int64) -> Int {
    let first = Timestamp.day(of: start).days
    let last = Timestamp.day(of: end).days
    guard last > first else { return 0 }
    // Every whole week has five; the days left over are counted one by one.
    let weeks = (last - first) / 7
    var count = Int(weeks) * 5
    let rest = first + weeks * 7
    if last > rest { for day in (rest + 1)...last where isWeekday(day) { count += 1 } }
    return count
  }

  /// 1970-01-01 was a Thursday: day 0 is weekday 4 (Sunday 0).
  static func isWeekday(_ days: Int64) -> Bool {
    let weekday = ((days % 7) + 7 + 4) % 7
    return weekday != 0 && weekday != 6
  }
}
