/// A squarified treemap layout (Bruls, Huizing and van Wijk): rectangles whose areas follow the
/// values and whose sides stay close to square.
struct Treemap {
  struct Rect {
    var x, y, width, height: Double
  }

  /// Lays `values` (all > 0) out in `bounds`; returns one rectangle per value, in input order.
  static func layout(_ values: [Double], in bounds: Rect) -> [Rect] {
    let total = values.reduce(0, +)
    guard total > 0, bounds.width > 0, bounds.height > 0 else { return values.map { _ in Rect(x: bounds.x, y: bounds.y, width: 0, height: 0) } }
    let scale = bounds.width * bounds.height / total
    let order = values.indices.sorted { values[$0] > values[$1] }
    var result = [Rect](repeating: Rect(x: 0, y: 0, width: 0, height: 0), count: values.count)
    var free = bounds
    var row: [Int] = []
    func worst(_ row: [Int], side: Double) -> Double {
      let areas = row.map { values[$0] * scale }
      let sum = areas.reduce(0, +)
      guard sum > 0, let largest = areas.max(), let smallest = areas.min(), smallest > 0 else { return .infinity }
      return max(side * side * largest / (sum * sum), sum * sum / (side * side * smallest))
    }
    func place(_ row: [Int]) {
      let sum = row.map { values[$0] * scale }.reduce(0, +)
      if free.width >= free.height {
        let width = free.height > 0 ? sum / free.height : 0
        var y = free.y
        for index in row {
          let height = width > 0 ? values[index] * scale / width : 0
          result[index] = Rect(x: free.x, y: y, width: width, height: height)
          y += height
        }
        free.x += width
        free.width -= width
      } else {
        let height = free.width > 0 ? sum / free.width : 0
        var x = free.x
        for index in row {
          let width = height > 0 ? values[index] * scale / height : 0
          result[index] = Rect(x: x, y: free.y, width: width, height: height)
          x += width
        }
        free.y += height
        free.height -= height
      }
    }
    for index in order {
      let side = min(free.width, free.height)
      if row.isEmpty || worst(row + [index], side: side) <= worst(row, side: side) {
        row.append(index)
      } else {
        place(row)
        row = [index]
      }
    }
    if !row.isEmpty { place(row) }
    return result
  }
}
