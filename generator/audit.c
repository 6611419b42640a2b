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
 *      form, unless it stands inside a phrase the policy calls ordinary
 *      or a name site.yaml publishes;
 *  (c) the id of every unpublished case, as a whole token;
 *  (d) with a broader net than redaction's: every span of a number with
 *      the shape of a phone, identity or card number, whatever its
 *      check digit, every credit code and every e-mail address, unless
 *      it is a value redaction kept on purpose and said why (the
 *      redaction report lists them), one site.yaml publishes, or a
 *      string the portal makes itself (a digest), which is never read as
 *      a number.
 */
#include <sys/stat.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "disclose.h"
#include "extern.h"

enum nkind {
	N_VALUE = 0,		/* an original of a redaction */
	N_NAME,			/* a protected name */
	N_HIDDEN		/* the id of an unpublished case */
};

/* One value to look for. */
struct needle {
	char		*s;		/* compact folded UTF-8 */
	size_t		 len;
	const char	*id;		/* its case */
	const char	*field;		/* its field, for the report */
	enum nkind	 kind;
	int		 anywhere;	/* distinctive: counts in every case */
};

struct audit {
	struct needle	*nd;
	size_t		 nnd;
	size_t		 capnd;
	struct ac	*ac;
	const char	**ids;		/* known case ids, sorted */
	size_t		 nids;
	int		 detect;	/* detector hits are findings */
	char		**accept;	/* normal forms kept on purpose, sorted */
	size_t		 naccept;
	char		**exempt;	/* ordinary and public phrases, compact */
	size_t		 nexempt;
	char		**known;	/* the portal's own strings, sorted */
	size_t		 nknown;
	pthread_mutex_t	 lock;
	size_t		 findings;
};

/* A region of a file: text attributed to one case, or to none. */
struct region {
	const char	*id;		/* NULL: the site, not a case */
	int		 line;
	struct buf	 text;
};

static int
strpcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The audit's reading of folded text: without interpuncts, and without
 * the one or two marks that stand between digits (139.0000.2020 reads
 * 13900002020), as UTF-8 with the index of each byte's character.
 * Needles and texts are read alike.
 */
static void
compact(const struct ftext *t, struct buf *b, size_t **at)
{
	char	 enc[4];
	size_t	 i, k, j, w;

	b->len = 0;
	if (at != NULL)
		*at = xreallocarray(*at, 4 * t->n + 1, sizeof(**at));
	for (i = 0; i < t->n; i++) {
		if (fold_interpunct(t->cp[i]))
			continue;
		if (!fold_isalnum(t->cp[i]) && i > 0 && t->cp[i - 1] < 0x80 &&
		    t->cp[i - 1] >= '0' && t->cp[i - 1] <= '9') {
			for (k = i; k < t->n && k < i + 2 &&
			    !fold_isalnum(t->cp[k]) && t->cp[k] >= 0x20; k++)
				continue;
			if (k < t->n && t->cp[k] >= '0' && t->cp[k] <= '9') {
				i = k - 1;
				continue;
			}
		}
		w = (size_t)(utf8_put(enc, t->cp[i]) - enc);
		if (at != NULL)
			for (j = 0; j < w; j++)
				(*at)[b->len + j] = i;
		buf_put(b, enc, w);
	}
	buf_putc(b, '\0');
	b->len--;
}

static char *
needlekey(const char *s, size_t *len)
{
	struct ftext	 t;
	struct buf	 b;

	memset(&t, 0, sizeof(t));
	memset(&b, 0, sizeof(b));
	ftext_fold(&t, s, strlen(s), FOLD_DECODE);
	compact(&t, &b, NULL);
	ftext_free(&t);
	*len = b.len;
	return buf_take(&b);
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
exempt(const struct audit *a, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < a->nexempt; i++)
		if (strlen(a->exempt[i]) == len &&
		    memcmp(a->exempt[i], s, len) == 0)
			return 1;
	return 0;
}

static void
addneedle(struct audit *a, const char *orig, const char *id,
    const char *field, enum nkind kind)
{
	struct needle	*n;
	size_t		 len, k;
	char		*s;

	s = needlekey(orig, &len);
	/* A single character cannot be searched for; a name that site.yaml
	 * publishes (a unit's) is no secret. */
	if (utf8_count(s, len) < 2 || exempt(a, s, len)) {
		free(s);
		return;
	}
	/* The redactions of a case come together: look back over them. */
	for (k = a->nnd; k > 0 && strcmp(a->nd[k - 1].id, id) == 0; k--)
		if (a->nd[k - 1].len == len && a->nd[k - 1].kind == kind &&
		    memcmp(a->nd[k - 1].s, s, len) == 0) {
			free(s);
			return;
		}
	if (a->nnd == a->capnd) {
		a->capnd = a->capnd == 0 ? 256 : 2 * a->capnd;
		a->nd = xreallocarray(a->nd, a->capnd, sizeof(*a->nd));
	}
	n = &a->nd[a->nnd++];
	n->s = s;
	n->len = len;
	n->id = id;
	n->field = field;
	n->kind = kind;
	n->anywhere = kind != N_VALUE || distinctive(s);
}

/*
 * The parts of a withheld text that is no name and no address of mail
 * (a street address, a hand-marked passage): every run of six of its
 * characters, in its own case.
 */
static void
parts(struct audit *a, const struct redaction *r)
{
	struct ftext	 t;
	struct buf	 b;
	size_t		 i, k, han = 0;
	char		 enc[4];
	const char	*dot = strrchr(r->where, '.');

	/* A field's value or a hand mark; what the body showed of them
	 * (an occurrence, a link address) has its parts in them. */
	if ((dot != NULL && strcmp(dot, ".name") == 0) ||
	    strchr(r->original, '@') != NULL ||
	    (strncmp(r->where, "body", 4) == 0 &&
	    strcmp(r->where, "body (hand mark)") != 0))
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
		addneedle(a, b.p, r->id, r->where, N_VALUE);
	}
	buf_free(&b);
	ftext_free(&t);
}

static void
addaccept(struct audit *a, const char *norm)
{
	a->accept = xreallocarray(a->accept, a->naccept + 1,
	    sizeof(*a->accept));
	a->accept[a->naccept++] = xstrdup(norm);
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
	size_t		 i, len, k;
	char		*n;

	a = xcalloc(1, sizeof(*a));
	pthread_mutex_init(&a->lock, NULL);
	a->detect = in->detect;
	/* What publishes a protected name on purpose. */
	a->exempt = xcalloc(in->ro->nnames + in->prot->nordinary + in->nui + 1,
	    sizeof(*a->exempt));
	for (i = 0; i < in->ro->nnames; i++)
		a->exempt[a->nexempt++] = needlekey(in->ro->names[i], &len);
	/* The theme's own words are no case's (办理 in 办理程序). */
	for (i = 0; i < in->nui; i++)
		if (utf8_count(in->ui[i], strlen(in->ui[i])) >= 2)
			a->exempt[a->nexempt++] = needlekey(in->ui[i], &len);
	for (i = 0; i < in->prot->nordinary; i++)
		a->exempt[a->nexempt++] = needlekey(in->prot->ordinary[i],
		    &len);
	a->ids = xcalloc(in->nids + 1, sizeof(*a->ids));
	for (i = 0; i < in->nids; i++)
		a->ids[a->nids++] = in->ids[i];
	if (a->nids > 1)
		qsort(a->ids, a->nids, sizeof(*a->ids), strpcmp);
	for (i = 0; i < in->log->n; i++) {
		addneedle(a, in->log->v[i].original, in->log->v[i].id,
		    in->log->v[i].where, N_VALUE);
		parts(a, &in->log->v[i]);
	}
	for (i = 0; i < in->prot->n; i++)
		addneedle(a, in->prot->v[i].name, in->prot->v[i].id,
		    in->prot->v[i].field, N_NAME);
	for (i = 0; i < in->nhidden; i++)
		addneedle(a, in->hidden[i], in->hidden[i], "(an unpublished "
		    "case: its id)", N_HIDDEN);
	a->ac = ac_new();
	for (i = 0; i < a->nnd; i++)
		ac_add(a->ac, a->nd[i].s, a->nd[i].len, i);
	ac_build(a->ac);
	/* What redaction kept on purpose, and what site.yaml publishes. */
	for (i = 0; i < in->log->nkept; i++)
		addaccept(a, in->log->kept[i].norm);
	for (i = 0; i < in->ro->nallow; i++) {
		n = detect_norm(in->ro->allow[i]);
		addaccept(a, n);
		free(n);
	}
	if (a->naccept > 1)
		qsort(a->accept, a->naccept, sizeof(*a->accept), strpcmp);
	a->known = xcalloc(2 * in->ndigests + 1, sizeof(*a->known));
	for (i = 0, k = 0; i < in->ndigests; i++) {
		if (in->digests[i] == NULL)
			continue;
		a->known[k++] = xstrdup(in->digests[i]);
		a->known[k++] = xstrndup(in->digests[i], 12);
	}
	a->nknown = k;
	if (a->nknown > 1)
		qsort(a->known, a->nknown, sizeof(*a->known), strpcmp);
	return a;
}

void
audit_free(struct audit *a)
{
	size_t	 i;

	if (a == NULL)
		return;
	for (i = 0; i < a->nnd; i++)
		free(a->nd[i].s);
	free(a->nd);
	ac_free(a->ac);
	free(a->ids);
	strv_free(a->accept, a->naccept);
	strv_free(a->exempt, a->nexempt);
	strv_free(a->known, a->nknown);
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

static void
finding(struct audit *a, const char *file, int line, const char *fmt,
    const char *x, const char *y, const char *z)
{
	struct pos	 p;

	p.line = line;
	p.col = line > 0 ? 1 : 0;
	pthread_mutex_lock(&a->lock);
	a->findings++;
	pthread_mutex_unlock(&a->lock);
	diag_error(file, p, fmt, x, y, z);
}

/* Decoders: what a reader, a browser or a parser would turn text into. */

static int
entity(const char *s, size_t *len, uint32_t *c)
{
	static const struct { const char *name; uint32_t c; } named[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' }, { "nbsp;", 0xa0 },
		{ "#", 0 }
	};
	size_t	 i, k;
	uint32_t v = 0;
	int	 hex, d;

	if (s[0] != '&')
		return 0;
	if (s[1] == '#') {
		hex = s[2] == 'x' || s[2] == 'X';
		for (k = hex ? 3 : 2; k < 12; k++) {
			d = hex ? hexval(s[k]) : (s[k] >= '0' && s[k] <= '9' ?
			    s[k] - '0' : -1);
			if (d < 0)
				break;
			v = v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (k == (hex ? 3u : 2u) || v > 0x10ffff)
			return 0;
		*len = s[k] == ';' ? k + 1 : k;
		*c = v;
		return 1;
	}
	for (i = 0; named[i].c != 0; i++)
		if (strncmp(s + 1, named[i].name, strlen(named[i].name))
		    == 0) {
			*len = 1 + strlen(named[i].name);
			*c = named[i].c;
			return 1;
		}
	return 0;
}

/*
 * One round of every decoding: entities, %XX, \uXXXX.  Every sequence
 * is longer than what it decodes to, so the result fits in len bytes.
 * Caller frees.
 */
static char *
decode(const char *s, size_t len, size_t *outlen)
{
	char		*out, *o;
	size_t		 i, k;
	uint32_t	 c, lo;
	int		 hi, l;

	o = out = xmalloc(len + 4);
	for (i = 0; i < len; ) {
		if (s[i] == '&' && entity(s + i, &k, &c)) {
			o = utf8_put(o, c);
			i += k;
		} else if (s[i] == '%' && i + 2 < len &&
		    (hi = hexval(s[i + 1])) >= 0 &&
		    (l = hexval(s[i + 2])) >= 0) {
			*o++ = (char)(hi * 16 + l);
			i += 3;
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
			o = utf8_put(o, c);
		} else if (s[i] == '+' && i > 0 && s[i - 1] != ' ') {
			*o++ = ' ';	/* form encoding */
			i++;
		} else
			*o++ = s[i++];
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

/*
 * Whether an HTML element is inline: its tags may stand between the
 * characters of one word (王<b>建</b>国).  Any other element ends the
 * text before it, as a table cell or a paragraph does for a reader.
 */
static int
inline_tag(const char *name, size_t len)
{
	static const char *const tags[] = {
		"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn",
		"em", "font", "i", "kbd", "mark", "q", "s", "samp", "small",
		"span", "strong", "sub", "sup", "time", "u", "var", "wbr",
		NULL
	};
	size_t	 i;

	for (i = 0; tags[i] != NULL; i++)
		if (strlen(tags[i]) == len && strncasecmp(tags[i], name, len)
		    == 0)
			return 1;
	return 0;
}

/* Remove markup: what lies between < and > (escaped HTML in a feed). */
static char *
striptags(const char *s, size_t len, size_t *outlen)
{
	char		*out, *o;
	size_t		 i, n0;
	int		 in = 0, inl = 0;

	o = out = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (!in && s[i] == '<' && i + 1 < len && (s[i + 1] == '/' ||
		    s[i + 1] == '!' || (s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
		    (s[i + 1] >= 'A' && s[i + 1] <= 'Z'))) {
			in = 1;
			n0 = i + 1 + (s[i + 1] == '/');
			inl = inline_tag(s + n0, strcspn(s + n0, " \t\n/>"));
		} else if (s[i] == '>' && in) {
			in = 0;
			if (!inl)
				*o++ = '\x01';
		} else if (!in)
			*o++ = s[i];
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

/* What a file has shown already, so that each finding is told once. */
struct seen {
	char	*needle;	/* one flag per needle */
	char   **hits;		/* detector hits, by normal form */
	size_t	 nhits;
};

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

/* The work of one search of one text. */
struct scan {
	struct audit		*a;
	const char		*file;
	const struct region	*rg;
	const char		*how;
	struct seen		*sn;
	struct buf		 b;	/* the compact reading */
	size_t			*at;	/* its character of each byte */
	struct ftext		 t;
	struct buf		 ex;	/* exempt intervals, pairs of size_t */
};

/* The intervals of the compact text that are ordinary or public
 * phrases: a protected name inside one is no finding. */
static void
exempts(struct scan *s)
{
	const struct audit	*a = s->a;
	const char		*p, *hit;
	size_t			 i, v[2];

	s->ex.len = 0;
	for (i = 0; i < a->nexempt; i++)
		for (p = s->b.p; (hit = strstr(p, a->exempt[i])) != NULL;
		    p = hit + 1) {
			v[0] = (size_t)(hit - s->b.p);
			v[1] = v[0] + strlen(a->exempt[i]);
			buf_put(&s->ex, (const char *)v, sizeof(v));
		}
}

static int
exempted(const struct scan *s, size_t start, size_t end)
{
	const size_t	*v = (const size_t *)(const void *)s->ex.p;
	size_t		 i, n = s->ex.len / (2 * sizeof(size_t));

	for (i = 0; i < n; i++)
		if (start >= v[2 * i] && end <= v[2 * i + 1])
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

static int
onneedle(void *arg, size_t id, size_t start, size_t end)
{
	struct scan		*s = arg;
	struct audit		*a = s->a;
	const struct needle	*nd = &a->nd[id];

	if (s->sn->needle[id])
		return 1;
	if (!nd->anywhere && (s->rg->id == NULL ||
	    strcmp(s->rg->id, nd->id) != 0))
		return 1;
	if (nd->kind != N_HIDDEN && exempted(s, start, end))
		return 1;
	if (nd->kind == N_HIDDEN && !wholetoken(s, start, end))
		return 1;
	s->sn->needle[id] = 1;
	switch (nd->kind) {
	case N_NAME:
		finding(a, s->file, s->rg->line, "leak: the protected name of "
		    "%s %s appears %s", nd->id, nd->field, s->how);
		break;
	case N_HIDDEN:
		finding(a, s->file, s->rg->line, "leak: the id of an "
		    "unpublished case appears %s%s%s", s->how, "", "");
		break;
	default:
		finding(a, s->file, s->rg->line, "leak: the withheld value of "
		    "%s %s appears %s", nd->id, nd->field, s->how);
	}
	return 1;
}

/* Whether a token of folded text is a string the portal makes itself. */
static int
isknown(void *arg, const uint32_t *cp, size_t n)
{
	const struct audit	*a = arg;
	char			 s[65];
	const char		*p = s;
	size_t			 i;

	if (n != 64 && n != 12)
		return 0;
	for (i = 0; i < n; i++) {
		if (cp[i] >= 0x80)
			return 0;
		s[i] = (char)cp[i];
	}
	s[n] = '\0';
	return bsearch(&p, a->known, a->nknown, sizeof(*a->known),
	    strpcmp) != NULL;
}

/*
 * Search one text of a region for the needles, and with the broad
 * finder when detect is 1 (all of it) or 2 (all but e-mail addresses).
 */
static void
scan(struct scan *s, const char *text, size_t len, const char *how,
    int detect, int breaks)
{
	struct audit	*a = s->a;
	struct hits	 h;
	struct detskip	 skip;
	const char	*key;
	size_t		 i, k, b0, b1;

	s->how = how;
	ftext_fold(&s->t, text, len, 0);
	compact(&s->t, &s->b, &s->at);
	exempts(s);
	ac_scan(a->ac, s->b.p, s->b.len, onneedle, s);
	if (!a->detect || !detect)
		return;
	/* The whole bytes of a file its parser read: the marks of its
	 * structure (fields, keys, tags) end a number; its text was read
	 * region by region. */
	for (i = 0; breaks && i < s->t.n; i++)
		if (strchr(",\":{}[]<>=;", (int)s->t.cp[i]) != NULL &&
		    s->t.cp[i] != 0)
			s->t.cp[i] = 1;
	skip.fn = isknown;
	skip.arg = a;
	detect_broad(&s->t, &h, &skip);
	for (i = 0; i < h.n; i++) {
		/* As written, an escape before an address (\u003e) would
		 * read as part of it: addresses are found decoded. */
		if (detect == 2 && h.v[i].kind == DET_EMAIL)
			continue;
		key = h.v[i].norm;
		if (bsearch(&key, a->accept, a->naccept, sizeof(*a->accept),
		    strpcmp) != NULL)
			continue;
		/* Inside an ordinary phrase: find its bytes. */
		for (b0 = 0; b0 < s->b.len && s->at[b0] < h.v[i].start; b0++)
			continue;
		for (b1 = b0; b1 < s->b.len && s->at[b1] < h.v[i].end; b1++)
			continue;
		if (exempted(s, b0, b1))
			continue;
		if (seenhit(s->sn, key))
			continue;
		k = h.v[i].kind;
		finding(a, s->file, s->rg->line, "leak: a %s appears %s%s",
		    detect_name((enum detkind)k), how, " (not among the "
		    "values the redaction report keeps)");
	}
	hits_free(&h);
}

/*
 * Search a region in every form a reader could decode: as written (when
 * decoding changes it), decoded (entities, percent-encoding, \u escapes,
 * twice over), and decoded without markup.  A file's whole text, after
 * its regions, is searched decoded only.
 */
static void
region_scan(struct scan *s, const struct region *rg, int whole)
{
	char	*d1, *d2, *t;
	size_t	 l1, l2, lt;
	int	 changed;

	if (rg->text.len == 0)
		return;
	s->rg = rg;
	d1 = decode(rg->text.p, rg->text.len, &l1);
	d2 = decode(d1, l1, &l2);
	free(d1);
	changed = l2 != rg->text.len || memcmp(d2, rg->text.p, l2) != 0;
	/* As written, the finder looks for numbers (decoding %13 would
	 * hide the digits of 13812345678); decoded, for everything. */
	if (changed && !whole)
		scan(s, rg->text.p, rg->text.len, "as written", 2, 0);
	scan(s, d2, l2, changed ? "once decoded (entities, "
	    "percent-encoding or \\u escapes)" : "as written", 1, whole);
	if (!whole) {
		t = striptags(d2, l2, &lt);
		if (lt != l2)
			scan(s, t, lt, "between markup", 1, 0);
		free(t);
	}
	free(d2);
}

struct regions {
	struct region	*v;
	size_t		 n;
	size_t		 last;
};

/*
 * The region of a case (ids are the audit's own pointers, so they are
 * compared as pointers); the last one used is the likely one.
 */
static struct region *
region_add(struct regions *rs, const char *id, int line)
{
	size_t	 i;

	if (rs->n > 0 && rs->v[rs->last].id == id)
		return &rs->v[rs->last];
	for (i = rs->n; i > 0; i--)
		if (rs->v[i - 1].id == id) {
			rs->last = i - 1;
			return &rs->v[i - 1];
		}
	rs->v = xreallocarray(rs->v, rs->n + 1, sizeof(*rs->v));
	memset(&rs->v[rs->n], 0, sizeof(*rs->v));
	rs->v[rs->n].id = id;
	rs->v[rs->n].line = line;
	rs->last = rs->n;
	return &rs->v[rs->n++];
}

static void
regions_free(struct regions *rs)
{
	size_t	 i;

	for (i = 0; i < rs->n; i++)
		buf_free(&rs->v[i].text);
	free(rs->v);
}

/* The text of an XML/HTML tree, split into regions by case. */
static void
walk(struct audit *a, xmlNode *n, const char *id, struct regions *rs,
    int html)
{
	xmlAttr		*at;
	xmlNode		*k;
	xmlChar		*v;
	const char	*nid = id;
	struct region	*rg;
	int		 blocky;

	for (; n != NULL; n = n->next) {
		nid = id;
		if (n->type == XML_ELEMENT_NODE) {
			if (html) {
				v = xmlGetProp(n, (const xmlChar *)"data-case");
				if (v != NULL)
					nid = caseof(a, (const char *)v);
				xmlFree(v);
			} else if (xmlStrEqual(n->name, (const xmlChar *)
			    "item") || xmlStrEqual(n->name, (const xmlChar *)
			    "entry")) {
				/* A feed entry: its guid or id names it. */
				for (k = n->children; k != NULL; k = k->next)
					if (k->type == XML_ELEMENT_NODE &&
					    (xmlStrEqual(k->name, (const xmlChar
					    *)"guid") || xmlStrEqual(k->name,
					    (const xmlChar *)"id"))) {
						v = xmlNodeGetContent(k);
						nid = caseof(a, (const char *)v);
						xmlFree(v);
					}
			}
			rg = region_add(rs, nid, (int)xmlGetLineNo(n));
			/* A block ends the text before it; inline markup
			 * may split a word. */
			blocky = !html || !inline_tag((const char *)n->name,
			    strlen((const char *)n->name));
			if (blocky)
				buf_putc(&rg->text, '\x01');
			for (at = n->properties; at != NULL; at = at->next) {
				v = xmlNodeListGetString(n->doc, at->children,
				    1);
				if (v != NULL) {
					buf_putc(&rg->text, '\x01');
					buf_puts(&rg->text, (const char *)v);
					buf_putc(&rg->text, '\x01');
				}
				xmlFree(v);
			}
			walk(a, n->children, nid, rs, html);
			if (blocky) {
				rg = region_add(rs, nid, 0);
				buf_putc(&rg->text, '\x01');
			}
		} else if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE ||
		    n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
			rg = region_add(rs, id, (int)xmlGetLineNo(n));
			if (n->content != NULL)
				buf_puts(&rg->text, (const char *)n->content);
		}
	}
}

/* JSON: every string, decoded, in the region of its object's id. */
static void
json(struct audit *a, const char *s, size_t len, struct regions *rs)
{
	const char	*ids[64];
	size_t		 i, depth = 0, start, k;
	struct region	*rg;
	char		*str, *dec, *key = NULL;
	size_t		 dl;
	int		 line = 1, iskey;

	memset(ids, 0, sizeof(ids));
	for (i = 0; i < len; i++) {
		if (s[i] == '\n')
			line++;
		if (s[i] == '{' || s[i] == '[') {
			if (depth + 1 < 64)
				ids[depth + 1] = ids[depth];
			depth++;
			continue;
		}
		if ((s[i] == '}' || s[i] == ']') && depth > 0) {
			depth--;
			continue;
		}
		if (s[i] != '"')
			continue;
		start = ++i;
		while (i < len && s[i] != '"') {
			if (s[i] == '\\')
				i++;
			i++;
		}
		str = xstrndup(s + start, (i < len ? i : len) - start);
		dec = decode(str, strlen(str), &dl);
		for (k = i + 1; k < len && (s[k] == ' ' || s[k] == '\n' ||
		    s[k] == '\t' || s[k] == '\r'); k++)
			continue;
		iskey = k < len && s[k] == ':';
		if (!iskey && key != NULL && strcmp(key, "id") == 0 &&
		    depth < 64 && caseof(a, dec) != NULL) {
			/* The id of this object names its case. */
			ids[depth] = caseof(a, dec);
		}
		rg = region_add(rs, depth < 64 ? ids[depth] : NULL, line);
		buf_putc(&rg->text, '\x01');
		buf_puts(&rg->text, str);
		buf_putc(&rg->text, '\x01');
		free(key);
		key = iskey ? dec : NULL;
		if (!iskey)
			free(dec);
		free(str);
	}
	free(key);
}

/* CSV: each row in the region of the case its first field names. */
static void
csv(struct audit *a, const char *s, size_t len, struct regions *rs)
{
	struct buf	 field, row;
	size_t		 i;
	int		 q = 0, first = 1, line = 1;
	const char	*id = NULL;
	struct region	*rg;

	memset(&field, 0, sizeof(field));
	memset(&row, 0, sizeof(row));
	for (i = 0; i <= len; i++) {
		char c = i < len ? s[i] : '\n';

		if (q) {
			if (c == '"' && i + 1 < len && s[i + 1] == '"') {
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
			buf_puts(&row, field.p);
			field.len = 0;
			if (c == '\n') {
				rg = region_add(rs, id, line);
				buf_put(&rg->text, row.p, row.len);
				buf_putc(&rg->text, '\x01');
				row.len = 0;
				first = 1;
				id = NULL;
				line++;
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

/* Audit one file: split into regions, search each; the whole as well. */
static void
auditfile(struct audit *a, const char *path, const char *shown)
{
	struct regions	 rs;
	struct region	 whole;
	struct seen	 seen;
	struct scan	 s;
	char		*text;
	size_t		 len, i;
	xmlDoc		*doc = NULL;

	if ((text = readfile(path, SIZE_MAX / 2, &len)) == NULL) {
		syserr("%s", path);
		finding(a, shown, 0, "cannot be read%s%s%s", "", "", "");
		return;
	}
	memset(&rs, 0, sizeof(rs));
	if (suffix(path, ".html") || suffix(path, ".htm")) {
		doc = htmlReadMemory(text, (int)len, path, "UTF-8",
		    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		    HTML_PARSE_NONET | HTML_PARSE_RECOVER);
		if (doc != NULL)
			walk(a, xmlDocGetRootElement(doc), NULL, &rs, 1);
	} else if (suffix(path, ".xml") || suffix(path, ".opml") ||
	    suffix(path, ".atom") || suffix(path, ".rss")) {
		doc = xmlReadMemory(text, (int)len, path, "UTF-8",
		    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET |
		    XML_PARSE_RECOVER);
		if (doc != NULL)
			walk(a, xmlDocGetRootElement(doc), NULL, &rs, 0);
	} else if (suffix(path, ".json"))
		json(a, text, len, &rs);
	else if (suffix(path, ".csv"))
		csv(a, text, len, &rs);
	if (doc != NULL)
		xmlFreeDoc(doc);
	memset(&seen, 0, sizeof(seen));
	seen.needle = xcalloc(a->nnd + 1, 1);
	memset(&s, 0, sizeof(s));
	s.a = a;
	s.file = shown;
	s.sn = &seen;
	for (i = 0; i < rs.n; i++)
		region_scan(&s, &rs.v[i], 0);
	/* The bytes as they are, for what no parser shows (site-wide). */
	memset(&whole, 0, sizeof(whole));
	whole.line = 0;
	whole.text.p = text;
	whole.text.len = len;
	region_scan(&s, &whole, rs.n > 0);
	ftext_free(&s.t);
	buf_free(&s.b);
	buf_free(&s.ex);
	free(s.at);
	free(seen.needle);
	strv_free(seen.hits, seen.nhits);
	regions_free(&rs);
	free(text);
}

struct apool {
	struct audit	 *a;
	char		**files;
	size_t		  n;
	size_t		  next;
	const char	 *dir;
	const char	 *label;
	pthread_mutex_t	  lock;
};

static void *
aworker(void *arg)
{
	struct apool	*p = arg;
	size_t		 i;
	char		*shown;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->n)
			return NULL;
		shown = xasprintf("%s%s", p->label,
		    p->files[i] + strlen(p->dir));
		auditfile(p->a, p->files[i], shown);
		free(shown);
	}
}

/*
 * Audit every file under dir; findings are reported as errors with the
 * file's name as label + its path under dir.  Returns the number of
 * findings, or SIZE_MAX on a system error.
 */
size_t
audit_dir(struct audit *a, const char *dir, const char *label, int jobs)
{
	struct apool	 p;
	pthread_t	*th;
	int		 i, started = 0;

	memset(&p, 0, sizeof(p));
	if (!findfiles(dir, "", 1, &p.files, &p.n))
		return SIZE_MAX;
	p.a = a;
	p.dir = dir;
	p.label = label;
	pthread_mutex_init(&p.lock, NULL);
	a->findings = 0;
	xmlInitParser();
	if (jobs < 1)
		jobs = 1;
	th = xcalloc((size_t)jobs, sizeof(*th));
	for (i = 1; i < jobs; i++)
		if (pthread_create(&th[i], NULL, aworker, &p) == 0)
			started++;
		else
			break;
	aworker(&p);
	for (i = 1; i <= started; i++)
		pthread_join(th[i], NULL);
	free(th);
	pthread_mutex_destroy(&p.lock);
	strv_free(p.files, p.n);
	return a->findings;
}
