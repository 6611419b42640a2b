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

static int
knamecmp(const void *a, const void *b)
{
	kname	 x = *(const kname *)a, y = *(const kname *)b;

	return x < y ? -1 : x > y;
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

	if (nt > 1)
		qsort(kl->v, nt, sizeof(*kl->v), knamecmp);
	if (kl->n - nt > 1)
		qsort(kl->v + nt, kl->n - nt, sizeof(*kl->v), knamecmp);
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
 * of its own, filled by a worker of its own.
 */
static void
putkeys(struct ix *x, const char *e, size_t len, uint32_t doc,
    uint32_t part, uint32_t nparts)
{
	uint32_t	 t;
	kname		 h;
	size_t		 i, n;

	memcpy(&t, e, sizeof(t));
	n = (len - sizeof(t)) / sizeof(h);
	for (i = 0; i < n; i++) {
		memcpy(&h, e + sizeof(t) + i * sizeof(h), sizeof(h));
		if ((uint32_t)h % nparts == part)
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

/*
 * Case doc (record r): its keys into kl, and its text to show into
 * out/rel, whose digest goes into h when the file is watched.  Returns
 * 0 on error (reported).
 */
static int
onecase(const struct site *s, struct klist *kl, const struct record *r,
    uint32_t doc, const char *out, const char *rel, unsigned char *h)
{
	struct buf	 b;
	char		*title, *summary, *unit, *cat, *date, *text;
	char		*f[FACTOR__MAX], *decided, *line;
	const char	*oc, *p, *e;
	size_t		 i;
	int		 ok;

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
	ok = writefile_as(out, rel, b.p, b.len, h);
	buf_free(&b);
	free(title);
	free(summary);
	free(unit);
	free(cat);
	free(date);
	free(decided);
	free(text);
	return ok;
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

/*
 * Write the search index of the public portal s into out.  Returns the
 * number of files written, 0 on error (reported).
 */
/* Cases found side by side, BATCH at a time. */
#define BATCH	256

struct casejob {
	const struct site	*s;
	const char		*out;
	struct buf		*kl;	/* each case's text's digest and
					 * keys (klist_put) */
	struct klist		*found;	/* each worker's, as found */
	size_t			 base;	/* the first case's number */
	size_t			 hits;	/* cases as made before */
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

	if (s->memo == NULL || sodium_is_zero(r->src, 32))
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
 * Case doc: its entry and its text as made before, when the memo has
 * both (the text as published), or made now and remembered.
 */
static void
caseone(void *arg, size_t i, int worker)
{
	struct casejob	*j = arg;
	const struct pagememo *m = j->s->memo;
	const struct record *r;
	size_t		 doc = j->base + i, len;
	unsigned char	 key[32], h[32];
	char		*rel, *e;
	int		 keyed;

	r = j->s->cases[j->s->ncases - 1 - doc];
	rel = xasprintf("search/d/%zu.js", doc);
	if ((keyed = searchkey(j->s, r, (uint32_t)doc, key)) &&
	    m->load(m->arg, key, &e, &len)) {
		/* The digest of the text, then the keys. */
		if (len > 32 && entry_ok(e + 32, len - 32) &&
		    writelink(j->out, rel, (unsigned char *)e)) {
			buf_put(&j->kl[i], e, len);
			__atomic_add_fetch(&j->hits, 1, __ATOMIC_RELAXED);
			free(e);
			free(rel);
			return;
		}
		free(e);
	}
	memset(h, 0, sizeof(h));
	if (!onecase(j->s, &j->found[worker], r, (uint32_t)doc, j->out, rel,
	    h))
		__atomic_store_n(&j->ok, 0, __ATOMIC_RELAXED);
	buf_put(&j->kl[i], (const char *)h, sizeof(h));
	klist_put(&j->found[worker], &j->kl[i]);
	if (keyed && !sodium_is_zero(h, 32))
		m->save(m->arg, key, j->kl[i].p, j->kl[i].len);
	free(rel);
}

/* The keys of a batch of cases into the parts of the index side by
 * side: part K takes the keys whose name is K modulo their number. */
struct putjob {
	struct ix	*x;		/* the parts */
	struct buf	*kl;		/* the batch's entries */
	size_t		 base, m;
	uint32_t	 nparts;
};

static void
putpart(void *arg, size_t part, int worker)
{
	struct putjob	*j = arg;
	size_t		 i;

	(void)worker;
	for (i = 0; i < j->m; i++)
		putkeys(&j->x[part], j->kl[i].p + 32, j->kl[i].len - 32,
		    (uint32_t)(j->base + i), (uint32_t)part, j->nparts);
}

/* The shards written side by side: shard K holds keys[at[K]] up to
 * keys[at[K + 1]]. */
struct shardjob {
	struct key	**keys;
	size_t		 *at;
	const char	 *out;
	int		  ok;
};

static void
shardone(void *arg, size_t sh, int worker)
{
	struct shardjob	*j = arg;
	struct key	**keys = j->keys;
	struct buf	  b;
	size_t		  i, k, m;
	uint32_t	  id;
	char		 *rel;

	(void)worker;
	memset(&b, 0, sizeof(b));
	buf_printf(&b, "disclose_search.shard(%zu, \"", sh);
	/* A line a key: its name (ten digits, the lowest first), its
	 * cases, its title hits. */
	for (i = j->at[sh]; i < j->at[sh + 1]; i = m) {
		for (m = i + 1; m < j->at[sh + 1] &&
		    keys[m]->id == keys[i]->id; m++)
			merge(keys[i], keys[m]);
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
	if (!writefile(j->out, rel, b.p, b.len))
		__atomic_store_n(&j->ok, 0, __ATOMIC_RELAXED);
	free(rel);
	buf_free(&b);
}

size_t
search_write(const struct site *s, const char *out, struct pool *pool,
    size_t *hits)
{
	struct ix	 *x;
	struct key	**keys;
	struct casejob	  cj;
	struct putjob	  pj;
	struct shardjob	  sj;
	size_t		  i, j, k, m, n = s->ncases, files = 0, nkeys, bytes;
	uint32_t	  ns, sh, np = (uint32_t)pool_jobs(pool);
	int		  ok = 1;

	x = xcalloc(np, sizeof(*x));
	memset(&pj, 0, sizeof(pj));
	pj.x = x;
	pj.nparts = np;
	/* The cases' texts and keys on the pool; their keys go into the
	 * index in the cases' order, so that it is the same for any -j. */
	memset(&cj, 0, sizeof(cj));
	cj.s = s;
	cj.out = out;
	cj.ok = 1;
	cj.kl = xcalloc(BATCH, sizeof(*cj.kl));
	cj.found = xcalloc((size_t)pool_jobs(pool), sizeof(*cj.found));
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
		files += m;
	}
	for (i = 0; i < BATCH; i++)
		buf_free(&cj.kl[i]);
	free(cj.kl);
	for (i = 0; i < (size_t)pool_jobs(pool); i++)
		free(cj.found[i].v);
	free(cj.found);
	*hits = cj.hits;
	ok = cj.ok;
	for (k = nkeys = bytes = 0; k < np; k++) {
		nkeys += x[k].n;
		bytes += x[k].bytes;
	}
	ns = (uint32_t)(bytes / SHARD_BYTES + 1);
	keys = xcalloc(nkeys + 1, sizeof(*keys));
	for (k = j = 0; k < np; k++) {
		for (i = 0; i < x[k].cap; i++)
			if (x[k].v[i].k != NULL)
				keys[j++] = x[k].v[i].k;
		free(x[k].v);
	}
	free(x);
	qsort_r(keys, nkeys, sizeof(*keys), keycmp, &ns);
	/* Where each shard's keys begin, in the sorted keys. */
	sj.at = xcalloc((size_t)ns + 1, sizeof(*sj.at));
	for (i = 0, sh = 0; sh < ns; sh++) {
		sj.at[sh] = i;
		while (i < nkeys && keys[i]->hash % ns == sh)
			i++;
	}
	sj.at[ns] = i;
	sj.keys = keys;
	sj.out = out;
	sj.ok = ok;
	if (ok)
		pool_for(pool, ns, shardone, &sj);
	ok = sj.ok;
	files += ns;
	free(sj.at);
	for (i = 0; i < nkeys; i++) {
		buf_free(&keys[i]->docs);
		buf_free(&keys[i]->title);
		free(keys[i]);
	}
	free(keys);
	if (ok && !meta(s, ns, out))
		ok = 0;
	return ok ? files + 1 : 0;
}
