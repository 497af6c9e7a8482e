#!/usr/bin/env bash
# The ledger's figures: an append (inside one process, and as a whole `tillit review`), reading
# 100,000 events (`tillit ledger log`, JSON and table), `tillit inbox` over them, and the object
# store after 10,000 appends. Prints a Markdown table.
#
#   bench/ledger-bench.sh                 # builds tillit (release) first
#   TILLIT=/path/to/tillit APPENDS=10000 bench/ledger-bench.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
work=$bench_work/ledger
appends=${APPENDS:-10000}
events=${EVENTS:-100000}
bench_tillit
(cd "$here" && swift build -c release --static-swift-stdlib --product append-in-process >/dev/null)
in_process=$here/.build/release/append-in-process
bench_need hyperfine
rm -rf "$work" && mkdir -p "$work"

new_repo() {
  git init -q "$1"
  git -C "$1" config user.email bench@example.com
  git -C "$1" config user.name Bench
  echo base > "$1/a.txt"
  git -C "$1" add a.txt
  git -C "$1" commit -qm base
}

# 1. One append, as a reviewer runs it.
new_repo "$work/append"
hyperfine -N --warmup 5 --runs 100 --export-json "$work/append.json" \
  -n "tillit review (append)" "$TILLIT review --repo $work/append HEAD --comment -m benchmark" >&2

# 1b. The append itself: 300 rounds inside one process (open, resolve HEAD, record), no process start.
new_repo "$work/append-in-process"
"$in_process" "$work/append-in-process" 300 > "$work/append-in-process.txt"

# 2. 10,000 appends one after another, then the size of the object store.
new_repo "$work/many"
for _ in $(seq 1 "$appends"); do "$TILLIT" review --repo "$work/many" HEAD --comment -m "one of many" >/dev/null; done
sleep 2  # a background git gc --auto may still be finishing
while [ -e "$work/many/.git/gc.pid" ]; do sleep 1; done
store_kib=$(du -sk "$work/many/.git/objects" | cut -f1)
counted=$("$TILLIT" ledger log --repo "$work/many" | wc -l)

# 3. Reading 100,000 events, written straight into a stream with git plumbing.
new_repo "$work/read"
python3 - "$work/read" "$events" <<'PY'
import hashlib, json, os, subprocess, sys, zlib
repo, count = sys.argv[1], int(sys.argv[2])
objects = os.path.join(repo, ".git", "objects")
def write(kind, body):
    data = f"{kind} {len(body)}\0".encode() + body
    sha = hashlib.sha1(data).hexdigest()
    path = os.path.join(objects, sha[:2], sha[2:])
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(zlib.compress(data, 1))
    return sha
buckets = {}
for n in range(count):
    event = {"at": "2026-01-01T00:00:00Z", "by": f"person{n % 50}@example.com", "data": {"message": f"event {n}", "verdict": "comment"},
             "kind": "review.feedback", "lamport": n + 1, "nonce": f"{n:016x}", "subject": {"commit": "%040x" % n}, "v": 1, "writer": "bench"}
    sha = write("blob", json.dumps(event, sort_keys=True, separators=(",", ":")).encode())
    buckets.setdefault(sha[:2], []).append(sha)
def tree(entries):  # entries: (mode, name, sha), sorted as git sorts
    body = b"".join(f"{mode} {name}".encode() + b"\0" + bytes.fromhex(sha) for mode, name, sha in entries)
    return write("tree", body)
bucket_entries = []
for name in sorted(buckets):
    bucket_entries.append(("40000", name, tree([("100644", f"{sha}.json", sha) for sha in sorted(buckets[name])])))
root = tree([("40000", "events", tree(bucket_entries))])
commit = subprocess.check_output(["git", "-C", repo, "commit-tree", root, "-m", f"tillit: bench\n\nlamport: {count}\n"], text=True).strip()
subprocess.check_call(["git", "-C", repo, "update-ref", "refs/tillit/v1/reviews", commit])
subprocess.check_call(["git", "-C", repo, "gc", "-q"])
PY
hyperfine -N --warmup 1 --runs 10 --export-json "$work/read.json" \
  -n "tillit ledger log (100,000 events)" "$TILLIT ledger log --repo $work/read --format json" >&2
hyperfine -N --warmup 1 --runs 10 --export-json "$work/read-table.json" \
  -n "tillit ledger log, table (100,000 events)" "$TILLIT ledger log --repo $work/read" >&2
hyperfine -N --warmup 1 --runs 5 --export-json "$work/inbox.json" \
  -n "tillit inbox (100,000 events)" "$TILLIT inbox --repo $work/read --for person1@example.com" >&2

python3 - "$work" "$store_kib" "$counted" "$appends" "$events" <<'PY'
import json, sys
work, store_kib, counted, appends, events = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
append = json.load(open(f"{work}/append.json"))["results"][0]
read = json.load(open(f"{work}/read.json"))["results"][0]
read_table = json.load(open(f"{work}/read-table.json"))["results"][0]
in_process = dict(zip(*[iter(open(f"{work}/append-in-process.txt").read().split())] * 2))
inbox = json.load(open(f"{work}/inbox.json"))["results"][0]
print("| figure | measured | goal |")
print("|---|---|---|")
print(f"| one append (open, resolve, record; inside one process, {in_process['rounds']} rounds), median | {float(in_process['median_ms']):.1f} ms | 5 ms |")
print(f"| one append (`tillit review`, whole command), median | {append['median']*1000:.1f} ms | 5 ms |")
print(f"| reading {events:,} events (`tillit ledger log --format json`), median | {read['median']*1000:,.0f} ms | 1,000 ms |")
print(f"| reading {events:,} events (`tillit ledger log`, table), median | {read_table['median']*1000:,.0f} ms | 1,000 ms |")
print(f"| `tillit inbox` over {events:,} events, median | {inbox['median']*1000:.0f} ms | 300 ms |")
print(f"| object store after {appends:,} appends ({counted:,} events read back) | {store_kib/1024:.1f} MiB | 20 MiB |")
PY
