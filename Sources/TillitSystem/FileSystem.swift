#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations Tillit needs, on byte paths, without Foundation.
public enum FileSystem {
  public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  public static func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

  public static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  /// Seconds since `path` was last written; nil when it does not exist.
  public static func age(of path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Int(time(nil)) - Int(info.st_mtim.tv_sec)
  }

  /// Creates `path` and its missing parents.
  public static func makeDirectories(_ path: String) throws {
    var current = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      current += "/" + component
      if mkdir(current, 0o755) != 0 && errno != EEXIST { throw FileError(path: current, errno: errno) }
    }
  }

  public static func read(_ path: String) throws -> [UInt8] {
    try read(named: Array(path.utf8))
  }

  /// Reads a file named by bytes: a name that is not UTF-8 is read under its own name.
  public static func read(named name: [UInt8]) throws -> [UInt8] {
    let path = String(decoding: name, as: UTF8.self)
    let fd = open(name.map { CChar(bitPattern: $0) } + [0], O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileError(path: path, errno: errno) }
    defer { close(fd) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { throw FileError(path: path, errno: errno) }
      if count == 0 { return result }
      result.append(contentsOf: buffer[0..<count])
    }
  }

  public static func readText(_ path: String) throws -> String {
    String(decoding: try read(path), as: UTF8.self)
  }

  /// Writes `bytes` to a temporary file beside `path` and renames it into place, so that a
  /// reader sees the old content or the new, never a part.
  /// The temporary file has an unpredictable name and is created exclusively (`mkstemp`), so a
  /// symlink planted beside `path` — in a work tree, by a pulled commit — is never written
  /// through; the rename replaces whatever `path` is (a symlink included) without following it.
  public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
    var template = Array("\(path).tmp-XXXXXX".utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else { throw FileError(path: path, errno: errno) }
    let temporary = String(cString: template)
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    do {
      try writeAll(fd, bytes, path: temporary)
      fchmod(fd, mode)
      close(fd)
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw FileError(path: path, errno: code)
    }
  }

  package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
    var offset = 0
    while offset < bytes.count {
      let written = write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { throw FileError(path: path, errno: errno) }
      offset += written
    }
  }

  package static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
    try bytes.withUnsafeBytes { try writeAll(fd, $0, path: path) }
  }

  /// The names in a directory, without `.` and `..`.
  public static func entries(of path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// The current directory.
  public static func currentDirectory() -> String {
    guard let pointer = getcwd(nil, 0) else { return "." }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  /// `path` as an absolute path: relative ones are taken from the current directory.
  public static func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : currentDirectory() + "/" + path
  }

  /// The path of the running executable.
  public static func executablePath() -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard count > 0 else { return nil }
    return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// A file operation that failed, naming the path and the system's reason.
public struct FileError: Error, CustomStringConvertible, Sendable {
  public let path: String
  public let errno: Int32

  package init(path: String, errno: Int32) {
    self.path = path
    self.errno = errno
  }

  public var description: String { "\(path): \(String(cString: strerror(errno)))" }
}

extension FileError: TillitErrorConvertible {
  public var tillitError: TillitError {
    .environment(description, hint: "check free space and that the folder is writable, then try again")
  }
}
