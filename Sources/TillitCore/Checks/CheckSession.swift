import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// One run of checks, from the configuration to the report: what `tillit check` and the hooks share.
public struct CheckSession {
  public struct Options: Sendable {
    public var stage: CheckDefinition.Stage
    public var filter: CheckFilter
    public var jobs: Int?
    public var useCache: Bool
    /// Run the repository's configuration without a stored approval (`--trust-config`, for CI,
    /// where the code under test runs anyway).
    public var trustConfig: Bool
    /// Started by a git hook (a skip is `--no-verify`) or by `tillit check`.
    public var fromHook: Bool
    /// Told when each check starts and finishes (see `CheckProgress`).
    public var progress: (@Sendable (CheckProgress) -> Void)?
    /// The commit message file's absolute path, for the commit-msg checks: appended to each
    /// one's arguments, and no cached pass stands in for a run (the cache does not key messages).
    public var messageFile: String?

    public init(
      stage: CheckDefinition.Stage = .preCommit, filter: CheckFilter = CheckFilter(), jobs: Int? = nil, useCache: Bool = true,
      trustConfig: Bool = false, fromHook: Bool = false
    ) {
      self.stage = stage
      self.filter = filter
      self.jobs = jobs
      self.useCache = useCache
      self.trustConfig = trustConfig
      self.fromHook = fromHook
    }
  }

  public enum Outcome {
    /// There is no `.tillit.yml` to read.
    case noConfig
    case ran(CheckReport)
  }

  let repository: Repository
  let monitor: InterruptMonitor

  public init(repository: Repository, monitor: InterruptMonitor) {
    self.repository = repository
    self.monitor = monitor
  }

  public func run(_ subject: CheckSubject, options: Options) throws -> Outcome {
    let started = Clock.milliseconds()
    guard let config = try ConfigLoader(repository: repository).load(for: subject) else { return .noConfig }
    PhaseTimings.mark("configuration read")
    let state = StateDirectory(repository: repository)
    let checks = config.checks(for: options.stage)
    if !options.trustConfig { try verifyApprovals(of: config, subject: subject, state: state, fromHook: options.fromHook) }
    PhaseTimings.mark("approval verified")
    let cache = options.useCache && options.messageFile == nil ? ResultCache(state: state) : nil
    // A folder that cannot be written stops the run as an environment error, named, instead of
    // failing each check with it.
    let logs = try state.subdirectory("logs")
    let plan = try CheckPlanner(cache: cache).plan(checks, known: config.checks, for: subject, filter: options.filter)
    PhaseTimings.mark("checks planned")
    // Ctrl-C is caught from here to the end of the run, fixes applied included: a fix is applied
    // whole, then the run stops. A run with nothing to do installs nothing.
    let watching = plan.contains(where: \.runs)
    if watching { monitor.start() }
    defer { if watching { monitor.stop() } }
    options.progress?(.planned(plan.map(\.definition)))
    // Built-in fixers first, in memory: the content they fix is what every other check sees.
    let builtinFixes = try BuiltinFixerRun(
      runner: BuiltinRunner(repository: repository, logs: logs), progress: options.progress
    ).run(plan, subject: subject)
    var snapshot: Snapshot?
    if plan.contains(where: \.needsSnapshot) {
      // A pushed tree is someone else's: refused before anything is written if malformed.
      if case .tree = subject.content { try SnapshotLayout.check(try subject.files()) }
      let inSnapshot = plan.filter(\.needsSnapshot).map(\.definition)
      let shared =
        try repository.workdir.map {
          try SharedFolders.folders(for: subject, configured: inSnapshot.flatMap(\.share), roots: inSnapshot.map(\.root), workTree: $0)
        } ?? []
      snapshot = try Snapshot(
        tree: try builtinFixes.fixedTree ?? subject.tree(), base: subject.base, shared: shared, workTree: repository.workdir, repository: repository,
        state: state)
    }
    PhaseTimings.mark("snapshot slot watched")
    defer {
      snapshot?.release()
      PhaseTimings.mark("snapshot slot released")
    }
    var settings = CheckRunner.Settings(
      gitDirectory: repository.gitDir, workTree: repository.workdir, snapshot: snapshot?.path, state: state,
      jobs: options.jobs ?? config.jobs ?? Self.processorCount, progress: options.progress)
    settings.arguments = options.messageFile.map { [$0] } ?? []
    if plan.contains(where: { $0.runs && $0.definition.isolation == .worktree }) {
      settings.workTreeDifferences = try workTreeDifferences(from: subject)
    }
    var results: [CheckResult]
    var fixes: FixSummary?
    if plan.contains(where: { $0.isFixer || $0.isBuiltinFixer }) {
      (results, fixes) = try runWithFixers(
        plan, checks: checks, config: config, subject: subject, snapshot: snapshot, builtinFixes: builtinFixes, settings: settings, cache: cache,
        options: options, state: state)
    } else {
      results = runner(settings, cache: cache).run(plan, subject: subject)
    }
    PhaseTimings.mark("checks run")
    do {
      try CheckLedger(repository: repository).record(results, of: plan, subject: subject)
    } catch {
      Diagnostics.warning("the check results were not recorded in the ledger: \(TillitError(error))")
    }
    PhaseTimings.mark("results recorded in the ledger")
    let rewritten = snapshot?.rewrittenTrackedFiles() ?? []
    return .ran(CheckReport(results: results, durationMs: Clock.milliseconds() - started, fixes: fixes, rewritten: rewritten))
  }

  /// The paths where the work tree is not the content checked: unstaged edits and untracked
  /// files against the index, and everything that differs from a pushed commit's tree.
  private func workTreeDifferences(from subject: CheckSubject) throws -> Set<RepoPath> {
    var paths = Set(try repository.workTreeChanges().map(\.path))
    if case .tree = subject.content, let head = try repository.headCommitID() {
      paths.formUnion(try repository.fileDifferences(from: try subject.tree(), to: try repository.treeID(ofCommit: head)).map(\.path))
      paths.formUnion(try repository.stagedChanges(in: try repository.index()).flatMap(\.paths))
    }
    return paths
  }

  /// Runs the fixers first, one at a time (the built-ins' have run), applies what they changed,
  /// then runs the other checks on the fixed tree, which the snapshot holds now: planned again
  /// on it, so a pass there is remembered under the fixed content's key, which the next commit stages.
  private func runWithFixers(
    _ plan: [PlannedCheck], checks: [CheckDefinition], config: ConfigFiles, subject: CheckSubject, snapshot: Snapshot?,
    builtinFixes: BuiltinFixerRun.Outcome, settings: CheckRunner.Settings, cache: ResultCache?, options: Options, state: StateDirectory
  ) throws -> ([CheckResult], FixSummary?) {
    var fixerResults = builtinFixes.results
    var fixedTree = builtinFixes.fixedTree
    if let snapshot, plan.contains(where: \.isFixer) {
      let fixers = try runSnapshotFixers(plan, subject: subject, snapshot: snapshot, settings: settings, cache: cache, options: options)
      fixerResults.merge(fixers.results) { _, snapshotFixer in snapshotFixer }
      fixedTree = fixers.fixedTree
    }
    var fixes: FixSummary?
    var fixedSubject = subject
    var fixedPlan = plan
    if let fixedTree, case let staged = try subject.tree(), fixedTree != staged {
      let differences = try repository.fileDifferences(from: staged, to: fixedTree)
      fixes = try applyFixes(differences, of: plan, subject: subject, state: state)
      fixedSubject = CheckSubject.fixed(subject, tree: fixedTree, changed: differences.map(\.path), in: repository)
      fixedPlan = try CheckPlanner(cache: cache).plan(checks, known: config.checks, for: fixedSubject, filter: options.filter)
    }
    let others = fixedPlan.enumerated().map { position, planned in
      fixerResults[position] == nil ? planned : PlannedCheck(definition: planned.definition, action: .skip(reason: "fixer"))
    }
    let rest = runner(settings, cache: cache).run(others, subject: fixedSubject)
    return (rest.enumerated().map { position, result in fixerResults[position] ?? result }, fixes)
  }

  /// The snapshot's fixers, each alone, starting from what the built-in fixers left.
  private func runSnapshotFixers(
    _ plan: [PlannedCheck], subject: CheckSubject, snapshot: Snapshot, settings: CheckRunner.Settings, cache: ResultCache?, options: Options
  ) throws -> (results: [Int: CheckResult], fixedTree: ObjectID) {
    // A fixer's result is known once its fixes are taken: FixerRun reports it, not the runner.
    var fixerSettings = settings
    if let report = options.progress {
      fixerSettings.progress = { event in
        if case .finished = event { return }
        report(event)
      }
    }
    return try FixerRun(
      runner: CheckRunner(settings: fixerSettings, monitor: monitor, cache: nil), snapshot: snapshot.path, cache: cache, progress: options.progress
    )
    .run(plan, subject: subject)
  }

  /// Applies the fixes to the index and the work tree when what is checked is the index; a
  /// pushed commit cannot be fixed, so its fixes are only reported (and stop the push).
  private func applyFixes(
    _ differences: [(path: RepoPath, old: FileEntry?, new: FileEntry?)], of plan: [PlannedCheck], subject: CheckSubject, state: StateDirectory
  ) throws -> FixSummary? {
    // Nothing is applied after Ctrl-C: the user asked to stop.
    guard !monitor.isInterrupted else { return nil }
    let stops = plan.contains { ($0.isFixer || $0.isBuiltinFixer) && $0.definition.onFix == .stop }
    guard subject.content == .index else {
      return FixSummary(applied: [], keptUnstaged: differences.map(\.path), patch: nil, stopsTheCommit: true, applies: false)
    }
    let outcome = try FixApplier(repository: repository, state: state).apply(differences)
    let indexFile = ProcessEnvironment.value("GIT_INDEX_FILE").map { String($0.split(separator: "/").last ?? "") }
    return FixSummary(
      applied: outcome.applied, keptUnstaged: outcome.keptUnstaged, patch: outcome.patch, stopsTheCommit: stops, applies: true,
      temporaryIndex: indexFile?.hasPrefix("next-index") == true)
  }

  /// A runner whose built-ins read through this session's repository.
  private func runner(_ settings: CheckRunner.Settings, cache: ResultCache?) -> CheckRunner {
    let runner = CheckRunner(settings: settings, monitor: monitor, cache: cache)
    runner.repository = repository
    return runner
  }

  static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

  /// Each file's approval: one that is not approved stops the run before anything runs, and
  /// says what to read and how to approve it.
  private func verifyApprovals(of config: ConfigFiles, subject: CheckSubject, state: StateDirectory, fromHook: Bool) throws {
    let trust = TrustStore(state: state)
    let content = ProgramContent(subject: subject, repository: repository)
    var unapproved: [(file: RepoPath, approval: Approval, changes: [String]?)] = []
    for file in config.files {
      let approval = try Approval(config: file.config, content: content)
      if !trust.isApproved(approval) { unapproved.append((file.path, approval, trust.changes(since: approval))) }
    }
    guard unapproved.isEmpty else { throw CheckError.untrusted(Self.untrustedMessage(unapproved, fromHook: fromHook)) }
  }

  static func untrustedMessage(_ unapproved: [(file: RepoPath, approval: Approval, changes: [String]?)], fromHook: Bool) -> String {
    var lines: [String] = []
    for (file, approval, changes) in unapproved {
      lines.append("\(TerminalText.escaped(file.description)) has commands this clone has not approved, so no check ran:")
      lines += approval.describedChecks
      if let changes, !changes.isEmpty {
        lines.append("Changed since this clone last approved it (a program line names a file and its content id):")
        lines += changes.prefix(20).map { "  " + $0 }
      }
    }
    lines.append(
      fromHook
        ? "Read them, then approve with `tillit trust` (or skip the checks once with git's --no-verify)."
        : "Read them, then approve with `tillit trust`; in CI, where the code under test runs anyway, use `tillit check --trust-config`.")
    return lines.joined(separator: "\n")
  }
}
