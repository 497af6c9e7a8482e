#!/usr/bin/env bash
# Accuracy and knowledge spread of reviewer suggestions, replayed on real histories since 2023,
# in expert mode and in auto mode (its learner joining the actual reviewers, and replacing one): Xen (where the weights were tuned), U-Boot (where they were
# confirmed) and four histories of other shapes the spread policy was only evaluated on — git
# (a central maintainer, few Reviewed-by), coreboot (65,000 commits, Gerrit's Reviewed-by on
# every change, many short-lived contributors), DPDK (many drivers' maintainers, Acked-by and
# Reviewed-by) and Open vSwitch (a few central reviewers, Acked-by). Prints a Markdown table.
#
#   bench/backtest.sh                                   # builds tillit (release) first
#   XEN=/path/to/xen.git UBOOT=... GIT=... COREBOOT=... DPDK=... OVS=... TILLIT=/path/to/tillit bench/backtest.sh
#   ONLY="Xen Git" POLICY=knowers=1 bench/backtest.sh   # some histories; another spread policy
#
# Each variable: the path of any clone (bare is fine), or a URL to clone from once into
# bench/work/clones/; by default the project's GitHub repository is cloned there.
set -euo pipefail
source "$(dirname "$0")/common.sh"
since=${SINCE:-2023-01-01}
bench_tillit
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
histories=(
  "Xen|${XEN:-https://github.com/xen-project/xen}|Reviewed-by"
  "U-Boot|${UBOOT:-https://github.com/u-boot/u-boot}|Reviewed-by"
  "Git|${GIT:-https://github.com/git/git}|Reviewed-by"
  "coreboot|${COREBOOT:-https://github.com/coreboot/coreboot}|Reviewed-by"
  "DPDK|${DPDK:-https://github.com/DPDK/dpdk}|Reviewed-by Acked-by"
  "OVS|${OVS:-https://github.com/openvswitch/ovs}|Reviewed-by Acked-by"
)
echo "| repository | mode | evaluated | top-1 | top-3 | top-5 | MRR | expertise | files at risk (history → simulated) | workload Gini (history → simulated) | top-10 share (history → simulated) | reviews added | time | peak memory |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|---:|"
for entry in "${histories[@]}"; do
  IFS='|' read -r name source keys <<<"$entry"
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]]; then continue; fi
  repo=$(bench_clone "${name,,}" "$source")
  trailers=()
  for key in $keys; do trailers+=(--trailer "$key"); done
  # auto twice: its learner joins the actual reviewers (what auto asks for: an expert and a
  # learner), and, as Mirsaeedi & Rigby simulate, replaces one of them.
  for run in expert auto auto:replace; do
    mode=${run%%:*}
    learners=join; [[ $run == *:replace ]] && learners=replace
    /usr/bin/time -f "%e %M" -o "$out/time" "$TILLIT" backtest --repo "$repo" --since "$since" --mode "$mode" "${trailers[@]}" \
      --learners "$learners" ${POLICY:+--policy "$POLICY"} --format json > "$out/result.json"
    label=$mode; [ "$mode" = auto ] && label="auto, learner $([ "$learners" = join ] && echo joins || echo replaces)"
    python3 - "$out/result.json" "$name" "$label" "$out/time" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
name, mode = sys.argv[2], sys.argv[3]
seconds, kilobytes = open(sys.argv[4]).read().split()[-2:]
h, s = r["filesAtRiskHistory"], r["filesAtRiskSimulated"]
change = f"{(s - h) / h * 100:+.0f}%" if h else "n/a"
print(f"| {name} | {mode} | {r['evaluated']} | {r['top1']:.3f} | {r['top3']:.3f} | {r['top5']:.3f} | {r['mrr']:.3f} | "
      f"{r['expertise']:.3f} | {h} → {s} ({change}) | {r['workloadGiniHistory']:.3f} → {r['workloadGini']:.3f} | "
      f"{r['topReviewersShareHistory']:.3f} → {r['topReviewersShareSimulated']:.3f} | {r['reviewsAdded']} | {float(seconds):.1f} s | {int(kilobytes) // 1024} MB |")
PY
  done
  echo "bench: $name at $(git -C "$repo" rev-parse --short=12 HEAD 2>/dev/null), $(git -C "$repo" rev-list --count --no-merges HEAD) non-merge commits" >&2
done
