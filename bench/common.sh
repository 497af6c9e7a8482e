# Shared by the benchmark scripts: a release build of tillit (unless TILLIT names one) and a
# working clone of Xen under bench/work/xen sharing the objects of XEN (any clone, bare is fine).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source_repo=${XEN:-/work/.mirror/xen-project+xen/repo}
work=${BENCH_WORK:-$here/bench/work}/xen
if [ -z "${TILLIT:-}" ]; then
  (cd "$here" && swift build -c release --static-swift-stdlib >/dev/null)
  TILLIT=$here/.build/release/tillit
fi
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
[ -d "$source_repo" ] || { echo "bench: no Xen clone at $source_repo; git clone --bare https://github.com/xen-project/xen and set XEN" >&2; exit 2; }
if [ ! -d "$work/.git" ]; then
  rm -rf "$work"
  git clone -q --shared "$source_repo" "$work"
fi
