#!/usr/bin/env bash
# pg-test-server.sh - a throwaway PostgreSQL server for tests, no system
# service involved.
#
#   scripts/pg-test-server.sh start DIR   prints the connection URL
#   scripts/pg-test-server.sh stop DIR    stops the server, removes DIR
#
# The server keeps everything in DIR (data, log, unix socket) and listens
# on that socket and on 127.0.0.1 at the first free port of 54320..54399.
# Tests connect as the superuser `postgres` over the socket, which only
# DIR's owner (and root) can reach; TCP needs the random password in
# DIR/password. fsync is off: the server is disposable and tests should
# be fast, so never point a benchmark of commit latency at it.
#
# initdb and postgres refuse to run as root, so as root everything runs
# as Debian's `postgres` user and DIR belongs to it. Starting over an old
# DIR (a crashed run) stops whatever is left there first. DIR is removed
# only if it carries this script's marker file, so a mistyped path is
# never wiped.
#
# Only the URL goes to stdout; progress and errors go to stderr.
set -euo pipefail

PORT_FIRST=54320
PORT_LAST=54399
DB_NAME=pagalba_test
MARKER=.pagalba-pg-test

die() {
	echo "pg-test-server: $*" >&2
	exit 1
}

usage() {
	echo "usage: $0 start|stop DIR" >&2
	exit 2
}

# The directory holding initdb/pg_ctl/postgres. libpq-dev's pg_config
# reports /usr/bin, which has psql but not the server, so check for
# initdb and fall back to the newest /usr/lib/postgresql/N/bin.
find_bindir() {
	if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then
		echo "$PG_BINDIR"
		return 0
	fi
	if command -v pg_config >/dev/null 2>&1; then
		d=$(pg_config --bindir 2>/dev/null || true)
		if [ -n "$d" ] && [ -x "$d/initdb" ]; then
			echo "$d"
			return 0
		fi
	fi
	d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
	if [ -n "$d" ] && [ -x "$d/initdb" ]; then
		echo "$d"
		return 0
	fi
	die "PostgreSQL server binaries not found (install postgresql, or set PG_BINDIR)"
}

if [ "$(id -u)" -eq 0 ]; then
	id postgres >/dev/null 2>&1 ||
		die "running as root needs the 'postgres' user (apt-get install postgresql)"
	command -v runuser >/dev/null 2>&1 || die "runuser not found"
	RUN_AS="runuser -u postgres --"
	OWNER=postgres
else
	RUN_AS=""
	OWNER=$(id -un)
fi

# Runs a command as the server's owner.
as_owner() {
	$RUN_AS "$@"
}

# Stops a server left in DIR (running or crashed) and removes DIR.
cleanup_dir() {
	dir=$1
	[ -e "$dir" ] || return 0
	[ -d "$dir" ] || die "$dir exists and is not a directory"
	if [ ! -e "$dir/$MARKER" ]; then
		if [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
			die "$dir is not empty and was not made by this script; refusing to remove it"
		fi
		rmdir "$dir"
		return 0
	fi
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$BINDIR/pg_ctl" -D "$dir/data" -m immediate -w -t 30 \
			stop >/dev/null 2>&1 || true
		# A postmaster that pg_ctl could not stop (e.g. a wrong pid
		# file): kill it by the pid it recorded, if it still runs
		# postgres out of this directory.
		pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
		case "$pid" in
		'' | *[!0-9]*) ;;
		*)
			if [ -r "/proc/$pid/cmdline" ] &&
				tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$dir/data"; then
				kill -9 "$pid" 2>/dev/null || true
				sleep 0.2
			fi
			;;
		esac
	fi
	rm -rf "$dir"
}

port_in_use() {
	# Succeeds when something accepts connections on 127.0.0.1:$1.
	(exec 3<>"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1
}

cmd_start() {
	dir=$1
	cleanup_dir "$dir"
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd -P)
	: >"$dir/$MARKER"
	chmod 700 "$dir"
	[ "$OWNER" = "$(id -un)" ] || chown "$OWNER:" "$dir" "$dir/$MARKER"
	as_owner test -w "$dir" ||
		die "$OWNER cannot write to $dir (is a parent directory closed to it?)"

	password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	as_owner sh -c "umask 077 && echo '$password' >'$dir/password'"

	as_owner "$BINDIR/initdb" -D "$dir/data" -U postgres --no-locale -E UTF8 \
		--auth-local=trust --auth-host=scram-sha-256 \
		--pwfile="$dir/password" --no-sync \
		>"$dir/initdb.log" 2>&1 ||
		die "initdb failed; see $dir/initdb.log"

	port=$PORT_FIRST
	started=0
	while [ "$port" -le "$PORT_LAST" ]; do
		if ! port_in_use "$port"; then
			as_owner sh -c ": >'$dir/server.log'"
			if as_owner "$BINDIR/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
				-w -t 30 -s \
				-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
				start >/dev/null 2>&1; then
				started=1
				break
			fi
			# Lost a race for the port, or a real failure: a
			# bind error means try the next one.
			if ! grep -q "could not bind\|could not create any TCP/IP sockets\|Address already in use" \
				"$dir/server.log" 2>/dev/null; then
				die "postgres failed to start; see $dir/server.log"
			fi
		fi
		port=$((port + 1))
	done
	[ "$started" -eq 1 ] || die "no free port in $PORT_FIRST..$PORT_LAST"

	tries=0
	until as_owner "$BINDIR/pg_isready" -q -h "$dir" -p "$port" -U postgres; do
		tries=$((tries + 1))
		[ "$tries" -lt 60 ] || die "server did not accept connections within 30 s"
		sleep 0.5
	done

	as_owner "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" \
		-U postgres -d postgres \
		-c "CREATE DATABASE $DB_NAME ENCODING 'UTF8' TEMPLATE template0" \
		>/dev/null 2>"$dir/createdb.log" ||
		die "could not create database $DB_NAME; see $dir/createdb.log"

	echo "postgresql:///$DB_NAME?host=$dir&port=$port&user=postgres"
}

cmd_stop() {
	dir=$1
	[ -e "$dir" ] || return 0
	dir=$(cd "$dir" && pwd -P)
	cleanup_dir "$dir"
}

[ $# -eq 2 ] || usage
[ -n "$2" ] || usage
case "$2" in
/ | /tmp | /tmp/ | "$HOME" | "$HOME/") die "refusing to use $2 as the server directory" ;;
esac
BINDIR=$(find_bindir)
case "$1" in
start) cmd_start "$2" ;;
stop) cmd_stop "$2" ;;
*) usage ;;
esac
