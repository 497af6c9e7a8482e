// Linked only when libgit2 is linked statically (see Package.swift).
//
// Tillit never uses libgit2's network transports: its network goes through the git command,
// with the user's own credentials and ssh set-up. So what only those transports need is left
// out of every start of `tillit`:
//
// - git_libgit2_init starts mbedTLS (parsing every certificate of the system's CA bundle, about
//   9 ms, and seeding its random generator) and libssh2. Package.swift routes both start-ups
//   here with `ld --wrap`, and they do nothing. TillitGit registers a TLS stream that refuses
//   (Libgit2.swift), so HTTPS through libgit2 fails with a clear error; libssh2 starts itself
//   on first use.
// - GSSAPI (Kerberos "Negotiate" authentication over HTTP) would load seven shared libraries at
//   every start (about 1 ms). These stand-ins answer GSS_S_FAILURE: Negotiate is unavailable.

#include <stddef.h>

typedef unsigned int OM_uint32;
#define TILLIT_GSS_S_FAILURE (13u << 16)

int __wrap_git_mbedtls_stream_global_init(void) { return 0; }
int __wrap_git_transport_ssh_global_init(void) { return 0; }

void *GSS_C_NT_HOSTBASED_SERVICE = NULL;

OM_uint32 gss_import_name(OM_uint32 *minor, void *name, void *type, void *output) {
  (void)name; (void)type; (void)output;
  if (minor) *minor = 0;
  return TILLIT_GSS_S_FAILURE;
}

OM_uint32 gss_init_sec_context(OM_uint32 *minor, void *credential, void *context, void *target, void *mechanism,
                               OM_uint32 flags, OM_uint32 time, void *bindings, void *input, void *actual_mechanism,
                               void *output, OM_uint32 *returned_flags, OM_uint32 *time_received) {
  (void)credential; (void)context; (void)target; (void)mechanism; (void)flags; (void)time; (void)bindings;
  (void)input; (void)actual_mechanism; (void)output; (void)returned_flags; (void)time_received;
  if (minor) *minor = 0;
  return TILLIT_GSS_S_FAILURE;
}

OM_uint32 gss_delete_sec_context(OM_uint32 *minor, void *context, void *output) {
  (void)context; (void)output;
  if (minor) *minor = 0;
  return TILLIT_GSS_S_FAILURE;
}

OM_uint32 gss_release_buffer(OM_uint32 *minor, void *buffer) { (void)buffer; if (minor) *minor = 0; return 0; }
OM_uint32 gss_release_name(OM_uint32 *minor, void *name) { (void)name; if (minor) *minor = 0; return 0; }
OM_uint32 gss_release_oid_set(OM_uint32 *minor, void *set) { (void)set; if (minor) *minor = 0; return 0; }

OM_uint32 gss_display_status(OM_uint32 *minor, OM_uint32 status, int type, void *mechanism, OM_uint32 *context, void *text) {
  (void)status; (void)type; (void)mechanism; (void)text;
  if (minor) *minor = 0;
  if (context) *context = 0;
  return TILLIT_GSS_S_FAILURE;
}

OM_uint32 gss_indicate_mechs(OM_uint32 *minor, void *set) {
  (void)set;
  if (minor) *minor = 0;
  return TILLIT_GSS_S_FAILURE;
}
