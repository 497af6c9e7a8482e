import TillitGit
import TillitSystem

/// Which checks to leave out, as the user asked.
public struct CheckFilter: Sendable {
  public var only: Set<String>
  public var skip: Set<String>
  public var skipAll: Bool

  public init(only: Set<String> = [], skip: Set<String> = [], skipAll: Bool = false) {
    self.only = only
    self.skip = skip
    self.skipAll = skipAll
  }

  /// Whether `word` (of `--only`, `--skip`, `TILLIT_SKIP`) names `check`: its whole name
  /// (`web/lint` for a check of `web/.tillit.yml`), or its own name in whichever file (`lint`).
  static func word(_ word: String, names check: CheckDefinition) -> Bool {
    word == check.name || (check.name.hasSuffix("/" + word) && !word.contains("/"))
  }

  func isOnly(_ check: CheckDefinition) -> Bool { only.contains { Self.word($0, names: check) } }
  func skips(_ check: CheckDefinition) -> Bool { skip.contains { Self.word($0, names: check) } }

  /// Adds `TILLIT=0` (skip everything) and `TILLIT_SKIP=a,b` from the environment.
  public mutating func addEnvironment(_ environment: (String) -> String? = ProcessEnvironment.value) {
    if environment("TILLIT") == "0" { skipAll = true }
    if let names = environment("TILLIT_SKIP") {
      skip.formUnion(names.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty })
    }
  }
}

/// A check and what to do with it in this run.
public struct PlannedCheck: Sendable {
  public enum Action: Sendable {
    case run(passedFiles: [RepoPath], cacheKey: ObjectID)
    case skip(reason: String)
    case cached
  }

  public let definition: CheckDefinition
  public let action: Action

  /// Whether this check will run.
  var runs: Bool {
    guard case .run = action else { return false }
    return true
  }

  /// Whether this check will run in a snapshot of the content (a built-in reads the content's
  /// blobs instead).
  var needsSnapshot: Bool { runs && definition.isolation == .snapshot && definition.builtin == nil }
}

/// Decides, for each check, whether this change concerns it and whether a cached pass covers it.
public struct CheckPlanner {
  public let cache: ResultCache?
  /// Up to this many changed paths, a check that passes files finds each in the content by
  /// itself; beyond, the content is listed once.
  static let pathsLookedUpOneByOne = 256

  public init(cache: ResultCache?) { self.cache = cache }

  /// `known` is every check, of all stages: `--only` and `TILLIT_SKIP` may name a check of
  /// another stage (a commit runs pre-commit, then commit-msg, with the same variables).
  public func plan(_ checks: [CheckDefinition], known: [CheckDefinition]? = nil, for subject: CheckSubject, filter: CheckFilter) throws -> [PlannedCheck] {
    let all = known ?? checks
    let unknown = filter.only.union(filter.skip).filter { word in !all.contains { CheckFilter.word(word, names: $0) } }
    if let name = unknown.sorted().first {
      let known = all.map(\.name).joined(separator: ", ")
      throw CheckError.usage("there is no check named '\(name)'; the checks are: \(known.isEmpty ? "(none)" : known)")
    }
    var existing: [RepoPath: FileEntry]?  // built only when a check passes files
    return try checks.map { check in
      PlannedCheck(definition: check, action: try action(for: check, subject: subject, existing: &existing, filter: filter))
    }
  }

  private func action(for check: CheckDefinition, subject: CheckSubject, existing: inout [RepoPath: FileEntry]?, filter: CheckFilter) throws
    -> PlannedCheck.Action
  {
    if filter.skipAll { return .skip(reason: "TILLIT=0") }
    if !filter.only.isEmpty && !filter.isOnly(check) { return .skip(reason: "not in --only") }
    if filter.skips(check) { return .skip(reason: "skipped on request") }
    let touched = subject.changedPaths.filter(check.concerns)
    // A message check on every file also runs when no file changed (`--allow-empty`, `--amend`);
    // one of a folder only when its folder changed.
    let checksEveryMessage = check.stage == .commitMessage && check.files.isEmpty && check.root.bytes.isEmpty
    guard !touched.isEmpty || checksEveryMessage else { return .skip(reason: "no matching files") }
    let inputs: [FileEntry]
    if check.passFiles {
      var seen: Set<RepoPath> = []
      let found: [FileEntry]
      if existing == nil && touched.count <= Self.pathsLookedUpOneByOne {
        // A few changed files: looked up one by one, without listing the whole content.
        found = try touched.compactMap { try subject.entry(at: $0) }
      } else {
        let files = try existing ?? Dictionary(subject.files().map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        existing = files
        found = touched.compactMap { files[$0] }
      }
      inputs = found.filter { $0.mode != .submodule && seen.insert($0.path).inserted }
      guard !inputs.isEmpty else { return .skip(reason: "only deletions match") }
    } else {
      inputs = try subject.files().filter { check.concerns($0.path) }
    }
    let key = ResultCache.key(for: check, inputs: inputs)
    // A built-in costs less to run than its cache entry costs to write (a file per pass).
    if check.builtin == nil, let cache, cache.hasPassed(key) { return .cached }
    return .run(passedFiles: check.passFiles ? inputs.map(\.path) : [], cacheKey: key)
  }
}
