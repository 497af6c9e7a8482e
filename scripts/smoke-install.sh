#!/usr/bin/env bash
# End to end as a new user: ./install.sh into a fresh repository, then git commit there runs
# the checks — a failing one blocks the commit and shows its output, a passing one lets it through.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
# A background process (a model build started by a hook) may still be writing: try twice.
trap 'rm -rf "$work" 2>/dev/null || { sleep 2; rm -rf "$work"; }' EXIT
repo=$work/repo
git init -q -b main "$repo"
git -C "$repo" config user.email smoke@example.com
git -C "$repo" config user.name Smoke
cat > "$repo/.tillit.yml" <<'YAML'
checks:
  - name: no-bad
    run: "! grep -n BAD -- \"$@\""
    files: ["*.txt"]
    pass-files: true
YAML
"$here/install.sh" "$repo" --prefix "$work/bin"

# Completions load in bash, and man finds the page beside the binary's folder.
bash -c 'source "$1" && complete -p tillit' bash "$work/share/bash-completion/completions/tillit" | grep -q "tillit$" \
  || { echo "smoke: the bash completion did not register for tillit" >&2; exit 1; }
[ -s "$work/share/zsh/site-functions/_tillit" ] && [ -s "$work/share/fish/vendor_completions.d/tillit.fish" ] \
  || { echo "smoke: the zsh or fish completion is missing" >&2; exit 1; }
if command -v man >/dev/null; then
  man -l "$work/share/man/man1/tillit.1" 2>/dev/null | grep -q "TILLIT_SKIP" || { echo "smoke: man -l does not render the page" >&2; exit 1; }
  MANPATH="$work/share/man" man tillit 2>/dev/null | grep -q "TILLIT_SKIP" || { echo "smoke: man tillit does not show the page" >&2; exit 1; }
else
  grep -q "^.SH ENVIRONMENT" "$work/share/man/man1/tillit.1" || { echo "smoke: the man page is missing" >&2; exit 1; }
fi

echo "BAD line" > "$repo/x.txt"
git -C "$repo" add -A
if git -C "$repo" commit -qm "should be blocked" >"$work/blocked.log" 2>&1; then
  echo "smoke: a failing check did not block the commit" >&2; cat "$work/blocked.log" >&2; exit 1
fi
grep -q "1:BAD line" "$work/blocked.log" || { echo "smoke: the failure's output was not shown" >&2; cat "$work/blocked.log" >&2; exit 1; }

echo "good line" > "$repo/x.txt"
git -C "$repo" add -A
git -C "$repo" commit -qm "should pass" >"$work/passed.log" 2>&1 || { echo "smoke: a passing check blocked the commit" >&2; cat "$work/passed.log" >&2; exit 1; }
grep -q "checks passed" "$work/passed.log"
echo "smoke: install.sh, completions, the man page, a blocked commit and a passing commit all behaved"
