/*
 * The audit: an independent second line of defence that reads the
 * output bytes, not the code path that made them.  Every file of a
 * built site is searched, in every form a reader could decode -- HTML
 * entities and numeric character references, percent-encoding, JSON \u
 * escapes, markup between characters -- and through the same fold as
 * redaction (fold.c), for:
 *
 *  (a) the original of every value the policy withheld, masked or
 *      pseudonymized (a short one only in its own case's text: HTML is
 *      split into regions by the data-case attribute the templates put
 *      on each case's page and card, feeds by the id of each entry, open
 *      data by the id of each record; values with six digits or more and
 *      addresses count anywhere);
 *  (b) every protected name of the portal, anywhere, in any interpunct
 *      form or split by joiners (上官-雨桐), unless it stands inside a
 *      phrase the policy calls ordinary or a name site.yaml publishes;
 *  (c) the id of every unpublished case, as a whole token;
 *  (d) with a broader net than redaction's: every span of a number with
 *      the shape of a phone, identity or card number, whatever its
 *      check digit, every credit code and every e-mail address, unless
 *      it is a value redaction kept on purpose and said why (the
 *      redaction report lists them; a number said to fail its check
 *      must fail it), one site.yaml publishes, or a
 *      string the portal makes itself (a digest), which is never read as
 *      a number.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sodium.h>

#include "disclose.h"
#include "extern.h"

/* What ends a part of a region's text (see shed). */
#define PARTEND		'\x01'

enum nkind {
	N_VALUE = 0,		/* an original of a redaction */
	N_NAME,			/* a protected name */
	N_GIVEN,		/* its given name, a leak before a title */
	N_HIDDEN,		/* the id of an unpublished case */
	N_LATIN			/* a protected name in Latin letters, a
				 * leak as a word of its own */
};

/* One value to look for. */
struct needle {
	const char	*id;		/* its case */
	const char	*field;		/* its field, for the report */
	size_t		 off;		/* compact folded UTF-8, in the
					 * audit's text */
	uint32_t	 len;
	unsigned char	 kind;		/* enum nkind */
	unsigned char	 anywhere;	/* distinctive: counts in every case */
	uint32_t	 sur;		/* a given name's: after the offset of
					 * its surname in the audit's text, or
					 * 0 */
};

/*
 * The needles of one string, which the automaton finds as one: those of
 * an unpublished id, then the others that count anywhere, then those
 * that count only in their own case, each part sorted by case.
 */
struct ngroup {
	uint32_t	 first;		/* in the audit's order */
	uint32_t	 nhid;
	uint32_t	 nany;
	uint32_t	 nown;
	uint32_t	 ngiven;	/* given names */
	uint32_t	 nlatin;	/* names in Latin letters, last */
};

/*
 * A withheld address (or other text with numbers) as it is read
 * (detect_addrread): 荷塘路一百二十八号 or 12栋4单元601室 in its case's
 * text is 荷塘路128号 or 12-4-601 as written, as redaction reads it.
 */
struct addrv {
	struct needle	 nd;		/* its case and field */
	uint32_t	*cp;		/* folded */
	size_t		 n;
	struct reading	 r;
	uint64_t	 has[16];	/* the characters of r, by their low
					 * ten bits: where none stands, no
					 * part of it begins */
	size_t		 seq;		/* in the log, for a stable order */
};

struct audit {
	struct needle	*nd;
	size_t		 nnd;
	size_t		 capnd;
	struct buf	 text;		/* the needles' strings, one after
					 * another */
	struct ftext	 kt;		/* scratch of needlekey */
	struct buf	 kb;
	uint32_t	*order;		/* needles by string, then group part */
	struct ngroup	*grp;
	size_t		 ngrp;
	struct ac	*ac;
	uint32_t	*dig;		/* the groups whose string is digits,
					 * by hash: open addressing, + 1 */
	size_t		 capdig;	/* a power of two, or 0 */
	uint64_t	 diglens;	/* their lengths (bit n: n digits) */
	const char	**ids;		/* known case ids, sorted */
	size_t		 nids;
	int		 detect;	/* detector hits are findings */
	char		**accept;	/* normal forms kept on purpose, sorted */
	size_t		 naccept;
	char		**exempt;	/* ordinary and public phrases, compact */
	size_t		 nexempt;
	char		**runs;		/* their runs of RUN characters, by
					 * hash: open addressing */
	size_t		 capruns;	/* a power of two, or 0 */
	char		*known;		/* the portal's digests, sorted, 64
					 * bytes each */
	size_t		 nknown;
	pthread_mutex_t	 lock;
	size_t		 findings;
	unsigned char	 key[32];	/* what it searches for */
	int		(*clean)(void *, const char *);
	void		*cleanarg;	/* files it may pass by */
	/* The cases of a file of open data that passed an audit of the
	 * same key, as digests of their regions (audit_memo). */
	int		(*mload)(void *, const char *, char **, size_t *);
	void		(*msave)(void *, const char *, const char *, size_t);
	void		*marg;
	size_t		 regions, passed;	/* of such files: read,
						 * passed before */
	/* The cases and fields the needles name, each kept once: the
	 * audit outlives what it was made of. */
	char		**blk;		/* blocks that do not move */
	size_t		 nblk, used;	/* bytes used of the last */
	const char	**set;		/* open addressing */
	size_t		 capset, nset;
	const char	*lastin, *lastout;
	/* Parts of texts (see shed) are remembered by a SipHash under a
	 * key of this audit's own; 0 when a needle could hold a part's
	 * end, and then none is. */
	unsigned char	 partkey[crypto_shorthash_siphashx24_KEYBYTES];
	int		 parts;
	struct addrv	*addr;		/* withheld addresses, by case */
	size_t		 naddr, capaddr;
};

#define STRBLOCK	65536

/* FNV-1a, 64 bits. */
static uint64_t
fnv(const char *s, size_t len)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	size_t		 i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

static void
setput(const char **set, size_t cap, const char *s)
{
	size_t	 j;

	for (j = fnv(s, strlen(s)) & (cap - 1); set[j] != NULL;
	    j = (j + 1) & (cap - 1))
		continue;
	set[j] = s;
}

/* The audit's own copy of s, the same for equal strings. */
static const char *
keep(struct audit *a, const char *s)
{
	const char	**old, *c;
	size_t		 j, len, cap;
	char		*p;

	if (s == a->lastin && s != NULL)
		return a->lastout;
	len = strlen(s);
	if (a->capset > 0)
		for (j = fnv(s, len) & (a->capset - 1); a->set[j] != NULL;
		    j = (j + 1) & (a->capset - 1))
			if (strcmp(a->set[j], s) == 0) {
				a->lastin = s;
				return a->lastout = a->set[j];
			}
	if (a->nblk == 0 || a->used + len + 1 > STRBLOCK) {
		a->blk = xreallocarray(a->blk, a->nblk + 1, sizeof(*a->blk));
		a->blk[a->nblk++] = xmalloc(len + 1 > STRBLOCK ? len + 1 :
		    STRBLOCK);
		a->used = 0;
	}
	p = a->blk[a->nblk - 1] + a->used;
	memcpy(p, s, len + 1);
	a->used = len + 1 > STRBLOCK ? STRBLOCK : a->used + len + 1;
	if (2 * (a->nset + 1) > a->capset) {
		old = a->set;
		cap = a->capset;
		a->capset = cap == 0 ? 1024 : 2 * cap;
		a->set = xcalloc(a->capset, sizeof(*a->set));
		for (j = 0; j < cap; j++)
			if ((c = old[j]) != NULL)
				setput(a->set, a->capset, c);
		free(old);
	}
	setput(a->set, a->capset, p);
	a->nset++;
	a->lastin = s;
	return a->lastout = p;
}

/*
 * The audit's reading of folded text: without interpuncts, nor the
 * joiners between two Chinese characters (上官-雨桐 reads 上官雨桐), and
 * without the one or two marks that stand between digits (139.0000.2020
 * reads 13900002020), as UTF-8 with the index of each byte's character.
 * Needles and texts are read alike.
 */
static void
compact(const struct ftext *t, struct buf *b, uint32_t **at, size_t *capat)
{
	const uint32_t	*cp = t->cp;
	uint32_t	 c;
	size_t		 i, k, j, w, o;
	char		*p;

	/* Four bytes at most for each character, and the NUL. */
	b->len = 0;
	buf_grow(b, 4 * t->n + 1);
	if (at != NULL && 4 * t->n + 1 > *capat) {
		*capat = 4 * t->n + 4096;
		*at = xreallocarray(*at, *capat, sizeof(**at));
	}
	p = b->p;
	o = 0;
	for (i = 0; i < t->n; i++) {
		c = cp[i];
		/* Interpuncts lie between . and U+30FB; so do the marks
		 * over a Latin letter and the hyphen between two, which
		 * names are read without. */
		if (c >= '-' && c <= 0x30fb && (fold_interpunct(c) ||
		    fold_latinskip(cp, t->n, i)))
			continue;
		/* So do other joiners between the parts of a name (none
		 * of them a Chinese character but one drawn as a mark, nor
		 * a space). */
		if (c > ' ' && (c < 0x3400 || c >= 0xa000 ||
		    fold_drawnmark(c)) && (k = fold_joinrun(cp, t->n, i)) > i) {
			i = k - 1;
			continue;
		}
		if (i > 0 && cp[i - 1] >= '0' && cp[i - 1] <= '9' &&
		    !fold_isalnum(c)) {
			for (k = i; k < t->n && k < i + 2 &&
			    !fold_isalnum(cp[k]) && cp[k] >= 0x20; k++)
				continue;
			if (k < t->n && cp[k] >= '0' && cp[k] <= '9') {
				i = k - 1;
				continue;
			}
		}
		if (c < 0x80) {
			p[o] = (char)c;
			w = 1;
		} else
			w = (size_t)(utf8_put(p + o, c) - (p + o));
		if (at != NULL)
			for (j = 0; j < w; j++)
				(*at)[o + j] = (uint32_t)i;
		o += w;
	}
	p[o] = '\0';
	b->len = o;
}

/* The audit's reading of s, in its scratch buffer (a->kb). */
static const char *
foldkey(struct ftext *kt, struct buf *kb, const char *s, size_t *len)
{
	ftext_fold(kt, s, strlen(s), FOLD_DECODE | FOLD_NOPOS);
	compact(kt, kb, NULL, NULL);
	*len = kb->len;
	return kb->p;
}

static const char *
needlekey(struct audit *a, const char *s, size_t *len)
{
	return foldkey(&a->kt, &a->kb, s, len);
}

/* The string of a needle. */
static inline const char *
ndstr(const struct audit *a, const struct needle *n)
{
	return a->text.p + n->off;
}

/* Whether a needle is distinctive: six digits or more, or an address. */
static int
distinctive(const char *s)
{
	size_t	 digits = 0;

	if (strchr(s, '@') != NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (*s >= '0' && *s <= '9')
			digits++;
	return digits >= 6;
}

static int
exempt(const struct audit *a, const char *s)
{
	return bsearch(&s, a->exempt, a->nexempt, sizeof(*a->exempt),
	    strpcmp) != NULL;
}

/*
 * Add a needle: its string goes to the audit's text, one allocation for
 * them all, and the needle is four words.
 */
static void
addfolded(struct audit *a, const char *s, size_t len, const char *id,
    const char *field, enum nkind kind)
{
	struct needle	*n;
	size_t		 k;
	const char	*kid;

	/* A single character cannot be searched for; a name that site.yaml
	 * publishes (a unit's) is no secret. */
	if (utf8_count(s, len) < 2 || exempt(a, s) || len > UINT32_MAX)
		return;
	/* The redactions of a case come together: look back over them (an
	 * id kept is one string, whose address names it). */
	kid = keep(a, id);
	for (k = a->nnd; k > 0 && a->nd[k - 1].id == kid; k--)
		if (a->nd[k - 1].len == len && a->nd[k - 1].kind == kind &&
		    memcmp(ndstr(a, &a->nd[k - 1]), s, len) == 0)
			return;
	if (a->nnd == a->capnd) {
		a->capnd = a->capnd == 0 ? 256 : 2 * a->capnd;
		a->nd = xreallocarray(a->nd, a->capnd, sizeof(*a->nd));
	}
	n = &a->nd[a->nnd++];
	n->off = a->text.len;
	n->len = (uint32_t)len;
	n->id = kid;
	n->field = keep(a, field);
	n->kind = (unsigned char)kind;
	n->anywhere = kind != N_VALUE || distinctive(s);
	n->sur = 0;
	buf_put(&a->text, s, len);
	buf_putc(&a->text, '\0');
}

static void
addneedle(struct audit *a, const char *orig, const char *id,
    const char *field, enum nkind kind)
{
	const char	*s;
	size_t		 len;

	s = needlekey(a, orig, &len);
	addfolded(a, s, len, id, field, kind);
}

/* The needle of a person's given name, and the surname before it. */
static void
givenneedle(struct audit *a, const struct protname *p)
{
	const char	*s;
	char		*sur;
	size_t		 n = a->nnd, len;

	addneedle(a, p->given, p->id, p->field, N_GIVEN);
	if (a->nnd == n || a->text.len >= UINT32_MAX - p->keylen)
		return;
	sur = xstrndup(p->key, p->keylen - p->givenlen);
	s = needlekey(a, sur, &len);
	a->nd[n].sur = (uint32_t)a->text.len + 1;
	buf_put(&a->text, s, len);
	buf_putc(&a->text, '\0');
	free(sur);
}

/*
 * A given name's needle of those k.. k + n - 1 whose surname and an
 * office stand right before it at byte st of the text (唐副局长建华);
 * NULL if none.
 */
static const struct needle *
officed(const struct audit *a, const char *b, size_t k, size_t n, size_t st)
{
	const struct needle	*nd;
	const char		*sur;
	size_t			 end;

	if ((end = names_officeat(b, st)) == 0)
		return NULL;
	for (; n > 0; k++, n--) {
		nd = &a->nd[a->order[k]];
		if (nd->sur == 0)
			continue;
		sur = a->text.p + nd->sur - 1;
		if (names_surnameat(b, end, sur, strlen(sur)))
			return nd;
	}
	return NULL;
}

/*
 * Whether a withheld value is searched for by its parts too: a field's
 * value or a hand mark that is no name and no address of mail (what the
 * body showed of them, an occurrence, a link address, has its parts in
 * them).
 */
static int
hasruns(const struct redaction *r)
{
	const char	*dot = strrchr(r->where, '.');

	return !((dot != NULL && strcmp(dot, ".name") == 0) ||
	    strchr(r->original, '@') != NULL ||
	    (strncmp(r->where, "body", 4) == 0 &&
	    strcmp(r->where, "body (hand mark)") != 0));
}

/*
 * The needles of a withheld value, folded, one after another in out,
 * each as its length (four bytes) and its bytes: the value, and the
 * parts of a text that is no name and no address of mail (a street
 * address, a hand-marked passage), every run of six of its characters,
 * in its own case.
 */
static void
valuekeys(const struct redaction *r, struct ftext *kt, struct buf *kb,
    struct buf *out)
{
	struct ftext	 t;
	struct buf	 b;
	size_t		 i, k, han = 0, len;
	uint32_t	 n;
	char		 enc[4], org[10];
	const char	*dot = strrchr(r->where, '.'), *key;

	key = foldkey(kt, kb, r->original, &len);
	n = (uint32_t)len;
	buf_put(out, (const char *)&n, sizeof(n));
	buf_put(out, key, len);
	/* The organization's code inside a credit code, wherever the
	 * portal shows it, as redaction withholds it. */
	if (kt->n == 18 && len == 18 && detect_orgcode(key, len, dot != NULL &&
	    strcmp(dot, ".credit_code") == 0, org)) {
		key = foldkey(kt, kb, org, &len);
		n = (uint32_t)len;
		buf_put(out, (const char *)&n, sizeof(n));
		buf_put(out, key, len);
	}
	if (!hasruns(r))
		return;
	memset(&t, 0, sizeof(t));
	memset(&b, 0, sizeof(b));
	ftext_fold(&t, r->original, strlen(r->original), FOLD_DECODE);
	for (i = 0; i < t.n; i++)
		han += fold_ishan(t.cp[i]);
	for (i = 0; han > 0 && t.n > 6 && i + 6 <= t.n; i++) {
		b.len = 0;
		for (k = i, han = 0; k < i + 6; k++) {
			han += fold_ishan(t.cp[k]);
			buf_put(&b, enc, (size_t)(utf8_put(enc, t.cp[k]) -
			    enc));
		}
		if (han == 0) {
			han = 1;
			continue;
		}
		buf_putc(&b, '\0');
		key = foldkey(kt, kb, b.p, &len);
		n = (uint32_t)len;
		buf_put(out, (const char *)&n, sizeof(n));
		buf_put(out, key, len);
	}
	buf_free(&b);
	ftext_free(&t);
}

/* The log's values folded on the pool, CHUNK entries an item. */
#define CHUNK	4096

struct foldjob {
	const struct redlog	*log;
	struct buf		*out;	/* each chunk's needles */
	size_t			*ends;	/* where each entry's end in its
					 * chunk's */
};

static void
foldchunk(void *arg, size_t c, int worker)
{
	struct foldjob	*j = arg;
	struct ftext	 kt;
	struct buf	 kb;
	size_t		 i, end;

	(void)worker;
	memset(&kt, 0, sizeof(kt));
	memset(&kb, 0, sizeof(kb));
	end = (c + 1) * CHUNK < j->log->n ? (c + 1) * CHUNK : j->log->n;
	for (i = c * CHUNK; i < end; i++) {
		valuekeys(&j->log->v[i], &kt, &kb, &j->out[c]);
		j->ends[i] = j->out[c].len;
	}
	ftext_free(&kt);
	buf_free(&kb);
}

static int	suffix(const char *, const char *);

#define RUN	6	/* characters of a part of a withheld text */

/*
 * Every run of RUN characters of the phrases that exempt (what site.yaml
 * publishes, the theme's words, the portal's own texts, the ordinary
 * phrases), folded: a part of a withheld text that is one of them says
 * nothing the portal does not say of its own (县自然资源局 of a position
 * 县自然资源局股长, beside the unit 澄岚县自然资源局), and is no needle,
 * as redaction does not withhold it either.
 */
static void
exemptruns(struct audit *a)
{
	size_t	 i, k, n, len, w, j, cap, *at = NULL, nat = 0;
	char	*r;

	for (i = 0, n = 0; i < a->nexempt; i++)
		n += strlen(a->exempt[i]);
	for (cap = 16; cap < 2 * n; cap *= 2)
		continue;
	a->runs = xcalloc(cap, sizeof(*a->runs));
	a->capruns = cap;
	for (i = 0; i < a->nexempt; i++) {
		len = strlen(a->exempt[i]);
		/* Where each character begins, and where the text ends. */
		for (k = 0, n = 0; k <= len; k += w, n++) {
			if (n + 1 > nat) {
				nat = 2 * (n + 1);
				at = xreallocarray(at, nat, sizeof(*at));
			}
			at[n] = k;
			w = 1;
			while (k + w < len &&
			    ((unsigned char)a->exempt[i][k + w] & 0xc0) == 0x80)
				w++;
		}
		for (k = 0; k + RUN < n; k++) {
			r = xstrndup(a->exempt[i] + at[k], at[k + RUN] - at[k]);
			for (j = fnv(r, strlen(r)) & (cap - 1);
			    a->runs[j] != NULL && strcmp(a->runs[j], r) != 0;
			    j = (j + 1) & (cap - 1))
				continue;
			if (a->runs[j] == NULL)
				a->runs[j] = r;
			else
				free(r);
		}
	}
	free(at);
}

/* Whether the len bytes at s are a run of a phrase that exempts. */
static int
exemptrun(const struct audit *a, const char *s, size_t len)
{
	size_t	 j;

	if (a->capruns == 0)
		return 0;
	for (j = fnv(s, len) & (a->capruns - 1); a->runs[j] != NULL;
	    j = (j + 1) & (a->capruns - 1))
		if (strlen(a->runs[j]) == len && memcmp(a->runs[j], s,
		    len) == 0)
			return 1;
	return 0;
}

static int
addrcmp(const void *x, const void *y)
{
	const struct addrv	*p = x, *q = y;
	int			 c;

	if ((c = strcmp(p->nd.id, q->nd.id)) != 0)
		return c;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/*
 * Keep a withheld text of Chinese with a number in it as it is read, to
 * be searched for in its case's text (addrscan); as written, it is a
 * needle already.
 */
static void
addaddr(struct audit *a, const struct redaction *r, size_t seq)
{
	struct ftext	 t;
	struct reading	 rd;
	struct addrv	*v;
	size_t		 i, han = 0, dig = 0;
	const char	*p;

	/* Of ASCII alone, and no escape of another character, it holds no
	 * Chinese. */
	for (p = r->original; *p != '\0' && (unsigned char)*p < 0x80 &&
	    *p != '&' && *p != '%' && *p != '\\'; p++)
		continue;
	if (*p == '\0')
		return;
	memset(&t, 0, sizeof(t));
	ftext_fold(&t, r->original, strlen(r->original), FOLD_DECODE |
	    FOLD_NOPOS);
	for (i = 0; i < t.n; i++)
		han += fold_ishan(t.cp[i]);
	if (han == 0 || t.n < 2 || exempt(a, needlekey(a, r->original,
	    &i))) {
		ftext_free(&t);
		return;
	}
	memset(&rd, 0, sizeof(rd));
	detect_addrread(t.cp, t.n, &rd);
	for (i = 0; i < rd.n; i++)
		dig += isdigit32(rd.cp[i]);
	if (dig == 0) {
		detect_readfree(&rd);
		ftext_free(&t);
		return;
	}
	if (a->naddr == a->capaddr) {
		a->capaddr = a->capaddr == 0 ? 64 : 2 * a->capaddr;
		a->addr = xreallocarray(a->addr, a->capaddr,
		    sizeof(*a->addr));
	}
	v = &a->addr[a->naddr++];
	memset(v, 0, sizeof(*v));
	v->nd.id = keep(a, r->id);
	v->nd.field = keep(a, r->where);
	v->nd.kind = N_VALUE;
	v->cp = xreallocarray(NULL, t.n, sizeof(*v->cp));
	memcpy(v->cp, t.cp, t.n * sizeof(*v->cp));
	v->n = t.n;
	v->r = rd;
	for (i = 0; i < rd.n; i++)
		v->has[(rd.cp[i] >> 6) & 15] |= (uint64_t)1 << (rd.cp[i] & 63);
	v->seq = seq;
	ftext_free(&t);
}

/* The needles of every withheld value of log, in its order. */
static void
addvalues(struct audit *a, const struct redlog *log, struct pool *pool)
{
	struct foldjob	 j;
	size_t		 c, nc, i, at, part, k;
	uint32_t	 n;
	const char	*p;

	nc = (log->n + CHUNK - 1) / CHUNK;
	j.log = log;
	j.out = xcalloc(nc + 1, sizeof(*j.out));
	j.ends = xcalloc(log->n + 1, sizeof(*j.ends));
	if (pool != NULL)
		pool_for(pool, nc, foldchunk, &j);
	else
		for (c = 0; c < nc; c++)
			foldchunk(&j, c, 0);
	for (i = 0; i < log->n; i++) {
		c = i / CHUNK;
		at = i % CHUNK == 0 ? 0 : j.ends[i - 1];
		for (part = 0; at < j.ends[i]; part++) {
			p = j.out[c].p + at;
			memcpy(&n, p, sizeof(n));
			/* A withheld basis is a number of the public list
			 * (basis[2]): not searched for as a secret; nor is
			 * a given name, but before a title (N_GIVEN); nor a
			 * part (after the value) that the portal says of
			 * its own. */
			if (strncmp(log->v[i].where, "basis[", 6) != 0 &&
			    !suffix(log->v[i].where, GIVENTAG) &&
			    !suffix(log->v[i].where, LATINTAG) &&
			    (part == 0 || !exemptrun(a, p + sizeof(n), n))) {
				k = a->nnd;
				addfolded(a, p + sizeof(n), n, log->v[i].id,
				    log->v[i].where, N_VALUE);
				/* A date generalized is its own case's:
				 * another case may well be decided on the
				 * same day. */
				if (a->nnd > k && log->v[i].op == OP_GENERALIZE)
					a->nd[a->nnd - 1].anywhere = 0;
			}
			at += sizeof(n) + n;
		}
		if (i % CHUNK == CHUNK - 1 || i + 1 == log->n)
			buf_free(&j.out[c]);
		if (hasruns(&log->v[i]) && strncmp(log->v[i].where, "basis[",
		    6) != 0 && !suffix(log->v[i].where, GIVENTAG) &&
		    !suffix(log->v[i].where, LATINTAG))
			addaddr(a, &log->v[i], i);
	}
	free(j.out);
	free(j.ends);
	if (a->naddr > 1)
		qsort(a->addr, a->naddr, sizeof(*a->addr), addrcmp);
}

static void
addaccept(struct audit *a, const char *norm)
{
	a->accept = xreallocarray(a->accept, a->naccept + 1,
	    sizeof(*a->accept));
	a->accept[a->naccept++] = xstrdup(norm);
}

/* What the key is made of, gathered a run at a time: the needles are
 * many and short. */
struct keyacc {
	crypto_generichash_state st;
	struct buf		 b;
};

/* A string of the key, after its length. */
static void
keystr(struct keyacc *k, const char *s, size_t len)
{
	uint64_t	 n = len;

	buf_put(&k->b, (const char *)&n, sizeof(n));
	buf_put(&k->b, s, len);
	if (k->b.len >= 65536) {
		crypto_generichash_update(&k->st, (const unsigned char *)k->b.p,
		    k->b.len);
		k->b.len = 0;
	}
}

/*
 * The key of what the audit searches for: every needle with its case
 * and reach, the phrases that exempt, the case ids that attribute text,
 * what is accepted, and whether detector hits count.  A file that passed
 * an audit of the same key passes this one.  The portal's digests are
 * left out: they only keep hexadecimal strings the portal made from
 * being read as numbers, and a changed case changes every file that
 * shows its digest.
 */
static void
auditkey(struct audit *a)
{
	struct keyacc	 st;
	size_t		 i;
	char		 k[2];

	memset(&st, 0, sizeof(st));
	crypto_generichash_init(&st.st, NULL, 0, sizeof(a->key));
	k[0] = (char)a->detect;
	keystr(&st, k, 1);
	for (i = 0; i < a->nnd; i++) {
		k[0] = (char)a->nd[i].kind;
		k[1] = (char)a->nd[i].anywhere;
		keystr(&st, k, 2);
		keystr(&st, ndstr(a, &a->nd[i]), a->nd[i].len);
		keystr(&st, a->nd[i].id, strlen(a->nd[i].id));
	}
	keystr(&st, "", 0);
	for (i = 0; i < a->naddr; i++) {
		keystr(&st, a->addr[i].nd.id, strlen(a->addr[i].nd.id));
		keystr(&st, (const char *)a->addr[i].cp, a->addr[i].n *
		    sizeof(*a->addr[i].cp));
	}
	keystr(&st, "", 0);
	for (i = 0; i < a->nexempt; i++)
		keystr(&st, a->exempt[i], strlen(a->exempt[i]));
	keystr(&st, "", 0);
	for (i = 0; i < a->nids; i++)
		keystr(&st, a->ids[i], strlen(a->ids[i]));
	keystr(&st, "", 0);
	for (i = 0; i < a->naccept; i++)
		keystr(&st, a->accept[i], strlen(a->accept[i]));
	crypto_generichash_update(&st.st, (const unsigned char *)st.b.p,
	    st.b.len);
	buf_free(&st.b);
	crypto_generichash_final(&st.st, a->key, sizeof(a->key));
}

/* Of the cases of files of open data read: how many passed an audit
 * before (audit_memo), and of how many. */
size_t
audit_passed(const struct audit *a, size_t *of)
{
	*of = a->regions;
	return a->passed;
}

/* Whether the audit remembers the cases of the file at path that
 * passed (audit_memo): open data, JSON or CSV. */
int
audit_memoed(const char *path)
{
	return suffix(path, ".json") || suffix(path, ".csv");
}

const unsigned char *
audit_key(const struct audit *a)
{
	return a->key;
}

/*
 * Of a file of open data (JSON or CSV), read again because it changed,
 * the cases whose regions passed an audit of the same key before, as they
 * are, are not searched again: load(arg, file) gives the digests of
 * those regions, save(arg, file, digests) keeps them for the next.
 */
void
audit_memo(struct audit *a, int (*load)(void *, const char *, char **,
    size_t *), void (*save)(void *, const char *, const char *, size_t),
    void *arg)
{
	a->mload = load;
	a->msave = save;
	a->marg = arg;
}

/* Files that clean(arg, path under the directory) says passed an audit
 * of the same key, as they are, are not read again. */
void
audit_skip(struct audit *a, int (*clean)(void *, const char *), void *arg)
{
	a->clean = clean;
	a->cleanarg = arg;
}

static int
ndclass(const struct needle *n)
{
	if (n->kind == N_LATIN)
		return 4;
	if (n->kind == N_GIVEN)
		return 3;
	return n->kind == N_HIDDEN ? 0 : n->anywhere ? 1 : 2;
}

/* By string, then class, then case; then as added, so that the order
 * is the same from run to run. */
static int
ordercmp(const void *x, const void *y, void *arg)
{
	const struct audit	*au = arg;
	uint32_t		 i = *(const uint32_t *)x;
	uint32_t		 j = *(const uint32_t *)y;
	const struct needle	*a = &au->nd[i], *b = &au->nd[j];
	int			 c;

	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	if ((c = memcmp(ndstr(au, a), ndstr(au, b), a->len)) != 0)
		return c;
	if (ndclass(a) != ndclass(b))
		return ndclass(a) - ndclass(b);
	if ((c = strcmp(a->id, b->id)) != 0)
		return c;
	return i < j ? -1 : i > j;
}

/* A string of 2 to 63 ASCII digits, the last of them an x or not (an
 * identity number's check): the table finds it, not the automaton (a
 * withheld number is most of a portal's needles). */
static int
isdigits(const char *s, size_t len)
{
	size_t	 i;

	if (len < 2 || len > 63)
		return 0;
	for (i = 0; i < len; i++)
		if ((s[i] < '0' || s[i] > '9') && (s[i] != 'x' ||
		    i + 1 < len))
			return 0;
	return 1;
}

/* Put group g, of digits, in the table. */
static void
digadd(struct audit *a, size_t g)
{
	const struct needle	*n = &a->nd[a->order[a->grp[g].first]];
	size_t			 j;

	for (j = fnv(ndstr(a, n), n->len) & (a->capdig - 1); a->dig[j] != 0;
	    j = (j + 1) & (a->capdig - 1))
		continue;
	a->dig[j] = (uint32_t)g + 1;
	a->diglens |= 1ULL << n->len;
}

/* The group whose string is the len digits at s, of hash h, or
 * SIZE_MAX. */
static size_t
digfind(const struct audit *a, const char *s, size_t len, uint64_t h)
{
	const struct needle	*n;
	size_t			 j;

	for (j = h & (a->capdig - 1); a->dig[j] != 0;
	    j = (j + 1) & (a->capdig - 1)) {
		n = &a->nd[a->order[a->grp[a->dig[j] - 1].first]];
		if (n->len == len && memcmp(ndstr(a, n), s, len) == 0)
			return a->dig[j] - 1;
	}
	return SIZE_MAX;
}

/*
 * One pattern of the automaton per string: a common name or a phrase of
 * many addresses is found once, and the case it counts for is looked
 * up, so that the audit costs the same per file however many cases the
 * portal has.
 */
/* The order sorted in parts side by side, then merged: ordercmp is a
 * total order, so the result is that of one sort, whatever the parts. */
struct sortjob {
	struct audit	*a;
	size_t		 part;	/* needles a part */
};

static void
sortpart(void *arg, size_t k, int worker)
{
	struct sortjob	*j = arg;
	size_t		 lo = k * j->part, n;

	(void)worker;
	n = j->a->nnd - lo < j->part ? j->a->nnd - lo : j->part;
	qsort_r(j->a->order + lo, n, sizeof(*j->a->order), ordercmp, j->a);
}

static void
sortorder(struct audit *a, struct pool *pool)
{
	struct sortjob	 j;
	uint32_t	*from = a->order, *to, *t;
	size_t		 np, w, lo, mid, hi, x, y, o;

	np = pool != NULL ? (size_t)pool_jobs(pool) : 1;
	if (np < 2 || a->nnd < 1024) {
		qsort_r(a->order, a->nnd, sizeof(*a->order), ordercmp, a);
		return;
	}
	j.a = a;
	j.part = (a->nnd + np - 1) / np;
	pool_for(pool, np, sortpart, &j);
	to = xcalloc(a->nnd + 1, sizeof(*to));
	for (w = j.part; w < a->nnd; w *= 2) {
		for (lo = 0; lo < a->nnd; lo += 2 * w) {
			mid = lo + w < a->nnd ? lo + w : a->nnd;
			hi = lo + 2 * w < a->nnd ? lo + 2 * w : a->nnd;
			for (x = lo, y = mid, o = lo; o < hi; o++)
				to[o] = y >= hi || (x < mid && ordercmp(
				    &from[x], &from[y], a) <= 0) ?
				    from[x++] : from[y++];
		}
		t = from;
		from = to;
		to = t;
	}
	if (from != a->order) {
		memcpy(a->order, from, a->nnd * sizeof(*a->order));
		to = from;
	}
	free(to);
}

static void
group(struct audit *a, struct pool *pool)
{
	struct ngroup		*g = NULL;
	const struct needle	*n, *p;
	size_t			 i;

	if (a->nnd >= UINT32_MAX)
		abort();
	a->order = xcalloc(a->nnd + 1, sizeof(*a->order));
	for (i = 0; i < a->nnd; i++)
		a->order[i] = (uint32_t)i;
	sortorder(a, pool);
	a->grp = xcalloc(a->nnd + 1, sizeof(*a->grp));
	for (i = 0; i < a->nnd; i++) {
		n = &a->nd[a->order[i]];
		p = i > 0 ? &a->nd[a->order[i - 1]] : NULL;
		if (p == NULL || p->len != n->len ||
		    memcmp(ndstr(a, p), ndstr(a, n), n->len) != 0) {
			g = &a->grp[a->ngrp++];
			g->first = (uint32_t)i;
		}
		switch (ndclass(n)) {
		case 0:
			g->nhid++;
			break;
		case 1:
			g->nany++;
			break;
		case 2:
			g->nown++;
			break;
		case 3:
			g->ngiven++;
			break;
		default:
			g->nlatin++;
			break;
		}
	}
	/* Most strings are one needle's: the groups take their room. */
	a->grp = xreallocarray(a->grp, a->ngrp + 1, sizeof(*a->grp));
}

/* The needle of part [lo, lo + n) of the order whose case is id, if
 * any. */
static const struct needle *
bycase(const struct audit *a, size_t lo, size_t n, const char *id)
{
	size_t	 hi = lo + n, mid;
	int	 c;

	if (id == NULL)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(id, a->nd[a->order[mid]].id)) == 0)
			return &a->nd[a->order[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

#define DIGESTLEN	64	/* a digest the portal makes, in hex */

static int
digestcmp(const void *x, const void *y)
{
	return memcmp(x, y, DIGESTLEN);
}

/* Whether n (64, or 12 for the short form) bytes at s are a digest of
 * the portal, or the beginning of one. */
static int
isdigest(const struct audit *a, const char *s, size_t n)
{
	size_t	 lo = 0, hi = a->nknown, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = memcmp(s, a->known + DIGESTLEN * mid, n)) == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/*
 * What finds the needles in a text: the groups of equal strings, the
 * table of those of digits and the automaton of the others, with the
 * phrases a needle may stand in.  Made once, by audit_arm or when the
 * first file is read.
 */
static void
arm(struct audit *a, struct pool *pool)
{
	const char	*n;
	size_t		 i, len;

	if (a->ac != NULL)
		return;
	group(a, pool);
	a->ac = ac_new();
	for (a->capdig = 16; a->capdig < 2 * a->ngrp; a->capdig *= 2)
		continue;
	a->dig = xcalloc(a->capdig, sizeof(*a->dig));
	for (i = 0; i < a->ngrp; i++) {
		n = ndstr(a, &a->nd[a->order[a->grp[i].first]]);
		len = a->nd[a->order[a->grp[i].first]].len;
		if (isdigits(n, len))
			digadd(a, i);
		else
			ac_add(a->ac, n, len, i);
		if (memchr(n, PARTEND, len) != NULL)
			a->parts = 0;
	}
	/* Found in the same pass: the phrases a needle may stand in. */
	for (i = 0; i < a->nexempt; i++) {
		ac_add(a->ac, a->exempt[i], strlen(a->exempt[i]), a->ngrp + i);
		if (strchr(a->exempt[i], PARTEND) != NULL)
			a->parts = 0;
	}
	ac_build(a->ac);
}

/* Make what finds the needles now (a build makes it beside its index,
 * before the portal is written; it takes less than what rendering
 * holds). */
void
audit_arm(struct audit *a, struct pool *pool)
{
	arm(a, pool);
}

/* Whether a name in Latin letters is a word of the theme (in->latin) or
 * of the portal's own texts (own): PingFang, a font, is no 方平. */
static int
themeword(const struct auditin *in, char *const *own, size_t nown,
    const char *py)
{
	return (in->nlatin > 0 && bsearch(&py, in->latin, in->nlatin,
	    sizeof(*in->latin), strpcmp) != NULL) || (nown > 0 &&
	    bsearch(&py, own, nown, sizeof(*own), strpcmp) != NULL);
}

/*
 * Prepare an audit.  log holds the originals to look for and the
 * numbers kept on purpose; prot the protected people; ids the records
 * whose text the site may hold, hidden the ids of those that must
 * appear nowhere; digests the strings the portal makes; ro what
 * site.yaml publishes; ui the theme's own text.
 */
struct audit *
audit_new(const struct auditin *in)
{
	struct audit	*a;
	size_t		 i, len, k, nown = 0;
	char		*norm, **own = NULL;

	a = xcalloc(1, sizeof(*a));
	pthread_mutex_init(&a->lock, NULL);
	a->detect = in->detect;
	/* What publishes a protected name on purpose. */
	a->exempt = xcalloc(in->ro->nnames + in->prot->nordinary + in->nui + 1,
	    sizeof(*a->exempt));
	for (i = 0; i < in->ro->nnames; i++)
		a->exempt[a->nexempt++] = xstrdup(needlekey(a,
		    in->ro->names[i], &len));
	/* The theme's own words are no case's (办理 in 办理程序). */
	for (i = 0; i < in->nui; i++)
		if (utf8_count(in->ui[i], strlen(in->ui[i])) >= 2)
			a->exempt[a->nexempt++] = xstrdup(needlekey(a,
			    in->ui[i], &len));
	for (i = 0; i < in->prot->nordinary; i++)
		a->exempt[a->nexempt++] = xstrdup(needlekey(a,
		    in->prot->ordinary[i], &len));
	if (a->nexempt > 1)
		qsort(a->exempt, a->nexempt, sizeof(*a->exempt), strpcmp);
	exemptruns(a);
	a->ids = xcalloc(in->nids + 1, sizeof(*a->ids));
	for (i = 0; i < in->nids; i++)
		a->ids[a->nids++] = in->ids[i];
	if (a->nids > 1)
		qsort(a->ids, a->nids, sizeof(*a->ids), strpcmp);
	addvalues(a, in->log, in->pool);
	/* The words in Latin letters of the portal's own texts. */
	for (i = 0; i < in->nui; i++)
		latin_words(in->ui[i], &own, &nown);
	if (nown > 1)
		qsort(own, nown, sizeof(*own), strpcmp);
	for (i = 0; i < in->prot->n; i++) {
		addneedle(a, in->prot->v[i].name, in->prot->v[i].id,
		    in->prot->v[i].field, N_NAME);
		if (in->prot->v[i].given != NULL)
			givenneedle(a, &in->prot->v[i]);
		for (k = 0; k < in->prot->v[i].npy; k++)
			if (!themeword(in, own, nown, in->prot->v[i].py[k]))
				addneedle(a, in->prot->v[i].py[k],
				    in->prot->v[i].id, in->prot->v[i].field,
				    N_LATIN);
	}
	strv_free(own, nown);
	for (i = 0; i < in->nhidden; i++)
		addneedle(a, in->hidden[i], in->hidden[i], "(an unpublished "
		    "case: its id)", N_HIDDEN);
	ftext_free(&a->kt);
	buf_free(&a->kb);
	/* What redaction kept on purpose, and what site.yaml publishes;
	 * a number said to fail its check is taken at its word only if it
	 * does (a detector's slip is no reason to publish). */
	for (i = 0; i < in->log->nkept; i++)
		if (in->log->kept[i].why != KEEP_CHECK ||
		    !detect_passes(in->log->kept[i].norm))
			addaccept(a, in->log->kept[i].norm);
	for (i = 0; i < in->ro->nallow; i++) {
		norm = detect_norm(in->ro->allow[i]);
		addaccept(a, norm);
		free(norm);
	}
	if (a->naccept > 1)
		qsort(a->accept, a->naccept, sizeof(*a->accept), strpcmp);
	/* The digests: 64 hexadecimal digits each, side by side. */
	a->known = xcalloc(in->ndigests + 1, DIGESTLEN);
	for (i = 0, k = 0; i < in->ndigests; i++)
		if (in->digests[i] != NULL &&
		    strlen(in->digests[i]) == DIGESTLEN)
			memcpy(a->known + DIGESTLEN * k++, in->digests[i],
			    DIGESTLEN);
	a->nknown = k;
	if (a->nknown > 1)
		qsort(a->known, a->nknown, DIGESTLEN, digestcmp);
	auditkey(a);
	a->lastin = a->lastout = NULL;
	randombytes_buf(a->partkey, sizeof(a->partkey));
	a->parts = 1;
	return a;
}

void
audit_free(struct audit *a)
{
	size_t	 i;

	if (a == NULL)
		return;
	free(a->nd);
	buf_free(&a->text);
	ftext_free(&a->kt);
	buf_free(&a->kb);
	free(a->order);
	free(a->grp);
	ac_free(a->ac);
	free(a->dig);
	free(a->ids);
	strv_free(a->accept, a->naccept);
	strv_free(a->exempt, a->nexempt);
	strv_free(a->runs, a->capruns);
	free(a->known);
	for (i = 0; i < a->naddr; i++) {
		free(a->addr[i].cp);
		detect_readfree(&a->addr[i].r);
	}
	free(a->addr);
	for (i = 0; i < a->nblk; i++)
		free(a->blk[i]);
	free(a->blk);
	free(a->set);
	pthread_mutex_destroy(&a->lock);
	free(a);
}

/* The case an id names: a case id, or a tag URI tag:…:ID[/…]. */
static const char *
caseof(const struct audit *a, const char *s)
{
	const char	*p, **hit;
	char		*id;

	if (s == NULL)
		return NULL;
	if (strncmp(s, "tag:", 4) == 0 && (p = strrchr(s, ':')) != NULL) {
		id = xstrndup(p + 1, strcspn(p + 1, "/"));
		hit = bsearch(&id, a->ids, a->nids, sizeof(*a->ids),
		    strpcmp);
		free(id);
		return hit != NULL ? *hit : NULL;
	}
	hit = bsearch(&s, a->ids, a->nids, sizeof(*a->ids), strpcmp);
	return hit != NULL ? *hit : NULL;
}

/* A finding at p in file (0:0 for the file as a whole). */
static void
findingat(struct audit *a, const char *file, struct pos p, const char *fmt,
    const char *x, const char *y, const char *z)
{
	pthread_mutex_lock(&a->lock);
	a->findings++;
	pthread_mutex_unlock(&a->lock);
	diag_error(file, p, fmt, x, y, z);
}

/* A finding at the start of a line (0: the file as a whole). */
static void
finding(struct audit *a, const char *file, int line, const char *fmt,
    const char *x, const char *y, const char *z)
{
	struct pos	 p;

	p.line = line;
	p.col = line > 0 ? 1 : 0;
	findingat(a, file, p, fmt, x, y, z);
}

/* Offsets in a file, in order. */
struct offs {
	size_t	*v;
	size_t	 n, cap;
};

static void
offs_push(struct offs *o, size_t off)
{
	if (o->n == o->cap) {
		o->cap = o->cap == 0 ? 64 : 2 * o->cap;
		o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
	}
	o->v[o->n++] = off;
}

static void
offs_append(struct offs *o, const struct offs *from)
{
	size_t	 i;

	for (i = 0; i < from->n; i++)
		offs_push(o, from->v[i]);
}

/* Decoders: what a reader, a browser or a parser would turn text into. */

/* The bytes that may begin something decoded. */
static const char escapes[] = "&%\\+";
#define NESC	(sizeof(escapes) - 1)

/*
 * The place of the first of escapes from i on in len bytes of s, or len;
 * next keeps where each was last found past the place asked for (0:
 * not looked for yet), so that each is searched for once in a run.
 */
static size_t
nextesc(const char *s, size_t i, size_t len, size_t *next)
{
	const char	*q;
	size_t		 e, k = len;

	for (e = 0; e < NESC; e++) {
		if (next[e] == 0 || (next[e] < i && next[e] < len)) {
			q = i < len ? memchr(s + i, escapes[e], len - i) : NULL;
			next[e] = q != NULL ? (size_t)(q - s) : len;
		}
		if (next[e] < k)
			k = next[e];
	}
	return k;
}

/* Whether the percent-encoding at s + i (of len) is a run of GBK; *end
 * where its run ends, GBK or not, so that a run is looked at once. */
static int
gbkrun(const char *s, size_t i, size_t len, size_t *end)
{
	size_t	 k;
	int	 gbk = fold_pctgbk(s + i, len - i, &k);

	*end = i + (k > 0 ? k : 1);
	return gbk;
}

/*
 * One round of every decoding into out (reused): entities, %XX, \uXXXX,
 * + of form encoding.  Returns whether anything was decoded.
 */
static int
decode(const char *s, size_t len, struct buf *out)
{
	size_t		 i, k, w, gend = 0, next[NESC] = { 0 };
	uint32_t	 c, lo;
	int		 hi, l, changed = 0;
	char		 enc[4], ref[16];

	out->len = 0;
	buf_grow(out, len + 4);
	for (i = 0; i < len; ) {
		if (s[i] == '&' && fold_charref(s + i, len - i, &k, ref)) {
			buf_puts(out, ref);
			i += k;
			changed = 1;
		} else if (s[i] == '%' && i >= gend &&
		    gbkrun(s, i, len, &gend)) {
			/* A run of GBK (%D5%C5), as the fold reads it. */
			while (i < gend)
				if ((c = fold_gbkat(s + i, gend - i,
				    &w)) != 0) {
					buf_put(out, enc, (size_t)(utf8_put(enc,
					    c) - enc));
					i += w;
				} else {
					buf_putc(out, (char)(hexval(s[i + 1]) *
					    16 + hexval(s[i + 2])));
					i += 3;
				}
			changed = 1;
		} else if (s[i] == '%' && i + 2 < len &&
		    (hi = hexval(s[i + 1])) >= 0 &&
		    (l = hexval(s[i + 2])) >= 0) {
			buf_putc(out, (char)(hi * 16 + l));
			i += 3;
			changed = 1;
		} else if (s[i] == '\\' && i + 5 < len && s[i + 1] == 'u' &&
		    hexval(s[i + 2]) >= 0 && hexval(s[i + 3]) >= 0 &&
		    hexval(s[i + 4]) >= 0 && hexval(s[i + 5]) >= 0) {
			c = (uint32_t)(hexval(s[i + 2]) << 12 |
			    hexval(s[i + 3]) << 8 | hexval(s[i + 4]) << 4 |
			    hexval(s[i + 5]));
			i += 6;
			/* A surrogate pair. */
			if (c >= 0xd800 && c < 0xdc00 && i + 5 < len &&
			    s[i] == '\\' && s[i + 1] == 'u' &&
			    hexval(s[i + 2]) >= 0 && hexval(s[i + 3]) >= 0 &&
			    hexval(s[i + 4]) >= 0 && hexval(s[i + 5]) >= 0) {
				lo = (uint32_t)(hexval(s[i + 2]) << 12 |
				    hexval(s[i + 3]) << 8 |
				    hexval(s[i + 4]) << 4 | hexval(s[i + 5]));
				if (lo >= 0xdc00 && lo < 0xe000) {
					c = 0x10000 + ((c - 0xd800) << 10) +
					    (lo - 0xdc00);
					i += 6;
				}
			}
			buf_put(out, enc, (size_t)(utf8_put(enc, c) - enc));
			changed = 1;
		} else if (s[i] == '+' && i > 0 && s[i - 1] != ' ') {
			buf_putc(out, ' ');	/* form encoding */
			i++;
			changed = 1;
		} else {
			/* A run of bytes that nothing decodes, at once. */
			k = nextesc(s, i + 1, len, next);
			buf_put(out, s + i, k - i);
			i = k;
		}
	}
	buf_putc(out, '\0');
	out->len--;
	return changed;
}

/* Whether name (len bytes) is the tag name n. */
static int
tagis(const char *name, size_t len, const char *n)
{
	return strlen(n) == len && strncasecmp(name, n, len) == 0;
}

#define TAG_INLINE	1	/* its tags may stand inside a word */
#define TAG_BREAK	2	/* it ends the text before it */
#define TAG_VOID	4	/* it has no content: never open */
#define TAG_SPECIAL	8	/* HTML's special: an end tag of another
				 * name stops at it */
#define TAG_SCOPE	16	/* it bounds the scope an end tag of a
				 * special element looks in */

struct tagname {
	const char	*name;
	int		 kind;
};

/* The names of tagkind(), hashed for a look-up by name: made once. */
#define TAGSLOTS	1024
static const struct tagname *tagslot[TAGSLOTS];
static size_t	 taglen[TAGSLOTS];	/* the length of its name */
static pthread_once_t tagonce = PTHREAD_ONCE_INIT;

static const struct tagname tagnames[] = {
	{ "a", TAG_INLINE }, { "abbr", TAG_INLINE }, { "acronym", TAG_INLINE },
	{ "address", TAG_BREAK | TAG_SPECIAL },
	{ "applet", TAG_BREAK | TAG_SPECIAL | TAG_SCOPE },
	{ "area", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "article", TAG_BREAK | TAG_SPECIAL },
	{ "aside", TAG_BREAK | TAG_SPECIAL }, { "audio", TAG_BREAK },
	{ "author", TAG_BREAK }, { "b", TAG_INLINE },
	{ "base", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "basefont", TAG_BREAK | TAG_VOID | TAG_SPECIAL }, { "bdi", TAG_INLINE },
	{ "bdo", TAG_INLINE }, { "bgsound", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "big", TAG_INLINE }, { "blockquote", TAG_BREAK | TAG_SPECIAL },
	{ "body", TAG_BREAK | TAG_SPECIAL },
	{ "br", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "button", TAG_BREAK | TAG_SPECIAL }, { "canvas", TAG_BREAK },
	{ "caption", TAG_BREAK | TAG_SPECIAL | TAG_SCOPE },
	{ "category", TAG_BREAK }, { "center", TAG_BREAK | TAG_SPECIAL },
	{ "changefreq", TAG_BREAK }, { "channel", TAG_BREAK },
	{ "circle", TAG_BREAK }, { "cite", TAG_INLINE },
	{ "code", TAG_INLINE }, { "col", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "colgroup", TAG_BREAK | TAG_SPECIAL }, { "comments", TAG_BREAK },
	{ "content", TAG_BREAK }, { "contributor", TAG_BREAK },
	{ "copyright", TAG_BREAK }, { "data", TAG_INLINE },
	{ "dd", TAG_BREAK | TAG_SPECIAL }, { "defs", TAG_BREAK },
	{ "del", TAG_INLINE }, { "desc", TAG_BREAK },
	{ "description", TAG_BREAK }, { "details", TAG_BREAK | TAG_SPECIAL },
	{ "dfn", TAG_INLINE }, { "dialog", TAG_BREAK },
	{ "dir", TAG_BREAK | TAG_SPECIAL }, { "div", TAG_BREAK | TAG_SPECIAL },
	{ "dl", TAG_BREAK | TAG_SPECIAL }, { "docs", TAG_BREAK },
	{ "dt", TAG_BREAK | TAG_SPECIAL }, { "ellipse", TAG_BREAK },
	{ "em", TAG_INLINE }, { "email", TAG_BREAK },
	{ "embed", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "enclosure", TAG_BREAK }, { "encoded", TAG_BREAK },
	{ "entry", TAG_BREAK }, { "feed", TAG_BREAK },
	{ "fieldset", TAG_BREAK | TAG_SPECIAL },
	{ "figcaption", TAG_BREAK | TAG_SPECIAL },
	{ "figure", TAG_BREAK | TAG_SPECIAL }, { "font", TAG_INLINE },
	{ "footer", TAG_BREAK | TAG_SPECIAL },
	{ "form", TAG_BREAK | TAG_SPECIAL },
	{ "frame", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "frameset", TAG_BREAK | TAG_SPECIAL }, { "g", TAG_BREAK },
	{ "generator", TAG_BREAK }, { "guid", TAG_BREAK },
	{ "h1", TAG_BREAK | TAG_SPECIAL }, { "h2", TAG_BREAK | TAG_SPECIAL },
	{ "h3", TAG_BREAK | TAG_SPECIAL }, { "h4", TAG_BREAK | TAG_SPECIAL },
	{ "h5", TAG_BREAK | TAG_SPECIAL }, { "h6", TAG_BREAK | TAG_SPECIAL },
	{ "head", TAG_BREAK | TAG_SPECIAL },
	{ "header", TAG_BREAK | TAG_SPECIAL },
	{ "hgroup", TAG_BREAK | TAG_SPECIAL },
	{ "hr", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "html", TAG_BREAK | TAG_SPECIAL | TAG_SCOPE }, { "i", TAG_INLINE },
	{ "icon", TAG_BREAK }, { "id", TAG_BREAK },
	{ "iframe", TAG_BREAK | TAG_SPECIAL }, { "image", TAG_BREAK },
	{ "img", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "input", TAG_BREAK | TAG_VOID | TAG_SPECIAL }, { "ins", TAG_INLINE },
	{ "item", TAG_BREAK }, { "kbd", TAG_INLINE },
	{ "keygen", TAG_BREAK | TAG_VOID | TAG_SPECIAL }, { "label", TAG_BREAK },
	{ "language", TAG_BREAK }, { "lastbuilddate", TAG_BREAK },
	{ "lastmod", TAG_BREAK }, { "legend", TAG_BREAK },
	{ "li", TAG_BREAK | TAG_SPECIAL }, { "line", TAG_BREAK },
	{ "link", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "listing", TAG_BREAK | TAG_SPECIAL }, { "loc", TAG_BREAK },
	{ "logo", TAG_BREAK }, { "main", TAG_BREAK | TAG_SPECIAL },
	{ "map", TAG_BREAK }, { "mark", TAG_INLINE },
	{ "marquee", TAG_BREAK | TAG_SPECIAL | TAG_SCOPE },
	{ "menu", TAG_BREAK | TAG_SPECIAL },
	{ "meta", TAG_BREAK | TAG_VOID | TAG_SPECIAL }, { "meter", TAG_BREAK },
	{ "name", TAG_BREAK }, { "nav", TAG_BREAK | TAG_SPECIAL },
	{ "nobr", TAG_INLINE }, { "noembed", TAG_BREAK | TAG_SPECIAL },
	{ "noframes", TAG_BREAK | TAG_SPECIAL },
	{ "noscript", TAG_BREAK | TAG_SPECIAL },
	{ "object", TAG_BREAK | TAG_SPECIAL | TAG_SCOPE },
	{ "ol", TAG_BREAK | TAG_SPECIAL }, { "opml", TAG_BREAK },
	{ "optgroup", TAG_BREAK }, { "option", TAG_BREAK },
	{ "outline", TAG_BREAK }, { "output", TAG_BREAK },
	{ "p", TAG_BREAK | TAG_SPECIAL },
	{ "param", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "path", TAG_BREAK }, { "picture", TAG_BREAK },
	{ "plaintext", TAG_BREAK | TAG_SPECIAL }, { "polygon", TAG_BREAK },
	{ "polyline", TAG_BREAK }, { "pre", TAG_BREAK | TAG_SPECIAL },
	{ "priority", TAG_BREAK }, { "progress", TAG_BREAK },
	{ "pubdate", TAG_BREAK }, { "published", TAG_BREAK },
	{ "q", TAG_INLINE }, { "rb", TAG_INLINE }, { "rect", TAG_BREAK },
	{ "rights", TAG_BREAK }, { "rp", TAG_INLINE }, { "rss", TAG_BREAK },
	{ "rt", TAG_INLINE }, { "ruby", TAG_INLINE }, { "s", TAG_INLINE },
	{ "samp", TAG_INLINE }, { "script", TAG_BREAK | TAG_SPECIAL },
	{ "search", TAG_BREAK | TAG_SPECIAL },
	{ "section", TAG_BREAK | TAG_SPECIAL },
	{ "select", TAG_BREAK | TAG_SPECIAL }, { "slot", TAG_BREAK },
	{ "small", TAG_INLINE },
	{ "source", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "span", TAG_INLINE }, { "strike", TAG_INLINE },
	{ "strong", TAG_INLINE }, { "style", TAG_BREAK | TAG_SPECIAL },
	{ "sub", TAG_INLINE }, { "subtitle", TAG_BREAK },
	{ "summary", TAG_BREAK | TAG_SPECIAL }, { "sup", TAG_INLINE },
	{ "svg", TAG_BREAK }, { "table", TAG_BREAK | TAG_SPECIAL | TAG_SCOPE },
	{ "tbody", TAG_BREAK | TAG_SPECIAL },
	{ "td", TAG_BREAK | TAG_SPECIAL | TAG_SCOPE },
	{ "template", TAG_BREAK | TAG_SPECIAL | TAG_SCOPE },
	{ "text", TAG_BREAK }, { "textarea", TAG_BREAK | TAG_SPECIAL },
	{ "tfoot", TAG_BREAK | TAG_SPECIAL },
	{ "th", TAG_BREAK | TAG_SPECIAL | TAG_SCOPE },
	{ "thead", TAG_BREAK | TAG_SPECIAL }, { "time", TAG_INLINE },
	{ "title", TAG_BREAK | TAG_SPECIAL },
	{ "tr", TAG_BREAK | TAG_SPECIAL },
	{ "track", TAG_BREAK | TAG_VOID | TAG_SPECIAL },
	{ "tspan", TAG_INLINE }, { "tt", TAG_INLINE }, { "ttl", TAG_BREAK },
	{ "u", TAG_INLINE }, { "ul", TAG_BREAK | TAG_SPECIAL },
	{ "updated", TAG_BREAK }, { "uri", TAG_BREAK }, { "url", TAG_BREAK },
	{ "urlset", TAG_BREAK }, { "use", TAG_BREAK }, { "var", TAG_INLINE },
	{ "video", TAG_BREAK }, { "wbr", TAG_INLINE | TAG_VOID | TAG_SPECIAL },
	{ "webmaster", TAG_BREAK }, { "xmp", TAG_BREAK | TAG_SPECIAL }
};

static void
tagsinit(void)
{
	size_t	 i, h;

	for (i = 0; i < sizeof(tagnames) / sizeof(tagnames[0]); i++) {
		h = fnv(tagnames[i].name, strlen(tagnames[i].name)) &
		    (TAGSLOTS - 1);
		while (tagslot[h] != NULL)
			h = (h + 1) & (TAGSLOTS - 1);
		tagslot[h] = &tagnames[i];
		taglen[h] = strlen(tagnames[i].name);
	}
}

/*
 * What an element is to a reader, by its name (len bytes, any case, any
 * prefix: atom:link is link).  Inline: the elements of HTML's phrasing
 * content (王<b>建</b>国), in a page as in a feed.  Breaking: the other
 * elements of HTML, those of SVG, and those of the feeds, the sitemap and
 * the list of feeds; a table cell or a feed's category ends the text
 * before it.  Any other element is neither (0).
 */
static int
tagkind(const char *name, size_t len)
{
	const struct tagname *t;
	const char	*c;
	char		 low[16];
	size_t		 i, h;

	if ((c = memchr(name, ':', len)) != NULL) {
		len -= (size_t)(c + 1 - name);
		name = c + 1;
	}
	if (len == 0 || len >= sizeof(low))
		return 0;
	for (i = 0; i < len; i++)
		low[i] = name[i] >= 'A' && name[i] <= 'Z' ?
		    (char)(name[i] - 'A' + 'a') : name[i];
	pthread_once(&tagonce, tagsinit);
	for (h = fnv(low, len) & (TAGSLOTS - 1); (t = tagslot[h]) != NULL;
	    h = (h + 1) & (TAGSLOTS - 1))
		if (taglen[h] == len && memcmp(t->name, low, len) == 0)
			return t->kind;
	return 0;
}

/* Whether a byte may go on a word: not markup, not ASCII white space,
 * not the end of a text. */
static int
wordbyte(char c)
{
	return c != '<' && c != '>' && c != ' ' && c != '\t' && c != '\n' &&
	    c != '\r' && c != '\f' && c != '\x01' && c != '\0';
}

/* Whether c is an ASCII letter: what a tag's name begins with. */
static int
asciialpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t
namelen(const char *p, const char *end)
{
	size_t	 n = 0;

	while (p + n < end && p[n] != '>' && p[n] != ' ' && p[n] != '\t' &&
	    p[n] != '\n' && p[n] != '\r' && p[n] != '\f' && p[n] != '/')
		n++;
	return n;
}

/*
 * Whether the word before markup goes on after it: from p[i], past
 * comments and the tags of elements that end no text, the next text
 * begins with a byte of a word.  A reader sees 祁<x-a>明远</x-a> and
 * 158<!-- -->27364091 as one word.
 */
/*
 * The comment at p[i], as a browser reads it: <!-- to --> (or --!>;
 * <!--> and <!---> are empty), or a bogus one, <! or <? or </ not before
 * a letter, to the first >.  Its text runs from *c0 to *c1; returns the
 * index after it (len if it never ends), 0 if there is none at i.
 */
static size_t
comment(const char *p, size_t i, size_t len, size_t *c0, size_t *c1)
{
	const char	*q, *e = p + len;

	if (len - i < 2 || p[i] != '<')
		return 0;
	if (len - i >= 4 && memcmp(p + i, "<!--", 4) == 0) {
		*c0 = *c1 = i + 4;
		if (i + 4 < len && p[i + 4] == '>')
			return i + 5;
		if (i + 5 < len && p[i + 4] == '-' && p[i + 5] == '>')
			return i + 6;
		for (q = p + i + 4; (q = memmem(q, (size_t)(e - q), "--", 2)) !=
		    NULL; q++) {
			*c1 = (size_t)(q - p);
			if (q + 2 < e && q[2] == '>')
				return *c1 + 3;
			if (q + 3 < e && q[2] == '!' && q[3] == '>')
				return *c1 + 4;
		}
		*c1 = len;
		return len;
	}
	if (!(p[i + 1] == '!' || p[i + 1] == '?' || (p[i + 1] == '/' &&
	    i + 2 < len && p[i + 2] != '>' && !((p[i + 2] >= 'a' &&
	    p[i + 2] <= 'z') || (p[i + 2] >= 'A' && p[i + 2] <= 'Z')))))
		return 0;
	*c0 = i + 2;
	q = memchr(p + i + 2, '>', len - i - 2);
	*c1 = q != NULL ? (size_t)(q - p) : len;
	return q != NULL ? *c1 + 1 : len;
}

/* Where the next < is from i on in len bytes of s, or len. */
static size_t
nextlt(const char *s, size_t i, size_t len)
{
	const char	*q;

	if (i >= len)
		return len;
	q = memchr(s + i, '<', len - i);
	return q != NULL ? (size_t)(q - s) : len;
}

static size_t	 attrs(const char *, size_t, size_t, struct buf *,
		    struct offs *, int *, const char *, char **);

/* What wordafter found last: the places it passed, from one tag to the
 * next (ascending), and its answer for any of them. */
struct wordrun {
	struct offs	 at;
	int		 r;
	int		 html;	/* in HTML, where <![CDATA[ is a comment */
};

/*
 * For the start tag of an element named nm (nl bytes) whose text a
 * browser reads raw and does not show (script, style, title), ending
 * before p[i], in a page: where its end tag begins (*e; len if none),
 * and returns the index after that end tag.  0 for any other element.
 */
static size_t
rawend(const char *p, size_t i, size_t len, const char *nm, size_t nl,
    size_t *e)
{
	const char	*q, *end = p + len;
	size_t		 j;

	if (!tagis(nm, nl, "script") && !tagis(nm, nl, "style") &&
	    !tagis(nm, nl, "title"))
		return 0;
	for (q = p + i; (q = memchr(q, '<', (size_t)(end - q))) != NULL;
	    q++) {
		if ((size_t)(end - q) < nl + 2 || q[1] != '/' ||
		    strncasecmp(q + 2, nm, nl) != 0)
			continue;
		if (q + nl + 2 < end && strchr(" \t\n\r\f/>", q[nl + 2]) ==
		    NULL)
			continue;
		*e = (size_t)(q - p);
		j = attrs(p, *e + 2 + nl, len, NULL, NULL, NULL, NULL, NULL);
		return j < len ? j + 1 : len;
	}
	*e = len;
	return len;
}

static int
wordafter(const char *p, size_t i, size_t len, struct wordrun *wr)
{
	size_t		 n0, nl, lo, hi, mid, j, c0, c1;
	int		 r;

	/* A run of tags is read once, not once from each of its tags. */
	for (lo = 0, hi = wr->at.n; lo < hi; ) {
		mid = lo + (hi - lo) / 2;
		if (wr->at.v[mid] == i)
			return wr->r;
		if (wr->at.v[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	wr->at.n = 0;
	for (;;) {
		offs_push(&wr->at, i);
		if (i >= len || p[i] != '<') {
			r = i < len && wordbyte(p[i]);
			break;
		}
		if (!wr->html && len - i >= 9 &&
		    memcmp(p + i, "<![CDATA[", 9) == 0) {
			r = i + 9 < len && wordbyte(p[i + 9]);
			break;
		}
		if ((j = comment(p, i, len, &c0, &c1)) != 0) {
			if (c1 >= len) {
				r = 0;
				break;
			}
			i = j;
			continue;
		}
		n0 = i + 1 + (i + 1 < len && p[i + 1] == '/');
		nl = namelen(p + n0, p + len);
		/* In a page, an element not shown is passed over whole. */
		if (wr->html && n0 == i + 1 && nl > 0 &&
		    (j = attrs(p, n0 + nl, len, NULL, NULL, NULL, NULL,
		    NULL)) < len && (j = rawend(p, j + 1, len, p + n0, nl,
		    &c0)) != 0) {
			i = j;
			continue;
		}
		/* A < before no letter is text; a tag ends where the
		 * text's reading ends it. */
		if (nl == 0 || (n0 == i + 1 && !asciialpha(p[n0])) || (tagkind(p + n0, nl) & TAG_BREAK) ||
		    (i = attrs(p, n0 + nl, len, NULL, NULL, NULL, NULL,
		    NULL)) >= len) {
			r = 0;
			break;
		}
		i++;
	}
	wr->r = r;
	return r;
}

/*
 * Whether a tag of the element named nm (nl bytes), ending before p[end],
 * ends the text before it.  An inline element never does, one that ends
 * text always does; an element of neither kind (a custom element, one of
 * an unknown vocabulary) does unless it stands inside a word.  word:
 * whether the text before the tag ends in a word.
 */
static int
breaks(const char *nm, size_t nl, const char *p, size_t end, size_t len,
    int word, struct wordrun *wr)
{
	int	 k = tagkind(nm, nl);

	if (k & TAG_INLINE)
		return 0;
	if (k & TAG_BREAK)
		return 1;
	return !(word && wordafter(p, end, len, wr));
}

/* The value p[v0..v1) of an attribute: to side after a break, its
 * place to so; the lines it holds counted in *line, when given. */
static void
attrside(const char *p, size_t v0, size_t v1, struct buf *side,
    struct offs *so, int *line)
{
	size_t	 k;

	if (line != NULL)
		for (k = v0; k < v1; k++)
			*line += p[k] == '\n';
	if (side == NULL)
		return;
	buf_putc(side, '\x01');
	buf_put(side, p + v0, v1 - v0);
	if (so != NULL)
		offs_push(so, v0);
}

/*
 * The values of the attributes of a tag, from p[i] (after its name) to
 * its '>': each is text of its own, put to side after a break.  Returns
 * the index of the '>' (len if none); counts the lines it passes in
 * *line, when given; and sets *nv to the value of the attribute named
 * want (NULL if none), to be freed.
 */
static size_t
attrs(const char *p, size_t i, size_t len, struct buf *side,
    struct offs *so, int *line, const char *want, char **nv)
{
	size_t	 a0, an, v0, v1, wl = want != NULL ? strlen(want) : 0;
	const char *q;
	int	 odd;

	if (nv != NULL)
		*nv = NULL;
	while (i < len && p[i] != '>') {
		if (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' ||
		    p[i] == '\r' || p[i] == '\f' || p[i] == '/') {
			if (line != NULL && p[i] == '\n')
				(*line)++;
			i++;
			continue;
		}
		for (a0 = i, odd = 0; i < len && p[i] != '=' && p[i] != '>' &&
		    p[i] != ' ' && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r' && p[i] != '\f'; i++)
			odd |= !((p[i] >= 'a' && p[i] <= 'z') ||
			    (p[i] >= 'A' && p[i] <= 'Z') || p[i] == '-' ||
			    p[i] == '_' || p[i] == ':');
		an = i - a0;
		/* A name of anything but letters (<p 13800005362>, a
		 * quote where a name should be: <p "凌振邦">, read as a
		 * browser reads it, a name) is read as a value. */
		if (odd)
			attrside(p, a0, i, side, so, NULL);
		while (i < len && (p[i] == ' ' || p[i] == '\t' ||
		    p[i] == '\n' || p[i] == '\r' || p[i] == '\f')) {
			if (line != NULL && p[i] == '\n')
				(*line)++;
			i++;
		}
		if (i >= len || p[i] != '=')
			continue;
		for (i++; i < len && (p[i] == ' ' || p[i] == '\t' ||
		    p[i] == '\n' || p[i] == '\r' || p[i] == '\f'); i++)
			if (line != NULL && p[i] == '\n')
				(*line)++;
		if (i < len && (p[i] == '"' || p[i] == '\'')) {
			q = memchr(p + i + 1, p[i], len - i - 1);
			v0 = i + 1;
			v1 = q != NULL ? (size_t)(q - p) : len;
			i = q != NULL ? v1 + 1 : len;
		} else {
			for (v0 = i; i < len && p[i] != '>' && p[i] != ' ' &&
			    p[i] != '\t' && p[i] != '\n' && p[i] != '\r' &&
			    p[i] != '\f'; i++)
				continue;
			v1 = i;
		}
		if (nv != NULL && *nv == NULL && an == wl && wl > 0 &&
		    strncasecmp(p + a0, want, wl) == 0)
			*nv = xstrndup(p + v0, v1 - v0);
		attrside(p, v0, v1, side, so, line);
	}
	return i;
}

/*
 * The markup in decoded text (escaped HTML in a feed, markup in a JSON
 * string), read as a reader would: an inline tag, a comment and any
 * tag inside a word but one that ends text are nothing, another tag ends
 * the text before it; the values of the attributes (a link's address)
 * and the comments are texts of their own, put after the rest.  out and
 * side are reused.
 */
/* The breaks in n bytes at p, each one the end of a segment of the text
 * read: to *seg, and each one's number to map. */
static void
segsin(const char *p, size_t n, size_t *seg, struct offs *map)
{
	const char	*q, *e = p + n;

	for (q = p; (q = memchr(q, '\x01', (size_t)(e - q))) != NULL; q++)
		offs_push(map, ++*seg);
}

static void
unmark(const char *s, size_t len, struct buf *out, struct buf *side,
    struct offs *map, struct offs *smap)
{
	struct wordrun	 wr;
	size_t		 i, i0, j, n0, nl, seg = 0, k, c0, c1;

	memset(&wr, 0, sizeof(wr));
	wr.html = 1;
	out->len = 0;
	side->len = 0;
	map->n = smap->n = 0;
	buf_grow(out, len + 4);
	for (i = 0; i < len; ) {
		i0 = i;
		if (s[i] != '<' || i + 1 >= len || !(s[i + 1] == '/' ||
		    s[i + 1] == '!' || s[i + 1] == '?' ||
		    asciialpha(s[i + 1]))) {
			j = nextlt(s, i + 1, len);
			buf_put(out, s + i, j - i);
			segsin(s + i, j - i, &seg, map);
			i = j;
			continue;
		}
		/* HTML: <![CDATA[ too begins a comment. */
		if ((j = comment(s, i, len, &c0, &c1)) != 0) {
			buf_putc(side, '\x01');
			buf_put(side, s + c0, c1 - c0);
			offs_push(smap, seg);
			i = j;
			continue;
		}
		n0 = i + 1 + (s[i + 1] == '/');
		nl = namelen(s + n0, s + len);
		k = smap->n;
		j = attrs(s, n0 + nl, len, side, smap, NULL, NULL, NULL);
		for (; k < smap->n; k++)
			smap->v[k] = seg;
		i = j < len ? j + 1 : len;
		/* Script, style and title: a text of their own, the text
		 * around them read as if they were not there. */
		if (n0 == i0 + 1 && (j = rawend(s, i, len, s + n0, nl,
		    &k)) != 0) {
			buf_putc(side, '\x01');
			buf_put(side, s + i, k - i);
			offs_push(smap, seg);
			i = j;
			if (!(out->len > 0 && wordbyte(out->p[out->len - 1]) &&
			    wordafter(s, i, len, &wr))) {
				buf_putc(out, '\x01');
				offs_push(map, seg);
			}
			continue;
		}
		if (breaks(s + n0, nl, s, i, len, out->len > 0 &&
		    wordbyte(out->p[out->len - 1]), &wr)) {
			buf_putc(out, '\x01');
			offs_push(map, seg);
		}
	}
	if (side->len > 0) {
		buf_put(out, side->p, side->len);
		offs_append(map, smap);
	}
	buf_putc(out, '\0');
	out->len--;
	free(wr.at.v);
}

/* What a file has shown already, so that each finding is told once. */
struct seen {
	const struct needle **told;	/* needles found, a few */
	size_t	 ntold;
	char   **hits;		/* detector hits, by normal form */
	size_t	 nhits;
};

/* Whether the needle was found in the file already, or another of the
 * same value (a part of an address); if not, it is now. */
static int
seenneedle(struct seen *sn, const struct needle *nd)
{
	const struct needle *o;
	size_t	 i;

	for (i = 0; i < sn->ntold; i++) {
		o = sn->told[i];
		if (o == nd || (o->kind == nd->kind && o->id != NULL &&
		    nd->id != NULL && o->field != NULL && nd->field != NULL &&
		    strcmp(o->id, nd->id) == 0 &&
		    strcmp(o->field, nd->field) == 0))
			return 1;
	}
	sn->told = xreallocarray(sn->told, sn->ntold + 1, sizeof(*sn->told));
	sn->told[sn->ntold++] = nd;
	return 0;
}

static int
seenhit(struct seen *sn, const char *hit)
{
	size_t	 i;

	for (i = 0; i < sn->nhits; i++)
		if (strcmp(sn->hits[i], hit) == 0)
			return 1;
	sn->hits = xreallocarray(sn->hits, sn->nhits + 1, sizeof(char *));
	sn->hits[sn->nhits++] = xstrdup(hit);
	return 0;
}

/* A region of a file: text attributed to one case, or to none. */
struct region {
	const char	*id;		/* NULL: the site, not a case */
	int		 line;
	size_t		 start;		/* its offset in the file */
	struct buf	 text;		/* as written, parts split by \x01 */
	struct buf	 side;		/* attribute values and comments,
					 * read after the text */
	/* Where in the file the text after each \x01 of text, and of
	 * side, comes from: what a finding is told by. */
	struct offs	 brk, sbrk;
	/* Where in text a comment stood after a word: a reader sees the
	 * words on either side run together, but whoever wrote them may
	 * have meant two (<br> omitted between two numbers), so the text
	 * is read a second time parted there. */
	struct offs	 soft;
};

struct regions {
	struct region	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 last;
};

/* A part of a text being read. */
struct part {
	unsigned char	 h[crypto_shorthash_siphashx24_BYTES];
	size_t		 off, len;	/* its bytes in the text */
	unsigned	 learn : 1;	/* long enough to be remembered */
	unsigned	 found : 1;	/* something was found in it */
};

#define PARTMIN		8		/* bytes of a part worth remembering */
#define KNOWN		(1u << 19)	/* parts the workers remember */
_Static_assert(crypto_shorthash_siphashx24_BYTES == 2 * sizeof(uint64_t),
    "a part's digest is two words");

/* A needle met in a text: judged once the text is read through. */
struct met {
	size_t	 id;
	size_t	 start;
	size_t	 end;
};

/* The scratch space of one worker of the audit: reused file to file. */
struct scan {
	struct audit		*a;
	const char		*file;
	const struct region	*rg;
	struct seen		*sn;
	struct buf		 d1, d2, um, ums; /* decodings */
	struct ftext		 t;		/* the fold */
	struct ftext		 ta;		/* of a text with addresses */
	struct reading		 rd2;		/* as read (addrscan) */
	struct buf		 b;		/* the compact reading */
	uint32_t		*at;		/* its character of each byte */
	size_t			 capat;
	struct met		*met;
	size_t			 nmet, capmet;
	char			*dd;		/* digits apart, as one run */
	size_t			*dp, capdp;	/* and their bytes */
	size_t			*ex;		/* exempt intervals, pairs */
	size_t			 nex, capex;
	struct regions		 rs;
	struct buf		 pend, pendside; /* a feed entry's text */
	struct offs		 pendbrk, pendsbrk;
	const char		*src;		/* the file read */
	size_t			 srclen;
	int			 segs;		/* the text read keeps the
						 * region's \x01s; if not,
						 * umap maps its parts */
	struct offs		 umap, usmap;
	size_t			 lcoff, lcbol;	/* an offset in src, the
						 * beginning of its line */
	int			 lcline;		/* and its number */
	struct buf		 in;		/* the file read */
	const char		*map;		/* a large file, mapped */
	size_t			 dropped;	/* its bytes given back */
	/* Its regions that passed before (RDIGEST bytes each, sorted),
	 * and those read now. */
	char			*passed;
	size_t			 npassed;
	struct buf		 regs;
	int			 memo;
	/* The parts of the text read now, the text without those known
	 * to hold nothing, and where the parts end in its readings. */
	struct part		*part;
	size_t			 npart, cappart;
	struct buf		 rd;
	size_t			*bsep, *tsep;
	size_t			 capsep;
	int			 seps;		/* bsep and tsep are made */
	/* The parts in which nothing was found, by their digests: one
	 * table for all workers (audit_files). */
	uint64_t		(*known)[2];
};

#define RDIGEST	16

static int
rdigestcmp(const void *x, const void *y)
{
	return memcmp(x, y, RDIGEST);
}

static int
onneedle(void *arg, size_t id, size_t start, size_t end)
{
	struct scan	*s = arg;

	if (id >= s->a->ngrp) {
		/* A phrase that is ordinary, or published by the portal. */
		if (s->nex == s->capex) {
			s->capex = s->capex == 0 ? 32 : 2 * s->capex;
			s->ex = xreallocarray(s->ex, s->capex,
			    2 * sizeof(*s->ex));
		}
		s->ex[2 * s->nex] = start;
		s->ex[2 * s->nex + 1] = end;
		s->nex++;
		return 1;
	}
	if (s->nmet == s->capmet) {
		s->capmet = s->capmet == 0 ? 32 : 2 * s->capmet;
		s->met = xreallocarray(s->met, s->capmet, sizeof(*s->met));
	}
	s->met[s->nmet].id = id;
	s->met[s->nmet].start = start;
	s->met[s->nmet].end = end;
	s->nmet++;
	return 1;
}

/* The needles of digits in a run of p (len digits) that begins at byte
 * at of the reading, or whose digit i is at pos[i]; only those of min
 * digits and more, and with tail, only those that end the run. */
static void
digrun(struct scan *s, const char *p, const size_t *pos, size_t at,
    size_t len, size_t min, int tail)
{
	const struct audit	*a = s->a;
	size_t			 r, n, g;
	uint64_t		 h;

	for (r = tail && len > 63 ? len - 63 : 0; r + 2 <= len; r++) {
		h = 0xcbf29ce484222325ULL;
		for (n = 1; n <= len - r && n < 64; n++) {
			h = (h ^ (unsigned char)p[r + n - 1]) * 0x100000001b3ULL;
			if (n >= min && (!tail || r + n == len) &&
			    (a->diglens >> n & 1) &&
			    (g = digfind(a, p + r, n, h)) != SIZE_MAX)
				onneedle(s, g, pos != NULL ? pos[r] : at + r,
				    pos != NULL ? pos[r + n - 1] + 1 : at + r + n);
		}
	}
}

/*
 * The first ASCII digit from i on in len bytes of p, or len: eight bytes
 * at a time while none of them is one (a byte of 0x80 and over never
 * is; of the others, those above '0' - 1 and below '9' + 1 are).
 */
static size_t
nextdigit(const char *p, size_t i, size_t len)
{
	const uint64_t	 ones = 0x0101010101010101ULL;
	const uint64_t	 high = 0x8080808080808080ULL;
	uint64_t	 w, low;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, sizeof(w));
		low = w & ~high;
		if (((ones * (127 + '9' + 1) - low) & ~w & (low + ones *
		    (127 - ('0' - 1))) & high) != 0)
			break;
	}
	while (i < len && (p[i] < '0' || p[i] > '9'))
		i++;
	return i;
}

/*
 * The withheld numbers in the compact reading: every run of digits is
 * searched at every place for every length a number of the table has,
 * so that each occurrence is met, as the automaton would meet it.  And
 * those of NUMLONG digits and more in the digits that stand at most
 * three characters apart (158和6723和4019, 330106-1985年07月21日-438), as
 * the redaction reads a record's long numbers.
 */
static void
digscan(struct scan *s)
{
	const struct audit	*a = s->a;
	const char		*p = s->b.p;
	size_t			 i, end, gap, n = 0;
	int			 apart = 0;

	if (a->diglens == 0)
		return;
	for (i = 0; (i = nextdigit(p, i, s->b.len)) < s->b.len; i = end) {
		for (end = i; end < s->b.len && p[end] >= '0' &&
		    p[end] <= '9'; end++)
			continue;
		if (end < s->b.len && p[end] == 'x')
			end++;
		digrun(s, p + i, NULL, i, end - i, 0, 0);
	}
	if (a->diglens >> NUMLONG == 0)
		return;
	/* The digits a few characters apart, as one run. */
	if (s->capdp < s->b.len + 1) {
		s->capdp = s->b.len + 1;
		s->dp = xreallocarray(s->dp, s->capdp, sizeof(*s->dp));
		s->dd = xreallocarray(s->dd, s->capdp, 1);
	}
	gap = 0;
	for (i = 0; i <= s->b.len; i++) {
		/* Outside a run, nothing but a digit begins one. */
		if (n == 0)
			i = nextdigit(p, i, s->b.len);
		if (i < s->b.len && p[i] >= '0' && p[i] <= '9') {
			if (n > 0 && gap > 0)
				apart = 1;
			s->dd[n] = p[i];
			s->dp[n++] = i;
			gap = 0;
			continue;
		}
		/* An x after the digits, right after them or a few
		 * characters on (217-X, 217（X）): the numbers ending in
		 * it. */
		if (i < s->b.len && p[i] == 'x' && n + 1 >= NUMLONG &&
		    (apart || gap > 0) && gap <= 3) {
			s->dd[n] = 'x';
			s->dp[n] = i;
			digrun(s, s->dd, s->dp, 0, n + 1, NUMLONG, 1);
		}
		if (i < s->b.len && ((unsigned char)p[i] & 0xc0) == 0x80)
			continue;
		if (i < s->b.len && (unsigned char)p[i] >= 0x20 && n > 0 &&
		    ++gap <= 3)
			continue;
		if (apart && n >= NUMLONG)
			digrun(s, s->dd, s->dp, 0, n, NUMLONG, 0);
		n = 0;
		gap = 0;
		apart = 0;
	}
}

static int
exempted(const struct scan *s, size_t start, size_t end)
{
	size_t	 i;

	for (i = 0; i < s->nex; i++)
		if (start >= s->ex[2 * i] && end <= s->ex[2 * i + 1])
			return 1;
	return 0;
}

/* Whether an id stands as a token of its own (CL-2025-01 is not in
 * CL-2025-010). */
static int
wholetoken(const struct scan *s, size_t start, size_t end)
{
	char	 c;

	if (start > 0) {
		c = s->b.p[start - 1];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_')
			return 0;
	}
	if (end < s->b.len) {
		c = s->b.p[end];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_')
			return 0;
	}
	return 1;
}

/* Whether a token of folded text is a string the portal makes itself. */
static int
isknown(void *arg, const uint32_t *cp, size_t n)
{
	const struct audit	*a = arg;
	char			 s[DIGESTLEN];
	size_t			 i;

	if (n != DIGESTLEN && n != 12)
		return 0;
	for (i = 0; i < n; i++) {
		if (cp[i] >= 0x80)
			return 0;
		s[i] = (char)cp[i];
	}
	return isdigest(a, s, n);
}

/*
 * The parts of a text are what lies between its PARTEND bytes: a block,
 * an attribute's value, a field of a row, each with its inline markup.
 * Nothing the audit looks for runs from one part into the next: no
 * needle and no phrase holds the byte (arm), the fold and the compact
 * reading keep it as it is, and every detector stops at a control
 * character.  So what a part holds is found in it alone, wherever it
 * stands, and a part in which nothing at all was found (no needle, of
 * any case, and no number, code or address but those kept on purpose)
 * holds nothing wherever it stands again.  The header, the footer, the
 * grounds in the notes and the names of units stand on page after page:
 * a worker remembers such parts by a keyed digest, and sheds them from
 * the texts it reads next, leaving their ends in place.
 */
/*
 * The table of parts known to hold nothing is the workers' together: a
 * part one of them read is shed by all.  Its entries are two words, each
 * read and written whole.  A worker may read the first word of a digest
 * another is writing and the second of the one it replaces: that entry
 * is neither, and a part is taken for it only if its digest has the
 * first word of one and the second of the other (a collision of 64 bits
 * twice over); a part that is not matched is read, as if never seen.
 */
static int
isknownpart(const struct scan *s, const unsigned char *h)
{
	uint64_t	 d[2], *e;

	memcpy(d, h, sizeof(d));
	e = s->known[d[0] & (KNOWN - 1)];
	return __atomic_load_n(&e[0], __ATOMIC_RELAXED) == d[0] &&
	    __atomic_load_n(&e[1], __ATOMIC_RELAXED) == d[1];
}

static size_t
shed(struct scan *s, const char **text, size_t len)
{
	const char	*p = *text, *e = *text + len, *q;
	struct part	*pt;
	size_t		 n, i;
	uint64_t	 k;

	s->rd.len = 0;
	buf_grow(&s->rd, len + 1);
	s->npart = 0;
	s->seps = 0;
	/* The parts and their digests first, each one's place in the
	 * table fetched on the way: the table is larger than the caches,
	 * and the look-ups that follow then seldom wait for memory. */
	for (;;) {
		if ((q = memchr(p, PARTEND, (size_t)(e - p))) == NULL)
			q = e;
		n = (size_t)(q - p);
		if (s->npart == s->cappart) {
			s->cappart = s->cappart == 0 ? 64 : 2 * s->cappart;
			s->part = xreallocarray(s->part, s->cappart,
			    sizeof(*s->part));
		}
		pt = &s->part[s->npart++];
		pt->found = 0;
		pt->off = (size_t)(p - *text);
		pt->len = n;
		pt->learn = n >= PARTMIN;
		if (pt->learn) {
			crypto_shorthash_siphashx24(pt->h, (const unsigned
			    char *)p, n, s->a->partkey);
			memcpy(&k, pt->h, sizeof(k));
			__builtin_prefetch(s->known[k & (KNOWN - 1)]);
		}
		if (q == e)
			break;
		p = q + 1;
	}
	for (i = 0; i < s->npart; i++) {
		pt = &s->part[i];
		if (pt->learn && isknownpart(s, pt->h))
			pt->learn = 0;
		else
			buf_put(&s->rd, *text + pt->off, pt->len);
		if (i + 1 < s->npart)
			buf_putc(&s->rd, PARTEND);
	}
	*text = s->rd.p;
	return s->rd.len;
}

/* Where the parts end in the compact reading and in the fold; 0 when
 * they do not number as many as the parts (then every part counts as
 * one in which something was found). */
static int
partends(struct scan *s)
{
	size_t	 i, nb = 0, nt = 0;

	if (s->seps)
		return s->seps > 0;
	if (s->capsep < s->npart) {
		s->capsep = s->npart;
		s->bsep = xreallocarray(s->bsep, s->capsep, sizeof(*s->bsep));
		s->tsep = xreallocarray(s->tsep, s->capsep, sizeof(*s->tsep));
	}
	for (i = 0; i < s->b.len && nb < s->npart; i++)
		if (s->b.p[i] == PARTEND)
			s->bsep[nb++] = i;
	for (i = 0; i < s->t.n && nt < s->npart; i++)
		if (s->t.cp[i] == PARTEND)
			s->tsep[nt++] = i;
	s->seps = nb + 1 == s->npart && nt + 1 == s->npart ? 1 : -1;
	if (s->seps < 0)
		for (i = 0; i < s->npart; i++)
			s->part[i].found = 1;
	return s->seps > 0;
}

/* Whether [start, end) of the compact reading lies inside a digest the
 * portal makes (64 hexadecimal digits, or the short form of 12): its
 * digits are no value's, whatever they spell. */
static int
indigest(const struct scan *s, size_t start, size_t end)
{
	const char	*p = s->b.p;
	size_t		 a = start, z = end;

	while (a > 0 && ((p[a - 1] >= '0' && p[a - 1] <= '9') ||
	    (p[a - 1] >= 'a' && p[a - 1] <= 'f')))
		a--;
	while (z < s->b.len && ((p[z] >= '0' && p[z] <= '9') ||
	    (p[z] >= 'a' && p[z] <= 'f')))
		z++;
	if (z - a != DIGESTLEN && z - a != 12)
		return 0;
	return isdigest(s->a, p + a, z - a);
}

/* Something was found at offset at of the compact reading (fold: in
 * the fold): in the part that holds it. */
static void
foundat(struct scan *s, size_t at, int fold)
{
	const size_t	*sep;
	size_t		 lo = 0, hi, mid;

	if (s->npart == 0 || !partends(s))
		return;
	sep = fold ? s->tsep : s->bsep;
	hi = s->npart - 1;
	/* The part is the number of ends before at. */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (sep[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	s->part[lo].found = 1;
}

/* Remember the parts of the text just read in which nothing was found. */
static void
learn(struct scan *s)
{
	const struct part	*pt;
	uint64_t		 d[2], *e;
	size_t			 i;

	for (i = 0; i < s->npart; i++) {
		pt = &s->part[i];
		if (!pt->learn || pt->found)
			continue;
		memcpy(d, pt->h, sizeof(d));
		e = s->known[d[0] & (KNOWN - 1)];
		__atomic_store_n(&e[0], d[0], __ATOMIC_RELAXED);
		__atomic_store_n(&e[1], d[1], __ATOMIC_RELAXED);
	}
	s->npart = 0;
}

/*
 * Search one reading of a region: the needles with one pass of the
 * automaton, then the broad finder when detect is 1 (everything) or 2
 * (numbers only).
 */
/*
 * Where a finding is in the file: the text of part k of the region read
 * (the text after its k-th break) comes from the file at the offset the
 * region keeps for that break, and begins past the white space and tags
 * there.  Its line and column (in characters); the region's first line
 * when the text read has breaks of its own (markup decoded), or has not
 * one offset per break (a row of a CSV file: the row's line).
 */
static struct pos
where(struct scan *s, size_t k)
{
	const struct region *rg = s->rg;
	const char	*src = s->src, *q, *e;
	struct pos	 p;
	size_t		 n = 0, off, i, lim;

	p.line = rg->line;
	p.col = rg->line > 0 ? 1 : 0;
	if (src == NULL || rg->line <= 0)
		return p;
	if (!s->segs) {
		if (k > s->umap.n)
			return p;
		k = k == 0 ? 0 : s->umap.v[k - 1];
	}
	for (q = rg->text.p, e = q + rg->text.len;
	    (q = memchr(q, '\x01', (size_t)(e - q))) != NULL; q++)
		n++;
	if (n != rg->brk.n || k > n)
		return p;
	off = k == 0 ? rg->start : rg->brk.v[k - 1];
	for (lim = off + 65536; off < s->srclen && off < lim; ) {
		if (src[off] == ' ' || src[off] == '\t' || src[off] == '\n' ||
		    src[off] == '\r' || src[off] == '\f')
			off++;
		else if (src[off] == '<' && s->srclen - off >= 9 &&
		    memcmp(src + off, "<![CDATA[", 9) == 0)
			off += 9;
		else if (src[off] == '<' && off + 1 < s->srclen &&
		    (src[off + 1] == '/' || src[off + 1] == '!' ||
		    ((src[off + 1] | 0x20) >= 'a' && (src[off + 1] | 0x20) <=
		    'z')) && (q = memchr(src + off, '>', s->srclen - off)) !=
		    NULL)
			off = (size_t)(q - src) + 1;
		else
			break;
	}
	if (off > s->srclen)
		return p;
	/* Lines counted on from the last finding's, in order. */
	if (off < s->lcoff) {
		s->lcoff = s->lcbol = 0;
		s->lcline = 1;
	}
	for (q = src + s->lcoff; (q = memchr(q, '\n', (size_t)(src + off -
	    q))) != NULL; q++) {
		s->lcline++;
		s->lcbol = (size_t)(q - src) + 1;
	}
	s->lcoff = off;
	p.line = s->lcline;
	p.col = 1;
	for (i = s->lcbol; i < off; i++)
		p.col += ((unsigned char)src[i] & 0xc0) != 0x80;
	return p;
}

/* The number of breaks (PARTEND) in the n bytes, or code points, at v. */
static size_t
breaksin(const char *b, const uint32_t *cp, size_t n)
{
	size_t	 i, k = 0;

	for (i = 0; i < n; i++)
		k += b != NULL ? b[i] == PARTEND : cp[i] == PARTEND;
	return k;
}

struct addrarg {
	const struct audit	*a;
	const struct addrv	*v;
};

/* Whether the part [from, to) of a withheld address (its folded
 * characters) is a part of a phrase that exempts (what site.yaml
 * publishes, an ordinary phrase), as redaction does not withhold it. */
static int
addrexempt(void *arg, size_t from, size_t to)
{
	const struct addrarg	*x = arg;
	const struct audit	*a = x->a;
	const struct addrv	*v = x->v;
	struct ftext		 t;
	struct buf		 b, kb;
	size_t			 i, n, len, w;
	char			 enc[4];
	int			 hit = 0;

	memset(&b, 0, sizeof(b));
	memset(&kb, 0, sizeof(kb));
	memset(&t, 0, sizeof(t));
	for (i = from; i < to; i++)
		buf_put(&b, enc, (size_t)(utf8_put(enc, v->cp[i]) - enc));
	buf_putc(&b, '\0');
	foldkey(&t, &kb, b.p, &len);
	/* Every run of RUN characters of a phrase is known: one that is
	 * none begins no part of one. */
	for (i = 0, n = 0; i < len && n < RUN; n++) {
		utf8_get(kb.p, len, i, &w);
		i += w;
	}
	if (n < RUN || exemptrun(a, kb.p, i))
		for (i = 0; !hit && i < a->nexempt; i++)
			hit = strstr(a->exempt[i], kb.p) != NULL;
	buf_free(&b);
	buf_free(&kb);
	ftext_free(&t);
	return hit;
}

/*
 * The withheld addresses of the region's case in its text as read: a
 * number in Chinese numerals before a unit as its digits, a unit after
 * a number or a dash between two as one '-', by the rule redaction
 * withholds them (detect_addrpart).
 */
static void
addrscan(struct scan *s, const char *text, size_t len, const char *how)
{
	struct audit		*a = s->a;
	const struct addrv	*v;
	struct addrarg		 arg;
	size_t			 lo = 0, hi = a->naddr, mid, k, i, e, d;
	uint32_t		 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(a->addr[mid].nd.id, s->rg->id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == a->naddr || strcmp(a->addr[lo].nd.id, s->rg->id) != 0)
		return;
	ftext_fold(&s->ta, text, len, FOLD_NOPOS);
	detect_addrread(s->ta.cp, s->ta.n, &s->rd2);
	arg.a = a;
	for (k = lo; k < a->naddr && strcmp(a->addr[k].nd.id, s->rg->id) ==
	    0; k++) {
		v = &a->addr[k];
		arg.v = v;
		for (i = 0; i < s->rd2.n; i++) {
			c = s->rd2.cp[i];
			if (((v->has[(c >> 6) & 15] >> (c & 63)) & 1) == 0)
				continue;
			if ((e = detect_addrpart(&s->rd2, i, &v->r, addrexempt,
			    &arg)) == 0)
				continue;
			/* Without a number it reads as written: a needle,
			 * if its Chinese holds it to the case (a part of
			 * example.cn is no leak in example.gov.cn). */
			for (d = i; d < e && !isdigit32(s->rd2.cp[d]); d++)
				continue;
			if (d == e)
				continue;
			if (!seenneedle(s->sn, &v->nd))
				findingat(a, s->file, where(s, breaksin(NULL,
				    s->ta.cp, s->rd2.from[i])), "leak: the "
				    "withheld value of %s %s appears %s, as "
				    "its numbers are read", v->nd.id,
				    v->nd.field, how);
			break;
		}
	}
}

static int
isdatechar(uint32_t c)
{
	return (c >= '0' && c <= '9') || c == '-';
}

/*
 * Whether a number that begins or ends between characters i - 1 and i
 * of t would cut a date as the portal writes it (2024-06-14): a number
 * is not read out of the middle of one (…06-14 已更正 2024-12-06 holds
 * no 142024120).
 */
static int
cutsdate(const struct ftext *t, size_t i)
{
	size_t	 a, z, k;

	if (i == 0 || i >= t->n || t->gap[i] || !isdatechar(t->cp[i - 1]) ||
	    !isdatechar(t->cp[i]))
		return 0;
	for (a = i - 1; a > 0 && !t->gap[a] && isdatechar(t->cp[a - 1]); a--)
		continue;
	for (z = i; z + 1 < t->n && !t->gap[z + 1] &&
	    isdatechar(t->cp[z + 1]); z++)
		continue;
	if (z - a + 1 != 10)
		return 0;
	for (k = 0; k < 10; k++)
		if ((t->cp[a + k] == '-') != (k == 4 || k == 7))
			return 0;
	return 1;
}

/* Whether the number met at bytes [st, en) of the reading cuts one of
 * the portal's dates, the reading's places made once (*at). */
static int
acrossdate(struct scan *s, size_t st, size_t en, int *at)
{
	if (s->b.p[st] < '0' || s->b.p[st] > '9')
		return 0;
	if (!*at) {
		compact(&s->t, &s->b, &s->at, &s->capat);
		*at = 1;
	}
	return cutsdate(&s->t, s->at[st]) || cutsdate(&s->t,
	    s->at[en - 1] + 1);
}

/* Whether characters [a, z) of t stand as a word of their own: nothing
 * right before or after them that joins a Latin word (redaction's
 * onname). */
static int
latinword(const struct ftext *t, size_t a, size_t z)
{
	return !((a > 0 && t->gap[a] == 0 &&
	    fold_joinslatin(t->cp[a - 1])) || (z < t->n && t->gap[z] == 0 &&
	    fold_joinslatin(t->cp[z])));
}

static void
scan(struct scan *s, const char *text, size_t len, const char *how,
    int detect)
{
	struct audit		*a = s->a;
	const struct needle	*nd;
	const struct ngroup	*g;
	struct hits		 h;
	struct detskip		 skip;
	const char		*key, *what;
	struct pos		 pos;
	size_t			 i, b0, b1, st, en, k;
	int			 at = 0;

	s->npart = 0;
	/* The withheld addresses of the region's case, as read, in all its
	 * text (a part known to hold no needle may hold one of them). */
	if (detect == 1 && a->naddr > 0 && s->rg->id != NULL)
		addrscan(s, text, len, how);
	if (detect == 1 && a->parts)
		len = shed(s, &text, len);
	ftext_fold(&s->t, text, len, FOLD_NOPOS);
	compact(&s->t, &s->b, NULL, NULL);
	s->nmet = s->nex = 0;
	ac_scan(a->ac, s->b.p, s->b.len, onneedle, s);
	digscan(s);
	for (i = 0; i < s->nmet; i++) {
		foundat(s, s->met[i].start, 0);
		g = &a->grp[s->met[i].id];
		st = s->met[i].start;
		en = s->met[i].end;
		/* An unpublished id, a value that counts anywhere (the
		 * region's case's own first), or the region's case's. */
		nd = NULL;
		if (g->nhid > 0 && wholetoken(s, st, en))
			nd = &a->nd[a->order[g->first]];
		else if (g->nany + g->nown + g->ngiven + g->nlatin == 0 ||
		    exempted(s, st, en) || indigest(s, st, en) ||
		    acrossdate(s, st, en, &at))
			continue;
		else if (g->nany > 0) {
			nd = bycase(a, g->first + g->nhid, g->nany, s->rg->id);
			if (nd == NULL)
				nd = &a->nd[a->order[g->first + g->nhid]];
		} else if (g->nown > 0)
			nd = bycase(a, g->first + g->nhid, g->nown, s->rg->id);
		/* A given name, before a title only, as redaction reads it
		 * (names_titled). */
		k = g->first + g->nhid + g->nany + g->nown;
		if (nd == NULL && g->ngiven > 0 &&
		    names_titledat(s->b.p, s->b.len, st, en)) {
			if ((nd = bycase(a, k, g->ngiven, s->rg->id)) == NULL)
				nd = &a->nd[a->order[k]];
		}
		/* Or after its surname and an office (唐副局长建华). */
		if (nd == NULL && g->ngiven > 0)
			nd = officed(a, s->b.p, k, g->ngiven, st);
		/* A name in Latin letters, as a word of its own, as
		 * redaction reads it. */
		if (nd == NULL && g->nlatin > 0) {
			if (!at) {
				compact(&s->t, &s->b, &s->at, &s->capat);
				at = 1;
			}
			if (latinword(&s->t, s->at[st], s->at[en - 1] + 1)) {
				k = g->first + g->nhid + g->nany + g->nown +
				    g->ngiven;
				if ((nd = bycase(a, k, g->nlatin,
				    s->rg->id)) == NULL)
					nd = &a->nd[a->order[k]];
			}
		}
		if (nd == NULL || seenneedle(s->sn, nd))
			continue;
		pos = where(s, breaksin(s->b.p, NULL, st));
		if (nd->kind == N_NAME)
			findingat(a, s->file, pos, "leak: the protected "
			    "name of %s %s appears %s", nd->id, nd->field, how);
		else if (nd->kind == N_GIVEN)
			findingat(a, s->file, pos, "leak: the given name of "
			    "%s %s appears before a title %s", nd->id,
			    nd->field, how);
		else if (nd->kind == N_LATIN)
			findingat(a, s->file, pos, "leak: the protected "
			    "name of %s %s appears in Latin letters %s",
			    nd->id, nd->field, how);
		else if (nd->kind == N_HIDDEN)
			findingat(a, s->file, pos, "leak: the id of an "
			    "unpublished case appears %s%s%s", how, "", "");
		else
			findingat(a, s->file, pos, "leak: the withheld "
			    "value of %s %s appears %s", nd->id, nd->field,
			    how);
	}
	if (!a->detect || !detect) {
		learn(s);
		return;
	}
	skip.fn = isknown;
	skip.arg = a;
	detect_broad(&s->t, &h, &skip);
	for (i = 0; i < h.n; i++) {
		if (detect == 2 && h.v[i].kind == DET_EMAIL)
			continue;
		key = h.v[i].norm;
		if (a->naccept > 0 && bsearch(&key, a->accept, a->naccept,
		    sizeof(*a->accept), strpcmp) != NULL)
			continue;
		if (s->nex > 0) {
			/* Inside an ordinary phrase: find its bytes, the
			 * reading made again with the character of each
			 * (the same bytes; seldom needed, so not made for
			 * every text). */
			if (!at) {
				compact(&s->t, &s->b, &s->at, &s->capat);
				at = 1;
			}
			for (b0 = 0; b0 < s->b.len && s->at[b0] < h.v[i].start;
			    b0++)
				continue;
			for (b1 = b0; b1 < s->b.len && s->at[b1] < h.v[i].end;
			    b1++)
				continue;
			if (exempted(s, b0, b1))
				continue;
		}
		foundat(s, h.v[i].start, 1);
		if (seenhit(s->sn, key))
			continue;
		what = detect_name(h.v[i].kind);
		findingat(a, s->file, where(s, breaksin(NULL, s->t.cp,
		    h.v[i].start)), "leak: %s %s appears %s (not among the "
		    "values the redaction report keeps)",
		    strchr("aeiou", what[0]) != NULL ? "an" : "a", what, how);
	}
	hits_free(&h);
	learn(s);
}

/*
 * Search a region as a reader reads it: decoded (entities, percent-
 * encoding, \u escapes, twice over) with its markup read as text and
 * attribute values; and, where an escape could have swallowed the digit
 * after it, its numbers as written.
 */
static void
region_read(struct scan *s, const struct region *rg, const char *t,
    size_t len)
{
	int		 changed;
	const char	*w = t;
	size_t		 wlen = len;

	s->rg = rg;
	/* Most texts hold nothing to decode: read as they are. */
	changed = (memchr(t, '&', len) != NULL || memchr(t, '%', len) !=
	    NULL || memchr(t, '\\', len) != NULL || memchr(t, '+', len) !=
	    NULL) && decode(t, len, &s->d1);
	if (changed && (memchr(s->d1.p, '&', s->d1.len) != NULL ||
	    memchr(s->d1.p, '%', s->d1.len) != NULL ||
	    memchr(s->d1.p, '\\', s->d1.len) != NULL)) {
		decode(s->d1.p, s->d1.len, &s->d2);
		t = s->d2.p;
		len = s->d2.len;
	} else if (changed) {
		t = s->d1.p;
		len = s->d1.len;
	}
	/* Decoding keeps the breaks of the text; reading markup adds its
	 * own. */
	s->segs = 1;
	if (memchr(t, '<', len) != NULL) {
		unmark(t, len, &s->um, &s->ums, &s->umap, &s->usmap);
		t = s->um.p;
		len = s->um.len;
		s->segs = 0;
	}
	scan(s, t, len, changed ? "once decoded (entities, percent-encoding "
	    "or \\u escapes)" : "as written", 1);
	s->segs = 1;
	if (changed && (memchr(w, '%', wlen) != NULL ||
	    memchr(w, '\\', wlen) != NULL))
		scan(s, w, wlen, "as written", 2);
}

static void
region_scan(struct scan *s, const struct region *rg)
{
	struct buf	 b;
	size_t		 i, at;

	if (rg->text.len == 0)
		return;
	region_read(s, rg, rg->text.p, rg->text.len);
	if (rg->soft.n == 0)
		return;
	/* Parted where comments stood, by a list's separator (、, as
	 * redaction reads them: tagsapart), not a break, so that the
	 * breaks still tell where a finding is. */
	memset(&b, 0, sizeof(b));
	for (i = at = 0; i < rg->soft.n; i++) {
		buf_put(&b, rg->text.p + at, rg->soft.v[i] - at);
		buf_puts(&b, "\xe3\x80\x81");
		at = rg->soft.v[i];
	}
	buf_put(&b, rg->text.p + at, rg->text.len - at);
	region_read(s, rg, b.p, b.len);
	buf_free(&b);
}

/*
 * The region of a case (ids are the audit's own pointers, so they are
 * compared as pointers); the last one used is the likely one.
 */
static struct region *
region_add(struct regions *rs, const char *id, int line, size_t off)
{
	size_t	 i;

	if (rs->n > 0 && rs->v[rs->last].id == id)
		return &rs->v[rs->last];
	for (i = rs->n; i > 0; i--)
		if (rs->v[i - 1].id == id) {
			rs->last = i - 1;
			return &rs->v[i - 1];
		}
	if (rs->n == rs->cap) {
		rs->cap = rs->cap == 0 ? 16 : 2 * rs->cap;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
		memset(rs->v + rs->n, 0, (rs->cap - rs->n) * sizeof(*rs->v));
	}
	rs->v[rs->n].id = id;
	rs->v[rs->n].line = line;
	rs->v[rs->n].start = off;
	rs->v[rs->n].text.len = 0;
	rs->v[rs->n].side.len = 0;
	rs->v[rs->n].brk.n = 0;
	rs->v[rs->n].sbrk.n = 0;
	rs->v[rs->n].soft.n = 0;
	rs->last = rs->n;
	return &rs->v[rs->n++];
}

/* Empty the regions, keeping their buffers for the next file. */
static void
regions_reset(struct regions *rs)
{
	size_t	 i;

	for (i = 0; i < rs->n; i++) {
		rs->v[i].text.len = 0;
		rs->v[i].side.len = 0;
		rs->v[i].brk.n = 0;
		rs->v[i].sbrk.n = 0;
		rs->v[i].soft.n = 0;
	}
	rs->n = 0;
	rs->last = 0;
}

static void
regions_free(struct regions *rs)
{
	size_t	 i;

	for (i = 0; i < rs->cap; i++) {
		buf_free(&rs->v[i].text);
		buf_free(&rs->v[i].side);
		free(rs->v[i].brk.v);
		free(rs->v[i].sbrk.v);
		free(rs->v[i].soft.v);
	}
	free(rs->v);
}

/* The texts put to one side (attribute values, comments), after the
 * region's running text and a break. */
static void
region_side(struct region *rg)
{
	if (rg->side.len == 0)
		return;
	buf_putc(&rg->text, '\x01');
	offs_push(&rg->brk, rg->sbrk.n > 0 ? rg->sbrk.v[0] : rg->start);
	buf_put(&rg->text, rg->side.p, rg->side.len);
	offs_append(&rg->brk, &rg->sbrk);
	rg->side.len = 0;
	rg->sbrk.n = 0;
	if (rg->side.cap > 65536)
		buf_free(&rg->side);
}

/*
 * Read a region through now, before the rest of its file: open data
 * holds each case in one object or row, so its text is complete when
 * that ends, and a large file need not be held in memory as regions.
 * The region is taken off the list when it is the last one, so that
 * its buffer serves the next.
 */
static void
region_flush(struct scan *s, struct region *rg)
{
	unsigned char	 h[RDIGEST];
	crypto_generichash_state st;

	region_side(rg);
	if (!s->memo)
		region_scan(s, rg);
	else {
		/* Its case and its text, under the audit's key. */
		crypto_generichash_init(&st, s->a->key, sizeof(s->a->key),
		    sizeof(h));
		crypto_generichash_update(&st, (const unsigned char *)
		    (rg->id != NULL ? rg->id : ""), rg->id != NULL ?
		    strlen(rg->id) + 1 : 1);
		crypto_generichash_update(&st, (const unsigned char *)
		    rg->text.p, rg->text.len);
		if (rg->soft.n > 0)
			crypto_generichash_update(&st, (const unsigned char *)
			    rg->soft.v, rg->soft.n * sizeof(*rg->soft.v));
		crypto_generichash_final(&st, h, sizeof(h));
		if (s->npassed == 0 || bsearch(h, s->passed, s->npassed,
		    RDIGEST, rdigestcmp) == NULL)
			region_scan(s, rg);
		else
			__atomic_add_fetch(&s->a->passed, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&s->a->regions, 1, __ATOMIC_RELAXED);
		buf_put(&s->regs, (const char *)h, sizeof(h));
	}
	rg->text.len = 0;
	rg->brk.n = 0;
	rg->soft.n = 0;
	if (rg->text.cap > 65536)
		buf_free(&rg->text);
	if (s->rs.n > 0 && rg == &s->rs.v[s->rs.n - 1]) {
		s->rs.n--;
		s->rs.last = 0;
	}
}

/* Give back the pages of a mapped file read up to off. */
static void
giveback(struct scan *s, size_t off)
{
	static long	 pg;
	size_t		 upto;

	if (s->map == NULL)
		return;
	if (pg == 0)
		pg = sysconf(_SC_PAGESIZE) > 0 ? sysconf(_SC_PAGESIZE) : 4096;
	upto = off / (size_t)pg * (size_t)pg;
	if (upto < s->dropped + (1 << 20))
		return;
	(void)madvise((char *)s->map + s->dropped, upto - s->dropped,
	    MADV_DONTNEED);
	s->dropped = upto;
}


#define MAXDEPTH	256

/*
 * HTML and XML in one pass: every text, comment, CDATA section and
 * attribute value goes to the region of the element that holds it.  In
 * HTML, an element with data-case="ID" and what it holds are that case's;
 * in a feed, an <item> or <entry> is the case its <guid> or <id> names.
 * Inline elements, comments and CDATA sections may split a word; an
 * element that ends text ends the text before it.  Attribute values and
 * comments are texts of their own, read after the region's text.  Nothing
 * of the file is skipped; what does not parse is text.
 */
/* A break in the running text of rg (of the feed entry read, when
 * NULL), where the text after it begins at off in the file. */
static void
textbreak(struct scan *s, struct region *rg, size_t off)
{
	buf_putc(rg != NULL ? &rg->text : &s->pend, '\x01');
	offs_push(rg != NULL ? &rg->brk : &s->pendbrk, off);
}

/* A feed entry read through, up to off: its texts to its region. */
static void
entry_end(struct scan *s, struct region *rg, size_t off)
{
	buf_put(&rg->text, s->pend.p, s->pend.len);
	offs_append(&rg->brk, &s->pendbrk);
	textbreak(s, rg, off);
	buf_put(&rg->side, s->pendside.p, s->pendside.len);
	offs_append(&rg->sbrk, &s->pendsbrk);
	s->pend.len = 0;
	s->pendside.len = 0;
	s->pendbrk.n = 0;
	s->pendsbrk.n = 0;
}

/* Whether an element of name nm, open elements nms, nls (1 to depth)
 * around it, is SVG or MathML. */
static int
foreign(const char *const *nms, const size_t *nls, size_t depth,
    const char *nm, size_t nl)
{
	size_t	 d;

	if (tagis(nm, nl, "svg") || tagis(nm, nl, "math"))
		return 1;
	for (d = depth; d > 0; d--)
		if (tagis(nms[d], nls[d], "svg") || tagis(nms[d], nls[d],
		    "math"))
			return 1;
	return 0;
}

/* Whether the element names a and b (an, bn bytes) are one: the same
 * name, or two headings (</h2> ends an <h1>). */
static int
samename(const char *a, size_t an, const char *b, size_t bn)
{
	if (an == 2 && bn == 2 && (a[0] | 0x20) == 'h' &&
	    (b[0] | 0x20) == 'h' && a[1] >= '1' && a[1] <= '6' &&
	    b[1] >= '1' && b[1] <= '6')
		return 1;
	return an == bn && strncasecmp(a, b, an) == 0;
}

/*
 * The depth of the open element (names nms, nls, 1 to depth) that an end
 * tag of name nm ends, as a browser finds it, or 0 for none.  In a feed,
 * the nearest of its name.  In a page, as HTML's tree builder does: </html>
 * and </body> end nothing (what follows is still the body's); an end tag
 * of a special element (div, p, li, td...) looks back to the edge of its
 * scope (a table, a cell, html; for </p> a button too, for </li> a list);
 * any other stops at the first special element.
 */
static size_t
endof(const char *const *nms, const size_t *nls, size_t depth,
    const char *nm, size_t nl, int html)
{
	size_t	 d;
	int	 k, kd;

	if (!html) {
		for (d = depth; d > 0 && !(nls[d] == nl &&
		    strncasecmp(nms[d], nm, nl) == 0); d--)
			continue;
		return d;
	}
	if (tagis(nm, nl, "html") || tagis(nm, nl, "body"))
		return 0;
	k = tagkind(nm, nl);
	for (d = depth; d > 0; d--) {
		if (samename(nms[d], nls[d], nm, nl))
			return d;
		kd = tagkind(nms[d], nls[d]);
		if (!(k & TAG_SPECIAL) ? (kd & TAG_SPECIAL) != 0 :
		    (kd & TAG_SCOPE) || (tagis(nm, nl, "p") &&
		    tagis(nms[d], nls[d], "button")) || (tagis(nm, nl, "li") &&
		    (tagis(nms[d], nls[d], "ol") || tagis(nms[d], nls[d], "ul"))))
			return 0;
	}
	return 0;
}

static void
markup(struct scan *s, const char *p, size_t len, int html)
{
	struct audit	*a = s->a;
	const char	*ids[MAXDEPTH], *nms[MAXDEPTH], *nm, *q;
	size_t		 nls[MAXDEPTH], d;
	const char	*item = NULL;	/* in a feed entry: its case, when
					 * known */
	struct region	*rg;
	struct buf	 idb, *cur;
	struct wordrun	 wr;
	char		*v;
	size_t		 i = 0, j, nl, depth = 0, itemdepth = 0, k, idoff = 0, c0, c1;
	int		 line = 1, entry = 0, inid = 0, close, idline = 1;
	int		 word = 0;	/* the running text ends in a word */

	memset(&idb, 0, sizeof(idb));
	memset(&wr, 0, sizeof(wr));
	wr.html = html;
	ids[0] = NULL;
#define RG	(entry ? NULL : region_add(&s->rs, ids[depth], line, i))
#define CUR	(entry ? &s->pend : &RG->text)
#define SIDE	(entry ? &s->pendside : &RG->side)
#define SBRK	(entry ? &s->pendsbrk : &RG->sbrk)
	while (i < len) {
		if (p[i] != '<') {
			j = nextlt(p, i, len);
			for (q = p + i; (q = memchr(q, '\n', (size_t)(p + j -
			    q))) != NULL; q++)
				line++;
			buf_put(CUR, p + i, j - i);
			if (inid)
				buf_put(&idb, p + i, j - i);
			word = wordbyte(p[j - 1]);
			i = j;
			continue;
		}
		/* CDATA: text in a feed (in a page, a comment).  Comments:
		 * text of their own. */
		if (!html && len - i >= 9 &&
		    strncmp(p + i, "<![CDATA[", 9) == 0) {
			q = memmem(p + i + 9, len - i - 9, "]]>", 3);
			j = q != NULL ? (size_t)(q - p) : len;
			buf_put(CUR, p + i + 9, j - i - 9);
			if (inid)
				buf_put(&idb, p + i + 9, j - i - 9);
			if (j > i + 9)
				word = wordbyte(p[j - 1]);
			for (k = i; k < j; k++)
				line += p[k] == '\n';
			i = q != NULL ? j + 3 : len;
			continue;
		}
		if ((j = comment(p, i, len, &c0, &c1)) != 0) {
			if (!entry && word)
				offs_push(&RG->soft, RG->text.len);
			cur = SIDE;
			buf_putc(cur, '\x01');
			buf_put(cur, p + c0, c1 - c0);
			offs_push(SBRK, c0);
			for (k = i; k < j; k++)
				line += p[k] == '\n';
			i = j;
			continue;
		}
		close = i + 1 < len && p[i + 1] == '/';
		nm = p + i + 1 + close;
		nl = namelen(nm, p + len);
		if (!close && (nl == 0 || !asciialpha(*nm))) {
			buf_putc(CUR, '<');	/* a lone < is text */
			word = 0;
			i++;
			continue;
		}
		if (close) {
			/* The element ends: back to the one that held it. */
			if (!html && (tagis(nm, nl, "guid") ||
			    tagis(nm, nl, "id")) && inid) {
				inid = 0;
				buf_putc(&idb, '\0');
				item = caseof(a, idb.p);
			}
			/* Its attributes, read as a start tag's (a quoted >
			 * does not end it), are texts of their own too. */
			rg = entry ? NULL : RG;
			j = attrs(p, (size_t)(nm - p) + nl, len, entry ?
			    &s->pendside : &rg->side, entry ? &s->pendsbrk :
			    &rg->sbrk, &line, NULL, NULL);
			i = j < len ? j + 1 : len;
			d = endof(nms, nls, depth, nm, nl, html);
			if (!html && entry && d == itemdepth &&
			    (tagis(nm, nl, "item") || tagis(nm, nl, "entry"))) {
				/* The entry is its case's, or the feed's. */
				rg = region_add(&s->rs, item, idline, idoff);
				entry_end(s, rg, i);
				entry = 0;
				item = NULL;
				word = 0;
			}
			if (breaks(nm, nl, p, i, len, word, &wr)) {
				textbreak(s, RG, i);
				word = 0;
			}
			if (d > 0)
				depth = d - 1;
			continue;
		}
		/* A start tag: its attributes' values are texts of their
		 * own; data-case="ID" names the case. */
		{
			const char *nid = ids[depth];

			rg = RG;
			j = attrs(p, (size_t)(nm - p) + nl, len, entry ?
			    &s->pendside : &rg->side, entry ? &s->pendsbrk :
			    &rg->sbrk, &line, html ? "data-case" : NULL, &v);
			if (v != NULL) {
				nid = caseof(a, v);
				free(v);
			}
			i = j < len ? j + 1 : len;
			/* Script, style and title: raw text, not shown, a
			 * text of its own; the text around it goes on as
			 * if it were not there. */
			if (html && (j = rawend(p, i, len, nm, nl, &k)) != 0) {
				cur = SIDE;
				buf_putc(cur, '\x01');
				buf_put(cur, p + i, k - i);
				offs_push(SBRK, i);
				for (; i < j; i++)
					line += p[i] == '\n';
				if (!(word && wordafter(p, j, len, &wr))) {
					textbreak(s, RG, j);
					word = 0;
				}
				continue;
			}
			if (breaks(nm, nl, p, i, len, word, &wr)) {
				textbreak(s, RG, i);
				word = 0;
			}
			if (!html && (tagis(nm, nl, "item") ||
			    tagis(nm, nl, "entry")) && !entry) {
				entry = 1;
				itemdepth = depth + 1;
				idline = line;
				idoff = (size_t)(nm - p) - 1;
				s->pend.len = 0;
				s->pendside.len = 0;
				s->pendbrk.n = 0;
				s->pendsbrk.n = 0;
				item = NULL;
				word = 0;
			}
			if (!html && entry && (tagis(nm, nl, "guid") ||
			    tagis(nm, nl, "id"))) {
				inid = 1;
				idb.len = 0;
			}
			/* Void and self-closing elements hold nothing: in a
			 * page, / closes only in SVG and MathML (<div/> is
			 * open). */
			if (html ? (tagkind(nm, nl) & TAG_VOID) || (i >= 2 &&
			    p[i - 2] == '/' && foreign(nms, nls, depth, nm,
			    nl)) : i >= 2 && p[i - 2] == '/')
				continue;
			if (depth + 1 < MAXDEPTH) {
				depth++;
				ids[depth] = nid;
				nms[depth] = nm;
				nls[depth] = nl;
				if (nid != ids[depth - 1])
					region_add(&s->rs, nid, line, i);
			}
		}
	}
	if (entry)
		entry_end(s, region_add(&s->rs, item, idline, idoff), len);
#undef RG
#undef CUR
#undef SIDE
#undef SBRK
	buf_free(&idb);
	free(wr.at.v);
}

/* The end of the JSON string whose text begins at p[start]: its closing
 * quote, the first one after an even run of backslashes; len if none. */
static size_t
strend(const char *p, size_t start, size_t len)
{
	const char	*q;
	size_t		 i = start, k;

	while (i < len && (q = memchr(p + i, '"', len - i)) != NULL) {
		i = (size_t)(q - p);
		for (k = i; k > start && p[k - 1] == '\\'; k--)
			continue;
		if ((i - k) % 2 == 0)
			return i;
		i++;
	}
	return len;
}

/* JSON: every string and every other value, in the region of its
 * object's id. */
static void
json(struct scan *s, const char *p, size_t len)
{
	struct audit	*a = s->a;
	const char	*ids[64];
	int		 own[64];	/* the id was named at this depth */
	size_t		 i, depth = 0, start, k;
	struct region	*rg;
	int		 line = 1, iskey, idkey = 0;	/* the key was "id" */

	memset(ids, 0, sizeof(ids));
	memset(own, 0, sizeof(own));
	for (i = 0; i < len; i++) {
		if (p[i] == '\n')
			line++;
		if (p[i] == '{' || p[i] == '[') {
			if (depth + 1 < 64) {
				ids[depth + 1] = ids[depth];
				own[depth + 1] = 0;
			}
			depth++;
			continue;
		}
		if ((p[i] == '}' || p[i] == ']') && depth > 0) {
			/* A case's object ends: its text is all there. */
			if (depth < 64 && own[depth] && ids[depth] != NULL) {
				region_flush(s, region_add(&s->rs, ids[depth],
				    line, i));
				giveback(s, i);
			}
			depth--;
			continue;
		}
		if (p[i] != '"') {
			/* A number or a word: text as well. */
			if ((p[i] >= '0' && p[i] <= '9') || p[i] == '-') {
				for (start = i; i < len && strchr(",}] \t\r\n",
				    p[i]) == NULL; i++)
					continue;
				rg = region_add(&s->rs, depth < 64 ?
				    ids[depth] : NULL, line, start);
				textbreak(s, rg, start);
				buf_put(&rg->text, p + start, i - start);
				textbreak(s, rg, i);
				i--;
			}
			continue;
		}
		start = ++i;
		i = strend(p, start, len);
		for (k = i + 1; k < len && (p[k] == ' ' || p[k] == '\n' ||
		    p[k] == '\t' || p[k] == '\r'); k++)
			continue;
		iskey = k < len && p[k] == ':';
		if (!iskey && idkey && depth < 64) {
			decode(p + start, i - start, &s->d1);
			if (caseof(a, s->d1.p) != NULL) {
				ids[depth] = caseof(a, s->d1.p);
				own[depth] = 1;
			}
		}
		rg = region_add(&s->rs, depth < 64 ? ids[depth] : NULL, line,
		    start);
		textbreak(s, rg, start);
		buf_put(&rg->text, p + start, i - start);
		textbreak(s, rg, i);
		/* The key as a C string: up to a NUL, if any. */
		idkey = iskey && i - start >= 2 && memcmp(p + start, "id",
		    2) == 0 && (i - start == 2 || p[start + 2] == '\0');
	}
}

/*
 * CSV: each row in the region of the case its first field names.  A
 * byte order mark (cases.csv has one, for spreadsheets) is not part of
 * the first field.
 */
static const unsigned char csvstop[256] = {
	['"'] = 1, [','] = 1, ['\n'] = 1, ['\r'] = 1
};

static void
csv(struct scan *s, const char *p, size_t len)
{
	struct audit	*a = s->a;
	struct buf	 field, row;
	size_t		 i;
	int		 q = 0, first = 1, line = 1;
	size_t		 rowoff;
	const char	*id = NULL;
	struct region	*rg;

	memset(&field, 0, sizeof(field));
	memset(&row, 0, sizeof(row));
	i = len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	rowoff = i;
	for (; i <= len; i++) {
		char c = i < len ? p[i] : '\n';
		size_t k;

		/* A run of plain bytes of a field, copied at once. */
		if (q) {
			const char *e = memchr(p + i, '"', len - i);

			k = e != NULL ? (size_t)(e - p) : len;
		} else
			for (k = i; k < len && !csvstop[(unsigned char)p[k]];
			    k++)
				continue;
		if (k > i) {
			buf_put(&field, p + i, k - i);
			i = k - 1;
			continue;
		}
		if (q) {
			if (c == '"' && i + 1 < len && p[i + 1] == '"') {
				buf_putc(&field, '"');
				i++;
			} else if (c == '"')
				q = 0;
			else
				buf_putc(&field, c);
			continue;
		}
		if (c == '"') {
			q = 1;
			continue;
		}
		if (c == ',' || c == '\n') {
			buf_putc(&field, '\0');
			field.len--;
			if (first)
				id = caseof(a, field.p);
			first = 0;
			buf_putc(&row, '\x01');
			buf_put(&row, field.p, field.len);
			field.len = 0;
			if (c == '\n') {
				rg = region_add(&s->rs, id, line, rowoff);
				buf_put(&rg->text, row.p, row.len);
				buf_putc(&rg->text, '\x01');
				/* A row is one case's, read through at once. */
				region_flush(s, rg);
				giveback(s, i);
				row.len = 0;
				first = 1;
				id = NULL;
				line++;
				rowoff = i + 1;
			}
			continue;
		}
		if (c != '\r')
			buf_putc(&field, c);
	}
	buf_free(&field);
	buf_free(&row);
}

static int
suffix(const char *s, const char *suf)
{
	size_t	 a = strlen(s), b = strlen(suf);

	return a >= b && strcmp(s + a - b, suf) == 0;
}

/*
 * Read a file of about size bytes into s->in, whole.  The audit reads
 * the output on its own (its independence is the point), into a buffer
 * of the worker's that serves file after file: no allocation and no
 * fstat per file, the size being what the walk found.  Returns 0 on
 * error, with errno.
 */
static int
readin(struct scan *s, const char *path, off_t size, size_t *len)
{
	ssize_t	 n;
	int	 fd, e;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	s->in.len = 0;
	buf_grow(&s->in, size > 0 ? (size_t)size + 1 : 4096);
	for (;;) {
		if (s->in.cap - s->in.len - 1 == 0)
			buf_grow(&s->in, s->in.cap);
		n = read(fd, s->in.p + s->in.len, s->in.cap - s->in.len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		s->in.len += (size_t)n;
	}
	e = errno;
	close(fd);
	if (n == -1) {
		errno = e;
		return 0;
	}
	s->in.p[s->in.len] = '\0';
	*len = s->in.len;
	return 1;
}

/*
 * Audit one file: read once, split into regions by its structure, each
 * region decoded, folded and searched once.
 */
static void
auditfile(struct scan *s, const char *path, const char *shown, off_t size)
{
	struct audit	*a = s->a;
	struct seen	 seen;
	struct region	*rg;
	struct stat	 sb;
	char		*text = NULL;
	size_t		 len = 0, i, before = 0;
	int		 fd;

	/* Open data is read in order and may be large: mapped, and its
	 * pages given back as its cases are read through. */
	s->map = NULL;
	s->dropped = 0;
	if (size >= (1 << 22) && (suffix(path, ".json") ||
	    suffix(path, ".csv")) &&
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) != -1) {
		if (fstat(fd, &sb) == 0 && sb.st_size >= (1 << 22)) {
			len = (size_t)sb.st_size;
			text = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
			if (text == MAP_FAILED)
				text = NULL;
			else {
				(void)madvise(text, len, MADV_SEQUENTIAL);
				s->map = text;
			}
		}
		close(fd);
	}
	if (text == NULL) {
		if (!readin(s, path, size, &len)) {
			syserr("%s", path);
			finding(a, shown, 0, "cannot be read%s%s%s", "", "",
			    "");
			return;
		}
		text = s->in.p;
	}
	memset(&seen, 0, sizeof(seen));
	s->file = shown;
	s->sn = &seen;
	s->src = text;
	s->srclen = len;
	s->lcoff = s->lcbol = 0;
	s->lcline = 1;
	regions_reset(&s->rs);
	/* Open data: what passed before, if kept. */
	s->memo = a->mload != NULL && audit_memoed(path);
	s->passed = NULL;
	s->npassed = 0;
	s->regs.len = 0;
	if (s->memo) {
		pthread_mutex_lock(&a->lock);
		before = a->findings;
		pthread_mutex_unlock(&a->lock);
		if (a->mload(a->marg, shown, &s->passed, &i)) {
			if (i % RDIGEST == 0)
				s->npassed = i / RDIGEST;
		}
	}
	if (suffix(path, ".html") || suffix(path, ".htm"))
		markup(s, text, len, 1);
	else if (suffix(path, ".xml") || suffix(path, ".opml") ||
	    suffix(path, ".atom") || suffix(path, ".rss") ||
	    suffix(path, ".svg"))
		markup(s, text, len, 0);
	else if (suffix(path, ".json") || (suffix(path, ".js") &&
	    len > 16 && strncmp(text, "disclose_search.", 16) == 0))
		/* The search index is JSON in a call, each case's text
		 * in the region of its id. */
		json(s, text, len);
	else if (suffix(path, ".csv"))
		csv(s, text, len);
	else {
		rg = region_add(&s->rs, NULL, 0, 0);
		buf_put(&rg->text, text, len);
	}
	for (i = 0; i < s->rs.n; i++) {
		region_side(&s->rs.v[i]);
		region_scan(s, &s->rs.v[i]);
	}
	/* A file of many regions leaves no buffers behind, nor does a
	 * large one. */
	if (s->rs.cap > 1024) {
		regions_free(&s->rs);
		memset(&s->rs, 0, sizeof(s->rs));
	}
	if (s->in.cap > (1 << 20))
		buf_free(&s->in);
	free(seen.told);
	strv_free(seen.hits, seen.nhits);
	if (s->map != NULL)
		munmap(text, len);
	s->map = NULL;
	s->src = NULL;
	/* Kept only when nothing was found meanwhile, in this file or
	 * another. */
	if (s->memo) {
		pthread_mutex_lock(&a->lock);
		i = a->findings;
		pthread_mutex_unlock(&a->lock);
		if (i == before && s->regs.len > 0) {
			qsort(s->regs.p, s->regs.len / RDIGEST, RDIGEST,
			    rdigestcmp);
			a->msave(a->marg, shown, s->regs.p, s->regs.len);
		}
		free(s->passed);
		s->passed = NULL;
		s->npassed = 0;
		s->memo = 0;
		buf_free(&s->regs);
	}
}

/* A file of the portal, with its size. */
struct afile {
	char	*path;
	off_t	 size;
};

struct adir {
	struct audit	 *a;
	struct afile	 *files;	/* the largest first */
	const char	 *dir;
	const char	 *label;
	struct scan	 *scans;	/* one per worker */
};

static int
bysize(const void *x, const void *y)
{
	const struct afile	*a = x, *b = y;

	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return strcmp(a->path, b->path);
}

static void
auditone(void *arg, size_t k, int worker)
{
	struct adir	*d = arg;
	const char	*path = d->files[k].path;
	char		*shown;

	if (d->a->clean != NULL && d->a->clean(d->a->cleanarg,
	    path + strlen(d->dir) + 1))
		return;
	shown = xasprintf("%s%s", d->label, path + strlen(d->dir));
	auditfile(&d->scans[worker], path, shown, d->files[k].size);
	free(shown);
}

/* The files of dir to audit, found: with their sizes, the largest
 * first; the audit frees them. */
static size_t
auditall(struct audit *a, const char *dir, const char *label,
    struct afile *files, size_t n, struct pool *pool)
{
	struct adir	 d;
	uint64_t	(*known)[2];
	size_t		 i;
	int		 w, jobs = pool_jobs(pool);

	arm(a, pool);
	memset(&d, 0, sizeof(d));
	d.files = files;
	d.a = a;
	d.dir = dir;
	d.label = label;
	d.scans = xcalloc((size_t)jobs, sizeof(*d.scans));
	known = a->parts ? xcalloc_big(KNOWN, sizeof(*known)) : NULL;
	for (w = 0; w < jobs; w++) {
		d.scans[w].a = a;
		d.scans[w].known = known;
	}
	/* The largest files first, so that no worker is left with a big
	 * one at the end while the others wait. */
	if (n > 1)
		qsort(d.files, n, sizeof(*d.files), bysize);
	a->findings = 0;
	pool_for(pool, n, auditone, &d);
	for (w = 0; w < jobs; w++) {
		struct scan *s = &d.scans[w];

		buf_free(&s->d1);
		buf_free(&s->d2);
		buf_free(&s->um);
		buf_free(&s->ums);
		free(s->umap.v);
		free(s->usmap.v);
		ftext_free(&s->t);
		ftext_free(&s->ta);
		detect_readfree(&s->rd2);
		buf_free(&s->b);
		free(s->at);
		free(s->met);
		free(s->dd);
		free(s->dp);
		free(s->ex);
		regions_free(&s->rs);
		buf_free(&s->pend);
		buf_free(&s->pendside);
		free(s->pendbrk.v);
		free(s->pendsbrk.v);
		buf_free(&s->in);
		free(s->part);
		buf_free(&s->rd);
		free(s->bsep);
		free(s->tsep);
	}
	free(known);
	free(d.scans);
	for (i = 0; i < n; i++)
		free(d.files[i].path);
	free(d.files);
	return a->findings;
}

/* The files named, with their sizes, on the pool. */
struct statjob {
	const char	 *dir;
	const char *const *rels;
	struct afile	 *f;
	int		  failed;
};

static void
statone(void *arg, size_t i, int worker)
{
	struct statjob	*j = arg;
	struct stat	 st;

	(void)worker;
	j->f[i].path = xasprintf("%s/%s", j->dir, j->rels[i]);
	if (stat(j->f[i].path, &st) == -1) {
		syserr("%s", j->f[i].path);
		__atomic_store_n(&j->failed, 1, __ATOMIC_RELAXED);
		return;
	}
	j->f[i].size = st.st_size;
}

/*
 * Audit the n files of dir named by rels (paths under dir), which the
 * caller found there (the cache, that walked the stage): as audit_dir,
 * without walking dir again.
 */
size_t
audit_files(struct audit *a, const char *dir, const char *label,
    const char *const *rels, size_t n, struct pool *pool)
{
	struct statjob	 j;
	size_t		 i;

	j.dir = dir;
	j.rels = rels;
	j.f = xcalloc(n + 1, sizeof(*j.f));
	j.failed = 0;
	pool_for(pool, n, statone, &j);
	if (j.failed) {
		for (i = 0; i < n; i++)
			free(j.f[i].path);
		free(j.f);
		return SIZE_MAX;
	}
	return auditall(a, dir, label, j.f, n, pool);
}

/*
 * Audit every file under dir on the pool; findings are reported as
 * errors with the file's name as label + its path under dir.  Returns
 * the number of findings, or SIZE_MAX on a system error.
 */
size_t
audit_dir(struct audit *a, const char *dir, const char *label,
    struct pool *pool)
{
	char		**paths;
	const char	**rels;
	size_t		  n, i, found, dl = strlen(dir);

	if (!findfiles(dir, "", FIND_HIDDEN | FIND_FOLLOW, pool, &paths,
	    &n)) {
		strv_free(paths, n);
		return SIZE_MAX;
	}
	rels = xcalloc(n + 1, sizeof(*rels));
	for (i = 0; i < n; i++)
		rels[i] = paths[i] + dl + 1;
	found = audit_files(a, dir, label, rels, n, pool);
	free(rels);
	strv_free(paths, n);
	return found;
}
