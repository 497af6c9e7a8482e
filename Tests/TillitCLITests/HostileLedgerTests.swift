import Foundation
import Testing
import TillitTestSupport

/// Ledgers written by someone else — a remote, an older Tillit, an attacker — brought in by a
/// plain `git fetch` or a `tillit ledger sync`: nothing in them stops a commit, a read or a sync.
@Suite struct HostileLedgerTests {
  /// A bare remote whose reviews stream holds one review by `left`, and two clones of it.
  func sharedLedger() throws -> (remote: TempRepo, forge: LedgerForge, left: String, right: String) {
    let (remote, left, right) = try LedgerSharingTests().clones()
    #expect(try remote.tillit(["review", "HEAD", "--approve", "-m", "from left"], in: left).status == 0)
    #expect(try remote.tillit(["ledger", "sync"], in: left).status == 0)
    return (remote, LedgerForge(remote), left, right)
  }

  /// `right` with a check that runs at every commit, Tillit's hooks, and the fetch refspec.
  func install(_ remote: TempRepo, in path: String) throws {
    try "checks:\n  - name: ok\n    run: [\"true\"]\n".write(toFile: path + "/.tillit.yml", atomically: true, encoding: .utf8)
    try remote.git(["add", ".tillit.yml"], in: path)
    try remote.git(["commit", "-q", "--no-verify", "-m", "config"], in: path)
    let installed = try remote.tillit(["install"], in: path)
    #expect(installed.status == 0, "\(installed.output)")
  }

  func logJSON(_ remote: TempRepo, in path: String) throws -> (events: [[String: Any]], warnings: [String]) {
    let log = try remote.tillit(["ledger", "log", "--format", "json"], in: path)
    #expect(log.status == 0, "\(log.output)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])
    return ((json["events"] as? [[String: Any]]) ?? [], (json["warnings"] as? [String]) ?? [])
  }

  /// Before: the append added one to the claimed clock and trapped (`git commit`: "pre-commit
  /// died of signal 4"), or took a negative claim and wrote events no read accepts.
  @Test(arguments: ["9223372036854775807", "9007199254740991", "18446744073709551616", "-5"])
  func aFetchedClockClaimStopsNoCommitAndNoRecord(claim: String) throws {
    let (remote, forge, _, right) = try sharedLedger()
    let tip = try forge.git(["rev-parse", "refs/tillit/v1/reviews"])
    let tree = try forge.git(["rev-parse", "\(tip)^{tree}"])
    let message = "tillit: record review.feedback\n\nlamport: \(claim)\n"
    try forge.point("refs/tillit/v1/reviews", at: try forge.commit(tree: tree, parents: [tip], message: message))
    for stream in ["checks", "ownership"] { try forge.point("refs/tillit/v1/\(stream)", at: try forge.commit(tree: tree, message: message)) }
    try install(remote, in: right)
    try remote.git(["fetch", "-q", "origin"], in: right)

    try "changed\n".write(toFile: right + "/b.txt", atomically: true, encoding: .utf8)
    try remote.git(["add", "b.txt"], in: right)
    let commit = try remote.git(["commit", "-q", "-m", "change"], in: right, allowFailure: true)
    #expect(commit.status == 0, "\(commit.output)")
    for arguments in [
      ["review", "HEAD", "--comment", "-m", "after the claim"], ["request", "HEAD", "--to", "bo@example.com", "--new-person"],
      ["check", "--all"], ["own", "src/**", "--by", "right@example.com"],
    ] {
      let result = try remote.tillit(arguments, in: right)
      #expect(result.status == 0, "\(arguments): \(result.status) \(result.output)")
    }
    let (events, warnings) = try logJSON(remote, in: right)
    #expect(warnings.isEmpty, "\(warnings)")
    #expect(events.contains { ($0["data"] as? [String: Any])?["message"] as? String == "after the claim" })
    for event in events {
      let lamport = try #require(event["lamport"] as? Int)
      #expect((0...9_007_199_254_740_991).contains(lamport), "\(event)")
    }
  }

  enum NotALedger: String, CaseIterable {
    case blob, tree, tag, commitWithoutEvents, commitWhoseEventsIsAFile
  }

  func make(_ shape: NotALedger, with forge: LedgerForge) throws -> String {
    let note = try forge.blob("not a ledger\n")
    switch shape {
    case .blob: return note
    case .tree: return try forge.tree([.file("events", note)])
    case .tag:
      return try forge.git(
        ["mktag"],
        input: "object \(try forge.git(["rev-parse", "refs/tillit/v1/reviews"]))\ntype commit\ntag t\ntagger T <t@example.com> 0 +0000\n\nnot a commit\n")
    case .commitWithoutEvents: return try forge.commit(tree: try forge.tree([.file("README", note)]), message: "tillit: record\n\nlamport: 1\n")
    case .commitWhoseEventsIsAFile: return try forge.commit(tree: try forge.tree([.file("events", note)]), message: "tillit: record\n\nlamport: 1\n")
    }
  }

  /// Before: every read stopped with "the requested type does not match" (exit 2), and a sync
  /// copied the blob into the clone's own ownership stream, which then stayed broken.
  @Test(arguments: NotALedger.allCases)
  func aFetchedStreamThatIsNotALedgerIsSkippedAndNeverMerged(shape: NotALedger) throws {
    let (remote, forge, _, right) = try sharedLedger()
    try forge.point("refs/tillit/v1/ownership", at: try make(shape, with: forge))
    try install(remote, in: right)
    try remote.git(["fetch", "-q", "origin"], in: right)
    let ref = "refs/tillit/remotes/origin/v1/ownership"
    for arguments in [["ledger", "log"], ["show", "HEAD"], ["own"], ["audit"], ["inbox"]] {
      let result = try remote.tillit(arguments, in: right)
      #expect(result.status == 0, "\(arguments): \(result.output)")
      // The audit and the inbox do not read the ownership stream.
      if !["audit", "inbox"].contains(arguments[0]) {
        #expect(result.stderr.contains("warning: \(ref): skipped:"), "\(arguments): \(result.output)")
      }
    }
    let sync = try remote.tillit(["ledger", "sync"], in: right)
    #expect(sync.status == 0, "\(sync.output)")
    #expect(sync.stderr.contains("\(ref): skipped:"), "\(sync.output)")
    #expect(try remote.git(["rev-parse", "-q", "--verify", "refs/tillit/v1/ownership"], in: right, allowFailure: true).status != 0)
    #expect(try logJSON(remote, in: right).events.count == 1, "left's review came through")
    #expect(try remote.tillit(["own", "src/**", "--by", "right@example.com"], in: right).status == 0)
    let verify = try remote.tillit(["ledger", "verify"], in: right)
    #expect(verify.status == 1, "\(verify.output)")
    #expect(verify.stdout.contains("damaged: \(ref):"), "\(verify.output)")
  }

  /// A stream on the remote that is not a ledger cannot be pushed to without force: the sync
  /// says so, and still merges and pushes the other streams.
  @Test func aRemoteStreamThatIsNotALedgerDoesNotStopTheSync() throws {
    let (remote, forge, left, right) = try sharedLedger()
    let note = try forge.blob("not a ledger\n")
    try forge.point("refs/tillit/v1/reviews", at: note)
    #expect(try remote.tillit(["review", "HEAD", "--comment", "-m", "from right"], in: right).status == 0)
    #expect(try remote.tillit(["own", "src/**", "--by", "right@example.com"], in: right).status == 0)
    let ours = try remote.git(["rev-parse", "refs/tillit/v1/reviews"], in: right).stdout
    for _ in 0..<2 {
      let sync = try remote.tillit(["ledger", "sync"], in: right)
      #expect(sync.status == 0, "\(sync.output)")
      #expect(sync.stderr.contains("refs/tillit/remotes/origin/v1/reviews: skipped:"), "\(sync.output)")
      #expect(sync.stderr.contains("not pushed"), "\(sync.output)")
    }
    #expect(try remote.git(["rev-parse", "refs/tillit/v1/reviews"], in: right).stdout == ours)
    #expect(try forge.git(["rev-parse", "refs/tillit/v1/reviews"]) == note)
    #expect(try remote.tillit(["ledger", "sync"], in: left).status == 0)
    #expect(try remote.tillit(["own"], in: left).stdout.contains("right@example.com"), "the ownership stream was pushed")
  }

  /// Before: the remote's entries were copied by name, unread, into the clone's stream and
  /// pushed on; one named `../../../../etc/x.json` made every sync fail.
  @Test func aSyncMergesOnlyEventsThatPassTheReadsChecks() throws {
    let (remote, forge, left, right) = try sharedLedger()
    let leftTip = try forge.git(["rev-parse", "refs/tillit/v1/reviews"])
    let leftEvents = try forge.git(["ls-tree", "-r", "--name-only", leftTip]).split(separator: "\n").map(String.init)
    let contents = [
      LedgerForge.event(nonce: "valid"), "{not json",
      #"{"at":1,"by":[],"data":{},"kind":"review.feedback","lamport":"x","nonce":"n","subject":{},"v":1,"writer":"w"}"#,
      LedgerForge.event(nonce: "misnamed"), LedgerForge.event(nonce: "climbing"), LedgerForge.event(nonce: "odd folder"),
      LedgerForge.event(nonce: "huge clock", lamport: "1e400"),
    ]
    let ids = try forge.blobs(contents.map { Array($0.utf8) })
    let (valid, notJSON, wrongTypes, misnamed, climbing, oddFolder, hugeClock) = (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6])
    let misnamedName = String(misnamed.prefix(2)) + String(repeating: "0", count: 38) + ".json"
    var buckets: [String: [LedgerForge.Entry]] = [:]
    for id in [valid, notJSON, wrongTypes, hugeClock] { buckets[String(id.prefix(2)), default: []].append(.file("\(id).json", id)) }
    buckets[String(misnamed.prefix(2)), default: []].append(.file(misnamedName, misnamed))
    buckets[String(climbing.prefix(2)), default: []].append(.file("../../../../etc/x.json", climbing))
    for path in leftEvents {
      let id = String(path.split(separator: "/").last?.prefix(40) ?? "")
      buckets[String(id.prefix(2)), default: []].append(.file("\(id).json", id))
    }
    let bucketNames = buckets.keys.sorted()
    let bucketTrees = try forge.trees(bucketNames.map { buckets[$0, default: []].sorted { $0.name.lexicographicallyPrecedes($1.name) } })
    let oddTree = try forge.tree([.file("\(oddFolder).json", oddFolder)])
    var eventsEntries = zip(bucketNames, bucketTrees).map { LedgerForge.Entry.folder($0, $1) }
    eventsEntries += [.file("../../../../etc/x.json", climbing), .folder("zz", oddTree)]
    let eventsTree = try forge.tree(eventsEntries)
    let root = try forge.tree([.folder("events", eventsTree), .file("..%2F..%2Fx", valid)])
    try forge.point("refs/tillit/v1/reviews", at: try forge.commit(tree: root, parents: [leftTip], message: "tillit: record\n\nlamport: 3\n"))

    #expect(try remote.tillit(["review", "HEAD", "--comment", "-m", "from right"], in: right).status == 0)
    let rightEvents = try remote.git(["ls-tree", "-r", "--name-only", "refs/tillit/v1/reviews"], in: right).stdout.split(separator: "\n").map(String.init)
    let expected = (leftEvents + rightEvents + ["events/\(valid.prefix(2))/\(valid).json"]).sorted()
    let sync = try remote.tillit(["ledger", "sync"], in: right)
    for _ in 0..<2 {
      #expect(try remote.tillit(["ledger", "sync"], in: right).status == 0)
      let merged = try remote.git(["ls-tree", "-r", "--name-only", "refs/tillit/v1/reviews"], in: right).stdout.split(separator: "\n").map(String.init)
      #expect(merged == expected)
    }
    #expect(sync.status == 0, "\(sync.output)")
    for skipped in [
      "\(notJSON).json: skipped: the event is not JSON", "\(wrongTypes).json: skipped", "\(hugeClock).json: skipped",
      misnamedName, "etc/x.json", "events/zz",
    ] {
      #expect(sync.stderr.contains(skipped), "\(skipped) in \(sync.output)")
    }
    // What was pushed on holds only the sound events: another clone reads it without a warning.
    #expect(try remote.tillit(["ledger", "sync"], in: left).status == 0)
    let leftMerged = try remote.git(["ls-tree", "-r", "--name-only", "refs/tillit/v1/reviews"], in: left).stdout.split(separator: "\n").map(String.init)
    #expect(leftMerged == expected)
    let (events, warnings) = try logJSON(remote, in: left)
    #expect(warnings.isEmpty, "\(warnings)")
    #expect(events.count == expected.count)
  }

  /// Before: a fetched check run lasting 1e300 ms made `tillit audit` trap turning it into a
  /// whole number of milliseconds.
  @Test func aFetchedCheckRunOfAnyDurationLeavesTheAuditStanding() throws {
    let temp = try TempRepo()
    try temp.write("a.txt", "one\n")
    try temp.commitAll("first")
    let forge = LedgerForge(temp)
    let now = ISO8601DateFormatter().string(from: Date())
    let runs = ["1e300", "-1e300", "1e308"].enumerated().map { index, duration in
      #"{"at":"\#(now)","by":"far@example.com","data":{"definitionHash":"d","durationMs":\#(duration),"exitCode":0,"outcome":"passed"},"kind":"check.ran","lamport":\#(index + 1),"nonce":"n\#(index)","subject":{"check":"slow","inputHash":"h"},"v":1,"writer":"w"}"#
    }
    let ids = try forge.blobs(runs.map { Array($0.utf8) })
    try forge.point("refs/tillit/remotes/origin/v1/checks", at: try forge.commit(tree: try forge.streamTree(ids), message: "tillit: record\n\nlamport: 3\n"))
    for format in ["table", "json", "html"] {
      let audit = try temp.tillit(["audit", "--format", format])
      #expect(audit.status == 0, "\(format): \(audit.output)")
      #expect(audit.stdout.contains("slow"), "\(format): \(audit.output)")
    }
  }

  /// Before: a gc stamp (`.git/tillit/ledger/gc.after`) holding a huge count made every append
  /// trap multiplying it.
  @Test func aDamagedGcStampStopsNoAppend() throws {
    let temp = try TempRepo()
    try temp.write("a.txt", "one\n")
    try temp.commitAll("first")
    try temp.git(["config", "gc.auto", "1"])
    // Loose objects in every folder, the sampled one among them.
    let folder = temp.root + "/loose"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let paths = (0..<2_000).map { "\(folder)/\($0)" }
    for (number, path) in paths.enumerated() { try Data("loose \(number)\n".utf8).write(to: URL(fileURLWithPath: path)) }
    try temp.git(["hash-object", "-w", "--stdin-paths"], input: paths.joined(separator: "\n") + "\n")
    try FileManager.default.createDirectory(atPath: temp.path + "/.git/tillit/ledger", withIntermediateDirectories: true)
    try "36028797018963968\n".write(toFile: temp.path + "/.git/tillit/ledger/gc.after", atomically: true, encoding: .utf8)
    let review = try temp.tillit(["review", "HEAD", "--approve"])
    #expect(review.status == 0, "\(review.output)")
  }

  /// Before: a commit dated in the year 2,147,485,547 made `import-trailers` trap writing the date.
  @Test func aCommitFromTheFarFutureIsImportedWithoutATrap() throws {
    let temp = try TempRepo()
    try temp.write("a.txt", "one\n")
    try temp.commitAll("first")
    let head = try temp.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let tree = try temp.git(["rev-parse", "HEAD^{tree}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let forge = LedgerForge(temp)
    let far = "Ada Tester <ada@example.com> 67768036191676799 +0000"
    let raw = "tree \(tree)\nparent \(head)\nauthor \(far)\ncommitter \(far)\n\nfar away\n\nReviewed-by: Bo <bo@example.com>\n"
    let commit = try forge.git(["hash-object", "-w", "--literally", "-t", "commit", "--stdin"], input: raw)
    try temp.git(["update-ref", "refs/heads/main", commit])
    let imported = try temp.tillit(["ledger", "import-trailers"])
    #expect(imported.status == 0, "\(imported.output)")
    #expect(imported.stdout.contains("recorded 1 new event"), "\(imported.output)")
    #expect(try temp.tillit(["ledger", "log"]).status == 0)
  }
}
