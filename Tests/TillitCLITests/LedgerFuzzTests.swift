import Foundation
import Testing
import TillitTestSupport

/// Random and adversarial event blobs and trees, written into real ledger refs (a remote's stream
/// that a sync fetches, and fetched copies of every stream), then read through the real binary:
/// nothing crashes, every bad entry is skipped with a warning, and a sync takes in exactly what
/// a read accepts. Deterministic: the seed is printed with every failure, and
/// `TILLIT_FUZZ_SEED=<n>` runs that one again; `TILLIT_FUZZ_ROUNDS=<n>` runs more seeds after it.
@Suite(.tags(.slow)) struct LedgerFuzzTests {
  static let environment = ProcessInfo.processInfo.environment
  static let baseSeed = environment["TILLIT_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x7111_1175_1ed6_e5
  static let rounds = environment["TILLIT_FUZZ_ROUNDS"].flatMap { UInt64($0) } ?? 1

  @Test func theReaderAndTheSyncSurviveAnyLedger() throws {
    for round in 0..<Self.rounds { try survive(seed: Self.baseSeed &+ round) }
  }

  func survive(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    let (remote, forge, left, right) = try HostileLedgerTests().sharedLedger()
    let clone = LedgerForge(remote, in: right)
    let leftTip = try forge.git(["rev-parse", "refs/tillit/v1/reviews"])
    let head = try remote.git(["rev-parse", "HEAD"], in: right).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

    // The contents, written into both repositories (the same ids in each).
    let contents = (0..<120).map { FuzzContent.make($0, head: head, using: &random) }
    let blobIDs = try forge.blobs(contents.map(\.bytes))
    #expect(try clone.blobs(contents.map(\.bytes)) == blobIDs, "seed \(seed)")
    // Each also wrapped in a folder of its own, for placements that put a folder where an event should be.
    let wrapped = try forge.trees(blobIDs.map { [LedgerForge.Entry.file("e", $0)] })
    #expect(try clone.trees(blobIDs.map { [LedgerForge.Entry.file("e", $0)] }) == wrapped, "seed \(seed)")
    var plan = FuzzPlan()
    for index in contents.indices { plan.place(contents[index], id: blobIDs[index], folder: wrapped[index], using: &random) }
    let transferable = try plan.root(with: forge, localOnly: false)
    #expect(try plan.root(with: clone, localOnly: false) == transferable, "seed \(seed)")
    let local = try plan.root(with: clone, localOnly: true)
    try forge.point(
      "refs/tillit/v1/reviews", at: try forge.commit(tree: transferable, parents: [leftTip], message: "tillit: fuzz\n\nlamport: \(random.next())\n"))
    for stream in ["reviews", "checks", "ownership"] {
      let message = "tillit: fuzz\n\nlamport: \(Int64(bitPattern: random.next()))\n"
      try clone.point("refs/tillit/remotes/fuzz/v1/\(stream)", at: try clone.commit(tree: local, message: message))
    }

    // Every command that reads or writes the ledger stands.
    #expect(try remote.tillit(["review", "HEAD", "--comment", "-m", "from right"], in: right).status == 0, "seed \(seed)")
    let sync = try remote.tillit(["ledger", "sync"], in: right)
    #expect(sync.status == 0, "seed \(seed): \(sync.output.suffix(3000))")
    for (arguments, status) in [
      (["ledger", "log"], 0), (["ledger", "verify"], 1), (["show", "HEAD"], 0), (["own"], 0), (["audit"], 0),
      (["inbox", "--for", "far@example.com"], 0), (["review", "HEAD", "--approve"], 0), (["ledger", "sync"], 0),
    ] {
      let result = try remote.tillit(arguments, in: right)
      #expect(result.status == Int32(status), "seed \(seed): \(arguments): \(result.output.suffix(3000))")
    }

    // What a read accepts and what it names.
    let (events, warnings) = try HostileLedgerTests().logJSON(remote, in: right)
    let accepted = Set(events.compactMap { $0["id"] as? String })
    let named = warnings.map { $0.lowercased() }
    #expect(plan.items.filter { $0.expect == .valid }.count >= 10 && plan.items.filter { $0.expect == .invalid }.count >= 30, "seed \(seed)")
    for item in plan.items {
      let warned = named.contains { $0.contains(item.token) }
      switch item.expect {
      case .valid: #expect(accepted.contains(item.id), "seed \(seed): \(item) was not read; \(named.filter { $0.contains(item.id) })")
      case .invalid:
        #expect(!accepted.contains(item.id), "seed \(seed): \(item) was read")
        #expect(warned, "seed \(seed): \(item) was skipped without a warning")
      case .either: #expect(accepted.contains(item.id) != warned, "seed \(seed): \(item): read \(accepted.contains(item.id)), named \(warned)")
      }
    }

    // The sync took in exactly what a read accepts of the remote's stream, under sound names.
    let merged = try remote.git(["ls-tree", "-r", "--name-only", "refs/tillit/v1/reviews"], in: right).stdout.split(separator: "\n").map(String.init)
    for path in merged {
      let parts = path.split(separator: "/")
      let sound = parts.count == 3 && parts[0] == "events" && parts[2].hasSuffix(".json") && parts[2].hasPrefix(parts[1]) && parts[2].count == 45
      #expect(sound, "seed \(seed): \(path)")
    }
    let mergedIDs = Set(merged.compactMap { $0.split(separator: "/").last.map { String($0.prefix(40)) } })
    let fromRemote = Set(plan.items.filter(\.transferable).map(\.id)).intersection(accepted)
    #expect(fromRemote.isSubset(of: mergedIDs), "seed \(seed): \(fromRemote.subtracting(mergedIDs))")
    let plannedIDs = Set(plan.items.map(\.id))
    #expect(mergedIDs.intersection(plannedIDs) == fromRemote, "seed \(seed): \(mergedIDs.intersection(plannedIDs).subtracting(fromRemote))")

    // What was pushed on reads without a warning in another clone.
    #expect(try remote.tillit(["ledger", "sync"], in: left).status == 0, "seed \(seed)")
    let (leftEvents, leftWarnings) = try HostileLedgerTests().logJSON(remote, in: left)
    #expect(leftWarnings.isEmpty, "seed \(seed): \(leftWarnings.prefix(5))")
    #expect(Set(leftEvents.compactMap { $0["id"] as? String }).isSuperset(of: fromRemote), "seed \(seed)")
  }
}

/// What a read should make of an entry.
enum FuzzExpectation: String {
  case valid, invalid
  /// Either read or named: the JSON reader may take it or refuse it (bytes that are not UTF-8,
  /// a key twice, a lone surrogate).
  case either
}

/// One event blob's content and what a read should make of it, properly placed.
struct FuzzContent {
  let bytes: [UInt8]
  let expect: FuzzExpectation
  let kind: String

  /// Content number `n` (each is unique, so that no two entries share an id).
  static func make(_ n: Int, head: String, using random: inout SplitMix64) -> FuzzContent {
    let nonce = "fuzz-\(n)"
    func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }
    func event(_ fields: [String: String]) -> [UInt8] {
      var all = [
        "at": #""2026-01-01T00:00:00Z""#, "by": #""far@example.com""#, "data": #"{"message":"m","verdict":"comment"}"#,
        "kind": #""review.feedback""#, "lamport": "\(random.next() % 1_000_000)", "nonce": "\"\(nonce)\"",
        "subject": #"{"commit":"\#(head)"}"#, "v": "1", "writer": #""far""#,
      ]
      for (key, value) in fields { all[key] = value }
      return Array(("{" + all.keys.sorted().map { "\"\($0)\":\(all[$0] ?? "null")" }.joined(separator: ",") + "}").utf8)
    }
    switch random.next() % 15 {
    case 0: return FuzzContent(bytes: event([:]), expect: .valid, kind: "plain")
    case 1:
      let clock = pick(["9223372036854775807", "9007199254740992", "0", "9007199254740991"])
      return FuzzContent(bytes: event(["lamport": clock]), expect: .valid, kind: "clock \(clock)")
    case 2:
      let clock = pick(["1e400", "99999999999999999999", "-1", "1.5", #""7""#, "null", "-9223372036854775808", "1e2", "[]"])
      return FuzzContent(bytes: event(["lamport": clock]), expect: .invalid, kind: "clock \(clock)")
    case 3:
      let key = pick(["at", "by", "kind", "nonce", "writer", "subject", "data", "v"])
      let value = pick(["1", "[]", "null", "true", #""x""#, "{}", "0"])
      // A review.feedback's subject and data must name a commit and a verdict: none of these do.
      let wrongForKey = ["subject", "data"].contains(key) || (key == "v" ? value != "1" : !value.hasPrefix("\""))
      return FuzzContent(bytes: event([key: value]), expect: wrongForKey ? .invalid : .valid, kind: "\(key)=\(value)")
    case 4:
      let count = Int(random.next() % 300)
      let bytes = Array(nonce.utf8) + (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      return FuzzContent(bytes: bytes, expect: .invalid, kind: "random bytes")
    case 5:
      let whole = event([:])
      if random.next() % 2 == 0, let unique = whole.firstRange(of: Array(nonce.utf8))?.upperBound {
        // Cut after the nonce, so that no two are the same.
        let cut = unique + Int(random.next() % UInt64(whole.count - unique))
        return FuzzContent(bytes: Array(whole.prefix(cut)), expect: .invalid, kind: "truncated")
      }
      return FuzzContent(bytes: whole + Array(pick([" x", "{}", ",", "\0"]).utf8), expect: .invalid, kind: "trailing bytes")
    case 6:
      let depth = Int(1 + random.next() % 50)
      let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
      return FuzzContent(bytes: event(["data": #"{"message":"m","verdict":"comment","x":\#(nested)}"#]), expect: .valid, kind: "nested \(depth)")
    case 7:
      let depth = Int(100 + random.next() % 20_000)
      let nested = String(repeating: pick(["[", #"{"a":"#]), count: depth)
      return FuzzContent(bytes: event(["data": #"{"x":\#(nested)}"#]), expect: .invalid, kind: "nested \(depth), unclosed")
    case 8:
      var bytes = event(["by": #""BYTES""#])
      let bad: [UInt8] = pick([[0xff, 0xfe], [0xc3], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80]])
      if let at = bytes.firstRange(of: Array("BYTES".utf8)) { bytes.replaceSubrange(at, with: bad) }
      return FuzzContent(bytes: bytes, expect: .either, kind: "not UTF-8")
    case 9:
      let odd = pick([#""\ud800""#, #""\u0000""#, "\"a\u{0001}b\"", "\"\u{7f}\"", #""\uDFFF\uD800""#])
      return FuzzContent(bytes: event(["by": odd]), expect: .either, kind: "odd text \(odd)")
    case 10:
      var bytes = event([:])
      bytes.removeLast()
      bytes += Array(pick([#","lamport":"x"}"#, #","v":1}"#, #","by":5}"#]).utf8)
      return FuzzContent(bytes: bytes, expect: .either, kind: "a key twice")
    case 11:
      let size = Int(64 * 1024 + random.next() % 4096)
      return FuzzContent(bytes: event(["data": #"{"message":"\#(String(repeating: "a", count: size))"}"#]), expect: .invalid, kind: "too large")
    case 12:
      let text = pick([#"["\#(nonce)"]"#, #""\#(nonce)""#, "\(n)", "null \(nonce)", " \n"])
      return FuzzContent(bytes: Array((text + (text == " \n" ? nonce : "")).utf8), expect: .invalid, kind: "not an object")
    default:
      // Payloads of the kinds Tillit reads, sound however odd their values (which the commands
      // reading them must not trust either) or not; and of kinds and versions it does not know,
      // kept whatever they hold.
      let (kind, subject, data, expect) = pick(payloads(head: head))
      let at = pick([#""2026-01-01T00:00:00Z""#, #""9999-12-31T99:99:99Z""#, #""-999-01-01T00:00:00Z""#, #""0000-00-00T00:00:00Z""#, #""""#, #""x""#])
      let version = kind == "review.feedback" && random.next() % 4 == 0 ? "2" : "1"
      let fields = ["kind": "\"\(kind)\"", "subject": subject, "data": data, "at": at, "v": version]
      return FuzzContent(bytes: event(fields), expect: version == "2" ? .valid : expect, kind: "\(kind) v\(version) \(subject) \(data) \(at)")
    }
  }
}

/// Payloads of every kind: (kind, subject, data, what a read makes of them at version 1).
func payloads(head: String) -> [(String, String, String, FuzzExpectation)] {
  let commit = #"{"commit":"\#(head)"}"#
  let verdict = #"{"message":"m","verdict":"approve"}"#
  let check = #"{"check":"c\u001b","inputHash":"h"}"#
  return [
    ("review.requested", commit, #"{"message":"","reviewers":[{"email":"\u001b[2J","reasons":["x"],"role":"r"}]}"#, .valid),
    ("review.requested", #"{"commit":"ZZ","patchId":7}"#, #"{"message":"m","reviewers":[]}"#, .invalid),
    ("review.requested", commit, #"{"message":"m","reviewers":[1,{"email":5},"x",{"email":"far@example.com"}]}"#, .invalid),
    ("review.requested", commit, #"{"message":"m","reviewers":[{"email":"far@example.com","role":"r"}]}"#, .invalid),
    ("review.feedback", #"{"commit":"\#(head)","path":"../../x","line":2147483647}"#, verdict, .valid),
    ("review.feedback", #"{"commit":"\#(head)","path":"a","line":-9223372036854775808}"#, verdict, .invalid),
    ("review.feedback", #"{"commit":"\#(head)","line":1e308,"path":"a"}"#, verdict, .invalid),
    ("review.feedback", #"{"commit":"\#(head)","patchId":"\#(head.uppercased())"}"#, verdict, .invalid),
    ("review.feedback", commit, #"{"name":[],"verdict":9}"#, .invalid),
    ("review.feedback", commit, #"{"message":null,"verdict":"comment"}"#, .invalid),
    ("review.feedback", commit, #"{"message":"m","verdict":"approve\u001b]0;x\u0007"}"#, .invalid),
    ("check.ran", check, #"{"definitionHash":"d","durationMs":1e308,"exitCode":null,"outcome":"passed"}"#, .valid),
    ("check.ran", check, #"{"definitionHash":"d","durationMs":-1e308,"exitCode":-2147483648,"outcome":"timed out"}"#, .valid),
    ("check.ran", check, #"{"definitionHash":"d","durationMs":1,"exitCode":2147483648,"outcome":"failed"}"#, .invalid),
    ("check.ran", check, #"{"definitionHash":"d","durationMs":"slow","outcome":"passed"}"#, .invalid),
    ("check.ran", #"{"check":"c","inputHash":"h","tree":"\#(head.prefix(39))"}"#, #"{"definitionHash":"d","durationMs":1,"outcome":"passed"}"#, .invalid),
    ("ownership.claimed", #"{"pattern":"**"}"#, #"{"note":"","people":["a","\u0000"]}"#, .valid),
    ("ownership.claimed", #"{"pattern":"**"}"#, #"{"note":"","people":[null,"a",7]}"#, .invalid),
    ("ownership.claimed", #"{"pattern":["x"]}"#, #"{"note":"","people":["a"]}"#, .invalid),
    ("ownership.released", #"{"pattern":"**"}"#, #"{"people":"a"}"#, .valid),
    ("ownership.released", "{}", "{}", .invalid),
    ("review.imported", commit, #"{"email":"","name":"","trailer":"Acked-by"}"#, .valid),
    ("review.imported", commit, #"{"email":"","name":[],"trailer":"Acked-by"}"#, .invalid),
    ("review.later", #"{"anything":[1,{"x":null}]}"#, "{}", .valid),
  ]
}

/// Where the entries go: each content placed once, properly or not, in the remote's stream
/// (`transferable`) or only in the clone's fetched copies (entries git would not transfer).
struct FuzzPlan {
  struct Item: CustomStringConvertible {
    let id: String
    let expect: FuzzExpectation
    /// What a warning about it contains, lowercased.
    let token: String
    let transferable: Bool
    let what: String

    var description: String { "\(id) (\(what))" }
  }

  private(set) var items: [Item] = []
  /// Bucket folders by name, each with its entries and whether it travels.
  private var buckets: [[UInt8]: [(entry: LedgerForge.Entry, transferable: Bool)]] = [:]
  /// Entries of `events/` that are not bucket folders: bucket name, entries inside (or the
  /// object it names), mode, and whether it travels.
  private var oddBuckets: [(name: [UInt8], mode: String, inside: [LedgerForge.Entry], id: String?, transferable: Bool)] = []
  /// Places `content`, stored as blob `id` and wrapped alone in the tree `folder`.
  mutating func place(_ content: FuzzContent, id: String, folder tree: String, using random: inout SplitMix64) {
    let bucket = Array(id.prefix(2).utf8)
    func add(
      _ name: [UInt8], mode: String = "100644", to folder: [UInt8]? = nil, entryID: String? = nil, expect: FuzzExpectation = .invalid,
      token: String? = nil, transferable: Bool = true
    ) {
      let named = entryID ?? id
      buckets[folder ?? bucket, default: []].append((LedgerForge.Entry(mode: mode, name: name, id: named), transferable))
      items.append(
        Item(
          id: named, expect: expect, token: token ?? named, transferable: transferable,
          what: "\(content.kind), \(String(decoding: name, as: UTF8.self)) \(mode)"))
    }
    let proper = Array("\(id).json".utf8)
    switch random.next() % 20 {
    case 0: add(proper, mode: "100755", expect: content.expect)
    case 1: add(Array("\(id.uppercased()).json".utf8))
    case 2:
      let other = String(format: "%02x", (Int(id.prefix(2), radix: 16)! + 1 + Int(random.next() % 255)) % 256)
      add(proper, to: Array(other.utf8))
    case 3:
      let names = ["../\(id).json", "\(id).json\n", "\(id).JSON", "\(id).json.bak", id, "a/\(id).json", " \(id).json"]
      add(Array(names[Int(random.next() % UInt64(names.count))].utf8))
    case 4: add(Array(id.utf8) + [0xff] + Array(".json".utf8))
    case 5: add(proper, mode: "120000")
    case 6: add(proper, mode: "160000")
    case 7:
      // A folder where an event should be, named for its own id; or (not transferable) an
      // event entry naming that folder.
      let asFile = random.next() % 2 == 0
      add(Array("\(tree).json".utf8), mode: asFile ? "100644" : "40000", to: Array(tree.prefix(2).utf8), entryID: tree, transferable: !asFile)
      items.append(Item(id: id, expect: .invalid, token: tree, transferable: !asFile, what: "\(content.kind), inside a folder"))
    case 8:
      let name = ["zz", "AB", "abc", "ab.json", "..", "g0", "0"][Int(random.next() % 7)] + "-\(items.count)"
      let folder = name.count > 2 ? name : name + "x"
      oddBuckets.append((Array(folder.utf8), "40000", [.file("\(id).json", id)], nil, true))
      items.append(Item(id: id, expect: .invalid, token: "events/\(folder.lowercased())", transferable: true, what: "\(content.kind), in folder \(folder)"))
    default: add(proper, expect: content.expect)
    }
  }

  /// The stream's root tree, written with `forge`: the transferable entries, and with
  /// `localOnly` also those git would refuse to transfer (a folder entry naming a file, a folder
  /// that is missing).
  func root(with forge: LedgerForge, localOnly: Bool) throws -> String {
    let names = buckets.keys.sorted { $0.lexicographicallyPrecedes($1) }
    let listings = names.map { name in
      buckets[name, default: []].filter { localOnly || $0.transferable }.map(\.entry).sorted { $0.name.lexicographicallyPrecedes($1.name) }
    }
    let bucketTrees = try forge.trees(listings)
    var events = zip(names, bucketTrees).map { LedgerForge.Entry(mode: "40000", name: $0, id: $1) }
    let odd = oddBuckets.filter { localOnly || $0.transferable }
    let oddTrees = try forge.trees(odd.map(\.inside))
    events += zip(odd, oddTrees).map { LedgerForge.Entry(mode: $0.mode, name: $0.name, id: $0.id ?? $1) }
    if localOnly {
      let used = Set(names.map { String(decoding: $0, as: UTF8.self) })
      let free = (0..<256).map { String(format: "%02x", $0) }.filter { !used.contains($0) }
      let note = try forge.blob("a file where a folder should be\n")
      if free.count >= 2 {
        events.append(LedgerForge.Entry(mode: "40000", name: Array(free[0].utf8), id: note))
        events.append(LedgerForge.Entry(mode: "40000", name: Array(free[1].utf8), id: String(repeating: "d", count: 40)))
      }
      events.append(LedgerForge.Entry(mode: "100644", name: Array("../../x".utf8), id: note))
    }
    events.sort { $0.name.lexicographicallyPrecedes($1.name) }
    let eventsTree = try forge.tree(events)
    return try forge.tree([.folder("events", eventsTree), .file("..%2F..%2Fx", try forge.blob("beside the events\n"))])
  }
}
