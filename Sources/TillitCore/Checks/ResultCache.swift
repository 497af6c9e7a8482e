import TillitGit
import TillitSystem

/// Remembers which (check definition, input files) pairs have passed, so that the same input
/// passes again without running: after an amend, a rebase, or a commit of other files.
public struct ResultCache: Sendable {
  let directory: String

  public init(state: StateDirectory) {
    directory = state.path + "/cache"
  }

  /// The key of one check over its input files: its definition and every input's path, mode and
  /// blob. A built-in's key is never looked up (built-ins are not cached), only recorded, so it
  /// is hashed without collision detection (the same id, faster); a cached pass is keyed by the
  /// collision-detected hash.
  public static func key(for check: CheckDefinition, inputs: [FileEntry]) -> ObjectID {
    let bytes = keyedBytes(for: check, inputs: inputs)
    return check.builtin == nil ? ObjectID.hashing(bytes) : ObjectID.hashingWithoutCollisionDetection(bytes)
  }

  /// What a key hashes: the definition's fingerprint, then each input's path, mode (4 bytes)
  /// and raw blob id, with no text to format for thousands of files.
  static func keyedBytes(for check: CheckDefinition, inputs: [FileEntry]) -> [UInt8] {
    var bytes = Array(check.fingerprint.utf8)
    bytes.append(0)
    bytes.reserveCapacity(bytes.count + inputs.count * 64)
    for input in inputs {
      bytes.append(contentsOf: input.path.bytes)
      bytes.append(0)
      withUnsafeBytes(of: input.mode.rawValue.bigEndian) { bytes.append(contentsOf: $0) }
      input.blob.withBytes { bytes.append(contentsOf: $0) }
    }
    return bytes
  }

  public func hasPassed(_ key: ObjectID) -> Bool {
    FileSystem.exists(path(key))
  }

  public func recordPass(_ key: ObjectID) throws {
    do {
      try FileSystem.writeAtomically([], to: path(key))
    } catch {
      // The first pass of the clone: the folder is made then (not checked on every pass).
      try FileSystem.makeDirectories(directory)
      try FileSystem.writeAtomically([], to: path(key))
    }
  }

  private func path(_ key: ObjectID) -> String { directory + "/" + key.hex }
}
