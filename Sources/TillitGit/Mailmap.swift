import CLibgit2

/// A repository's `.mailmap` (and `mailmap.file`), mapping the names and emails people have
/// committed under to the one they use now.
public final class Mailmap {
  let handle: OpaquePointer

  public init(repository: Repository) throws {
    var pointer: OpaquePointer?
    try check(git_mailmap_from_repository(&pointer, repository.handle), "git_mailmap_from_repository")
    guard let pointer else { throw GitError(call: "git_mailmap_from_repository", code: -1, message: "no mailmap") }
    handle = pointer
  }

  deinit { git_mailmap_free(handle) }

  /// The canonical name and email for an identity.
  public func resolve(name: String, email: String) throws -> (name: String, email: String) {
    // libgit2 answers with pointers into the mailmap, or with the very pointers it was given
    // when nothing matches: both are copied while the given strings are still alive.
    try name.withCString { namePointer in
      try email.withCString { emailPointer in
        var realName: UnsafePointer<CChar>?
        var realEmail: UnsafePointer<CChar>?
        try check(git_mailmap_resolve(&realName, &realEmail, handle, namePointer, emailPointer), "git_mailmap_resolve")
        return (realName.map { String(cString: $0) } ?? name, realEmail.map { String(cString: $0) } ?? email)
      }
    }
  }
}
