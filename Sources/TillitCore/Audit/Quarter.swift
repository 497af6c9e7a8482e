import TillitSystem

/// Calendar quarters in UTC, for an audit's trend. Times are clamped to `Timestamp.supported`;
/// the quarter after 9999Q4 starts on 10000-01-01, past every supported time.
public enum Quarter {
  /// The start (seconds since 1970) of the quarter holding `time`.
  public static func start(of time: Int64) -> Int64 {
    let day = Timestamp.day(of: time)
    return CivilDate(year: day.year, month: firstMonth(of: day), day: 1).days * 86_400
  }

  /// The start of the quarter after the one holding `start`.
  public static func next(after start: Int64) -> Int64 {
    let day = Timestamp.day(of: start)
    let month = firstMonth(of: day) + 3
    let next = month > 12 ? CivilDate(year: day.year + 1, month: month - 12, day: 1) : CivilDate(year: day.year, month: month, day: 1)
    return next.days * 86_400
  }

  /// "2025Q3" for a time in that quarter.
  public static func label(_ time: Int64) -> String {
    let day = Timestamp.day(of: time)
    return "\(day.year)Q\((day.month - 1) / 3 + 1)"
  }

  private static func firstMonth(of day: CivilDate) -> Int64 { (day.month - 1) / 3 * 3 + 1 }
}
