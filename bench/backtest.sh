#!/usr/bin/env bash
# Accuracy and knowledge spread of reviewer suggestions, replayed on real histories: Xen (where
# the weights were tuned), U-Boot (where they were only confirmed) and git (never seen), since 2023, Reviewed-by
# trailers as the ground truth, in expert and auto modes. Prints a Markdown table.
#
#   bench/backtest.sh                                   # builds tillit (release) first
#   XEN=/path/to/xen.git UBOOT=/path/to/u-boot.git GIT=/path/to/git.git TILLIT=/path/to/tillit bench/backtest.sh
#
# XEN and UBOOT: the path of any clone (bare is fine), or a URL to clone from once into
# bench/work/clones/; by default https://github.com/xen-project/xen and
# https://github.com/u-boot/u-boot are cloned there.
set -euo pipefail
source "$(dirname "$0")/common.sh"
since=${SINCE:-2023-01-01}
bench_tillit
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| repository | mode | evaluated | top-1 | top-3 | top-5 | MRR | expertise | files at risk (history → simulated) | workload Gini | time |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"
for entry in "Xen=${XEN:-https://github.com/xen-project/xen}" "U-Boot=${UBOOT:-https://github.com/u-boot/u-boot}" "Git=${GIT:-https://github.com/git/git}"; do
  name=${entry%%=*}
  repo=$(bench_clone "${name,,}" "${entry#*=}")
  for mode in expert auto; do
    start=$(date +%s.%N)
    "$TILLIT" backtest --repo "$repo" --since "$since" --mode "$mode" --trailer Reviewed-by --format json > "$out/result.json"
    end=$(date +%s.%N)
    python3 - "$out/result.json" "$name" "$mode" "$start" "$end" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
name, mode, start, end = sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
h, s = r["filesAtRiskHistory"], r["filesAtRiskSimulated"]
change = f"{(s - h) / h * 100:+.0f}%" if h else "n/a"
print(f"| {name} | {mode} | {r['evaluated']} | {r['top1']:.3f} | {r['top3']:.3f} | {r['top5']:.3f} | {r['mrr']:.3f} | "
      f"{r['expertise']:.3f} | {h} → {s} ({change}) | {r['workloadGini']:.3f} | {end - start:.1f} s |")
PY
  done
done
