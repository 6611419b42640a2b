#!/bin/sh
# make test-fresh: README's two commands on a bare Debian 12, as root.
#
# A minimal Debian 12 root (debootstrap --variant=minbase) is kept under
# build/fresh/ and made again when it is older than a week.  Each run
# starts from it untouched: an overlay (or, where overlays cannot be
# mounted, a copy) takes what the run installs.  Only make is installed
# by hand; then a clean clone of the project's committed HEAD runs
# `make site` and `make test`.  The run passes when both succeed and the
# totals line says "0 failed".  Mounts are undone on every exit,
# interrupted or not.
set -eu

MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
here=$(cd "$(dirname "$0")/.." && pwd)
top=$here/build/fresh
base=$top/root
run=$top/run.$$
mnt=$run/merged

if [ "$(id -u)" != 0 ]; then
	echo "test-fresh: run as root (debootstrap, mount and chroot need it)" >&2
	exit 2
fi

# Undo every mount under a directory, deepest first, and end what runs
# inside it.
unmount_under() {
	d=$1
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$d" ] &&
		    kill -9 "${p#/proc/}" 2>/dev/null || :
	done
	awk -v d="$d" '$2 == d || index($2, d "/") == 1 { print $2 }' \
	    /proc/self/mounts | sort -r | while read -r m; do
		umount "$m" 2>/dev/null || umount -l "$m" || :
	done
}

cleanup() {
	trap - EXIT INT TERM HUP
	if [ -d "$run" ]; then
		unmount_under "$mnt"
		unmount_under "$run"
		# Never remove through a mount that is still there.
		if ! awk -v d="$run" '$2 == d || index($2, d "/") == 1 { f = 1 }
		    END { exit !f }' \
		    /proc/self/mounts; then
			rm -rf "$run"
		fi
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

command -v debootstrap >/dev/null || {
	echo "test-fresh: installing debootstrap"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap \
	    >/dev/null
}

# Left-over runs of an earlier, killed invocation.
for old in "$top"/run.*; do
	[ -d "$old" ] || continue
	unmount_under "$old"
	rm -rf "$old"
done

# The cached root: made into a temporary directory and renamed when
# complete, so an interrupted debootstrap never leaves a root behind.
if [ ! -f "$base/.minbase" ] || [ -n "$(find "$base/.minbase" -mtime +7)" ]
then
	echo "test-fresh: debootstrap --variant=minbase $SUITE (about 2 min)"
	unmount_under "$base"
	rm -rf "$base" "$base.tmp"
	mkdir -p "$top"
	debootstrap --variant=minbase "$SUITE" "$base.tmp" "$MIRROR" \
	    >"$top/debootstrap.log" 2>&1 || {
		tail -n 20 "$top/debootstrap.log" >&2
		rm -rf "$base.tmp"
		exit 1
	}
	date -u +%Y-%m-%dT%H:%M:%SZ >"$base.tmp/.minbase"
	mv "$base.tmp" "$base"
fi

mkdir -p "$run/upper" "$run/work" "$mnt"
if ! mount -t overlay overlay \
    -o "lowerdir=$base,upperdir=$run/upper,workdir=$run/work" "$mnt" \
    2>/dev/null; then
	echo "test-fresh: no overlay here; copying the root"
	cp -a "$base/." "$mnt/"
fi
mount -t proc proc "$mnt/proc"
mount -t sysfs sysfs "$mnt/sys"
mount --bind /dev "$mnt/dev"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$mnt/dev/pts" \
    2>/dev/null || :
mount -t tmpfs tmpfs "$mnt/dev/shm"
mount -t tmpfs tmpfs "$mnt/tmp"
cp /etc/resolv.conf "$mnt/etc/resolv.conf"
# The network this machine reaches the registries through: a proxy and
# the certificate authorities it trusts (an egress proxy may sign TLS
# with its own), carried into the root as they are here.
hostenv=""
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
	eval "val=\${$v:-}"
	[ -n "$val" ] && hostenv="$hostenv $v=$val"
done
ca=${NODE_EXTRA_CA_CERTS:-${SSL_CERT_FILE:-}}
if [ -n "$ca" ] && [ -f "$ca" ]; then
	mkdir -p "$mnt/usr/local/share/ca-certificates"
	cp /usr/local/share/ca-certificates/*.crt \
	    "$mnt/usr/local/share/ca-certificates/" 2>/dev/null || :
	cp "$ca" "$mnt/etc/host-ca.crt"
	hostenv="$hostenv NODE_EXTRA_CA_CERTS=/etc/host-ca.crt"
fi

# A clean clone of what is committed, as a user would get it.
git clone -q "$here" "$mnt/root/disclose"
echo "test-fresh: $(git -C "$mnt/root/disclose" log -1 --format='%h %s')"

log=$top/fresh.log
set +e
# shellcheck disable=SC2086
chroot "$mnt" /usr/bin/env -i HOME=/root TERM=dumb $hostenv \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/sh -c '
	set -e
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq make >/dev/null
	cd /root/disclose
	echo "== make site"
	make site
	echo "== make test"
	make test
    ' >"$log" 2>&1
rc=$?
set -e
totals=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
if [ $rc -ne 0 ] || ! printf '%s\n' "$totals" | grep -q ' 0 failed$'; then
	grep -E '^(not ok|# failures|.*: not ok)' "$log" | head -n 40 >&2
	tail -n 30 "$log" >&2
	echo "test-fresh: FAILED (status $rc; ${totals:-no totals}); the log is $log" >&2
	exit 1
fi
echo "test-fresh: make site and make test pass on a bare Debian 12: $totals"
