#!/bin/sh
# Benchmark: disclose against Hugo, in one run.  tests/bench.sh [N ...]
# (default 1000 10000 50000, and 100000 with BENCH_BIG=1: the cost per
# record at each N shows whether it stays flat)
#
# For each N, tests/gencorpus.py makes N records into bench/cN and the
# same cases as Hugo content into bench/hN; `disclose check` must accept
# them.  Then, alternately and twice each, a full build of disclose
# (bench/dN, from an empty directory, the audit on) and of Hugo
# (tests/bench/hugo/, into bench/gN), each under /usr/bin/time -v, in the
# order disclose, Hugo, Hugo, disclose: a drift of the machine over the
# run weighs on both alike, and the rebuilds below follow disclose's own
# full build, as an officer's correction follows the build before it
# (not a build of Hugo that took most of the memory and its page cache
# with it).  The
# floor is what no generator can avoid: cmark over all the bodies at once,
# plus copying disclose's output tree with `cp -r`.  One table: wall
# time, CPU time (user + system), peak memory, files and bytes written,
# records per second, milliseconds per record, and the ratio of Hugo's
# wall time to disclose's (best of the two runs each).  Then three
# rebuilds with the cache: nothing changed; one record edited, the first
# build after a full one, which starts from the spare (.dN.spare) that
# the full build made; and another record edited, which starts from the
# spare that the one before kept.  Last,
# the search index: its size, and the bytes fetched for three typical
# queries (tests/searchindex.py), which Hugo's site does not have.
#
# Environment: DISCLOSE (build/disclose), PYTHON (/usr/bin/python3),
# HUGO (hugo), CMARK (cmark), BENCH_BIG.  Logs and trees in bench/.

cd "$(dirname "$0")/.." || exit 3
DISCLOSE=${DISCLOSE:-build/disclose}
PYTHON=${PYTHON:-/usr/bin/python3}
HUGO=${HUGO:-hugo}
CMARK=${CMARK:-cmark}
[ $# -gt 0 ] || set -- 1000 10000 50000
[ "${BENCH_BIG:-0}" = 1 ] && set -- "$@" 100000
for t in /usr/bin/time "$HUGO" "$CMARK"; do
	command -v "$t" >/dev/null || {
		echo "bench: $t is missing (make bench installs it)" >&2
		exit 3
	}
done
mkdir -p bench || exit 3

# A tree of an earlier build, put aside: moved into bench/trash, which
# goes at the end of the run.  On a file system without a journal (as
# this machine's ext4), the inodes freed in the last minutes are skipped
# one by one when new ones are taken, so that a build that follows the
# removal of a big tree pays for what was removed (perf shows it in
# recently_deleted and find_inode_bit), whichever program it is.
discard() {
	for t in "$@"; do
		[ -e "$t" ] || continue
		mkdir -p bench/trash || exit 3
		mv "$t" "$(mktemp -d bench/trash/XXXXXX)/" || exit 3
	done
}

# Run a command under time -v; print "wall cpu rss_mib".  What the runs
# before it wrote is on disk first, so that no run pays for the
# writeback of another's files (each still pays for its own).
timed() {
	out=$1
	shift
	sync
	/usr/bin/time -v -o "$out" "$@" >"$out.log" 2>&1
	rc=$?
	awk -v rc="$rc" '
	/Elapsed \(wall clock\) time/ {
		k = split($NF, t, ":")
		wall = (k == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2]
	}
	/User time/ { cpu += $NF }
	/System time/ { cpu += $NF }
	/Maximum resident set size/ { rss = $NF / 1024 }
	END { printf "%.2f %.2f %.0f %d\n", wall, cpu, rss, rc }' "$out"
}

# files and megabytes (apparent size) of a tree
size() {
	printf "%d %.1f\n" "$(find "$1" -type f | wc -l)" \
	    "$(du -sb --apparent-size "$1" | awk '{ print $1 / 1e6 }')"
}

best() {	# the run with the smaller wall time of two "wall cpu rss rc"
	echo "$1
$2" | sort -n -k1,1 | head -n 1
}

# The steps of a build's --timings log: "n kind wall cpu peak step".
steps() {
	sed -n 's/^disclose: \(.*[^ ]\)  *\([0-9.]*\) s wall  *\([0-9.]*\) s CPU, peak \([0-9]*\) MiB$/\2 \3 \4 \1/p' \
	    "$3" | while read -r w c p name; do
		echo "$1 $2 $w $c $p $name"
	done
}

# One record of the n of bench/cN edited, the one at n / k in the order
# of their paths (a sentence added to its body), then a build with the
# cache into bench/dN, timed into bench/time-TAGN.txt, and the record
# put back: edited n k sentence tag.  Prints what timed says.
edited() {
	rec=$(find "bench/c$1/cases" -name '*.md' | sort |
	    awk -v n="$1" -v k="$2" 'NR == int(n / k) { print; exit }')
	cp "$rec" "bench/edited$1.md"
	printf '\n补充说明：%s\n' "$3" >>"$rec"
	timed "bench/time-$4$1.txt" "$DISCLOSE" build -q --timings \
	    -C "bench/c$1" -o "bench/d$1"
	cp "bench/edited$1.md" "$rec"
	rm -f "bench/edited$1.md"
}

status=0
table=""
steps=""
searches=""
Q1="招商引资 2023 从轻" Q2="标准厂房" Q3="退役军人事务局 问责"
for n in "$@"; do
	c=bench/c$n h=bench/h$n
	if [ ! -f "$c/.done" ]; then
		rm -rf "$c" "$h"
		"$PYTHON" tests/gencorpus.py "$n" "$c" "$h" || exit 1
		touch "$c/.done"
	fi
	if ! "$DISCLOSE" check -C "$c" >"bench/check$n.log" 2>&1; then
		echo "bench: the corpus of $n records does not validate:" >&2
		head -n 20 "bench/check$n.log" >&2
		exit 1
	fi
	d1= d2= g1= g2=
	for step in d1 g1 g2 d2; do
		run=${step#?}
		case $step in
		d*)	discard "bench/d$n" "bench/.d$n.spare"
			r=$(timed "bench/time-d$n-$run.txt" "$DISCLOSE" build \
			    -q --full --timings -C "$c" -o "bench/d$n")
			[ "$run" = 1 ] && d1=$r || d2=$r ;;
		g*)	discard "bench/g$n"
			r=$(timed "bench/time-g$n-$run.txt" "$HUGO" --quiet \
			    -s tests/bench/hugo --contentDir "$PWD/$h" \
			    -d "$PWD/bench/g$n")
			[ "$run" = 1 ] && g1=$r || g2=$r ;;
		esac
	done
	d=$(best "$d1" "$d2")
	g=$(best "$g1" "$g2")
	# The steps of the faster of the two full builds (--timings).
	dr=1
	[ "$d" = "$d2" ] && dr=2
	steps="$steps
$(steps "$n" full "bench/time-d$n-$dr.txt.log")"
	set -- $d
	if [ "$4" != 0 ]; then
		status=1
		echo "bench: disclose failed on $n records:" >&2
		sed -n '1,10p' "bench/time-d$n-1.txt.log" >&2
	fi
	dsize=$(size "bench/d$n")
	gsize=$(size "bench/g$n")
	# The search index: its size, and what three typical queries fetch
	# (the script, the facets, the shards of their keys, the text of
	# their first page of results).
	searches="$searches
$n $("$PYTHON" tests/searchindex.py --bench "bench/d$n" "$Q1" "$Q2" "$Q3")"
	# Rebuilds with the cache of the last full build: nothing changed,
	# then one record in the middle edited (and put back).
	rn=$(timed "bench/time-dn$n.txt" "$DISCLOSE" build -q -C "$c" \
	    -o "bench/d$n")
	re=$(edited "$n" 2 '整改工作已全部完成。' de)
	re2=$(edited "$n" 3 '已向当事人送达。' df)
	steps="$steps
$(steps "$n" edit "bench/time-de$n.txt.log")
$(steps "$n" edit2 "bench/time-df$n.txt.log")"
	# The floor: cmark over every body at once, and cp -r of the tree.
	find "$c/cases" -name '*.md' -exec awk 'FNR == 1 { f = 0 }
	    f >= 2 { print } /^---/ { f++ }' {} + >"bench/bodies$n.md"
	fc=$(timed "bench/time-cmark$n.txt" sh -c "$CMARK bench/bodies$n.md \
	    >/dev/null")
	discard "bench/cp$n"
	fp=$(timed "bench/time-cp$n.txt" cp -r "bench/d$n" "bench/cp$n")
	discard "bench/cp$n"
	table="$table
$n $d $dsize $g $gsize $fc $fp $rn $re $re2"
done

echo "$table" | awk 'NF {
	n = $1
	dw = $2; dc = $3; dr = $4; df = $6; db = $7
	gw = $8; gc = $9; gr = $10; gf = $12; gb = $13
	cw = $14; pw = $18; nw = $22; ew = $26; fw = $30
	printf "\n| %s records | wall s | CPU s | peak MiB | files | MB written | records/s | ms/record | vs Hugo |\n", n
	print "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
	printf "| disclose | %.2f | %.2f | %d | %d | %.1f | %.0f | %.3f | %.1f× |\n", dw, dc, dr, df, db, n / dw, 1000 * dw / n, gw / dw
	printf "| Hugo %s | %.2f | %.2f | %d | %d | %.1f | %.0f | %.3f | 1.0× |\n", "0.111", gw, gc, gr, gf, gb, n / gw, 1000 * gw / n
	printf "| floor: cmark %.2f s + cp -r %.2f s | %.2f | | | | | | | disclose %.1f× the floor |\n", cw, pw, cw + pw, dw / (cw + pw)
	printf "| disclose, nothing changed | %.2f | | | | | | | %.1f%% of a full build |\n", nw, 100 * nw / dw
	printf "| disclose, one record edited (the first build after the full one) | %.2f | | | | | | | %.1f%% of a full build |\n", ew, 100 * ew / dw
	printf "| disclose, another record edited (from the spare) | %.2f | | | | | | | %.1f%% of a full build |\n", fw, 100 * fw / dw
	printf "(memory: disclose %.1f%% of Hugo'"'"'s peak)\n", 100 * dr / gr
}'
echo
echo "Each step of the faster full build (--timings): wall and CPU"
echo "milliseconds per record, the peak memory after it; and the wall"
echo "seconds of the same step in the rebuild after one record edited,"
echo "and in the next one, after another record edited (from the spare)."
echo "$steps" | awk 'NF {
	name = $6
	for (i = 7; i <= NF; i++)
		name = name " " $i
	if ($2 == "full") {
		if (!(name in seen)) {
			seen[name] = 1
			order[++k] = name
		}
		if (!($1 in ns)) {
			ns[$1] = 1
			nlist[++m] = $1
		}
		full[$1, name] = sprintf("%.3f / %.3f / %d", 1000 * $3 / $1, 1000 * $4 / $1, $5)
	} else if ($2 == "edit")
		edit[$1, name] = sprintf("%.2f", $3)
	else
		edit2[$1, name] = sprintf("%.2f", $3)
}
END {
	if (k == 0)
		exit
	printf "\n| step |"
	for (j = 1; j <= m; j++)
		printf " %s: ms/record wall / CPU / MiB | %s edit s | %s next edit s |", nlist[j], nlist[j], nlist[j]
	printf "\n| --- |"
	for (j = 1; j <= m; j++)
		printf " --- | --- | --- |"
	printf "\n"
	for (i = 1; i <= k; i++) {
		printf "| %s |", order[i]
		for (j = 1; j <= m; j++)
			printf " %s | %s | %s |", full[nlist[j], order[i]], edit[nlist[j], order[i]], edit2[nlist[j], order[i]]
		printf "\n"
	}
}'
echo
echo "Search: the index under search/ and the bytes a browser fetches for a"
echo "query's first page of results (script, facets, shards, texts)."
echo "$searches" | awk -v q1="$Q1" -v q2="$Q2" -v q3="$Q3" 'NF {
	if (!head++) {
		printf "\n| records | index MB | %s | %s | %s |\n", q1, q2, q3
		print "| --- | --- | --- | --- | --- |"
	}
	printf "| %d | %.1f | %d found, %.0f kB | %d found, %.0f kB | %d found, %.0f kB |\n", $1, $3 / 1e6, $4, $5 / 1e3, $6, $7 / 1e3, $8, $9 / 1e3
}'
# What earlier builds left, removed now that nothing is timed.
rm -rf bench/trash
exit $status
