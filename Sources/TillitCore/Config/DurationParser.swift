/// Reads durations such as `90`, `30s`, `5m`, `1h30m`, `1.5m`, `90d` or `12w` as seconds. A
/// duration is finite and at most a century (`1e300`, `inf` in a pulled `.tillit.yml` are
/// refused), so no arithmetic on it can overflow.
enum DurationParser {
  static let longest = 100 * 366 * 86_400.0

  static func seconds(_ text: String) -> Double? {
    guard let seconds = parse(text), seconds.isFinite, seconds <= longest else { return nil }
    return seconds
  }

  private static func parse(_ text: String) -> Double? {
    let trimmed = text.trimmingSpaces
    if let plain = Double(trimmed), plain > 0 { return plain }
    var total = 0.0
    var number = ""
    var sawUnit = false
    for character in trimmed {
      if character.isNumber || character == "." {
        number.append(character)
        continue
      }
      guard let value = Double(number) else { return nil }
      switch character {
      case "s": total += value
      case "m": total += value * 60
      case "h": total += value * 3600
      case "d": total += value * 86_400
      case "w": total += value * 7 * 86_400
      default: return nil
      }
      number = ""
      sawUnit = true
    }
    guard number.isEmpty, sawUnit, total > 0 else { return nil }
    return total
  }
}

extension String {
  var trimmingSpaces: String {
    var slice = Substring(self)
    while slice.first?.isWhitespace == true { slice.removeFirst() }
    while slice.last?.isWhitespace == true { slice.removeLast() }
    return String(slice)
  }
}
