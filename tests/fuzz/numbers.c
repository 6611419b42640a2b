/*
 * Fuzz target: the number finder.  The input chooses a valid number (a
 * mobile, an identity number with its check character, a bank card
 * with its Luhn digit, a landline), how it is grouped, what stands
 * between its groups (one or two characters that are not letters or
 * digits, spaces, line breaks, invisible characters; one kind in a
 * number, as people write them), the script of its
 * digits (ASCII, full-width, mathematical, circled, Chinese numerals)
 * and the text around it.  Planted after 手机： and before 。, it must
 * always be found whole as personal data: a planted valid number never
 * survives.
 */
#include "common.h"

/* Separators that may stand between the groups of a number. */
static const char *const seps[] = {
	" ", "-", ".", "/", "_", "|", "—", "～", "·", "•", "\u3000",
	"\u2005", "\u200b", "\n", "\t", " - ", "--", "(", ")", ". ",
	"\u200e", "\ufe0f", "\xef\xbc\x8e", "~", ":", "*", "+", "#",
	"\u30fb", "\u2014\u2014", NULL
};

static size_t
nseps(void)
{
	size_t	 n = 0;

	while (seps[n] != NULL)
		n++;
	return n;
}

/* A digit written in a script: 0 ASCII, 1 full-width, 2 mathematical
 * bold, 3 circled (⓪ ① …). */
static void
putdigit(struct buf *b, int d, int script)
{
	char	 enc[4];
	uint32_t c;

	switch (script) {
	case 1:
		c = 0xff10 + (uint32_t)d;
		break;
	case 2:
		c = 0x1d7ce + (uint32_t)d;
		break;
	case 3:
		c = d == 0 ? 0x24ea : 0x2460 + (uint32_t)d - 1;
		break;
	default:
		c = '0' + (uint32_t)d;
	}
	buf_put(b, enc, (size_t)(utf8_put(enc, c) - enc));
}

static void
putcnum(struct buf *b, int d)
{
	static const char *const cn[] = { "〇", "一", "二", "三", "四", "五",
	    "六", "七", "八", "九" };

	buf_puts(b, cn[d]);
}

/* The next byte of the input, or 0. */
static unsigned
next(const uint8_t *data, size_t size, size_t *i)
{
	return *i < size ? data[(*i)++] : 0;
}

/* A valid number of a kind, as digits (X for the check character). */
static void
valid(int kind, const uint8_t *data, size_t size, size_t *at, char *d)
{
	static const int w[17] =
	    { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	size_t	 i, n;
	int	 sum;

	switch (kind) {
	case 0:		/* a mobile: 1[3-9] and nine digits */
		d[0] = '1';
		d[1] = (char)('3' + next(data, size, at) % 7);
		for (i = 2; i < 11; i++)
			d[i] = (char)('0' + next(data, size, at) % 10);
		d[11] = '\0';
		break;
	case 1:		/* an identity number of a real birth date */
		memcpy(d, "999906", 6);
		snprintf(d + 6, 9, "%04u%02u%02u",
		    1950 + next(data, size, at) % 60,
		    1 + next(data, size, at) % 12,
		    1 + next(data, size, at) % 28);
		for (i = 14; i < 17; i++)
			d[i] = (char)('0' + next(data, size, at) % 10);
		for (i = 0, sum = 0; i < 17; i++)
			sum += (d[i] - '0') * w[i];
		d[17] = check[sum % 11];
		d[18] = '\0';
		break;
	case 2:		/* a card of 16 to 19 digits, its Luhn digit last */
		n = 16 + next(data, size, at) % 4;
		d[0] = (char)('1' + next(data, size, at) % 9);
		for (i = 1; i + 1 < n; i++)
			d[i] = (char)('0' + next(data, size, at) % 10);
		d[n - 1] = '0';
		d[n] = '\0';
		for (i = 0; i < 10 && !detect_luhn(d); i++)
			d[n - 1] = (char)('0' + i + 1);
		break;
	default:	/* a landline: 0, an area code, seven or eight digits */
		n = 11 + next(data, size, at) % 2;
		d[0] = '0';
		d[1] = (char)('1' + next(data, size, at) % 9);
		for (i = 2; i < n; i++)
			d[i] = (char)('0' + next(data, size, at) % 10);
		d[n] = '\0';
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b;
	struct ftext	 t;
	struct hits	 h;
	char		 d[24];
	size_t		 at = 0, i, n, pa, pz, k, group, ctx, sep;
	int		 kind, script, chinese, found = 0;

	fold_init();
	if (size > 4096)
		return 0;
	kind = (int)(next(data, size, &at) % 4);
	valid(kind, data, size, &at, d);
	n = strlen(d);
	script = (int)(next(data, size, &at) % 4);
	chinese = next(data, size, &at) % 8 == 0;
	group = 3 + next(data, size, &at) % 6;
	sep = next(data, size, &at) % nseps();
	ctx = next(data, size, &at) % 64;
	memset(&b, 0, sizeof(b));
	/* Text before, from the input, then the number after a label. */
	if (ctx > size - at)
		ctx = size - at;
	buf_put(&b, (const char *)data + at, ctx);
	buf_puts(&b, "\n手机：");
	pa = b.len;
	for (i = 0; i < n; i++) {
		if (i > 0 && i % group == 0 && !(kind == 3 && i < 3))
			buf_puts(&b, seps[sep]);
		if (d[i] == 'X')
			buf_putc(&b, 'X');
		else if (chinese)
			putcnum(&b, d[i] - '0');
		else
			putdigit(&b, d[i] - '0', script);
	}
	pz = b.len;
	buf_puts(&b, "。\n");
	if (at < size)
		buf_put(&b, (const char *)data + at, size - at);
	memset(&t, 0, sizeof(t));
	ftext_fold(&t, b.p, b.len, FOLD_DECODE);
	detect_scan(&t, &h);
	for (k = 0; k < h.n; k++)
		if (h.v[k].keep == KEEP_NO && t.from[h.v[k].start] <= pa &&
		    t.to[h.v[k].end - 1] >= pz)
			found = 1;
	if (!found) {
		fprintf(stderr, "a valid number (%s, bytes %zu-%zu) survives "
		    "in:\n%.*s\n", d, pa, pz, (int)b.len, b.p);
		for (k = pa; k < pz + 6 && k < b.len; k++)
			fprintf(stderr, "%02x%s", (unsigned char)b.p[k],
			    k + 1 == pz ? " | " : " ");
		fputc('\n', stderr);
		for (k = 0; k < h.n; k++)
			fprintf(stderr, "hit %zu-%zu keep %d %s\n",
			    (size_t)t.from[h.v[k].start],
			    (size_t)t.to[h.v[k].end - 1], h.v[k].keep,
			    h.v[k].norm);
		abort();
	}
	hits_free(&h);
	ftext_free(&t);
	buf_free(&b);
	return 0;
}
