/// Calendar quarters in UTC, for an audit's trend.
public enum Quarter {
  /// The start (seconds since 1970) of the quarter holding `time`.
  public static func start(of time: Int64) -> Int64 {
    let (year, month) = yearMonth(time)
    return Timestamp.seconds(ofDate: date(year, ((month - 1) / 3) * 3 + 1))!
  }

  /// The start of the quarter after the one that starts at `start`.
  public static func next(after start: Int64) -> Int64 {
    let (year, month) = yearMonth(start)
    let nextMonth = month + 3
    return Timestamp.seconds(ofDate: nextMonth > 12 ? date(year + 1, nextMonth - 12) : date(year, nextMonth))!
  }

  /// "2025Q3" for a time in that quarter.
  public static func label(_ time: Int64) -> String {
    let (year, month) = yearMonth(time)
    return "\(year)Q\((month - 1) / 3 + 1)"
  }

  private static func yearMonth(_ time: Int64) -> (Int, Int) {
    let text = Timestamp.format(seconds: Int(time))
    let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
    return (parts[0], parts[1])
  }

  private static func date(_ year: Int, _ month: Int) -> String {
    let padded = month < 10 ? "0\(month)" : "\(month)"
    return "\(year)-\(padded)-01"
  }
}
