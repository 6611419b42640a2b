# The named character references of HTML, as a C table sorted by name,
# made from the W3C's entity sets (Debian's w3c-sgml-lib): the names of
# htmlmathml-f.ent are HTML's, and those of HTML 4's Latin-1 set, with
# the markup characters, are the ones a browser reads without their
# semicolon too.
#
#	awk -f entities.awk htmlmathml-f.ent HTMLlat1.ent | LC_ALL=C sort
#
# Each line: { "name", "UTF-8", legacy },

function utf8(c) {
	if (c < 128)
		return sprintf("\\x%02x", c)
	if (c < 2048)
		return sprintf("\\x%02x\\x%02x", 192 + int(c / 64), 128 + c % 64)
	if (c < 65536)
		return sprintf("\\x%02x\\x%02x\\x%02x", 224 + int(c / 4096),
		    128 + int(c / 64) % 64, 128 + c % 64)
	return sprintf("\\x%02x\\x%02x\\x%02x\\x%02x", 240 + int(c / 262144),
	    128 + int(c / 4096) % 64, 128 + int(c / 64) % 64, 128 + c % 64)
}

function hexval(s,	i, v) {
	v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", tolower(substr(s, i, 1))) - 1
	return v
}

BEGIN {
	legacy["amp"] = legacy["lt"] = legacy["gt"] = legacy["quot"] = 1
	legacy["AMP"] = legacy["LT"] = legacy["GT"] = legacy["QUOT"] = 1
	legacy["COPY"] = legacy["REG"] = 1
}

FNR == 1 { file++ }

file == 2 && $1 == "<!ENTITY" && $2 ~ /^[A-Za-z0-9]+$/ {
	legacy[$2] = 1
	next
}

file == 1 && $1 == "<!ENTITY" && $2 ~ /^[A-Za-z0-9]+$/ {
	v = $0
	sub(/^[^"]*"/, "", v)
	sub(/".*$/, "", v)
	gsub(/&#38;/, "\\&", v)
	out = ""
	while (match(v, /&#x?[0-9A-Fa-f]+;/)) {
		ref = substr(v, RSTART + 2, RLENGTH - 3)
		if (substr(ref, 1, 1) == "x")
			out = out utf8(hexval(substr(ref, 2)))
		else
			out = out utf8(ref + 0)
		v = substr(v, RSTART + RLENGTH)
	}
	if (out != "")
		names[$2] = out
}

END {
	for (n in names)
		printf("{ \"%s\", \"%s\", %d },\n", n, names[n], n in legacy)
}
