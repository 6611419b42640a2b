# The readings of Chinese characters in Hanyu Pinyin, as a C table made
# from the Unicode Character Database that Debian's unicode-data
# installs:
#
#	bzcat Unihan_Readings.txt.bz2 | awk -f pinyin.awk | LC_ALL=C sort
#
# Each line: { code point, "readings" }: the readings of kMandarin (the
# usual ones), then after a "|" those that kHanyuPinyin and kXHC1983 add
# (a surname is often read otherwise than the word: 单 shàn, 曾 zēng, 区
# ōu), with their tone marks, each once, separated by spaces.  names.c
# strips the marks with utf8proc.

function hexval(s,	i, v) {
	v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", tolower(substr(s, i, 1))) - 1
	return v
}

$1 ~ /^U\+/ && ($2 == "kMandarin" || $2 == "kHanyuPinyin" ||
    $2 == "kXHC1983") {
	c = hexval(substr($1, 3))
	for (i = 3; i <= NF; i++) {
		v = $i
		sub(/^[^:]*:/, "", v)
		n = split(v, r, ",")
		for (k = 1; k <= n; k++) {
			if (r[k] == "")
				continue
			if ($2 == "kMandarin")
				usual[c, r[k]] = 1
			if ((c SUBSEP r[k]) in seen)
				continue
			seen[c, r[k]] = 1
			if (c in read)
				read[c] = read[c] " " r[k]
			else
				read[c] = r[k]
		}
	}
}

END {
	for (c in read) {
		n = split(read[c], r, " ")
		u = o = ""
		for (k = 1; k <= n; k++)
			if ((c SUBSEP r[k]) in usual)
				u = u (u == "" ? "" : " ") r[k]
			else
				o = o (o == "" ? "" : " ") r[k]
		printf("{ 0x%05x, \"%s|%s\" },\n", c, u, o)
	}
}
