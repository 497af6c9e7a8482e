import ArgumentParser
import TillitCore

// The domain's closed sets, as ArgumentParser reads them: a value outside the set is refused
// while parsing, with the accepted values named, and `--help` lists them.

extension CheckDefinition.Stage: ExpressibleByArgument {}

extension LedgerStream: ExpressibleByArgument {}

/// `--approve`, `--request-changes` or `--comment`: exactly one, by construction.
extension ReviewLedger.Verdict: EnumerableFlag {
  public static func name(for value: Self) -> NameSpecification {
    value == .changesRequested ? .customLong("request-changes") : .long
  }

  public static func help(for value: Self) -> ArgumentHelp? {
    switch value {
    case .approve: "Approve the change."
    case .changesRequested: "Ask for changes."
    case .comment: "Comment without a verdict."
    }
  }
}

/// `check --staged` or `check --all`: the index as staged, or every file of it as if all had changed.
enum IndexSelection: EnumerableFlag {
  case staged, all

  static func help(for value: Self) -> ArgumentHelp? {
    switch value {
    case .staged: "Check what is staged: the index (the default)."
    case .all: "Check every file in the index, as staged, as if all had changed."
    }
  }
}
