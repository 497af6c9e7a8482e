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
echo "smoke: install.sh, a blocked commit and a passing commit all behaved"
