import Foundation
import Testing
import TillitTestSupport

/// A stream's ref lock left behind or held, and a remote that keeps moving or refuses: what an
/// append, `import-trailers` and `ledger sync` do, and that no event is lost.
@Suite struct LedgerContentionTests {
  /// A repository whose reviews stream exists, with three trailers to import.
  func repository() throws -> TempRepo {
    let temp = try TempRepo()
    for n in 1...3 {
      try temp.write("a.txt", "\(n)\n")
      try temp.commitAll("change \(n)\n\nReviewed-by: Bo <bo@example.com>")
    }
    #expect(try temp.tillit(["review", "HEAD", "--comment", "-m", "first"]).status == 0)
    return temp
  }

  func lockPath(_ temp: TempRepo) -> String { temp.path + "/.git/refs/tillit/v1/reviews.lock" }

  func eventCount(_ temp: TempRepo) throws -> Int {
    try temp.tillit(["ledger", "log"]).stdout.split(separator: "\n").count
  }

  func packCount(_ temp: TempRepo) -> Int {
    ((try? FileManager.default.contentsOfDirectory(atPath: temp.path + "/.git/objects/pack")) ?? []).filter { $0.hasSuffix(".pack") }.count
  }

  /// A lock older than five seconds was left by a writer that died (git holds ref locks for
  /// microseconds): it is removed, and the append goes through at once.
  @Test func aStaleRefLockIsRemovedAndTheAppendSucceeds() throws {
    let temp = try repository()
    let lock = lockPath(temp)
    #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
    try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: lock)
    let started = Date()
    let review = try temp.tillit(["review", "HEAD", "--approve"])
    #expect(review.status == 0, "\(review.output)")
    #expect(Date().timeIntervalSince(started) < 4, "a stale lock is not waited for")
    #expect(!FileManager.default.fileExists(atPath: lock))
    #expect(try eventCount(temp) == 2)
    #expect(try temp.tillit(["ledger", "verify"]).status == 0)
  }

  /// `import-trailers` meeting a lock another writer holds waits for it, does not break it,
  /// and records every trailer once the lock is let go.
  @Test func importTrailersWaitsForAHeldLockAndLosesNothing() throws {
    let temp = try repository()
    let lock = lockPath(temp)
    #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
    let packs = packCount(temp)
    let imported = Box<CommandResult>()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      imported.value = try? temp.tillit(["ledger", "import-trailers"])
      group.leave()
    }
    // The import writes its pack, then meets the lock.
    #expect(waitUntil(timeout: 10) { packCount(temp) > packs }, "the import reached the ref")
    usleep(300_000)
    #expect(unlink(lock) == 0, "the lock was still the holder's to let go")
    group.wait()
    let result = try #require(imported.value)
    #expect(result.status == 0, "\(result.output)")
    #expect(result.stdout.contains("found 3 Reviewed-by trailers, recorded 3 new events"), "\(result.output)")
    #expect(try eventCount(temp) == 4)
  }

  /// A lock kept held (always fresh) is given up on with a sentence naming it and what to do;
  /// nothing is recorded, and the import run again once it is gone records everything.
  @Test(.tags(.slow)) func importTrailersGivesUpOnALockKeptHeldAndLosesNothing() throws {
    let temp = try repository()
    let lock = lockPath(temp)
    let holding = Box<Bool>(true)
    let holder = DispatchGroup()
    holder.enter()
    DispatchQueue.global().async {
      while holding.value == true {
        FileManager.default.createFile(atPath: lock, contents: Data())  // made anew, or touched
        usleep(100_000)
      }
      holder.leave()
    }
    #expect(waitUntil { FileManager.default.fileExists(atPath: lock) })
    let tip = try temp.git(["rev-parse", "refs/tillit/v1/reviews"]).stdout
    let given = try temp.tillit(["ledger", "import-trailers"])
    holding.value = false
    holder.wait()
    #expect(given.status == 3, "\(given.output)")
    #expect(
      given.stderr.contains("tillit: \(lock) has been held for a long time; if no git or tillit process is running, remove it and try again"), "\(given.output)"
    )
    #expect(try temp.git(["rev-parse", "refs/tillit/v1/reviews"]).stdout == tip)
    unlink(lock)
    let again = try temp.tillit(["ledger", "import-trailers"])
    #expect(again.stdout.contains("recorded 3 new events"), "\(again.output)")
    #expect(try eventCount(temp) == 4)
    #expect(try temp.tillit(["ledger", "verify"]).status == 0)
  }

  /// A remote whose stream moves before every push (here a `receivepack` that adds a commit
  /// first, as a busy remote would): the sync tries ten rounds, then says so and exits 3, with
  /// this clone's events kept and the next sync, once the remote is quiet, pushing them.
  @Test func aSyncGivesUpAfterTenRoundsOfARemoteThatKeepsMoving() throws {
    let (remote, left, right) = try LedgerSharingTests().clones()
    #expect(try remote.tillit(["review", "HEAD", "--comment", "-m", "from right"], in: right).status == 0)
    #expect(try remote.tillit(["ledger", "sync"], in: right).status == 0)
    #expect(try remote.tillit(["review", "HEAD", "--approve", "-m", "from left"], in: left).status == 0)
    let mover = remote.root + "/moving-receive-pack"
    try Data(
      """
      #!/bin/sh
      tip=$(git --git-dir="$1" rev-parse refs/tillit/v1/reviews)
      moved=$(echo "someone else's push" | git --git-dir="$1" commit-tree "$tip^{tree}" -p "$tip")
      git --git-dir="$1" update-ref refs/tillit/v1/reviews "$moved" "$tip"
      echo x >> "\(remote.root)/pushes"
      exec git-receive-pack "$1"

      """.utf8
    ).write(to: URL(fileURLWithPath: mover))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: mover)
    try remote.git(["config", "remote.origin.receivepack", mover], in: left)
    let sync = try remote.tillit(["ledger", "sync"], in: left)
    #expect(sync.status == 3, "\(sync.output)")
    #expect(sync.stderr == "tillit: the ledger kept changing on origin during 10 rounds of sync; run tillit ledger sync again\n", "\(sync.output)")
    #expect(try String(contentsOfFile: remote.root + "/pushes", encoding: .utf8).split(separator: "\n").count == 10)
    #expect(try logMessages(remote, in: left) == ["from left", "from right"])
    try remote.git(["config", "--unset", "remote.origin.receivepack"], in: left)
    #expect(try remote.tillit(["ledger", "sync"], in: left).status == 0)
    #expect(try remote.tillit(["ledger", "sync"], in: right).status == 0)
    #expect(try logMessages(remote, in: right) == ["from left", "from right"])
  }

  /// A remote that refuses the ledger's refs (a hook, a protected ref) is not a race: the sync
  /// stops at the first refusal and says what the remote said, rather than trying ten times and
  /// blaming a busy remote.
  @Test func aSyncARemoteRefusesSaysSoAtOnce() throws {
    let (remote, left, _) = try LedgerSharingTests().clones()
    let hook = remote.path + "/hooks/pre-receive"
    try Data("#!/bin/sh\necho x >> \"\(remote.root)/pushes\"\necho 'refs/tillit is read-only here' >&2\nexit 1\n".utf8).write(to: URL(fileURLWithPath: hook))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
    #expect(try remote.tillit(["review", "HEAD", "--approve", "-m", "from left"], in: left).status == 0)
    let sync = try remote.tillit(["ledger", "sync"], in: left)
    #expect(sync.status == 3, "\(sync.output)")
    #expect(
      sync.stderr.hasPrefix("tillit: origin refused refs/tillit/v1/reviews (pre-receive hook declined): refs/tillit is read-only here; "), "\(sync.output)")
    #expect(!sync.stderr.contains("kept changing"), "\(sync.output)")
    #expect(try String(contentsOfFile: remote.root + "/pushes", encoding: .utf8) == "x\n", "one push, not ten")
    #expect(try logMessages(remote, in: left) == ["from left"])
  }

  /// The messages of the reviews a clone's ledger holds, sorted.
  func logMessages(_ remote: TempRepo, in clone: String) throws -> [String] {
    try remote.tillit(["ledger", "log"], in: clone).stdout.split(separator: "\n").compactMap { $0.components(separatedBy: " — ").last }.sorted()
  }
}

/// A value shared with work on another thread.
final class Box<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value?

  init(_ value: Value? = nil) { stored = value }

  var value: Value? {
    get { lock.lock(); defer { lock.unlock() }; return stored }
    set { lock.lock(); stored = newValue; lock.unlock() }
  }
}
