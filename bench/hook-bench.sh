#!/usr/bin/env bash
# Times the pre-commit hook of Tillit, prek, lefthook and pre-commit side by side, in one
# hyperfine run each way: a repository of 2,000 files, one file staged, two checks whose globs
# match nothing. Two ways of running the hook are timed:
#   hook file   the installed .git/hooks/pre-commit executed in the repository's root, as git
#               executes it (through `env -C`, the same small cost for every tool)
#   git hook run  `git hook run pre-commit`: the same, plus starting git itself
#
#   bench/hook-bench.sh            # builds tillit (release, static stdlib) first
#   TILLIT=/path/to/tillit bench/hook-bench.sh
#
# Needs hyperfine (apt-get install hyperfine) and the peers (pip install prek lefthook pre-commit).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-$here/bench/work}
runs=${RUNS:-60}

if [ -z "${TILLIT:-}" ]; then
  (cd "$here" && swift build -c release --static-swift-stdlib >/dev/null)
  TILLIT=$here/.build/release/tillit
fi
for tool in hyperfine prek lefthook pre-commit; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (see the header of $0)" >&2; exit 2; }
done

# The peers' real executables first on PATH, so that no pyenv shim is timed.
rm -rf "$work" && mkdir -p "$work/bin"
for tool in prek lefthook pre-commit; do
  real=$(command -v pyenv >/dev/null && pyenv which "$tool" 2>/dev/null || command -v "$tool")
  if [ "$tool" = lefthook ]; then
    go_binary=$(python3 -c 'import lefthook, os, glob; print(glob.glob(os.path.join(os.path.dirname(lefthook.__file__), "bin", "*", "lefthook"))[0])' 2>/dev/null || true)
    [ -n "$go_binary" ] && real=$go_binary
  fi
  ln -s "$real" "$work/bin/$tool"
done
export PATH="$work/bin:$PATH"

template=$work/template
git init -q "$template"
git -C "$template" config user.email bench@example.com
git -C "$template" config user.name Bench
for d in $(seq -w 1 40); do
  mkdir -p "$template/src/module$d"
  for f in $(seq -w 1 50); do
    printf 'line one of %s/%s\nline two\n' "$d" "$f" > "$template/src/module$d/file$f.txt"
  done
done

cat > "$template/.tillit.yml" <<'YAML'
checks:
  - name: rust-lint
    run: ["true"]
    files: ["**/*.rs"]
  - name: go-lint
    run: ["true"]
    files: ["**/*.go"]
YAML
cat > "$template/.pre-commit-config.yaml" <<'YAML'
repos:
  - repo: local
    hooks:
      - id: rust-lint
        name: rust-lint
        entry: "true"
        language: system
        files: '\.rs$'
      - id: go-lint
        name: go-lint
        entry: "true"
        language: system
        files: '\.go$'
YAML
cat > "$template/lefthook.yml" <<'YAML'
pre-commit:
  commands:
    rust-lint:
      glob: "*.rs"
      run: "true"
    go-lint:
      glob: "*.go"
      run: "true"
YAML
git -C "$template" add -A
git -C "$template" commit -qm "2,000 files"
echo "a staged change" >> "$template/src/module07/file13.txt"
git -C "$template" add src/module07/file13.txt

for tool in tillit prek lefthook pre-commit; do
  cp -a "$template" "$work/$tool"
done
(cd "$work/tillit" && "$TILLIT" install >/dev/null)
(cd "$work/prek" && prek install >/dev/null)
(cd "$work/lefthook" && lefthook install >/dev/null 2>&1)
(cd "$work/pre-commit" && pre-commit install >/dev/null && pre-commit run >/dev/null 2>&1 || true)

# Each hook must pass and must not have run a check, before it is timed.
for tool in tillit prek lefthook pre-commit; do
  git -C "$work/$tool" hook run pre-commit >/dev/null 2>&1 || { echo "bench: the $tool hook failed" >&2; exit 1; }
done

hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/hook-file.json" \
  -n tillit "env -C $work/tillit .git/hooks/pre-commit" \
  -n prek "env -C $work/prek .git/hooks/pre-commit" \
  -n lefthook "env -C $work/lefthook .git/hooks/pre-commit" \
  -n pre-commit "env -C $work/pre-commit .git/hooks/pre-commit" >&2
hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/git-hook-run.json" \
  -n tillit "git -C $work/tillit hook run pre-commit" \
  -n prek "git -C $work/prek hook run pre-commit" \
  -n lefthook "git -C $work/lefthook hook run pre-commit" \
  -n pre-commit "git -C $work/pre-commit hook run pre-commit" >&2

python3 - "$work/hook-file.json" "$work/git-hook-run.json" <<'PY'
import json, sys
files = [{r["command"]: r for r in json.load(open(path))["results"]} for path in sys.argv[1:]]
print("| tool | hook file, median | vs prek | git hook run, median | vs prek |")
print("|---|---|---|---|---|")
for name in ["tillit", "prek", "lefthook", "pre-commit"]:
    cells = []
    for results in files:
        median = results[name]["median"]
        cells += [f"{median * 1000:.1f} ms", f"{median / results['prek']['median']:.2f} ×"]
    print(f"| {name} | " + " | ".join(cells) + " |")
PY
