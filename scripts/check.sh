#!/usr/bin/env bash
# check.sh - everything `make check` does: install what is missing, build
# the release tree (for the web UI and the binary people run) and a
# sanitizer tree (ASan+UBSan), then run every suite against the sanitizer
# build: cmocka unit tests, HTTP tests against the real binary on SQLite
# and on a throwaway PostgreSQL, and browser tests. Prints one summary
# line per suite and, last, "N passed, N failed". Exits non-zero if any
# test failed or a suite could not run.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"

SAN=${SAN_BUILD:-build-san}
WORK=$(mktemp -d /tmp/pagalba-check.XXXXXX)
# The PostgreSQL directory must be reachable by the postgres user, so it
# is not inside the private WORK directory.
PG_DIR="/tmp/pagalba-check-pg.$$"
PASSED=0
FAILED=0
BROKEN=0
SUMMARY=""

cleanup() {
	[ -d "$PG_DIR" ] && scripts/pg-test-server.sh stop "$PG_DIR" >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT

record() { # suite passed failed
	PASSED=$((PASSED + $2))
	FAILED=$((FAILED + $3))
	SUMMARY="$SUMMARY$(printf '  %-28s %5d passed, %d failed' "$1" "$2" "$3")\n"
}

scripts/install-deps.sh build test || { echo "0 passed, 1 failed"; exit 1; }

echo "== build"
if [ ! -f build/build.ninja ]; then meson setup build --buildtype=debugoptimized >/dev/null || exit 1; fi
if [ -f web/package.json ]; then scripts/build-web.sh || { echo "0 passed, 1 failed"; exit 1; }; fi
ninja -C build >/dev/null || { ninja -C build; echo "0 passed, 1 failed"; exit 1; }
if [ ! -f "$SAN/build.ninja" ]; then
	meson setup "$SAN" --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || exit 1
fi
ninja -C "$SAN" >/dev/null || { ninja -C "$SAN"; echo "0 passed, 1 failed"; exit 1; }

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export PAGALBA_BIN="$ROOT/$SAN/pagalba"

# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)".
run_unit() { # label binary [env...]
	local label=$1 bin=$2 out
	shift 2
	out=$(env "$@" "$bin" 2>&1)
	local rc=$?
	local p f
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed, or a sanitizer report after the tests passed
	fi
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out" | tail -40
	fi
	record "$label" "$p" "$f"
}

echo "== unit tests (ASan+UBSan)"
for t in $(find "$SAN" -name 'test_*' -type f -perm -u+x | sort); do
	run_unit "unit $(basename "$t")" "$t"
done

echo "== link check"
if python3 scripts/check-symbols.py "$SAN/libpagalba.a" "$SAN/src/plan/libpagalba_plan.a"; then
	record "duplicate global symbols" 1 0
else
	record "duplicate global symbols" 0 1
fi

echo "== PostgreSQL"
PG_URL=$(scripts/pg-test-server.sh start "$PG_DIR")
if [ -z "$PG_URL" ]; then
	echo "check: could not start PostgreSQL"
	BROKEN=1
else
	if [ -x "$SAN/test_db" ]; then
		run_unit "unit test_db (postgresql)" "$SAN/test_db" PAGALBA_TEST_PG_URL="$PG_URL"
	fi
fi

# node --test with the TAP reporter ends with "# pass N" / "# fail N".
run_node() { # label files... (env passed through)
	local label=$1
	shift
	local out rc p f
	out=$(node --test --test-reporter=tap --test-timeout=180000 "$@" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out" | grep -v '^ *\(duration_ms\|\.\.\.\|---\)' | grep -B2 -A25 '^not ok\|^ *not ok' | head -150
	fi
	record "$label" "$p" "$f"
}

HTTP_TESTS=$(ls tests/http/*.test.mjs 2>/dev/null)
if [ -n "$HTTP_TESTS" ]; then
	echo "== HTTP tests, SQLite"
	run_node "http (sqlite)" $HTTP_TESTS
	if [ -n "${PG_URL:-}" ]; then
		echo "== HTTP tests, PostgreSQL"
		PAGALBA_TEST_PG_URL="$PG_URL" run_node "http (postgresql)" $HTTP_TESTS
	fi
fi

if [ -f web/scripts/unit.test.mjs ]; then
	echo "== web unit tests"
	run_node "web unit" web/scripts/unit.test.mjs
fi

BROWSER_TESTS=$(ls tests/browser/*.test.mjs 2>/dev/null)
if [ -n "$BROWSER_TESTS" ]; then
	# The browser tests drive the release build: they measure what a user
	# waits for (search latency, page weight), which a sanitizer build
	# would distort; the server code under them already ran under ASan
	# and UBSan in the HTTP suites above.
	echo "== browser tests"
	PAGALBA_BIN="$ROOT/build/pagalba" run_node "browser" $BROWSER_TESTS
fi

echo
printf "$SUMMARY"
[ "$BROKEN" -ne 0 ] && FAILED=$((FAILED + 1))
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
