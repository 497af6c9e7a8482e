#!/usr/bin/env bash
# Builds Tillit, installs the binary, and installs its git hooks in a repository.
#
#   ./install.sh [REPO] [--prefix DIR]
#
# REPO defaults to this clone, so Tillit guards its own repository. DIR defaults to
# /usr/local/bin for root and ~/.local/bin for everyone else; completions (bash, zsh, fish)
# and the man page go to DIR/../share. Safe to run again.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=""
prefix=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "install.sh: unknown option $1 (see ./install.sh --help)" >&2; exit 2 ;;
    *) [ -z "$repo" ] || { echo "install.sh: give one repository, not '$repo' and '$1'" >&2; exit 2; }; repo=$1; shift ;;
  esac
done
if [ -z "$prefix" ]; then
  if [ "$(id -u)" = 0 ]; then prefix=/usr/local/bin; else prefix=$HOME/.local/bin; fi
fi
repo=${repo:-$here}
# Said back in full, so the closing lines name the repository even when given as '.'.
if [ -d "$repo" ]; then repo=$(cd "$repo" && pwd); fi
say() { printf 'install.sh: %s\n' "$*"; }

# 1. What the build needs: libgit2 and the libraries it links (their static archives come with
#    Debian's -dev packages), pkg-config, and git.
packages=(libgit2-dev pkg-config git)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "install.sh: needs ${missing[*]} (or your system's libgit2 development files), and apt-get is not here to install them" >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "install.sh: run as root, or install first: apt-get install ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  say "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
else
  say "libgit2-dev and the rest are installed already"
fi

# 2. Build: release, with Swift's standard library linked in, so the binary starts fast.
if ! command -v swift >/dev/null; then
  [ -x /opt/swift/usr/bin/swift ] && export PATH=/opt/swift/usr/bin:$PATH
fi
command -v swift >/dev/null || { echo "install.sh: needs Swift 6 (https://www.swift.org/install/linux/)" >&2; exit 1; }
say "building (swift build -c release --static-swift-stdlib)"
swift build --package-path "$here" -c release --static-swift-stdlib --product tillit >/dev/null
built=$(swift build --package-path "$here" -c release --static-swift-stdlib --show-bin-path)/tillit

# 3. Install the binary; replaced in one step, so a hook running meanwhile never sees half a file.
mkdir -p "$prefix"
cp "$built" "$prefix/.tillit.new.$$"
chmod 755 "$prefix/.tillit.new.$$"
mv -f "$prefix/.tillit.new.$$" "$prefix/tillit"
say "installed $prefix/tillit ($("$prefix/tillit" --version))"
case ":$PATH:" in
  *":$prefix:"*) ;;
  *) say "note: $prefix is not on your PATH; the hooks find the binary anyway, but add it to run tillit yourself" ;;
esac

# 4. Shell completions and the man page, under DIR/../share, where bash-completion, zsh, fish
#    and man look beside a bin folder on PATH.
share=$(cd "$prefix/.." && pwd)/share
mkdir -p "$share/bash-completion/completions" "$share/zsh/site-functions" "$share/fish/vendor_completions.d" "$share/man/man1"
"$prefix/tillit" --generate-completion-script bash > "$share/bash-completion/completions/tillit"
"$prefix/tillit" --generate-completion-script zsh > "$share/zsh/site-functions/_tillit"
"$prefix/tillit" --generate-completion-script fish > "$share/fish/vendor_completions.d/tillit.fish"
"$prefix/tillit" help man > "$share/man/man1/tillit.1"
say "installed completions for bash, zsh and fish, and the man page (man tillit), under $share"

# 5. The hooks, in REPO.
if git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
  "$prefix/tillit" install --repo "$repo"
  say "done. Commit as usual in $repo: the checks of .tillit.yml run on what you stage."
  say "skip once with git commit --no-verify; remove with: $prefix/tillit uninstall --repo $repo"
else
  echo "install.sh: $repo is not a git repository; the binary is installed, run 'tillit install' inside a repository" >&2
  exit 1
fi
