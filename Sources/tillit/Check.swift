import ArgumentParser
import TillitCore
import TillitGit
import TillitReport
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Run the checks of .tillit.yml on what is staged, or on the files or commits you name.",
    discussion: """
      Which copy each checks: --staged (the default) the index, what `git commit` would record; \
      --all every file of the index; --files the index with the named files as they are on disk \
      (unstaged edits included, the index itself left as it is), as `pre-commit run --files` does; \
      --range the commits' content. --message FILE runs the commit-msg checks on the staged content \
      with FILE as the message.
      Example: tillit check --range main..HEAD --only lint,unit --format json
      """)

  @OptionGroup var global: GlobalOptions
  @Flag var index: IndexSelection?
  @Option(
    name: .customLong("files"), parsing: .upToNextOption,
    help: ArgumentHelp("Check these files as they are on disk (unstaged edits included; the rest as staged), as if they had changed.", valueName: "path"))
  var files: [String] = []
  @Option(help: ArgumentHelp("Check what commits A..B change (the pre-push checks, unless --stage says otherwise).", valueName: "A..B"))
  var range: String?
  @Option(help: "Which stage's checks to run (default: commit-msg with --message, pre-push with --range, else pre-commit).")
  var stage: CheckDefinition.Stage?
  @Option(help: ArgumentHelp("Run the commit-msg checks with this file as the commit message.", valueName: "file"))
  var message: String?
  @Option(help: ArgumentHelp("Run only these checks.", valueName: "name,...")) var only: String?
  @Option(help: ArgumentHelp("Skip these checks.", valueName: "name,...")) var skip: String?
  @Option(help: "How many checks run at once (default: jobs in .tillit.yml, else one per core).") var jobs: Int?
  @Flag(help: "Run even checks whose input passed before.") var noCache = false
  @Flag(help: "Run the repository's .tillit.yml without a stored approval: for CI, where the code under test runs anyway (also TILLIT_TRUST_CONFIG=1).")
  var trustConfig = false
  @Option(help: "table or json.") var format: OutputFormat = .table
  @Flag(help: "Show the whole output of each failed check, not a long one's first and last lines.") var verbose = false

  func validate() throws {
    let chosen = [index != nil, !files.isEmpty, range != nil].filter { $0 }.count
    if chosen > 1 { throw ValidationError("choose one of --staged, --all, --files and --range") }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  func run() throws {
    try reportingErrors {
      let repository = try global.openRepository()
      let subject = try makeSubject(repository)
      var filter = CheckFilter(only: Self.names(only), skip: Self.names(skip))
      filter.addEnvironment()
      let chosenStage = stage ?? (message != nil ? .commitMessage : range == nil ? .preCommit : .prePush)
      let trusted = trustConfig || ProcessEnvironment.value("TILLIT_TRUST_CONFIG") == "1"
      var options = CheckSession.Options(stage: chosenStage, filter: filter, jobs: jobs, useCache: !noCache, trustConfig: trusted)
      options.messageFile = try messageFile(for: chosenStage)
      if ConfigLoader(repository: repository).hasUnstagedEdits(comparedWith: subject) {
        Output.error("tillit: note: .tillit.yml has edits that are not staged; the staged one is used (git add it to use yours)\n")
      }
      let code = try CheckExecution.run(
        subjects: [subject], repository: repository, options: options, format: format, descriptor: STDOUT_FILENO,
        verbose: verbose)
      if code != 0 { throw ExitCode(code) }
    }
  }

  private func makeSubject(_ repository: Repository) throws -> CheckSubject {
    if index == .all { return try CheckSubject.everything(in: repository) }
    if !files.isEmpty {
      let paths = try files.map { try RepositoryPath.relative($0, in: repository) }
      return try CheckSubject.files(paths, in: repository)
    }
    if let range {
      guard let parsed = try RevisionRange.parse(range) else { throw TillitError.usage("--range must look like A..B, such as main..HEAD") }
      let ends = try repository.commits(of: parsed)
      return try CheckSubject.range(from: ends.from, to: ends.to, in: repository)
    }
    return try CheckSubject.staged(in: repository)
  }

  /// The absolute path of `--message`, which the commit-msg stage needs and no other takes.
  private func messageFile(for stage: CheckDefinition.Stage) throws -> String? {
    guard stage == .commitMessage else {
      if message != nil { throw TillitError.usage("--message is for the commit-msg checks; leave out --stage, or say --stage commit-msg") }
      return nil
    }
    guard let message, !message.isEmpty else {
      throw TillitError.usage("the commit-msg checks read a commit message: name a file holding one with --message FILE")
    }
    let path = FileSystem.absolute(message)
    guard FileSystem.exists(path) else { throw TillitError.usage("--message: there is no file \(message)") }
    return path
  }

  static func names(_ list: String?) -> Set<String> {
    Set((list ?? "").split(separator: ",").map { $0.filter { $0 != " " } }.filter { !$0.isEmpty })
  }
}
