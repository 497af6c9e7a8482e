import Foundation
import Testing
import TillitCore
import TillitGit
import TillitTestSupport

/// Events signed with the person's git signing set-up (SSH keys made here with ssh-keygen),
/// checked against the allowed-signers file as they are read.
@Suite struct SignedEventTests {
  /// A repository whose user, ada@example.com, signs with an SSH key; the allowed-signers file
  /// lists her key only. `mallory` is a second key nobody allowed.
  struct Signing {
    let repo: TempRepo
    let adaKey: String
    let malloryKey: String

    init() throws {
      repo = try TempRepo()
      adaKey = repo.root + "/ada_key"
      malloryKey = repo.root + "/mallory_key"
      for key in [adaKey, malloryKey] {
        let made = try Command.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key], in: repo.root)
        guard made.status == 0 else { throw TestFailure("ssh-keygen: \(made.output)") }
      }
      let adaPublic = try String(contentsOfFile: adaKey + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
      try "ada@example.com namespaces=\"tillit\" \(adaPublic)\n".write(toFile: repo.root + "/allowed_signers", atomically: true, encoding: .utf8)
      try repo.git(["config", "gpg.format", "ssh"])
      try repo.git(["config", "user.signingKey", adaKey])
      try repo.git(["config", "gpg.ssh.allowedSignersFile", repo.root + "/allowed_signers"])
      try repo.write("a.txt", "one\n")
      try repo.commitAll("first")
    }

    func review(_ message: String, verdict: String = "--approve") throws {
      let result = try repo.tillit(["review", "HEAD", verdict, "-m", message])
      guard result.status == 0 else { throw TestFailure("review: \(result.output)") }
    }

    /// `show`'s JSON: each event's message and signature status.
    func statuses() throws -> [String: String] {
      let show = try repo.tillit(["show", "--format", "json"])
      let json = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
      var result: [String: String] = [:]
      for event in (json["events"] as? [[String: Any]]) ?? [] {
        let message = (event["data"] as? [String: Any])?["message"] as? String ?? ""
        result[message] = event["signature"] as? String ?? "(none)"
      }
      return result
    }
  }

  @Test func anApprovalSignedWithTheSigningKeyShowsVerified() throws {
    let signing = try Signing()
    try signing.review("looks right")
    let show = try signing.repo.tillit(["show"])
    #expect(show.stdout.contains("ada@example.com: approve — looks right  [verified]"), "\(show.output)")
    #expect(try signing.statuses() == ["looks right": "verified"])
    let verify = try signing.repo.tillit(["ledger", "verify"])
    #expect(verify.status == 0 && verify.stdout.contains("signed events: 1 verified, 0 unverified"), "\(verify.output)")
  }

  /// Mallory sets her user.email to Ada's: signed with her own key, or not signed, the event
  /// is never verified, in `show`, `inbox` and for the policy's question (`isVerified`).
  @Test func anEventUnderAnotherPersonsEmailIsUnverified() throws {
    let signing = try Signing()
    try signing.review("by ada")
    try signing.repo.git(["config", "user.signingKey", signing.malloryKey])
    try signing.review("mallory signing as ada")
    try signing.repo.git(["config", "--unset", "user.signingKey"])
    try signing.review("mallory unsigned as ada")
    #expect(try signing.statuses() == ["by ada": "verified", "mallory signing as ada": "unverified", "mallory unsigned as ada": "unsigned"])
    let show = try signing.repo.tillit(["show"])
    #expect(show.stdout.contains("— mallory signing as ada  [unverified]"), "\(show.output)")
    #expect(show.stdout.contains("— mallory unsigned as ada  [unverified]"), "\(show.output)")

    let repository = try Repository(exactly: signing.repo.path)
    let verifier = try SignatureVerifier(repository: repository)
    let events = try LedgerStore(repository: repository).read(.reviews)
    let verified = events.map { event -> Bool in
      guard case .reviewFeedback(let feedback) = event.payload else { return false }
      return feedback.message == "by ada" ? verifier.isVerified(event) : !verifier.isVerified(event)
    }
    #expect(verified == [true, true, true])

    // The inbox marks requests the same way.
    try signing.repo.tillit(["request", "HEAD", "--to", "bo@example.com", "--new-person", "-m", "please"])
    let inbox = try signing.repo.tillit(["inbox", "--for", "bo@example.com"])
    #expect(inbox.stdout.contains("[unverified]"), "\(inbox.output)")
  }

  /// Someone rewrites a signed approval's message in the ledger's objects (a new blob, named
  /// after its content, in a new commit of the stream): every name still fits, the signature no
  /// longer does.
  @Test func ledgerVerifyReportsATamperedSignedEvent() throws {
    let signing = try Signing()
    try signing.review("ship it")
    let repo = signing.repo
    let forge = LedgerForge(repo)
    let ref = "refs/tillit/v1/reviews"
    let listing = try forge.git(["ls-tree", "-r", "--name-only", ref]).split(separator: "\n").map(String.init)
    let path = try #require(listing.first)
    let original = try forge.git(["cat-file", "blob", "\(ref):\(path)"])
    #expect(original.contains("\"signature\":\"-----BEGIN SSH SIGNATURE-----"))
    let tampered = original.replacingOccurrences(of: "\"verdict\":\"approve\"", with: "\"verdict\":\"comment\"")
      .replacingOccurrences(of: "ship it", with: "do not ship")
    #expect(tampered != original)
    let id = try forge.blob(tampered)
    let tree = try forge.streamTree([id])
    let parent = try forge.git(["rev-parse", ref])
    try forge.point(ref, at: try forge.commit(tree: tree, parents: [parent], message: "tillit: record review.feedback\n\nlamport: 1\n"))

    let verify = try repo.tillit(["ledger", "verify"])
    #expect(verify.status == 1, "\(verify.output)")
    #expect(verify.stdout.contains("damaged: \(ref): events/\(id.prefix(2))/\(id).json: bad signature"), "\(verify.output)")
    #expect(try repo.tillit(["show"]).stdout.contains("— do not ship  [bad signature]"))
  }

  /// Without a signing key nothing is signed and nothing is marked; `tillit.sign false` opts out.
  @Test(arguments: [false, true]) func unsignedEventsStayAsTheyWere(optedOut: Bool) throws {
    let repo = try TempRepo()
    try repo.write("a.txt", "one\n")
    try repo.commitAll("first")
    if optedOut {
      try repo.git(["config", "gpg.format", "ssh"])
      try repo.git(["config", "user.signingKey", repo.root + "/no-such-key"])
      try repo.git(["config", "tillit.sign", "false"])
    }
    #expect(try repo.tillit(["review", "HEAD", "--approve", "-m", "fine"]).status == 0)
    let listing = try repo.git(["ls-tree", "-r", "--name-only", "refs/tillit/v1/reviews"]).stdout.split(separator: "\n")
    let bytes = try repo.git(["cat-file", "blob", "refs/tillit/v1/reviews:\(try #require(listing.first))"]).stdout
    #expect(!bytes.contains("signature"))
    let show = try repo.tillit(["show"])
    #expect(show.stdout.hasSuffix("— fine\n"), "\(show.output)")
  }

  /// SSH answers are kept by event and allowed-signers content: the same answer next time, and
  /// a new answer once the allowed-signers file changes (Ada's key removed: no longer verified).
  @Test func aChangedAllowedSignersFileIsCheckedAgain() throws {
    let signing = try Signing()
    try signing.review("kept")
    #expect(try signing.statuses() == ["kept": "verified"])
    let kept = try FileManager.default.contentsOfDirectory(atPath: signing.repo.path + "/.git/tillit/signatures")
    #expect(kept.count == 1)
    #expect(try signing.statuses() == ["kept": "verified"])
    try "# nobody\n".write(toFile: signing.repo.root + "/allowed_signers", atomically: true, encoding: .utf8)
    #expect(try signing.statuses() == ["kept": "unverified"])
  }

  /// A signing key that cannot sign stops the record with what to do.
  @Test func aKeyThatCannotSignSaysWhatToDo() throws {
    let signing = try Signing()
    try signing.repo.git(["config", "user.signingKey", signing.repo.root + "/no-such-key"])
    let review = try signing.repo.tillit(["review", "HEAD", "--approve", "-m", "x"])
    #expect(review.status == 3, "\(review.output)")
    #expect(review.stderr.contains("cannot sign the event with user.signingKey"), "\(review.output)")
    #expect(review.stderr.contains("tillit.sign false"), "\(review.output)")
  }

  /// OpenPGP: `gpg.format openpgp` (git's default) with a key whose user id is Ada's. An
  /// event with Bo's email signed by Ada's key is not Bo's. Skipped where gpg is not installed.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gpg"))) func anOpenPGPSignedApprovalShowsVerified() throws {
    let repo = try TempRepo()
    let home = repo.root + "/gnupg"
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let environment = ["GNUPGHOME": home]
    let made = try Command.run(
      ["gpg", "--batch", "--quiet", "--passphrase", "", "--quick-gen-key", "Ada <ada@example.com>", "ed25519", "sign", "never"],
      in: repo.root, environment: environment)
    try #require(made.status == 0, "\(made.output)")
    try repo.git(["config", "gpg.format", "openpgp"])
    try repo.git(["config", "user.signingKey", "ada@example.com"])
    try repo.write("a.txt", "one\n")
    try repo.commitAll("first")
    #expect(try repo.tillit(["review", "HEAD", "--approve", "-m", "by ada"], environment: environment).status == 0)
    try repo.git(["config", "user.email", "bo@example.com"])
    #expect(try repo.tillit(["review", "HEAD", "--approve", "-m", "as bo"], environment: environment).status == 0)
    let show = try repo.tillit(["show"], environment: environment)
    #expect(show.stdout.contains("ada@example.com: approve — by ada  [verified]"), "\(show.output)")
    #expect(show.stdout.contains("bo@example.com: approve — as bo  [unverified]"), "\(show.output)")
  }
}
