#!/bin/sh
# Solomon VRPTW benchmark of the planner at 1 s and 10 s per instance
# (56 s and ~10 min), and at 60 s (~1 hour) when asked:
#
#   bench/vrptw/run.sh            # 1 s and 10 s
#   bench/vrptw/run.sh 60         # also 60 s
#
# BUILD_DIR (default build-bench) is a release build of its own so that the
# figures do not depend on how the developer's build is configured.
# Output goes to stdout and to $OUT_DIR (default /tmp) as vrptw_<S>s.txt.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
out=${OUT_DIR:-/tmp}
seed=${SEED:-1}

if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$root" --buildtype=release -Dtests=false \
		-Dc_args=-march=x86-64-v2 >/dev/null
fi
ninja -C "$build" bench/vrptw/vrptw-bench >/dev/null
bin=$build/bench/vrptw/vrptw-bench

budgets="1 10"
if [ "${1:-}" = "60" ]; then
	budgets="1 10 60"
elif [ -n "${1:-}" ]; then
	echo "usage: $0 [60]" >&2
	exit 2
fi
for s in $budgets; do
	echo "== $s s per instance, seed $seed =="
	"$bin" --seconds "$s" --seed "$seed" | tee "$out/vrptw_${s}s.txt"
done
