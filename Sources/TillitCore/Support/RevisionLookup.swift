import TillitGit
import TillitSystem

extension Repository {
  /// The commit `revision` names, or a usage error that says so in words and what to give
  /// instead (`alsoAccepted` names any other form the command takes, such as a range).
  public func commit(named revision: String, alsoAccepted: String? = nil) throws -> ObjectID {
    do {
      return try resolveCommit(revision)
    } catch let error as GitError {
      let forms = "a commit such as HEAD~1, a branch or an id" + (alsoAccepted.map { ", or \($0)" } ?? "")
      switch error.reason {
      case .notFound, .invalidName: throw TillitError.usage("'\(revision)' names no commit here", hint: "give \(forms)")
      case .ambiguous: throw TillitError.usage("'\(revision)' is ambiguous: \(error)", hint: "give more of the id, or \(forms)")
      case .wrongKind: throw TillitError.usage("'\(revision)' does not name a commit: \(error)", hint: "give \(forms)")
      default: throw error
      }
    }
  }

  /// The two ends of `range`, each worded as `commit(named:)` words a revision naming nothing.
  public func commits(of range: RevisionRange) throws -> (from: ObjectID, to: ObjectID) {
    (try commit(named: range.from, alsoAccepted: "a range A..B"), try commit(named: range.to, alsoAccepted: "a range A..B"))
  }
}

/// A range `A..B` as git reads it: what B reaches and A does not; an empty side means HEAD.
/// The one reading of `A..B` for every command that takes a range (`check --range`, `reviewers`).
public struct RevisionRange: Sendable, Equatable {
  public let from: String
  public let to: String
  /// As the user wrote it, to name the range in messages.
  public let text: String

  /// The range `text` names, nil if it holds no `..` (a single revision), or a usage error for
  /// three dots (git's symmetric difference, which no command here takes).
  public static func parse(_ text: String) throws -> RevisionRange? {
    guard let dots = text.firstRange(of: "..") else { return nil }
    let to = text[dots.upperBound...]
    guard !to.hasPrefix(".") else { throw TillitError.usage("\(text): name a range with two dots, like main..HEAD") }
    let from = text[..<dots.lowerBound]
    return RevisionRange(from: from.isEmpty ? "HEAD" : String(from), to: to.isEmpty ? "HEAD" : String(to), text: text)
  }
}
