#!/bin/sh
# Solomon VRPTW benchmark of the planner at 1 s and 10 s per instance
# (about 1 and 10 minutes), and at 60 s (about an hour) when asked:
#
#   bench/vrptw/run.sh            # 1 s and 10 s
#   bench/vrptw/run.sh 60         # also 60 s
#
# It builds vrptw-bench in a release build of its own (BUILD_DIR, outside
# the tree by default) so that the figures do not depend on how the
# developer's build is configured.  Each budget's table goes to stdout and
# to $OUT_DIR/vrptw_<S>s.txt (default /tmp).  The solver is single-threaded
# and stops on the wall clock: run it on an otherwise idle machine, or
# compare with --iterations (see vrptw-bench --help) instead.
set -eu

budgets="1 10"
case "${1:-}" in
"") ;;
60) budgets="1 10 60" ;;
*)
	echo "usage: $0 [60]" >&2
	exit 2
	;;
esac

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-${TMPDIR:-/tmp}/pagalba-build-vrptw}
out=${OUT_DIR:-/tmp}
seed=${SEED:-1}

if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$root" --buildtype=release -Dtests=false \
		-Dc_args=-march=x86-64-v2 >/dev/null
fi
ninja -C "$build" bench/vrptw/vrptw-bench >/dev/null
bin=$build/bench/vrptw/vrptw-bench

for s in $budgets; do
	echo "== $s s per instance, seed $seed =="
	"$bin" --seconds "$s" --seed "$seed" | tee "$out/vrptw_${s}s.txt"
done
