/// The one envelope of Tillit's cache files (the knowledge model, the ledger digests, the audit
/// trend): `tillit-cache`, the kind of cache, its format version, the key it was made for (the
/// settings' fingerprint, or the stream tips), then the payload, sealed with a checksum.
///
/// A cache is derived data: a file that is missing, damaged, truncated, of another kind, of
/// another format version or made for another key is treated as missing, and rebuilt. Whoever
/// changes a payload's layout raises `version`, so that no file written before is misread.
package struct CacheFile {
  static let magic = "tillit-cache"

  let kind: String
  let version: Int32
  let path: String

  package init(kind: String, version: Int32, path: String) {
    self.kind = kind
    self.version = version
    self.path = path
  }

  /// A sound file's key and a reader at the start of its payload; nil when there is no sound file
  /// of this kind and version.
  package func open() -> (key: String, payload: BinaryReader)? {
    // Missing, unreadable or damaged: nil, and the cache is rebuilt (see above).
    guard let bytes = try? FileSystem.read(path), var reader = try? BinaryReader(sealed: bytes),
      (try? reader.string()) == Self.magic, (try? reader.string()) == kind, (try? reader.int32()) == version,
      let key = try? reader.string()
    else { return nil }
    return (key, reader)
  }

  /// A reader at the start of the payload of a sound file made for `key`.
  package func open(key: String) -> BinaryReader? {
    guard let file = open(), file.key == key else { return nil }
    return file.payload
  }

  /// `save`, a failure said once as a warning (`topic: "caches"`, as `StateDirectory` says a
  /// folder that cannot be written): a cache not kept is only rebuilt next time, slower.
  package func keep(key: String, _ write: (inout BinaryWriter) -> Void) {
    do {
      try save(key: key, write)
    } catch {
      Diagnostics.warning("Tillit's cache \(path) cannot be saved (\(TillitError(error).message)); working without it, which is slower", topic: "caches")
    }
  }

  /// Replaces the file, at once, with the header for `key` and the payload `write` adds.
  func save(key: String, _ write: (inout BinaryWriter) -> Void) throws {
    var writer = BinaryWriter()
    writer.string(Self.magic)
    writer.string(kind)
    writer.int32(version)
    writer.string(key)
    write(&writer)
    try FileSystem.writeAtomically(writer.sealed(), to: path)
  }
}
