/// A number of bytes as `du -h` says it: powers of 1024, one decimal at most, the exact count
/// below a KiB.
public enum ByteSize {
  public static func describe(_ bytes: Int) -> String {
    let units = ["KiB", "MiB", "GiB", "TiB"]
    guard bytes >= 1024 else { return "\(bytes) B" }
    var value = Double(bytes) / 1024
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return "\(value.formatted) \(units[unit])"
  }
}

extension Double {
  /// At most one decimal, no trailing `.0`.
  package var formatted: String {
    let tenths = (self * 10).rounded() / 10
    return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
  }
}
