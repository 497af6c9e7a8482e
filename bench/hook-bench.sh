#!/usr/bin/env bash
# Times the pre-commit hook of Tillit, prek, lefthook and pre-commit side by side, one hyperfine
# run per repository and scenario, each tool configured with the same single check,
# `grep -q . FILES` with the staged files passed:
#   match      the check matches every path, so it runs on the staged file
#   no-match   its pattern (*.nomatch) matches nothing staged, so it does not run
# on three repositories: a clone of git-bug (562 files at the time of writing), and two that the
# script generates, of 2,000 and 50,000 files. Before each round (`--prepare`), one file gets new
# content and is staged, so every round checks a new blob and no cache can answer. Each tool is
# run the way its installed hook runs it, in the repository's root: `tillit hook pre-commit` (the
# configuration approved with `tillit trust`), `prek run`, `pre-commit run`, `lefthook run
# pre-commit`. In the match scenario the check is also timed alone on the same file
# (`grep -q . FILE`), so that Tillit's own time is the hook's minus the check's.
#
#   bench/hook-bench.sh [--setup] [GIT_BUG]
#
#   GIT_BUG   where to clone git-bug from: a URL or the path of any clone, bare is fine
#             (the argument, else this variable, else https://github.com/git-bug/git-bug)
#   TILLIT    the tillit binary to time (default: a release build of this checkout)
#   ROUNDS    timed rounds per tool (default 30; 3 more warm up)
#   SLOW_SECONDS, SLOW_ROUNDS  a tool whose one untimed run took longer than SLOW_SECONDS
#             (default 2) is timed for SLOW_ROUNDS rounds instead (default 5, after 1 warm-up),
#             so that a run stays within minutes; the table gives each median's number of rounds
#   REPOS     which repositories (default "git-bug files-2000 files-50000")
#   PEERS     which peers besides Tillit (default "prek lefthook pre-commit"; prek is the yardstick)
#   BENCH_WORK  where the repositories go (default bench/work, ignored by git); bench/work/hook is
#               deleted and made anew on every run
#
# --setup installs what is missing first: hyperfine with apt-get (as root), the peers with pip
# (python3 -m pip install prek pre-commit lefthook). Prints a Markdown table; the hyperfine output
# and its JSON are kept in bench/work/hook/.

# hyperfine's --prepare, before every round: new content for FILE in REPO, staged.
if [ "${1:-}" = --stage ]; then
  printf 'bench round %s\n' "$(date +%s%N)" > "$2/$3"
  exec git -C "$2" add -- "$3"
fi

set -euo pipefail
source "$(dirname "$0")/common.sh"
script=$here/bench/hook-bench.sh
peers=${PEERS:-prek lefthook pre-commit}
if [ "${1:-}" = --setup ]; then
  shift
  command -v hyperfine >/dev/null || apt-get install -y hyperfine >&2
  for tool in $peers; do command -v "$tool" >/dev/null || python3 -m pip install "$tool" >&2; done
fi
git_bug=${1:-${GIT_BUG:-https://github.com/git-bug/git-bug}}
rounds=${ROUNDS:-30}
slow_seconds=${SLOW_SECONDS:-2}
slow_rounds=${SLOW_ROUNDS:-5}
repos=${REPOS:-git-bug files-2000 files-50000}
work=$bench_work/hook
bench_tillit
# shellcheck disable=SC2086
bench_need hyperfine prek $peers

# The peers' real executables first on PATH, so that no pyenv shim or Python wrapper is timed.
rm -rf "$work" && mkdir -p "$work/bin"
for tool in $peers; do
  real=$(command -v pyenv >/dev/null && pyenv which "$tool" 2>/dev/null || command -v "$tool")
  if [ "$tool" = lefthook ]; then
    go_binary=$(python3 -c 'import lefthook, os, glob; print(glob.glob(os.path.join(os.path.dirname(lefthook.__file__), "bin", "*", "lefthook"))[0])' 2>/dev/null || true)
    [ -n "$go_binary" ] && real=$go_binary
  fi
  ln -s "$real" "$work/bin/$tool"
done
export PATH="$work/bin:$PATH"
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

make_repo() {  # name, folder
  case $1 in
    git-bug)
      if [ -d "$git_bug" ]; then git clone -q --shared "$git_bug" "$2"; else git clone -q "$git_bug" "$2"; fi ;;
    files-*)
      git init -q "$2" ;;
    *) echo "bench: no repository '$1' (REPOS takes git-bug, files-N)" >&2; exit 2 ;;
  esac
  git -C "$2" config user.email bench@example.com
  git -C "$2" config user.name Bench
  git -C "$2" config gc.auto 0
  case $1 in files-*) bench_generate "$2" "${1#files-}" ;; esac
}

staged_file() {  # the file each round changes: README.md where there is one, else the middle one
  if git -C "$1" ls-files --error-unmatch README.md >/dev/null 2>&1; then echo README.md; return; fi
  git -C "$1" ls-files -s | awk '$1 == "100644" { print $4 }' | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }'
}

configure() {  # folder, scenario: commits each tool's configuration of the one check
  local tillit_files='' pre_commit_files='' lefthook_glob=''
  if [ "$2" = no-match ]; then
    tillit_files='    files: ["*.nomatch"]'
    pre_commit_files="        files: '\\.nomatch\$'"
    lefthook_glob='      glob: "*.nomatch"'
  fi
  cat > "$1/.tillit.yml" <<EOF
checks:
  - name: grep
    run: [grep, -q, .]
    pass-files: true
$tillit_files
EOF
  cat > "$1/.pre-commit-config.yaml" <<EOF
repos:
  - repo: local
    hooks:
      - id: grep
        name: grep
        entry: grep -q .
        language: system
$pre_commit_files
EOF
  cat > "$1/lefthook.yml" <<EOF
pre-commit:
  commands:
    grep:
      run: grep -q . {staged_files}
$lefthook_glob
EOF
  git -C "$1" add -A
  git -C "$1" commit -q --no-verify -m "bench: $2"
  (cd "$1" && "$TILLIT" trust >/dev/null)
}

q() { printf '%q' "$1"; }

# Runs each tool once on an empty staged file, which `grep -q .` fails: every tool must fail when
# the check matches (so it ran, on that file) and pass when it does not (so it did not run).
# Sets took_ms: how long each of these runs took, to tell the slow tools.
verify() {  # folder, file, scenario, tool commands...
  local dir=$1 file=$2 scenario=$3 command status start
  shift 3
  took_ms=()
  : > "$dir/$file" && git -C "$dir" add -- "$file"
  for command in "$@"; do
    status=0
    start=$(date +%s%N)
    (cd "$dir" && eval "$command") >"$work/verify.log" 2>&1 || status=$?
    took_ms+=($(( ($(date +%s%N) - start) / 1000000 )))
    if { [ "$scenario" = match ] && [ "$status" = 0 ]; } || { [ "$scenario" = no-match ] && [ "$status" != 0 ]; }; then
      echo "bench: '$command' in $dir exited $status, which is wrong for the $scenario scenario:" >&2
      cat "$work/verify.log" >&2
      exit 1
    fi
  done
}

time_rounds() {  # folder, file, rounds, JSON file, then hyperfine's -n NAME COMMAND pairs
  local dir=$1 file=$2 runs=$3 json=$4
  shift 4
  [ $# -gt 0 ] || return 0
  hyperfine -N --style basic --warmup "$(( runs < 30 ? 1 : 3 ))" --runs "$runs" --export-json "$json" \
    --prepare "bash $(q "$script") --stage $(q "$dir") $(q "$file")" "$@" >> "$work/hyperfine.log" 2>&1
}

for name in $repos; do
  dir=$work/$name
  echo "bench: $name: preparing" >&2
  make_repo "$name" "$dir"
  file=$(staged_file "$dir")
  printf '%s\t%s\t%s\n' "$name" "$(git -C "$dir" ls-files | wc -l)" "$(git -C "$dir" rev-parse --short HEAD)" >> "$work/repos.tsv"
  for scenario in match no-match; do
    configure "$dir" "$scenario"
    names=(tillit) commands=("$(q "$TILLIT") hook pre-commit")
    for tool in $peers; do
      names+=("$tool")
      case $tool in
        prek|pre-commit) commands+=("$tool run") ;;
        lefthook) commands+=("lefthook run pre-commit") ;;
        *) echo "bench: no peer '$tool' (PEERS takes prek, lefthook, pre-commit)" >&2; exit 2 ;;
      esac
    done
    verify "$dir" "$file" "$scenario" "${commands[@]}"
    if [ "$scenario" = match ]; then names+=("the check alone") commands+=("grep -q . $(q "$file")") took_ms+=(0); fi
    fast=() slow=()
    for i in "${!names[@]}"; do
      pair=(-n "${names[$i]}" "env -C $(q "$dir") ${commands[$i]}")
      if [ "${took_ms[$i]}" -gt $(( slow_seconds * 1000 )) ]; then slow+=("${pair[@]}"); else fast+=("${pair[@]}"); fi
    done
    echo "bench: $name, $scenario: timing ${names[*]}" >&2
    time_rounds "$dir" "$file" "$rounds" "$work/$name.$scenario.json" "${fast[@]}"
    time_rounds "$dir" "$file" "$slow_rounds" "$work/$name.$scenario.slow.json" "${slow[@]}"
  done
done

python3 - "$work" "$(nproc)" "$load_before" <<'PY'
import csv, json, os, sys
work, cores, load_before = sys.argv[1:4]
def results(name, scenario):
    found = {}
    for suffix in ("", ".slow"):
        path = f"{work}/{name}.{scenario}{suffix}.json"
        if os.path.exists(path):
            found.update({r["command"]: r for r in json.load(open(path))["results"]})
    return found
load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
print(f"Each round stages a new one-file change; median of the rounds. {cores} cores, load average "
      f"{load_before} before and {load_after} after (other work on the machine moves the numbers).\n")
print("| repository | files | scenario | tool | rounds | median | vs prek |")
print("|---|---:|---|---|---:|---:|---:|")
own = []
for name, files, commit in csv.reader(open(f"{work}/repos.tsv"), delimiter="\t"):
    for scenario in ("match", "no-match"):
        found = results(name, scenario)
        order = ["tillit", "prek", "lefthook", "pre-commit", "the check alone"]
        for tool in [t for t in order if t in found]:
            median = found[tool]["median"]
            ratio = "" if tool == "the check alone" else f"{median / found['prek']['median']:.2f} ×"
            print(f"| {name} @ {commit} | {files} | {scenario} | {tool} | {len(found[tool]['times'])} | {median * 1000:.1f} ms | {ratio} |")
        if scenario == "match":
            own.append((name, files, found["tillit"]["median"], found["the check alone"]["median"]))
print("\nTillit's own time in the match scenario: its hook minus the check's own run.\n")
print("| repository | files | tillit hook | the check alone | tillit's own |")
print("|---|---:|---:|---:|---:|")
for name, files, hook, check in own:
    print(f"| {name} | {files} | {hook * 1000:.1f} ms | {check * 1000:.1f} ms | {(hook - check) * 1000:.1f} ms |")
PY
