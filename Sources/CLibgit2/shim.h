#ifndef TILLIT_CLIBGIT2_SHIM_H
#define TILLIT_CLIBGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/repository.h>
#include <git2/sys/stream.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <zlib.h>
// OpenSSL's SHA-1 (SHA-NI and AVX2 code paths) for checksums that are not object ids: an index
// Tillit writes, a pack's trailer. Its low-level API is deprecated in OpenSSL 3 but stays, and
// unlike EVP it needs no provider set-up at run time.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

// git_libgit2_opts is variadic, which Swift cannot call: one wrapper per option Tillit sets.

/// Whether every object read is hashed again to verify its id. git itself does not do this on
/// reads; libgit2 does by default, and it is a third of a pre-commit hook's time on loose objects.
static inline int tillit_git_set_read_verification(int enabled) {
  return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/// Whether writing a tree first reads every object it names to check that it exists. The index
/// only names objects `git add` wrote, and the check opens each one: most of a hook's time.
static inline int tillit_git_set_strict_object_creation(int enabled) {
  return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

/// The largest object of a kind libgit2's object cache keeps (0: none of that kind). The cache
/// is shared by the whole process and keeps what it holds until it reaches 256 MB: a history
/// scan filled it with trees it never read again (500 of Xen's 780 MB). Tillit keeps the few
/// trees it reads twice itself (`RecentTrees`); commits stay cached (a walk reads each one, then
/// the scan reads it again).
static inline int tillit_git_set_cache_object_limit(git_object_t kind, size_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, kind, bytes);
}

#endif
