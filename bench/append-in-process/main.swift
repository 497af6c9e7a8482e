// Times the ledger's append in one process, without the start of a `tillit` process around it:
// each round opens the repository, resolves HEAD and records one review, as `tillit review`
// does. Prints the median, mean and 90th percentile in milliseconds.
//
//   swift run -c release append-in-process REPOSITORY [ROUNDS]
import TillitCore
import TillitGit

#if canImport(Glibc)
import Glibc
#endif

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  print("usage: append-in-process REPOSITORY [ROUNDS]")
  exit(2)
}
let rounds = arguments.count >= 3 ? Int(arguments[2]) ?? 200 : 200

func now() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
}

var samples: [Double] = []
do {
  for round in 0..<rounds {
    let start = now()
    let repository = try Repository(discoveringFrom: arguments[1])
    let commit = try repository.resolveCommit("HEAD")
    _ = try ReviewLedger(repository: repository).recordFeedback(
      on: commit, verdict: .comment, message: "in-process \(round)", anchor: nil, identity: try LedgerIdentity(repository: repository))
    samples.append(now() - start)
  }
} catch {
  print("append-in-process: \(error)")
  exit(1)
}
samples.sort()
let mean = samples.reduce(0, +) / Double(samples.count)
print("rounds \(samples.count) median_ms \(samples[samples.count / 2]) mean_ms \(mean) p90_ms \(samples[samples.count * 9 / 10])")
