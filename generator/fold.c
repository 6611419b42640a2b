/*
 * The one fold through which redaction, the detectors and the audit read
 * text, so that what a reader reads as the same is matched as the same:
 *
 *  - Unicode compatibility mapping with case folding (NFKC's mapping,
 *    compared in decomposed form), from utf8proc: full-width forms,
 *    Kangxi radicals, circled and mathematical digits read as what they
 *    stand for;
 *  - default-ignorable code points dropped (zero-width characters,
 *    variation selectors, bidi marks, the combining grapheme joiner, the
 *    soft hyphen), as utf8proc's property tells them;
 *  - every space separator and line break dropped, and remembered as a
 *    gap before the next character, for the detectors that need to know
 *    where a word ended;
 *  - decimal digits of every script as ASCII digits (utf8proc's category
 *    Nd; digits come in runs of ten that start at zero);
 *  - a CJK radical or stroke as the ideograph it is equivalent to, and a
 *    variant character outside GB 2312 as its z-variant or semantic
 *    variant in it (衞 as 卫, 髙 as 高, 値 as 值), as the Unicode
 *    Character Database's EquivalentUnifiedIdeograph.txt and Unihan's
 *    variants give them (build/ideographs.h, made from Debian's
 *    unicode-data), with GB 2312 as iconv knows it;
 *  - traditional Chinese characters as simplified ones, character by
 *    character, as OpenCC's t2s conversion gives them.
 *
 * Optionally, a character reference (&#29579;), percent-encoding
 * (%E7%8E%8B, or %CD%F5 in GBK where it is not UTF-8) or a \u escape
 * that stands for a character beyond ASCII is read as that character,
 * spanning the bytes of the sequence.
 *
 * The tables are made once from utf8proc and OpenCC's conversion (made
 * into build/t2s.h at build time) by fold_init; no Unicode data is written
 * here by hand.
 */
#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "disclose.h"
#include "extern.h"

#define FOLD_MAX	18		/* longest expansion kept */

/* Entries of the table of the Basic Multilingual Plane. */
#define E_DROP		0xffffffffu	/* ignorable: nothing */
#define E_GAP		0xfffffffeu	/* a space: nothing, a gap before */
#define E_MULTI		0x80000000u	/* | index into pool */

static pthread_once_t	 once = PTHREAD_ONCE_INIT;
static uint32_t		*bmp;		/* 65536 entries */
static uint32_t		*pool;		/* count, then code points */
static size_t		 npool;
static uint16_t		*t2s;		/* U+3400..U+9FFF: simplified form */
static unsigned char	*alnum;		/* the BMP's letters and digits, as
					 * bits, from utf8proc's categories */
static unsigned char	*joins;		/* the BMP's joiners of a name's
					 * parts (fold_namejoin), as bits */
static unsigned char	*hans;		/* the BMP's wide letters (fold_ishan),
					 * as bits, from utf8proc */

#define T2S_LO		0x3400
#define T2S_HI		0x9fff

/* The simplified form of a CJK character, or the character itself. */
static uint32_t
simplify(uint32_t c)
{
	if (t2s != NULL && c >= T2S_LO && c <= T2S_HI && t2s[c - T2S_LO])
		return t2s[c - T2S_LO];
	return c;
}

/* Traditional characters and their simplified forms, as OpenCC's t2s
 * conversion gives them (build/t2s.h, made by t2sgen at build time). */
static const struct t2spair {
	uint16_t	 from;
	uint16_t	 to;
} t2spairs[] = {
#include "t2s.h"
};

static void
t2s_load(void)
{
	size_t		 i;

	t2s = xcalloc(T2S_HI - T2S_LO + 1, sizeof(*t2s));
	for (i = 0; i < sizeof(t2spairs) / sizeof(t2spairs[0]); i++)
		if (t2spairs[i].from >= T2S_LO && t2spairs[i].from <= T2S_HI)
			t2s[t2spairs[i].from - T2S_LO] = t2spairs[i].to;
}

/* Radicals, strokes and variant characters, and what they stand for. */
static const struct ideo {
	uint32_t	 from;
	uint32_t	 to;
	int		 kind;	/* 0 equivalent, 1 z-variant, 2 semantic */
} ideos[] = {
#include "ideographs.h"
};

#define UNI_LO		0x2e80
#define UNI_HI		0x9fff
static uint16_t		*unified;	/* U+2E80..U+9FFF: the ideograph
					 * read for it, or 0 */

/* What a radical or a variant character is read as, or c itself. */
static uint32_t
unify(uint32_t c)
{
	if (unified != NULL && c >= UNI_LO && c <= UNI_HI &&
	    unified[c - UNI_LO])
		return unified[c - UNI_LO];
	return c;
}

/*
 * A radical or a stroke reads as its ideograph.  A character that GB
 * 2312 lacks, and whose simplified form GB 2312 lacks too, reads as the
 * first of its z-variants, else of its semantic variants, whose
 * simplified form GB 2312 has: what a reader of simplified Chinese reads
 * it as.  The characters of GB 2312 are never read otherwise, so no two
 * characters trade places.
 */
static void
unify_load(void)
{
	unsigned char	*std;
	iconv_t		 cd;
	uint32_t	 c, t;
	size_t		 i, il, ol;
	char		 in[4], out[8], *ip, *op;
	int		 kind;

	unified = xcalloc(UNI_HI - UNI_LO + 1, sizeof(*unified));
	for (i = 0; i < sizeof(ideos) / sizeof(ideos[0]); i++)
		if (ideos[i].kind == 0 && ideos[i].from >= UNI_LO &&
		    ideos[i].from <= UNI_HI && ideos[i].to < 0x10000)
			unified[ideos[i].from - UNI_LO] =
			    (uint16_t)ideos[i].to;
	if ((cd = iconv_open("GB2312", "UTF-32LE")) == (iconv_t)-1)
		return;
	std = xcalloc(UNI_HI - UNI_LO + 1, 1);
	for (c = UNI_LO; c <= UNI_HI; c++) {
		in[0] = (char)(c & 0xff);
		in[1] = (char)(c >> 8 & 0xff);
		in[2] = in[3] = 0;
		ip = in;
		il = 4;
		op = out;
		ol = sizeof(out);
		std[c - UNI_LO] = iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 &&
		    il == 0;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
#define STD(x)	((x) >= UNI_LO && (x) <= UNI_HI && std[(x) - UNI_LO])
	for (kind = 1; kind <= 2; kind++)
		for (i = 0; i < sizeof(ideos) / sizeof(ideos[0]); i++) {
			c = ideos[i].from;
			if (ideos[i].kind != kind || c < UNI_LO || c > UNI_HI ||
			    unified[c - UNI_LO] || STD(c) || STD(simplify(c)))
				continue;
			t = simplify(ideos[i].to);
			if (STD(t))
				unified[c - UNI_LO] = (uint16_t)t;
		}
#undef STD
	free(std);
}

/* The ASCII digit of a decimal digit of any script, or -1. */
static int
digitof(uint32_t c)
{
	uint32_t	 z;

	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (utf8proc_category((utf8proc_int32_t)c) != UTF8PROC_CATEGORY_ND)
		return -1;
	/* Runs of decimal digits start at a zero: count back to it. */
	for (z = c; z > 0 && utf8proc_category((utf8proc_int32_t)(z - 1)) ==
	    UTF8PROC_CATEGORY_ND; z--)
		continue;
	return (int)((c - z) % 10);
}

/* Whether c is a space or a line break: read as a gap. */
static int
isgap(uint32_t c)
{
	return c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v' || c == 0x85 || c == 0x2028 || c == 0x2029 ||
	    utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_ZS;
}

/*
 * Fold one code point into out (room for FOLD_MAX); returns how many
 * code points it reads as, 0 for none; *gap is set for a space.
 */
static size_t
compute(uint32_t c, uint32_t *out, int *gap)
{
	utf8proc_int32_t	 d[FOLD_MAX];
	utf8proc_ssize_t	 n;
	size_t			 i, k = 0;
	int			 last = 0, v;

	*gap = 0;
	if (isgap(c)) {
		*gap = 1;
		return 0;
	}
	if (c < 0x80) {
		out[0] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
		return 1;
	}
	n = utf8proc_decompose_char((utf8proc_int32_t)c, d, FOLD_MAX,
	    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	    UTF8PROC_IGNORE, &last);
	if (n < 0 || n > FOLD_MAX) {
		out[0] = c;
		return 1;
	}
	for (i = 0; i < (size_t)n; i++) {
		c = (uint32_t)d[i];
		if (isgap(c))
			continue;	/* a space inside an expansion */
		if ((v = digitof(c)) >= 0)
			c = (uint32_t)('0' + v);
		out[k++] = simplify(unify(c));
	}
	return k;
}

/* Whether a code point is a letter or a digit, by its category. */
static int
isalnum_cat(uint32_t c)
{
	utf8proc_category_t	 k;

	k = utf8proc_category((utf8proc_int32_t)c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
	    (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

/*
 * Whether a character may stand between the parts of a name for a reader
 * to read them as one (买买提-艾力, 欧阳_明, 钟/岚): an interpunct, a dash
 * or a connector of any script (utf8proc's categories Pd and Pc), a
 * slash, a tilde (～ as 〜), a star, a bar, a plus (which a form's
 * encoding reads as a space), and the letters and marks drawn as a raised
 * dot (U+A78F, U+318D, U+1427, U+02D9, U+2218, U+00B0 ...), also as they
 * fold (U+318D as U+119E, U+02D9 as U+0307).
 */
static int
isjoin_cat(uint32_t c)
{
	static const uint32_t dots[] = {
		'/', '\\', '~', '*', '|', '+', 0xb0, 0x2d9, 0x307, 0x119e,
		0x1427, 0x2043, 0x2218, 0x2e33, 0x318d, 0xa78f, 0xff65
	};
	size_t	 i;

	if (fold_interpunct(c))
		return 1;
	for (i = 0; i < sizeof(dots) / sizeof(dots[0]); i++)
		if (c == dots[i])
			return 1;
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PC:
		return 1;
	default:
		return 0;
	}
}

/* Whether c is a letter of a wide script (a Han character), by
 * utf8proc's category and width. */
static int
ishan_cat(uint32_t c)
{
	return utf8proc_category((utf8proc_int32_t)c) ==
	    UTF8PROC_CATEGORY_LO && utf8proc_charwidth((utf8proc_int32_t)c) == 2;
}

static void
init(void)
{
	uint32_t	 c, o[FOLD_MAX];
	size_t		 n, cap = 4096;
	int		 gap;

	t2s_load();
	unify_load();
	bmp = xcalloc(0x10000, sizeof(*bmp));
	pool = xcalloc(cap, sizeof(*pool));
	alnum = xcalloc(0x10000 / 8, 1);
	joins = xcalloc(0x10000 / 8, 1);
	hans = xcalloc(0x10000 / 8, 1);
	for (c = 0; c < 0x10000; c++) {
		if (ishan_cat(c))
			hans[c >> 3] |= (unsigned char)(1u << (c & 7));
		if (c < 0x80 ? (c >= '0' && c <= '9') ||
		    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') :
		    isalnum_cat(c))
			alnum[c >> 3] |= (unsigned char)(1u << (c & 7));
		if (isjoin_cat(c))
			joins[c >> 3] |= (unsigned char)(1u << (c & 7));
	}
	for (c = 0; c < 0x10000; c++) {
		if (c >= 0xd800 && c <= 0xdfff) {
			bmp[c] = 0xfffd;
			continue;
		}
		n = compute(c, o, &gap);
		if (gap)
			bmp[c] = E_GAP;
		else if (n == 0)
			bmp[c] = E_DROP;
		else if (n == 1)
			bmp[c] = o[0];
		else {
			if (npool + n + 1 > cap) {
				cap *= 2;
				pool = xreallocarray(pool, cap, sizeof(*pool));
			}
			bmp[c] = E_MULTI | (uint32_t)npool;
			pool[npool++] = (uint32_t)n;
			memcpy(pool + npool, o, n * sizeof(*o));
			npool += n;
		}
	}
}

/* Make the tables (once; ftext_fold makes them too when it must). */
void
fold_init(void)
{
	pthread_once(&once, init);
}

/* Fold one code point: the number of code points written to out. */
static inline size_t
fold1(uint32_t c, uint32_t *out, int *gap)
{
	uint32_t	 e;

	*gap = 0;
	if (c >= 0x10000)
		return compute(c, out, gap);
	e = bmp[c];
	if (e < 0x110000) {
		out[0] = e;
		return 1;
	}
	if (e == E_DROP)
		return 0;
	if (e == E_GAP) {
		*gap = 1;
		return 0;
	}
	e &= ~E_MULTI;
	memcpy(out, pool + e + 1, pool[e] * sizeof(*out));
	return pool[e];
}

/* What a browser reads &#128; to &#159; as: the characters of
 * Windows-1252 (iconv's), or the code point where it has none. */
static uint32_t		 c1[32];
static pthread_once_t	 c1once = PTHREAD_ONCE_INIT;

static void
c1init(void)
{
	iconv_t		 cd;
	char		 in[1], outb[4], *ip, *op;
	size_t		 il, ol, b;

	cd = iconv_open("UTF-32LE", "CP1252");
	for (b = 0; b < 32; b++) {
		c1[b] = (uint32_t)(0x80 + b);
		if (cd == (iconv_t)-1)
			continue;
		in[0] = (char)(0x80 + b);
		ip = in;
		il = 1;
		op = outb;
		ol = sizeof(outb);
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && ol == 0)
			c1[b] = (uint32_t)(unsigned char)outb[0] |
			    (uint32_t)(unsigned char)outb[1] << 8 |
			    (uint32_t)(unsigned char)outb[2] << 16;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
}

/* HTML's named character references, sorted by name: each one's
 * characters, and whether a browser reads it without its semicolon. */
static const struct named {
	const char	*name;
	const char	*utf8;
	int		 legacy;
} named[] = {
#include "entities.h"
};

static int
namedcmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct named *)elem)->name);
}

/*
 * The character reference at s (avail bytes), as a browser reads it:
 * its characters (UTF-8, NUL-terminated) to out, *len its bytes; 0 if
 * there is none (an unknown name with digits, &x138...;, is text).
 * &#…; and &#x…; may lack their semicolon, and so may the names of
 * HTML 4's Latin-1 set and of the markup characters (&nbsp0000).
 */
int
fold_charref(const char *s, size_t avail, size_t *len, char out[16])
{
	static const char *const markup[][2] = {
		{ "amp", "&" }, { "quot", "\"" }, { "lt", "<" }, { "gt", ">" },
		{ "apos", "'" }
	};
	const struct named *e;
	char	 name[40];
	size_t	 k, n;
	uint32_t v = 0;
	int	 hex, d;

	if (avail < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		hex = s[2] == 'x' || s[2] == 'X';
		for (k = hex ? 3 : 2; k < avail; k++) {
			d = hex ? hexval(s[k]) : (s[k] >= '0' && s[k] <= '9' ?
			    s[k] - '0' : -1);
			if (d < 0)
				break;
			if (v <= 0x10ffff)
				v = v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (k == (hex ? 3u : 2u))
			return 0;
		*len = k < avail && s[k] == ';' ? k + 1 : k;
		/* As a browser reads it: none, a surrogate or beyond
		 * Unicode is U+FFFD; 128 to 159 are Windows-1252's. */
		if (v == 0 || v > 0x10ffff || (v >= 0xd800 && v < 0xe000))
			v = 0xfffd;
		else if (v >= 0x80 && v < 0xa0) {
			pthread_once(&c1once, c1init);
			v = c1[v - 0x80];
		}
		*utf8_put(out, v) = '\0';
		return 1;
	}
	for (k = 1; k < avail && ((s[k] >= 'a' &&
	    s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') || (k > 1 &&
	    s[k] >= '0' && s[k] <= '9')); k++)
		continue;
	if (k == 1)
		return 0;
	if (k - 1 < sizeof(name) && k < avail && s[k] == ';') {
		memcpy(name, s + 1, k - 1);
		name[k - 1] = '\0';
		*len = k + 1;
		/* Those of markup, which escaping writes, before the
		 * table. */
		for (n = 0; n < sizeof(markup) / sizeof(markup[0]); n++)
			if (strcmp(name, markup[n][0]) == 0) {
				strcpy(out, markup[n][1]);
				return 1;
			}
		if ((e = bsearch(name, named, sizeof(named) /
		    sizeof(named[0]), sizeof(named[0]), namedcmp)) != NULL) {
			strcpy(out, e->utf8);
			return 1;
		}
		/* A name no browser knows is shown as written; of letters
		 * only, it stands between the characters of a value as a
		 * mark does (张&x;海涛): read as nothing, a zero-width
		 * space.  With digits, it is text (&x13800005362;). */
		if (strpbrk(name, "0123456789") == NULL) {
			strcpy(out, "\xe2\x80\x8b");
			return 1;
		}
	}
	/* Without a semicolon: the longest legacy name it begins with
	 * (&shy0000..., whatever follows). */
	for (n = k - 1 < 8 ? k - 1 : 8; n >= 2; n--) {
		memcpy(name, s + 1, n);
		name[n] = '\0';
		if ((e = bsearch(name, named, sizeof(named) /
		    sizeof(named[0]), sizeof(named[0]), namedcmp)) != NULL &&
		    e->legacy) {
			*len = n + 1;
			strcpy(out, e->utf8);
			return 1;
		}
	}
	return 0;
}

/* The one code point of the character reference at s; 0 if there is
 * none, or if it stands for more than one (a few symbols of
 * mathematics). */
static uint32_t
charref(const char *s, size_t avail, size_t *len)
{
	char		 out[16];
	uint32_t	 c;
	size_t		 w;

	if (!fold_charref(s, avail, len, out) || out[0] == '\0')
		return 0;
	c = utf8_get(out, strlen(out), 0, &w);
	return out[w] == '\0' ? c : 0;
}

/* The byte %XX at s (of avail bytes), or -1. */
static int
pctbyte(const char *s, size_t avail)
{
	int	 hi, lo;

	if (avail < 3 || s[0] != '%' || (hi = hexval(s[1])) < 0 ||
	    (lo = hexval(s[2])) < 0)
		return -1;
	return hi * 16 + lo;
}

/* The bytes of the UTF-8 sequence that byte b begins, or 0. */
static size_t
u8len(int b)
{
	if (b < 0x80)
		return 1;
	if (b >= 0xc2 && b <= 0xdf)
		return 2;
	if (b >= 0xe0 && b <= 0xef)
		return 3;
	if (b >= 0xf0 && b <= 0xf4)
		return 4;
	return 0;
}

/* A character written as %XX (one to four of them, as UTF-8). */
static uint32_t
pctchar(const char *s, size_t avail, size_t *len)
{
	unsigned char	 b[4];
	size_t		 n, k, need;
	int		 v;
	uint32_t	 c;

	for (n = 0; n < 4 && (v = pctbyte(s + 3 * n, avail - 3 * n)) >= 0;
	    n++)
		b[n] = (unsigned char)v;
	if (n == 0 || (need = u8len(b[0])) == 0 || n < need)
		return 0;
	c = need == 1 ? b[0] : b[0] & (0x7f >> need);
	for (k = 1; k < need; k++) {
		if ((b[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (b[k] & 0x3f);
	}
	*len = 3 * need;
	return c;
}

/*
 * GBK, GB 18030's characters of two bytes, as iconv reads them: many
 * Chinese sites percent-encode their addresses so (%D5%C5 for 张).  Made
 * when a text first holds percent-encoding that UTF-8 cannot read.
 */
#define GBK_TRAILS	191		/* 0x40 to 0xfe */
/* [(lead - 0x81) * GBK_TRAILS + trail - 0x40], 0: none */
static uint16_t		*gbk;
static pthread_once_t	 gbkonce = PTHREAD_ONCE_INIT;

static void
gbkinit(void)
{
	iconv_t		 cd;
	char		 in[2], outb[8], *ip, *op;
	size_t		 il, ol;
	uint32_t	 c;
	int		 lead, trail;

	gbk = xcalloc(126 * GBK_TRAILS, sizeof(*gbk));
	if ((cd = iconv_open("UTF-32LE", "GB18030")) == (iconv_t)-1)
		return;
	for (lead = 0x81; lead <= 0xfe; lead++)
		for (trail = 0x40; trail <= 0xfe; trail++) {
			if (trail == 0x7f)
				continue;
			in[0] = (char)lead;
			in[1] = (char)trail;
			ip = in;
			il = 2;
			op = outb;
			ol = sizeof(outb);
			if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 &&
			    il == 0 && ol == sizeof(outb) - 4) {
				c = (uint32_t)(unsigned char)outb[0] |
				    (uint32_t)(unsigned char)outb[1] << 8 |
				    (uint32_t)(unsigned char)outb[2] << 16 |
				    (uint32_t)(unsigned char)outb[3] << 24;
				/* Not the private use area, which a
				 * reader reads as nothing. */
				if (c >= 0x80 && c < 0x10000 &&
				    (c < 0xe000 || c > 0xf8ff))
					gbk[(lead - 0x81) * GBK_TRAILS +
					    trail - 0x40] = (uint16_t)c;
			}
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	iconv_close(cd);
}

static uint32_t
gbkof(int lead, int trail)
{
	if (lead < 0x81 || lead > 0xfe || trail < 0x40 || trail > 0xfe)
		return 0;
	pthread_once(&gbkonce, gbkinit);
	return gbk[(lead - 0x81) * GBK_TRAILS + trail - 0x40];
}

/*
 * Whether the percent-encoding that starts at s (of avail bytes) is GBK:
 * its bytes do not read as UTF-8, and each beyond ASCII reads with the
 * next as a character of GBK, that next byte encoded or written out
 * (%81A).  *len is what the run of it spans of s, GBK or not, so that it
 * is read the one way throughout.
 */
int
fold_pctgbk(const char *s, size_t avail, size_t *len)
{
	size_t	 i, w, need = 0;
	int	 b, lead = -1, utf8 = 1, wide = 0;

	/* As UTF-8: the bytes encoded. */
	for (i = 0; (b = pctbyte(s + i, avail - i)) >= 0; i += 3) {
		if (b >= 0x80)
			wide = 1;
		if (need > 0) {
			if ((b & 0xc0) == 0x80)
				need--;
			else
				utf8 = 0, need = 0;
		} else if (u8len(b) == 0)
			utf8 = 0;
		else
			need = u8len(b) - 1;
	}
	*len = i;
	if (!wide || (utf8 && need == 0))
		return 0;
	/* As GBK: each byte beyond ASCII with the next. */
	for (i = 0;; i += w) {
		if ((b = pctbyte(s + i, avail - i)) >= 0)
			w = 3;
		else if (lead >= 0 && i < avail && s[i] >= 0x40 &&
		    s[i] < 0x7f) {
			b = (unsigned char)s[i];
			w = 1;
		} else
			break;
		if (lead >= 0) {
			if (gbkof(lead, b) == 0)
				return 0;
			lead = -1;
		} else if (b >= 0x81 && b <= 0xfe)
			lead = b;
		else if (b >= 0x80)
			return 0;
	}
	if (lead >= 0)
		return 0;
	*len = i;
	return 1;
}

/*
 * The character of GBK at s, in a run that fold_pctgbk read as GBK: a
 * percent-encoded byte beyond ASCII and the next, encoded or written out;
 * *len its bytes.  0 where there is none (a byte of ASCII).
 */
uint32_t
fold_gbkat(const char *s, size_t avail, size_t *len)
{
	int	 lead, trail;

	if ((lead = pctbyte(s, avail)) < 0x81)
		return 0;
	if ((trail = pctbyte(s + 3, avail - 3)) >= 0)
		*len = 6;
	else if (avail > 3 && s[3] >= 0x40 && s[3] < 0x7f) {
		trail = (unsigned char)s[3];
		*len = 4;
	} else
		return 0;
	return gbkof(lead, trail);
}

/* A character written as \uXXXX. */
static uint32_t
uescape(const char *s, size_t avail, size_t *len)
{
	uint32_t	 c = 0;
	size_t		 k;
	int		 d;

	if (avail < 6 || s[0] != '\\' || s[1] != 'u')
		return 0;
	for (k = 2; k < 6; k++) {
		if ((d = hexval(s[k])) < 0)
			return 0;
		c = c * 16 + (uint32_t)d;
	}
	*len = 6;
	return c >= 0xd800 && c < 0xe000 ? 0 : c;
}

static void
grow(struct ftext *t, size_t need)
{
	if (t->n + need <= t->cap)
		return;
	t->cap = t->cap == 0 ? 256 : t->cap;
	while (t->cap < t->n + need)
		t->cap *= 2;
	t->cp = xreallocarray(t->cp, t->cap, sizeof(*t->cp));
	t->from = xreallocarray(t->from, t->cap, sizeof(*t->from));
	t->to = xreallocarray(t->to, t->cap, sizeof(*t->to));
	t->gap = xreallocarray(t->gap, t->cap, 1);
}

/*
 * Whether c is a number in a circle (①, ⑳, ㉑), by its decomposition:
 * next to digits that are not, it numbers the items of a list
 * (①13800138101②13900139102), so it is parted from them by a space;
 * digits all in circles read as one number.
 */
static int
circled(uint32_t c)
{
	return c >= 0x2460 && utf8proc_get_property((utf8proc_int32_t)c)->
	    decomp_type == UTF8PROC_DECOMP_TYPE_CIRCLE;
}

/* Before the digit d that c folds to: a space where a number in a circle
 * meets a plain digit (*last: whether the digit before was circled). */
static inline void
circlegap(const struct ftext *t, uint32_t c, uint32_t d, int *last,
    int *pending)
{
	int	 circ;

	if (d - '0' >= 10)
		return;
	circ = circled(c);
	if (circ != *last && t->n > 0 && t->cp[t->n - 1] - '0' < 10 &&
	    *pending == 0)
		*pending = 1;
	*last = circ;
}

/*
 * Fold len bytes of s into t (its arrays are reused).  With FOLD_DECODE,
 * a character reference, percent-encoding or \u escape that stands for a
 * character beyond ASCII is read as that character; one that stands for
 * ASCII stays as written, so that "%13" never hides the digits of a
 * number.  Invalid UTF-8 reads as U+FFFD.  With FOLD_NOPOS, t->from and
 * t->to are left out (a reader that needs no place in the source).
 */
void
ftext_fold(struct ftext *t, const char *s, size_t len, int flags)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t	 o[FOLD_MAX], c, e;
	size_t		 i = 0, w, k, n, l, gend = 0;
	int		 gap, pending = 0, pos = !(flags & FOLD_NOPOS);
	int		 isgbk = 0, lastcirc = 0;

	pthread_once(&once, init);
	t->n = 0;
	grow(t, len + 1);
	while (i < len) {
		/* ASCII that needs no decoding, and well-formed sequences of
		 * two or three bytes, read here; anything else by utf8_get,
		 * which reads them alike. */
		if (u[i] < 0x80 && (!(flags & FOLD_DECODE) ||
		    (u[i] != '&' && u[i] != '%' && u[i] != '\\'))) {
			c = u[i];
			w = 1;
		} else if (u[i] >= 0xe0 && u[i] <= 0xef && i + 2 < len &&
		    (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80) {
			c = (uint32_t)(u[i] & 0x0f) << 12 |
			    (uint32_t)(u[i + 1] & 0x3f) << 6 | (u[i + 2] & 0x3f);
			w = 3;
		} else if (u[i] >= 0xc2 && u[i] <= 0xdf && i + 1 < len &&
		    (u[i + 1] & 0xc0) == 0x80) {
			c = (uint32_t)(u[i] & 0x1f) << 6 | (u[i + 1] & 0x3f);
			w = 2;
		} else {
			c = utf8_get(s, len, i, &w);
			if (flags & FOLD_DECODE) {
				l = 0;
				k = 0;
				if (s[i] == '&')
					k = charref(s + i, len - i, &l);
				else if (s[i] == '%') {
					/* A run of it is read as UTF-8 or,
					 * where that cannot be, as GBK. */
					if (i >= gend) {
						isgbk = fold_pctgbk(s + i,
						    len - i, &l);
						gend = i + (l > 0 ? l : 1);
					}
					if (!isgbk || (k = fold_gbkat(s + i,
					    gend - i, &l)) == 0)
						k = pctchar(s + i, len - i,
						    &l);
				}
				else if (s[i] == '\\')
					k = uescape(s + i, len - i, &l);
				if (k >= 0x80) {
					c = (uint32_t)k;
					w = l;
				}
			}
		}
		/* Most characters fold to one. */
		if (c < 0x10000 && (e = bmp[c]) < 0x110000) {
			circlegap(t, c, e, &lastcirc, &pending);
			if (t->n == t->cap)
				grow(t, 1);
			t->cp[t->n] = e;
			if (pos) {
				t->from[t->n] = (uint32_t)i;
				t->to[t->n] = (uint32_t)(i + w);
			}
			t->gap[t->n] = (unsigned char)pending;
			t->n++;
			pending = 0;
			i += w;
			continue;
		}
		n = fold1(c, o, &gap);
		if (gap && pending != FOLD_LINE)
			pending = c == '\n' ? FOLD_LINE : 1;
		if (n > 0) {
			grow(t, n);
			circlegap(t, c, o[0], &lastcirc, &pending);
			for (k = 0; k < n; k++) {
				t->cp[t->n] = o[k];
				if (pos) {
					t->from[t->n] = (uint32_t)i;
					t->to[t->n] = (uint32_t)(i + w);
				}
				t->gap[t->n] = k == 0 ?
				    (unsigned char)pending : 0;
				t->n++;
			}
			pending = 0;
		}
		i += w;
	}
}

void
ftext_free(struct ftext *t)
{
	free(t->cp);
	free(t->from);
	free(t->to);
	free(t->gap);
	memset(t, 0, sizeof(*t));
}

/*
 * Interpuncts, which a name may carry between its parts or not at all
 * (阿不都·热合曼, 阿不都•热合曼, 阿不都・热合曼, 阿不都.热合曼, 阿不都热合曼),
 * as they read after folding.
 */
int
fold_interpunct(uint32_t c)
{
	return c == '.' || c == 0xb7 || c == 0x2022 || c == 0x2027 ||
	    c == 0x2219 || c == 0x22c5 || c == 0x2e31 || c == 0x30fb ||
	    c == 0x2024 || c == 0x16eb || c == 0x387;
}

static int
islatin(uint32_t c)
{
	c |= 0x20;
	return c >= 'a' && c <= 'z';
}

/*
 * Whether cp[i] (of n) is what a name in Latin letters is read without:
 * a combining mark over a Latin letter (the tone of zhāng, the diaeresis
 * of lü, as the fold decomposes them), or a hyphen or an underscore
 * between two Latin letters (Hai-tao, zhang_haitao of a handle or a
 * file's name).
 */
int
fold_latinskip(const uint32_t *cp, size_t n, size_t i)
{
	if (cp[i] == '-' || cp[i] == '_')
		return i > 0 && i + 1 < n && islatin(cp[i - 1]) &&
		    islatin(cp[i + 1]);
	if (cp[i] < 0x300 || cp[i] > 0x36f)
		return 0;
	while (i > 0 && cp[i - 1] >= 0x300 && cp[i - 1] <= 0x36f)
		i--;
	return i > 0 && islatin(cp[i - 1]);
}

/*
 * Whether the folded code point may join two parts of a name (see
 * isjoin_cat); interpuncts are among them.
 */
int
fold_namejoin(uint32_t c)
{
	if (c >= 0x10000)
		return 0;
	pthread_once(&once, init);
	return (joins[c >> 3] >> (c & 7)) & 1;
}

/*
 * Whether a character between two Han characters reads as a blot on one
 * word rather than as a break between two: a symbol (= $ ^ ■ ★ ×), a
 * modifier letter drawn as a mark (ˉ ー), or punctuation other than that
 * which ends a clause or a phrase or quotes one (# @ & % ※, not ， 。 、
 * ： ； ！ ？ … ' ").
 */
static int
isblot(uint32_t c)
{
	static const uint32_t parts[] = {
		'!', '"', '\'', ',', '.', ':', ';', '?', 0xa1, 0xbf, 0x2025,
		0x2026, 0x203c, 0x2047, 0x2048, 0x2049, 0x3001, 0x3002, 0xff61,
		0xff64
	};
	size_t	 i;

	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_SM:
	case UTF8PROC_CATEGORY_SC:
	case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO:
		return 1;
	case UTF8PROC_CATEGORY_LM:
		return c >= 0x80;
	case UTF8PROC_CATEGORY_PO:
		for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
			if (c == parts[i])
				return 0;
		return 1;
	default:
		return 0;
	}
}

/* Whether a code point opens (1) or closes (-1) a bracket or a quote;
 * else 0. */
static int
bracket(uint32_t c)
{
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PI:
		return 1;
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PF:
		return -1;
	default:
		return 0;
	}
}

/*
 * The end of the brackets at cp[i] that close one to three Han characters
 * before it, open as many after it, or both (唐（建）华, 「唐」「建」「华」,
 * 唐【建华】); i when they do not.
 */
static size_t
bracketrun(const uint32_t *cp, size_t n, size_t i)
{
	size_t	 j = i, k;

	if (bracket(cp[j]) < 0) {
		for (k = j; k > 0 && j - k < 3 && fold_ishan(cp[k - 1]); k--)
			continue;
		if (k == j || k == 0 || bracket(cp[k - 1]) <= 0)
			return i;
		j++;
	}
	if (j < n && bracket(cp[j]) > 0) {
		for (k = j + 1; k < n && k - j <= 3 && fold_ishan(cp[k]); k++)
			continue;
		if (k == j + 1 || k >= n || bracket(cp[k]) >= 0)
			return i;
		j++;
	}
	return j;
}

/*
 * Whether a Chinese character is drawn as a single stroke or dot (丨, 丶,
 * 丿, 乛, 亅): a radical that stands in no name or word of its own, and
 * that a keyboard gives where a mark was meant.
 */
int
fold_drawnmark(uint32_t c)
{
	return c == 0x4e28 || c == 0x4e36 || c == 0x4e3f || c == 0x4e5b ||
	    c == 0x4e85;
}

/*
 * The end of the run of joiners at cp[i] (at most three), when it stands
 * between two Han characters: the parts of one name as a reader reads
 * them (欧阳-明, 钟 / 岚, 端木ꞏ晓峰); i when it does not.
 */
size_t
fold_joinrun(const uint32_t *cp, size_t n, size_t i)
{
	size_t	 j;

	/* No Han character joins (but one drawn as a mark), nor a letter
	 * or a digit of ASCII: most of a text is passed over so. */
	if (i == 0 || (((cp[i] >= 0x3400 && cp[i] < 0x4dc0) ||
	    (cp[i] >= 0x4e00 && cp[i] < 0xa000)) && !fold_drawnmark(cp[i])) ||
	    (cp[i] < 0x80 && fold_isalnum(cp[i])) ||
	    !fold_ishan(cp[i - 1]))
		return i;
	/* Up to three joiners or blots, mixed or not (唐-#建华, 唐##建华). */
	if (fold_namejoin(cp[i]) || isblot(cp[i])) {
		for (j = i; j < n && j < i + 3 && (fold_namejoin(cp[j]) ||
		    isblot(cp[j])); j++)
			continue;
		if (j < n && fold_ishan(cp[j]))
			return j;
		if (fold_namejoin(cp[i]))
			return i;
	}
	/* Or a Chinese character drawn as a stroke or a dot, which no
	 * name holds and a reader takes for a mark (唐丨建华, 唐丶建丶华). */
	if (fold_drawnmark(cp[i]) && !fold_drawnmark(cp[i - 1]) &&
	    i + 1 < n && fold_ishan(cp[i + 1]) && !fold_drawnmark(cp[i + 1]))
		return i + 1;
	/* Or brackets around a part of a name (唐（建）华, 「唐」「建」「华」). */
	if (bracket(cp[i]) != 0 && (j = bracketrun(cp, n, i)) > i &&
	    j < n && fold_ishan(cp[j]))
		return j;
	/* Or any one mark (or a letter drawn as one: ー), the same one
	 * between each two characters, as a reader reads 王，建，国 or
	 * 王#建#国 (a comma between two characters only parts two words). */
	if (i + 1 >= n || !fold_ishan(cp[i + 1]) || cp[i] <= 0x20 ||
	    (fold_isalnum(cp[i]) && !fold_ismodifier(cp[i])))
		return i;
	if ((i + 3 < n && cp[i + 2] == cp[i] && fold_ishan(cp[i + 3])) ||
	    (i >= 3 && cp[i - 2] == cp[i] && fold_ishan(cp[i - 3])))
		return i + 1;
	/* A blot alone is read through too (杨#晓燕, 唐■建华). */
	return isblot(cp[i]) ? i + 1 : i;
}

/*
 * The folded form of a string as UTF-8, without gaps (the key of a
 * value to look for); with FOLD_NAME, without interpuncts either.  The
 * caller frees it; its length in *outlen.
 */
char *
fold_key(const char *s, size_t len, int flags, size_t *outlen)
{
	struct ftext	 t;
	struct buf	 b;
	size_t		 i;
	char		 enc[4];

	memset(&t, 0, sizeof(t));
	memset(&b, 0, sizeof(b));
	ftext_fold(&t, s, len, flags & FOLD_DECODE);
	for (i = 0; i < t.n; i++) {
		if ((flags & FOLD_NAME) && fold_interpunct(t.cp[i]))
			continue;
		buf_put(&b, enc, (size_t)(utf8_put(enc, t.cp[i]) - enc));
	}
	ftext_free(&t);
	buf_putc(&b, '\0');
	*outlen = b.len - 1;
	return buf_take(&b);
}

/*
 * Whether a folded code point is a wide letter: a Han character (or a
 * letter of another East Asian script), by utf8proc's category and width.
 */
int
fold_ishan(uint32_t c)
{
	if (c < 0x80)
		return 0;
	if (c >= 0x10000)
		return ishan_cat(c);
	pthread_once(&once, init);
	return (hans[c >> 3] >> (c & 7)) & 1;
}

/*
 * Whether a code point is a modifier letter (ー, ˉ, ˇ): a letter by its
 * category, though drawn as a mark and read as one between characters.
 */
int
fold_ismodifier(uint32_t c)
{
	return c >= 0x80 && utf8proc_category((utf8proc_int32_t)c) ==
	    UTF8PROC_CATEGORY_LM;
}

/*
 * Whether a folded code point right before or after a name in Latin
 * letters makes it part of a longer word: a letter or a digit that is
 * not wide.  Chinese sets a Latin word between Han characters without
 * spaces (记者Zhang Haitao报道), so a Han character, or one of another
 * wide script, ends the word as a space would.
 */
int
fold_joinslatin(uint32_t c)
{
	return fold_isalnum(c) && (c < 0x80 ||
	    utf8proc_charwidth((utf8proc_int32_t)c) != 2);
}

/* Whether a folded code point beyond ASCII is a letter or a digit of
 * any script (fold_isalnum in extern.h reads ASCII). */
int
fold_isalnum_wide(uint32_t c)
{
	if (c >= 0x10000)
		return isalnum_cat(c);
	pthread_once(&once, init);
	return (alnum[c >> 3] >> (c & 7)) & 1;
}

/*
 * Small lexicons of folded text, looked up fast: a list of words (each
 * found at a position, or ending at one) and a set of characters of the
 * Basic Multilingual Plane.
 */
/* The first (end: last) character of word k of w, not empty. */
static inline uint32_t
wordch(const struct words *w, uint32_t k, int end)
{
	return w->cp[k][end ? w->len[k] - 1 : 0];
}

static int
wordcmp(const void *x, const void *y, void *arg, int end)
{
	uint32_t	 a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	uint32_t	 ca = wordch(arg, a, end), cb = wordch(arg, b, end);

	if (ca != cb)
		return ca < cb ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int
byfirst(const void *x, const void *y, void *arg)
{
	return wordcmp(x, y, arg, 0);
}

static int
bylast(const void *x, const void *y, void *arg)
{
	return wordcmp(x, y, arg, 1);
}

void
words_init(struct words *w, const char *const *list)
{
	size_t	 i, k, len, pos, l;
	uint32_t c;

	memset(w, 0, sizeof(*w));
	for (w->n = 0; list[w->n] != NULL; w->n++)
		continue;
	w->cp = xcalloc(w->n + 1, sizeof(*w->cp));
	w->len = xcalloc(w->n + 1, sizeof(*w->len));
	for (i = 0; i < w->n; i++) {
		len = strlen(list[i]);
		w->cp[i] = xcalloc(len + 1, sizeof(uint32_t));
		for (pos = 0, k = 0; pos < len; pos += l)
			w->cp[i][k++] = utf8_get(list[i], len, pos, &l);
		w->len[i] = k;
		if (k == 0)
			continue;
		c = w->cp[i][0];
		if (c < 0x10000)
			w->first[c >> 3] |= (unsigned char)(1u << (c & 7));
		c = w->cp[i][k - 1];
		if (c < 0x10000)
			w->last[c >> 3] |= (unsigned char)(1u << (c & 7));
	}
	w->byfirst = xcalloc(w->n + 1, sizeof(*w->byfirst));
	w->bylast = xcalloc(w->n + 1, sizeof(*w->bylast));
	for (i = 0; i < w->n; i++)
		if (w->len[i] > 0) {
			w->byfirst[w->nby] = (uint32_t)i;
			w->bylast[w->nby++] = (uint32_t)i;
		}
	qsort_r(w->byfirst, w->nby, sizeof(*w->byfirst), byfirst, w);
	qsort_r(w->bylast, w->nby, sizeof(*w->bylast), bylast, w);
}

/* The first of the words of v (an order of w's, nby long, by the
 * character at end or start) whose character there is c or above. */
static size_t
wordsfrom(const struct words *w, const uint32_t *v, int end, uint32_t c)
{
	size_t	 lo = 0, hi = w->nby, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (wordch(w, v[mid], end) < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The index of the longest word of w at cp[i], its length in *len;
 * -1 when none starts there. */
long
words_at(const struct words *w, const uint32_t *cp, size_t n, size_t i,
    size_t *len)
{
	size_t	 k, j, o, best = 0;
	long	 hit = -1;
	uint32_t c;

	if (i >= n || (c = cp[i]) >= 0x10000 ||
	    !((w->first[c >> 3] >> (c & 7)) & 1))
		return -1;
	/* The words that begin with c, in the order listed. */
	for (o = wordsfrom(w, w->byfirst, 0, c); o < w->nby &&
	    wordch(w, (uint32_t)(k = w->byfirst[o]), 0) == c; o++) {
		if (w->len[k] > n - i || w->len[k] <= best)
			continue;
		for (j = 0; j < w->len[k] && cp[i + j] == w->cp[k][j]; j++)
			continue;
		if (j == w->len[k]) {
			best = j;
			hit = (long)k;
		}
	}
	if (len != NULL)
		*len = best;
	return hit;
}

/* The index of a word of w that ends just before cp[i], or -1. */
long
words_before(const struct words *w, const uint32_t *cp, size_t i)
{
	size_t	 k, j, o;
	uint32_t c;

	if (i == 0 || (c = cp[i - 1]) >= 0x10000 ||
	    !((w->last[c >> 3] >> (c & 7)) & 1))
		return -1;
	/* The words that end with c, in the order listed. */
	for (o = wordsfrom(w, w->bylast, 1, c); o < w->nby &&
	    wordch(w, (uint32_t)(k = w->bylast[o]), 1) == c; o++) {
		if (w->len[k] > i)
			continue;
		for (j = 0; j < w->len[k] &&
		    cp[i - w->len[k] + j] == w->cp[k][j]; j++)
			continue;
		if (j == w->len[k])
			return (long)k;
	}
	return -1;
}

void
cset_init(struct cset *s, const char *utf8)
{
	size_t	 i = 0, len = strlen(utf8), l;
	uint32_t c;

	memset(s, 0, sizeof(*s));
	while (i < len) {
		c = utf8_get(utf8, len, i, &l);
		if (c < 0x10000)
			s->bits[c >> 3] |= (unsigned char)(1u << (c & 7));
		i += l;
	}
}
