import TillitGit
import TillitSystem

/// HEAD's reflog, as far as the post-commit hook needs it: whether the commit just made is a new
/// version of one that was there (`git commit --amend`, a rebase replaying a commit) rather
/// than new history.
public enum HeadLog {
  /// Whether the last entry of HEAD's reflog is an amend or a rebase step. False when there is
  /// no reflog (`core.logAllRefUpdates` off): the commit is taken as new.
  public static func lastEntryRewrites(_ repository: Repository) -> Bool {
    guard let bytes = try? FileSystem.read(repository.gitDir + "/logs/HEAD") else { return false }
    var end = bytes.count
    while end > 0 && bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
    var start = end
    while start > 0 && bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
    guard let tab = bytes[start..<end].firstIndex(of: UInt8(ascii: "\t")) else { return false }
    let action = String(decoding: bytes[(tab + 1)..<end], as: UTF8.self)
    return action.hasPrefix("commit (amend)") || action.hasPrefix("rebase")
  }
}
