# Shared by the benchmark scripts; source it, then call what the script needs:
#   bench_tillit        sets TILLIT: the binary it already names, else a release build of this checkout
#   bench_need TOOL...  stops with how to install the first tool missing from PATH
#   bench_clone NAME SOURCE  prints the repository to read: SOURCE when it is a folder (any clone,
#                       bare is fine), else a bare clone of the URL SOURCE, made once under
#                       bench/work/clones/NAME.git and kept for the next runs
#   bench_generate DIR N  fills the repository DIR with N small text files (50 a folder, 20
#                       folders a part: src/partNN/moduleNN/fileNN.txt) and commits them
# bench/xen.sh adds a working clone of Xen on top of these.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_work=${BENCH_WORK:-$here/bench/work}

bench_tillit() {
  if [ -z "${TILLIT:-}" ]; then
    (cd "$here" && swift build -c release --static-swift-stdlib >/dev/null)
    TILLIT=$here/.build/release/tillit
  fi
}

bench_need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null && continue
    case $tool in
      hyperfine) echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2 ;;
      *) echo "bench: $tool is missing (pip install $tool)" >&2 ;;
    esac
    exit 2
  done
}

bench_clone() {
  local name=$1 source=$2 clone=$bench_work/clones/$1.git
  if [ -d "$source" ]; then echo "$source"; return; fi
  case $source in
    *://* | *@*:*) ;;
    *) echo "bench: no clone at $source; give the path of a clone of $name, or a URL to clone it from" >&2; return 2 ;;
  esac
  if [ ! -d "$clone" ]; then
    echo "bench: cloning $source into $clone (once; point the variable at a clone to skip this)" >&2
    mkdir -p "$bench_work/clones"
    rm -rf "$clone.partial"
    git clone -q --bare "$source" "$clone.partial" && mv "$clone.partial" "$clone" || {
      echo "bench: could not clone $source; give the path of a clone of $name instead" >&2
      rm -rf "$clone.partial"
      return 2
    }
  fi
  echo "$clone"
}

bench_generate() {
  python3 - "$1" "$2" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    folder = os.path.join(root, "src", f"part{i // 1000:02d}", f"module{i // 50 % 20:02d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"file{i % 50:02d}.txt"), "w") as f:
        f.write(f"line one of file {i}\nline two\n")
PY
  git -C "$1" add -A
  git -C "$1" commit -qm "$2 files"
}
