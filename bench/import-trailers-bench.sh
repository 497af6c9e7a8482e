#!/usr/bin/env bash
# `tillit ledger import-trailers` against `git log --format=%B` over the same history, side by
# side: a first import into a fresh copy of the repository, and a second one (idempotent).
#
#   bench/import-trailers-bench.sh /path/to/xen      # a clone of xen-project/xen, for example
set -euo pipefail
source_repo=${1:?give the path of a repository with a long reviewed history}
here=$(cd "$(dirname "$0")/.." && pwd)
TILLIT=${TILLIT:-$here/.build/release/tillit}
copy=$(mktemp -d)/repo.git
trap 'rm -rf "$(dirname "$copy")"' EXIT
hyperfine -N --warmup 1 --runs 5 \
  -n "git log --format=%B" "git -C $source_repo log --format=%B HEAD" >&2
hyperfine --runs 3 --prepare "rm -rf $copy && cp -a $source_repo $copy && git -C $copy config user.email bench@example.com && sync" \
  -n "tillit ledger import-trailers (first)" "$TILLIT ledger import-trailers --repo $copy" >&2
"$TILLIT" ledger import-trailers --repo "$copy"
hyperfine --runs 3 -n "tillit ledger import-trailers (again)" "$TILLIT ledger import-trailers --repo $copy" >&2
"$TILLIT" ledger import-trailers --repo "$copy"
