import ArgumentParser
import TillitCore
import TillitGit
import TillitReport
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// `tillit hook PATH|NAME ARGS...`: what the installed hook scripts run, passing their own path
/// (so the hook they replaced is found beside them). Returns the exit code git sees.
enum HookRunner {
  /// The hook's repository, held until the process exits: freeing libgit2's handle first (each
  /// pack it opened unmapped and closed, one by one) only delays git's next step, and the
  /// exit lets go of it all at once. Everything is written by then.
  nonisolated(unsafe) private static var kept: Repository?

  static func run(_ commandLine: [String]) -> Int32 {
    guard let hook = commandLine.first else {
      Output.error("tillit: usage: tillit hook NAME [ARGUMENTS...] (the installed hook scripts call this)\n")
      return 2
    }
    return exitCode { try runHook(hook, arguments: Array(commandLine.dropFirst())) }
  }

  private static func runHook(_ hook: String, arguments: [String]) throws {
    PhaseTimings.begin()
    let slash = hook.lastIndex(of: "/")
    let fileName = slash.map { String(hook[hook.index(after: $0)...]) } ?? hook
    // Started as pre-commit.legacy by a manager that took the hook's place and runs Tillit's
    // after its own: that manager's hook is running already, so the one kept in
    // tillit-chained/ (its earlier copy) is not started again.
    let movedAside = HookInstaller.movedAsideSuffixes.first { fileName.hasSuffix($0) && HookInstaller.hookNames.contains(String(fileName.dropLast($0.count))) }
    let name = movedAside.map { String(fileName.dropLast($0.count)) } ?? fileName
    guard HookInstaller.hookNames.contains(name) else {
      throw TillitError.usage("there is no '\(name)' hook; Tillit runs \(HookInstaller.hookNames.joined(separator: ", "))")
    }
    let repository = try Repository()
    kept = repository
    PhaseTimings.mark("repository opened")
    let input = name == "pre-push" || name == "post-rewrite" ? readStandardInput() : nil
    let inputFile = try input.map { try TemporaryFile(holding: Array($0.utf8)) }
    defer { inputFile?.remove() }
    let hooksDirectory = try slash.map { String(hook[..<$0]) } ?? HookInstaller(repository: repository).hooksDirectory().path
    if movedAside == nil,
      let chained = try ChainedHook.run(
        hooksDirectory: hooksDirectory, name: name, hookPath: hooksDirectory + "/" + name, arguments: arguments, inputPath: inputFile?.path),
      !chained.succeeded
    {
      Output.error("tillit: the earlier \(name) hook (kept in \(ChainedHook.folderName)/) failed with exit \(chained.exitCode)\n")
      throw ExitCode(chained.exitCode)
    }
    if ProcessEnvironment.value("TILLIT") == "0" { return }
    if name == "post-commit" { return suggestReviewers(repository) }
    if name == "post-rewrite" { return recordRewrites(repository, how: arguments.first ?? "rewrite", input: input ?? "") }
    let subjects: [CheckSubject]
    var options = CheckSession.Options(fromHook: true)
    options.filter.addEnvironment()
    if name == "pre-push" {
      options.stage = .prePush
      subjects = try pushSubjects(repository, remote: arguments.first ?? "origin", input: input ?? "")
    } else if name == "commit-msg" {
      guard let message = arguments.first, !message.isEmpty else {
        throw TillitError.usage("commit-msg: git passes the commit message file's path, and none came; run this through git commit")
      }
      options.stage = .commitMessage
      options.messageFile = FileSystem.absolute(message)
      subjects = [try CheckSubject.staged(in: repository)]
    } else {
      subjects = [try CheckSubject.staged(in: repository)]
    }
    PhaseTimings.mark("staged changes read")
    let code = try CheckExecution.run(subjects: subjects, repository: repository, options: options, format: .table, descriptor: STDERR_FILENO)
    if code != 0 { throw ExitCode(code) }
    if name == "pre-push" { try holdToShipPolicy(repository, remote: arguments.first ?? "origin", input: input ?? "") }
    if name == "pre-push" { requestReviewsOfPush(repository, remote: arguments.first ?? "origin", input: input ?? "") }
  }

  /// After a commit: a few lines naming the suggested reviewers, recorded as `review.requested`
  /// when `reviewers.request-on: commit` and the commit is new (not an amend or a rebase's
  /// copy of a change asked for already: the post-rewrite hook links those). After an amend or
  /// a rebase the model at hand is reused. The commit is made already, so nothing here fails it.
  private static func suggestReviewers(_ repository: Repository) {
    do {
      let settings = try ConfigLoader(repository: repository).knowledgeSettings()
      let suggestion = ReviewerSuggestion(repository: repository, settings: settings)
      let rewriting = HeadLog.lastEntryRewrites(repository)
      guard suggestion.base.isQuickToLoad(reusingRewritten: rewriting) else {
        buildInBackground(repository)
        Output.error(
          "tillit: learning who knows what from the history, in the background; reviewer suggestions start with your next commit (or run tillit reviewers)\n")
        return
      }
      let result = try suggestion.suggest(
        .revision("HEAD"), mode: settings.mode, count: settings.count, reusingRewritten: rewriting,
        repeatingKnownGaps: false)
      var recorded = false
      if settings.requestOn == .commit, !rewriting, !result.recommendation.reviewers.isEmpty {
        do {
          recorded = try ReviewLedger(repository: repository).recordRequest(result.recommendation, identity: LedgerIdentity(repository: repository)) != nil
        } catch {
          Output.error("tillit: the suggestion was not recorded: \(TillitError(error))\n")
        }
      }
      Output.error(RecommendationRenderer.hookLines(result.recommendation, recorded: recorded))
    } catch {
      Output.error("tillit: no reviewer suggestion: \(TillitError(error))\n")
    }
  }

  /// After an amend or a rebase: the new versions of changes under review, in the ledger.
  private static func recordRewrites(_ repository: Repository, how: String, input: String) {
    do {
      try ReviewLedger(repository: repository).recordRewrites(how: how, input: input, identity: LedgerIdentity(repository: repository))
    } catch {
      Output.error("tillit: the new versions were not recorded: \(TillitError(error))\n")
    }
  }

  /// Before a push that passed its checks, with `reviewers.request-on: push`: one suggestion
  /// for the commits the push sends that no remote-tracking ref of `remote` has (a series gets
  /// one set of reviewers, from all its files), recorded as one request per change not asked
  /// for yet. Never stops the push.
  private static func requestReviewsOfPush(_ repository: Repository, remote: String, input: String) {
    do {
      let settings = try ConfigLoader(repository: repository).knowledgeSettings()
      guard settings.requestOn == .push else { return }
      let suggestion = ReviewerSuggestion(repository: repository, settings: settings)
      for ref in try PushedRef.parse(input) where !ref.isDeletion && ref.localRef.hasPrefix("refs/heads/") {
        let commits = try PushRange(repository: repository).newCommits(for: ref, remote: remote)
        guard !commits.isEmpty, commits.count <= 100, suggestion.base.isQuickToLoad(reusingRewritten: true) else { continue }
        let label = commits.count == 1 ? String(ref.localID.hex.prefix(12)) : "\(commits.count) commits of \(ref.localRef)"
        let result = try suggestion.suggest(
          .series(commits, last: ref.localID, label: label), mode: settings.mode, count: settings.count,
          reusingRewritten: true, repeatingKnownGaps: false)
        let recorded = try ReviewLedger(repository: repository).recordSeriesRequest(
          result.recommendation, commits: commits, identity: LedgerIdentity(repository: repository))
        Output.error(RecommendationRenderer.hookLines(result.recommendation, recorded: recorded > 0))
      }
    } catch {
      Output.error("tillit: no review request recorded for this push: \(TillitError(error))\n")
    }
  }

  /// Before a push to a branch of the ship policy (`ship.branches`): the commits it brings to
  /// that branch judged as `tillit ready` judges them; with `enforce: block` a push of one that
  /// is not ready is refused, with `warn` it goes on; either way the hook says what is missing.
  private static func holdToShipPolicy(_ repository: Repository, remote: String, input: String) throws {
    guard let config = try ConfigLoader(repository: repository).loadFromWorkTree(), !config.ship.branches.isEmpty else { return }
    let readiness = ShipReadiness(repository: repository, policy: config.ship, settings: config.knowledge)
    var refused = false
    for ref in try PushedRef.parse(input) where !ref.isDeletion && config.ship.covers(ref.remoteRef) {
      let changes = try readiness.evaluate(try PushRange(repository: repository).commitsNewToBranch(for: ref, remote: remote))
      guard !changes.allSatisfy(\.ready) else { continue }
      let block = config.ship.enforce == .block
      Output.error(ReadyRenderer.hookLines(changes, branch: String(ref.remoteRef.dropFirst("refs/heads/".count)), refused: block))
      refused = refused || block
    }
    if refused { throw ExitCode(1) }
  }

  /// Starts `tillit reviewers HEAD` on its own, output discarded, to build the model's cache.
  private static func buildInBackground(_ repository: Repository) {
    guard let binary = FileSystem.executablePath() else { return }
    let launch = ProcessLaunch(
      argv: [binary, "reviewers", "--repo", repository.workdir ?? repository.gitDir, "HEAD", "--format", "json"].map { Array($0.utf8) },
      environment: ProcessEnvironment.entries(), directory: repository.workdir ?? repository.gitDir,
      output: .log(path: "/dev/null", append: true))
    _ = try? ProcessGroupRunner.spawn(launch)  // not started: the next run builds the model itself
  }

  /// One subject per pushed ref that sends new commits.
  private static func pushSubjects(_ repository: Repository, remote: String, input: String) throws -> [CheckSubject] {
    let range = PushRange(repository: repository)
    var subjects: [CheckSubject] = []
    for ref in try PushedRef.parse(input) where !ref.isDeletion {
      switch try range.base(for: ref, remote: remote) {
      case .nothingNew: continue
      case .root: subjects.append(try CheckSubject.range(from: nil, to: ref.localID, in: repository))
      case .commit(let base): subjects.append(try CheckSubject.range(from: base, to: ref.localID, in: repository))
      }
    }
    return subjects
  }

  private static func readStandardInput() -> String {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
