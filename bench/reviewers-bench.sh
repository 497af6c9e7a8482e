#!/usr/bin/env bash
# Speed of the knowledge model and reviewer suggestions on a clone of Xen, side by side with
# `git log --no-merges --name-only` over the same history, in one run. Prints a Markdown table.
#
#   bench/reviewers-bench.sh                          # builds tillit (release) first
#   XEN=/path/to/xen.git TILLIT=/path/to/tillit bench/reviewers-bench.sh
#
# XEN is any clone of https://github.com/xen-project/xen (bare is fine); the benchmark makes its
# own working clone of it under bench/work/xen, sharing its objects.
set -euo pipefail
source "$(dirname "$0")/xen.sh"
runs=${RUNS:-5}
git -C "$work" config user.email bench@example.com
git -C "$work" config user.name Bench
git -C "$work" reset -q --hard origin/HEAD 2>/dev/null || git -C "$work" reset -q --hard
base=$(git -C "$work" rev-parse HEAD)
commits=$(git -C "$work" rev-list --count --no-merges HEAD)
state=$(git -C "$work" rev-parse --git-common-dir)/tillit/knowledge
case "$state" in /*) ;; *) state=$work/$state ;; esac

# 1. A cold model build (no cache), against git log over the same history.
hyperfine -N --runs "$runs" --export-json "$work.cold.json" \
  --prepare "rm -rf $state" -n "tillit reviewers HEAD (cold model build)" "$TILLIT reviewers --repo $work HEAD" \
  --prepare "true" -n "git log --no-merges --name-only" "git -C $work log --no-merges --name-only --format=%H" >&2

# 2. Warm: the model is cached at HEAD; one file staged.
"$TILLIT" reviewers --repo "$work" HEAD >/dev/null
file=xen/common/sched/core.c
echo "/* bench */" >> "$work/$file"
git -C "$work" add "$file"
hyperfine -N --warmup 3 --runs 30 --export-json "$work.warm.json" \
  -n "tillit reviewers --staged (warm)" "$TILLIT reviewers --repo $work --staged" >&2

# 3. After one new commit: the cache is at the commit before HEAD; each run brings it up to date.
git -C "$work" commit -qm "bench: one new commit"
cp "$state/model" "$work.model-at-base"
"$TILLIT" reviewers --repo "$work" HEAD >/dev/null   # make sure the cache format is current
git -C "$work" reset -q --soft "$base" && "$TILLIT" reviewers --repo "$work" HEAD >/dev/null && cp "$state/model" "$work.model-at-base"
git -C "$work" reset -q --soft HEAD@{1}
echo "/* bench 2 */" >> "$work/xen/common/sched/credit2.c"
git -C "$work" add xen/common/sched/credit2.c
hyperfine -N --runs 20 --export-json "$work.one.json" \
  --prepare "cp $work.model-at-base $state/model" \
  -n "tillit reviewers --staged (one new commit)" "$TILLIT reviewers --repo $work --staged" >&2

# 4. The backtest since 2023.
hyperfine -N --runs "${BACKTEST_RUNS:-2}" --export-json "$work.backtest.json" \
  -n "tillit backtest --since 2023-01-01 --mode expert" "$TILLIT backtest --repo $work --since 2023-01-01 --mode expert" >&2

git -C "$work" reset -q --hard "$base"

python3 - "$work" "$commits" <<'PY'
import json, sys
work, commits = sys.argv[1], sys.argv[2]
def med(name, index=0):
    return json.load(open(f"{work}.{name}.json"))["results"][index]["median"]
cold, log = med("cold", 0), med("cold", 1)
print(f"Xen, {commits} non-merge commits, medians:\n")
print("| what | time | goal |")
print("|---|---:|---|")
print(f"| cold model build (`tillit reviewers HEAD`, no cache) | {cold:.2f} s | ≤ 2 × git log |")
print(f"| `git log --no-merges --name-only` | {log:.2f} s | |")
print(f"| ratio | {cold / log:.2f} × | ≤ 2 × |")
print(f"| warm `tillit reviewers --staged` | {med('warm') * 1000:.0f} ms | ≤ 100 ms |")
print(f"| `tillit reviewers --staged` after one new commit | {med('one') * 1000:.0f} ms | ≤ 150 ms |")
print(f"| `tillit backtest --since 2023-01-01` | {med('backtest'):.1f} s | ≤ 60 s |")
PY
