#!/bin/sh
# The browser suite (tests/browser.test.mjs) in a scratch directory that
# is removed, with the nginx it starts killed, however the suite ends.
# The prerequisites are installed by `make test-browser` (and make test);
# this script installs nothing, and a missing one fails the suite.
#
# usage: tests/browser.sh   (DISCLOSE names the program; build/disclose)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DISCLOSE=${DISCLOSE:-$ROOT/build/disclose}
if ! command -v node >/dev/null 2>&1; then
	echo "not ok 1 - prerequisite: node (Debian package nodejs): run make test-browser as root"
	echo "1..1"
	exit 1
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/disclose-browser.XXXXXX") || exit 1
cleanup() {
	# nginx is the suite's child; should the suite itself die, its pid
	# file is still here.
	if [ -s "$WORK/nginx/nginx.pid" ]; then
		kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
ROOT=$ROOT WORK=$WORK DISCLOSE=$DISCLOSE NPM=$ROOT/build/npm \
    SHOTS=$ROOT/build/screenshots node "$ROOT/tests/browser.test.mjs"
