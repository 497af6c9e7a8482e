#!/usr/bin/env bash
# The audit's speed on a clone of Xen, side by side in one run with `git log --no-merges
# --name-only` over the same history and with the peers git-fame and truckfactor (pip install
# git-fame truckfactor). Prints a Markdown table.
#
#   bench/audit-bench.sh                          # builds tillit (release) first
#   XEN=/path/to/xen.git TILLIT=/path/to/tillit PEER_TIMEOUT=1800 bench/audit-bench.sh
set -euo pipefail
source "$(dirname "$0")/xen.sh"
runs=${RUNS:-3}
peer_timeout=${PEER_TIMEOUT:-1800}
git -C "$work" reset -q --hard
state=$work/.git/tillit

hyperfine -N --runs "$runs" --export-json "$work.audit-cold.json" \
  --prepare "rm -rf $state/knowledge $state/audit" -n "tillit audit (cold: no model, no trend cache)" "$TILLIT audit --repo $work --format json" \
  --prepare "true" -n "git log --no-merges --name-only" "git -C $work log --no-merges --name-only --format=%H" >&2
hyperfine -N --warmup 1 --runs 10 --export-json "$work.audit-warm.json" \
  -n "tillit audit (warm)" "$TILLIT audit --repo $work --format json" >&2

peer() {  # name, then the command; prints its time, and how it ended when it did not succeed
  local name=$1; shift
  local start end status
  start=$(date +%s.%N)
  set +e
  (cd "$work" && timeout "$peer_timeout" "$@" > "$work.$name.out" 2> "$work.$name.err")
  status=$?
  set -e
  end=$(date +%s.%N)
  if [ "$status" = 124 ]; then echo "> $peer_timeout s (stopped)"
  elif [ "$status" != 0 ]; then python3 -c "print(f'{$end - $start:.1f} s, then failed (exit $status)')"
  else python3 -c "print(f'{$end - $start:.1f} s')"; fi
}
fame=$(peer git-fame git-fame --format json -s)
truck=$(peer truckfactor truckfactor "$work")

python3 - "$work" "$fame" "$truck" <<'PY'
import json, sys
work, fame, truck = sys.argv[1:4]
def med(name, index=0):
    return json.load(open(f"{work}.{name}.json"))["results"][index]["median"]
cold, log, warm = med("audit-cold", 0), med("audit-cold", 1), med("audit-warm")
def seconds(text):
    try: return float(text.split()[0])
    except ValueError: return None
print("| what | time | vs tillit audit (cold) | goal |")
print("|---|---:|---:|---|")
print(f"| `tillit audit`, cold (no model, no trend cache) | {cold:.2f} s | 1 × | ≤ 2 × git log |")
print(f"| `git log --no-merges --name-only` | {log:.2f} s | {log / cold:.2f} × | |")
print(f"| `tillit audit`, warm | {warm * 1000:.0f} ms | | ≤ 1 s |")
for name, text in (("git-fame", fame), ("truckfactor", truck)):
    s = seconds(text)
    ratio = f"{s / cold:.1f} ×" if s else "—"
    print(f"| `{name}` | {text} | {ratio} | tillit ≥ 10 × faster |")
print(f"\ncold audit / git log = {cold / log:.2f} ×")
PY
