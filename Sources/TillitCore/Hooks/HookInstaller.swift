import TillitGit

#if canImport(Glibc)
import Glibc
#endif

/// Installs Tillit's hooks into a repository and takes them out again. A hook that was there
/// before is kept as `NAME.local`, run first by Tillit, and restored by `uninstall`.
public struct HookInstaller {
  /// The hooks Tillit installs.
  public static let hookNames = ["pre-commit", "commit-msg", "post-commit", "pre-push"]
  public static let localSuffix = ".local"

  let repository: Repository

  public init(repository: Repository) { self.repository = repository }

  /// Where git runs hooks from: `core.hooksPath` when set, else the common git directory's `hooks/`,
  /// which linked worktrees share.
  public func hooksDirectory() throws -> (path: String, fromConfig: Bool) {
    if let configured = try repository.config().string("core.hooksPath"), !configured.isEmpty {
      var path = configured
      if path.hasPrefix("~/"), let home = getenv("HOME") { path = String(cString: home) + path.dropFirst() }
      if !path.hasPrefix("/") {
        // git runs hooks from the work tree's root, so a relative hooksPath is relative to it.
        path = (repository.workdir ?? repository.commonDir) + path
      }
      return (PathNormalizer.resolve(path), true)
    }
    return (PathNormalizer.resolve(repository.commonDir + "/hooks"), false)
  }

  /// Installs the shims; returns what was done, line by line.
  public func install(binary: String, force: Bool) throws -> [String] {
    let (directory, fromConfig) = try hooksDirectory()
    if fromConfig && !isInsideRepository(directory) && !force {
      throw HookError(
        "core.hooksPath is \(directory), outside this repository, so its hooks are shared with other repositories and Tillit would run for all of them. Re-run with --force to install there anyway, or unset core.hooksPath (git config --unset core.hooksPath).")
    }
    try FileSystem.makeDirectories(directory)
    var done: [String] = []
    for name in Self.hookNames {
      let path = directory + "/" + name
      let local = path + Self.localSuffix
      if FileSystem.exists(path) || isSymlink(path) {
        let current = (try? FileSystem.readText(path)) ?? ""  // unreadable: not Tillit's, kept as NAME.local
        if !HookScript.isTillit(current) {
          guard !FileSystem.exists(local) else {
            throw HookError("\(path) exists and so does \(local); move one of them away, then run tillit install again.")
          }
          guard rename(path, local) == 0 else { throw FileError(path: path, errno: errno) }
          done.append("kept the existing \(name) hook as \(name)\(Self.localSuffix); it runs first")
        }
      }
      try FileSystem.writeAtomically(Array(HookScript.render(binary: binary).utf8), to: path, mode: 0o755)
      done.append("installed \(path)")
    }
    return done
  }

  /// Removes the shims and puts back the hooks they replaced.
  public func uninstall() throws -> [String] {
    let (directory, _) = try hooksDirectory()
    var done: [String] = []
    for name in Self.hookNames {
      let path = directory + "/" + name
      let local = path + Self.localSuffix
      guard let text = try? FileSystem.readText(path), HookScript.isTillit(text) else {  // unreadable: not Tillit's
        if FileSystem.exists(path) { done.append("left \(path) alone: it is not Tillit's") }
        continue
      }
      guard unlink(path) == 0 else { throw FileError(path: path, errno: errno) }
      if FileSystem.exists(local) || isSymlink(local) {
        guard rename(local, path) == 0 else { throw FileError(path: local, errno: errno) }
        done.append("restored the earlier \(name) hook")
      } else {
        done.append("removed \(path)")
      }
    }
    return done
  }

  private func isInsideRepository(_ path: String) -> Bool {
    let roots = [repository.workdir, repository.commonDir].compactMap { $0 }.map(PathNormalizer.resolve)
    return roots.contains { path == $0 || path.hasPrefix($0 + "/") }
  }

  private func isSymlink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
  }
}

/// Hooks that cannot be installed or run as asked, with what to do.
public struct HookError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

extension HookError: TillitErrorConvertible {
  public var tillitError: TillitError { .usage(description) }
}
