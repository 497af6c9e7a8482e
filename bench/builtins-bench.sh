#!/usr/bin/env bash
# Times ten built-in checks of Tillit against prek running the same ten pre-commit-hooks hooks
# (its own Rust versions, `repo: builtin`), side by side in one hyperfine run, on a generated
# repository of 2,000 files with one staged file:
#   trailing-whitespace, end-of-file(-fixer), mixed-line-ending, (check-)merge-conflict,
#   (check-added-)large-files, check-yaml, check-json, check-toml, (detect-)private-key,
#   (check-)case-conflict
# Before each round (`--prepare`) one text file gets new, clean content and is staged, so every
# round checks a new blob and no cache answers. Each tool runs as its installed hook does, in
# the repository's root: `tillit hook pre-commit` (the configuration approved with `tillit
# trust`) and `prek run`. Before timing, both must pass on a clean file and fail on a file with
# trailing whitespace, a missing final newline and a private key.
#
#   bench/builtins-bench.sh
#
#   TILLIT     the tillit binary to time (default: a release build of this checkout)
#   ROUNDS     timed rounds per tool (default 30; 3 more warm up)
#   FILES      how many files the repository has (default 2000)
#   BENCH_WORK where the repository goes (default bench/work); bench/work/builtins is made anew
#
# Prints a Markdown table; hyperfine's output and JSON are kept in bench/work/builtins/.

# hyperfine's --prepare, before every round: new content for FILE in REPO, staged.
if [ "${1:-}" = --stage ]; then
  printf 'bench round %s\n' "$(date +%s%N)" > "$2/$3"
  exec git -C "$2" add -- "$3"
fi

set -euo pipefail
source "$(dirname "$0")/common.sh"
script=$here/bench/builtins-bench.sh
rounds=${ROUNDS:-30}
files=${FILES:-2000}
work=$bench_work/builtins
bench_tillit
bench_need hyperfine prek

rm -rf "$work" && mkdir -p "$work/bin"
# prek's real executable first on PATH, so that no pyenv shim is timed.
ln -s "$(command -v pyenv >/dev/null && pyenv which prek 2>/dev/null || command -v prek)" "$work/bin/prek"
export PATH="$work/bin:$PATH"
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

dir=$work/files-$files
git init -q "$dir"
git -C "$dir" config user.email bench@example.com
git -C "$dir" config user.name Bench
git -C "$dir" config gc.auto 0
bench_generate "$dir" "$files"
file=$(git -C "$dir" ls-files | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }')

cat > "$dir/.tillit.yml" <<'YAML'
checks:
  - builtin: trailing-whitespace
  - builtin: end-of-file
  - builtin: mixed-line-ending
  - builtin: merge-conflict
  - builtin: large-files
  - builtin: yaml-syntax
  - builtin: json-syntax
  - builtin: toml-syntax
  - builtin: private-key
  - builtin: case-conflict
YAML
cat > "$dir/.pre-commit-config.yaml" <<'YAML'
repos:
  - repo: builtin
    hooks:
      - id: trailing-whitespace
      - id: end-of-file-fixer
      - id: mixed-line-ending
      - id: check-merge-conflict
      - id: check-added-large-files
      - id: check-yaml
      - id: check-json
      - id: check-toml
      - id: detect-private-key
      - id: check-case-conflict
YAML
git -C "$dir" add -A
git -C "$dir" commit -q --no-verify -m "bench: configurations"
(cd "$dir" && "$TILLIT" trust >/dev/null)

q() { printf '%q' "$1"; }
names=(tillit prek)
commands=("$(q "$TILLIT") hook pre-commit" "prek run")

verify() {  # content, expected: pass or fail
  local command status
  printf "$1" > "$dir/$file" && git -C "$dir" add -- "$file"
  for command in "${commands[@]}"; do
    status=0
    (cd "$dir" && eval "$command") >"$work/verify.log" 2>&1 || status=$?
    if { [ "$2" = pass ] && [ "$status" != 0 ]; } || { [ "$2" = fail ] && [ "$status" = 0 ]; }; then
      echo "bench: '$command' exited $status, but should $2 on '$1':" >&2
      cat "$work/verify.log" >&2
      exit 1
    fi
    git -C "$dir" reset -q --hard HEAD  # undo the fixers' fixes
    printf "$1" > "$dir/$file" && git -C "$dir" add -- "$file"
  done
}
verify 'clean\n' pass
verify 'trailing  \nBEGIN RSA PRIVATE KEY\nno final newline' fail

echo "bench: timing ${names[*]} on $files files, $rounds rounds" >&2
hyperfine -N --style basic --warmup 3 --runs "$rounds" --export-json "$work/hyperfine.json" \
  --prepare "bash $(q "$script") --stage $(q "$dir") $(q "$file")" \
  -n tillit "env -C $(q "$dir") ${commands[0]}" -n prek "env -C $(q "$dir") ${commands[1]}" > "$work/hyperfine.log" 2>&1

python3 - "$work/hyperfine.json" "$files" "$(nproc)" "$load_before" "$rounds" <<'PY'
import json, os, sys
path, files, cores, load_before, rounds = sys.argv[1:6]
found = {r["command"]: r for r in json.load(open(path))["results"]}
load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
print(f"One staged text file in a repository of {files} files; median of {rounds} rounds, each on a new blob. "
      f"{cores} cores, load average {load_before} before and {load_after} after.\n")
print("| ten checks | median | mean ± σ | vs prek | CPU (user + system, mean) | CPU vs prek |")
print("|---|---:|---:|---:|---:|---:|")
cpu = {tool: found[tool]["user"] + found[tool]["system"] for tool in found}
for tool in ("tillit", "prek"):
    r = found[tool]
    print(f"| {tool} | {r['median'] * 1000:.1f} ms | {r['mean'] * 1000:.1f} ± {r['stddev'] * 1000:.1f} ms | "
          f"{r['median'] / found['prek']['median']:.2f} × | {cpu[tool] * 1000:.1f} ms | {cpu[tool] / cpu['prek']:.2f} × |")
PY
