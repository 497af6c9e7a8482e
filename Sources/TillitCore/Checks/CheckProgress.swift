/// What a run of checks reports as it goes, for showing it live (`CheckSession.Options.progress`,
/// `CheckRunner.Settings.progress`). Reported from the runner's worker threads, so possibly from
/// several at once.
public enum CheckProgress: Sendable {
  /// The run's checks, in plan order, before any of them starts (told by `CheckSession`).
  case planned([CheckDefinition])
  /// A check's command is about to start.
  case started(name: String)
  /// A check's result: skipped and cached ones as a run starts, the others as they end. A check
  /// can be told twice (a fixer, then its place in the run after the fixers): the first counts.
  case finished(CheckResult)
}
