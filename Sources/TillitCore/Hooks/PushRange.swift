import TillitGit

/// One ref that `git push` is about to update, from the lines git writes to pre-push's stdin:
/// `<local ref> <local id> <remote ref> <remote id>`.
public struct PushedRef: Sendable, Equatable {
  public let localRef: String
  public let localID: ObjectID
  public let remoteRef: String
  public let remoteID: ObjectID

  /// Parses pre-push's stdin; malformed lines are an error naming the line.
  public static func parse(_ input: String) throws -> [PushedRef] {
    try input.split(separator: "\n").filter { !String($0).trimmingSpaces.isEmpty }.map { line in
      let fields = line.split(separator: " ")
      guard fields.count == 4, let local = ObjectID(hex: String(fields[1])), let remote = ObjectID(hex: String(fields[3])) else {
        throw CheckError.usage("pre-push: cannot read the line '\(line)' from git; expected '<local ref> <local id> <remote ref> <remote id>'")
      }
      return PushedRef(localRef: String(fields[0]), localID: local, remoteRef: String(fields[2]), remoteID: remote)
    }
  }

  /// Whether the push deletes the remote ref (nothing to check).
  public var isDeletion: Bool { localID.isZero }
}

/// Decides which commits a push sends, as a base to diff from.
public struct PushRange {
  let repository: Repository

  public init(repository: Repository) { self.repository = repository }

  /// The commit the pushed commits build on: the remote's current commit when this clone has it,
  /// otherwise the parent of the oldest commit no remote-tracking ref of `remote` has; nil when
  /// the push starts from the root. Returns `.none` when nothing new is pushed.
  public func base(for ref: PushedRef, remote: String) throws -> Base {
    if !ref.remoteID.isZero && repository.contains(ref.remoteID) {
      return ref.remoteID == ref.localID ? .nothingNew : .commit(ref.remoteID)
    }
    var oldest: ObjectID?
    let spec = WalkSpec(include: [ref.localID], excludeGlobs: ["refs/remotes/\(remote)/*"], oldestFirst: true)
    try repository.walk(spec) { id in
      oldest = id
      return false
    }
    guard let oldest else { return .nothingNew }
    guard let parent = try repository.commit(oldest).parents.first else { return .root }
    return .commit(parent)
  }

  /// The non-merge commits `ref` sends that are on no remote-tracking ref of `remote` (nor the
  /// remote's current commit): after a rebase onto the remote's branch, only the rebased
  /// commits. Oldest first.
  public func newCommits(for ref: PushedRef, remote: String) throws -> [ObjectID] {
    let known = !ref.remoteID.isZero && repository.contains(ref.remoteID) ? [ref.remoteID] : []
    var commits: [ObjectID] = []
    try repository.walk(WalkSpec(include: [ref.localID], exclude: known, excludeGlobs: ["refs/remotes/\(remote)/*"], oldestFirst: true)) { id in
      if try repository.commit(id).parents.count <= 1 { commits.append(id) }
      return commits.count <= 100
    }
    return commits
  }

  /// The non-merge commits `ref` brings to the remote branch it updates: those its current
  /// commit (or, when this clone lacks it, our remote-tracking ref of it) does not reach, even
  /// if another branch of the remote has them (a change reviewed on a topic branch, then
  /// pushed to main). Oldest first, at most `limit`.
  public func commitsNewToBranch(for ref: PushedRef, remote: String, limit: Int = 100) throws -> [ObjectID] {
    let known = !ref.remoteID.isZero && repository.contains(ref.remoteID)
    let tracking = ref.remoteRef.hasPrefix("refs/heads/") ? "refs/remotes/\(remote)/" + ref.remoteRef.dropFirst("refs/heads/".count) : nil
    let spec = WalkSpec(include: [ref.localID], exclude: known ? [ref.remoteID] : [], excludeGlobs: known ? [] : tracking.map { [$0] } ?? [])
    var commits: [ObjectID] = []
    try repository.walk(spec) { id in
      if try repository.commit(id).parents.count <= 1 { commits.append(id) }
      return commits.count < limit
    }
    return commits.reversed()
  }

  public enum Base: Equatable, Sendable {
    case commit(ObjectID)
    case root
    case nothingNew
  }
}
