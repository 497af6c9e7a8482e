#!/usr/bin/env bash
# What signing adds to an append: `tillit review` unsigned, signed with an SSH key
# (ssh-keygen -Y sign) and, when gpg is installed, with an OpenPGP key; and what checking the
# signatures adds to `tillit show` (10 signed events, each checked with ssh-keygen -Y verify the
# first time, then answered from .git/tillit/signatures/).
# Prints a Markdown table.
#
#   bench/signing-bench.sh                # builds tillit (release) first
#   TILLIT=/path/to/tillit bench/signing-bench.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
work=$bench_work/signing
bench_tillit
bench_need hyperfine ssh-keygen
rm -rf "$work" && mkdir -p "$work"

new_repo() {
  git init -q "$1"
  git -C "$1" config user.email bench@example.com
  git -C "$1" config user.name Bench
  echo base > "$1/a.txt"
  git -C "$1" add a.txt
  git -C "$1" commit -qm base
}

new_repo "$work/unsigned"

new_repo "$work/ssh"
ssh-keygen -q -t ed25519 -N '' -C bench -f "$work/ssh-key"
echo "bench@example.com namespaces=\"tillit\" $(cat "$work/ssh-key.pub")" > "$work/allowed_signers"
git -C "$work/ssh" config gpg.format ssh
git -C "$work/ssh" config user.signingKey "$work/ssh-key"
git -C "$work/ssh" config gpg.ssh.allowedSignersFile "$work/allowed_signers"

runs=(-n "unsigned" "$TILLIT review --repo $work/unsigned HEAD --comment -m benchmark"
      -n "ssh" "$TILLIT review --repo $work/ssh HEAD --comment -m benchmark")
if command -v gpg >/dev/null; then
  export GNUPGHOME=$work/gnupg
  mkdir -m 700 "$GNUPGHOME"
  gpg --batch --quiet --passphrase '' --quick-gen-key 'Bench <bench@example.com>' ed25519 sign never 2>/dev/null
  new_repo "$work/gpg"
  git -C "$work/gpg" config gpg.format openpgp
  git -C "$work/gpg" config user.signingKey bench@example.com
  runs+=(-n "gpg" "$TILLIT review --repo $work/gpg HEAD --comment -m benchmark")
fi
hyperfine -N --warmup 5 --runs 50 --export-json "$work/append.json" "${runs[@]}" >&2

# `show` over 10 events, unsigned and signed (the bench repositories hold 55 events by now: keep 10).
for kind in unsigned ssh; do
  new_repo "$work/show-$kind"
  [ "$kind" = ssh ] && for key in gpg.format user.signingKey gpg.ssh.allowedSignersFile; do
    git -C "$work/show-$kind" config "$key" "$(git -C "$work/ssh" config "$key")"
  done
  for _ in $(seq 1 10); do "$TILLIT" review --repo "$work/show-$kind" HEAD --comment -m shown >/dev/null; done
done
hyperfine -N --warmup 3 --runs 20 --export-json "$work/show.json" \
  -n "unsigned" "$TILLIT show --repo $work/show-unsigned HEAD" -n "ssh" "$TILLIT show --repo $work/show-ssh HEAD" >&2
# The first check of each signature, without the answers kept in .git/tillit/signatures/.
hyperfine --warmup 1 --runs 10 --export-json "$work/show-first.json" --prepare "rm -rf $work/show-ssh/.git/tillit/signatures" \
  -n "ssh" "$TILLIT show --repo $work/show-ssh HEAD" >&2

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
append = {r["command"]: r["median"] * 1000 for r in json.load(open(f"{work}/append.json"))["results"]}
show = {r["command"]: r["median"] * 1000 for r in json.load(open(f"{work}/show.json"))["results"]}
print("| figure | unsigned | signed | signing adds |")
print("|---|---|---|---|")
for kind, name in (("ssh", "SSH key (`ssh-keygen -Y sign`)"), ("gpg", "OpenPGP key (`gpg --detach-sign`)")):
    if kind in append:
        print(f"| one append (`tillit review`), {name}, median | {append['unsigned']:.1f} ms | {append[kind]:.1f} ms | {append[kind] - append['unsigned']:.1f} ms |")
first = json.load(open(f"{work}/show-first.json"))["results"][0]["median"] * 1000
print(f"| `tillit show` of 10 events, each checked the first time (`ssh-keygen -Y verify`), median | {show['unsigned']:.1f} ms | {first:.1f} ms | {first - show['unsigned']:.1f} ms |")
print(f"| `tillit show` of 10 events, answers kept, median | {show['unsigned']:.1f} ms | {show['ssh']:.1f} ms | {show['ssh'] - show['unsigned']:.1f} ms |")
PY
