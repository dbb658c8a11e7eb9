#!/usr/bin/env bash
# install-deps.sh - installs what Pagalba needs from Debian packages.
#
#   scripts/install-deps.sh [--check] [build] [test] [bench]
#
#   build  compiler, libraries, meson (the default)
#   test   build + PostgreSQL, Chromium, Node.js/npm for the browser tests
#   bench  build + nginx-light and wrk
#   --check  only report what is missing (exit 1 if anything is)
#
# Fast and silent when everything is present: packages are checked with
# dpkg-query first, and apt-get update runs (once) only when something
# must be installed. A Node.js >= 18 that came from elsewhere (nvm, the
# NodeSource repository) satisfies nodejs/npm; we do not fight it. Then,
# if web/package.json exists and web/node_modules is missing or older
# than the lock file, the web dependencies are installed with npm.
#
# Prints one line per action, on stdout; errors go to stderr.
set -euo pipefail

BUILD_PKGS="build-essential pkg-config meson ninja-build clang libclang-rt-14-dev
libmicrohttpd-dev libjansson-dev libsodium-dev libsqlite3-dev sqlite3
libpq-dev libcmocka-dev libcurl4-openssl-dev python3 ca-certificates"
TEST_PKGS="postgresql chromium nodejs npm"
BENCH_PKGS="nginx-light wrk"
NODE_MIN_MAJOR=18

ROOT=$(cd "$(dirname "$0")/.." && pwd -P)

say() { echo "install-deps: $*"; }
die() {
	echo "install-deps: $*" >&2
	exit 1
}

check_only=0
want_test=0
want_bench=0
for arg in "$@"; do
	case "$arg" in
	--check) check_only=1 ;;
	build) ;; # always included
	test) want_test=1 ;;
	bench) want_bench=1 ;;
	-h | --help)
		sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*) die "unknown group '$arg' (use build, test, bench)" ;;
	esac
done

pkgs=$BUILD_PKGS
[ "$want_test" -eq 1 ] && pkgs="$pkgs $TEST_PKGS"
[ "$want_bench" -eq 1 ] && pkgs="$pkgs $BENCH_PKGS"

command -v dpkg-query >/dev/null 2>&1 ||
	die "this script needs a Debian-based system (dpkg-query not found)"

# One dpkg-query for all packages: "name status..." per line.
# shellcheck disable=SC2086
status_list=$(dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null || true)

is_installed() {
	printf '%s\n' "$status_list" | grep -qx "$1 install ok installed"
}

# A node on PATH, whatever installed it, of at least NODE_MIN_MAJOR.
node_is_recent() {
	command -v node >/dev/null 2>&1 || return 1
	local v major
	v=$(node --version 2>/dev/null || true) # "v18.19.0"
	major=${v#v}
	major=${major%%.*}
	case "$major" in
	'' | *[!0-9]*) return 1 ;;
	esac
	[ "$major" -ge "$NODE_MIN_MAJOR" ]
}

satisfied() {
	is_installed "$1" && return 0
	case "$1" in
	nodejs) node_is_recent ;;
	npm) node_is_recent && command -v npm >/dev/null 2>&1 ;;
	*) return 1 ;;
	esac
}

missing=()
for p in $pkgs; do
	satisfied "$p" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
	if [ "$check_only" -eq 1 ]; then
		say "missing: ${missing[*]}"
		exit 1
	fi
	SUDO=()
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 ||
			die "not root and sudo is not installed; as root run: apt-get install ${missing[*]}"
		SUDO=(sudo)
	fi
	export DEBIAN_FRONTEND=noninteractive
	say "apt-get update"
	"${SUDO[@]}" apt-get update -qq >/dev/null ||
		die "apt-get update failed"
	say "installing ${missing[*]}"
	"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
		die "apt-get install failed for: ${missing[*]}"
fi

# Web dependencies (browser tests and asset build), from the npm registry.
web=$ROOT/web
if [ -f "$web/package.json" ]; then
	lock=$web/package-lock.json
	stamp=$web/node_modules/.package-lock.json # npm >= 7 writes it
	[ -e "$stamp" ] || stamp=$web/node_modules
	ref=$web/package.json
	[ -f "$lock" ] && ref=$lock
	if [ ! -d "$web/node_modules" ] || [ "$ref" -nt "$stamp" ]; then
		if [ "$check_only" -eq 1 ]; then
			say "web/node_modules is missing or out of date"
			exit 1
		fi
		if ! command -v npm >/dev/null 2>&1; then
			say "skipping web/ dependencies: npm is not installed (run: $0 test)"
		elif [ -f "$lock" ]; then
			say "npm ci in web/"
			(cd "$web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
				die "npm ci failed in web/"
			mkdir -p "$web/node_modules" && touch "$web/node_modules"
		else
			say "npm install in web/ (no package-lock.json)"
			(cd "$web" && npm install --no-audit --no-fund --loglevel=error >/dev/null) ||
				die "npm install failed in web/"
			mkdir -p "$web/node_modules" && touch "$web/node_modules"
		fi
	fi
fi
exit 0
