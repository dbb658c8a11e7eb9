#!/usr/bin/env bash
# bench/casework/run.sh - case work at scale: 100,000 persons with their
# cases, decisions and N delivered-service rows (default 1M and 10M),
# measured through the real server.
#
#   bench/casework/run.sh            (or: bench/run.sh casework)
#
# For each N in BENCH_CASEWORK_ROWS:
#   1. the database build/bench-data/casework-N-seedS.db, made once and
#      reused while its stamp matches (rows, seed, schema version): a copy
#      of the cached `pagalba demo --persons 100000` database filled by
#      casework-gen (bench/casework/gen.c); the generation is timed;
#   2. a scratch copy served by `pagalba serve` on 127.0.0.1;
#   3. case page: GET /api/v1/cases/{id}/deliveries?month=M as the
#      director, random cases, wrk at 1 connection: p99 <= 10 ms; the same
#      for the person's billing statement GET /api/v1/billing/persons/{id},
#      and for the case itself (GET /api/v1/cases/{id}) when the server
#      has that route;
#   4. the whole month's billing for all persons: GET /api/v1/billing?
#      month=M, JSON and CSV, BENCH_CASEWORK_BILLING_RUNS times each (best
#      and worst reported): <= 10 s; its totals are checked against an
#      independent SQL sum over the same rows.
# Results: build/bench-casework-results.txt, logs in build/bench-logs/.
#
# Environment (all optional):
#   BENCH_CASEWORK_ROWS    sizes (default "1000000 10000000")
#   BENCH_CASEWORK_PERSONS persons (default 100000)
#   BENCH_CASEWORK_MONTH   month measured (default 2026-10; data span
#                          2025-11 .. 2026-10)
#   BENCH_CASEWORK_BILLING_RUNS  runs of each billing request (default 3)
#   BENCH_CASEWORK_PREPARE=1     only make (or check) the cached databases
#   BENCH_SEED, BENCH_DURATION, BENCH_DATA, PAGALBA_THREADS, BUILD as in
#   bench/run.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$ROOT"

BUILD=${BUILD:-build}
ROWS_LIST=${BENCH_CASEWORK_ROWS:-1000000 10000000}
PERSONS=${BENCH_CASEWORK_PERSONS:-100000}
MONTH=${BENCH_CASEWORK_MONTH:-2026-10}
BILLING_RUNS=${BENCH_CASEWORK_BILLING_RUNS:-3}
SEED=${BENCH_SEED:-7}
DURATION=${BENCH_DURATION:-15}
DATA=${BENCH_DATA:-$ROOT/$BUILD/bench-data}
THREADS=${PAGALBA_THREADS:-4}
RESULTS=$ROOT/$BUILD/bench-casework-results.txt
LOGS=$ROOT/$BUILD/bench-logs
BIN=$ROOT/$BUILD/pagalba
GEN=$ROOT/$BUILD/bench/casework/casework-gen
PASSWORD=demo-pagalba-2026
TARGET_PAGE_P99_MS=10
TARGET_BILLING_S=10
export BENCH_LUA_DIR=$ROOT/bench/http

say() { printf 'bench casework: %s\n' "$*" >&2; }
die() {
	printf 'bench casework: %s\n' "$*" >&2
	exit 1
}
calc() { python3 -c "print($1)"; }

for cmd in wrk curl sqlite3 python3 ninja meson; do
	command -v "$cmd" >/dev/null 2>&1 || die "$cmd not found; run: scripts/install-deps.sh build bench"
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/pagalba-casework.XXXXXX")
SERVER_PID=
WORK=
stop_pid() {
	local pid=$1 i
	kill -TERM "$pid" 2>/dev/null || return 0
	for ((i = 0; i < 100; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}
cleanup() {
	[ -n "$SERVER_PID" ] && stop_pid "$SERVER_PID"
	SERVER_PID=
	[ -n "$WORK" ] && rm -f "$WORK" "$WORK"-wal "$WORK"-shm "$WORK".reads "$WORK".reads-wal "$WORK".reads-shm "$WORK".reads-spool
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build -------------------------------------------------------------------

if [ ! -f "$BUILD/build.ninja" ]; then
	say "meson setup $BUILD"
	meson setup "$BUILD" --buildtype=debugoptimized >/dev/null
fi
say "ninja -C $BUILD pagalba casework-gen"
ninja -C "$BUILD" pagalba bench/casework/casework-gen >"$TMP/ninja.log" 2>&1 ||
	die "build failed: $(tail -5 "$TMP/ninja.log")"

latest_schema() {
	local f n max=0
	for f in migrations/sqlite/[0-9]*.sql; do
		n=$(basename "$f")
		n=$((10#${n%%_*}))
		[ "$n" -gt "$max" ] && max=$n
	done
	echo "$max"
}
db_schema() {
	sqlite3 -readonly "$1" 'SELECT COALESCE(MAX(version), 0) FROM schema_migrations' 2>/dev/null || echo 0
}
# The schema version and a digest of the migrations' text (an unreleased
# migration may change without a new number), of the demo's code for the
# persons, and of the generator: a cached database is stale when any moves.
digest() { cat "$@" | sha256sum | cut -c1-16; }
SCHEMA=$(latest_schema)-$(digest migrations/sqlite/*.sql)
DEMO_DIGEST=$(digest src/cli/demo*.c)
GEN_DIGEST=$(digest bench/casework/gen.c)
mkdir -p "$DATA" "$LOGS"

# usable DB key=value...: the file, its audit key and a stamp holding
# every key=value given and the current schema version.
usable() {
	local db=$1 kv
	shift
	[ -f "$db" ] && [ -f "$db.auditkey" ] && [ -f "$db.stamp" ] || return 1
	for kv in "$@" "schema=$SCHEMA"; do
		grep -qx "$kv" "$db.stamp" || return 1
	done
	[ "$(db_schema "$db")" = "${SCHEMA%%-*}" ]
}

# --- the persons, once ---------------------------------------------------------

BASE=$DATA/casework-base-$PERSONS-seed$SEED.db
if usable "$BASE" "persons=$PERSONS" "seed=$SEED" "demo=$DEMO_DIGEST"; then
	say "reusing $BASE"
else
	say "creating $BASE: pagalba demo --persons $PERSONS --seed $SEED (once)"
	rm -f "$BASE" "$BASE".* "$BASE"-wal "$BASE"-shm
	t0=$(date +%s.%N)
	PAGALBA_FAST_HASH=1 PAGALBA_AUDIT_KEY=$BASE.auditkey PAGALBA_LOG=warn \
		"$BIN" --db "sqlite:$BASE.new" demo --persons "$PERSONS" --seed "$SEED" >"$LOGS/casework-demo.log" 2>&1 ||
		die "demo failed; see $LOGS/casework-demo.log"
	t1=$(date +%s.%N)
	sqlite3 "$BASE.new" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	mv "$BASE.new" "$BASE"
	rm -f "$BASE.new"-wal "$BASE.new"-shm
	printf 'persons=%s\nseed=%s\nschema=%s\ndemo=%s\ndemo_seconds=%s\n' "$PERSONS" "$SEED" "$SCHEMA" \
		"$DEMO_DIGEST" "$(calc "round($t1 - $t0, 1)")" >"$BASE.stamp"
fi

# --- server and client helpers -------------------------------------------------

PORT=
start_server() { # db
	local i
	rm -f "$TMP/port"
	PAGALBA_FAST_HASH=1 PAGALBA_AUDIT_KEY=$1.auditkey PAGALBA_LOG=warn PAGALBA_THREADS=$THREADS \
		PAGALBA_BIND=127.0.0.1 "$BIN" --db "sqlite:$1" serve --port 0 --port-file "$TMP/port" \
		>"$LOGS/casework-server.out" 2>"$LOGS/casework-server.log" &
	SERVER_PID=$!
	PORT=
	for ((i = 0; i < 3000; i++)); do
		[ -s "$TMP/port" ] && PORT=$(tr -d '[:space:]' <"$TMP/port") && [ -n "$PORT" ] && break
		kill -0 "$SERVER_PID" 2>/dev/null || die "server exited: $(tail -5 "$LOGS/casework-server.log")"
		sleep 0.05
	done
	[ -n "$PORT" ] || die "server did not start"
}
COOKIE= CSRF=
login() {
	curl -sS -o "$TMP/login.json" -D "$TMP/login.hdr" -H 'Content-Type: application/json' \
		--data "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/api/v1/session" ||
		die "login failed"
	COOKIE=$(tr -d '\r' <"$TMP/login.hdr" | sed -n 's/^[Ss]et-[Cc]ookie: \(pagalba_session=[^;]*\).*/\1/p' | head -1)
	CSRF=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$TMP/login.json")
	[ -n "$COOKIE" ] || die "login as $1 failed"
}
# wrk at one connection on a path template over the ids in a file:
# sets P_p50 P_p99 P_max P_rps; dies on any non-2xx answer.
page_wrk() { # name path-template ids-file
	local line kv
	BENCH_IDS=$3 BENCH_PATH=$2 BENCH_COOKIE=$COOKIE BENCH_CSRF=$CSRF \
		wrk -t1 -c1 -d"${DURATION}s" --latency --timeout 10s -s "$ROOT/bench/http/get_person.lua" \
		"http://127.0.0.1:$PORT" >"$LOGS/$1.txt" 2>&1 || die "wrk failed; see $LOGS/$1.txt"
	line=$(grep '^BENCH ' "$LOGS/$1.txt" | tail -1)
	for kv in ${line#BENCH }; do printf -v "W_${kv%%=*}" '%s' "${kv#*=}"; done
	[ "$W_status_errors" = 0 ] && [ "$W_socket_errors" = 0 ] || die "$1: errors (see $LOGS/$1.txt)"
	P_p50=$W_p50_ms P_p99=$W_p99_ms P_max=$W_max_ms P_rps=$W_req_s
	say "$(printf '%-22s %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms' "$1" "$P_rps" "$P_p50" "$P_p99" "$P_max")"
}
# The month's billing: best and worst of BILLING_RUNS, and the answer kept.
billing_time() { # name query out-file
	local i t best=1e9 worst=0 code
	for ((i = 1; i <= BILLING_RUNS; i++)); do
		read -r code t < <(curl -sS -o "$3" -w '%{http_code} %{time_total}\n' -H "Cookie: $COOKIE" \
			"http://127.0.0.1:$PORT/api/v1/billing?$2")
		[ "$code" = 200 ] || die "$1: HTTP $code: $(head -c 300 "$3")"
		best=$(calc "min($best, $t)")
		worst=$(calc "max($worst, $t)")
	done
	B_best=$best B_worst=$worst B_bytes=$(stat -c %s "$3")
	say "$(printf '%-22s best %6.2f s  worst %6.2f s  %d bytes' "$1" "$B_best" "$B_worst" "$B_bytes")"
}

# --- each size -----------------------------------------------------------------

declare -a SUMMARY=()
for ROWS in $ROWS_LIST; do
	DB=$DATA/casework-$ROWS-seed$SEED.db
	if usable "$DB" "rows=$ROWS" "persons=$PERSONS" "seed=$SEED" "demo=$DEMO_DIGEST" "gen=$GEN_DIGEST"; then
		say "reusing $DB"
	else
		say "creating $DB: casework-gen --deliveries $ROWS (once)"
		rm -f "$DB" "$DB".* "$DB"-wal "$DB"-shm
		cp "$BASE" "$DB.new"
		t0=$(date +%s.%N)
		"$GEN" --db "$DB.new" --deliveries "$ROWS" --seed "$SEED" >"$LOGS/casework-gen-$ROWS.log" 2>&1 ||
			die "casework-gen failed: $(tail -3 "$LOGS/casework-gen-$ROWS.log")"
		t1=$(date +%s.%N)
		mv "$DB.new" "$DB"
		cp "$BASE.auditkey" "$DB.auditkey"
		{
			printf 'rows=%s\npersons=%s\nseed=%s\nschema=%s\ndemo=%s\ngen=%s\n' "$ROWS" "$PERSONS" "$SEED" \
				"$SCHEMA" "$DEMO_DIGEST" "$GEN_DIGEST"
			echo "gen_seconds=$(calc "round($t1 - $t0, 1)")"
			echo "gen_load=$(cut -d' ' -f1-3 /proc/loadavg)"
			sed 's/^/gen: /' "$LOGS/casework-gen-$ROWS.log"
			echo "created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
		} >"$DB.stamp"
	fi
	GEN_S=$(sed -n 's/^gen_seconds=//p' "$DB.stamp")
	GEN_LINE=$(grep '^gen: casework-gen: cases' "$DB.stamp" | sed 's/^gen: casework-gen: //')
	DB_MB=$(($(stat -c %s "$DB") >> 20))
	if [ "${BENCH_CASEWORK_PREPARE:-0}" = 1 ]; then
		say "$DB ready: $DB_MB MiB, generated in $GEN_S s ($GEN_LINE)"
		continue
	fi

	WORK=$DATA/casework-scratch.db
	rm -f "$WORK" "$WORK"-wal "$WORK"-shm "$WORK".reads "$WORK".reads-wal "$WORK".reads-shm "$WORK".reads-spool
	cp --reflink=auto "$DB" "$WORK"
	sqlite3 -readonly "$WORK" "SELECT id FROM cases ORDER BY random() LIMIT 20000" >"$TMP/cases.txt"
	sqlite3 -readonly "$WORK" "SELECT DISTINCT person_id FROM cases ORDER BY random() LIMIT 20000" >"$TMP/persons.txt"
	MONTH_ROWS=$(sqlite3 -readonly "$WORK" "SELECT COUNT(*) FROM deliveries WHERE delivered_on >= '$MONTH-01' AND delivered_on <= '$MONTH-31'")
	LOAD_AT=$(cut -d' ' -f1-3 /proc/loadavg)
	start_server "$WORK"
	login direktore
	say "$ROWS rows ($MONTH_ROWS in $MONTH), $DB_MB MiB; server on port $PORT; load $LOAD_AT"

	page_wrk "case-deliveries-$ROWS" "/api/v1/cases/{id}/deliveries?month=$MONTH" "$TMP/cases.txt"
	CD="$P_p50 $P_p99 $P_max $P_rps"
	page_wrk "person-billing-$ROWS" "/api/v1/billing/persons/{id}?month=$MONTH" "$TMP/persons.txt"
	PB="$P_p50 $P_p99 $P_max $P_rps"
	CP="- - - -"
	probe=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" \
		"http://127.0.0.1:$PORT/api/v1/cases/$(head -1 "$TMP/cases.txt")")
	if [ "$probe" = 200 ]; then
		page_wrk "case-page-$ROWS" "/api/v1/cases/{id}" "$TMP/cases.txt"
		CP="$P_p50 $P_p99 $P_max $P_rps"
	fi

	billing_time "billing-json-$ROWS" "month=$MONTH" "$TMP/billing.json"
	BJ="$B_best $B_worst $B_bytes"
	billing_time "billing-csv-$ROWS" "month=$MONTH&format=csv" "$TMP/billing.csv"
	BC="$B_best $B_worst $B_bytes"
	# The same totals from SQL written here, not by the server.
	read -r api_persons api_cost api_due < <(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["persons"], d["cost_cents"], d["due_cents"])' "$TMP/billing.json")
	sql_totals=$(sqlite3 -readonly "$WORK" "
		WITH g AS (SELECT d.person_id, d.case_id, (SUM(d.units_x100) * ds.price_cents + 50) / 100 AS cost
		           FROM deliveries d JOIN decision_services ds ON ds.id = d.decision_service_id
		           WHERE d.delivered_on BETWEEN '$MONTH-01' AND '$MONTH-31'
		             AND d.replaced_by IS NULL AND d.voided_at IS NULL
		           GROUP BY d.person_id, d.case_id, d.decision_service_id),
		     c AS (SELECT person_id, case_id, SUM(cost) AS cost FROM g GROUP BY person_id, case_id),
		     p AS (SELECT c.person_id, c.cost, MIN(c.cost, COALESCE((SELECT payment_cents FROM decisions
		             WHERE case_id = c.case_id AND kind = 'assign' AND decided_on <= '$MONTH-31'
		             ORDER BY decided_on DESC, id DESC LIMIT 1), 0)) AS due FROM c)
		SELECT COUNT(DISTINCT person_id), SUM(cost), SUM(due) FROM p" | tr '|' ' ')
	[ "$api_persons $api_cost $api_due" = "$sql_totals" ] ||
		die "billing totals differ: API $api_persons $api_cost $api_due, SQL $sql_totals"
	say "billing totals match SQL: $sql_totals (persons, cost cents, due cents)"
	RSS_MB=$(awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status")
	LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
	stop_pid "$SERVER_PID"
	SERVER_PID=
	rm -f "$WORK" "$WORK"-wal "$WORK"-shm "$WORK".reads "$WORK".reads-wal "$WORK".reads-shm "$WORK".reads-spool
	WORK=
	SUMMARY+=("$ROWS|$MONTH_ROWS|$DB_MB|$GEN_S|$GEN_LINE|$CD|$PB|$CP|$BJ|$BC|$RSS_MB|$LOAD_AT|$LOAD_END|$api_persons")
done

# --- summary -------------------------------------------------------------------

[ "${BENCH_CASEWORK_PREPARE:-0}" = 1 ] && exit 0
verdict() { python3 -c "print('PASS' if $1 else 'MISS')"; }
{
	echo "Pagalba case-work benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+dirty')"
	echo "$PERSONS persons, month $MONTH, wrk -c1 ${DURATION}s per page, billing best of $BILLING_RUNS; PAGALBA_THREADS=$THREADS"
	for s in "${SUMMARY[@]}"; do
		IFS='|' read -r rows mrows mb gen genline cd pb cp bj bc hwm load0 load1 np <<<"$s"
		read -r cd50 cd99 cdmax cdrps <<<"$cd"
		read -r pb50 pb99 pbmax pbrps <<<"$pb"
		read -r cp50 cp99 cpmax cprps <<<"$cp"
		read -r bjb bjw bjn <<<"$bj"
		read -r bcb bcw bcn <<<"$bc"
		echo
		echo "== $rows delivered-service rows ($mrows in $MONTH; $np persons billed), $mb MiB; load $load0 -> $load1; server VmHWM $hwm MiB"
		echo "   generation: $gen s ($genline)"
		printf '%-40s %-10s %-44s %s\n' "benchmark" "target" "measured" "verdict"
		printf '%-40s %-10s %-44s %s\n' "case deliveries of a month p99 (c1)" "<= $TARGET_PAGE_P99_MS ms" \
			"$(printf 'p99 %.2f ms (p50 %.2f, max %.2f, %.0f req/s)' "$cd99" "$cd50" "$cdmax" "$cdrps")" \
			"$(verdict "$cd99 <= $TARGET_PAGE_P99_MS")"
		printf '%-40s %-10s %-44s %s\n' "person's billing statement p99 (c1)" "<= $TARGET_PAGE_P99_MS ms" \
			"$(printf 'p99 %.2f ms (p50 %.2f, max %.2f, %.0f req/s)' "$pb99" "$pb50" "$pbmax" "$pbrps")" \
			"$(verdict "$pb99 <= $TARGET_PAGE_P99_MS")"
		if [ "$cp50" != "-" ]; then
			printf '%-40s %-10s %-44s %s\n' "case page GET /cases/{id} p99 (c1)" "<= $TARGET_PAGE_P99_MS ms" \
				"$(printf 'p99 %.2f ms (p50 %.2f, max %.2f, %.0f req/s)' "$cp99" "$cp50" "$cpmax" "$cprps")" \
				"$(verdict "$cp99 <= $TARGET_PAGE_P99_MS")"
		fi
		printf '%-40s %-10s %-44s %s\n' "month's billing, all persons, JSON" "<= $TARGET_BILLING_S s" \
			"$(printf '%.2f s best, %.2f s worst, %d bytes' "$bjb" "$bjw" "$bjn")" "$(verdict "$bjw <= $TARGET_BILLING_S")"
		printf '%-40s %-10s %-44s %s\n' "month's billing, all persons, CSV" "<= $TARGET_BILLING_S s" \
			"$(printf '%.2f s best, %.2f s worst, %d bytes' "$bcb" "$bcw" "$bcn")" "$(verdict "$bcw <= $TARGET_BILLING_S")"
	done
} | tee "$RESULTS"
say "results written to $RESULTS"
