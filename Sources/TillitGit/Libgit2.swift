import CLibgit2

/// libgit2 must be initialised once per process before any other call.
enum Libgit2 {
  private static let initialized: Bool = {
    git_libgit2_init()
    // Objects are trusted as read, as git trusts them; `git fsck` is the tool for checking them.
    _ = tillit_git_set_read_verification(0)
    return true
  }()

  static func ensureInitialized() {
    _ = initialized
  }
}

// Debian's libgit2 starts its HTTPS and SSH transports in `git_libgit2_init`: it parses every
// certificate of the system's CA bundle (about 9 ms) and starts libssh2. Tillit never uses those
// transports — its network goes through the git command, with the user's own credentials — so
// when libgit2 is linked statically, Package.swift routes both calls here (`ld --wrap`) and they
// do nothing. Should a libgit2 transport ever be used, TLS then fails closed (no trusted
// certificates) and libssh2 starts itself on first use.

@_cdecl("__wrap_mbedtls_x509_crt_parse_file")
func skipCertificateBundle(_ chain: UnsafeMutableRawPointer?, _ path: UnsafePointer<CChar>?) -> Int32 { 0 }

@_cdecl("__wrap_libssh2_init")
func skipLibssh2Start(_ flags: Int32) -> Int32 { 0 }
