#!/bin/sh
# Installed by tillit. `tillit uninstall` removes it and restores the hook it replaced.
t='@TILLIT_BINARY@'
[ -x "$t" ] || t=$(command -v tillit) || {
  echo "tillit: its binary is gone (was @TILLIT_BINARY_DISPLAY@, and none is on PATH). Reinstall it with ./install.sh from a Tillit clone, or skip this hook once with --no-verify." >&2
  exit 1
}
exec "$t" hook "$0" "$@"
