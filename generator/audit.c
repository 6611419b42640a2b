/*
 * The audit: an independent second line of defence that reads the
 * output bytes, not the code path that made them.  Every file of a
 * built site is searched for (a) the original of every value that the
 * policy withheld, masked or pseudonymized, in every encoding a reader
 * could decode -- HTML entities and numeric character references,
 * percent-encoding, JSON \u escapes, markup between characters, full-
 * width forms, whitespace -- and (b) whatever the detectors of personal
 * data find, unless the policy keeps it.
 *
 * To avoid false alarms, a short value (a name, a position) counts only
 * where it belongs to its own case: HTML is split into regions by the
 * data-case attribute that the templates put on each case's page and
 * card, feeds by the id of each entry, open data by the id of each
 * record.  Values with six digits or more, and e-mail addresses, count
 * anywhere.
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

/* One value to look for, folded as text_fold() reads text. */
struct needle {
	char		*s;		/* folded UTF-8 without whitespace */
	size_t		 len;
	const char	*id;		/* its case */
	const char	*field;		/* its field, for the report */
	int		 anywhere;	/* distinctive: counts in every case */
};

/* An Aho-Corasick automaton over the bytes of the needles. */
struct edge {
	unsigned char	 c;
	size_t		 to;
};

struct acnode {
	struct edge	*e;		/* its children */
	size_t		 ne;
	size_t		 fail;
	size_t		 dict;		/* next node with output, or 0 */
	size_t		 out;		/* first needle ending here + 1, or 0 */
};

struct audit {
	struct needle	*nd;
	size_t		 nnd;
	size_t		 capnd;
	size_t		*next;		/* needles ending at the same node */
	struct acnode	*node;
	size_t		 nnode;
	size_t		 capnode;
	size_t		 root[256];	/* the root's children, direct */
	const char	**ids;		/* known case ids, sorted */
	size_t		 nids;
	int		 detect;	/* detector hits are findings */
	const char	*const *allow;	/* e-mail addresses allowed */
	size_t		 nallow;
	char		**kept;		/* numbers kept fields publish */
	size_t		 nkept;
	const char	*const *pubnames;	/* names site.yaml publishes */
	size_t		 npubnames;
	char		**pubsq;	/* the same, folded */
	pthread_mutex_t	 lock;
	size_t		 findings;
};

/* A region of a file: text attributed to one case, or to none. */
struct region {
	const char	*id;		/* NULL: the site, not a case */
	int		 line;
	struct buf	 text;
};

/* Folded UTF-8 of s without whitespace, as needles are kept. */
static char *
squeeze(const char *s, size_t len, size_t *outlen)
{
	char		*out, *o;
	size_t		 i = 0, w;
	uint32_t	 c;

	/* Folding never makes a character longer in UTF-8. */
	o = out = xmalloc(len + 4);
	while (i < len) {
		c = text_fold(utf8_get(s, len, i, &w));
		i += w;
		if (!text_isspace(c))
			o = utf8_put(o, c == 0xfffd ? '?' : c);
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

static size_t
child(const struct audit *a, size_t n, unsigned char c)
{
	const struct acnode	*nd = &a->node[n];
	size_t			 i;

	if (n == 0)
		return a->root[c];
	for (i = 0; i < nd->ne; i++)
		if (nd->e[i].c == c)
			return nd->e[i].to;
	return 0;
}

static size_t
newnode(struct audit *a)
{
	if (a->nnode == a->capnode) {
		a->capnode = a->capnode == 0 ? 1024 : 2 * a->capnode;
		a->node = xreallocarray(a->node, a->capnode,
		    sizeof(*a->node));
	}
	memset(&a->node[a->nnode], 0, sizeof(*a->node));
	return a->nnode++;
}

/* Build the trie of the needles, then its failure and output links. */
static void
automaton(struct audit *a)
{
	struct acnode	*nd;
	size_t		*queue, qh = 0, qt = 0, n, i, k, d, f, to;
	unsigned char	 c;

	a->nnode = 0;
	newnode(a);			/* the root */
	a->next = xcalloc(a->nnd + 1, sizeof(*a->next));
	for (i = 0; i < a->nnd; i++) {
		n = 0;
		for (k = 0; k < a->nd[i].len; k++) {
			c = (unsigned char)a->nd[i].s[k];
			if ((to = child(a, n, c)) == 0) {
				to = newnode(a);
				if (n == 0)
					a->root[c] = to;
				else {
					nd = &a->node[n];
					nd->e = xreallocarray(nd->e,
					    nd->ne + 1, sizeof(*nd->e));
					nd->e[nd->ne].c = c;
					nd->e[nd->ne++].to = to;
				}
			}
			n = to;
		}
		a->next[i] = a->node[n].out;
		a->node[n].out = i + 1;
	}
	/* Failure and dictionary links, breadth first. */
	queue = xcalloc(a->nnode + 1, sizeof(*queue));
	for (k = 0; k < 256; k++)
		if ((d = a->root[k]) != 0) {
			a->node[d].fail = 0;
			queue[qt++] = d;
		}
	while (qh < qt) {
		n = queue[qh++];
		for (k = 0; k < a->node[n].ne; k++) {
			c = a->node[n].e[k].c;
			d = a->node[n].e[k].to;
			f = a->node[n].fail;
			while (f != 0 && child(a, f, c) == 0)
				f = a->node[f].fail;
			f = child(a, f, c);
			a->node[d].fail = f == d ? 0 : f;
			f = a->node[d].fail;
			a->node[d].dict = a->node[f].out != 0 ? f :
			    a->node[f].dict;
			queue[qt++] = d;
		}
	}
	free(queue);
}

static int
strpcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
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
ispub(const struct audit *a, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < a->npubnames; i++)
		if (strlen(a->pubsq[i]) == len &&
		    memcmp(a->pubsq[i], s, len) == 0)
			return 1;
	return 0;
}

static void
addneedle(struct audit *a, const char *orig, const char *id,
    const char *field, int anywhere)
{
	struct needle	*n;
	size_t		 len, k;
	char		*s;

	s = squeeze(orig, strlen(orig), &len);
	/* A single character cannot be searched for; a name that site.yaml
	 * publishes (a unit's) is no secret. */
	if (utf8_count(s, len) < 2 || ispub(a, s, len)) {
		free(s);
		return;
	}
	/* The redactions of a case come together: look back over them. */
	for (k = a->nnd; k > 0 && strcmp(a->nd[k - 1].id, id) == 0; k--)
		if (a->nd[k - 1].len == len &&
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
	n->anywhere = anywhere || distinctive(s);
}

/*
 * Prepare an audit of the redactions in log (the originals to look for)
 * for the records whose ids are given; hidden names the ids of the
 * records that must appear nowhere (open, embargoed).
 */
struct audit *
audit_new(const struct redlog *log, const char *const *ids, size_t nids,
    const char *const *hidden, size_t nhidden, int detect,
    const struct redopts *ro)
{
	struct audit	*a;
	size_t		 i, len;

	a = xcalloc(1, sizeof(*a));
	pthread_mutex_init(&a->lock, NULL);
	a->detect = detect;
	a->allow = ro->allow;
	a->nallow = ro->nallow;
	a->pubnames = ro->names;
	a->npubnames = ro->nnames;
	a->pubsq = xcalloc(a->npubnames + 1, sizeof(*a->pubsq));
	for (i = 0; i < a->npubnames; i++)
		a->pubsq[i] = squeeze(a->pubnames[i], strlen(a->pubnames[i]),
		    &len);
	a->ids = xcalloc(nids + 1, sizeof(*a->ids));
	for (i = 0; i < nids; i++)
		a->ids[a->nids++] = ids[i];
	if (a->nids > 1)
		qsort(a->ids, a->nids, sizeof(*a->ids), strpcmp);
	for (i = 0; i < log->n; i++)
		addneedle(a, log->v[i].original, log->v[i].id,
		    log->v[i].where, 0);
	a->kept = log->kept;
	a->nkept = log->nkept;
	for (i = 0; i < nhidden; i++)
		addneedle(a, hidden[i], hidden[i], "(an unpublished case: "
		    "its id)", 1);
	automaton(a);
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
	free(a->next);
	for (i = 0; i < a->nnode; i++)
		free(a->node[i].e);
	free(a->node);
	free(a->ids);
	strv_free(a->pubsq, a->npubnames);
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
	char   **hits;		/* detector hits, as written */
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

/*
 * Whether a detector hit is published on purpose: the portal's contact
 * address, or a number that a field the policy keeps publishes.
 */
static int
allowedhit(const struct audit *a, const char *hit)
{
	size_t	 k;

	for (k = 0; k < a->nallow; k++)
		if (strcasecmp(a->allow[k], hit) == 0)
			return 1;
	for (k = 0; k < a->nkept; k++)
		if (detect_same(a->kept[k], hit))
			return 1;
	return 0;
}

/*
 * Search one text of a region for the needles, and with the detectors
 * when detect is 1 (all of them) or 2 (all but e-mail addresses).
 */
static void
scan(struct audit *a, const char *file, const struct region *rg,
    const char *text, size_t len, const char *how, struct seen *sn,
    int detect)
{
	char		*sq;
	size_t		 sl, i, st = 0, o, d;
	uint32_t	*cp;
	size_t		*off, n;
	struct hits	 h;
	char		*hit;
	const struct needle *nd;

	sq = squeeze(text, len, &sl);
	for (i = 0; i < sl; i++) {
		unsigned char c = (unsigned char)sq[i];

		while (st != 0 && child(a, st, c) == 0)
			st = a->node[st].fail;
		st = child(a, st, c);
		for (d = a->node[st].out ? st : a->node[st].dict; d != 0;
		    d = a->node[d].dict) {
			for (o = a->node[d].out; o != 0; o = a->next[o - 1]) {
				nd = &a->nd[o - 1];
				if (!nd->anywhere && (rg->id == NULL ||
				    strcmp(rg->id, nd->id) != 0))
					continue;
				if (sn->needle[o - 1])
					continue;
				sn->needle[o - 1] = 1;
				finding(a, file, rg->line, "leak: the withheld "
				    "value of %s %s appears %s", nd->id,
				    nd->field, how);
			}
		}
	}
	free(sq);
	if (!a->detect || !detect)
		return;
	n = text_decode(text, len, &cp, &off);
	detect_scan(cp, n, &h);
	for (i = 0; i < h.n; i++) {
		/* As written, an escape before an address (\u003e) would
		 * read as part of it: addresses are found decoded. */
		if (detect == 2 && h.v[i].kind == DET_EMAIL)
			continue;
		hit = xstrndup(text + off[h.v[i].start],
		    off[h.v[i].end] - off[h.v[i].start]);
		if (!allowedhit(a, hit) && !seenhit(sn, hit))
			finding(a, file, rg->line, "leak: a %s appears %s%s",
			    detect_name(h.v[i].kind), how, "");
		free(hit);
	}
	free(h.v);
	free(cp);
	free(off);
}

/*
 * Search a region in every form a reader could decode: as written (when
 * decoding changes it), decoded (entities, percent-encoding, \u escapes,
 * twice over), and decoded without markup.  A file's whole text, after
 * its regions, is searched decoded only.
 */
static void
region_scan(struct audit *a, const char *file, const struct region *rg,
    struct seen *seen, int whole)
{
	char	*d1, *d2, *t;
	size_t	 l1, l2, lt;
	int	 changed;

	if (rg->text.len == 0)
		return;
	d1 = decode(rg->text.p, rg->text.len, &l1);
	d2 = decode(d1, l1, &l2);
	free(d1);
	changed = l2 != rg->text.len || memcmp(d2, rg->text.p, l2) != 0;
	/* As written, the detectors look for numbers (decoding %13 would
	 * hide the digits of 13812345678); decoded, for everything. */
	if (changed && !whole)
		scan(a, file, rg, rg->text.p, rg->text.len, "as written",
		    seen, 2);
	scan(a, file, rg, d2, l2, changed ? "once decoded (entities, "
	    "percent-encoding or \\u escapes)" : "as written", seen, 1);
	if (!whole) {
		t = striptags(d2, l2, &lt);
		if (lt != l2)
			scan(a, file, rg, t, lt, "between markup", seen, 1);
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
			if (first)
				id = caseof(a, field.p == NULL ? "" : field.p);
			first = 0;
			buf_putc(&row, '\x01');
			if (field.p != NULL)
				buf_puts(&row, field.p);
			field.len = 0;
			if (field.p != NULL)
				field.p[0] = '\0';
			if (c == '\n') {
				rg = region_add(rs, id, line);
				if (row.p != NULL)
					buf_puts(&rg->text, row.p);
				buf_putc(&rg->text, '\x01');
				row.len = 0;
				if (row.p != NULL)
					row.p[0] = '\0';
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
	for (i = 0; i < rs.n; i++)
		region_scan(a, shown, &rs.v[i], &seen, 0);
	/* The bytes as they are, for what no parser shows (site-wide). */
	memset(&whole, 0, sizeof(whole));
	whole.line = 0;
	whole.text.p = text;
	whole.text.len = len;
	region_scan(a, shown, &whole, &seen, rs.n > 0);
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
