import CLibgit2

/// What a history walk starts from, what it leaves out, and in which order it goes.
public struct WalkSpec: Sendable {
  public var include: [ObjectID]
  public var exclude: [ObjectID]
  /// Reference globs whose commits are left out, such as `refs/remotes/origin/*`.
  public var excludeGlobs: [String]
  /// Oldest first (topological, reversed) instead of newest first.
  public var oldestFirst: Bool
  /// Roughly newest first (git's default: parents queued by commit time), without the sorting
  /// that makes libgit2 read the whole history before the first commit: for walks that stop
  /// early.
  public var byTimeOnly: Bool

  public init(include: [ObjectID], exclude: [ObjectID] = [], excludeGlobs: [String] = [], oldestFirst: Bool = false, byTimeOnly: Bool = false) {
    self.include = include
    self.exclude = exclude
    self.excludeGlobs = excludeGlobs
    self.oldestFirst = oldestFirst
    self.byTimeOnly = byTimeOnly
  }
}

extension Repository {
  /// Calls `body` with each commit id of the walk; `body` returns false to stop early.
  public func walk(_ spec: WalkSpec, _ body: (ObjectID) throws -> Bool) throws {
    var walker: OpaquePointer?
    try check(git_revwalk_new(&walker, handle), "git_revwalk_new")
    defer { git_revwalk_free(walker) }
    var sorting = spec.byTimeOnly ? GIT_SORT_NONE.rawValue : GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue
    if spec.oldestFirst { sorting |= GIT_SORT_REVERSE.rawValue }
    try check(git_revwalk_sorting(walker, sorting), "git_revwalk_sorting")
    for id in spec.include {
      var raw = id.raw
      try check(git_revwalk_push(walker, &raw), "git_revwalk_push")
    }
    for id in spec.exclude {
      var raw = id.raw
      try check(git_revwalk_hide(walker, &raw), "git_revwalk_hide")
    }
    for glob in spec.excludeGlobs {
      try check(git_revwalk_hide_glob(walker, glob), "git_revwalk_hide_glob")
    }
    var raw = git_oid()
    while true {
      let code = git_revwalk_next(&raw, walker)
      if code == GIT_ITEROVER.rawValue { git_error_clear(); return }
      try check(code, "git_revwalk_next")
      guard try body(ObjectID(raw)) else { return }
    }
  }
}
