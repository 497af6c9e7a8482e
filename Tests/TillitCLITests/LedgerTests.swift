import Foundation
import Testing
import TillitCore
import TillitTestSupport
import TillitSystem

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

  @Test(.tags(.slow)) func eightWritersAtOnceLoseNothing() throws {
    let temp = try reviewedRepo()
    // Eight processes at once, each recording 25 reviews one after another.
    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: 8) { writer in
      for review in 1...25 {
        let result = try? Command.run([TillitBinary.path, "review", "HEAD", "--comment", "-m", "writer \(writer) review \(review)"], in: temp.path)
        if result?.status != 0 { failures.add("writer \(writer) review \(review): \(result?.output ?? "did not run")") }
      }
    }
    #expect(failures.all.isEmpty, "\(failures.all)")
    #expect(try eventCount(temp) == 200)
    let verify = try temp.tillit(["ledger", "verify"])
    #expect(verify.status == 0, "\(verify.output)")
  }

  /// Past 1,024 loose objects (estimated from one folder, as git does) an append starts
  /// `git gc --auto` in the background, which packs them, without leaving a `gc.log` that would
  /// stop git's own gc; `gc.auto: 0` turns that off.
  @Test(.tags(.slow), arguments: [true, false]) func looseObjectsArePackedInTheBackground(enabled: Bool) throws {
    let temp = try reviewedRepo()
    if !enabled { try temp.git(["config", "gc.auto", "0"]) }
    // 3,000 reachable loose objects: files committed by git (below git's own 6,700).
    let folder = temp.path + "/many"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for number in 0..<3_000 { try Data("loose \(number)\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/\(number).txt")) }
    try temp.commitAll("many files")
    #expect(try looseObjects(temp) > 3_000)
    #expect(try temp.tillit(["review", "HEAD", "--comment", "-m", "one more"]).status == 0)
    if enabled {
      #expect(waitForGc(temp), "the background gc finished")
      #expect(try looseObjects(temp) < 100, "git gc --auto packed the loose objects")
    } else {
      // A gc is started before the append returns, holding gc.lock until it has written gc.after.
      let state = temp.path + "/.git/tillit/ledger/"
      #expect(!FileManager.default.fileExists(atPath: state + "gc.lock") && !FileManager.default.fileExists(atPath: state + "gc.after"), "no gc started")
      #expect(try looseObjects(temp) > 3_000)
    }
    #expect(!FileManager.default.fileExists(atPath: temp.path + "/.git/gc.log"))
    #expect(try eventCount(temp) == 1)
  }

  /// Every append stores its objects as one small pack; past 16 of them, an append starts
  /// `git repack --geometric=2` in the background, which rolls them up into one, so the packs
  /// stay few however many appends there are. `gc.auto: 0` turns that off. Nothing is lost.
  @Test(.tags(.slow), arguments: [true, false]) func smallPacksAreRolledUpInTheBackground(enabled: Bool) throws {
    let temp = try reviewedRepo()
    if !enabled { try temp.git(["config", "gc.auto", "0"]) }
    for review in 1...20 { #expect(try temp.tillit(["review", "HEAD", "--comment", "-m", "review \(review)"]).status == 0) }
    let state = temp.path + "/.git/tillit/ledger/"
    let packs = try CheckRecordTests.objectFiles(temp).packs
    if enabled {
      let finished = waitUntil(timeout: 30) {
        FileManager.default.fileExists(atPath: state + "fold.after") && !FileManager.default.fileExists(atPath: state + "gc.lock")
      }
      #expect(finished, "the background roll-up finished")
      let rolled = try CheckRecordTests.objectFiles(temp).packs
      #expect(rolled <= 5, "17 packs rolled up into one, then one per append: \(rolled)")
    } else {
      #expect(!FileManager.default.fileExists(atPath: state + "fold.after"), "no roll-up started")
      #expect(packs == 20)
    }
    #expect(try temp.git(["fsck", "--strict", "--no-dangling"]).status == 0)
    #expect(try eventCount(temp) == 20)
  }

  /// Loose objects a gc cannot pack (unreachable ones) do not start a gc at every append.
  @Test(.tags(.slow)) func aGcThatCannotHelpIsNotStartedAgainAtOnce() throws {
    let temp = try reviewedRepo()
    let folder = temp.root + "/loose"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let paths = (0..<3_000).map { "\(folder)/\($0)" }
    for (number, path) in paths.enumerated() { try Data("unreachable \(number)\n".utf8).write(to: URL(fileURLWithPath: path)) }
    try temp.git(["hash-object", "-w", "--stdin-paths"], input: paths.joined(separator: "\n") + "\n")
    #expect(try temp.tillit(["review", "HEAD", "--comment", "-m", "first"]).status == 0)
    #expect(waitForGc(temp))
    let stamp = temp.path + "/.git/tillit/ledger/gc.after"
    let first = try FileManager.default.attributesOfItem(atPath: stamp)[.modificationDate] as? Date
    #expect(try looseObjects(temp) >= 3_000, "unreachable objects stay loose")
    #expect(try temp.tillit(["review", "HEAD", "--comment", "-m", "second"]).status == 0)
    // A gc is started before the append returns, and holds gc.lock while it runs.
    #expect(!FileManager.default.fileExists(atPath: temp.path + "/.git/tillit/ledger/gc.lock"), "no second gc")
    #expect(try FileManager.default.attributesOfItem(atPath: stamp)[.modificationDate] as? Date == first)
    #expect(try eventCount(temp) == 2)
  }

  /// A write that finds its ref locked (`git pack-refs` beside, another writer) tries again;
  /// in the same second it writes the very same commit, stored as a pack of the very same name,
  /// and in the next one another. Every pack it stored stays kept until the ref names its
  /// commit: released between tries, a repack beside could list one as unkept and delete it by
  /// name after the ref had moved to its commit (the stream's tip lost).
  @Test func aWriteThatFindsItsRefLockedKeepsItsPacksUntilTheRefMoves() throws {
    let temp = try reviewedRepo()
    #expect(try temp.tillit(["review", "HEAD", "--comment", "-m", "first"]).status == 0)
    let packs = temp.path + "/.git/objects/pack/"
    let lock = temp.path + "/.git/refs/tillit/v1/reviews.lock"
    #expect(FileManager.default.createFile(atPath: lock, contents: nil))
    let writer = Process()
    writer.executableURL = URL(fileURLWithPath: TillitBinary.path)
    writer.arguments = ["review", "HEAD", "--comment", "-m", "second"]
    writer.currentDirectoryURL = URL(fileURLWithPath: temp.path)
    try writer.run()
    func keeps() -> Set<String> { Set(((try? FileManager.default.contentsOfDirectory(atPath: packs)) ?? []).filter { $0.hasSuffix(".keep") }) }
    #expect(waitUntil(timeout: 20) { !keeps().isEmpty }, "the second write stored its pack")
    // Tries every few milliseconds while the lock is held, across a change of second.
    var seen = keeps()
    var released: String?
    let deadline = Date().addingTimeInterval(1.5)
    while Date() < deadline && released == nil {
      let now = keeps()
      released = seen.subtracting(now).first
      seen.formUnion(now)
      usleep(500)
    }
    #expect(released == nil, "\(released ?? "") was released before the ref moved")
    try FileManager.default.removeItem(atPath: lock)
    writer.waitUntilExit()
    #expect(writer.terminationStatus == 0)
    #expect(keeps().isEmpty, "every keep released once the ref moved")
    #expect(try eventCount(temp) == 2)
    #expect(try temp.tillit(["ledger", "verify"]).status == 0)
  }

  func looseObjects(_ temp: TempRepo) throws -> Int {
    Int(try temp.git(["count-objects"]).stdout.split(separator: " ").first.map(String.init) ?? "") ?? -1
  }

  /// Waits (up to 30 s) until Tillit's background gc has let go of its lock; false if it never
  /// started or never finished.
  func waitForGc(_ temp: TempRepo) -> Bool {
    let state = temp.path + "/.git/tillit/ledger/"
    return waitUntil(timeout: 30) {
      FileManager.default.fileExists(atPath: state + "gc.after") && !FileManager.default.fileExists(atPath: state + "gc.lock")
    }
  }

  /// `git gc` packs loose objects and removes the folders it empties, while writers are adding
  /// objects to them: every review is still recorded.
  @Test(.tags(.slow)) func writersBesideARunningGitGcLoseNothing() throws {
    let temp = try reviewedRepo()
    try temp.git(["config", "gc.autoDetach", "false"])
    let failures = recordReviews(in: temp, writers: 3, reviews: 40, beside: ["git", "gc", "--quiet"])
    #expect(failures.isEmpty, "\(failures)")
    #expect(try eventCount(temp) == 120)
    let verify = try temp.tillit(["ledger", "verify"])
    #expect(verify.status == 0, "\(verify.output)")
  }

  /// `git pack-refs --prune` (run by `git gc`) removes a ref's emptied folder, which can happen
  /// between libgit2 creating the folder and creating the ref's lock file in it: the append
  /// tries again rather than failing.
  @Test(.tags(.slow)) func writersBesidePackRefsLoseNothing() throws {
    let temp = try reviewedRepo()
    let failures = recordReviews(in: temp, writers: 16, reviews: 20, beside: ["git", "pack-refs", "--all", "--prune"])
    #expect(failures.isEmpty, "\(failures)")
    #expect(try eventCount(temp) == 320)
    let verify = try temp.tillit(["ledger", "verify"])
    #expect(verify.status == 0, "\(verify.output)")
  }

  /// `writers` processes at once, each recording `reviews` reviews one after another, while
  /// `beside` is run again and again until they are done; returns the reviews that failed.
  func recordReviews(in temp: TempRepo, writers: Int, reviews: Int, beside: [String]) -> [String] {
    let failures = Failures()
    let writersDone = Failures()
    // One thread each: `concurrentPerform` runs only as many at once as there are cores.
    onThreads(writers + 1) { worker in
      if worker == 0 {
        while writersDone.all.count < writers { _ = try? Command.run(beside, in: temp.path) }
        return
      }
      for review in 1...reviews {
        let result = try? Command.run([TillitBinary.path, "review", "HEAD", "--comment", "-m", "writer \(worker) review \(review)"], in: temp.path)
        if result?.status != 0 { failures.add("writer \(worker) review \(review): \(result?.output ?? "did not run")") }
      }
      writersDone.add("writer \(worker)")
    }
    return failures.all
  }

  @Test func eightWritersCreatingTheStreamAtOnceAreAllRecorded() throws {
    // The first append creates the stream's ref: a race libgit2 alone does not close.
    for _ in 0..<5 {
      let temp = try reviewedRepo()
      let failures = Failures()
      DispatchQueue.concurrentPerform(iterations: 8) { writer in
        let result = try? Command.run([TillitBinary.path, "review", "HEAD", "--comment", "-m", "first writer \(writer)"], in: temp.path)
        if result?.status != 0 { failures.add(result?.output ?? "did not run") }
      }
      #expect(failures.all.isEmpty, "\(failures.all)")
      #expect(try eventCount(temp) == 8)
    }
  }

  /// The kill moments come from a seed printed at the start and named by every failure, so a
  /// failure can be replayed with `TILLIT_KILL_SEED`; without it, each run draws a new seed.
  static let killSeed: UInt64 = ProcessInfo.processInfo.environment["TILLIT_KILL_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)

  @Test(.tags(.slow)) func writersKilledHalfWayLeaveALedgerThatVerifies() throws {
    let temp = try reviewedRepo()
    var reported: [String] = []
    let seed = Self.killSeed
    print("LedgerTests.writersKilledHalfWayLeaveALedgerThatVerifies: TILLIT_KILL_SEED=\(seed)")
    var generator = SplitMix64(seed: seed)
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
    #expect(verify.status == 0, "TILLIT_KILL_SEED=\(seed): \(verify.output)")
    let log = try temp.tillit(["ledger", "log"]).stdout
    for message in reported { #expect(log.contains("— \(message)\n"), "TILLIT_KILL_SEED=\(seed): \(message) was reported but is missing") }
    // The ledger still takes new events.
    #expect(try temp.tillit(["review", "HEAD", "--approve"]).status == 0, "TILLIT_KILL_SEED=\(seed)")
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
    #expect(outOfRange.status == 2)
    #expect(outOfRange.stderr.contains("--line must be between 1 and"))
    let unknown = try temp.tillit(["review", "no-such-branch", "--approve"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("'no-such-branch' names no commit here; give a commit such as HEAD~1, a branch or an id"), "\(unknown.stderr)")
  }

  /// With 5,000 more events the read is shared out among threads; the hostile ones are still
  /// skipped and named, and nothing else is lost.
  @Test(arguments: [0, 5_000]) func hostileFetchedEventsAreSkippedAndNamed(imported: Int) throws {
    let temp = try reviewedRepo()
    #expect(try temp.tillit(["review", "HEAD", "--approve", "-m", "fine"]).status == 0)
    if imported > 0 {
      let trailers = (0..<imported).map { "Reviewed-by: Person \($0) <p\($0)@example.com>" }.joined(separator: "\n")
      try temp.git(["commit", "-q", "--allow-empty", "-F", "-"], input: "reviewed by many\n\n" + trailers + "\n")
      #expect(try temp.tillit(["ledger", "import-trailers"]).stdout.contains("recorded \(imported) new events"))
    }
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
    let valid = try blob(
      Data(
        #"{"at":"2026-01-01T00:00:00Z","by":"bo@example.com","data":{"message":"from afar","verdict":"comment"},"kind":"review.feedback","lamport":7,"nonce":"n1","subject":{"commit":"0000000000000000000000000000000000000000"},"v":1,"writer":"w2"}"#
          .utf8))
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
    #expect(log.stdout.components(separatedBy: "review.imported").count - 1 == imported)
    #expect(log.stdout.split(separator: "\n").count == imported + 2, "the imported events, the approval and the valid fetched event")
    // The inbox reads through its digest: the same events skipped and named, when the digest is
    // made and when it is reused.
    for _ in 0..<2 {
      let inbox = try temp.tillit(["inbox", "--for", "ada@example.com"])
      #expect(inbox.status == 0, "\(inbox.output)")
      #expect(inbox.stderr.contains("\(malformed).json: skipped: the event is not JSON"), "\(inbox.output)")
      #expect(inbox.stderr.contains("\(huge).json: skipped: the event is \(10 * 1024 * 1024) bytes"))
    }
    let verify = try temp.tillit(["ledger", "verify"])
    #expect(verify.status == 1)
    #expect(verify.stdout.contains("damaged:"))
  }
}

@Suite struct LedgerSharingTests {
  /// A bare remote and two clones of it, each with its own user.
  func clones() throws -> (remote: TempRepo, left: String, right: String) {
    let remote = try TempRepo(bare: true)
    let seed = remote.root + "/seed"
    try remote.git(["clone", "-q", remote.path, seed])
    try "base\n".write(toFile: seed + "/a.txt", atomically: true, encoding: .utf8)
    try remote.git(["add", "a.txt"], in: seed)
    try remote.git(["-c", "user.email=seed@example.com", "-c", "user.name=Seed", "commit", "-q", "-m", "base"], in: seed)
    try remote.git(["push", "-q", "origin", "HEAD:main"], in: seed)
    var paths: [String] = []
    for name in ["left", "right"] {
      let path = remote.root + "/" + name
      try remote.git(["clone", "-q", remote.path, path])
      try remote.git(["config", "user.email", "\(name)@example.com"], in: path)
      try remote.git(["config", "user.name", name], in: path)
      paths.append(path)
    }
    return (remote, paths[0], paths[1])
  }

  func events(_ remote: TempRepo, in path: String) throws -> [String] {
    let log = try remote.tillit(["ledger", "log", "--format", "json"], in: path)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])
    return ((json["events"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }.sorted()
  }

  @Test func twoClonesApartEndWithTheSameEvents() throws {
    let (remote, left, right) = try clones()
    for round in 0..<3 {
      #expect(try remote.tillit(["review", "HEAD", "--comment", "-m", "left \(round)"], in: left).status == 0)
      #expect(try remote.tillit(["review", "HEAD", "--approve", "-m", "right \(round)"], in: right).status == 0)
    }
    for path in [left, right, left] {
      let sync = try remote.tillit(["ledger", "sync"], in: path)
      #expect(sync.status == 0, "\(sync.output)")
    }
    let leftEvents = try events(remote, in: left)
    #expect(leftEvents.count == 6)
    #expect(leftEvents == (try events(remote, in: right)))
    // A second sync changes nothing.
    let tip = try remote.git(["rev-parse", "refs/tillit/v1/reviews"], in: left).stdout
    #expect(try remote.tillit(["ledger", "sync"], in: left).stdout.contains("nothing new to merge"))
    #expect(try remote.git(["rev-parse", "refs/tillit/v1/reviews"], in: left).stdout == tip)
    #expect(try remote.tillit(["ledger", "verify"], in: right).status == 0)
  }

  @Test func clonesSyncingAtTheSameMomentBothEndConsistent() throws {
    let (remote, left, right) = try clones()
    for round in 0..<5 {
      #expect(try remote.tillit(["review", "HEAD", "--comment", "-m", "left \(round)"], in: left).status == 0)
      #expect(try remote.tillit(["review", "HEAD", "--comment", "-m", "right \(round)"], in: right).status == 0)
    }
    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: 2) { side in
      let result = try? remote.tillit(["ledger", "sync"], in: side == 0 ? left : right)
      if result?.status != 0 { failures.add(result?.output ?? "did not run") }
    }
    #expect(failures.all.isEmpty, "\(failures.all)")
    // One more round each lets the later one pick up the other's push.
    #expect(try remote.tillit(["ledger", "sync"], in: left).status == 0)
    #expect(try remote.tillit(["ledger", "sync"], in: right).status == 0)
    #expect(try remote.tillit(["ledger", "sync"], in: left).status == 0)
    #expect(try events(remote, in: left).count == 10)
    #expect(try events(remote, in: left) == (try events(remote, in: right)))
  }

  @Test func installMakesAPlainFetchBringTheLedger() throws {
    let (remote, left, right) = try clones()
    #expect(try remote.tillit(["review", "HEAD", "--approve"], in: left).status == 0)
    #expect(try remote.tillit(["ledger", "sync"], in: left).status == 0)
    let installed = try remote.tillit(["install"], in: right)
    #expect(installed.stdout.contains("git fetch origin now brings its ledger"))
    try remote.git(["fetch", "-q", "origin"], in: right)
    #expect(try remote.git(["rev-parse", "--verify", "-q", "refs/tillit/remotes/origin/v1/reviews"], in: right, allowFailure: true).status == 0)
    #expect(try events(remote, in: right).count == 1)
    #expect(try !remote.tillit(["install"], in: right).stdout.contains("git fetch origin now brings"))
  }
}

/// Runs `body` for 0..<count, each on a thread of its own, all at once, and waits for them all.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
  let group = DispatchGroup()
  for index in 0..<count {
    group.enter()
    Thread {
      body(index)
      group.leave()
    }.start()
  }
  group.wait()
}

/// Failures collected from concurrent work.
final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String] = []

  func add(_ item: String) {
    lock.lock()
    items.append(item)
    lock.unlock()
  }

  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}

@Suite struct TrailerImportTests {
  @Test func everyTrailerBecomesOneEventAndASecondImportAddsNothing() throws {
    let temp = try TempRepo()
    try temp.write("a.txt", "1\n")
    try temp.commitAll("first\n\nReviewed-by: Bo Reviewer <bo@example.com>\nReviewed-by: Cy <cy@example.com>")
    try temp.write("a.txt", "2\n")
    try temp.commitAll("second\n\nAcked-by: Di <di@example.com>\nreviewed-by: Bo Reviewer <bo@example.com>")
    try temp.write("a.txt", "3\n")
    try temp.commitAll("third, unreviewed")
    let loose = try temp.git(["count-objects"]).stdout
    let first = try temp.tillit(["ledger", "import-trailers"])
    #expect(first.status == 0, "\(first.output)")
    #expect(first.stdout.contains("read 3 commits, found 3 Reviewed-by trailers, recorded 3 new events"))
    // The import's objects (3 events, their folders, the commit) arrive as one pack, no loose files.
    #expect(try temp.git(["count-objects"]).stdout == loose)
    #expect(try temp.git(["count-objects", "-v"]).stdout.contains("packs: 1\n"))
    #expect(try temp.git(["fsck", "--strict", "--no-dangling"]).status == 0)
    let again = try temp.tillit(["ledger", "import-trailers"])
    #expect(again.stdout.contains("recorded 0 new events"))
    let both = try temp.tillit(["ledger", "import-trailers", "--trailer", "Reviewed-by", "--trailer", "Acked-by"])
    #expect(both.stdout.contains("found 4 Reviewed-by/Acked-by trailers, recorded 1 new event\n"))
    let log = try temp.tillit(["ledger", "log"]).stdout
    #expect(log.components(separatedBy: "review.imported").count - 1 == 4)
    #expect(log.contains("bo@example.com"))
    #expect(try temp.tillit(["ledger", "verify"]).status == 0)
    // The second pack holds only what the later import added, and git reads both.
    #expect(try temp.git(["count-objects", "-v"]).stdout.contains("packs: 2\n"))
    #expect(try temp.git(["fsck", "--strict", "--no-dangling"]).status == 0)
    #expect(try temp.tillit(["ledger", "import-trailers", "--since", "yesterday"]).status == 2)
    #expect(try temp.tillit(["ledger", "import-trailers", "--since", "2100-01-01"]).stdout.contains("found 0"))
  }
}

@Suite struct InboxTests {
  @Test func requestsWaitUntilTheReviewerAnswersEvenAfterAnAmend() throws {
    let temp = try TempRepo()
    try temp.write(".mailmap", "Bo <bo@example.com> <bo@old.example.com>\n")
    try temp.write("a.txt", "1\n")
    let first = try temp.commitAll("first")
    try temp.write("a.txt", "2\n")
    try temp.commitAll("second")
    #expect(try temp.tillit(["request", first, "--to", "bo@old.example.com", "cy@example.com", "--new-person"]).status == 0)
    #expect(try temp.tillit(["request", "HEAD", "--to", "bo@example.com"]).status == 0)
    let inbox = try temp.tillit(["inbox", "--for", "bo@example.com"])
    #expect(inbox.status == 0, "\(inbox.output)")
    let lines = inbox.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.first?.contains(String(first.prefix(12))) == true, "oldest first")
    // Bo answers the second commit, after its message was amended.
    try temp.git(["commit", "-q", "--amend", "-m", "second, reworded"])
    try temp.git(["config", "user.email", "bo@example.com"])
    #expect(try temp.tillit(["review", "HEAD", "--approve"]).status == 0)
    let after = try temp.tillit(["inbox"]).stdout.split(separator: "\n")
    #expect(after.count == 1)
    #expect(after.first?.contains(String(first.prefix(12))) == true)
    #expect(try temp.tillit(["inbox", "--for", "cy@example.com"]).stdout.split(separator: "\n").count == 1)
    #expect(try temp.tillit(["inbox", "--for", "ada@example.com"]).stdout.contains("no reviews waiting"))
    // A name nobody goes by is a mistake, not an empty inbox.
    #expect(try temp.tillit(["inbox", "--for", "nobody@example.com"]).status == 2)
  }
}

@Suite struct OwnershipTests {
  @Test func claimsReleasesAndCodeownersFoldIntoWhatIsInForce() throws {
    let temp = try TempRepo()
    try temp.write("CODEOWNERS", "# owners\n*.md  @docs-team\nsrc/ledger/ ada@example.com bo@example.com\n\n")
    try temp.commitAll("first")
    #expect(try temp.tillit(["own"]).stdout.contains("no ownership is claimed"))
    #expect(try temp.tillit(["own", "src/**", "--by", "cy@example.com", "--new-person", "-m", "until March"]).status == 0)
    #expect(try temp.tillit(["own", "tests/**", "--by", "di@example.com", "--new-person"]).status == 0)
    #expect(try temp.tillit(["own", "--release", "tests/**"]).status == 0)
    let imported = try temp.tillit(["own", "--import-codeowners"])
    #expect(imported.stdout.contains("recorded 2 ownership rules from CODEOWNERS"), "\(imported.output)")
    let list = try temp.tillit(["own"]).stdout
    #expect(list.contains("src/**"))
    #expect(list.contains("cy@example.com  (until March)"))
    #expect(!list.contains("tests/**"))
    #expect(list.contains("src/ledger/"))
    #expect(list.contains("ada@example.com, bo@example.com"))
    #expect(try temp.tillit(["own", "x/**"]).status == 2)
    #expect(try temp.tillit(["ledger", "verify"]).status == 0)
  }
}

@Suite struct CheckRecordTests {
  @Test func everyCheckThatRanIsRecordedAndCachedPassesAreNot() throws {
    let hooked = try HookedRepo(
      config: "checks:\n  - name: ok\n    run: [\"true\"]\n  - name: bad\n    run: [\"false\"]\n  - name: other\n    run: [\"true\"]\n    files: [\"*.rs\"]\n")
    #expect(try hooked.repo.tillit(["check", "--all"], environment: hooked.environment).status == 1)
    #expect(try hooked.repo.tillit(["check", "--all"], environment: hooked.environment).status == 1)
    let log = try hooked.repo.tillit(["ledger", "log", "--stream", "checks", "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])
    let events = try #require(json["events"] as? [[String: Any]])
    // First run: ok passed, bad failed. Second run: ok cached (not run), bad failed again.
    let outcomes = events.compactMap { ($0["subject"] as? [String: Any])?["check"] as? String }
    #expect(outcomes.sorted() == ["bad", "bad", "ok"])
    let data = try #require(events.first?["data"] as? [String: Any])
    #expect(data["definitionHash"] is String)
    #expect(data["durationMs"] is Int)
    #expect(try hooked.repo.tillit(["ledger", "verify"]).status == 0)
  }

  /// Loose objects and packs in a repository's object store.
  static func objectFiles(_ repo: TempRepo) throws -> (loose: Int, packs: Int) {
    let counts = try repo.git(["count-objects", "-v"]).stdout.split(separator: "\n")
    func value(_ name: String) -> Int { counts.first { $0.hasPrefix(name + ": ") }.flatMap { Int($0.dropFirst(name.count + 2)) } ?? -1 }
    return (value("count"), value("packs"))
  }

  /// A run's results (one event per check, their folders, the commit) reach the object store as
  /// one pack, not a loose file each, and the index's tree is recorded by id without being
  /// stored: the hook adds two files (the pack and its index) to `.git/objects`. The recorded
  /// tree is the one `git commit` then stores, and everything the ledger names is there.
  @Test func aRunRecordsItsResultsAsOnePackAndNoLooseObject() throws {
    let hooked = try HookedRepo(config: "checks:\n  - builtin: trailing-whitespace\n  - builtin: end-of-file\n  - builtin: private-key\n")
    try hooked.repo.write("sub/dir/a.txt", "clean\n")
    try hooked.repo.git(["add", "sub/dir/a.txt"])
    let before = try Self.objectFiles(hooked.repo)
    let check = try hooked.repo.tillit(["check"])
    #expect(check.status == 0, "\(check.output)")
    let after = try Self.objectFiles(hooked.repo)
    #expect(after.loose == before.loose, "no loose object: \(before) → \(after)")
    #expect(after.packs == before.packs + 1, "one pack: \(before) → \(after)")
    let log = try hooked.repo.tillit(["ledger", "log", "--stream", "checks", "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])
    let events = try #require(json["events"] as? [[String: Any]])
    let trees = Set(events.compactMap { ($0["subject"] as? [String: Any])?["tree"] as? String })
    #expect(events.count == 3 && trees.count == 1, "\(events)")
    #expect(try hooked.repo.git(["cat-file", "-e", trees.first ?? "none"], allowFailure: true).status != 0, "the index's tree is not stored by the run")
    #expect(try hooked.commit().status == 0)
    #expect(trees == [try hooked.repo.git(["rev-parse", "HEAD^{tree}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)])
    #expect(try hooked.repo.git(["fsck", "--strict", "--no-dangling"]).status == 0)
    #expect(try hooked.repo.tillit(["ledger", "verify"]).status == 0)
  }
}

@Suite struct LedgerDigestTests {
  @Test func theInboxDigestFollowsNewEventsAndSurvivesDamage() throws {
    let temp = try TempRepo()
    try temp.write("a.txt", "one\n")
    let commit = try temp.commitAll("first")
    #expect(try temp.tillit(["request", "HEAD", "--to", "bob@example.com", "--new-person"]).status == 0)
    let first = try temp.tillit(["inbox", "--for", "bob@example.com"])
    #expect(first.stdout.contains("\(commit.prefix(12)) v1  first  asked by ada@example.com"), "\(first.output)")
    let digest = temp.path + "/.git/tillit/ledger/reviews.digest"
    #expect(FileManager.default.fileExists(atPath: digest))
    // Damaged: rebuilt from the ledger, same answer.
    var bytes = try Data(contentsOf: URL(fileURLWithPath: digest))
    bytes[bytes.count / 2] ^= 0x5a
    try bytes.write(to: URL(fileURLWithPath: digest))
    #expect(try temp.tillit(["inbox", "--for", "bob@example.com"]).stdout == first.stdout)
    // A new event moves the stream's tip: the digest takes it in.
    try temp.git(["config", "user.email", "bob@example.com"])
    #expect(try temp.tillit(["review", "HEAD", "--approve"]).status == 0)
    let after = try temp.tillit(["inbox", "--for", "bob@example.com"])
    #expect(after.stdout.contains("no reviews waiting"), "\(after.output)")
  }
}
