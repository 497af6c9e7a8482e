/// The Gini coefficient of a distribution: 0 when everyone carries the same, towards 1 when one
/// person carries everything.
public enum Gini {
  public static func of(_ values: [Int]) -> Double {
    let sorted = values.sorted()
    let total = sorted.reduce(0, +)
    guard sorted.count > 1, total > 0 else { return 0 }
    var weighted = 0.0
    for (index, value) in sorted.enumerated() { weighted += Double(index + 1) * Double(value) }
    let count = Double(sorted.count)
    return (2 * weighted) / (count * Double(total)) - (count + 1) / count
  }
}
