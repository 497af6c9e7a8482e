import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Signs what a person records with their git signing set-up: `gpg.format ssh` with
/// `user.signingKey` (`ssh-keygen -Y sign`, namespace `tillit`), or OpenPGP (`gpg --detach-sign`).
/// Nothing is signed without `user.signingKey`, nor with `tillit.sign false`.
public struct EventSigner: Sendable, Equatable {
  public enum Format: String, Sendable { case ssh, openpgp }

  /// The namespace of every SSH signature Tillit makes, so that no other signature (a commit's,
  /// a file's) passes for an event's.
  public static let namespace = "tillit"

  public let format: Format
  /// An SSH key: a file, or a public key written out (`key::ssh-ed25519 ...`, signed through
  /// the agent); an OpenPGP key id.
  public let key: String
  let program: String
  let directory: String

  /// The signer the configuration asks for, or nil when it asks for none.
  public static func configured(_ repository: Repository) throws -> EventSigner? {
    let config = try repository.config()
    if try config.bool("tillit.sign") == false { return nil }
    guard let key = try config.string("user.signingKey"), !key.isEmpty else { return nil }
    let directory = repository.workdir ?? repository.commonDir
    switch try config.string("gpg.format") ?? "openpgp" {
    case "ssh":
      return EventSigner(format: .ssh, key: key, program: try config.string("gpg.ssh.program") ?? "ssh-keygen", directory: directory)
    case "openpgp":
      return EventSigner(format: .openpgp, key: key, program: try config.string("gpg.program") ?? "gpg", directory: directory)
    default:
      Diagnostics.warning("gpg.format is neither ssh nor openpgp; events are recorded unsigned", topic: "signing format")
      return nil
    }
  }

  /// The armored detached signature of `bytes`.
  public func sign(_ bytes: [UInt8]) throws -> String {
    let folder = try TemporaryFolder()
    defer { folder.remove(["event", "event.sig", "event.asc"]) }
    let data = folder.path + "/event"
    try FileSystem.writeAtomically(bytes, to: data, mode: 0o600)
    let signaturePath = data + (format == .ssh ? ".sig" : ".asc")
    let result: ExternalCommand.Result
    switch format {
    case .ssh:
      let keyFile = try SSHKeyFile(key)
      defer { keyFile.remove() }
      result = try ExternalCommand.run(program, ["-Y", "sign", "-f", keyFile.path, "-n", Self.namespace, data], in: directory)
    case .openpgp:
      result = try ExternalCommand.run(
        program, ["--batch", "--yes", "--detach-sign", "--armor", "--local-user", key, "--output", signaturePath, data], in: directory)
    }
    guard result.succeeded, let signature = try? FileSystem.readText(signaturePath), !signature.isEmpty else {  // no signature file: the failure below says why
      throw TillitError.environment(
        "cannot sign the event with user.signingKey \(key): \(result.output.trimmingSpaces)",
        hint: "check the key (git config user.signingKey), or record unsigned with git config tillit.sign false")
    }
    return signature
  }
}

/// The file `ssh-keygen -f` is given: the configured path (`~/` expanded), or a temporary file
/// holding a public key written out in the configuration, whose private half the agent holds.
struct SSHKeyFile {
  let path: String
  private let temporary: TemporaryFile?

  init(_ key: String) throws {
    let literal = key.hasPrefix("key::") ? String(key.dropFirst(5)) : key.hasPrefix("ssh-") ? key : nil
    if let literal {
      let file = try TemporaryFile(holding: Array((literal + "\n").utf8))
      (path, temporary) = (file.path, file)
    } else {
      path = key.hasPrefix("~/") ? (ProcessEnvironment.value("HOME") ?? "") + key.dropFirst(1) : key
      temporary = nil
    }
  }

  func remove() { temporary?.remove() }
}
