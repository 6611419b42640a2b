/*
 * Detectors of personal data in free text: resident identity numbers
 * (18 characters, ISO 7064 MOD 11-2 check character, a real birth date),
 * mobile numbers (with +86, spaces, dashes), landlines (with an area
 * code), e-mail addresses, bank card numbers (Luhn) and unified social
 * credit codes (GB 32100 check character).  A detector that has a
 * checksum never fires on a number that fails it, so dates, case numbers
 * and amounts stay readable.
 *
 * Text is scanned as an array of code points folded by text_fold():
 * full-width forms read as ASCII, ideographic space as space, ASCII
 * letters in lower case; so "１３８ 1234 5678" is found as a number.
 */
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

/* Fold a code point for matching: what a reader would read as equal. */
uint32_t
text_fold(uint32_t c)
{
	if (c >= 0xff01 && c <= 0xff5e)
		c -= 0xfee0;
	else if (c == 0x3000 || c == 0xa0 || c == 0x2009 || c == 0x2002 ||
	    c == 0x2003 || c == 0x202f)
		c = ' ';
	else if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 ||
	    c == 0x2212 || c == 0xfe63)
		c = '-';
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c;
}

/*
 * Whitespace, and the invisible characters that a reader does not see:
 * zero-width spaces and joiners, word joiner, byte-order mark, soft
 * hyphen.  Matching skips them between the characters of a value.
 */
int
text_isspace(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v' || c == 0x200b || c == 0x200c ||
	    c == 0x200d || c == 0x2060 || c == 0xfeff || c == 0xad;
}

/*
 * Decode UTF-8 into folded code points with the byte offset of each;
 * off has n + 1 entries (the last is len).  Invalid bytes read as
 * U+FFFD.  The caller frees both arrays.
 */
size_t
text_decode(const char *s, size_t len, uint32_t **cpp, size_t **offp)
{
	uint32_t	*cp;
	size_t		*off, i = 0, n = 0, w;

	cp = xcalloc(len + 1, sizeof(*cp));
	off = xcalloc(len + 1, sizeof(*off));
	while (i < len) {
		off[n] = i;
		cp[n++] = text_fold(utf8_get(s, len, i, &w));
		i += w;
	}
	off[n] = len;
	*cpp = cp;
	*offp = off;
	return n;
}

/* The code point of a character reference "&#…;", "&#x…;", or a few
 * named ones, at s; its length in *len.  0 if there is none. */
static uint32_t
charref(const char *s, size_t avail, size_t *len)
{
	static const struct { const char *name; uint32_t c; } named[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&apos;", '\'' }, { "&nbsp;", 0xa0 },
		{ NULL, 0 }
	};
	size_t		 k, i;
	uint32_t	 v = 0;
	int		 hex, d;

	if (avail < 3 || s[0] != '&')
		return 0;
	if (s[1] != '#') {
		for (i = 0; named[i].name != NULL; i++)
			if (avail >= strlen(named[i].name) && strncmp(s,
			    named[i].name, strlen(named[i].name)) == 0) {
				*len = strlen(named[i].name);
				return named[i].c;
			}
		return 0;
	}
	hex = s[2] == 'x' || s[2] == 'X';
	for (k = hex ? 3 : 2; k < avail && k < 12; k++) {
		d = hex ? hexval(s[k]) : (s[k] >= '0' && s[k] <= '9' ?
		    s[k] - '0' : -1);
		if (d < 0)
			break;
		v = v * (hex ? 16 : 10) + (uint32_t)d;
	}
	if (k == (hex ? 3u : 2u) || v == 0 || v > 0x10ffff)
		return 0;
	*len = k < avail && s[k] == ';' ? k + 1 : k;
	return v;
}

/* A character written as %XX (one to four of them, as UTF-8). */
static uint32_t
pctchar(const char *s, size_t avail, size_t *len)
{
	unsigned char	 b[4];
	size_t		 n, k, need;
	int		 hi, lo;
	uint32_t	 c;

	for (n = 0; n < 4 && 3 * n + 2 < avail + 0 && s[3 * n] == '%' &&
	    (hi = hexval(s[3 * n + 1])) >= 0 &&
	    (lo = hexval(s[3 * n + 2])) >= 0; n++)
		b[n] = (unsigned char)(hi * 16 + lo);
	if (n == 0)
		return 0;
	if (b[0] < 0x80)
		need = 1, c = b[0];
	else if (b[0] >= 0xc2 && b[0] <= 0xdf)
		need = 2, c = b[0] & 0x1f;
	else if (b[0] >= 0xe0 && b[0] <= 0xef)
		need = 3, c = b[0] & 0x0f;
	else if (b[0] >= 0xf0 && b[0] <= 0xf4)
		need = 4, c = b[0] & 0x07;
	else
		return 0;
	if (n < need)
		return 0;
	for (k = 1; k < need; k++) {
		if ((b[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (b[k] & 0x3f);
	}
	*len = 3 * need;
	return c == 0 ? 0 : c;
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
	return c == 0 || (c >= 0xd800 && c < 0xe000) ? 0 : c;
}

/*
 * Like text_decode, and read as a reader could decode what is written:
 * a character reference (&#29579;), percent-encoding (%E7%8E%8B) or a
 * \u escape stands for its character, which spans the bytes of the
 * whole sequence, when that character is not ASCII.  Redaction matches on this view, so that a value
 * written in any of these forms is found and replaced.
 */
size_t
text_decode_view(const char *s, size_t len, uint32_t **cpp, size_t **offp)
{
	uint32_t	*cp, c;
	size_t		*off, *o1, n, i, k = 0, l, b;

	n = text_decode(s, len, &cp, &o1);
	off = xcalloc(n + 1, sizeof(*off));
	for (i = 0; i < n; i++) {
		b = o1[i];
		l = 0;
		c = 0;
		if (s[b] == '&')
			c = charref(s + b, len - b, &l);
		else if (s[b] == '%')
			c = pctchar(s + b, len - b, &l);
		else if (s[b] == '\\')
			c = uescape(s + b, len - b, &l);
		off[k] = b;
		/* Only what could not be written plainly: a sequence that
		 * stands for ASCII is left as written, so that "%13" never
		 * hides the digits of 13812345678. */
		if (c >= 0x80) {
			cp[k++] = text_fold(c);
			/* Skip the characters the sequence spans. */
			while (i + 1 < n && o1[i + 1] < b + l)
				i++;
		} else
			cp[k++] = cp[i];
	}
	off[k] = len;
	free(o1);
	*cpp = cp;
	*offp = off;
	return k;
}

static int
isdig(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static int
isalnum_(uint32_t c)
{
	return isdig(c) || (c >= 'a' && c <= 'z');
}

/* Whether an 18-character identity number (digits, X last) is valid. */
int
detect_id(const char *s)
{
	static const int w[17] =
	    { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	struct date	 d;
	char		 date[11];
	int		 i, sum = 0;

	if (strlen(s) != 18)
		return 0;
	for (i = 0; i < 17; i++) {
		if (!isdig((unsigned char)s[i]))
			return 0;
		sum += (s[i] - '0') * w[i];
	}
	if (s[0] == '0')
		return 0;
	/* Characters 7 to 14 are the date of birth. */
	snprintf(date, sizeof(date), "%.4s-%.2s-%.2s", s + 6, s + 10, s + 12);
	if (!date_parse(date, &d) || d.y > 2100)
		return 0;
	return (s[17] == 'X' || s[17] == 'x' ? 'X' : s[17]) ==
	    check[sum % 11];
}

/* The Luhn check of a string of digits. */
int
detect_luhn(const char *s)
{
	size_t	 n = strlen(s), i;
	int	 sum = 0, d, dbl = 0;

	if (n == 0)
		return 0;
	for (i = n; i > 0; i--) {
		if (!isdig((unsigned char)s[i - 1]))
			return 0;
		d = s[i - 1] - '0';
		if (dbl && (d *= 2) > 9)
			d -= 9;
		sum += d;
		dbl = !dbl;
	}
	return sum % 10 == 0;
}

/* Whether an 18-character unified social credit code is valid. */
int
detect_uscc(const char *s)
{
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25,
	    13, 8, 24, 10, 30, 28 };
	const char	*p;
	int		 i, sum = 0, v[18], c;

	if (strlen(s) != 18)
		return 0;
	for (i = 0; i < 18; i++) {
		c = s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 'A' : s[i];
		if (c == '\0' || (p = strchr(cs, c)) == NULL)
			return 0;
		v[i] = (int)(p - cs);
	}
	/* Registration authority and type: a digit or letter, not 0. */
	if (v[0] == 0 || v[1] == 0)
		return 0;
	for (i = 0; i < 17; i++)
		sum += v[i] * w[i];
	return v[17] == (31 - sum % 31) % 31;
}

static void
addhit(struct hits *h, size_t start, size_t end, enum detkind kind)
{
	size_t	 i;

	for (i = 0; i < h->n; i++)
		if (start < h->v[i].end && end > h->v[i].start)
			return;		/* already covered */
	h->v = xreallocarray(h->v, h->n + 1, sizeof(*h->v));
	h->v[h->n].start = start;
	h->v[h->n].end = end;
	h->v[h->n++].kind = kind;
}

/* A run of digits in a number written with separators. */
struct group {
	size_t	 start;		/* index of its first character */
	size_t	 end;		/* index after its last */
	int	 paren;		/* written in parentheses: an area code */
	uint32_t sep;		/* the separator before it, or 0 */
};

#define MAXGROUPS 12

/* Whether c is seen: whitespace is, zero-width characters are not. */
static int
visible(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * The separator between two groups of a number at j: whitespace (at most
 * three visible characters; a line break or a zero-width space reads as
 * nothing), or one dash with whitespace around it.  Returns the index
 * after it, and in *sep the dash or a space.
 */
static size_t
separator(const uint32_t *cp, size_t n, size_t j, uint32_t *sep)
{
	size_t	 seen = 0;

	*sep = ' ';
	while (j < n && text_isspace(cp[j]) && seen <= 3)
		seen += visible(cp[j++]);
	if (j < n && cp[j] == '-') {
		*sep = '-';
		j++;
		while (j < n && text_isspace(cp[j]) && seen <= 3)
			seen += visible(cp[j++]);
	}
	return seen > 3 ? 0 : j;
}

/*
 * Split the number at i into groups of digits joined by one space or
 * dash (or an area code in parentheses); a final x belongs to an
 * identity number.  Returns the number of groups, 0 if the token runs
 * on into letters.
 */
static size_t
groups(const uint32_t *cp, size_t n, size_t i, struct group *g)
{
	size_t	 k = 0, j = i, k2;
	int	 paren;
	uint32_t sep = 0;

	while (j < n && k < MAXGROUPS) {
		paren = 0;
		if (cp[j] == '(') {
			if (j + 1 >= n || !isdig(cp[j + 1]))
				break;
			paren = 1;
			j++;
		}
		if (!isdig(cp[j]))
			break;
		g[k].start = j;
		while (j < n && isdig(cp[j]))
			j++;
		if (j < n && cp[j] == 'x')
			j++;
		g[k].end = j;
		g[k].sep = sep;
		g[k++].paren = paren;
		if (paren) {
			if (j >= n || cp[j] != ')')
				return 0;
			j++;
			sep = ')';
			if (j < n && cp[j] == ' ')
				j++;
			continue;
		}
		if ((k2 = separator(cp, n, j, &sep)) > j && k2 < n &&
		    (isdig(cp[k2]) || cp[k2] == '('))
			j = k2;
		else
			break;
	}
	return k;
}

/* The kind of a number made of groups s..e, or -1. */
static int
classify(const uint32_t *cp, const struct group *g, size_t s, size_t e)
{
	char	 d[64];
	size_t	 k = 0, i, j;
	int	 xpos = -1;

	for (i = s; i <= e; i++)
		for (j = g[i].start; j < g[i].end && k < 60; j++) {
			if (cp[j] == 'x')
				xpos = (int)k;
			d[k++] = cp[j] == 'x' ? 'X' : (char)cp[j];
		}
	d[k] = '\0';
	if (xpos >= 0 && xpos != 17)
		return -1;
	if (k == 18 && detect_id(d))
		return DET_ID;
	if (xpos >= 0)
		return -1;
	if (k >= 16 && k <= 19 && d[0] >= '3' && d[0] <= '6' &&
	    detect_luhn(d))
		return DET_BANKCARD;
	if (g[s].paren == 0 && ((k == 11 && d[0] == '1' && d[1] >= '3' &&
	    d[1] <= '9') || (k == 13 && strncmp(d, "861", 3) == 0 &&
	    d[3] >= '3' && d[3] <= '9') || (k == 15 &&
	    strncmp(d, "00861", 5) == 0 && d[5] >= '3' && d[5] <= '9')))
		return DET_MOBILE;
	/* A landline: an area code 0xx(x), a separator, 7 or 8 digits. */
	if (e == s + 1 && d[0] == '0' && d[1] != '0' &&
	    g[s].end - g[s].start >= 3 && g[s].end - g[s].start <= 4 &&
	    g[e].end - g[e].start >= 7 && g[e].end - g[e].start <= 8)
		return DET_LANDLINE;
	if (e == s + 2 && d[0] == '0' && d[1] != '0' &&
	    g[s].end - g[s].start >= 3 && g[s].end - g[s].start <= 4 &&
	    g[s + 1].end - g[s + 1].start == 4 &&
	    g[e].end - g[e].start == 4)
		return DET_LANDLINE;
	return -1;
}

/*
 * Whether the run of letters and digits around i is a code rather than
 * a number with words around it: longer than 32 (a hash, a token), or
 * hexadecimal with letters and at least 12 long (a digest).  A number
 * touching words (Tel13812345678) is not.
 */
static int
iscode(const uint32_t *cp, size_t n, size_t i)
{
	size_t	 a = i, b = i, k;
	int	 hex = 1, letters = 0;

	while (a > 0 && isalnum_(cp[a - 1]))
		a--;
	while (b < n && isalnum_(cp[b]))
		b++;
	if (b - a > 32)
		return 1;
	for (k = a; k < b; k++)
		if (cp[k] >= 'a' && cp[k] <= 'z') {
			letters = 1;
			if (cp[k] > 'f')
				hex = 0;
		}
	return hex && letters && b - a >= 12;
}

static void
numbers(const uint32_t *cp, size_t n, struct hits *h)
{
	struct group	 g[MAXGROUPS];
	size_t		 i, ng, s, e, best, start;
	int		 kind, bestkind;

	for (i = 0; i < n; i++) {
		if (!isdig(cp[i]) && cp[i] != '(')
			continue;
		/* Letters may touch a number (Tel13812345678); digits and
		 * a decimal point may not, and a long run of letters and
		 * digits is a hash or a code, not a number. */
		if (i > 0 && (isdig(cp[i - 1]) || cp[i - 1] == '.' ||
		    cp[i - 1] == ','))
			goto skip;
		if (iscode(cp, n, i))
			goto skip;
		if ((ng = groups(cp, n, i, g)) == 0)
			goto skip;
		for (s = 0; s < ng; s++) {
			/* Dashes join one number: none starts in its middle. */
			if (g[s].sep == '-')
				continue;
			bestkind = -1;
			best = s;
			for (e = s; e < ng; e++)
				if ((kind = classify(cp, g, s, e)) >= 0) {
					bestkind = kind;
					best = e;
				}
			if (bestkind < 0)
				continue;
			start = g[s].start - (g[s].paren ? 1 : 0);
			if (start > 0 && cp[start - 1] == '+')
				start--;
			addhit(h, start, g[best].end + (g[best].paren ? 1 : 0),
			    (enum detkind)bestkind);
			s = best;
		}
		i = ng > 0 ? g[ng - 1].end : i;
		continue;
skip:
		while (i + 1 < n && isdig(cp[i + 1]))
			i++;
		if (iscode(cp, n, i))
			while (i + 1 < n && isalnum_(cp[i + 1]))
				i++;
	}
}

/* Runs of 18 letters and digits: identity numbers and credit codes. */
static void
codes(const uint32_t *cp, size_t n, struct hits *h)
{
	char	 s[19];
	size_t	 i, j, k;

	for (i = 0; i < n; i = j) {
		if (!isalnum_(cp[i])) {
			j = i + 1;
			continue;
		}
		for (j = i; j < n && isalnum_(cp[j]); j++)
			continue;
		if (j - i != 18)
			continue;
		for (k = 0; k < 18; k++)
			s[k] = (char)cp[i + k];
		s[18] = '\0';
		if (detect_id(s))
			addhit(h, i, j, DET_ID);
		else if (detect_uscc(s))
			addhit(h, i, j, DET_CREDIT);
	}
}

static int
islocal(uint32_t c)
{
	return isalnum_(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
	    c == '-';
}

static int
isdomain(uint32_t c)
{
	return isalnum_(c) || c == '.' || c == '-';
}

static void
emails(const uint32_t *cp, size_t n, struct hits *h)
{
	size_t	 i, a, b, dot, tld;

	for (i = 1; i + 1 < n; i++) {
		if (cp[i] != '@')
			continue;
		for (a = i; a > 0 && islocal(cp[a - 1]); a--)
			continue;
		while (a < i && cp[a] == '.')
			a++;
		for (b = i + 1; b < n && isdomain(cp[b]); b++)
			continue;
		while (b > i + 1 && (cp[b - 1] == '.' || cp[b - 1] == '-'))
			b--;
		if (a == i || b <= i + 1)
			continue;
		for (dot = b; dot > i + 1 && cp[dot - 1] != '.'; dot--)
			continue;
		if (dot == i + 1)
			continue;
		for (tld = dot; tld < b && cp[tld] >= 'a' && cp[tld] <= 'z';
		    tld++)
			continue;
		if (tld != b || b - dot < 2)
			continue;
		addhit(h, a, b, DET_EMAIL);
	}
}

static int
hitcmp(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * Find the personal data in folded text; hits are sorted and never
 * overlap.  The caller frees h->v.
 */
void
detect_scan(const uint32_t *cp, size_t n, struct hits *h)
{
	memset(h, 0, sizeof(*h));
	codes(cp, n, h);
	numbers(cp, n, h);
	emails(cp, n, h);
	if (h->n > 1)
		qsort(h->v, h->n, sizeof(*h->v), hitcmp);
}

const char *
detect_name(enum detkind k)
{
	static const char *const names[] = {
		"identity number", "mobile number", "landline number",
		"e-mail address", "bank card number", "social credit code"
	};

	return names[k];
}

/*
 * Whether two written numbers are the same number: equal once folded,
 * without whitespace, dashes and parentheses, letters in one case.
 */
int
detect_same(const char *a, const char *b)
{
	uint32_t	*x, *y;
	size_t		*ox, *oy, nx, ny, i = 0, j = 0;
	int		 same;

	nx = text_decode_view(a, strlen(a), &x, &ox);
	ny = text_decode_view(b, strlen(b), &y, &oy);
	for (;;) {
		while (i < nx && (text_isspace(x[i]) || x[i] == '-' ||
		    x[i] == '(' || x[i] == ')'))
			i++;
		while (j < ny && (text_isspace(y[j]) || y[j] == '-' ||
		    y[j] == '(' || y[j] == ')'))
			j++;
		if (i == nx || j == ny || x[i] != y[j])
			break;
		i++;
		j++;
	}
	same = i == nx && j == ny;
	free(x);
	free(y);
	free(ox);
	free(oy);
	return same;
}
