# Shared by the benchmark scripts; source it, then call what the script needs:
#   bench_tillit        sets TILLIT: the binary it already names, else a release build of this checkout
#   bench_need TOOL...  stops with how to install the first tool missing from PATH
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
