/*
 * The search index, made from the public records alone (after
 * redaction, like every other output) and loaded by search/search.js
 * through script elements, so that it works from file:// as well:
 *
 *   search/meta.js     the number of cases and shards, the terms of each
 *                      taxonomy, and each case's terms as a table
 *   search/s/K.js      shard K: its keys, each named by a hash, with the
 *                      cases that hold it and which of those hold it in
 *                      their title
 *   search/d/N.js      case N's text, to show and highlight a result
 *
 * Cases are numbered from the oldest (0) to the newest, so that a new
 * case adds a number and renumbers none.  Text is folded (NFKC, case
 * folded) and cut into units: a character of a wide script (from
 * U+2E80, a letter or a digit) is a unit of its own, and a run of other
 * letters and digits is one word.  The keys are every word, every wide
 * character, and every two wide characters side by side; search.js cuts
 * a query the same way.  A word with a run of seven digits or more is
 * no key: alone it would read as a phone or identity number.
 *
 * A rebuild after a few cases changed makes again only the shards that
 * hold a key those cases gained or lost (rebuild): the cache keeps each
 * shard's keys as they were made and each case's keys, and the others
 * stay as published.  Its output is that of a build in full.
 *
 * Numbers in the lists are written with punctuation only, never with
 * letters or digits, so that no list reads as a name or a number to the
 * audit: eleven marks end a digit of base 11, eleven others go on.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <utf8proc.h>

#include "disclose.h"
#include "extern.h"

#define SHARD_BYTES	(8 * 1024)	/* the aim of a shard's size */
#define WORD_MAX	24		/* code points of a word key */
#define WIDE_FROM	0x2e80		/* CJK radicals onward */

/* The parameters of the search page's address, by taxonomy. */
const char *const search_params[TAX__MAX] = {
	"year", "unit", "category", "outcome"
};

static const char	 fin[] = "!#$()*+,-/:";	/* last digit */
static const char	 cont[] = ";=?[]^_{|}~";	/* digit, more follow */

struct key {
	uint32_t	 hash;		/* FNV-1a of its text: its shard */
	uint32_t	 id;		/* another hash: its name in the shard */
	uint32_t	 last;		/* the last case holding it, + 1 */
	uint32_t	 n;		/* cases holding it */
	uint32_t	 lastt;		/* the last title hit's place, + 1 */
	struct buf	 docs;		/* cases, as gaps */
	struct buf	 title;		/* places in docs of title hits */
};

/*
 * A key is known by its two hashes alone, hash in the high half: the
 * shards hold nothing else of it.  Two texts of the same two hashes
 * are one key, as two of one name in a shard were always merged.
 */
typedef uint64_t	 kname;

/* The keys of one case as found, before they are put in the index. */
struct klist {
	kname		*v;
	size_t		 n, cap;
	size_t		 ntitle;	/* the first ntitle are of the title */
	kname		*w;		/* room to sort them */
	size_t		 wcap;
};

/* A slot of the index: a key and its name side by side, so that a
 * probe reads no key but its own, and finds both in one place. */
struct islot {
	kname		 h;
	struct key	*k;
};

struct ix {
	struct islot	*v;		/* open addressing */
	size_t		  cap, n;
	size_t		  bytes;	/* of the shards' text, about */
};

static uint32_t
fnv(const char *s, size_t len)
{
	uint32_t	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/*
 * A key's name in its shard, a second hash of it (FNV-1a from another
 * basis, over its bytes from the last): the shards hold no text, so
 * that no word of a case's text, cut from its context, reads as a
 * protected name that the context made an ordinary word.
 */
static uint32_t
fnv2(const char *s, size_t len)
{
	uint32_t	 h = 0x9e3779b9u;

	while (len-- > 0) {
		h ^= (unsigned char)s[len];
		h *= 16777619u;
	}
	return h;
}

static void
putnum(struct buf *b, uint32_t v)
{
	char	*p;

	/* Ten digits at most, and the NUL that a buf keeps; most keys
	 * are in few cases, and their lists begin small. */
	if (b->cap == 0) {
		b->p = xmalloc(16);
		b->cap = 16;
	}
	if (b->cap - b->len < 11)
		buf_grow(b, 11);
	p = b->p + b->len;
	while (v >= 11) {
		*p++ = cont[v % 11];
		v /= 11;
	}
	*p++ = fin[v];
	*p = '\0';
	b->len = (size_t)(p - b->p);
}

/* The first slot to probe for the key of name h. */
static size_t
slot(kname h, size_t cap)
{
	return (size_t)((h * 0x9e3779b97f4a7c15ull) >> 32) & (cap - 1);
}

static void
ix_grow(struct ix *x)
{
	struct islot	*v;
	size_t		  cap = x->cap == 0 ? 1 << 14 : x->cap * 2, i, j;

	v = xcalloc(cap, sizeof(*v));
	for (i = 0; i < x->cap; i++) {
		if (x->v[i].k == NULL)
			continue;
		for (j = slot(x->v[i].h, cap); v[j].k != NULL;
		    j = (j + 1) & (cap - 1))
			continue;
		v[j] = x->v[i];
	}
	free(x->v);
	x->v = v;
	x->cap = cap;
}

/* Case doc, above the last, holds key k; in its title if title. */
static void
post(struct key *k, uint32_t doc, int title)
{
	/* The first case as itself, then each as its gap less one; the
	 * title hits as places in that list, the same way. */
	putnum(&k->docs, k->last == 0 ? doc : doc - k->last);
	k->last = doc + 1;
	if (title) {
		putnum(&k->title, k->n - k->lastt);
		k->lastt = k->n + 1;
	}
	k->n++;
}

static uint32_t
getnum(const char *p, size_t *at)
{
	uint32_t	 v = 0, mul = 1;
	const char	*d;

	while (p[*at] != '\0' && (d = strchr(cont, p[*at])) != NULL) {
		v += (uint32_t)(d - cont) * mul;
		mul *= 11;
		(*at)++;
	}
	d = p[*at] != '\0' ? strchr(fin, p[*at]) : NULL;
	(*at)++;
	return v + (d != NULL ? (uint32_t)(d - fin) : 0) * mul;
}

/* The cases of a key, ascending, TITLE set on its title hits. */
#define TITLE	0x80000000u
static uint32_t *
keycases(const struct key *k)
{
	uint32_t	*v = xcalloc(k->n + 1, sizeof(*v)), prev = 0, t;
	size_t		 i, at = 0, lt = 0;

	for (i = 0; i < k->n; i++) {
		prev = i == 0 ? getnum(k->docs.p, &at) :
		    prev + getnum(k->docs.p, &at) + 1;
		v[i] = prev;
	}
	for (at = 0; at < k->title.len; ) {
		t = getnum(k->title.p, &at);
		if (t + lt < k->n)
			v[t + lt] |= TITLE;
		lt += t + 1;
	}
	return v;
}

/*
 * Two keys of one name in one shard (rare): a holds the cases of both,
 * so that a query finds every case it should, and perhaps one more.
 */
static void
merge(struct key *a, const struct key *b)
{
	uint32_t	*x = keycases(a), *y = keycases(b);
	size_t		 i = 0, j = 0, na = a->n, nb = b->n;
	uint32_t	 c;

	a->docs.len = a->title.len = 0;
	a->n = a->last = a->lastt = 0;
	while (i < na || j < nb) {
		if (j >= nb || (i < na && (x[i] & ~TITLE) < (y[j] & ~TITLE)))
			c = x[i++];
		else if (i >= na || (y[j] & ~TITLE) < (x[i] & ~TITLE))
			c = y[j++];
		else
			c = x[i++] | y[j++];
		post(a, c & ~TITLE, (c & TITLE) != 0);
	}
	free(x);
	free(y);
}

/* Case doc holds the key of name h, in its title if title. */
static void
addkey(struct ix *x, kname h, uint32_t doc, int title)
{
	struct key	*k;
	size_t		 j, before;

	if (2 * (x->n + 1) > x->cap)
		ix_grow(x);
	for (j = slot(h, x->cap); (k = x->v[j].k) != NULL;
	    j = (j + 1) & (x->cap - 1))
		if (x->v[j].h == h)
			break;
	if (k == NULL) {
		x->v[j].h = h;
		k = x->v[j].k = xcalloc(1, sizeof(*k));
		k->hash = (uint32_t)(h >> 32);
		k->id = (uint32_t)h;
		x->n++;
		x->bytes += 12;
	}
	if (k->last == doc + 1)
		return;
	before = k->docs.len + k->title.len;
	post(k, doc, title);
	x->bytes += k->docs.len + k->title.len - before;
}

static int
isword(uint32_t c)
{
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/*
 * A key of a case's text (len bytes at s), in its list: the keys of
 * cases are found side by side, then put in the index one case after
 * the other.  The title's keys come first.
 */
static void
putkey(struct klist *kl, const char *s, size_t len)
{
	if (kl->n == kl->cap) {
		kl->cap = kl->cap == 0 ? 512 : kl->cap * 2;
		kl->v = xreallocarray(kl->v, kl->cap, sizeof(*kl->v));
	}
	kl->v[kl->n++] = (kname)fnv(s, len) << 32 | fnv2(s, len);
}

/*
 * The n names at v in ascending order, a byte at a time from the lowest
 * (a radix sort: a case has a thousand keys or more, and their names are
 * hashes), by way of w (room for n).
 */
static void
knamesort(kname *v, size_t n, kname *w)
{
	size_t		 count[256], i, b, at, c;
	kname		*from = v, *to = w, *t, x;
	unsigned	 shift;

	if (n < 64) {
		for (i = 1; i < n; i++) {
			x = v[i];
			for (at = i; at > 0 && v[at - 1] > x; at--)
				v[at] = v[at - 1];
			v[at] = x;
		}
		return;
	}
	for (shift = 0; shift < 64; shift += 8) {
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[(from[i] >> shift) & 0xff]++;
		/* A byte all share orders nothing. */
		if (count[(from[0] >> shift) & 0xff] == n)
			continue;
		for (b = at = 0; b < 256; b++) {
			c = count[b];
			count[b] = at;
			at += c;
		}
		for (i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xff]++] = from[i];
		t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, n * sizeof(*v));
}

/*
 * The keys of list kl once each, as the entry of a case: the number of
 * the title's (four bytes), then the names of those, then of the others
 * (eight bytes each, in the order of the machine).
 */
static void
klist_put(struct klist *kl, struct buf *out)
{
	size_t		 nt = kl->ntitle, i, j, n;
	uint32_t	 t;

	if (kl->wcap < kl->n) {
		kl->wcap = kl->cap;
		free(kl->w);
		kl->w = xreallocarray(NULL, kl->wcap, sizeof(*kl->w));
	}
	knamesort(kl->v, nt, kl->w);
	knamesort(kl->v + nt, kl->n - nt, kl->w);
	for (i = n = 0; i < nt; i++)
		if (n == 0 || kl->v[n - 1] != kl->v[i])
			kl->v[n++] = kl->v[i];
	t = (uint32_t)n;
	/* The others, but for those of the title. */
	for (j = 0; i < kl->n; i++) {
		if (n > t && kl->v[n - 1] == kl->v[i])
			continue;
		while (j < t && kl->v[j] < kl->v[i])
			j++;
		if (j < t && kl->v[j] == kl->v[i])
			continue;
		kl->v[n++] = kl->v[i];
	}
	buf_put(out, (const char *)&t, sizeof(t));
	buf_put(out, (const char *)kl->v, n * sizeof(*kl->v));
	kl->n = kl->ntitle = 0;
}

/* Whether k is in the set `only` (one bit each). */
static int
marked(const unsigned char *only, uint32_t k)
{
	return (only[k / 8] >> (k % 8)) & 1;
}

static void
mark(unsigned char *only, uint32_t k)
{
	only[k / 8] |= (unsigned char)(1u << (k % 8));
}

/* Whether e (len bytes) reads as an entry of klist_put. */
static int
entry_ok(const char *e, size_t len)
{
	uint32_t	 t;

	if (len < sizeof(t) || (len - sizeof(t)) % sizeof(kname) != 0)
		return 0;
	memcpy(&t, e, sizeof(t));
	return t <= (len - sizeof(t)) / sizeof(kname);
}

/*
 * The keys of the entry e (len bytes, from klist_put) into the index, as
 * those of case doc: those of part `part` of nparts, each part an index
 * of its own, filled by a worker of its own; and of those, when only is
 * not NULL, the keys of the shards it names (of ns).
 */
static void
putkeys(struct ix *x, const char *e, size_t len, uint32_t doc,
    uint32_t part, uint32_t nparts, const unsigned char *only, uint32_t ns)
{
	uint32_t	 t;
	kname		 h;
	size_t		 i, n;

	memcpy(&t, e, sizeof(t));
	n = (len - sizeof(t)) / sizeof(h);
	for (i = 0; i < n; i++) {
		memcpy(&h, e + sizeof(t) + i * sizeof(h), sizeof(h));
		if ((uint32_t)h % nparts == part && (only == NULL ||
		    marked(only, (uint32_t)(h >> 32) % ns)))
			addkey(x, h, doc, i < t);
	}
}

/* A word is a key unless it holds a run of seven digits. */
static void
addword(struct klist *kl, const char *s, size_t len)
{
	size_t	 i, run = 0;

	for (i = 0; i < len; i++) {
		run = s[i] >= '0' && s[i] <= '9' ? run + 1 : 0;
		if (run >= 7)
			return;
	}
	if (len > 0 && len <= 0xffff)
		putkey(kl, s, len);
}

/* The keys of a text of a case, into its list. */
static void
addtext(struct klist *kl, const char *text)
{
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t  n;
	const char	 *p;
	size_t		  i, w, word = 0, wordcp = 0, wide = SIZE_MAX;
	uint32_t	  c;

	if (text == NULL || *text == '\0')
		return;
	n = utf8proc_map((const utf8proc_uint8_t *)text, 0, &f,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
	if (n < 0)
		return;
	p = (const char *)f;
	for (i = 0; i <= (size_t)n; i += w) {
		if (i == (size_t)n) {
			c = 0;
			w = 1;
		} else
			c = utf8_get(p, (size_t)n, i, &w);
		if (c != 0 && isword(c) && c < WIDE_FROM) {
			if (wordcp == 0)
				word = i;
			wordcp++;
			continue;
		}
		if (wordcp > 0) {
			/* The word's first WORD_MAX code points. */
			size_t e = word, k, ww;

			for (k = 0; k < wordcp && k < WORD_MAX; k++) {
				(void)utf8_get(p, (size_t)n, e, &ww);
				e += ww;
			}
			addword(kl, p + word, e - word);
			wordcp = 0;
			wide = SIZE_MAX;
		}
		if (c != 0 && isword(c)) {
			putkey(kl, p + i, w);
			if (wide != SIZE_MAX)
				putkey(kl, p + wide, i + w - wide);
			wide = i;
		} else
			wide = SIZE_MAX;
	}
	free(f);
}

static int
keycmp(const void *a, const void *b, void *arg)
{
	const struct key *x = *(const struct key *const *)a;
	const struct key *y = *(const struct key *const *)b;
	uint32_t	  ns = *(const uint32_t *)arg;

	if (x->hash % ns != y->hash % ns)
		return x->hash % ns < y->hash % ns ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* The value of term i of taxonomy t in the search page's address. */
const char *
search_value(const struct site *s, enum tax t, size_t i)
{
	return t == TAX_OUTCOME ? outcome_names[i] : s->tax[t].terms[i].name;
}

/* A value of a record as plain text, or NULL when it has none. */
static char *
plain(const struct val *v)
{
	return v->st == V_SET ? theme_plain(v) : NULL;
}

static void
jfield(struct buf *b, const char *key, const char *val, int first)
{
	buf_printf(b, "%s\"%s\": ", first ? "" : ", ", key);
	if (val != NULL)
		json_str(b, val);
	else
		buf_puts(b, "null");
}

/* Case doc (record r): its keys into kl, and its text to show into b. */
static void
casetext(const struct site *s, struct klist *kl, const struct record *r,
    uint32_t doc, struct buf *bp)
{
	struct buf	 b;
	char		*title, *summary, *unit, *cat, *date, *text;
	char		*f[FACTOR__MAX], *decided, *line;
	const char	*oc, *p, *e;
	size_t		 i;

	title = plain(&r->title);
	summary = render_summary(r);
	unit = plain(&r->unit);
	cat = plain(&r->category);
	date = plain(&r->published);
	decided = plain(&r->decided);
	oc = r->oc != OUTCOME_NONE ? theme_outcome(r->oc) : NULL;
	text = render_text(s, r);
	/* The title first: its keys are the title hits. */
	addtext(kl, title);
	kl->ntitle = kl->n;
	addtext(kl, r->id.s);
	addtext(kl, unit);
	addtext(kl, cat);
	addtext(kl, oc);
	addtext(kl, date);
	addtext(kl, decided);
	addtext(kl, summary);
	for (i = 0; i < FACTOR__MAX; i++) {
		f[i] = r->has_factors ? plain(&r->factors[i]) : NULL;
		addtext(kl, f[i]);
	}
	addtext(kl, text);

	memset(&b, 0, sizeof(b));
	buf_printf(&b, "disclose_search.doc(%u, {", doc);
	jfield(&b, "id", r->id.s, 1);
	jfield(&b, "title", title, 0);
	jfield(&b, "unit", unit, 0);
	jfield(&b, "category", cat, 0);
	jfield(&b, "outcome", oc, 0);
	jfield(&b, "oc", r->oc != OUTCOME_NONE ? outcome_names[r->oc] : NULL,
	    0);
	jfield(&b, "date", date, 0);
	jfield(&b, "decided", decided, 0);
	jfield(&b, "summary", summary, 0);
	buf_puts(&b, ", \"factors\": [");
	for (i = 0; i < FACTOR__MAX; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		if (f[i] != NULL)
			json_str(&b, f[i]);
		else
			buf_puts(&b, "null");
		free(f[i]);
	}
	/* The body a block a string: no number runs on from one block
	 * into the next, for the audit as for a reader. */
	buf_puts(&b, "], \"text\": [");
	for (p = text, i = 0; *p != '\0'; p = *e == '\0' ? e : e + 1, i++) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		buf_puts(&b, i > 0 ? ", " : "");
		line = xstrndup(p, (size_t)(e - p));
		json_str(&b, line);
		free(line);
	}
	buf_puts(&b, "]});\n");
	*bp = b;
	free(title);
	free(summary);
	free(unit);
	free(cat);
	free(date);
	free(decided);
	free(text);
}

/*
 * search/meta.js: the terms, and each case's terms as a table: one
 * number a case, sum over the taxonomies of (term + 1, 0 for none)
 * times the product of (number of terms + 1) of those before, written
 * in "width" digits of base 22 (the "digits", then the "more"), the
 * lowest first.
 */
static int
meta(const struct site *s, uint32_t nshards, const char *out)
{
	static const char digits22[] = "!#$()*+,-/:;=?[]^_{|}~";
	struct buf	 b;
	const struct record *r;
	char		*name, *dir, *href;
	size_t		 i, t, n = s->ncases, k, width;
	unsigned long long v, code, radix;
	int		 ok;

	for (radix = 1, t = 0; t < TAX__MAX; t++)
		radix *= s->tax[t].nterms + 1;
	for (width = 1, v = 22; v < radix; v *= 22)
		width++;
	memset(&b, 0, sizeof(b));
	buf_printf(&b, "disclose_search.meta({\"cases\": %zu, \"shards\": "
	    "%u, \"width\": %zu, \"digits\": ", n, nshards, width);
	json_str(&b, fin);
	buf_puts(&b, ", \"more\": ");
	json_str(&b, cont);
	buf_puts(&b, ", \"terms\": [");
	for (t = 0; t < TAX__MAX; t++) {
		buf_printf(&b, "%s\n  {\"name\": \"%s\", \"values\": [",
		    t > 0 ? "," : "", search_params[t]);
		for (i = 0; i < s->tax[t].nterms; i++) {
			buf_puts(&b, i > 0 ? ",\n    " : "\n    ");
			name = theme_termname(s, (enum tax)t, i);
			buf_puts(&b, "{\"label\": ");
			json_str(&b, name);
			buf_puts(&b, ", \"value\": ");
			json_str(&b, search_value(s, (enum tax)t, i));
			buf_puts(&b, ", \"href\": ");
			if (index_has_page(s, (enum tax)t, (long)i)) {
				dir = index_termdir(s, (enum tax)t, i);
				href = xasprintf("%sindex.html", dir);
				json_str(&b, href);
				free(href);
				free(dir);
			} else
				buf_puts(&b, "null");
			buf_puts(&b, "}");
			free(name);
		}
		buf_puts(&b, "]}");
	}
	buf_puts(&b, "],\n\"table\": \"");
	for (i = 0; i < n; i++) {
		r = s->cases[n - 1 - i];
		for (code = 0, radix = 1, t = 0; t < TAX__MAX; t++) {
			v = r->term[t] >= 0 ? (unsigned long long)r->term[t] +
			    1 : 0;
			code += v * radix;
			radix *= s->tax[t].nterms + 1;
		}
		for (k = 0; k < width; k++, code /= 22)
			buf_putc(&b, digits22[code % 22]);
	}
	buf_puts(&b, "\"});\n");
	ok = writefile(out, "search/meta.js", b.p, b.len);
	buf_free(&b);
	return ok;
}


/* Cases found side by side, BATCH at a time. */
#define BATCH	256

/*
 * The index as last made, kept in the memo under one key, so that a
 * rebuild after a few cases changed makes again only the shards that
 * hold their keys.  It holds the number of cases and of shards, and the
 * bytes of the shards' text (which decide how many shards there are);
 * for each case, the key of its entry and the digest of its text; for
 * each shard, the key of its part (its keys before those of one name
 * are merged, as partput writes them), the digest of its file, and its
 * bytes.  Parts are kept under the digest of their bytes.
 */
#define DOCREC	64		/* entry key, text digest */
#define SHREC	72		/* part key, file digest, bytes */

struct sstate {
	uint32_t	 n, ns;
	uint64_t	 bytes;
	unsigned char	*doc;		/* n records of DOCREC bytes */
	unsigned char	*shard;		/* ns records of SHREC bytes */
	int		 ok;		/* every case had its key */
};

static void
statekey(unsigned char *key)
{
	static const char name[] = "search state 1";

	crypto_generichash(key, 32, (const unsigned char *)name,
	    sizeof(name) - 1, NULL, 0);
}

/* The state as last kept, or 0 when there is none that reads well. */
static int
state_load(const struct pagememo *m, struct sstate *st)
{
	unsigned char	 key[32];
	uint64_t	 need;
	char		*e;
	size_t		 len;

	memset(st, 0, sizeof(*st));
	statekey(key);
	if (!m->load(m->arg, key, &e, &len))
		return 0;
	if (len < 16)
		goto bad;
	memcpy(&st->n, e, 4);
	memcpy(&st->ns, e + 4, 4);
	memcpy(&st->bytes, e + 8, 8);
	need = 16 + (uint64_t)st->n * DOCREC + (uint64_t)st->ns * SHREC;
	if (st->ns == 0 || need != len ||
	    st->ns != st->bytes / SHARD_BYTES + 1)
		goto bad;
	st->doc = xmalloc((size_t)st->n * DOCREC + 1);
	memcpy(st->doc, e + 16, (size_t)st->n * DOCREC);
	st->shard = xmalloc((size_t)st->ns * SHREC);
	memcpy(st->shard, e + 16 + (size_t)st->n * DOCREC,
	    (size_t)st->ns * SHREC);
	free(e);
	return 1;
bad:
	free(e);
	return 0;
}

static void
state_save(const struct pagememo *m, const struct sstate *st)
{
	unsigned char	 key[32];
	struct buf	 b;

	if (m == NULL || !st->ok)
		return;
	memset(&b, 0, sizeof(b));
	buf_put(&b, (const char *)&st->n, 4);
	buf_put(&b, (const char *)&st->ns, 4);
	buf_put(&b, (const char *)&st->bytes, 8);
	buf_put(&b, (const char *)st->doc, (size_t)st->n * DOCREC);
	buf_put(&b, (const char *)st->shard, (size_t)st->ns * SHREC);
	statekey(key);
	m->save(m->arg, key, b.p, b.len);
	buf_free(&b);
}

static void
state_free(struct sstate *st)
{
	free(st->doc);
	free(st->shard);
	memset(st, 0, sizeof(*st));
}

struct casejob {
	const struct site	*s;
	const char		*out;
	struct buf		*kl;	/* each case's text's digest and
					 * keys (klist_put) */
	struct klist		*found;	/* each worker's, as found */
	size_t			 base;	/* the first case's number */
	size_t			 hits;	/* cases as made before */
	int			 write;	/* the texts written, or only
					 * their entries made */
	struct sstate		*st;	/* each case's entry noted, or NULL */
	int			 ok;
};

/*
 * The key of case doc's entry in the memo, of all that it is made of:
 * the public record (its src) and its number.  0 when it has none.
 */
static int
searchkey(const struct site *s, const struct record *r, uint32_t doc,
    unsigned char *key)
{
	crypto_generichash_state	 st;
	unsigned char			 d[4];

	if (s->memo == NULL || zero32(r->src))
		return 0;
	d[0] = (unsigned char)doc;
	d[1] = (unsigned char)(doc >> 8);
	d[2] = (unsigned char)(doc >> 16);
	d[3] = (unsigned char)(doc >> 24);
	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)"search", 7);
	crypto_generichash_update(&st, r->src, 32);
	crypto_generichash_update(&st, d, sizeof(d));
	crypto_generichash_final(&st, key, 32);
	return 1;
}

/*
 * Case doc's entry into kl (the digest of its text, then its keys), as
 * made before when the memo has it (and with write, the text as
 * published), or made now and remembered; with write, its text into
 * out.  Returns 0 on error (reported).
 */
static int
entryof(const struct site *s, size_t doc, int write, const char *out,
    struct klist *found, struct buf *kl, unsigned char *key, int *hit)
{
	const struct pagememo *m = s->memo;
	const struct record *r = s->cases[s->ncases - 1 - doc];
	struct buf	 b;
	unsigned char	 h[32];
	size_t		 len;
	char		*rel, *e;
	int		 keyed, ok = 1;

	*hit = 0;
	rel = xasprintf("search/d/%zu.js", doc);
	if ((keyed = searchkey(s, r, (uint32_t)doc, key)) &&
	    m->load(m->arg, key, &e, &len)) {
		if (len > 32 && entry_ok(e + 32, len - 32) &&
		    (!write || writelink(out, rel, (unsigned char *)e))) {
			buf_put(kl, e, len);
			*hit = 1;
			free(e);
			free(rel);
			return 1;
		}
		free(e);
	}
	if (!keyed)
		memset(key, 0, 32);
	casetext(s, found, r, (uint32_t)doc, &b);
	memset(h, 0, sizeof(h));
	if (write)
		ok = writefile_as(out, rel, b.p, b.len, h);
	else
		crypto_generichash(h, 32, (const unsigned char *)b.p, b.len,
		    NULL, 0);
	buf_free(&b);
	buf_put(kl, (const char *)h, sizeof(h));
	klist_put(found, kl);
	if (keyed && !zero32(h))
		m->save(m->arg, key, kl->p, kl->len);
	free(rel);
	return ok;
}

static void
caseone(void *arg, size_t i, int worker)
{
	struct casejob	*j = arg;
	unsigned char	 key[32];
	size_t		 doc = j->base + i;
	int		 hit;

	if (!entryof(j->s, doc, j->write, j->out, &j->found[worker],
	    &j->kl[i], key, &hit))
		__atomic_store_n(&j->ok, 0, __ATOMIC_RELAXED);
	if (hit)
		__atomic_add_fetch(&j->hits, 1, __ATOMIC_RELAXED);
	if (j->st == NULL)
		return;
	if (zero32(key) || zero32((const unsigned char *)j->kl[i].p))
		j->st->ok = 0;
	memcpy(j->st->doc + doc * DOCREC, key, 32);
	memcpy(j->st->doc + doc * DOCREC + 32, j->kl[i].p, 32);
}

/* The keys of a batch of cases into the parts of the index side by
 * side: part K takes the keys whose name is K modulo their number. */
struct putjob {
	struct ix	*x;		/* the parts */
	struct buf	*kl;		/* the batch's entries */
	size_t		 base, m;
	uint32_t	 nparts;
	const unsigned char *only;	/* the shards to fill, or NULL */
	uint32_t	 ns;
};

static void
putpart(void *arg, size_t part, int worker)
{
	struct putjob	*j = arg;
	size_t		 i;

	(void)worker;
	for (i = 0; i < j->m; i++)
		putkeys(&j->x[part], j->kl[i].p + 32, j->kl[i].len - 32,
		    (uint32_t)(j->base + i), (uint32_t)part, j->nparts,
		    j->only, j->ns);
}

/*
 * Every case's entry, and its keys into an index in parts (one a
 * worker): with write, each case's text written too.  When only is not
 * NULL, only the keys of those shards (of ns).  Returns 0 on error
 * (reported).
 */
static int
fill(const struct site *s, const char *out, struct pool *pool, int write,
    const unsigned char *only, uint32_t ns, struct ix *x,
    struct sstate *st, size_t *hits)
{
	struct casejob	  cj;
	struct putjob	  pj;
	size_t		  i, m, n = s->ncases, np = (size_t)pool_jobs(pool);

	memset(&pj, 0, sizeof(pj));
	pj.x = x;
	pj.nparts = (uint32_t)np;
	pj.only = only;
	pj.ns = ns;
	/* The cases' texts and keys on the pool; their keys go into the
	 * index in the cases' order, so that it is the same for any -j. */
	memset(&cj, 0, sizeof(cj));
	cj.s = s;
	cj.out = out;
	cj.ok = 1;
	cj.write = write;
	cj.st = st;
	cj.kl = xcalloc(BATCH, sizeof(*cj.kl));
	cj.found = xcalloc(np, sizeof(*cj.found));
	for (cj.base = 0; cj.base < n && cj.ok; cj.base += m) {
		m = n - cj.base < BATCH ? n - cj.base : BATCH;
		pool_for(pool, m, caseone, &cj);
		pj.kl = cj.kl;
		pj.base = cj.base;
		pj.m = m;
		if (cj.ok)
			pool_for(pool, np, putpart, &pj);
		for (i = 0; i < m; i++)
			cj.kl[i].len = 0;
	}
	for (i = 0; i < BATCH; i++)
		buf_free(&cj.kl[i]);
	free(cj.kl);
	for (i = 0; i < np; i++) {
		free(cj.found[i].v);
		free(cj.found[i].w);
	}
	free(cj.found);
	if (hits != NULL)
		*hits = cj.hits;
	return cj.ok;
}

/* The bytes a key adds to the shards' text, about. */
static size_t
keybytes(const struct key *k)
{
	return 12 + k->docs.len + k->title.len;
}

static void
key_free(struct key *k)
{
	buf_free(&k->docs);
	buf_free(&k->title);
	free(k);
}

/*
 * The part of a shard: its keys before those of one name are merged,
 * each as its name (eight bytes), its number of cases, the bytes of
 * its cases and of its title hits (four bytes each), then those.
 */
static void
partput(struct key *const *keys, size_t n, struct buf *b)
{
	kname		 h;
	uint32_t	 v[3];
	size_t		 i;

	b->len = 0;
	for (i = 0; i < n; i++) {
		h = (kname)keys[i]->hash << 32 | keys[i]->id;
		v[0] = keys[i]->n;
		v[1] = (uint32_t)keys[i]->docs.len;
		v[2] = (uint32_t)keys[i]->title.len;
		buf_put(b, (const char *)&h, sizeof(h));
		buf_put(b, (const char *)v, sizeof(v));
		buf_put(b, keys[i]->docs.p, keys[i]->docs.len);
		buf_put(b, keys[i]->title.p, keys[i]->title.len);
	}
}

/* The keys of a part (partput), or NULL when it does not read well. */
static struct key **
partget(const char *p, size_t len, size_t *nkeys)
{
	struct key	**keys = NULL, *k;
	size_t		  n = 0, cap = 0, at = 0;
	uint32_t	  v[3];
	kname		  h;

	while (at < len) {
		if (len - at < sizeof(h) + sizeof(v))
			goto bad;
		memcpy(&h, p + at, sizeof(h));
		memcpy(v, p + at + sizeof(h), sizeof(v));
		at += sizeof(h) + sizeof(v);
		if (v[0] == 0 || v[1] == 0 || v[1] > len - at ||
		    v[2] > len - at - v[1])
			goto bad;
		if (n == cap) {
			cap = cap == 0 ? 64 : 2 * cap;
			keys = xreallocarray(keys, cap + 1, sizeof(*keys));
		}
		k = keys[n++] = xcalloc(1, sizeof(*k));
		k->hash = (uint32_t)(h >> 32);
		k->id = (uint32_t)h;
		k->n = v[0];
		buf_put(&k->docs, p + at, v[1]);
		at += v[1];
		if (v[2] > 0)
			buf_put(&k->title, p + at, v[2]);
		at += v[2];
	}
	*nkeys = n;
	if (keys == NULL)
		keys = xcalloc(1, sizeof(*keys));
	return keys;
bad:
	while (n > 0)
		key_free(keys[--n]);
	free(keys);
	return NULL;
}

/* The shards written side by side: shard K holds keys[at[K]] up to
 * keys[at[K + 1]], sorted by keycmp; with only, those it names alone. */
struct shardjob {
	const struct pagememo *m;
	struct key	**keys;
	size_t		 *at;
	const char	 *out;
	const unsigned char *only;
	struct sstate	 *st;		/* each shard noted */
	int		  ok;
};

/*
 * Shard sh of the n keys at keys into out, noted in st (when not NULL):
 * its part kept in the memo m, under the digest of its bytes.  The keys
 * of one name are merged on the way.  Returns 0 on error (reported).
 */
static int
shardout(const struct pagememo *m, struct key **keys, size_t n, size_t sh,
    const char *out, struct sstate *st)
{
	struct buf	  b, part;
	unsigned char	  pkey[32], h[32];
	uint64_t	  bytes = 0;
	size_t		  i, k, e;
	uint32_t	  id;
	char		 *rel;
	int		  ok;

	memset(&part, 0, sizeof(part));
	partput(keys, n, &part);
	for (i = 0; i < n; i++)
		bytes += keybytes(keys[i]);
	crypto_generichash(pkey, 32, (const unsigned char *)part.p, part.len,
	    NULL, 0);
	if (m != NULL)
		m->save(m->arg, pkey, part.p, part.len);
	buf_free(&part);
	memset(&b, 0, sizeof(b));
	buf_printf(&b, "disclose_search.shard(%zu, \"", sh);
	/* A line a key: its name (ten digits, the lowest first), its
	 * cases, its title hits. */
	for (i = 0; i < n; i = e) {
		for (e = i + 1; e < n && keys[e]->id == keys[i]->id; e++)
			merge(keys[i], keys[e]);
		for (k = 0, id = keys[i]->id; k < 10; k++, id /= 11)
			buf_putc(&b, fin[id % 11]);
		buf_putc(&b, ' ');
		buf_put(&b, keys[i]->docs.p, keys[i]->docs.len);
		if (keys[i]->title.len > 0) {
			buf_putc(&b, ' ');
			buf_put(&b, keys[i]->title.p, keys[i]->title.len);
		}
		buf_puts(&b, "\\n");
	}
	buf_puts(&b, "\");\n");
	rel = xasprintf("search/s/%zu.js", sh);
	memset(h, 0, sizeof(h));
	ok = writefile_as(out, rel, b.p, b.len, h);
	free(rel);
	buf_free(&b);
	if (st != NULL) {
		if (zero32(h))
			st->ok = 0;
		memcpy(st->shard + sh * SHREC, pkey, 32);
		memcpy(st->shard + sh * SHREC + 32, h, 32);
		memcpy(st->shard + sh * SHREC + 64, &bytes, 8);
	}
	return ok;
}

static void
shardone(void *arg, size_t sh, int worker)
{
	struct shardjob	*j = arg;

	(void)worker;
	if (j->only != NULL && !marked(j->only, (uint32_t)sh))
		return;
	if (!shardout(j->m, j->keys + j->at[sh], j->at[sh + 1] - j->at[sh],
	    sh, j->out, j->st))
		__atomic_store_n(&j->ok, 0, __ATOMIC_RELAXED);
}

/*
 * The shards of the index in parts x (np of them) into out: all of them
 * (ns from the bytes of the keys, when *ns is 0), or those that only
 * names.  Frees x.  Returns 0 on error (reported).
 */
static int
shards(const struct pagememo *m, struct ix *x, size_t np, uint32_t *ns,
    const unsigned char *only, const char *out, struct pool *pool,
    struct sstate *st)
{
	struct key	**keys;
	struct shardjob	  sj;
	size_t		  i, j, k, nkeys, bytes;
	uint32_t	  sh;

	for (k = nkeys = bytes = 0; k < np; k++) {
		nkeys += x[k].n;
		bytes += x[k].bytes;
	}
	if (*ns == 0)
		*ns = (uint32_t)(bytes / SHARD_BYTES + 1);
	keys = xcalloc(nkeys + 1, sizeof(*keys));
	for (k = j = 0; k < np; k++) {
		for (i = 0; i < x[k].cap; i++)
			if (x[k].v[i].k != NULL)
				keys[j++] = x[k].v[i].k;
		free(x[k].v);
	}
	free(x);
	qsort_r(keys, nkeys, sizeof(*keys), keycmp, ns);
	if (st != NULL && only == NULL) {
		st->ns = *ns;
		st->bytes = bytes;
		st->shard = xcalloc(*ns, SHREC);
	}
	/* Where each shard's keys begin, in the sorted keys. */
	sj.at = xcalloc((size_t)*ns + 1, sizeof(*sj.at));
	for (i = 0, sh = 0; sh < *ns; sh++) {
		sj.at[sh] = i;
		while (i < nkeys && keys[i]->hash % *ns == sh)
			i++;
	}
	sj.at[*ns] = i;
	sj.m = m;
	sj.keys = keys;
	sj.out = out;
	sj.only = only;
	sj.st = st;
	sj.ok = 1;
	pool_for(pool, *ns, shardone, &sj);
	free(sj.at);
	for (i = 0; i < nkeys; i++)
		key_free(keys[i]);
	free(keys);
	return sj.ok;
}

/*
 * A change to a shard's keys: case doc no longer holds key h (DROP), or
 * holds it (ADD), in its title (ADD | TITLEHIT).
 */
#define DROP		0
#define ADD		1
#define TITLEHIT	2

struct delta {
	kname		 h;
	uint32_t	 doc;
	uint32_t	 op;
};

struct dlist {
	struct delta	*v;
	size_t		 n, cap;
};

static int
deltacmp(const void *a, const void *b)
{
	const struct delta *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	return x->op < y->op ? -1 : x->op > y->op;
}


/* A key of an entry, and whether it is one of the title's. */
struct fkey {
	kname		 h;
	uint32_t	 title;
};

static int
fkeycmp(const void *a, const void *b)
{
	kname	 x = ((const struct fkey *)a)->h, y = ((const struct fkey *)b)->h;

	return x < y ? -1 : x > y;
}

/* The keys of entry e (len bytes) sorted by name, in *n. */
static struct fkey *
fkeys(const char *e, size_t len, size_t *n)
{
	struct fkey	*v;
	uint32_t	 t;
	size_t		 i;

	memcpy(&t, e, sizeof(t));
	*n = (len - sizeof(t)) / sizeof(kname);
	v = xcalloc(*n + 1, sizeof(*v));
	for (i = 0; i < *n; i++) {
		memcpy(&v[i].h, e + sizeof(t) + i * sizeof(kname),
		    sizeof(kname));
		v[i].title = i < t;
	}
	qsort(v, *n, sizeof(*v), fkeycmp);
	return v;
}

static void
pushdelta(struct dlist *dl, uint32_t ns, kname h, uint32_t doc, uint32_t op)
{
	struct dlist	*d = &dl[(uint32_t)(h >> 32) % ns];

	if (d->n == d->cap) {
		d->cap = d->cap == 0 ? 16 : 2 * d->cap;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	d->v[d->n].h = h;
	d->v[d->n].doc = doc;
	d->v[d->n].op = op;
	d->n++;
}

/*
 * The changes to the shards of case doc, from its entry as it was (was,
 * wlen bytes; none when wlen is 0) to its entry as it is (is, ilen
 * bytes; none when ilen is 0): the keys it no longer holds, those it
 * now holds, and those now found in its title or no longer.
 */
static void
deltas(struct dlist *dl, uint32_t ns, uint32_t doc, const char *was,
    size_t wlen, const char *is, size_t ilen)
{
	struct fkey	*a = NULL, *b = NULL;
	size_t		 na = 0, nb = 0, i = 0, j = 0;

	if (wlen > 0)
		a = fkeys(was, wlen, &na);
	if (ilen > 0)
		b = fkeys(is, ilen, &nb);
	while (i < na || j < nb) {
		if (j >= nb || (i < na && a[i].h < b[j].h)) {
			pushdelta(dl, ns, a[i++].h, doc, DROP);
			continue;
		}
		if (i >= na || b[j].h < a[i].h) {
			pushdelta(dl, ns, b[j].h, doc, b[j].title ?
			    ADD | TITLEHIT : ADD);
			j++;
			continue;
		}
		if (a[i].title != b[j].title) {
			pushdelta(dl, ns, a[i].h, doc, DROP);
			pushdelta(dl, ns, b[j].h, doc, b[j].title ?
			    ADD | TITLEHIT : ADD);
		}
		i++;
		j++;
	}
	free(a);
	free(b);
}

static int
namecmp(const void *a, const void *b)
{
	const struct key *x = *(const struct key *const *)a;
	const struct key *y = *(const struct key *const *)b;
	kname		  hx = (kname)x->hash << 32 | x->id;
	kname		  hy = (kname)y->hash << 32 | y->id;

	return hx < hy ? -1 : hx > hy;
}

static int
doccmp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a & ~TITLE;
	uint32_t	 y = *(const uint32_t *)b & ~TITLE;

	return x < y ? -1 : x > y;
}

/*
 * The changes d (sorted) to the keys of a shard (n at *keys, sorted by
 * name): the keys as they now are, sorted by keycmp for ns shards, with
 * their number in *n.
 */
static struct key **
apply(struct key **keys, size_t *n, const struct dlist *d, uint32_t ns)
{
	struct key	**v, **f, *k, want;
	uint32_t	 *c, *at, doc;
	size_t		  i, j, e, nc, nv = *n, old = *n, w;

	v = xcalloc(*n + d->n + 1, sizeof(*v));
	memcpy(v, keys, *n * sizeof(*v));
	free(keys);
	qsort(v, old, sizeof(*v), namecmp);
	/* The changes of one key together: a key new to the shard is
	 * never looked for again. */
	for (i = 0; i < d->n; i = e) {
		for (e = i + 1; e < d->n && d->v[e].h == d->v[i].h; e++)
			continue;
		want.hash = (uint32_t)(d->v[i].h >> 32);
		want.id = (uint32_t)d->v[i].h;
		k = &want;
		if ((f = bsearch(&k, v, old, sizeof(*v), namecmp)) != NULL) {
			k = *f;
			c = keycases(k);
			nc = k->n;
		} else {
			k = v[nv++] = xcalloc(1, sizeof(*k));
			k->hash = want.hash;
			k->id = want.id;
			c = NULL;
			nc = 0;
		}
		c = xreallocarray(c, nc + (e - i) + 1, sizeof(*c));
		for (j = i; j < e; j++) {
			doc = d->v[j].doc;
			at = bsearch(&doc, c, nc, sizeof(*c), doccmp);
			if (d->v[j].op == DROP) {
				if (at != NULL) {
					w = (size_t)(at - c);
					memmove(c + w, c + w + 1,
					    (nc - w - 1) * sizeof(*c));
					nc--;
				}
				continue;
			}
			if (at == NULL) {
				for (w = nc; w > 0 && (c[w - 1] & ~TITLE) > doc;
				    w--)
					continue;
				memmove(c + w + 1, c + w, (nc - w) * sizeof(*c));
				nc++;
				at = c + w;
			}
			*at = doc | (d->v[j].op & TITLEHIT ? TITLE : 0);
		}
		k->docs.len = k->title.len = 0;
		k->n = k->last = k->lastt = 0;
		for (j = 0; j < nc; j++)
			post(k, c[j] & ~TITLE, (c[j] & TITLE) != 0);
		free(c);
	}
	/* The keys no case holds any longer are gone. */
	for (i = j = 0; i < nv; i++)
		if (v[i]->n > 0)
			v[j++] = v[i];
		else
			key_free(v[i]);
	qsort_r(v, j, sizeof(*v), keycmp, &ns);
	*n = j;
	return v;
}

static void
ix_free(struct ix *x, size_t np)
{
	size_t	 i, k;

	for (k = 0; k < np; k++) {
		for (i = 0; i < x[k].cap; i++)
			if (x[k].v[i].k != NULL)
				key_free(x[k].v[i].k);
		free(x[k].v);
	}
	free(x);
}

static int
u32cmp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* A rebuild by changes: the old state, the new, and what changed. */
struct incjob {
	const struct site	*s;
	const char		*out;
	const struct sstate	*old;
	struct sstate		*st;
	const unsigned char	*changed;	/* a bit a case */
	size_t			*ch;		/* the changed cases */
	struct buf		*was, *is;	/* their entries, before and
						 * now */
	uint32_t		*aff;		/* the shards they touch, */
	size_t			 naff;		/* ascending */
	struct dlist		*dl;		/* the changes to each shard */
	struct key		***keys;	/* each touched shard's keys */
	size_t			*nkeys;
	unsigned char		*lost;		/* shards to make of every
						 * case's entry */
	struct klist		*found;
	size_t			 hits, kept;
	int			 ok;
};

/* A changed case's entries: as last made, and as it is now. */
static void
changeone(void *arg, size_t k, int worker)
{
	struct incjob	*j = arg;
	const struct pagememo *m = j->s->memo;
	unsigned char	 key[32];
	size_t		 doc = j->ch[k], len;
	char		*e;
	int		 hit;

	if (doc < j->old->n) {
		if (!m->load(m->arg, j->old->doc + doc * DOCREC, &e, &len))
			__atomic_store_n(&j->ok, 0, __ATOMIC_RELAXED);
		else {
			if (len > 32 && entry_ok(e + 32, len - 32))
				buf_put(&j->was[k], e, len);
			else
				__atomic_store_n(&j->ok, 0, __ATOMIC_RELAXED);
			free(e);
		}
	}
	if (doc < j->st->n)
		(void)entryof(j->s, doc, 0, j->out, &j->found[worker],
		    &j->is[k], key, &hit);
}

/* A touched shard's keys as last made, with its changes. */
static void
touchone(void *arg, size_t k, int worker)
{
	struct incjob	*j = arg;
	const struct pagememo *m = j->s->memo;
	uint32_t	 sh = j->aff[k];
	struct dlist	*d = &j->dl[sh];
	struct key	**keys;
	size_t		 len, n;
	char		*e;

	(void)worker;
	if (!m->load(m->arg, j->old->shard + (size_t)sh * SHREC, &e, &len)) {
		__atomic_store_n(&j->ok, 0, __ATOMIC_RELAXED);
		return;
	}
	keys = partget(e, len, &n);
	free(e);
	if (keys == NULL) {
		__atomic_store_n(&j->ok, 0, __ATOMIC_RELAXED);
		return;
	}
	qsort(d->v, d->n, sizeof(*d->v), deltacmp);
	j->keys[k] = apply(keys, &n, d, j->old->ns);
	j->nkeys[k] = n;
}

/*
 * Case doc's text in the portal: an unchanged case's as published, its
 * entry kept, when it can be; else as a full build makes it.
 */
static void
docone(void *arg, size_t doc, int worker)
{
	struct incjob	*j = arg;
	const struct pagememo *m = j->s->memo;
	const unsigned char *o;
	unsigned char	*rec = j->st->doc + doc * DOCREC, key[32];
	struct buf	 kl;
	char		*rel;
	int		 hit;

	if (!marked(j->changed, (uint32_t)doc)) {
		o = j->old->doc + doc * DOCREC;
		rel = xasprintf("search/d/%zu.js", doc);
		hit = m->keep(m->arg, o) && writelink(j->out, rel, o + 32);
		free(rel);
		if (hit) {
			memcpy(rec + 32, o + 32, 32);
			__atomic_add_fetch(&j->hits, 1, __ATOMIC_RELAXED);
			return;
		}
	}
	memset(&kl, 0, sizeof(kl));
	if (!entryof(j->s, doc, 1, j->out, &j->found[worker], &kl, key,
	    &hit))
		__atomic_store_n(&j->ok, 0, __ATOMIC_RELAXED);
	if (hit)
		__atomic_add_fetch(&j->hits, 1, __ATOMIC_RELAXED);
	if (kl.len >= 32)
		memcpy(rec + 32, kl.p, 32);
	buf_free(&kl);
}

/* Shard sh: made again when touched; else as published, when it can
 * be, or made of its part; else lost, to be made of every entry. */
static void
shardinc(void *arg, size_t sh, int worker)
{
	struct incjob	*j = arg;
	const struct pagememo *m = j->s->memo;
	const unsigned char *o = j->old->shard + sh * SHREC;
	struct key	**keys;
	uint32_t	 s32 = (uint32_t)sh, *f;
	size_t		 k, len, n;
	char		*e, *rel;
	int		 ok;

	(void)worker;
	if (j->dl[sh].n > 0) {
		f = bsearch(&s32, j->aff, j->naff, sizeof(*j->aff), u32cmp);
		k = (size_t)(f - j->aff);
		ok = shardout(m, j->keys[k], j->nkeys[k], sh, j->out, j->st);
		if (!ok)
			__atomic_store_n(&j->ok, 0, __ATOMIC_RELAXED);
		return;
	}
	rel = xasprintf("search/s/%zu.js", sh);
	ok = m->keep(m->arg, o) && writelink(j->out, rel, o + 32);
	free(rel);
	if (ok) {
		__atomic_add_fetch(&j->kept, 1, __ATOMIC_RELAXED);
		return;
	}
	if (!m->load(m->arg, o, &e, &len)) {
		mark(j->lost, s32);
		return;
	}
	keys = partget(e, len, &n);
	free(e);
	if (keys == NULL) {
		mark(j->lost, s32);
		return;
	}
	if (!shardout(m, keys, n, sh, j->out, j->st))
		__atomic_store_n(&j->ok, 0, __ATOMIC_RELAXED);
	for (k = 0; k < n; k++)
		key_free(keys[k]);
	free(keys);
}

/*
 * The shards of the index of every case's keys into out: all of them,
 * each case's text written too and its entry noted in st; or, with
 * only, those it names alone, noted in st.  Returns 0 on error
 * (reported).
 */
static int
fromcases(const struct site *s, const char *out, struct pool *pool,
    const unsigned char *only, uint32_t *ns, struct sstate *st,
    size_t *hits)
{
	struct ix	*x;
	size_t		 np = (size_t)pool_jobs(pool);

	x = xcalloc(np, sizeof(*x));
	if (!fill(s, out, pool, only == NULL, only, *ns, x,
	    only == NULL ? st : NULL, hits)) {
		ix_free(x, np);
		return 0;
	}
	return shards(s->memo, x, np, ns, only, out, pool, st);
}

/* search/meta.js for ns shards, then the state st kept for the next
 * build.  Returns 0 on error (reported). */
static int
finish(const struct site *s, const char *out, uint32_t ns,
    const struct sstate *st)
{
	if (!meta(s, ns, out))
		return 0;
	state_save(s->memo, st);
	return 1;
}

/*
 * The index made again from the one last made (old), when few cases
 * changed: only the shards that hold their keys are made again, and the
 * others stay as published.  Returns the number of files written, or 0
 * on error (reported); *taken is 0 when nothing was written, because
 * the index is better made in full (too many changes, or the number of
 * shards would change, or what was kept cannot be read).
 */
static size_t
rebuild(const struct site *s, const char *out, struct pool *pool,
    const struct sstate *old, size_t *hits, int *taken)
{
	struct incjob	 j;
	struct sstate	 st;
	size_t		 n = s->ncases, top, nch = 0, i, k;
	size_t		 np = (size_t)pool_jobs(pool);
	uint64_t	 bytes = old->bytes, b;
	uint32_t	 ns = old->ns, sh;
	int		 ok = 1;

	*taken = 0;
	top = n > old->n ? n : old->n;
	memset(&j, 0, sizeof(j));
	memset(&st, 0, sizeof(st));
	st.n = (uint32_t)n;
	st.ns = ns;
	st.ok = 1;
	st.doc = xcalloc(n + 1, DOCREC);
	j.s = s;
	j.out = out;
	j.old = old;
	j.st = &st;
	j.ok = 1;
	j.changed = xcalloc(top / 8 + 1, 1);
	j.ch = xcalloc(top + 1, sizeof(*j.ch));
	for (i = 0; i < top; i++) {
		if (i < n && !searchkey(s, s->cases[n - 1 - i], (uint32_t)i,
		    st.doc + i * DOCREC))
			goto full;
		if (i >= n || i >= old->n || memcmp(st.doc + i * DOCREC,
		    old->doc + i * DOCREC, 32) != 0) {
			mark((unsigned char *)j.changed, (uint32_t)i);
			j.ch[nch++] = i;
		}
	}
	/* A case's keys fall in most shards: past a few cases, every
	 * shard is made again, and as fast in full. */
	if (nch > n / 16 + 1)
		goto full;
	j.was = xcalloc(nch + 1, sizeof(*j.was));
	j.is = xcalloc(nch + 1, sizeof(*j.is));
	j.found = xcalloc(np, sizeof(*j.found));
	pool_for(pool, nch, changeone, &j);
	if (!j.ok)
		goto full;
	j.dl = xcalloc(ns, sizeof(*j.dl));
	for (k = 0; k < nch; k++)
		deltas(j.dl, ns, (uint32_t)j.ch[k],
		    j.was[k].len > 0 ? j.was[k].p + 32 : NULL,
		    j.was[k].len > 0 ? j.was[k].len - 32 : 0,
		    j.is[k].len > 0 ? j.is[k].p + 32 : NULL,
		    j.is[k].len > 0 ? j.is[k].len - 32 : 0);
	j.aff = xcalloc((size_t)ns + 1, sizeof(*j.aff));
	for (sh = 0; sh < ns; sh++)
		if (j.dl[sh].n > 0)
			j.aff[j.naff++] = sh;
	j.keys = xcalloc(j.naff + 1, sizeof(*j.keys));
	j.nkeys = xcalloc(j.naff + 1, sizeof(*j.nkeys));
	pool_for(pool, j.naff, touchone, &j);
	if (!j.ok)
		goto full;
	for (k = 0; k < j.naff; k++) {
		memcpy(&b, old->shard + (size_t)j.aff[k] * SHREC + 64, 8);
		bytes -= b;
		for (i = 0; i < j.nkeys[k]; i++)
			bytes += keybytes(j.keys[k][i]);
	}
	if (bytes / SHARD_BYTES + 1 != ns)
		goto full;

	/* From here on, the index is made by its changes. */
	*taken = 1;
	st.bytes = bytes;
	st.shard = xmalloc((size_t)ns * SHREC);
	memcpy(st.shard, old->shard, (size_t)ns * SHREC);
	j.lost = xcalloc((size_t)ns / 8 + 1, 1);
	pool_for(pool, n, docone, &j);
	if (j.ok)
		pool_for(pool, ns, shardinc, &j);
	ok = j.ok;
	for (sh = 0; ok && sh < ns && !marked(j.lost, sh); sh++)
		continue;
	if (ok && sh < ns)
		ok = fromcases(s, out, pool, j.lost, &ns, &st, NULL);
	ok = ok && finish(s, out, ns, &st);
	hits[0] = j.hits;
	hits[1] = j.kept;
	hits[2] = ns;
full:
	for (k = 0; j.keys != NULL && k < j.naff; k++) {
		for (i = 0; j.keys[k] != NULL && i < j.nkeys[k]; i++)
			key_free(j.keys[k][i]);
		free(j.keys[k]);
	}
	free(j.keys);
	free(j.nkeys);
	for (sh = 0; j.dl != NULL && sh < ns; sh++)
		free(j.dl[sh].v);
	free(j.dl);
	free(j.aff);
	for (k = 0; k < nch && j.was != NULL; k++) {
		buf_free(&j.was[k]);
		buf_free(&j.is[k]);
	}
	free(j.was);
	free(j.is);
	for (i = 0; j.found != NULL && i < np; i++) {
		free(j.found[i].v);
		free(j.found[i].w);
	}
	free(j.found);
	free(j.lost);
	free((unsigned char *)j.changed);
	free(j.ch);
	state_free(&st);
	return ok ? n + ns + 1 : 0;
}

/*
 * Write the search index of the public portal s into out.  Returns the
 * number of files written, 0 on error (reported).  hits[0] says how
 * many cases' entries were as made before, hits[1] how many of the
 * hits[2] shards were taken as they were.
 */
size_t
search_write(const struct site *s, const char *out, struct pool *pool,
    size_t *hits)
{
	const struct pagememo *m = s->memo;
	struct sstate	 old, st;
	size_t		 n = s->ncases, files;
	uint32_t	 ns = 0;
	int		 ok, taken;

	hits[0] = hits[1] = hits[2] = 0;
	if (m != NULL && state_load(m, &old)) {
		files = rebuild(s, out, pool, &old, hits, &taken);
		state_free(&old);
		if (taken)
			return files;
	}
	memset(&st, 0, sizeof(st));
	st.n = (uint32_t)n;
	st.ok = m != NULL;
	st.doc = xcalloc(n + 1, DOCREC);
	ok = fromcases(s, out, pool, NULL, &ns, &st, &hits[0]);
	ok = ok && finish(s, out, ns, &st);
	state_free(&st);
	hits[2] = ns;
	return ok ? n + ns + 1 : 0;
}
