import Foundation
import TillitTestSupport

/// Writes git objects by hand into a repository (bare or not), as a hostile remote could:
/// trees with any names and modes, commits with any message, refs pointing at anything.
struct LedgerForge {
  let repo: TempRepo
  /// The repository written into; nil: `repo` itself.
  let directory: String?

  init(_ repo: TempRepo, in directory: String? = nil) {
    self.repo = repo
    self.directory = directory
  }

  /// One tree entry: a mode as git writes it (`100644`, `40000`, `160000`...), any name.
  struct Entry {
    let mode: String
    let name: [UInt8]
    let id: String

    static func file(_ name: String, _ id: String) -> Entry { Entry(mode: "100644", name: Array(name.utf8), id: id) }
    static func folder(_ name: String, _ id: String) -> Entry { Entry(mode: "40000", name: Array(name.utf8), id: id) }
  }

  func git(_ arguments: [String], input: String? = nil) throws -> String {
    try repo.git(arguments, in: directory, input: input).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Stores each of `contents` as a blob, with one git process; returns their ids in order.
  func blobs(_ contents: [[UInt8]]) throws -> [String] {
    try store(contents, type: "blob")
  }

  func blob(_ text: String) throws -> String { try blobs([Array(text.utf8)])[0] }

  /// Stores trees exactly as given (no check of names, modes or order), with one git process.
  func trees(_ listings: [[Entry]]) throws -> [String] {
    try store(listings.map(Self.treeBytes), type: "tree")
  }

  func tree(_ entries: [Entry]) throws -> String { try trees([entries])[0] }

  func commit(tree: String, parents: [String] = [], message: String) throws -> String {
    try git(["commit-tree", tree, "-F", "-"] + parents.flatMap { ["-p", $0] }, input: message)
  }

  func point(_ ref: String, at id: String) throws {
    try git(["update-ref", ref, id])
  }

  /// A well-formed stream tree holding `events` (ids of blobs), each at `events/<2 hex>/<id>.json`.
  func streamTree(_ events: [String], extra: [Entry] = []) throws -> String {
    let byBucket = Dictionary(grouping: events) { String($0.prefix(2)) }
    let buckets = byBucket.keys.sorted()
    let bucketTrees = try trees(buckets.map { bucket in byBucket[bucket, default: []].sorted().map { Entry.file("\($0).json", $0) } })
    let eventsTree = try tree(zip(buckets, bucketTrees).map { Entry.folder($0, $1) })
    return try tree([Entry.folder("events", eventsTree)] + extra)
  }

  /// A ledger event as Tillit writes it (compact, sorted keys), unique by `nonce`.
  static func event(nonce: String, lamport: String = "1", commit: String = String(repeating: "0", count: 40), message: String = "from afar") -> String {
    #"{"at":"2026-01-01T00:00:00Z","by":"far@example.com","data":{"message":"\#(message)","verdict":"comment"},"kind":"review.feedback","lamport":\#(lamport),"nonce":"\#(nonce)","subject":{"commit":"\#(commit)"},"v":1,"writer":"far"}"#
  }

  private func store(_ contents: [[UInt8]], type: String) throws -> [String] {
    guard !contents.isEmpty else { return [] }
    let folder = repo.root + "/forge-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var paths: [String] = []
    for (index, bytes) in contents.enumerated() {
      let path = "\(folder)/\(index)"
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      paths.append(path)
    }
    let ids = try git(["hash-object", "-w", "--literally", "-t", type, "--stdin-paths"], input: paths.joined(separator: "\n") + "\n")
    return ids.split(separator: "\n").map(String.init)
  }

  private static func treeBytes(_ entries: [Entry]) -> [UInt8] {
    var bytes: [UInt8] = []
    for entry in entries {
      bytes += Array("\(entry.mode) ".utf8) + entry.name + [0]
      var hex = Array(entry.id.utf8)[...]
      while hex.count >= 2 {
        bytes.append(UInt8(String(decoding: hex.prefix(2), as: UTF8.self), radix: 16) ?? 0)
        hex = hex.dropFirst(2)
      }
    }
    return bytes
  }
}
