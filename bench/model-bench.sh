#!/usr/bin/env bash
# The cold knowledge-model build (`tillit reviewers HEAD`, no cache) side by side with
# `git log --no-merges --name-only` over the same history, on several large histories, with the
# peak resident memory of each; then `tillit backtest` on Xen with its memory. Prints Markdown.
#
#   bench/model-bench.sh      # Xen, git and U-Boot, cloned from GitHub once into bench/work/clones
#   XEN=/path/to/xen.git GIT=/path/to/git.git UBOOT=/path/to/u-boot.git RUNS=3 bench/model-bench.sh
#
# Each run alternates Tillit and git log, so both see the same machine; the table gives the
# medians of RUNS runs, and the ratio of each run (the goal: every one ≤ 2 ×).
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_tillit
runs=${RUNS:-3}
histories=(
  "xen=$(bench_clone xen "${XEN:-https://github.com/xen-project/xen}")"
  "git=$(bench_clone git "${GIT:-https://github.com/git/git}")"
  "u-boot=$(bench_clone u-boot "${UBOOT:-https://github.com/u-boot/u-boot}")"
)
results=$bench_work/model-bench.tsv
: > "$results"

# Prints "seconds<TAB>peak KB" of one command.
measure() {
  /usr/bin/time -f "%e	%M" -o "$bench_work/time.out" "$@" >/dev/null
  cat "$bench_work/time.out"
}

for entry in "${histories[@]}"; do
  name=${entry%%=*} source=${entry#*=}
  work=$bench_work/model-$name
  # Only the history is read: a clone sharing the objects, with no files checked out.
  [ -d "$work" ] || git clone -q --shared --no-checkout "$source" "$work"
  head=$(git -C "$work" rev-parse HEAD)
  commits=$(git -C "$work" rev-list --count --no-merges HEAD)
  state=$(git -C "$work" rev-parse --path-format=absolute --git-common-dir)/tillit
  for run in $(seq "$runs"); do
    rm -rf "$state"
    tillit=$(measure "$TILLIT" reviewers --repo "$work" HEAD)
    log=$(measure git -C "$work" log --no-merges --name-only --format=%H)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "${head:0:12}" "$commits" "$run" "$tillit" "$log" >> "$results"
  done
done

xen=$bench_work/model-xen
backtest=$(measure "$TILLIT" backtest --repo "$xen" --since 2023-01-01 --mode auto)

python3 - "$results" "$backtest" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
print("| history | non-merge commits | cold model build | peak memory | git log | its peak memory | ratio (median) | ratio, each run |")
print("|---|---:|---:|---:|---:|---:|---:|---|")
for name in dict.fromkeys(r[0] for r in rows):
    mine = [r for r in rows if r[0] == name]
    t = [float(r[4]) for r in mine]; tm = [int(r[5]) for r in mine]
    g = [float(r[6]) for r in mine]; gm = [int(r[7]) for r in mine]
    ratios = [a / b for a, b in zip(t, g)]
    print(f"| {name} ({mine[0][1]}) | {int(mine[0][2]):,} | {statistics.median(t):.2f} s | {statistics.median(tm) / 1024:.0f} MB "
          f"| {statistics.median(g):.2f} s | {statistics.median(gm) / 1024:.0f} MB | {statistics.median(ratios):.2f} × "
          f"| {' · '.join(f'{r:.2f}' for r in ratios)} |")
seconds, kb = sys.argv[2].split("\t")
print(f"\n`tillit backtest --since 2023-01-01 --mode auto` on Xen: {float(seconds):.1f} s, peak memory {int(kb) / 1024:.0f} MB")
PY
