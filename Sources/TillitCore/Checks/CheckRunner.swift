import Dispatch
import Synchronization
import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Runs the planned checks, up to `jobs` at once, in the run's snapshot (or in the working
/// tree), each in its own process group, with its timeout; passes are remembered in the cache.
public final class CheckRunner: @unchecked Sendable {
  public struct Settings: Sendable {
    /// The git directory to open one repository per worker from.
    public var gitDirectory: String
    /// The working tree's root, for `isolation: worktree`; nil in a bare repository.
    public var workTree: String?
    /// The snapshot the run's `isolation: snapshot` checks share, moved to the content.
    public var snapshot: String?
    /// Paths of the work tree that differ from what is checked (unstaged edits, untracked
    /// files): an `isolation: worktree` check concerned by one would check other content, so it
    /// does not run. Nil when no such check runs.
    public var workTreeDifferences: Set<RepoPath>?
    public var state: StateDirectory
    public var jobs: Int
    /// Told when checks start and finish, from the workers' threads; nil to run silently.
    public var progress: (@Sendable (CheckProgress) -> Void)?
    /// Given to every check before any files (the commit message file, for commit-msg).
    public var arguments: [String] = []

    public init(
      gitDirectory: String, workTree: String?, snapshot: String?, state: StateDirectory, jobs: Int,
      progress: (@Sendable (CheckProgress) -> Void)? = nil
    ) {
      self.gitDirectory = gitDirectory
      self.workTree = workTree
      self.snapshot = snapshot
      self.state = state
      self.jobs = jobs
      self.progress = progress
    }
  }

  let settings: Settings
  let monitor: InterruptMonitor
  let cache: ResultCache?
  /// The repository the built-ins read blobs from (the session's, open already); nil: one is opened.
  var repository: Repository?
  private let worktreeLock = Mutex(())

  public init(settings: Settings, monitor: InterruptMonitor, cache: ResultCache?) {
    self.settings = settings
    self.monitor = monitor
    self.cache = cache
  }

  /// Runs `plan` against `subject`, returning one result per check in plan order.
  public func run(_ plan: [PlannedCheck], subject: CheckSubject) -> [CheckResult] {
    var results = [CheckResult?](repeating: nil, count: plan.count)
    var pending: [Int] = []
    for (position, planned) in plan.enumerated() {
      switch planned.action {
      case .skip(let reason): results[position] = CheckResult(name: planned.definition.name, outcome: .skipped, note: reason)
      case .cached: results[position] = CheckResult(name: planned.definition.name, outcome: .cached)
      case .run: pending.append(position)
      }
    }
    for case let result? in results { settings.progress?(.finished(result)) }
    pending = runBuiltins(plan, pending, subject: subject, into: &results)
    guard !pending.isEmpty else { return results.compactMap { $0 } }
    ProcessGuard.start()
    monitor.start()
    defer { monitor.stop() }
    let environment = ProcessEnvironment.all()
    let work = WorkQueue(pending: pending, results: results)
    let group = DispatchGroup()
    for _ in 0..<max(1, min(settings.jobs, pending.count)) {
      DispatchQueue.global().async(group: group) {
        while let position = work.take() {
          self.settings.progress?(.started(name: plan[position].definition.name))
          let result = self.execute(plan[position], subject: subject, environment: environment)
          work.finish(position, with: result)
          self.settings.progress?(.finished(result))
        }
      }
    }
    group.wait()
    return work.finished.enumerated().map { position, result in
      result ?? CheckResult(name: plan[position].definition.name, outcome: .interrupted)
    }
  }

  private func execute(_ planned: PlannedCheck, subject: CheckSubject, environment: [String: String]) -> CheckResult {
    let check = planned.definition
    guard case .run(let passedFiles, let cacheKey) = planned.action else {
      return CheckResult(name: check.name, outcome: .skipped)
    }
    let started = Clock.milliseconds()
    if monitor.isInterrupted { return CheckResult(name: check.name, outcome: .interrupted) }
    if check.isolation == .worktree, let differing = settings.workTreeDifferences?.filter(check.concerns).sorted().first {
      return CheckResult(
        name: check.name, outcome: .failed,
        note:
          "it runs in the work tree (isolation: worktree), which differs from what is checked at '\(differing)': stage it, or stash the rest (git stash --keep-index), or use isolation: snapshot"
      )
    }
    // Checks in the work tree run one at a time: two of them could write one file at once.
    guard check.isolation == .worktree else { return perform(check, files: passedFiles, cacheKey: cacheKey, started: started, environment: environment) }
    return worktreeLock.withLock { _ in perform(check, files: passedFiles, cacheKey: cacheKey, started: started, environment: environment) }
  }

  private func perform(_ check: CheckDefinition, files passedFiles: [RepoPath], cacheKey: ObjectID, started: Int, environment: [String: String]) -> CheckResult
  {
    var logPath: String?
    do {
      let logs = try settings.state.subdirectory("logs")
      logPath = logs + "/" + CheckResult.logFileName(of: check.name)
      let directory = try self.directory(for: check)
      let termination = try runBatches(check, files: passedFiles, directory: directory, logPath: logPath ?? "", environment: environment)
      let elapsed = Clock.milliseconds() - started
      switch termination {
      case .interrupted:
        return CheckResult(name: check.name, outcome: .interrupted, durationMs: elapsed, logPath: logPath)
      case .timedOut:
        return CheckResult(
          name: check.name, outcome: .timedOut, durationMs: elapsed, note: "stopped after \(Self.format(seconds: check.timeout ?? 0))", logPath: logPath)
      case .ended(let ending):
        if ending.succeeded { try? cache?.recordPass(cacheKey) }  // unrecorded: it runs again next time
        return CheckResult(name: check.name, outcome: ending.succeeded ? .passed : .failed, durationMs: elapsed, exitCode: ending.exitCode, logPath: logPath)
      }
    } catch {
      // The check could not start (a missing command, a snapshot that could not be written):
      // the reason is all there is to show.
      if let logPath { unlink(logPath) }
      return CheckResult(name: check.name, outcome: .failed, durationMs: Clock.milliseconds() - started, note: "\(error)")
    }
  }

  /// Runs the built-ins among `pending` here, one after the other on one repository handle (each
  /// takes microseconds: a worker thread would cost more); returns the positions still to run.
  private func runBuiltins(_ plan: [PlannedCheck], _ pending: [Int], subject: CheckSubject, into results: inout [CheckResult?]) -> [Int] {
    let builtins = pending.filter { plan[$0].definition.builtin != nil }
    guard !builtins.isEmpty else { return pending }
    let runner = Result {
      BuiltinRunner(repository: try repository ?? Repository(exactly: settings.gitDirectory), logs: try settings.state.subdirectory("logs"))
    }
    for position in builtins {
      let check = plan[position].definition
      settings.progress?(.started(name: check.name))
      let result: CheckResult
      switch (runner, plan[position].action) {
      case _ where monitor.isInterrupted: result = CheckResult(name: check.name, outcome: .interrupted)
      case (.success(let runner), .run): result = runner.result(of: check, subject: subject)
      case (.failure(let error), _): result = CheckResult(name: check.name, outcome: .failed, note: "\(error)")
      default: result = CheckResult(name: check.name, outcome: .skipped)
      }
      results[position] = result
      settings.progress?(.finished(result))
    }
    return pending.filter { plan[$0].definition.builtin == nil }
  }

  /// Where the check runs: its root in the snapshot or the work tree.
  private func directory(for check: CheckDefinition) throws -> String {
    var base: String
    switch check.isolation {
    case .worktree:
      guard let workTree = settings.workTree else {
        throw CheckError.usage("check '\(check.name)' uses isolation: worktree, but this repository has no working tree")
      }
      base = workTree
    case .snapshot:
      guard let snapshot = settings.snapshot else { throw CheckError.usage("check '\(check.name)' has no snapshot to run in") }
      base = snapshot
    }
    while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
    guard !check.root.bytes.isEmpty else { return base }
    let folder = base + "/" + check.root.description
    guard FileSystem.isDirectory(folder) else {
      throw CheckError.usage(
        "check '\(check.name)' runs in \(check.root)/ (its root), which is not a folder of what is checked: add files there, or correct root:")
    }
    return folder
  }

  private enum RunEnding {
    case ended(Termination)
    case timedOut
    case interrupted
  }

  /// Runs the check once, or once per batch of files when they do not fit one argv.
  private func runBatches(_ check: CheckDefinition, files: [RepoPath], directory: String, logPath: String, environment parent: [String: String]) throws
    -> RunEnding
  {
    let base = (check.command.argv + settings.arguments).map { Array($0.utf8) }
    let environment = childEnvironment(for: check, inheriting: parent)
    // Passed as seen from where the check runs, its root.
    let arguments = files.map { (check.relative($0) ?? $0).passedAsArgument }
    let batches = files.isEmpty ? [[]] : ArgumentBatcher.batches(arguments, after: base, environment: environment)
    let deadline = check.timeout.map { Double(Clock.milliseconds()) / 1000 + $0 }
    var worst: Termination = .exited(0)
    for (number, batch) in batches.enumerated() {
      let launch = ProcessLaunch(argv: base + batch, environment: environment, directory: directory, output: .log(path: logPath, append: number > 0))
      let ending = try runOne(launch, deadline: deadline)
      guard case .ended(let termination) = ending else { return ending }
      if !termination.succeeded && worst.succeeded { worst = termination }
    }
    return .ended(worst)
  }

  private func runOne(_ launch: ProcessLaunch, deadline: Double?) throws -> RunEnding {
    let pid = try ProcessGroupRunner.spawn(launch)
    let stillRunning = monitor.register(pid)
    if !stillRunning { ProcessGroupRunner.signalGroup(pid, SIGTERM) }
    let state = ProcessState()
    if let deadline {
      let delay = max(0, deadline - Double(Clock.milliseconds()) / 1000)
      DispatchQueue.global().asyncAfter(deadline: .now() + delay) {
        guard state.markTimedOut() else { return }
        ProcessGroupRunner.signalGroup(pid, SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + InterruptMonitor.gracePeriod) {
          if state.isRunning { ProcessGroupRunner.signalGroup(pid, SIGKILL) }
        }
      }
    }
    // Wait without reaping, so that no signal can reach a recycled pid; then reap.
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
    let timedOut = state.markEnded()
    monitor.unregister(pid)
    let termination = ProcessGroupRunner.wait(pid)
    if timedOut { return .timedOut }
    if monitor.isInterrupted { return .interrupted }
    return .ended(termination)
  }

  private func childEnvironment(for check: CheckDefinition, inheriting parent: [String: String]) -> [[UInt8]] {
    var environment = parent
    if check.isolation == .snapshot {
      // The snapshot is not a repository: git commands in it must not reach the real one, which
      // holds it (`.git/tillit/snapshots/`); the ceiling stops git's search at the snapshot.
      for name in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX"] { environment[name] = nil }
      let ceiling = settings.state.path + "/snapshots"
      environment["GIT_CEILING_DIRECTORIES"] = [ceiling, environment["GIT_CEILING_DIRECTORIES"]].compactMap { $0 }.joined(separator: ":")
      environment["TILLIT_SNAPSHOT"] = settings.snapshot
    }
    if var workTree = settings.workTree {
      while workTree.count > 1 && workTree.hasSuffix("/") { workTree.removeLast() }
      environment["TILLIT_REPO"] = workTree
    }
    environment["TILLIT_CHECK"] = check.name
    environment["TILLIT_ISOLATION"] = check.isolation.rawValue
    return ProcessEnvironment.entries(environment)
  }

  static func format(seconds: Double) -> String {
    seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(seconds / 60))m" : "\(seconds.formatted)s"
  }
}

/// The positions of the checks still to run, handed to workers one at a time, and their results.
private final class WorkQueue: @unchecked Sendable {
  private let lock = Mutex(())
  private let pending: [Int]
  private var next = 0
  private var results: [CheckResult?]

  init(pending: [Int], results: [CheckResult?]) {
    self.pending = pending
    self.results = results
  }

  func take() -> Int? {
    lock.withLock { _ in
      guard next < pending.count else { return nil }
      defer { next += 1 }
      return pending[next]
    }
  }

  func finish(_ position: Int, with result: CheckResult) {
    lock.withLock { _ in results[position] = result }
  }

  var finished: [CheckResult?] { lock.withLock { _ in results } }
}

/// Whether a process still runs or was stopped for its timeout, shared with the timer.
private final class ProcessState: @unchecked Sendable {
  private let lock = Mutex(())
  private var ended = false
  private var timedOut = false

  var isRunning: Bool { lock.withLock { _ in !ended } }

  /// Marks the timeout; false when the process had already ended.
  func markTimedOut() -> Bool {
    lock.withLock { _ in
      guard !ended else { return false }
      timedOut = true
      return true
    }
  }

  /// Marks the end; returns whether the timeout had fired.
  func markEnded() -> Bool {
    lock.withLock { _ in
      ended = true
      return timedOut
    }
  }
}
