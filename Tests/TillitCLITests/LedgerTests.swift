import Foundation
import Testing
import TillitCore
import TillitTestSupport

/// The ledger end to end: real repositories, the real binary, real concurrent processes.
@Suite struct LedgerTests {
  func reviewedRepo() throws -> TempRepo {
    let temp = try TempRepo()
    try temp.write("a.txt", "one\ntwo\n")
    try temp.commitAll("first")
    return temp
  }

  func eventCount(_ temp: TempRepo) throws -> Int {
    let log = try temp.tillit(["ledger", "log", "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])
    return (json["events"] as? [Any])?.count ?? -1
  }

  @Test func eightWritersAtOnceLoseNothing() throws {
    let temp = try reviewedRepo()
    let script = """
      for w in 1 2 3 4 5 6 7 8; do
        ( for i in $(seq 1 25); do "$TILLIT" review HEAD --comment -m "writer $w review $i" >/dev/null || exit 1; done ) &
      done
      status=0
      for job in $(jobs -p); do wait $job || status=1; done
      exit $status
      """
    let result = try Command.run(["sh", "-c", script], in: temp.path, environment: ["TILLIT": TillitBinary.path])
    #expect(result.status == 0, "\(result.output)")
    #expect(try eventCount(temp) == 200)
    let verify = try temp.tillit(["ledger", "verify"])
    #expect(verify.status == 0, "\(verify.output)")
  }

  @Test func writersKilledHalfWayLeaveALedgerThatVerifies() throws {
    let temp = try reviewedRepo()
    var reported: [String] = []
    var generator = SystemRandomNumberGenerator()
    for round in 0..<50 {
      let message = "round \(round)"
      let launch = ProcessLaunch(
        argv: [TillitBinary.path, "review", "HEAD", "--comment", "-m", message].map { Array($0.utf8) },
        environment: ProcessInfo.processInfo.environment.map { Array("\($0.key)=\($0.value)".utf8) },
        directory: temp.path, output: .log(path: temp.root + "/round.log", append: false))
      let pid = try ProcessGroupRunner.spawn(launch)
      usleep(UInt32.random(in: 0...25_000, using: &generator))
      kill(pid, SIGKILL)
      if ProcessGroupRunner.wait(pid) == .exited(0) { reported.append(message) }
    }
    let verify = try temp.tillit(["ledger", "verify"])
    #expect(verify.status == 0, "\(verify.output)")
    let log = try temp.tillit(["ledger", "log"]).stdout
    for message in reported { #expect(log.contains("— \(message)\n"), "\(message) was reported but is missing") }
    // The ledger still takes new events.
    #expect(try temp.tillit(["review", "HEAD", "--approve"]).status == 0)
  }

  @Test func feedbackFollowsTheChangeThroughAmendAndRebase() throws {
    let temp = try reviewedRepo()
    try temp.git(["checkout", "-q", "-b", "topic"])
    try temp.write("topic.txt", "the change\n")
    try temp.commitAll("the change")
    #expect(try temp.tillit(["review", "HEAD", "--request-changes", "-m", "please rename"]).status == 0)
    try temp.git(["commit", "-q", "--amend", "-m", "the change, reworded"])
    #expect(try temp.tillit(["show", "HEAD"]).stdout.contains("changes-requested"))
    try temp.git(["checkout", "-q", "main"])
    try temp.write("base.txt", "new base\n")
    try temp.commitAll("new base")
    try temp.git(["checkout", "-q", "topic"])
    try temp.git(["rebase", "-q", "main"])
    let shown = try temp.tillit(["show", "HEAD"])
    #expect(shown.stdout.contains("please rename"), "\(shown.output)")
    let unrelated = try temp.tillit(["show", "main"])
    #expect(!unrelated.stdout.contains("please rename"))
  }

  @Test func aCommentPointsAtALineAndItsText() throws {
    let temp = try reviewedRepo()
    let recorded = try temp.tillit(["review", "HEAD", "--comment", "-m", "why two?", "--file", "a.txt", "--line", "2"])
    #expect(recorded.status == 0, "\(recorded.output)")
    let json = try temp.tillit(["show", "HEAD", "--format", "json"]).stdout
    #expect(json.contains("\"lineText\": \"two\""))
    let outOfRange = try temp.tillit(["review", "HEAD", "--comment", "--file", "a.txt", "--line", "9"])
    #expect(outOfRange.status != 0)
    #expect(outOfRange.stderr.contains("--line must be between 1 and"))
  }

  @Test func hostileFetchedEventsAreSkippedAndNamed() throws {
    let temp = try reviewedRepo()
    #expect(try temp.tillit(["review", "HEAD", "--approve", "-m", "fine"]).status == 0)
    // A fetched copy of the stream, built by hand with git plumbing.
    let good = try temp.git(["cat-file", "-p", "refs/tillit/v1/reviews^{tree}"]).stdout
    #expect(good.contains("events"))
    func blob(_ bytes: Data) throws -> String {
      let path = temp.root + "/blob"
      try bytes.write(to: URL(fileURLWithPath: path))
      return try temp.git(["hash-object", "-w", path]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let malformed = try blob(Data("{not json".utf8))
    let wrongTypes = try blob(Data(#"{"at":1,"by":[],"data":{},"kind":"review.feedback","lamport":"x","nonce":"n","subject":{},"v":1,"writer":"w"}"#.utf8))
    let huge = try blob(Data(repeating: UInt8(ascii: "a"), count: 10 * 1024 * 1024))
    let valid = try blob(Data(#"{"at":"2026-01-01T00:00:00Z","by":"bo@example.com","data":{"message":"from afar","verdict":"comment"},"kind":"review.feedback","lamport":7,"nonce":"n1","subject":{"commit":"0000000000000000000000000000000000000000"},"v":1,"writer":"w2"}"#.utf8))
    func tree(_ lines: [String]) throws -> String {
      try temp.git(["mktree"], input: lines.joined(separator: "\n") + "\n").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    func bucket(_ id: String) -> String { String(id.prefix(2)) }
    var buckets: [String: [String]] = [:]
    for id in [malformed, wrongTypes, huge, valid] { buckets[bucket(id), default: []].append("100644 blob \(id)\t\(id).json") }
    var bucketLines: [String] = []
    for (name, lines) in buckets { bucketLines.append("040000 tree \(try tree(lines))\t\(name)") }
    bucketLines.append("100644 blob \(valid)\tnot-a-bucket")
    let events = try tree(bucketLines)
    let root = try tree(["040000 tree \(events)\tevents", "100644 blob \(valid)\t..%2F..%2Fx"])
    let commit = try temp.git(["commit-tree", root, "-m", "hostile"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    try temp.git(["update-ref", "refs/tillit/remotes/origin/v1/reviews", commit])

    let log = try temp.tillit(["ledger", "log"])
    #expect(log.status == 0)
    #expect(log.stdout.contains("fine"))
    #expect(log.stdout.contains("from afar"))
    #expect(log.stderr.contains("\(malformed).json: skipped: the event is not JSON"))
    #expect(log.stderr.contains("\(wrongTypes).json: skipped"))
    #expect(log.stderr.contains("\(huge).json: skipped: the event is \(10 * 1024 * 1024) bytes"))
    #expect(log.stderr.contains("not-a-bucket"))
    let verify = try temp.tillit(["ledger", "verify"])
    #expect(verify.status == 1)
    #expect(verify.stdout.contains("damaged:"))
  }
}
