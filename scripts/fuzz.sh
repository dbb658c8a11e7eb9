#!/usr/bin/env bash
# fuzz.sh - builds the libFuzzer targets with clang (ASan+UBSan) and runs
# each for FUZZ_SECONDS (default 30) on its corpus in fuzz/corpus/NAME,
# which grows as the fuzzer finds new paths. A crash leaves the input in
# build-fuzz/ and makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-30}
if [ ! -f build-fuzz/build.ninja ]; then
	CC=clang meson setup build-fuzz -Dfuzz=true -Dtests=false -Db_lundef=false \
		-Db_sanitize=address,undefined --buildtype=debugoptimized >/dev/null
fi
ninja -C build-fuzz
status=0
for t in build-fuzz/fuzz/fuzz_*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	name=$(basename "$t")
	mkdir -p "fuzz/corpus/${name#fuzz_}"
	echo "== $name (${SECONDS_EACH}s)"
	if ! (cd build-fuzz && "../$t" -max_total_time="$SECONDS_EACH" -print_final_stats=0 \
		"../fuzz/corpus/${name#fuzz_}" 2>&1 | tail -3); then
		status=1
	fi
done
exit $status
