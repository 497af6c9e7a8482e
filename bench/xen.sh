# Shared by the Xen benchmarks: common.sh's tillit and hyperfine, and a working clone of Xen under
# bench/work/xen sharing the objects of XEN (any clone, bare is fine).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source_repo=${XEN:-/work/.mirror/xen-project+xen/repo}
work=$bench_work/xen
bench_tillit
bench_need hyperfine
[ -d "$source_repo" ] || { echo "bench: no Xen clone at $source_repo; git clone --bare https://github.com/xen-project/xen and set XEN" >&2; exit 2; }
if [ ! -d "$work/.git" ]; then
  rm -rf "$work"
  git clone -q --shared "$source_repo" "$work"
fi
