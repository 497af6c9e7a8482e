import TillitGit

extension LedgerSync {
  /// The options of the ledger's fetch beyond the usual. Always `--no-filter`: the events are
  /// blobs, which a partial clone (`--filter=blob:none`) would otherwise leave behind, and
  /// libgit2 cannot fetch them on demand. When this clone's copy of the remote's ledger already
  /// lacks some (a plain `git fetch` in a partial clone brought it with the clone's filter), also
  /// `--refetch` (git 2.36): a fetch that only moves forward would not send again what the
  /// remote takes this clone to have. Looking costs one `git rev-list` of the copy's last trees.
  func fetchOptions(remote: String, in workdir: String) throws -> [String] {
    let listing = try GitCommand.run(
      ["rev-list", "--objects", "--missing=print", "--no-walk", "--glob=refs/tillit/remotes/\(remote)/v1/*"], in: workdir)
    let lacking = listing.succeeded && listing.output.split(separator: "\n").contains { $0.hasPrefix("?") }
    return lacking ? ["--no-filter", "--refetch"] : ["--no-filter"]
  }
}
