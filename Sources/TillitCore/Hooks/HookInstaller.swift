import TillitGit
import TillitSystem

#if canImport(Glibc)
import Glibc
#endif

/// Installs Tillit's hooks into a repository and takes them out again. A hook that was there
/// before (a hook manager's, or the user's own) is kept under its own name in `tillit-chained/`,
/// run first by Tillit as if from its old place (`ChainedHook`), and restored by `uninstall`.
public struct HookInstaller {
  /// The hooks Tillit installs.
  public static let hookNames = ["pre-commit", "commit-msg", "post-commit", "pre-push", "post-rewrite"]
  /// The names other managers give Tillit's hook when they move it aside and run it after their
  /// own (pre-commit and prek: `.legacy`); lefthook's `.old` is never run, only kept.
  public static let movedAsideSuffixes = [".legacy", ".old"]

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
        "core.hooksPath is \(directory), outside this repository, so its hooks are shared with other repositories and Tillit would run for all of them. Re-run with --force to install there anyway, or unset core.hooksPath (git config --unset core.hooksPath)."
      )
    }
    try FileSystem.makeDirectories(directory)
    var done: [String] = []
    var managers: [HookManager] = []
    for name in Self.hookNames {
      let path = directory + "/" + name
      if FileSystem.exists(path) || ChainedHook.isSymlink(path) {
        let current = (try? FileSystem.readText(path)) ?? ""  // unreadable: not Tillit's, kept under its name
        if !HookScript.isTillit(current) {
          let manager = HookManager.recognise(current)
          if let manager, !managers.contains(manager) { managers.append(manager) }
          done.append(try chain(name, at: path, in: directory, manager: manager))
        }
      }
      try FileSystem.writeAtomically(Array(HookScript.render(binary: binary).utf8), to: path, mode: 0o755)
      done.append("installed \(path)")
      removeMovedAsideShim(path + ".old")
    }
    for manager in managers { done.append("note: " + manager.note) }
    return done
  }

  /// Moves the hook at `path` into `tillit-chained/`, or drops it when it is the very hook kept
  /// there already (a manager that put its own back: husky's install, lefthook's sync).
  private func chain(_ name: String, at path: String, in directory: String, manager: HookManager?) throws -> String {
    let owner = manager.map { "\($0.rawValue)'s \(name) hook" } ?? "the existing \(name) hook"
    if let kept = ChainedHook.existing(in: directory, name: name) {
      guard let bytes = try? FileSystem.read(path), let keptBytes = try? FileSystem.read(kept), bytes == keptBytes else {
        throw HookError("\(path) exists and so does \(kept), the earlier \(name) hook Tillit runs first; move one of them away, then run tillit install again.")
      }
      guard unlink(path) == 0 else { throw FileError(path: path, errno: errno) }
      return "\(owner) was back in Tillit's place, and is the one kept in \(ChainedHook.folderName)/ already; it still runs first"
    }
    try FileSystem.makeDirectories(ChainedHook.folder(in: directory))
    let kept = ChainedHook.path(in: directory, name: name)
    guard rename(path, kept) == 0 else { throw FileError(path: path, errno: errno) }
    return "kept \(owner) as \(ChainedHook.folderName)/\(name); it runs first, from its old place"
  }

  /// lefthook moves a hook it does not own to `NAME.old` and never runs it: a Tillit shim left
  /// there is Tillit's own stale copy, and would stop lefthook's next sync.
  private func removeMovedAsideShim(_ path: String) {
    guard let text = try? FileSystem.readText(path), HookScript.isTillit(text) else { return }
    unlink(path)
  }

  /// Removes the shims and puts back the hooks they replaced.
  public func uninstall() throws -> [String] {
    let (directory, _) = try hooksDirectory()
    var done: [String] = []
    for name in Self.hookNames {
      let path = directory + "/" + name
      guard let text = try? FileSystem.readText(path), HookScript.isTillit(text) else {  // unreadable: not Tillit's
        if FileSystem.exists(path) { done.append("left \(path) alone: it is not Tillit's") }
        continue
      }
      guard unlink(path) == 0 else { throw FileError(path: path, errno: errno) }
      if let kept = ChainedHook.existing(in: directory, name: name) {
        guard rename(kept, path) == 0 else { throw FileError(path: kept, errno: errno) }
        done.append("restored the earlier \(name) hook")
      } else {
        done.append("removed \(path)")
      }
    }
    // Only when empty: whatever else is there stays.
    rmdir(ChainedHook.folder(in: directory))
    return done
  }

  private func isInsideRepository(_ path: String) -> Bool {
    let roots = [repository.workdir, repository.commonDir].compactMap { $0 }.map(PathNormalizer.resolve)
    return roots.contains { path == $0 || path.hasPrefix($0 + "/") }
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
