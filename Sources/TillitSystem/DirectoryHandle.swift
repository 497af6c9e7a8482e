#if canImport(Glibc)
import Glibc
#endif

/// A directory held open by its descriptor. Everything below it is reached one name at a time
/// relative to a held descriptor, with `O_NOFOLLOW`: a symlink planted anywhere on the way (by a
/// crafted tree, or by another user racing a sweep) is an error, never a way out of the folder.
/// Names are bytes, so a name that is not UTF-8 is created and removed under its own name.
public final class DirectoryHandle {
  public let descriptor: Int32
  /// For error messages only; never used to reach the directory again.
  public let displayPath: String

  private init(descriptor: Int32, displayPath: String) {
    self.descriptor = descriptor
    self.displayPath = displayPath
  }

  deinit { close(descriptor) }

  /// Opens an existing directory; the final component must not be a symlink.
  public convenience init(opening path: String) throws(FileError) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { throw FileError(path: path, errno: errno) }
    self.init(descriptor: fd, displayPath: path)
  }

  /// The subdirectory `name`, created (with `mode`) when missing. A symlink or a file in its
  /// place is an error.
  public func subdirectory(_ name: [UInt8], creatingWith mode: mode_t? = nil) throws(FileError) -> DirectoryHandle {
    let path = child(name)
    try Self.checkName(name, path)
    if let mode {
      let made = Self.withName(name) { mkdirat(descriptor, $0, mode) }
      if made != 0 && errno != EEXIST { throw FileError(path: path, errno: errno) }
    }
    let fd = Self.withName(name) { openat(descriptor, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
    guard fd >= 0 else { throw FileError(path: path, errno: errno == ELOOP ? ENOTDIR : errno) }
    return DirectoryHandle(descriptor: fd, displayPath: path)
  }

  /// Creates the file `name`, which must not exist yet, and returns its open descriptor.
  public func createFile(_ name: [UInt8], mode: mode_t) throws(FileError) -> Int32 {
    try Self.checkName(name, child(name))
    let fd = Self.withName(name) { openat(descriptor, $0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode) }
    guard fd >= 0 else { throw FileError(path: child(name), errno: errno) }
    return fd
  }

  /// Creates the symlink `name` pointing at `target` (which is stored, never followed here).
  public func makeSymlink(_ name: [UInt8], to target: [UInt8]) throws(FileError) {
    try Self.checkName(name, child(name))
    let made = Self.withName(target) { target in Self.withName(name) { symlinkat(target, descriptor, $0) } }
    if made != 0 { throw FileError(path: child(name), errno: errno) }
  }

  /// The names in the directory, as bytes, without `.` and `..`.
  public func entries() -> [[UInt8]] {
    let copy = dup(descriptor)
    guard copy >= 0, let stream = fdopendir(copy) else {
      if copy >= 0 { close(copy) }
      return []
    }
    defer { closedir(stream) }
    rewinddir(stream)
    var names: [[UInt8]] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
      if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(name) }
    }
    return names
  }

  /// `lstat` of `name`: what it is itself, not what it may point at.
  public func status(of name: [UInt8]) -> stat? {
    var info = stat()
    let found = Self.withName(name) { fstatat(descriptor, $0, &info, AT_SYMLINK_NOFOLLOW) }
    return found == 0 ? info : nil
  }

  /// Where the symlink `name` points, as stored; nil when it is not a symlink.
  public func linkTarget(of name: [UInt8]) -> [UInt8]? {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = Self.withName(name) { readlinkat(descriptor, $0, &buffer, buffer.count) }
    guard count >= 0 else { return nil }
    return buffer[..<count].map { UInt8(bitPattern: $0) }
  }

  /// Removes `name` and, when it is a directory, everything below it. Symlinks are removed,
  /// never followed; a missing name is not an error. Returns false when something stayed.
  @discardableResult
  public func remove(_ name: [UInt8]) -> Bool {
    guard (try? Self.checkName(name, "")) != nil else {  // `..` or `a/b`: never a way out, nothing removed
      errno = EINVAL
      return false
    }
    guard let info = status(of: name) else { return errno == ENOENT }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      // A folder a check made read-only is made writable so its entries can go.
      if let folder = try? subdirectory(name) {  // gone or replaced meanwhile: rmdir below reports it
        fchmod(folder.descriptor, 0o700)
        folder.removeContents()
      }
      return Self.withName(name) { unlinkat(descriptor, $0, AT_REMOVEDIR) } == 0
    }
    return Self.withName(name) { unlinkat(descriptor, $0, 0) } == 0
  }

  /// Removes everything inside the directory, keeping the directory itself.
  public func removeContents() {
    for name in entries() { remove(name) }
  }

  /// One name within this directory: not empty, `.` or `..`, and without a `/` — a name from a
  /// tree or a check can never lead out of the folder it is written in.
  private static func checkName(_ name: [UInt8], _ path: String) throws(FileError) {
    guard !name.isEmpty, name != [UInt8(ascii: ".")], name != [UInt8(ascii: "."), UInt8(ascii: ".")], !name.contains(UInt8(ascii: "/")), !name.contains(0)
    else {
      throw FileError(path: path, errno: EINVAL)
    }
  }

  private func child(_ name: [UInt8]) -> String {
    displayPath + "/" + String(decoding: name, as: UTF8.self)
  }

  private static func withName<Result>(_ name: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
    body(name.map { CChar(bitPattern: $0) } + [0])
  }
}
