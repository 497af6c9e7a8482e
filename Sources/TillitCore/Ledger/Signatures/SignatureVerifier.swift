import TillitGit
import TillitSystem

/// What an event's signature proves about its `by`.
public enum SignatureStatus: String, Sendable {
  /// No signature: the `by` is whatever `user.email` said.
  case unsigned
  /// Signed by a key the allowed-signers file (or the OpenPGP keyring) lists for the `by`.
  case verified
  /// Signed, but not by a key known to belong to the `by` (another person's key, or no
  /// allowed-signers file to check against).
  case unverified
  /// The signature does not match the event's bytes: changed after it was signed, or not a signature.
  case bad

  /// How the status reads beside an event.
  public var label: String {
    switch self {
    case .unsigned, .unverified: return "unverified"
    case .verified: return "verified"
    case .bad: return "bad signature"
    }
  }
}

/// Checks events' signatures against this clone's trust set-up: SSH signatures against
/// `gpg.ssh.allowedSignersFile` for the event's `by` (`ssh-keygen -Y verify`, namespace
/// `tillit`), OpenPGP ones with `gpg --verify` and a good signature whose user id holds the `by`.
/// The `by` field alone is never trusted.
public struct SignatureVerifier: Sendable {
  let allowedSigners: String?
  let sshProgram: String
  let gpgProgram: String
  let directory: String
  /// The allowed-signers file's content hash: an SSH check's answer depends on nothing else than
  /// it and the event (named by its id), so answers are kept under both in `signatures/`.
  let trust: String?
  let state: StateDirectory

  public init(repository: Repository) throws {
    let config = try repository.config()
    allowedSigners = try config.string("gpg.ssh.allowedSignersFile").map {
      $0.hasPrefix("~/") ? (ProcessEnvironment.value("HOME") ?? "") + $0.dropFirst(1) : $0
    }
    sshProgram = try config.string("gpg.ssh.program") ?? "ssh-keygen"
    gpgProgram = try config.string("gpg.program") ?? "gpg"
    directory = repository.workdir ?? repository.commonDir
    // Unreadable: nothing is kept, and ssh-keygen says why it cannot verify.
    trust = allowedSigners.flatMap { try? FileSystem.read($0) }.map { ObjectID.hashing($0).hex }
    state = StateDirectory(repository: repository)
  }

  /// Whether this clone checks signatures at all: an allowed-signers file is configured.
  public var expectsSignatures: Bool { allowedSigners != nil }

  /// Whether `event` provably comes from its `by`: what a policy requiring verified approvals asks.
  public func isVerified(_ event: LedgerEvent) -> Bool { status(of: event) == .verified }

  /// The status of each of `events`, in order, the checks shared among the cores.
  public func statuses(_ events: [LedgerEvent]) -> [SignatureStatus] {
    let signed = events.indices.filter { events[$0].signature != nil }
    let checked = Parallel.map(signed.count, minimum: 2) { range in range.map { status(of: events[signed[$0]]) } }.flatMap { $0 }
    var result = [SignatureStatus](repeating: .unsigned, count: events.count)
    for (index, status) in zip(signed, checked) { result[index] = status }
    return result
  }

  public func status(of event: LedgerEvent) -> SignatureStatus {
    guard let signature = event.signature else { return .unsigned }
    let isSSH = signature.hasPrefix("-----BEGIN SSH SIGNATURE-----")
    guard isSSH || signature.hasPrefix("-----BEGIN PGP SIGNATURE-----") else { return .bad }
    let kept = isSSH ? event.id.flatMap { id in trust.map { state.cacheFile("signatures", ObjectID.hashing(Array("\(id.hex) \($0)".utf8)).hex) } } : nil
    // A kept answer that cannot be read is found again.
    if let kept, let text = try? FileSystem.readText(kept), let status = SignatureStatus(rawValue: text) { return status }
    do {
      let data = try TemporaryFile(holding: event.signedBytes)
      defer { data.remove() }
      let signatureFile = try TemporaryFile(holding: Array(signature.utf8))
      defer { signatureFile.remove() }
      guard isSSH else { return try gpgStatus(by: event.by, data: data.path, signature: signatureFile.path) }
      let status = try sshStatus(by: event.by, data: data.path, signature: signatureFile.path)
      if let kept { try? FileSystem.writeAtomically(Array(status.rawValue.utf8), to: kept) }  // derived data: checked again next time
      return status
    } catch {
      Diagnostics.warning("signatures cannot be checked: \(error)", topic: "signature check")
      return .unverified
    }
  }

  private func sshStatus(by person: String, data: String, signature: String) throws -> SignatureStatus {
    let namespace = EventSigner.namespace
    if let allowedSigners {
      let verify = try ExternalCommand.run(
        sshProgram, ["-Y", "verify", "-f", allowedSigners, "-I", person, "-n", namespace, "-s", signature], in: directory, input: data)
      if verify.succeeded { return .verified }
    }
    // Not provably the `by`'s: a sound signature by some other key, or no signature of these bytes.
    let sound = try ExternalCommand.run(sshProgram, ["-Y", "check-novalidate", "-n", namespace, "-s", signature], in: directory, input: data)
    return sound.succeeded ? .unverified : .bad
  }

  private func gpgStatus(by person: String, data: String, signature: String) throws -> SignatureStatus {
    let result = try ExternalCommand.run(gpgProgram, ["--batch", "--status-fd", "1", "--verify", signature, data], in: directory)
    let status = result.output.split(separator: "\n").filter { $0.hasPrefix("[GNUPG:] ") }
    if status.contains(where: { $0.hasPrefix("[GNUPG:] BADSIG") }) { return .bad }
    let wanted = "<\(person.lowercased())>"
    let good = status.contains { $0.hasPrefix("[GNUPG:] GOODSIG") && $0.lowercased().contains(wanted) }
    return result.succeeded && good ? .verified : .unverified
  }
}
