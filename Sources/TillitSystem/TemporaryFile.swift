#if canImport(Glibc)
import Glibc
#endif

/// A private temporary file with the given content, such as git's stdin for a hook, kept so
/// that a chained hook can read it too. `remove()` deletes it.
public struct TemporaryFile: Sendable {
  public let path: String

  public init(holding bytes: [UInt8]) throws {
    var template: [CChar] = "/tmp/tillit-input-XXXXXX".utf8.map { CChar(bitPattern: $0) } + [0]
    let fd = mkstemp(&template)
    guard fd >= 0 else { throw FileError(path: "/tmp", errno: errno) }
    defer { close(fd) }
    path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    try FileSystem.writeAll(fd, bytes, path: path)
  }

  public func remove() { unlink(path) }
}

/// A private temporary folder (mode 0700), for programs that write files beside the one they are
/// given (`ssh-keygen -Y sign FILE` writes `FILE.sig`), so no other user can place one there.
public struct TemporaryFolder: Sendable {
  public let path: String

  public init() throws {
    var template: [CChar] = "/tmp/tillit-folder-XXXXXX".utf8.map { CChar(bitPattern: $0) } + [0]
    guard mkdtemp(&template) != nil else { throw FileError(path: "/tmp", errno: errno) }
    path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Removes the files named (their names only, inside the folder) and the folder.
  public func remove(_ names: [String]) {
    for name in names { unlink(path + "/" + name) }
    rmdir(path)
  }
}
