#!/usr/bin/env bash
# Renders `tillit audit --format html` with headless Chromium (Debian's `chromium`) to a PNG,
# and fails if the page logs a console error or makes any network request.
#
#   scripts/render-audit.sh REPO OUT.png [tillit audit options...]
set -euo pipefail
repo=$1
png=$2
shift 2
tillit=${TILLIT:-tillit}
page=${PAGE:-}   # an HTML file to render instead of running tillit audit (to test this script)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "render-audit: chromium is missing (apt-get install chromium)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "$page" ]; then cp "$page" "$work/audit.html"; else "$tillit" audit --repo "$repo" --format html --out "$work/audit.html" "$@"; fi
# The browser's own background traffic (updates, sign-in, spelling) is turned down, and the
# net log is read for the page's requests only.
"$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --disable-default-apps \
  --disable-extensions --no-default-browser-check --disable-spell-checking \
  --disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication \
  --user-data-dir="$work/profile" --enable-logging=stderr --v=0 \
  --log-net-log="$work/net.json" --net-log-capture-mode=Default \
  --window-size=1280,2200 --screenshot="$png" "file://$work/audit.html" 2> "$work/browser.log" >/dev/null
[ -s "$png" ] || { echo "render-audit: no screenshot was written" >&2; cat "$work/browser.log" >&2; exit 1; }
if grep -E 'CONSOLE\(|Uncaught|console' "$work/browser.log" | grep -v 'DevTools' > "$work/console.txt"; then
  echo "render-audit: the page logged to the console:" >&2
  cat "$work/console.txt" >&2
  exit 1
fi
# Every URL the page itself asked for: requests made on behalf of a file:// page carry a file://
# network isolation key; the browser's own traffic does not.
requests=$(python3 - "$work/net.json" "file://$work/audit.html" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
page = sys.argv[2]
start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
urls = set()
for event in log.get("events", []):
    params = event.get("params", {})
    if event.get("type") == start and "file://" in params.get("network_isolation_key", "") and params.get("url") != page:
        urls.add(params["url"])
print("\n".join(sorted(urls)))
PY
)
if [ -n "$requests" ]; then
  echo "render-audit: the page made network requests:" >&2
  echo "$requests" >&2
  exit 1
fi
echo "render-audit: $png written; no console messages, no network requests"
