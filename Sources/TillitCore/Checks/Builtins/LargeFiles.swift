import TillitGit

/// pre-commit-hooks' `check-added-large-files`: a file added by the change (not in the commit
/// it builds on) whose size, rounded up to whole KB, exceeds `max-kb` (500 by default); with
/// `enforce-all: true`, every file the check is given. The size is the staged blob's, so a file
/// git LFS stores is its small pointer, as the hook's skipping of `filter=lfs` files has it.
struct LargeFiles: BuiltinCheck {
  let maxKB: Int
  let enforceAll: Bool

  init(_ call: BuiltinCall) {
    maxKB = call.options["max-kb"].flatMap { Int($0) } ?? 500
    enforceAll = call.flag("enforce-all")
  }

  func run(_ input: BuiltinInput) throws -> BuiltinVerdict {
    var verdict = BuiltinVerdict()
    for entry in input.files where entry.mode == .regular || entry.mode == .executable {
      if !enforceAll, try input.subject.wasPresentBefore(entry.path) { continue }
      let size = try input.repository.blobSize(entry.blob) ?? (try input.bytes(of: entry).count)
      let kb = (size + 1023) / 1024
      if kb > maxKB { verdict.problems.append("\(entry.path) (\(kb) KB) exceeds \(maxKB) KB.") }
    }
    return verdict
  }
}

/// pre-commit-hooks' `check-symlinks`: a symlink whose target does not exist. A target inside
/// the repository is looked up in the content checked (links followed, at most 40); one that
/// leads outside it (an absolute path, or `..` past the root) on this machine's disk.
struct BrokenSymlinks: BuiltinCheck {
  func run(_ input: BuiltinInput) throws -> BuiltinVerdict {
    var verdict = BuiltinVerdict()
    for entry in input.files where entry.mode == .symlink {
      if try !SymlinkTarget.exists(from: entry, in: input) { verdict.problems.append("\(entry.path): Broken symlink") }
    }
    return verdict
  }
}
