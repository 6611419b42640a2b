#!/bin/sh
# Benchmark of disclose: tests/bench.sh [N ...]   (default: 1000 10000)
#
# For each N, generate a corpus of N records into bench/cN
# (tests/gencorpus.py) and make sure that `disclose check` accepts it;
# then time `disclose build -q -C bench/cN -o bench/siteN -j $JOBS` from
# an empty output directory with /usr/bin/time -v and print one line:
# records per second, wall seconds, peak RSS in MiB, files written.
# Logs: bench/checkN.log, bench/buildN.log, bench/timeN.txt.
#
# Environment: DISCLOSE (build/disclose), PYTHON (/usr/bin/python3),
# JOBS (2).  Exits non-zero if a corpus does not validate or a build
# fails.

cd "$(dirname "$0")/.." || exit 3
DISCLOSE=${DISCLOSE:-build/disclose}
PYTHON=${PYTHON:-/usr/bin/python3}
JOBS=${JOBS:-2}
[ $# -gt 0 ] || set -- 1000 10000

if [ ! -x /usr/bin/time ]; then
	echo "bench: /usr/bin/time is missing (Debian package time; make deps)" >&2
	exit 3
fi
mkdir -p bench || exit 3

for n in "$@"; do
	rm -rf "bench/c$n"
	"$PYTHON" tests/gencorpus.py "$n" "bench/c$n" || exit 1
	if ! "$DISCLOSE" check -C "bench/c$n" >"bench/check$n.log" 2>&1; then
		echo "bench: the corpus of $n records does not validate:" >&2
		head -n 20 "bench/check$n.log" >&2
		exit 1
	fi
done

status=0
for n in "$@"; do
	rm -rf "bench/site$n"
	/usr/bin/time -v -o "bench/time$n.txt" "$DISCLOSE" build -q \
	    -C "bench/c$n" -o "bench/site$n" -j "$JOBS" \
	    >"bench/build$n.log" 2>&1
	rc=$?
	files=0
	[ -d "bench/site$n" ] && files=$(find "bench/site$n" -type f | wc -l)
	awk -v n="$n" -v files="$files" -v rc="$rc" '
	/Elapsed \(wall clock\) time/ {
		k = split($NF, t, ":")
		wall = (k == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2]
	}
	/Maximum resident set size/ { rss = $NF / 1024 }
	END {
		printf "N=%-6d %9.0f records/s %9.2f s wall %8.1f MiB peak RSS %7d files%s\n",
		    n, (wall > 0 ? n / wall : 0), wall, rss, files,
		    (rc == 0 ? "" : "   (build FAILED, exit " rc ")")
	}' "bench/time$n.txt"
	if [ "$rc" -ne 0 ]; then
		status=1
		sed -n '1,10p' "bench/build$n.log" | sed 's/^/    /'
		k=$(wc -l <"bench/build$n.log")
		[ "$k" -le 10 ] || echo "    ... ($k lines in bench/build$n.log)"
	fi
done
exit $status
