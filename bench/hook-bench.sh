#!/usr/bin/env bash
# Times the pre-commit hook as git runs it (`git hook run pre-commit`) for Tillit, prek,
# lefthook and pre-commit, side by side in one hyperfine run: a repository of 2,000 files,
# one file staged, two checks whose globs match nothing.
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

hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/hook.json" \
  -n tillit "git -C $work/tillit hook run pre-commit" \
  -n prek "git -C $work/prek hook run pre-commit" \
  -n lefthook "git -C $work/lefthook hook run pre-commit" \
  -n pre-commit "git -C $work/pre-commit hook run pre-commit" >&2

python3 - "$work/hook.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
prek = results["prek"]["median"]
print("| hook (git hook run pre-commit) | median | mean ± σ | vs prek |")
print("|---|---|---|---|")
for name in ["tillit", "prek", "lefthook", "pre-commit"]:
    r = results[name]
    print(f"| {name} | {r['median']*1000:.1f} ms | {r['mean']*1000:.1f} ± {r['stddev']*1000:.1f} ms | {r['median']/prek:.2f} × |")
PY
