# Shared by the Xen benchmarks: common.sh's tillit and hyperfine, and a working clone of Xen under
# bench/work/xen sharing the objects of XEN: the path of any clone (bare is fine), or a URL to
# clone from once (default https://github.com/xen-project/xen, cloned into bench/work/clones/).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source_repo=$(bench_clone xen "${XEN:-https://github.com/xen-project/xen}")
work=$bench_work/xen
bench_tillit
bench_need hyperfine
if [ ! -d "$work/.git" ]; then
  rm -rf "$work"
  git clone -q --shared "$source_repo" "$work"
fi
