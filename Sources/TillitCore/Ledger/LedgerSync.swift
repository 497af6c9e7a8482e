import TillitGit
import TillitSystem

/// Shares the ledger through a remote: fetch its streams into `refs/tillit/remotes/<remote>/`,
/// merge them into the local streams (the union of both event sets), push without force, and
/// start again when the push is refused because someone pushed meanwhile.
///
/// What a remote holds is whatever anyone pushed there. Only events that pass the same checks
/// as a read (`checkedEvents`) are merged; the rest, and copies that are not streams at all, are
/// reported and left out, so that nothing a remote holds can stop a sync for good.
public struct LedgerSync {
  let repository: Repository
  let store: LedgerStore

  public init(repository: Repository) {
    self.repository = repository
    self.store = LedgerStore(repository: repository)
  }

  /// The refspec that brings a remote's ledger into this clone with a plain `git fetch`.
  public static func fetchRefspec(remote: String) -> String {
    "+refs/tillit/v1/*:refs/tillit/remotes/\(remote)/v1/*"
  }

  /// Gives every remote the fetch rule (`fetchRefspec`) once any remote has it — `tillit
  /// install` gave it to the remotes there were, and one added since has none. Returns the
  /// remotes that got it, to be told once (the next run finds the rule there).
  public static func addMissingFetchRules(_ repository: Repository) -> [String] {
    guard let remotes = try? repository.remoteNames(), remotes.count > 1 else { return [] }  // unreadable: left for the command to report
    let lacking = remotes.filter { remote in (try? repository.fetchRefspecs(ofRemote: remote))?.contains(fetchRefspec(remote: remote)) == false }
    guard lacking.count < remotes.count else { return [] }
    return lacking.filter { (try? repository.addFetchRefspec(fetchRefspec(remote: $0), toRemote: $0)) == true }
  }

  /// What a sync did, stream by stream: what the fetch brought that was new, what was merged
  /// into this clone's streams, and what the push sent.
  public struct Summary: Sendable {
    public var fetched: [LedgerStream] = []
    public var merged: [LedgerStream] = []
    public var pushed: [LedgerStream] = []
    public var rounds = 0
  }

  private func remoteTarget(_ stream: LedgerStream, of remote: String) -> ObjectID? {
    (try? repository.referenceTarget("refs/tillit/remotes/\(remote)/v1/\(stream.rawValue)")).flatMap { $0 }  // unreadable: as none
  }

  public func sync(remote: String, maximumRounds: Int = 10) throws -> Summary {
    let workdir = repository.workdir ?? repository.commonDir
    var summary = Summary()
    for round in 1...maximumRounds {
      summary.rounds = round
      let before = LedgerStream.allCases.map { remoteTarget($0, of: remote) }
      let options = try fetchOptions(remote: remote, in: workdir)
      let fetch = try GitCommand.run(["fetch", "--quiet", "--no-tags"] + options + [remote, Self.fetchRefspec(remote: remote)], in: workdir)
      guard fetch.status == 0 else {
        // The network, the remote or the credentials: not a mistake in how tillit was called.
        throw TillitError.environment("git fetch \(remote) failed: \(fetch.output.trimmingSpaces)")
      }
      for (stream, old) in zip(LedgerStream.allCases, before) where remoteTarget(stream, of: remote) != old && !summary.fetched.contains(stream) {
        summary.fetched.append(stream)
      }
      var pushable: [LedgerStream] = []
      var warnings: [String] = []
      for stream in LedgerStream.allCases {
        let outcome = try merge(stream, from: remote, warnings: &warnings)
        if outcome.moved, !summary.merged.contains(stream) { summary.merged.append(stream) }
        if outcome.pushable { pushable.append(stream) }
      }
      // What was left out (the remote's entries that are not sound events, streams that are
      // not ledgers), with what to do about them; each once however many rounds meet it.
      warnings.forEach { Diagnostics.warning($0) }
      guard !pushable.isEmpty else { return summary }
      let sending = pushable.filter { (try? repository.referenceTarget($0.localRef)).flatMap { $0 } != remoteTarget($0, of: remote) }
      let push = try GitCommand.run(["push", "--quiet", "--porcelain", remote] + pushable.map { "\($0.localRef):\($0.localRef)" }, in: workdir)
      if push.status == 0 {
        summary.pushed = sending
        return summary
      }
      // Refused by the remote itself (a hook, a protected ref): another round cannot help.
      if let refusal = Self.refusal(inPushOutput: push.output) {
        throw TillitError.environment(
          "\(remote) refused \(refusal)",
          hint: "ask whoever looks after \(remote) to accept pushes to refs/tillit/v1/*, or share the ledger through another remote (tillit ledger sync REMOTE)"
        )
      }
      guard push.output.contains("rejected") || push.output.contains("fetch first") || push.output.contains("non-fast-forward") else {
        throw TillitError.environment("git push \(remote) failed: \(push.output.trimmingSpaces)")
      }
    }
    throw TillitError.environment("the ledger kept changing on \(remote) during \(maximumRounds) rounds of sync", hint: "run tillit ledger sync again")
  }

  /// What the remote refused, from `git push --porcelain`'s output: each ref the remote
  /// rejected itself (`[remote rejected]` — a hook, a protected ref) with its reason, then what
  /// the remote said (its `remote:` lines); nil when it refused none. Not refusals: `[rejected]`
  /// (someone pushed first) and a ref the remote could not lock or update because another push
  /// was moving it (`failed to update ref`, `failed to lock`): another round sorts those out.
  static func refusal(inPushOutput output: String) -> String? {
    let lines = output.split(separator: "\n").map { String($0).trimmingSpaces }
    let refused = lines.compactMap { line -> String? in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count >= 3, fields[0] == "!", fields[2].hasPrefix("[remote rejected]") else { return nil }
      let reason = String(fields[2].dropFirst("[remote rejected]".count)).trimmingSpaces
      guard !reason.contains("failed to update ref"), !reason.contains("failed to lock") else { return nil }
      let ref = fields[1].split(separator: ":").last.map(String.init) ?? String(fields[1])
      return reason.isEmpty ? ref : "\(ref) \(reason)"
    }
    guard !refused.isEmpty else { return nil }
    let said = lines.filter { $0.hasPrefix("remote:") }.map { String($0.dropFirst("remote:".count)).trimmingSpaces }.filter { !$0.isEmpty }
    return refused.joined(separator: ", ") + (said.isEmpty ? "" : ": " + said.joined(separator: " "))
  }

  /// Brings the fetched copy of `stream` into the local one. Says whether the local one moved,
  /// and whether it may be pushed: not when either copy is not a stream (git would refuse to
  /// replace the remote's without force, and this clone's is not a ledger to share).
  func merge(_ stream: LedgerStream, from remote: String, warnings: inout [String]) throws -> (moved: Bool, pushable: Bool) {
    let remoteRef = "refs/tillit/remotes/\(remote)/v1/\(stream.rawValue)"
    var mover = StreamMover(repository: repository)
    while true {
      let theirs: StreamTip?
      let ours: StreamTip?
      do {
        theirs = try store.tip(of: remoteRef)
      } catch LedgerError.notAStream(_, let reason) {
        warnings.append(
          "\(remoteRef): skipped: \(reason); \(stream.localRef) was not pushed: ask whoever looks after \(remote) to delete its \(stream.localRef)")
        return (false, false)
      }
      do {
        ours = try store.tip(of: stream.localRef)
      } catch LedgerError.notAStream(_, let reason) {
        warnings.append(
          "\(stream.localRef): skipped: \(reason); not merged or pushed: see what it holds with git cat-file -t \(stream.localRef), and if it is nothing of yours delete it with git update-ref -d \(stream.localRef)"
        )
        return (false, false)
      }
      guard let theirs else { return (false, ours != nil) }
      if let ours, try ours.commit == theirs.commit || repository.isDescendant(ours.commit, of: theirs.commit) { return (false, true) }
      let fresh = try soundEvents(of: theirs, missingFrom: ours, warnings: &warnings)
      guard ours != nil || !fresh.isEmpty else { return (false, false) }
      let tree = try store.treeAdding(fresh, to: ours?.tree)
      let theirsFollowsOurs = try ours.map { try repository.isDescendant(theirs.commit, of: $0.commit) } ?? true
      let target: ObjectID
      if theirsFollowsOurs && tree == theirs.tree {
        target = theirs.commit  // theirs holds exactly what a merge would: a fast-forward
      } else {
        // Their commit is a parent, so that the push is not refused; the tree holds only what passed.
        let lamport = max(try ours.map(store.lamport(of:)) ?? 0, try store.lamport(of: theirs))
        let parents = (theirsFollowsOurs ? [] : ours.map { [$0.commit] } ?? []) + [theirs.commit]
        target = try repository.writeCommit(tree: tree, parents: parents, message: LedgerStore.message("merge \(remote)", lamport: lamport))
      }
      if try mover.move(stream.localRef, to: target, expecting: ours?.commit, message: "tillit: sync with \(remote)") { return (true, true) }
    }
  }

  /// The events of `theirs` that pass a read's checks and that `ours` does not hold; the rest
  /// become warnings. Folders `ours` holds the same (by tree id) are not read.
  func soundEvents(of theirs: StreamTip, missingFrom ours: StreamTip?, warnings: inout [String]) throws -> [ObjectID] {
    let held = try ours.map { try store.eventIDs(in: $0.tree) } ?? []
    let heldBuckets = Set(ours?.buckets.map(\.id) ?? [])
    var seen: Set<ObjectID> = []
    let checked = store.checkedEvents(in: [theirs], warnings: &warnings, skipBucket: { heldBuckets.contains($0) }) { id, _ in
      !held.contains(id) && seen.insert(id).inserted
    }
    return checked.entries.map(\.id)
  }
}
