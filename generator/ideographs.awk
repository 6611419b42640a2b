# The ideographs that a radical or a variant character stands for, as a
# C table, made from the Unicode Character Database that Debian's
# unicode-data installs:
#
#	{ cat EquivalentUnifiedIdeograph.txt; bzcat Unihan_Variants.txt.bz2; } |
#	    awk -f ideographs.awk | LC_ALL=C sort -u
#
# Each line: { from, to, kind }, code points in hex; kind 0 for a radical
# or a stroke and the ideograph it is equivalent to (a range of radicals
# gives one line each), 1 for a z-variant (the same character drawn
# otherwise), 2 for a semantic variant (the same word in another form).
# fold.c decides which of the variants it reads as what.

function hexval(s,	i, v) {
	v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", tolower(substr(s, i, 1))) - 1
	return v
}

/^[0-9A-F]+(\.\.[0-9A-F]+)?[ \t]*;/ {
	split($0, part, /[ \t]*;[ \t]*/)
	to = part[2]
	sub(/[ \t#].*/, "", to)
	n = split(part[1], r, /\.\./)
	lo = hexval(r[1])
	hi = n > 1 ? hexval(r[2]) : lo
	for (c = lo; c <= hi; c++)
		printf("{ 0x%05x, 0x%05x, 0 },\n", c, hexval(to))
	next
}

$1 ~ /^U\+/ && ($2 == "kZVariant" || $2 == "kSemanticVariant") {
	kind = $2 == "kZVariant" ? 1 : 2
	for (i = 3; i <= NF; i++) {
		v = $i
		sub(/<.*/, "", v)
		if (v !~ /^U\+[0-9A-F]+$/)
			continue
		printf("{ 0x%05x, 0x%05x, %d },\n", hexval(substr($1, 3)),
		    hexval(substr(v, 3)), kind)
	}
}
