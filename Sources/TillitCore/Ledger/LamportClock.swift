/// The ledger's lamport clocks: whole numbers from 0 to `maximum`. Clocks are read from commit
/// messages and events that anyone may have written, a fetched remote among them, so each is
/// clamped into that range as it is read, and counting on from `maximum` stays there: no claimed
/// clock can make an append trap, or make it write a clock that no read accepts.
enum LamportClock {
  /// The largest whole number that a JSON reader keeping numbers as doubles holds exactly.
  static let maximum = 9_007_199_254_740_991

  static func clamped(_ clock: Int) -> Int { min(max(clock, 0), maximum) }

  /// `clock` moved on by `steps`, stopping at `maximum`.
  static func advanced(_ clock: Int, by steps: Int) -> Int {
    let (sum, overflow) = clamped(clock).addingReportingOverflow(max(steps, 0))
    return overflow ? maximum : clamped(sum)
  }

  /// The clock a stream commit's message records on its `lamport: N` line (0 when it has none):
  /// a number too large for any clock counts as `maximum`, a negative one as 0.
  static func recorded(inMessage message: String) -> Int {
    for line in message.split(separator: "\n") where line.hasPrefix("lamport: ") {
      let digits = line.dropFirst("lamport: ".count)
      if let clock = Int(digits) { return clamped(clock) }
      return !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) ? maximum : 0
    }
    return 0
  }
}
