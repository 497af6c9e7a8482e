import Testing
@testable import TillitCore

/// Which refused pushes `ledger sync` tries again (someone pushed first) and which it reports
/// at once (the remote will not take the ref), from git's own `push --porcelain` output.
@Suite struct PushRefusalTests {
  static let head = "To /srv/remote.git\n"

  @Test func aHookOrAProtectedRefIsARefusalWithWhatTheRemoteSaid() {
    let output =
      "remote: refs/tillit is read-only here        \n" + Self.head
      + "!\trefs/tillit/v1/reviews:refs/tillit/v1/reviews\t[remote rejected] (pre-receive hook declined)\nDone\n"
      + "error: failed to push some refs to '/srv/remote.git'\n"
    #expect(LedgerSync.refusal(inPushOutput: output) == "refs/tillit/v1/reviews (pre-receive hook declined): refs/tillit is read-only here")
    let two =
      Self.head + "!\trefs/tillit/v1/reviews:refs/tillit/v1/reviews\t[remote rejected] (protected branch hook declined)\n"
      + "!\trefs/tillit/v1/checks:refs/tillit/v1/checks\t[remote rejected]\n"
    #expect(LedgerSync.refusal(inPushOutput: two) == "refs/tillit/v1/reviews (protected branch hook declined), refs/tillit/v1/checks")
  }

  @Test(arguments: [
    "!\trefs/tillit/v1/reviews:refs/tillit/v1/reviews\t[rejected] (fetch first)\n",
    "!\trefs/tillit/v1/reviews:refs/tillit/v1/reviews\t[rejected] (non-fast-forward)\n",
    "!\trefs/tillit/v1/reviews:refs/tillit/v1/reviews\t[remote rejected] (failed to update ref)\n",
    "!\trefs/tillit/v1/reviews:refs/tillit/v1/reviews\t[remote rejected] (failed to lock)\n",
    "=\trefs/tillit/v1/checks:refs/tillit/v1/checks\t[up to date]\n",
  ]) func aRaceIsNoRefusal(line: String) {
    #expect(LedgerSync.refusal(inPushOutput: Self.head + line + "Done\n") == nil)
  }
}
