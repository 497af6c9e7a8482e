/// The truck factor of Avelino et al. (ICPC 2016): how many people would have to leave before
/// fewer than half of the files have an author left.
public enum TruckFactor {
  public struct Result: Sendable, Equatable {
    public let factor: Int
    /// The people removed, in the order removed (most files authored first).
    public let people: [Int32]
  }

  /// `authors[i]` are the people who author file i (possibly nobody). People are removed
  /// greedily, the one authoring the most files first (ties: the lower index), until fewer than
  /// 50% of the files have an author left.
  public static func compute(authors: [[Int32]]) -> Result {
    guard !authors.isEmpty else { return Result(factor: 0, people: []) }
    var filesOf: [Int32: Int] = [:]
    for fileAuthors in authors { for person in fileAuthors { filesOf[person, default: 0] += 1 } }
    let order = filesOf.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    var remaining = authors.map(\.count)
    var covered = remaining.filter { $0 > 0 }.count
    var filesByPerson: [Int32: [Int]] = [:]
    for (file, fileAuthors) in authors.enumerated() { for person in fileAuthors { filesByPerson[person, default: []].append(file) } }
    var removed: [Int32] = []
    for person in order {
      guard covered * 2 >= authors.count else { break }
      removed.append(person)
      for file in filesByPerson[person] ?? [] {
        remaining[file] -= 1
        if remaining[file] == 0 { covered -= 1 }
      }
    }
    return Result(factor: removed.count, people: removed)
  }
}
