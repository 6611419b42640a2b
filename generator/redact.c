/*
 * Redaction: a raw record and a policy make the public record, the only
 * thing that the index and the renderers ever see.  Every value passes
 * through the operator that the policy names for its field and the
 * audience; a field the policy does not name is withheld (fail closed).
 *
 * Then the original of every value that was withheld, masked or
 * pseudonymized is replaced wherever else it occurs in the record, and
 * so is every protected name of the portal (a person protected in one
 * case is protected in all), every detector hit and every hand mark.
 * Text is read through the fold (fold.c) in two readings: as a reader
 * decodes it (character references, percent-encoding, \u escapes) and
 * as written.  Names match in any interpunct form; numbers match by
 * their digits in any grouping and script (detect.c); any run of six
 * characters or more of another withheld value (an address) matches.
 *
 * A withheld span is marked neutrally, with its ground: in the body a
 * custom node whose text is "<!--withheld:KEY-->", in a field the
 * characters SPAN_W KEY SPAN_END (see util.c).  The theme draws them.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <sodium.h>

#include "disclose.h"
#include "extern.h"

/* The fewest digits a mask of a number hides (138****5678). */
#define MASK_HIDDEN	4

/*
 * Mask a value: keep its first and last characters, '*' between.  A
 * number hides MASK_HIDDEN digits at least, fewer of its first and then
 * of its last kept: first 3 and last 4 of 6677 8899 would show all but
 * one (****8899), and the ends of two masked numbers in a list would
 * read as another number.  The ends kept of a value that mixes ASCII
 * and other scripts (an address of mail) are of ASCII alone: one Han
 * character says as much as a word, and the first three of
 * 岚山居士@qq.com would say a name.
 */
/* Whether s holds an ASCII letter or digit and a character of another
 * script. */
static int
mixedscript(const char *s)
{
	int	 ascii = 0, other = 0;

	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			other = 1;
		else if (isalnum((unsigned char)*s))
			ascii = 1;
	return ascii && other;
}

char *
redact_mask(const char *s, int first, int last)
{
	struct buf	 b;
	size_t		 n, i, k, f, l;
	const char	*p;

	memset(&b, 0, sizeof(b));
	n = utf8_count(s, strlen(s));
	f = first < 0 ? 0 : (size_t)first;
	l = last < 0 ? 0 : (size_t)last;
	if (n <= f + l)
		f = l = 0;
	else if (n - f - l < MASK_HIDDEN && s[strspn(s, "0123456789Xx")] ==
	    '\0') {
		f = n >= l + MASK_HIDDEN ? n - l - MASK_HIDDEN : 0;
		if (n - f - l < MASK_HIDDEN)
			l = n > MASK_HIDDEN ? n - MASK_HIDDEN : 0;
	}
	if (mixedscript(s))
		for (i = 0, p = s; *p != '\0'; i++, p += k) {
			utf8_get(p, strlen(p), 0, &k);
			if ((unsigned char)*p >= 0x80) {
				if (i < f)
					f = i;
				if (i >= n - l)
					l = n - i - 1;
			}
		}
	for (i = 0, p = s; *p != '\0'; i++, p += k) {
		utf8_get(p, strlen(p), 0, &k);
		if (i < f || i >= n - l)
			buf_put(&b, p, k);
		else
			buf_putc(&b, '*');
	}
	buf_putc(&b, '\0');
	return buf_take(&b);
}

/* A date to its month (YYYY-MM) or year (YYYY); NULL if not a date. */
char *
redact_generalize(const char *s, int to_year)
{
	struct date	 d;

	if (!date_parse_partial(s, &d))
		return NULL;
	if (to_year || d.m == 0)
		return xasprintf("%04d", d.y);
	return xasprintf("%04d-%02d", d.y, d.m);
}

/* Whether a field path holds a person's name. */
static int
namepath(const char *pat)
{
	return strcmp(pat, "subject.name") == 0 ||
	    strcmp(pat, "witnesses[].name") == 0 ||
	    strcmp(pat, "others[].name") == 0;
}

/* Whether a field path holds a number or an address of a person or a
 * party (a value the policy may publish on purpose). */
static int
numberpath(const char *pat)
{
	const char	*dot = strrchr(pat, '.');

	return dot != NULL && (strcmp(dot, ".id_number") == 0 ||
	    strcmp(dot, ".phone") == 0 || strcmp(dot, ".email") == 0 ||
	    strcmp(dot, ".credit_code") == 0);
}

/* The rule of a field or pseudo-field; withhold when the policy is
 * silent (fail closed). */
static struct rule
ruleof(const struct policy *pol, const char *path, enum audience aud)
{
	const struct rule	*r;
	struct rule		 w;

	if ((r = policy_rule(pol, path, aud)) != NULL)
		return *r;
	memset(&w, 0, sizeof(w));
	w.op = OP_WITHHOLD;
	return w;
}

/* The protected people: names that the policy pseudonymizes or withholds. */

struct pcollect {
	const struct policy	*pol;
	enum audience		 aud;
	char			**names;	/* pseudonymized, in order */
	size_t			 nnames;
	char			**ps;		/* their pseudonyms, once made */
	struct protect		*p;
	const struct record	*r;
};

static void
protect_add(struct protect *p, const struct record *r, const char *name,
    const char *pseud, const struct rule *rl, const char *field)
{
	struct protname	*e;
	char			*key, *sur;
	size_t			 len, i;

	key = fold_key(name, strlen(name), FOLD_NAME, &len);
	if (utf8_count(key, len) < 2) {
		free(key);
		return;
	}
	/* A record's people come together: look back over them. */
	for (i = p->n; i > 0 && strcmp(p->v[i - 1].id, r->id.s) == 0; i--)
		if (strcmp(p->v[i - 1].key, key) == 0) {
			free(key);
			return;
		}
	p->v = xreallocarray(p->v, p->n + 1, sizeof(*p->v));
	e = &p->v[p->n++];
	memset(e, 0, sizeof(*e));
	e->key = key;
	e->keylen = len;
	e->name = xstrdup(name);
	e->pseud = pseud != NULL ? xstrdup(pseud) : NULL;
	e->op = pseud != NULL ? OP_PSEUDONYM : OP_WITHHOLD;
	e->ground = rl->ground;
	e->id = xstrdup(r->id.s);
	e->field = xstrdup(field);
	/* The given name, when it has two characters or more. */
	sur = names_surname(name);
	if (utf8_count(key, len) >= utf8_count(sur, strlen(sur)) + 2 &&
	    strncmp(key, sur, strlen(sur)) == 0) {
		e->given = xstrdup(key + strlen(sur));
		e->givenlen = len - strlen(sur);
	}
	free(sur);
}

static void
pcollect(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct pcollect	*c = arg;
	struct rule	 rl;

	(void)shown;
	if (v->st != V_SET || !namepath(pat))
		return;
	rl = ruleof(c->pol, pat, c->aud);
	if (rl.op == OP_PSEUDONYM) {
		c->names = xreallocarray(c->names, c->nnames + 1,
		    sizeof(*c->names));
		c->names[c->nnames++] = v->s;
	}
}

static void
padd(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct pcollect	*c = arg;
	struct rule	 rl;
	size_t		 i;
	char		**ps;

	if (v->st != V_SET || !namepath(pat))
		return;
	rl = ruleof(c->pol, pat, c->aud);
	if (rl.op == OP_KEEP)
		return;
	if (rl.op != OP_PSEUDONYM) {
		protect_add(c->p, c->r, v->s, NULL, &rl, shown);
		return;
	}
	/* The names are all collected: their pseudonyms, made once. */
	if (c->ps == NULL)
		c->ps = names_pseudonyms(c->names, c->nnames);
	ps = c->ps;
	for (i = 0; i < c->nnames; i++)
		if (strcmp(c->names[i], v->s) == 0)
			break;
	protect_add(c->p, c->r, v->s, i < c->nnames ? ps[i] : NULL, &rl,
	    shown);
}

/* By name, then by case: the people of one name side by side. */
static int
protcmp(const void *a, const void *b)
{
	const struct protname *x = a, *y = b;
	int	 c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return strcmp(x->id, y->id);
}

/* Given names in order, then their people by case, then in theirs. */
static int
givencmp(const void *a, const void *b)
{
	const struct protname *const *x = a, *const *y = b;
	int	 c;

	if ((c = strcmp((*x)->given, (*y)->given)) != 0)
		return c;
	if ((c = strcmp((*x)->id, (*y)->id)) != 0)
		return c;
	return *x < *y ? -1 : *x > *y;
}

/*
 * The people the portal protects for an audience, from every record
 * (published or not), with the pseudonym each one's own case gives it;
 * and the phrases the policy calls ordinary.
 */
struct protjob {
	struct record *const	*recs;
	const struct policy	*pol;
	enum audience		 aud;
	struct protect		*each;	/* the people of each record */
};

static void
protectone(void *arg, size_t i, int worker)
{
	struct protjob	*j = arg;
	struct pcollect	 c;

	(void)worker;
	if (j->recs[i]->id.s == NULL)
		return;
	memset(&c, 0, sizeof(c));
	c.pol = j->pol;
	c.aud = j->aud;
	c.p = &j->each[i];
	c.r = j->recs[i];
	record_visit_names(j->recs[i], pcollect, &c);
	record_visit_names(j->recs[i], padd, &c);
	if (c.ps != NULL)
		strv_free(c.ps, c.nnames);
	free(c.names);
}

/* The ways of writing e's name in Latin letters, folded as a text is,
 * but for words of the portal's own (latin, sorted). */
static void
latinof(struct protname *e, char *const *latin, size_t nlatin)
{
	size_t	 i, k, len;
	char	*f;

	e->py = names_pinyin(e->key, e->keylen, &e->npy);
	for (i = k = 0; i < e->npy; i++) {
		f = fold_key(e->py[i], strlen(e->py[i]), 0, &len);
		free(e->py[i]);
		if (nlatin > 0 && bsearch(&f, latin, nlatin, sizeof(*latin),
		    strpcmp) != NULL)
			free(f);
		else
			e->py[k++] = f;
	}
	e->npy = k;
}

/*
 * The protected people; latin (nlatin, sorted) the words in Latin
 * letters the portal writes of its own, which no name in Latin letters
 * is taken for.
 */
struct protect *
protect_new(struct record *const *recs, size_t n, const struct policy *pol,
    enum audience aud, char *const *latin, size_t nlatin, struct pool *pool)
{
	struct protect	 *p;
	struct protjob	  j;
	size_t		  i, k, len;

	p = xcalloc(1, sizeof(*p));
	/* Each record's people on the pool (they depend on that record
	 * alone), then all of them in the records' order. */
	j.recs = recs;
	j.pol = pol;
	j.aud = aud;
	j.each = xcalloc(n + 1, sizeof(*j.each));
	if (pool != NULL)
		pool_for(pool, n, protectone, &j);
	else
		for (i = 0; i < n; i++)
			protectone(&j, i, 0);
	for (i = 0; i < n; i++)
		p->n += j.each[i].n;
	p->v = xcalloc(p->n + 1, sizeof(*p->v));
	for (i = 0, len = 0; i < n; i++) {
		if (j.each[i].n > 0)
			memcpy(p->v + len, j.each[i].v,
			    j.each[i].n * sizeof(*p->v));
		len += j.each[i].n;
		free(j.each[i].v);
	}
	free(j.each);
	pool_sort(pool, p->v, p->n, sizeof(*p->v), protcmp);
	/* Each name once, and each given name once: many people share
	 * one, and a text is searched once whatever their number. */
	p->ac = ac_new();
	p->given = xcalloc(p->n + 1, sizeof(*p->given));
	for (i = 0; i < p->n; i++) {
		if (i == 0 || strcmp(p->v[i - 1].key, p->v[i].key) != 0)
			ac_add(p->ac, p->v[i].key, p->v[i].keylen, 2 * i);
		if (p->v[i].given != NULL)
			p->given[p->ngiven++] = &p->v[i];
	}
	if (p->ngiven > 1)
		qsort(p->given, p->ngiven, sizeof(*p->given), givencmp);
	for (i = 0; i < p->ngiven; i++)
		if (i == 0 || strcmp(p->given[i - 1]->given,
		    p->given[i]->given) != 0)
			ac_add(p->ac, p->given[i]->given, p->given[i]->givenlen,
			    2 * i + 1);
	/* The name in Latin letters, after both (id 2 * (n + i)), made for
	 * the first person of the name. */
	for (i = 0; i < p->n; i++) {
		if (i > 0 && strcmp(p->v[i - 1].key, p->v[i].key) == 0)
			continue;
		latinof(&p->v[i], latin, nlatin);
		for (k = 0; k < p->v[i].npy; k++)
			ac_add(p->ac, p->v[i].py[k], strlen(p->v[i].py[k]),
			    2 * (p->n + i));
	}
	ac_build(p->ac);
	p->ordinary = xcalloc(pol->nordinary + 1, sizeof(*p->ordinary));
	p->ordlen = xcalloc(pol->nordinary + 1, sizeof(*p->ordlen));
	for (i = 0; i < pol->nordinary; i++) {
		p->ordinary[i] = fold_key(pol->ordinary[i],
		    strlen(pol->ordinary[i]), 0, &len);
		p->ordlen[i] = len;
	}
	p->nordinary = pol->nordinary;
	return p;
}

void
protect_free(struct protect *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->v[i].key);
		free(p->v[i].given);
		free(p->v[i].name);
		free(p->v[i].pseud);
		free(p->v[i].id);
		free(p->v[i].field);
		strv_free(p->v[i].py, p->v[i].npy);
	}
	free(p->v);
	free(p->given);
	ac_free(p->ac);
	strv_free(p->ordinary, p->nordinary);
	free(p->ordlen);
	free(p);
}

/* The values of one record to replace wherever they occur. */
enum skind {
	S_NUMBER,		/* digits: matched by the number finder */
	S_EMAIL,		/* matched as an address */
	S_TEXT			/* matched as folded text, and by its runs */
};

struct secret {
	enum skind	 kind;
	int		 han;		/* text with Chinese: an address */
	struct reading	 r;		/* an address's reading, its numbers
					 * as a reader reads them */
	uint32_t	*cp;		/* folded (numbers: digits, X) */
	size_t		 n;
	uint64_t	 has[16];	/* its code points, by their low ten
					 * bits: where none of them stands,
					 * no part of it does */
	char		*norm;		/* numbers and addresses */
	size_t		 nlen;
	char		*repl;		/* replacement text; NULL: withhold */
	enum redop	 op;
	size_t		 ground;
	char		*field;
};

/* A match in a text: chars [start, end) and what replaces them. */
struct match {
	size_t		 start;
	size_t		 end;
	const char	*repl;		/* NULL: the withheld marker */
	enum redop	 op;
	size_t		 ground;
	char		*what;		/* for the report: field or detector */
	const char	*from;		/* a name of another case */
	const struct protname *who;	/* its person, under the pseudonym
					 * of their case */
	int		 detected;	/* a detector's hit */
	int		 isname;	/* a protected name: NAME_* */
};

enum {
	NAME_NOT = 0,
	NAME_WHOLE,		/* the whole name */
	NAME_GIVEN,		/* the given name, before a title */
	NAME_LATIN		/* the name in Latin letters */
};

struct rctx {
	const struct record	*raw;
	const struct policy	*pol;
	const struct redopts	*opts;
	const struct protect	*prot;
	enum audience		 aud;
	struct record		*pub;
	struct redlog		*log;
	const char		*id;
	const char		*lid, *lpath;	/* the log's copies, once made */
	char			**pnames;	/* the record's pseudonymized */
	char			**pseud;	/* and their pseudonyms */
	size_t			 npnames;
	struct secret		*sec;
	size_t			 nsec;
	char			**allow;	/* normal forms published */
	size_t			 nallow;
	uint32_t		**pub_cp;	/* site.yaml's names, folded */
	size_t			*publen;
	size_t			 npub;
	struct rule		 detected;
	struct rule		 marks;
	int			 inexcerpt;
	cmark_node		 *blk;		/* the block of the body read */
	char			**withnums;	/* numbers the detectors withheld
						 * in the body */
	size_t			 nwith;
	cmark_node		**tels;		/* blocks of the body that end
						 * with a telephone's label, and
						 * headers of cells that name one */
	size_t			 ntels;
	struct seen		*seen;		/* people of other cases named
						 * here, or NULL */
	int			 ok;
};

/* The people of other cases that a record names under a pseudonym, in
 * the order the redaction meets them. */
struct seen {
	const struct protname	**v;
	size_t			  n;
};

/* The record's id and path in the log: one copy for all its entries. */
static void
logcase(struct rctx *c)
{
	if (c->lid != NULL)
		return;
	c->log->own = xreallocarray(c->log->own, c->log->nown + 2,
	    sizeof(*c->log->own));
	c->lid = c->log->own[c->log->nown++] = xstrdup(c->id);
	c->lpath = c->log->own[c->log->nown++] = xstrdup(c->pub->path);
}

static void
logit(struct rctx *c, const char *where, int line, enum redop op,
    size_t ground, const char *original, const char *context,
    const char *from)
{
	struct redaction	*e;

	c->pub->withheld[ground]++;
	c->pub->nwithheld++;
	/* What a listing's card of the case will show withheld. */
	if (strcmp(where, "title") == 0)
		c->pub->oncard[CARD_HEAD][ground]++;
	else if (strcmp(where, "summary") == 0)
		c->pub->oncard[CARD_SUMMARY][ground]++;
	else if (c->inexcerpt && strncmp(where, "body", 4) == 0)
		c->pub->oncard[CARD_EXCERPT][ground]++;
	if (c->log == NULL)
		return;
	if (from != NULL)
		c->log->cross++;
	c->log->v = xreallocarray(c->log->v, c->log->n + 1,
	    sizeof(*c->log->v));
	e = &c->log->v[c->log->n++];
	memset(e, 0, sizeof(*e));
	logcase(c);
	e->id = c->lid;
	e->path = c->lpath;
	e->where = xstrdup(where);
	e->line = line;
	e->op = op;
	e->ground = ground;
	e->original = xstrdup(original);
	if (c->opts->contexts)
		e->context = xstrdup(context != NULL ? context : original);
	e->from = from;
}

/* A number or address that stays, for the audit and the report. */
static void
logkept(struct rctx *c, const char *where, int line, const char *written,
    const char *norm, enum keepwhy why)
{
	struct kept	*k;
	size_t		 i;

	if (c->log == NULL)
		return;
	for (i = c->log->nkept; i > 0 && strcmp(c->log->kept[i - 1].id,
	    c->id) == 0; i--)
		if (strcmp(c->log->kept[i - 1].norm, norm) == 0 &&
		    c->log->kept[i - 1].why == why)
			return;
	c->log->kept = xreallocarray(c->log->kept, c->log->nkept + 1,
	    sizeof(*c->log->kept));
	k = &c->log->kept[c->log->nkept++];
	logcase(c);
	k->id = c->lid;
	k->path = c->lpath;
	k->where = xstrdup(where);
	k->line = line;
	k->written = xstrdup(written);
	k->norm = xstrdup(norm);
	k->why = why;
}

/* The record's numbers kept as norm are not kept after all. */
static void
unkeep(struct rctx *c, const char *norm)
{
	size_t	 i, j;

	if (c->log == NULL)
		return;
	for (i = c->log->nkept; i > 0 && strcmp(c->log->kept[i - 1].id,
	    c->id) == 0; i--)
		continue;
	for (j = i; i < c->log->nkept; i++) {
		if (strcmp(c->log->kept[i].norm, norm) == 0) {
			free(c->log->kept[i].where);
			free(c->log->kept[i].written);
			free(c->log->kept[i].norm);
			continue;
		}
		c->log->kept[j++] = c->log->kept[i];
	}
	c->log->nkept = j;
}

/* Whether a folded key equals a name that site.yaml publishes. */
static int
ispublic(const struct rctx *c, const char *key, size_t len)
{
	char	*p;
	size_t	 i, k;
	int	 same;

	for (i = 0; i < c->opts->nnames; i++) {
		p = fold_key(c->opts->names[i], strlen(c->opts->names[i]), 0,
		    &k);
		same = k == len && memcmp(p, key, len) == 0;
		free(p);
		if (same)
			return 1;
	}
	return 0;
}

/* Whether folded characters lie inside a name site.yaml publishes. */
static int
inpublic(const struct rctx *c, const uint32_t *cp, size_t n)
{
	size_t	 i, k, j;

	for (i = 0; i < c->npub; i++)
		for (k = 0; k + n <= c->publen[i]; k++) {
			for (j = 0; j < n && c->pub_cp[i][k + j] == cp[j]; j++)
				continue;
			if (j == n)
				return 1;
		}
	return 0;
}

/* The code points of UTF-8 text. */
static size_t
codepoints(const char *s, size_t len, uint32_t **out)
{
	uint32_t	*cp;
	size_t		 i = 0, n = 0, w;

	cp = xcalloc(len + 1, sizeof(*cp));
	while (i < len) {
		cp[n++] = utf8_get(s, len, i, &w);
		i += w;
	}
	*out = cp;
	return n;
}

/*
 * Remember the original of a value to replace it wherever it occurs.
 * Names are the protected people's (protect_new); a number is kept as
 * its digits, an address as its normal form, anything else as folded
 * text.  A single character cannot be searched without false alarms,
 * and what site.yaml publishes is no secret.
 */
static void
addsecret(struct rctx *c, const char *orig, const char *repl,
    enum redop op, size_t ground, const char *field)
{
	struct secret	*s;
	char		*key, *norm, u[19];
	const char	*dot;
	uint32_t	*cp;
	size_t		 len, i, n, digits = 0, other = 0;
	enum skind	 kind = S_TEXT;

	key = fold_key(orig, strlen(orig), FOLD_DECODE, &len);
	if (utf8_count(key, len) < 2 || ispublic(c, key, len)) {
		free(key);
		return;
	}
	for (i = 0; i < len; i++)
		if (key[i] >= '0' && key[i] <= '9')
			digits++;
		else if (!(key[i] == ' ' || key[i] == '-' || key[i] == '(' ||
		    key[i] == ')' || key[i] == '+' || key[i] == '.' ||
		    key[i] == '/' || (key[i] == 'x' && i + 1 == len)))
			other++;
	norm = NULL;
	if (digits >= 6 && other == 0) {
		kind = S_NUMBER;
		norm = detect_norm(orig);
	} else if (strchr(key, '@') != NULL || strstr(key, "[at]") != NULL ||
	    strstr(key, "(at)") != NULL) {
		kind = S_EMAIL;
		norm = detect_norm(orig);
	}
	/* A credit code holds the organization's code (its characters 9
	 * to 17, 23490400-2), which names the organization as well. */
	if (detect_orgcode(key, len, (dot = strrchr(field, '.')) != NULL &&
	    strcmp(dot, ".credit_code") == 0, u))
		addsecret(c, u, repl, op, ground, field);
	n = codepoints(key, len, &cp);
	for (i = 0; i < c->nsec; i++)
		if (c->sec[i].kind == kind && (norm != NULL ?
		    strcmp(c->sec[i].norm, norm) == 0 : (c->sec[i].n == n &&
		    memcmp(c->sec[i].cp, cp, n * sizeof(*cp)) == 0))) {
			free(cp);
			free(key);
			free(norm);
			return;
		}
	c->sec = xreallocarray(c->sec, c->nsec + 1, sizeof(*c->sec));
	s = &c->sec[c->nsec++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->cp = cp;
	s->n = n;
	for (i = 0; i < n; i++) {
		if (fold_ishan(cp[i]))
			s->han = 1;
		s->has[(cp[i] >> 6) & 15] |= (uint64_t)1 << (cp[i] & 63);
	}
	if (kind == S_TEXT && s->han)
		detect_addrread(cp, n, &s->r);
	s->norm = norm;
	s->nlen = norm != NULL ? strlen(norm) : 0;
	s->repl = repl != NULL ? xstrdup(repl) : NULL;
	s->op = op;
	s->ground = ground;
	s->field = xstrdup(field);
	free(key);
}

/* Longest first, so that a longer value is replaced before its part. */
static int
seccmp(const void *a, const void *b)
{
	const struct secret *x = a, *y = b;

	return x->n > y->n ? -1 : x->n < y->n;
}

/* The pseudonym the record gives a name, or NULL. */
static const char *
pseudonym(const struct rctx *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->npnames; i++)
		if (strcmp(c->pnames[i], name) == 0)
			return c->pseud[i];
	return NULL;
}

/* What the record's own kept fields publish on purpose: a number or
 * an address that the policy keeps for this audience. */
static void
collectallow(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct rctx	*c = arg;
	struct rule	 rl;

	(void)shown;
	if (v->st != V_SET || !numberpath(pat))
		return;
	rl = ruleof(c->pol, pat, c->aud);
	if (rl.op != OP_KEEP)
		return;
	c->allow = xreallocarray(c->allow, c->nallow + 1,
	    sizeof(*c->allow));
	c->allow[c->nallow++] = detect_norm(v->s);
}

static void
collectnames(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct rctx	*c = arg;
	struct rule	 rl;

	(void)shown;
	if (v->st != V_SET || !namepath(pat))
		return;
	rl = ruleof(c->pol, pat, c->aud);
	if (rl.op != OP_PSEUDONYM)
		return;
	c->pnames = xreallocarray(c->pnames, c->npnames + 1,
	    sizeof(*c->pnames));
	c->pnames[c->npnames++] = v->s;
}

#define LOCALMIN	5	/* characters of a local part that name */

/*
 * What comes before the @ of a withheld e-mail address names its owner
 * as well: a QQ number, an account, a user name written alone
 * (邮箱账号zhanxm1988, QQ号834726159).  Of LOCALMIN characters or more,
 * it is withheld wherever it occurs, as a value of its own.
 */
static void
localpart(struct rctx *c, const char *value, size_t ground,
    const char *field)
{
	char	*key, *at;
	size_t	 len;

	key = fold_key(value, strlen(value), FOLD_DECODE, &len);
	if ((at = strchr(key, '@')) != NULL && at > key &&
	    strchr(at + 1, '.') != NULL) {
		*at = '\0';
		if (utf8_count(key, (size_t)(at - key)) >= LOCALMIN)
			addsecret(c, key, NULL, OP_WITHHOLD, ground, field);
	}
	free(key);
}

/* Second pass: apply each field's operator in place on the copy. */
static void
apply(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct rctx	*c = arg;
	struct rule	 rl;
	const char	*ps;
	char		*nv = NULL;
	enum redop	 op;

	if (v->st != V_SET)
		return;
	rl = ruleof(c->pol, pat, c->aud);
	op = rl.op;
	switch (op) {
	case OP_KEEP:
		return;
	case OP_PSEUDONYM:
		if ((ps = pseudonym(c, v->s)) != NULL)
			nv = xstrdup(ps);
		break;
	case OP_MASK:
		nv = redact_mask(v->s, rl.first, rl.last);
		break;
	case OP_GENERALIZE:
		nv = redact_generalize(v->s, rl.to_year);
		break;
	default:
		break;
	}
	if (nv == NULL)
		op = OP_WITHHOLD;
	logit(c, shown, v->pos.line, op, rl.ground, v->s, NULL, NULL);
	/* An item of a basis is a number of the public list, no secret
	 * to chase through the text. */
	if (strcmp(pat, "body") != 0 && !namepath(pat) &&
	    strcmp(pat, "basis[]") != 0) {
		addsecret(c, v->s, nv, op, rl.ground, shown);
		localpart(c, v->s, rl.ground, shown);
	}
	free(v->s);
	v->s = nv;
	v->op = op;
	v->ground = rl.ground;
	if (nv == NULL)
		v->st = V_WITHHELD;
}

/*
 * A text in two readings: the view (decoded, FOLD_DECODE) and as
 * written, with the view's character of each written one.
 */
struct text {
	struct ftext	 view;
	struct ftext	 raw;
	size_t		*map;		/* view index of each raw char */
};

static void
text_map(struct text *x)
{
	size_t	 r, v = 0;

	x->map = xreallocarray(x->map, x->raw.n + 1, sizeof(*x->map));
	for (r = 0; r < x->raw.n; r++) {
		while (v < x->view.n && x->view.to[v] <= x->raw.from[r])
			v++;
		x->map[r] = v < x->view.n ? v : (x->view.n > 0 ?
		    x->view.n - 1 : 0);
	}
	x->map[x->raw.n] = x->view.n;
}

static void
text_read(struct text *x, const char *s, size_t len)
{
	memset(x, 0, sizeof(*x));
	ftext_fold(&x->view, s, len, FOLD_DECODE);
	ftext_fold(&x->raw, s, len, 0);
	text_map(x);
}

static void
text_free(struct text *x)
{
	ftext_free(&x->view);
	ftext_free(&x->raw);
	free(x->map);
	memset(x, 0, sizeof(*x));
}

static void
addmatch(struct match **m, size_t *nm, size_t start, size_t end,
    const char *repl, enum redop op, size_t ground, char *what)
{
	*m = xreallocarray(*m, *nm + 1, sizeof(**m));
	memset(&(*m)[*nm], 0, sizeof(**m));
	(*m)[*nm].start = start;
	(*m)[*nm].end = end;
	(*m)[*nm].repl = repl;
	(*m)[*nm].op = op;
	(*m)[*nm].ground = ground;
	(*m)[*nm].what = what;
	(*nm)++;
}

static int
matchcmp(const void *a, const void *b)
{
	const struct match *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/*
 * Matches sorted by matchcmp, each that overlaps an earlier (or longer)
 * one joined to it: the number left.
 */
static size_t
unite(struct match *m, size_t nm)
{
	size_t	 i, j;

	for (i = 0, j = 0; i < nm; i++) {
		if (j > 0 && m[i].start < m[j - 1].end) {
			if (m[i].end > m[j - 1].end)
				m[j - 1].end = m[i].end;
			/* Withholding wins over a pseudonym. */
			if (m[i].repl == NULL && m[i].op != OP_MASK) {
				m[j - 1].repl = NULL;
				m[j - 1].op = m[i].op;
				m[j - 1].ground = m[i].ground;
			}
			free(m[i].what);
			continue;
		}
		m[j++] = m[i];
	}
	return j;
}

/* The phrases policy.yaml calls ordinary, as intervals of a text. */
struct ordset {
	size_t	*a;
	size_t	*e;
	size_t	 n;
};

static void
ordinary_find(const struct rctx *c, const struct ftext *t,
    struct ordset *o)
{
	uint32_t	*cp;
	size_t		 i, k, n, j;

	memset(o, 0, sizeof(*o));
	for (k = 0; k < c->prot->nordinary; k++) {
		n = codepoints(c->prot->ordinary[k], c->prot->ordlen[k], &cp);
		for (i = 0; n > 0 && i + n <= t->n; i++) {
			for (j = 0; j < n && t->cp[i + j] == cp[j]; j++)
				continue;
			if (j < n)
				continue;
			o->a = xreallocarray(o->a, o->n + 1, sizeof(*o->a));
			o->e = xreallocarray(o->e, o->n + 1, sizeof(*o->e));
			o->a[o->n] = i;
			o->e[o->n++] = i + n;
		}
		free(cp);
	}
}

static int
inordinary(const struct ordset *o, size_t a, size_t e)
{
	size_t	 i;

	for (i = 0; i < o->n; i++)
		if (a >= o->a[i] && e <= o->e[i])
			return 1;
	return 0;
}

static void
ordinary_free(struct ordset *o)
{
	free(o->a);
	free(o->e);
}

/* The names of a text: the view without interpuncts, as UTF-8, with
 * the view index of each byte. */
struct nameview {
	struct buf	 b;
	size_t		*at;
	const struct ftext *t;		/* the view the bytes are of */
	const struct rctx *c;
	struct match	**m;
	size_t		*nm;
	struct match	*given;		/* given names standing alone */
	size_t		 ngiven;
};

/* The person named like entry first (the first of its name) whose case
 * is id, else that first one. */
static const struct protname *
ownperson(const struct protect *p, size_t first, const char *id)
{
	const char	*key = p->v[first].key;
	size_t		 lo = first, hi, mid;
	int		 c;

	/* The end of the name's run, by doubling, then by halving. */
	for (hi = first + 1; hi < p->n && strcmp(p->v[hi].key, key) == 0; )
		hi = first + 2 * (hi - first) < p->n ? first + 2 *
		    (hi - first) : p->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(key, p->v[mid].key)) == 0)
			c = strcmp(id, p->v[mid].id);
		if (c == 0)
			return &p->v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return &p->v[first];
}

/* The person whose given name is that of entry first of the given names
 * (the first of them) and whose case is id, else that first one. */
static const struct protname *
owngiven(const struct protect *p, size_t first, const char *id)
{
	const char	*given = p->given[first]->given;
	size_t		 k;

	for (k = first; k < p->ngiven && strcmp(p->given[k]->given,
	    given) == 0; k++)
		if (strcmp(p->given[k]->id, id) == 0)
			return p->given[k];
	return p->given[first];
}

/* The person whose given name is that of entry first of the given names
 * and whose surname and an office stand right before it at byte start of
 * the view b (唐副局长建华); NULL if none. */
static const struct protname *
officedgiven(const struct protect *p, size_t first, const char *b,
    size_t start)
{
	const char	*given = p->given[first]->given;
	size_t		 k, end;

	if ((end = names_officeat(b, start)) == 0)
		return NULL;
	for (k = first; k < p->ngiven && strcmp(p->given[k]->given,
	    given) == 0; k++)
		if (names_surnameat(b, end, p->given[k]->key,
		    p->given[k]->keylen - p->given[k]->givenlen))
			return p->given[k];
	return NULL;
}

/* Add the match of a protected person's name at view [a, z). */
static void
addname(struct nameview *nv, size_t a, size_t z, const struct protname *own,
    int isname)
{
	const struct rctx	*c = nv->c;
	const char		*ps = NULL;

	/* The record's pseudonym of a person, when it gives one: of its
	 * own people, and of others' once they share a surname here. */
	if (own->op == OP_PSEUDONYM)
		ps = pseudonym(c, own->name);
	addmatch(nv->m, nv->nm, a, z, ps != NULL ? ps : own->pseud, own->op,
	    own->ground, xstrdup(own->field));
	if (own->op == OP_PSEUDONYM && ps == NULL &&
	    strcmp(own->id, c->id) != 0)
		(*nv->m)[*nv->nm - 1].who = own;
	(*nv->m)[*nv->nm - 1].isname = isname;
	if (strcmp(own->id, c->id) != 0)
		(*nv->m)[*nv->nm - 1].from = own->id;
}

static int
onname(void *arg, size_t id, size_t start, size_t end)
{
	struct nameview		*nv = arg;
	const struct rctx	*c = nv->c;
	const struct protname	*e;
	size_t			 a = nv->at[start], z = nv->at[end - 1] + 1;

	if (id % 2 == 0 && id / 2 >= c->prot->n) {
		/* In Latin letters, a word of its own: no Latin letter or
		 * digit right before or after it (Zhang Haitao, and
		 * 记者Zhang Haitao报道, not Azhang). */
		if ((a > 0 && nv->t->gap[a] == 0 &&
		    fold_joinslatin(nv->t->cp[a - 1])) || (z < nv->t->n &&
		    nv->t->gap[z] == 0 && fold_joinslatin(nv->t->cp[z])))
			return 1;
		addname(nv, a, z, ownperson(c->prot, id / 2 - c->prot->n,
		    c->id), NAME_LATIN);
		return 1;
	}
	if (id % 2 == 1) {
		e = c->prot->given[id / 2];
		/* With a title after it, a given name alone is the
		 * person's (海涛同志): it goes as the whole name would. */
		if (names_titledat(nv->b.p, nv->b.len, start, end)) {
			addname(nv, a, z, owngiven(c->prot, id / 2, c->id),
			    NAME_GIVEN);
			return 1;
		}
		/* So it is after its surname and an office (唐副局长建华). */
		if ((e = officedgiven(c->prot, id / 2, nv->b.p, start)) !=
		    NULL) {
			addname(nv, a, z, e, NAME_GIVEN);
			return 1;
		}
		e = c->prot->given[id / 2];
		if (!c->opts->lint)
			return 1;	/* only a warning would use it */
		nv->given = xreallocarray(nv->given, nv->ngiven + 1,
		    sizeof(*nv->given));
		memset(&nv->given[nv->ngiven], 0, sizeof(*nv->given));
		nv->given[nv->ngiven].start = a;
		nv->given[nv->ngiven].end = z;
		nv->given[nv->ngiven].what = (char *)e;
		nv->ngiven++;
		return 1;
	}
	/* People of one name are neighbours, by case (protect_new sorts
	 * them): the first of them answers for all, with the record's own
	 * person of this name if it has one. */
	addname(nv, a, z, ownperson(c->prot, id / 2, c->id), NAME_WHOLE);
	return 1;
}

/*
 * The position of view character i of a text for a warning: in the
 * body, its line and its column in the source line when the phrase can
 * be found there; in a field, from the position of the value.
 */
static struct pos
wherein(const struct rctx *c, const struct ftext *t, size_t i,
    const char *written, struct pos at, const char *phrase)
{
	struct pos	 p = at;
	const char	*l, *hit, *h;
	size_t		 k, bol = 0, nth = 0, plen = strlen(phrase);
	int		 n, nl = 0;

	for (k = 0; k < t->from[i]; k++)
		if (written[k] == '\n') {
			p.line++;
			bol = k + 1;
			nl = 1;
		}
	if (at.col > 0) {
		/* A field: its value starts at at.col. */
		p.col = (nl ? 1 : at.col) + (int)utf8_count(written + bol,
		    t->from[i] - bol);
		return p;
	}
	p.col = 1;
	if (c->raw->body.s == NULL || p.line < c->raw->body_line)
		return p;
	for (l = c->raw->body.s, n = c->raw->body_line; n < p.line &&
	    l != NULL; n++)
		if ((l = strchr(l, '\n')) != NULL)
			l++;
	/* The phrase as often before it on its line as in the text. */
	for (h = written + bol; plen > 0 && (h = strstr(h, phrase)) != NULL &&
	    h < written + t->from[i]; h += plen)
		nth++;
	if (l != NULL && (hit = strstr(l, phrase)) != NULL &&
	    memchr(l, '\n', (size_t)(hit - l)) == NULL) {
		for (; nth > 0 && (h = strstr(hit + plen, phrase)) != NULL &&
		    memchr(hit, '\n', (size_t)(h - hit)) == NULL; nth--)
			hit = h;
		p.col = (int)utf8_count(l, (size_t)(hit - l)) + 1;
	}
	return p;
}

/* Where a protected name may be part of an ordinary word, or a given
 * name stands alone: warnings for the officer (disclose check). */
static void
lint(struct rctx *c, const struct ftext *t, struct match *m, size_t nm,
    const struct nameview *nv, const struct ordset *o, const char *where,
    struct pos at, const char *written)
{
	size_t	 i, k, a, e;
	char	*phrase, *name;
	const struct protname *p;

	for (i = 0; i < nm; i++) {
		if (m[i].isname != NAME_WHOLE ||
		    inordinary(o, m[i].start, m[i].end) ||
		    names_boundary(t->cp, t->n, m[i].start, m[i].end))
			continue;
		a = m[i].start > 0 && fold_ishan(t->cp[m[i].start - 1]) ?
		    m[i].start - 1 : m[i].start;
		e = m[i].end < t->n && fold_ishan(t->cp[m[i].end]) ?
		    m[i].end + 1 : m[i].end;
		phrase = xstrndup(written + t->from[a], t->to[e - 1] -
		    t->from[a]);
		name = xstrndup(written + t->from[m[i].start],
		    t->to[m[i].end - 1] - t->from[m[i].start]);
		diag_warn(c->pub->path, wherein(c, t, a, written, at,
		    phrase), "%s: \"%s\" holds the protected name \"%s\" "
		    "(%s) and may be an ordinary word; it is replaced by \"%s\": "
		    "to keep the phrase, add it to ordinary: in policy.yaml",
		    where, phrase, name, m[i].what, m[i].repl != NULL ?
		    m[i].repl : "the withheld marker");
		free(name);
		free(phrase);
		if (c->log != NULL)
			c->log->warnings++;
	}
	for (i = 0; i < nv->ngiven; i++) {
		a = nv->given[i].start;
		e = nv->given[i].end;
		for (k = 0; k < nm; k++)
			if (m[k].start < e && m[k].end > a)
				break;
		if (k < nm || inordinary(o, a, e) ||
		    !names_alone(t->cp, t->n, a, e))
			continue;
		p = (const struct protname *)nv->given[i].what;
		phrase = xstrndup(written + t->from[a], t->to[e - 1] -
		    t->from[a]);
		diag_warn(c->pub->path, wherein(c, t, a, written, at,
		    phrase), "%s: \"%s\" is the given name of a protected person "
		    "(%s of %s) standing alone; it is not replaced: write the "
		    "full name, or add the phrase to ordinary: in policy.yaml",
		    where, phrase, p->field, p->id);
		free(phrase);
		if (c->log != NULL)
			c->log->warnings++;
	}
}

/* Whether a normal form is published on purpose. */
static enum keepwhy
allowed(const struct rctx *c, const char *norm)
{
	size_t	 i;
	char	*n;
	int	 same;

	for (i = 0; i < c->opts->nallow; i++) {
		n = detect_norm(c->opts->allow[i]);
		same = strcmp(n, norm) == 0;
		free(n);
		if (same)
			return KEEP_SITE;
	}
	for (i = 0; i < c->nallow; i++)
		if (strcmp(c->allow[i], norm) == 0)
			return KEEP_FIELD;
	return KEEP_NO;
}

/*
 * A folded text value (not a name, not a number) at t[i]: the value as
 * a whole, or a run of six characters or more of it that is not part of
 * a name site.yaml publishes; where the value has a letter or a digit,
 * the text may have one or two other characters more (a code written
 * with spaces or dashes).  Returns the end of the longest, or 0.
 */
static size_t
textat(const struct rctx *c, const struct ftext *t, size_t i,
    const struct secret *s)
{
	size_t	 j, k, best = 0, p, skip;
	uint32_t ci = t->cp[i];

	if (!((s->has[(ci >> 6) & 15] >> (ci & 63)) & 1))
		return 0;
	for (j = 0; j < s->n; j++) {
		if (t->cp[i] != s->cp[j])
			continue;
		for (k = j, p = i, skip = 0; k < s->n && p < t->n; ) {
			if (t->cp[p] == s->cp[k]) {
				k++;
				p++;
				skip = 0;
			} else if (k > j && skip < 2 &&
			    !fold_isalnum(t->cp[p]) &&
			    fold_isalnum(s->cp[k]) && fold_isalnum(s->cp[k - 1])) {
				p++;
				skip++;
			} else
				break;
		}
		if (k - j == s->n || (s->kind == S_TEXT && s->han &&
		    k - j >= 6 && !inpublic(c, s->cp + j, k - j)))
			if (p > best)
				best = p;
	}
	return best;
}

/* Whether the folded character c is digit k of the number s. */
static int
numch(uint32_t c, const struct secret *s, size_t k)
{
	return c < 0x80 && ((char)c == s->norm[k] || (s->norm[k] == 'X' &&
	    c == 'x'));
}

/*
 * The digits of the number s from its k-th on, at t[i]: one or two
 * separators between them allowed; for a number of NUMLONG digits and
 * more (a phone, an identity or card number), any three characters but
 * digits, as a reader reads 158和6723和4019 or 330106-1985年07月21日-438X.
 * Returns the end, and the digits read in *got; the end of the last
 * group of digits read whole (a separator after it) in *cut, and the
 * digits read up to it in *cgot.
 */
static size_t
numfrom(const struct ftext *t, size_t i, const struct secret *s, size_t k,
    size_t *got, size_t *cut, size_t *cgot)
{
	size_t	 p = i, skip = 0, n = s->nlen, k0 = k, end = i;
	uint32_t c;

	*cut = *cgot = 0;
	while (k < n && p < t->n) {
		c = t->cp[p];
		if (numch(c, s, k)) {
			k++;
			end = ++p;
			skip = 0;
		} else if (k > k0 && (n >= NUMLONG ? skip < 3 && !(c >= '0' &&
		    c <= '9') && c >= 0x20 : skip < 2 && !fold_isalnum(c))) {
			if (skip++ == 0) {
				*cut = end;
				*cgot = k - k0;
			}
			p++;
		} else
			break;
	}
	*got = k - k0;
	return end;
}

/*
 * A part of a number read across separators is one only where it cuts
 * no group of digits: 2025-08-17 holds 0250817, and 〔2022〕9451号
 * 2022945, seven digits in a row of many a phone, but neither is a part
 * of one.  In a run of digits alone, a part is one wherever it stands.
 */
static int
numpart(const struct ftext *t, size_t i, size_t e)
{
	size_t	 p;

	for (p = i; p < e && isdigit32(t->cp[p]); p++)
		continue;
	if (p == e)
		return 1;
	return (i == 0 || !isdigit32(t->cp[i - 1])) &&
	    (e >= t->n || !isdigit32(t->cp[e]));
}

/*
 * A number of the record at t[i]: all its digits (see numfrom); or, for
 * one of eleven digits and more, all but four of them in a row, from
 * anywhere in it (the first 17 digits of an identity number give the
 * last; seven of a phone's, with the mask 158****4019, give all).  Not
 * so a landline's (0571-8888…): its area code and exchange are those
 * of its neighbours, and of the office's own number.  Inside a longer
 * run of digits too: a confidential number is withheld wherever its
 * digits stand.  Returns the end, or 0.
 */
static size_t
numat(const struct ftext *t, size_t i, const struct secret *s)
{
	size_t	 n = s->nlen, need, k, e, got, cut, cgot, best = 0;

	if (n == 0 || t->cp[i] > 0x7f)
		return 0;
	need = n >= NUMLONG + 4 && s->norm[0] != '0' ? n - 4 : n;
	for (k = 0; k + need <= n; k++) {
		if (!numch(t->cp[i], s, k))
			continue;
		e = numfrom(t, i, s, k, &got, &cut, &cgot);
		if (got < need)
			continue;
		if (got < n && !numpart(t, i, e)) {
			/* 330106-19850721-4387, its check digit wrong:
			 * the part up to the last whole group. */
			if (cgot < need || !numpart(t, i, cut))
				continue;
			e = cut;
		}
		if (e > best)
			best = e;
	}
	return best;
}

/*
 * Every protected name, secret and detector hit in a text, in view
 * indices, sorted, without overlaps.  A hit that stays (an amount, a
 * published number, an ordinary phrase) is logged as kept, not matched.
 */
/* Whether the detectors withheld the number norm in the body. */
static int
withheldnum(const struct rctx *c, const char *norm)
{
	size_t	 i;

	for (i = 0; i < c->nwith; i++)
		if (strcmp(c->withnums[i], norm) == 0)
			return 1;
	return 0;
}

/* An address's part that is a part of a name site.yaml publishes is no
 * secret (detect_addrpart). */
struct pubarg {
	const struct rctx	*c;
	const struct secret	*s;
};

static int
addrpublic(void *arg, size_t from, size_t to)
{
	const struct pubarg	*pa = arg;

	return inpublic(pa->c, pa->s->cp + from, to - from);
}

static size_t
findall(struct rctx *c, const struct text *x, struct match **out,
    const char *where, struct pos at, const char *written, int lintit)
{
	struct match	*m = NULL;
	struct hits	 h;
	struct nameview	 nv;
	struct ordset	 o;
	struct reading	 rd;
	struct pubarg	 pa;
	const struct ftext *t;
	size_t		 nm = 0, i, k, e, j, pass, a, z, ncand, next;
	size_t		*cand;
	enum keepwhy	*wd;		/* why each detector hit stays */
	uint64_t	 any[16];
	char		 enc[4], *w;
	enum keepwhy	 why;
	const struct secret *s;

	ordinary_find(c, &x->view, &o);
	cand = xreallocarray(NULL, (x->view.n > x->raw.n ? x->view.n :
	    x->raw.n) + 1, sizeof(*cand));
	/* Protected names, on the view without interpuncts, nor the
	 * joiners between two Chinese characters (fold_joinrun). */
	memset(&nv, 0, sizeof(nv));
	nv.c = c;
	nv.t = &x->view;
	nv.m = &m;
	nv.nm = &nm;
	nv.at = xcalloc(4 * x->view.n + 1, sizeof(*nv.at));
	for (i = 0; i < x->view.n; i++) {
		if (fold_interpunct(x->view.cp[i]) ||
		    fold_latinskip(x->view.cp, x->view.n, i))
			continue;
		if ((j = fold_joinrun(x->view.cp, x->view.n, i)) > i) {
			i = j - 1;
			continue;
		}
		k = (size_t)(utf8_put(enc, x->view.cp[i]) - enc);
		for (j = 0; j < k; j++)
			nv.at[nv.b.len + j] = i;
		buf_put(&nv.b, enc, k);
	}
	ac_scan(c->prot->ac, nv.b.p, nv.b.len, onname, &nv);
	/* The record's values and the detectors, in both readings.  A value
	 * begins only at a character of its own: the characters of them
	 * all, by their low ten bits, pick where to look. */
	memset(any, 0, sizeof(any));
	for (k = 0; k < c->nsec; k++) {
		s = &c->sec[k];
		if (s->kind != S_NUMBER) {
			for (j = 0; j < 16; j++)
				any[j] |= s->has[j];
			continue;
		}
		for (j = 0; j < s->nlen; j++) {
			e = (unsigned char)s->norm[j];
			any[(e >> 6) & 15] |= (uint64_t)1 << (e & 63);
			if (e == 'X')
				any[('x' >> 6) & 15] |= (uint64_t)1 <<
				    ('x' & 63);
		}
	}
	/* Parts of an address as read (3栋2单元501室 for 3-2-501,
	 * 六十六号 for 66号), in the view. */
	for (k = 0; k < c->nsec && c->sec[k].r.cp == NULL; k++)
		continue;
	if (k < c->nsec) {
		memset(&rd, 0, sizeof(rd));
		detect_addrread(x->view.cp, x->view.n, &rd);
		pa.c = c;
		for (; k < c->nsec; k++) {
			s = pa.s = &c->sec[k];
			for (i = 0; s->r.cp != NULL && i < rd.n; i++)
				if ((e = detect_addrpart(&rd, i, &s->r,
				    addrpublic, &pa)) > 0) {
					addmatch(&m, &nm, rd.from[i],
					    rd.to[e - 1], s->repl, s->op,
					    s->ground, xstrdup(s->field));
					i = e - 1;
				}
		}
		detect_readfree(&rd);
	}
	for (pass = 0; pass < 2; pass++) {
		t = pass == 0 ? &x->view : &x->raw;
		for (i = ncand = 0; c->nsec > 0 && i < t->n; i++)
			if ((any[(t->cp[i] >> 6) & 15] >> (t->cp[i] & 63)) & 1)
				cand[ncand++] = i;
		for (k = 0; k < c->nsec; k++) {
			s = &c->sec[k];
			for (j = 0, next = 0; j < ncand; j++) {
				if ((i = cand[j]) < next)
					continue;
				if ((e = s->kind == S_NUMBER ? numat(t, i, s) :
				    textat(c, t, i, s)) > 0) {
					a = pass == 0 ? i : x->map[i];
					z = pass == 0 ? e : x->map[e - 1] + 1;
					addmatch(&m, &nm, a, z, s->repl,
					    s->op, s->ground,
					    xstrdup(s->field));
					next = e;
				}
			}
		}
		detect_scan(t, &h);
		/* What the detectors withhold: the same number kept
		 * elsewhere in the text (after a label, as an amount) is
		 * withheld there too (联系电话18601861860；订单号
		 * 18601861860). */
		wd = xcalloc(h.n + 1, sizeof(*wd));
		for (i = 0; i < h.n; i++) {
			a = pass == 0 ? h.v[i].start : x->map[h.v[i].start];
			z = pass == 0 ? h.v[i].end : x->map[h.v[i].end - 1] + 1;
			why = h.v[i].keep;
			if (why == KEEP_NO)
				why = allowed(c, h.v[i].norm);
			if (why == KEEP_NO && inordinary(&o, a, z))
				why = KEEP_ORDINARY;
			if (why == KEEP_NO && c->detected.op == OP_KEEP)
				why = KEEP_FIELD;
			wd[i] = why;
		}
		for (i = 0; i < h.n; i++) {
			a = pass == 0 ? h.v[i].start : x->map[h.v[i].start];
			z = pass == 0 ? h.v[i].end : x->map[h.v[i].end - 1] + 1;
			/* A value of the record, in any grouping. */
			for (k = 0; k < c->nsec; k++)
				if (c->sec[k].norm != NULL &&
				    (strcmp(c->sec[k].norm, h.v[i].norm) == 0 ||
				    (c->sec[k].kind == S_NUMBER &&
				    strstr(h.v[i].norm, c->sec[k].norm) !=
				    NULL)))
					break;
			if (k < c->nsec) {
				s = &c->sec[k];
				addmatch(&m, &nm, a, z, s->repl, s->op,
				    s->ground, xstrdup(s->field));
				continue;
			}
			why = wd[i];
			if (why == KEEP_LABEL || why == KEEP_AMOUNT ||
			    why == KEEP_CODE) {
				for (j = 0; j < h.n; j++)
					if (wd[j] == KEEP_NO &&
					    strcmp(h.v[j].norm,
					    h.v[i].norm) == 0) {
						why = KEEP_NO;
						break;
					}
				/* Or in a block of the body before. */
				if (c->blk != NULL && why != KEEP_NO &&
				    withheldnum(c, h.v[i].norm))
					why = KEEP_NO;
			}
			if (why != KEEP_NO) {
				if (pass == 0 && (h.v[i].kind == DET_EMAIL ||
				    detect_shape(h.v[i].norm) >= 0)) {
					w = xstrndup(written +
					    x->view.from[a],
					    x->view.to[z - 1] -
					    x->view.from[a]);
					logkept(c, where, at.line, w,
					    h.v[i].norm, why);
					free(w);
				}
				continue;
			}
			addmatch(&m, &nm, a, z, NULL, c->detected.op,
			    c->detected.ground, xasprintf("detected %s",
			    detect_name(h.v[i].kind)));
			m[nm - 1].detected = 1;
			if (c->blk != NULL && !withheldnum(c, h.v[i].norm)) {
				c->withnums = xreallocarray(c->withnums,
				    c->nwith + 1, sizeof(*c->withnums));
				c->withnums[c->nwith++] =
				    xstrdup(h.v[i].norm);
			}
		}
		free(wd);
		hits_free(&h);
	}
	if (nm > 1)
		qsort(m, nm, sizeof(*m), matchcmp);
	/* A name inside a phrase the policy calls ordinary stays. */
	for (i = 0, j = 0; i < nm; i++) {
		if (m[i].isname && inordinary(&o, m[i].start, m[i].end)) {
			free(m[i].what);
			continue;
		}
		m[j++] = m[i];
	}
	j = unite(m, j);
	if (lintit && c->opts->lint)
		lint(c, &x->view, m, j, &nv, &o, where, at, written);
	free(cand);
	free(nv.at);
	buf_free(&nv.b);
	free(nv.given);
	ordinary_free(&o);
	*out = m;
	return j;
}

/* The ground key of a withheld span, for the neutral marker. */
static const char *
gkey(const struct rctx *c, size_t g)
{
	return c->pol->grounds[g].key;
}

/*
 * The replacement text of a match in a field: the pseudonym or the
 * mask, or for a detector hit under mask its masked form, else the
 * neutral marker of withheld text.  The caller frees it.
 */
static char *
fieldrepl(const struct rctx *c, const struct match *m, const char *orig)
{
	struct buf	 b;
	const char	*p;
	char		*r;

	if (m->repl != NULL)
		return xstrdup(m->repl);
	if (m->op == OP_MASK) {
		/* Mask the number, not the spaces and dashes in it. */
		memset(&b, 0, sizeof(b));
		for (p = orig; *p != '\0'; p++)
			if (*p != ' ' && *p != '-' && *p != '\n' &&
			    *p != '(' && *p != ')')
				buf_putc(&b, *p);
		buf_putc(&b, '\0');
		r = redact_mask(b.p, c->detected.first, c->detected.last);
		buf_free(&b);
		return r;
	}
	return xasprintf("%c%s%s%c", SPAN_MARK, SPAN_W, gkey(c, m->ground),
	    SPAN_END);
}

/* Ten characters of context on each side of bytes [a, e) of s. */
static char *
context(const char *s, size_t len, size_t a, size_t e)
{
	size_t	 i, k, w;
	struct buf b;

	for (k = 0; k < 10 && a > 0; k++) {
		do
			a--;
		while (a > 0 && ((unsigned char)s[a] & 0xc0) == 0x80);
	}
	for (k = 0, i = e; k < 10 && i < len; k++) {
		utf8_get(s, len, i, &w);
		i += w;
	}
	memset(&b, 0, sizeof(b));
	buf_put(&b, s + a, i - a);
	buf_putc(&b, '\0');
	for (k = 0; k < b.len; k++)
		if (b.p[k] == '\n' || b.p[k] == '\r' || b.p[k] == '\t')
			b.p[k] = ' ';
	return buf_take(&b);
}

/*
 * Hand marks in a field: {--text--} withholds text (public) or shows it
 * highlighted (internal), as the policy's "marks" says.  Unclosed marks
 * are validation's to report; here they stay as written.
 */
static void
fieldmarks(struct rctx *c, struct val *v, const char *shown)
{
	struct buf	 b;
	const char	*p, *a, *z;
	char		*orig;

	if (strstr(v->s, "{--") == NULL)
		return;
	memset(&b, 0, sizeof(b));
	for (p = v->s; (a = strstr(p, "{--")) != NULL &&
	    (z = strstr(a + 3, "--}")) != NULL; p = z + 3) {
		buf_put(&b, p, (size_t)(a - p));
		orig = xstrndup(a + 3, (size_t)(z - a - 3));
		if (c->marks.op == OP_KEEP) {
			buf_printf(&b, "%c%s%c%s%c%s%c", SPAN_MARK, SPAN_H,
			    SPAN_END, orig, SPAN_MARK, SPAN_HEND, SPAN_END);
		} else {
			buf_printf(&b, "%c%s%s%c", SPAN_MARK, SPAN_W,
			    gkey(c, c->marks.ground), SPAN_END);
			logit(c, shown, v->pos.line, OP_WITHHOLD,
			    c->marks.ground, orig, NULL, NULL);
			addsecret(c, orig, NULL, OP_WITHHOLD, c->marks.ground,
			    shown);
		}
		free(orig);
	}
	buf_puts(&b, p);
	buf_putc(&b, '\0');
	free(v->s);
	v->s = buf_take(&b);
}

/* Skip the neutral markers of a field when reading it: they become
 * characters no value is made of. */
static void
blankmarks(char *s)
{
	char	*p, *e;

	for (p = s; (p = strchr(p, SPAN_MARK)) != NULL; p = e) {
		if ((e = strchr(p, SPAN_END)) == NULL)
			break;
		memset(p, '\x01', (size_t)(e - p + 1));
	}
}

/* Where a match is logged: a given name before a title is told apart,
 * for the report and for the audit, which looks for it before a title
 * only. */
static char *
logwhere(const char *where, const struct match *m)
{
	if (m->isname == NAME_GIVEN)
		return xasprintf("%s%s", where, GIVENTAG);
	if (m->isname == NAME_LATIN)
		return xasprintf("%s%s", where, LATINTAG);
	return xstrdup(where);
}

/* A person of another case shown under their case's pseudonym by a
 * match that is applied: seen, once, in order. */
static void
seeperson(struct rctx *c, const struct match *m)
{
	struct seen	*s = c->seen;
	size_t		 i;

	if (s == NULL || m->who == NULL)
		return;
	for (i = 0; i < s->n; i++)
		if (s->v[i] == m->who)
			return;
	s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = m->who;
}

/*
 * Redact a field's text in place: every protected name, value of the
 * record and detector hit is replaced by its pseudonym, its mask or the
 * neutral marker.
 */
static void
scrubfield(struct rctx *c, struct val *v, const char *shown)
{
	struct match	*m;
	struct buf	 b;
	struct text	 x;
	size_t		 nm, i, last = 0, a, e;
	char		*orig, *r, *ctx, *seen, *w;

	if (v->st != V_SET || v->op != OP_KEEP)
		return;
	seen = xstrdup(v->s);
	blankmarks(seen);
	text_read(&x, seen, strlen(seen));
	nm = findall(c, &x, &m, shown, v->pos, seen, 1);
	memset(&b, 0, sizeof(b));
	for (i = 0; i < nm; i++) {
		a = x.view.from[m[i].start];
		e = x.view.to[m[i].end - 1];
		if (a < last)
			continue;
		seeperson(c, &m[i]);
		orig = xstrndup(v->s + a, e - a);
		buf_put(&b, v->s + last, a - last);
		r = fieldrepl(c, &m[i], orig);
		buf_puts(&b, r);
		free(r);
		ctx = context(seen, strlen(seen), a, e);
		w = logwhere(shown, &m[i]);
		logit(c, w, v->pos.line, m[i].op, m[i].ground, orig, ctx,
		    m[i].from);
		free(w);
		free(ctx);
		free(orig);
		last = e;
	}
	if (b.p != NULL) {
		buf_puts(&b, v->s + last);
		buf_putc(&b, '\0');
		free(v->s);
		v->s = buf_take(&b);
	}
	for (i = 0; i < nm; i++)
		free(m[i].what);
	free(m);
	free(seen);
	text_free(&x);
}

/* Whether a field is text that redaction reads (not structure). */
static int
textfield(const char *pat)
{
	/* The structure of the portal and the body are not field text;
	 * a unit or a category is a name site.yaml publishes (validation
	 * saw to it), and changing it would drop the case from its list. */
	return strcmp(pat, "id") != 0 && strcmp(pat, "status") != 0 &&
	    strcmp(pat, "published") != 0 && strcmp(pat, "body") != 0 &&
	    strcmp(pat, "unit") != 0 && strcmp(pat, "category") != 0;
}

/* The hand marks of every field, before any text is read: what they
 * withhold is withheld wherever the record repeats it. */
static void
markvisit(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct rctx	*c = arg;

	if (v->st == V_SET && v->op == OP_KEEP && textfield(pat))
		fieldmarks(c, v, shown);
}

static void
scrubvisit(const char *pat, const char *shown, struct val *v, void *arg)
{
	if (textfield(pat))
		scrubfield(arg, v, shown);
}

/*
 * The body.  A block's visible text is the concatenation of the
 * literals of its inline leaves; a leaf knows its node and where its
 * characters start in that text, so a match may span nodes (王**建国**).
 */
struct leaf {
	cmark_node	*node;
	int		 inimage;	/* alt text: plain text only */
};

struct block {
	struct leaf	*leaf;
	size_t		 nleaf;
	struct text	 x;		/* the folded text of the block */
	size_t		*li;		/* leaf of each view character */
	size_t		*bo;		/* its byte offset in the leaf */
	size_t		*be;		/* the byte offset after it */
	struct buf	 src;		/* the leaves' text, concatenated */
	size_t		*lstart;	/* byte offset of each leaf in src */
	int		 line;		/* file line of the block */
	int		 fenced;
};

static void
block_free(struct block *b)
{
	free(b->leaf);
	text_free(&b->x);
	free(b->li);
	free(b->bo);
	free(b->be);
	buf_free(&b->src);
	free(b->lstart);
	memset(b, 0, sizeof(*b));
}

static int
isleaf(cmark_node_type t)
{
	return t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ||
	    t == CMARK_NODE_HTML_INLINE || t == CMARK_NODE_SOFTBREAK ||
	    t == CMARK_NODE_LINEBREAK || t == CMARK_NODE_CODE_BLOCK ||
	    t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_CUSTOM_INLINE;
}

static const char *
literal(cmark_node *n)
{
	const char	*s;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		return "\n";
	case CMARK_NODE_CUSTOM_INLINE:
		return "";
	default:
		s = cmark_node_get_literal(n);
		return s == NULL ? "" : s;
	}
}

static void
addleaf(struct block *b, cmark_node *n, int inimage)
{
	const char	*s = literal(n);
	size_t		 len = strlen(s), k;

	b->leaf = xreallocarray(b->leaf, b->nleaf + 1, sizeof(*b->leaf));
	b->lstart = xreallocarray(b->lstart, b->nleaf + 2,
	    sizeof(*b->lstart));
	b->leaf[b->nleaf].node = n;
	b->leaf[b->nleaf].inimage = inimage;
	b->lstart[b->nleaf] = b->src.len;
	/* Raw inline HTML is never rendered: a reader does not see it, so
	 * it may stand between the characters of a value (王<b>建</b>国);
	 * it reads as nothing (a zero-width space). */
	if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE)
		for (k = 0; k < len; k++)
			buf_puts(&b->src, "\xe2\x80\x8b");
	else
		buf_put(&b->src, s, len);
	b->nleaf++;
	b->lstart[b->nleaf] = b->src.len;
}

/* Whether line (1-based) of the body opens a code fence. */
static int
isfenced(const char *body, int line)
{
	const char	*p = body;
	int		 i;

	for (i = 1; i < line && p != NULL; i++)
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	if (p == NULL)
		return 0;
	for (i = 0; i < 3 && *p == ' '; i++)
		p++;
	return strncmp(p, "```", 3) == 0 || strncmp(p, "~~~", 3) == 0;
}

/* The leaf that holds byte offset off of the block's text. */
static size_t
leafof(const struct block *b, size_t off)
{
	size_t	 lo = 0, hi = b->nleaf, mid;

	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (b->lstart[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Read a block: its inline leaves, or itself if a literal block. */
static void
block_read(struct block *b, cmark_node *blk, const struct record *r)
{
	cmark_iter	*it;
	cmark_node	*n;
	cmark_event_type ev;
	size_t		 i, l;
	int		 image = 0;

	memset(b, 0, sizeof(*b));
	b->line = r->body_line + cmark_node_get_start_line(blk) - 1;
	if (isleaf(cmark_node_get_type(blk))) {
		b->fenced = cmark_node_get_type(blk) == CMARK_NODE_CODE_BLOCK
		    && isfenced(r->body.s, cmark_node_get_start_line(blk));
		addleaf(b, blk, 0);
	} else {
		it = cmark_iter_new(blk);
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			n = cmark_iter_get_node(it);
			if (cmark_node_get_type(n) == CMARK_NODE_IMAGE) {
				image += ev == CMARK_EVENT_ENTER ? 1 : -1;
				continue;
			}
			if (ev == CMARK_EVENT_ENTER && n != blk &&
			    isleaf(cmark_node_get_type(n)))
				addleaf(b, n, image > 0);
		}
		cmark_iter_free(it);
	}
	buf_putc(&b->src, '\0');
	b->src.len--;
	text_read(&b->x, b->src.p, b->src.len);
	b->li = xcalloc(b->x.view.n + 1, sizeof(*b->li));
	b->bo = xcalloc(b->x.view.n + 1, sizeof(*b->bo));
	b->be = xcalloc(b->x.view.n + 1, sizeof(*b->be));
	for (i = 0; i < b->x.view.n; i++) {
		l = leafof(b, b->x.view.from[i]);
		b->li[i] = l;
		b->bo[i] = b->x.view.from[i] - b->lstart[l];
		/* A decoded sequence never spans two leaves: a literal is
		 * one node's. */
		b->be[i] = (b->x.view.to[i] < b->lstart[l + 1] ?
		    b->x.view.to[i] : b->lstart[l + 1]) - b->lstart[l];
	}
}

/* The file line of view character i of a block. */
static int
lineof(const struct block *b, size_t i)
{
	size_t	 k, off;
	int	 line = b->line;

	off = i < b->x.view.n ? b->x.view.from[i] : b->src.len;
	for (k = 0; k < off; k++)
		if (b->src.p[k] == '\n')
			line++;
	if (b->fenced)
		line++;	/* the content starts after the fence */
	return line;
}

/* The text of view chars [a, e) of a block as written (for the report). */
static char *
original(const struct block *b, size_t a, size_t e)
{
	struct buf	 o;
	size_t		 i, l, from, to;
	const char	*s;

	memset(&o, 0, sizeof(o));
	for (i = a; i < e; ) {
		l = b->li[i];
		s = literal(b->leaf[l].node);
		from = b->bo[i];
		while (i < e && b->li[i] == l)
			i++;
		to = b->be[i - 1];
		if (cmark_node_get_type(b->leaf[l].node) !=
		    CMARK_NODE_HTML_INLINE)
			buf_put(&o, s + from, to - from);
	}
	buf_putc(&o, '\0');
	return buf_take(&o);
}

static void
setlit(cmark_node *n, const char *s, size_t len)
{
	char	*t = xstrndup(s, len);

	cmark_node_set_literal(n, t);
	free(t);
}

static int
isbreak(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK ||
	    cmark_node_get_type(n) == CMARK_NODE_LINEBREAK;
}

/* A custom inline node that renders as text (a neutral marker). */
static cmark_node *
marknode(const char *html)
{
	cmark_node	*mk;

	mk = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
	cmark_node_set_on_enter(mk, html);
	cmark_node_set_on_exit(mk, "");
	return mk;
}

/*
 * Replace view chars [a, e) of a block by text, or by a marker node
 * where the leaf allows inline nodes.  A table cell holds no custom
 * node: there the marker html ("<!--X-->") goes into the text as the
 * span SPAN_N X, which the theme draws as it draws the node.  Leaves
 * after the match are left alone, so matches are applied from last to
 * first.
 */
static void
replace(const struct block *b, size_t a, size_t e, const char *text,
    const char *html)
{
	size_t		 la = b->li[a], le = b->li[e - 1], i, ba = b->bo[a];
	size_t		 be = b->be[e - 1], len;
	cmark_node	*n = b->leaf[la].node, *tail, *x;
	cmark_node_type	 ty = cmark_node_get_type(n);
	const char	*s;
	char		*head, *rest, *cell = NULL;
	struct buf	 o;

	if (html != NULL && !b->leaf[la].inimage && md_iscell(
	    cmark_node_parent(n)) && (len = strlen(html)) >= 7) {
		cell = xasprintf("%c%s%.*s%c", SPAN_MARK, SPAN_N,
		    (int)(len - 7), html + 4, SPAN_END);
		text = cell;
		html = NULL;
	}
	if (le != la) {
		/* The leaves after the first: emptied, or cut at the end. */
		for (i = la + 1; i <= le; i++) {
			x = b->leaf[i].node;
			len = strlen(literal(x));
			if (i == le && be < len) {
				if (!isbreak(x))
					setlit(x, literal(x) + be, len - be);
			} else if (isbreak(x)) {
				cmark_node_unlink(x);
				cmark_node_free(x);
			} else if (cmark_node_get_type(x) !=
			    CMARK_NODE_CUSTOM_INLINE)
				setlit(x, "", 0);
		}
		be = strlen(literal(n));
	}
	s = literal(n);
	head = xstrndup(s, ba);
	rest = xstrdup(s + be);
	if (html == NULL || b->leaf[la].inimage ||
	    (ty != CMARK_NODE_TEXT && ty != CMARK_NODE_CODE)) {
		memset(&o, 0, sizeof(o));
		buf_puts(&o, head);
		buf_puts(&o, text);
		buf_puts(&o, rest);
		buf_putc(&o, '\0');
		if (isbreak(n)) {
			x = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(x, o.p);
			cmark_node_insert_before(n, x);
		} else
			cmark_node_set_literal(n, o.p);
		buf_free(&o);
	} else {
		cmark_node_set_literal(n, head);
		cmark_node_insert_after(n, marknode(html));
		if (*rest != '\0') {
			tail = cmark_node_new(ty);
			cmark_node_set_literal(tail, rest);
			cmark_node_insert_after(cmark_node_next(n), tail);
		}
	}
	free(head);
	free(rest);
	free(cell);
}

/* The neutral marker of a withheld span in the body. */
static char *
bodymarker(const struct rctx *c, size_t ground)
{
	return xasprintf("<!--withheld:%s-->", gkey(c, ground));
}

/* The text of a withheld span where no node can stand (alt text). */
static char *
plainmarker(const struct rctx *c, size_t ground)
{
	return xasprintf("%c%s%s%c", SPAN_MARK, SPAN_W, gkey(c, ground),
	    SPAN_END);
}

static int
istel(const struct rctx *c, cmark_node *n)
{
	size_t	 i;

	for (i = 0; n != NULL && i < c->ntels; i++)
		if (c->tels[i] == n)
			return 1;
	return 0;
}

/*
 * Whether a block of the body stands under a telephone's label: a cell
 * whose column's header ends with one (| 姓名 | 联系电话 |), or after a
 * cell that is one (| 办公电话 | 6677 8899 |); a paragraph after one
 * that ends with one and a colon or 如下 (联系电话如下：), or an item of
 * a list after it.  The blocks before it were read first (eachblock), with the text
 * they had before they were redacted, and told c->tels.
 */
static int
undertel(struct rctx *c, cmark_node *blk, const struct text *x)
{
	cmark_node	*k;
	int		 yes;

	if (!md_iscell(blk))
		yes = detect_phonelabel(&x->view, PL_INTRO);
	else
		yes = detect_phonelabel(&x->view, md_cellhead(blk) == NULL ?
		    PL_HEAD : PL_CELL);
	if (yes && (cmark_node_get_type(blk) == CMARK_NODE_PARAGRAPH ||
	    cmark_node_get_type(blk) == CMARK_NODE_HEADING ||
	    md_iscell(blk))) {
		c->tels = xreallocarray(c->tels, c->ntels + 1,
		    sizeof(*c->tels));
		c->tels[c->ntels++] = blk;
	}
	if (c->ntels == 0 || !detect_maynumber(&x->view))
		return 0;
	if (md_iscell(blk))
		return istel(c, md_cellhead(blk)) ||
		    istel(c, cmark_node_previous(blk));
	if (istel(c, cmark_node_previous(blk)))
		return 1;
	k = cmark_node_parent(blk);
	return k != NULL && cmark_node_get_type(k) == CMARK_NODE_ITEM &&
	    (k = cmark_node_parent(k)) != NULL &&
	    cmark_node_get_type(k) == CMARK_NODE_LIST &&
	    istel(c, cmark_node_previous(k));
}

/*
 * Raw inline HTML reads as nothing (addleaf), since a reader sees
 * nothing of it; but its writer meant a tag such as <br> or </span> to
 * part what stands on either side, and the page then shows two values
 * run together (0571-88886618<br>0571-88886619 as one run of digits).
 * So a block holding raw HTML is read a second time with each tag as a
 * list separator (、, three bytes like the zero-width space, so the
 * bytes of the text stay where they were), and what that reading finds
 * where the first found nothing is withheld too.
 */
static size_t
tagsapart(struct rctx *c, const struct block *b, struct match **mp,
    size_t nm)
{
	struct text	 x;
	struct match	*m2, *m = *mp;
	struct buf	 s;
	size_t		 n2, i, l, a, e, va, ve;
	int		 any = 0;

	for (l = 0; l < b->nleaf && !any; l++)
		any = cmark_node_get_type(b->leaf[l].node) ==
		    CMARK_NODE_HTML_INLINE && b->lstart[l + 1] > b->lstart[l];
	if (!any)
		return nm;
	memset(&s, 0, sizeof(s));
	buf_put(&s, b->src.p, b->src.len);
	for (l = 0; l < b->nleaf; l++)
		if (cmark_node_get_type(b->leaf[l].node) ==
		    CMARK_NODE_HTML_INLINE && b->lstart[l + 1] > b->lstart[l])
			memcpy(s.p + b->lstart[l], "\xe3\x80\x81", 3);
	text_read(&x, s.p, s.len);
	x.view.phone = x.raw.phone = b->x.view.phone;
	n2 = findall(c, &x, &m2, "body", (struct pos){ b->line, 0 }, s.p, 0);
	for (i = 0; i < n2; i++) {
		a = x.view.from[m2[i].start];
		e = x.view.to[m2[i].end - 1];
		for (va = 0; va < b->x.view.n && b->x.view.from[va] < a; va++)
			;
		for (ve = va; ve < b->x.view.n && b->x.view.to[ve] <= e; ve++)
			;
		if (ve == va) {
			free(m2[i].what);
			continue;
		}
		m = xreallocarray(m, nm + 1, sizeof(*m));
		m[nm] = m2[i];
		m[nm].start = va;
		m[nm].end = ve;
		nm++;
	}
	free(m2);
	text_free(&x);
	buf_free(&s);
	/* Where the readings overlap, the union is withheld, as findall
	 * joins its own (zhangsan@163.com<br>lisi@qq.com is one address
	 * run on to the next in the first reading). */
	if (nm > 1)
		qsort(m, nm, sizeof(*m), matchcmp);
	*mp = m;
	return unite(m, nm);
}

/* Redact one block of the body. */
static void
scrubblock(struct rctx *c, cmark_node *blk)
{
	struct block	 b;
	struct match	*m, *x;
	size_t		 nm, i, a, e;
	char		*orig, *text, *html, *ctx, *w;

	block_read(&b, blk, c->pub);
	b.x.view.phone = b.x.raw.phone = undertel(c, blk, &b.x);
	c->blk = blk;
	nm = findall(c, &b.x, &m, "body", (struct pos){ b.line, 0 },
	    b.src.p, 1);
	nm = tagsapart(c, &b, &m, nm);
	c->blk = NULL;
	for (i = 0; i < nm; i++)
		seeperson(c, &m[i]);
	for (i = nm; i > 0; i--) {
		x = &m[i - 1];
		orig = original(&b, x->start, x->end);
		if (x->repl == NULL && x->op != OP_MASK) {
			html = bodymarker(c, x->ground);
			text = plainmarker(c, x->ground);
		} else {
			html = NULL;
			text = fieldrepl(c, x, orig);
		}
		a = b.x.view.from[x->start];
		e = b.x.view.to[x->end - 1];
		ctx = context(b.src.p, b.src.len, a, e);
		w = logwhere("body", x);
		logit(c, w, lineof(&b, x->start), x->op, x->ground, orig,
		    ctx, x->from);
		free(w);
		replace(&b, x->start, x->end, text, html);
		free(ctx);
		free(html);
		free(text);
		free(orig);
	}
	for (i = 0; i < nm; i++)
		free(m[i].what);
	free(m);
	block_free(&b);
}

/* Where in a block the hand mark "{--" or "--}" is, from view index i. */
static int
at3(const struct block *b, size_t i, uint32_t x, uint32_t y, uint32_t z)
{
	const uint32_t	*t = b->x.view.cp;

	return i + 3 <= b->x.view.n && t[i] == x && t[i + 1] == y &&
	    t[i + 2] == z;
}

/*
 * Hand marks: {--text--} withholds text (public) or highlights it
 * (internal), as the policy's "marks" says.  Their syntax is
 * validation's (validate.c): here every mark is well formed.
 */
static void
handmarks(struct rctx *c, cmark_node *blk)
{
	struct block	 b;
	size_t		*pa = NULL, *pe = NULL, np = 0, i, j, a, e;
	char		*orig, *html, *text;

	block_read(&b, blk, c->pub);
	for (i = 0; i < b.x.view.n; i++) {
		if (!at3(&b, i, '{', '-', '-'))
			continue;
		for (j = i + 3; j < b.x.view.n && !at3(&b, j, '-', '-', '}');
		    j++)
			continue;
		if (j >= b.x.view.n)
			break;
		pa = xreallocarray(pa, np + 1, sizeof(*pa));
		pe = xreallocarray(pe, np + 1, sizeof(*pe));
		pa[np] = i;
		pe[np++] = j + 3;
		i = j + 2;
	}
	for (i = np; i > 0; i--) {
		a = pa[i - 1];
		e = pe[i - 1];
		orig = original(&b, a + 3, e - 3);
		if (c->marks.op == OP_KEEP) {
			/* The text stays, highlighted, without its marks. */
			replace(&b, e - 3, e, "", "<!--/mark-->");
			replace(&b, a, a + 3, "", "<!--mark-->");
		} else {
			html = bodymarker(c, c->marks.ground);
			text = plainmarker(c, c->marks.ground);
			logit(c, "body (hand mark)", lineof(&b, a),
			    OP_WITHHOLD, c->marks.ground, orig, NULL, NULL);
			addsecret(c, orig, NULL, OP_WITHHOLD, c->marks.ground,
			    "body (hand mark)");
			replace(&b, a, e, text, html);
			free(text);
			free(html);
		}
		free(orig);
	}
	free(pa);
	free(pe);
	block_free(&b);
}

/* Unwrap a link or image whose URL would carry a secret. */
static void
unwrap(cmark_node *n)
{
	cmark_node	*k, *next;

	for (k = cmark_node_first_child(n); k != NULL; k = next) {
		next = cmark_node_next(k);
		cmark_node_unlink(k);
		cmark_node_insert_before(n, k);
	}
	cmark_node_unlink(n);
	cmark_node_free(n);
}

/* Percent-decode a URL (for matching only). */
static char *
urldecode(const char *s)
{
	struct buf	 b;
	int		 hi, lo;

	memset(&b, 0, sizeof(b));
	for (; *s != '\0'; s++) {
		if (*s == '%' && (hi = hexval(s[1])) >= 0 &&
		    (lo = hexval(s[2])) >= 0) {
			buf_putc(&b, (char)(hi * 16 + lo));
			s += 2;
		} else
			buf_putc(&b, *s == '+' ? ' ' : *s);
	}
	buf_putc(&b, '\0');
	return buf_take(&b);
}

/*
 * Whether a string holds a protected name, a value of the record or a
 * detector hit: the ground of the first one, or -1.
 */
static long
tainted(struct rctx *c, const char *s)
{
	struct match	*m;
	struct text	 x;
	size_t		 nm, i;
	long		 hit = -1;

	text_read(&x, s, strlen(s));
	nm = findall(c, &x, &m, "body (link address)", (struct pos){ 0, 0 },
	    s, 0);
	for (i = 0; i < nm; i++) {
		if (hit < 0)
			hit = (long)m[i].ground;
		free(m[i].what);
	}
	free(m);
	text_free(&x);
	return hit;
}

/* Links and images: URLs that carry a secret lose their link. */
static void
scrublinks(struct rctx *c, cmark_node *doc)
{
	cmark_iter	*it;
	cmark_node	*n, **v = NULL;
	cmark_node_type	 ty;
	const char	*url, *title;
	size_t		 nv = 0, i, k, *g = NULL;
	char		*dec;
	long		 bad;

	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		ty = cmark_node_get_type(n);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER ||
		    (ty != CMARK_NODE_LINK && ty != CMARK_NODE_IMAGE))
			continue;
		url = cmark_node_get_url(n);
		title = cmark_node_get_title(n);
		/* Decoded as often as it was encoded (%25E7… is %E7…). */
		dec = xstrdup(url == NULL ? "" : url);
		bad = tainted(c, dec);
		for (k = 0; k < 3 && bad < 0 && strchr(dec, '%') != NULL;
		    k++) {
			char *d2 = urldecode(dec);

			free(dec);
			dec = d2;
			bad = tainted(c, dec);
		}
		if (bad < 0 && title != NULL)
			bad = tainted(c, title);
		free(dec);
		if (bad >= 0) {
			v = xreallocarray(v, nv + 1, sizeof(*v));
			g = xreallocarray(g, nv + 1, sizeof(*g));
			g[nv] = (size_t)bad;
			v[nv++] = n;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < nv; i++) {
		for (n = v[i]; n != NULL && cmark_node_get_start_line(n) == 0;
		    n = cmark_node_parent(n))
			continue;
		logit(c, "body (link address)", c->pub->body_line +
		    (n != NULL ? cmark_node_get_start_line(n) : 1) - 1,
		    OP_WITHHOLD, g[i], cmark_node_get_url(v[i]) != NULL ?
		    cmark_node_get_url(v[i]) : "", NULL, NULL);
		unwrap(v[i]);
	}
	free(v);
	free(g);
}

/*
 * The blocks whose text is redacted: paragraphs, headings, code, HTML,
 * and each cell of a table (its header row too).
 */
static size_t
blocks(cmark_node *doc, cmark_node ***out)
{
	cmark_iter	*it;
	cmark_node	*n, **v = NULL;
	cmark_node_type	 ty;
	size_t		 nv = 0;

	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		ty = cmark_node_get_type(n);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER)
			continue;
		if (ty == CMARK_NODE_PARAGRAPH || ty == CMARK_NODE_HEADING ||
		    ty == CMARK_NODE_CODE_BLOCK || ty == CMARK_NODE_HTML_BLOCK ||
		    md_iscell(n)) {
			v = xreallocarray(v, nv + 1, sizeof(*v));
			v[nv++] = n;
		}
	}
	cmark_iter_free(it);
	*out = v;
	return nv;
}

/*
 * The body stands under the page's own headings (h1 title, h2 sections),
 * so its headings go one level down: ## becomes h3.
 */
static void
demote(cmark_node *doc)
{
	cmark_iter	*it;
	cmark_node	*n;
	int		 level;

	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    (level = cmark_node_get_heading_level(n)) < 6)
			cmark_node_set_heading_level(n, level + 1);
	}
	cmark_iter_free(it);
}

/*
 * What the body holds outside its visible text: the info string of a
 * fenced code block (it becomes a class name) and raw inline HTML (never
 * rendered, redacted all the same).
 */
static void
scrubrest(struct rctx *c, cmark_node *doc)
{
	cmark_iter	*it;
	cmark_node	*n;
	cmark_node_type	 ty;
	const char	*s;
	struct val	 v;

	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		ty = cmark_node_get_type(n);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER)
			continue;
		if (ty == CMARK_NODE_CODE_BLOCK &&
		    (s = cmark_node_get_fence_info(n)) != NULL && *s != '\0' &&
		    tainted(c, s) >= 0) {
			logit(c, "body (code info)", c->pub->body_line +
			    cmark_node_get_start_line(n) - 1, OP_WITHHOLD,
			    c->detected.ground, s, NULL, NULL);
			cmark_node_set_fence_info(n, "");
		}
		if (ty == CMARK_NODE_HTML_INLINE &&
		    (s = cmark_node_get_literal(n)) != NULL && *s != '\0') {
			memset(&v, 0, sizeof(v));
			v.s = xstrdup(s);
			v.st = V_SET;
			v.op = OP_KEEP;
			v.pos.line = c->pub->body_line;
			scrubfield(c, &v, "body (raw HTML)");
			blankmarks(v.s);
			cmark_node_set_literal(n, v.s);
			free(v.s);
		}
	}
	cmark_iter_free(it);
}

/* The first paragraph of a body: what a listing shows without summary. */
static cmark_node *
firstpara(cmark_node *doc)
{
	cmark_node	*n;

	for (n = cmark_node_first_child(doc); n != NULL;
	    n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH)
			return n;
	return NULL;
}

/*
 * Call fn on every block of the body whose text is redacted, text nodes
 * consolidated first, noting whether it is the first paragraph.
 */
static void
eachblock(struct rctx *c, void (*fn)(struct rctx *, cmark_node *))
{
	cmark_node	**v, *first;
	size_t		  nv, i;

	cmark_consolidate_text_nodes(c->pub->doc);
	first = firstpara(c->pub->doc);
	nv = blocks(c->pub->doc, &v);
	for (i = 0; i < nv; i++) {
		c->inexcerpt = v[i] == first;
		fn(c, v[i]);
	}
	c->inexcerpt = 0;
	free(v);
}

/* The digits of a block's text, ASCII and full-width, run together. */
static char *
blockdigits(cmark_node *blk)
{
	cmark_iter	*it;
	cmark_node	*n;
	struct buf	 d;
	const char	*p;

	memset(&d, 0, sizeof(d));
	it = cmark_iter_new(blk);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER ||
		    !isleaf(cmark_node_get_type(n)))
			continue;
		for (p = literal(n); *p != '\0'; p++)
			if (*p >= '0' && *p <= '9')
				buf_putc(&d, *p);
			else if ((unsigned char)p[0] == 0xef &&
			    (unsigned char)p[1] == 0xbc &&
			    (unsigned char)p[2] >= 0x90 &&
			    (unsigned char)p[2] <= 0x99) {
				buf_putc(&d, (char)('0' + p[2] - 0x90));
				p += 2;
			}
	}
	cmark_iter_free(it);
	buf_putc(&d, '\0');
	return buf_take(&d);
}

/*
 * A number the detectors withhold in the body is withheld wherever its
 * digits stand in the record after all: in a block before (订单号…
 * then 联系电话… with the same digits), in a cell of a column that no
 * telephone's label heads, in code.  It becomes one of the record's
 * values, the blocks that hold its digits are read again, and the
 * report no longer says it was kept.
 */
static void
samenumbers(struct rctx *c)
{
	cmark_node	**v, *first;
	size_t		  nv, nw, i, k, l;
	char		 *d;

	if ((nw = c->nwith) == 0)
		return;
	for (k = 0; k < nw; k++) {
		addsecret(c, c->withnums[k], NULL, c->detected.op,
		    c->detected.ground, "body (detected)");
		unkeep(c, c->withnums[k]);
	}
	if (c->nsec > 1)
		qsort(c->sec, c->nsec, sizeof(*c->sec), seccmp);
	first = firstpara(c->pub->doc);
	nv = blocks(c->pub->doc, &v);
	for (i = 0; i < nv; i++) {
		d = blockdigits(v[i]);
		for (k = 0; k < nw; k++) {
			/* An identity number's X is no digit. */
			l = strlen(c->withnums[k]);
			if (l > 0 && c->withnums[k][l - 1] == 'X')
				l--;
			if (l >= 6 && strspn(c->withnums[k], "0123456789") >= l &&
			    memmem(d, strlen(d), c->withnums[k], l) != NULL)
				break;
		}
		free(d);
		if (k == nw)
			continue;
		c->inexcerpt = v[i] == first;
		scrubblock(c, v[i]);
		c->inexcerpt = 0;
	}
	free(v);
	for (k = 0; k < c->nwith; k++)
		free(c->withnums[k]);
	free(c->withnums);
	c->withnums = NULL;
	c->nwith = 0;
}

static void
scrubbody(struct rctx *c)
{
	struct record	*pub = c->pub;

	pub->doc = md_parse(pub->body.s, strlen(pub->body.s));
	eachblock(c, handmarks);
	if (c->nsec > 1)
		qsort(c->sec, c->nsec, sizeof(*c->sec), seccmp);
	scrublinks(c, pub->doc);
	eachblock(c, scrubblock);
	samenumbers(c);
	free(c->tels);
	c->tels = NULL;
	c->ntels = 0;
	scrubrest(c, pub->doc);
	demote(pub->doc);
	/* Only the redacted tree is public; the source text goes. */
	free(pub->body.s);
	pub->body.s = NULL;
}

/*
 * The first paragraph of a redacted body as text: literals, a space for
 * each break, and a withheld span for each withheld marker (a hand
 * mark's highlight adds nothing).
 */
static char *
leadof(cmark_node *doc)
{
	struct buf	 b;
	cmark_iter	*it;
	cmark_node	*n, *para = NULL;
	cmark_event_type ev;
	const char	*lit;

	memset(&b, 0, sizeof(b));
	for (n = cmark_node_first_child(doc); n != NULL;
	    n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) {
			para = n;
			break;
		}
	if (para == NULL)
		return xstrdup("");
	it = cmark_iter_new(para);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(&b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(&b, ' ');
			break;
		case CMARK_NODE_CUSTOM_INLINE:
			if (strstr(cmark_node_get_on_enter(n), "withheld") !=
			    NULL)
				buf_printf(&b, "%c%s%c", SPAN_MARK, SPAN_W,
				    SPAN_END);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	buf_putc(&b, '\0');
	return buf_take(&b);
}

/* One pass of the redaction of raw (redact_record), whose own people
 * under a pseudonym are joined by more; the people of other cases it
 * shows under theirs are added to seen, when it is not NULL. */
static struct record *
redactpass(const struct record *raw, const struct policy *pol,
    enum audience aud, const struct redopts *opts, struct redlog *log,
    char *const *more, size_t nmore, struct seen *seen)
{
	struct rctx	 c;
	struct record	*pub;
	struct protect	*own = NULL;
	size_t		 i;

	memset(&c, 0, sizeof(c));
	pub = record_dup(raw);
	pub->withheld = xcalloc(pol->ngrounds, sizeof(size_t));
	pub->nwithheld = 0;
	for (i = 0; i < CARD__MAX; i++)
		pub->oncard[i] = xcalloc(pol->ngrounds, sizeof(size_t));
	c.raw = raw;
	c.pol = pol;
	c.opts = opts;
	c.aud = aud;
	c.pub = pub;
	c.npub = opts->nnames;
	c.pub_cp = xcalloc(c.npub + 1, sizeof(*c.pub_cp));
	c.publen = xcalloc(c.npub + 1, sizeof(*c.publen));
	for (i = 0; i < c.npub; i++) {
		char	*k = fold_key(opts->names[i], strlen(opts->names[i]),
		    0, &c.publen[i]);

		c.publen[i] = codepoints(k, c.publen[i], &c.pub_cp[i]);
		free(k);
	}
	c.log = log;
	c.ok = 1;
	c.id = raw->id.s != NULL ? raw->id.s : "";
	c.prot = opts->prot;
	if (c.prot == NULL) {
		own = protect_new((struct record *const *)&raw, 1, pol, aud,
		    NULL, 0, NULL);
		c.prot = own;
	}
	c.detected = ruleof(pol, "detected", aud);
	c.marks = ruleof(pol, "marks", aud);
	/* The raw record's names, which apply() does not free. */
	record_visit_names((struct record *)raw, collectnames, &c);
	if (nmore > 0) {
		c.pnames = xreallocarray(c.pnames, c.npnames + nmore,
		    sizeof(*c.pnames));
		memcpy(c.pnames + c.npnames, more, nmore * sizeof(*more));
		c.npnames += nmore;
	}
	c.pseud = names_pseudonyms(c.pnames, c.npnames);
	c.seen = seen;
	record_visit(pub, collectallow, &c);
	record_visit(pub, apply, &c);
	record_visit(pub, markvisit, &c);
	if (pub->body.st == V_SET)
		scrubbody(&c);
	if (c.nsec > 1)
		qsort(c.sec, c.nsec, sizeof(*c.sec), seccmp);
	record_visit(pub, scrubvisit, &c);
	for (i = 0; i < c.nsec; i++) {
		detect_readfree(&c.sec[i].r);
		free(c.sec[i].cp);
		free(c.sec[i].norm);
		free(c.sec[i].repl);
		free(c.sec[i].field);
	}
	free(c.sec);
	strv_free(c.pseud, c.npnames);
	free(c.pnames);
	strv_free(c.allow, c.nallow);
	for (i = 0; i < c.npub; i++)
		free(c.pub_cp[i]);
	free(c.pub_cp);
	free(c.publen);
	protect_free(own);
	/* The tree becomes text once: HTML for every page and feed that
	 * shows the body, and the first paragraph for excerpts. */
	if (pub->doc != NULL) {
		md_cjkbreaks(pub->doc);
		pub->html = md_html(pub->doc);
		pub->lead = leadof(pub->doc);
		cmark_node_free(pub->doc);
		pub->doc = NULL;
	}
	record_derive(pub);
	pub->digest = record_digest(pub, pol);
	return pub;
}

/*
 * The people of other cases in s that the record must give pseudonyms of
 * its own, into more (as many as s holds); their number.  Those are all
 * of a surname of which two different people would read alike on the
 * page: a person of another case as someone the record names (its own
 * people in names), or as another person of another case.
 */
static size_t
clashes(char *const *names, size_t n, const struct seen *s, char **more)
{
	char	**ps, **sur, **bad;
	size_t	  i, j, nbad = 0, nmore = 0;
	int	  hit;

	ps = names_pseudonyms(names, n);
	sur = xcalloc(s->n + 1, sizeof(*sur));
	bad = xcalloc(s->n + 1, sizeof(*bad));
	for (i = 0; i < s->n; i++)
		sur[i] = names_surname(s->v[i]->name);
	for (i = 0; i < s->n; i++) {
		hit = 0;
		for (j = 0; j < n && !hit; j++)
			hit = strcmp(ps[j], s->v[i]->pseud) == 0;
		for (j = 0; j < s->n && !hit; j++)
			hit = j != i && strcmp(s->v[j]->pseud,
			    s->v[i]->pseud) == 0;
		if (hit)
			bad[nbad++] = sur[i];
	}
	for (i = 0; i < s->n; i++) {
		for (j = 0; j < nbad && strcmp(bad[j], sur[i]) != 0; j++)
			continue;
		if (j == nbad)
			continue;
		for (j = 0; j < nmore && strcmp(more[j], s->v[i]->name) != 0;
		    j++)
			continue;
		if (j == nmore)
			more[nmore++] = s->v[i]->name;
	}
	free(bad);
	strv_free(sur, s->n);
	strv_free(ps, n);
	return nmore;
}

/* Drop from log what was appended to it since it was as mark. */
static void
redlog_cut(struct redlog *log, const struct redlog *mark)
{
	size_t	 i;

	for (i = mark->n; i < log->n; i++) {
		free(log->v[i].where);
		free(log->v[i].original);
		free(log->v[i].context);
	}
	for (i = mark->nkept; i < log->nkept; i++) {
		free(log->kept[i].where);
		free(log->kept[i].written);
		free(log->kept[i].norm);
	}
	for (i = mark->nown; i < log->nown; i++)
		free(log->own[i]);
	log->n = mark->n;
	log->nkept = mark->nkept;
	log->nown = mark->nown;
	log->cross = mark->cross;
	log->warnings = mark->warnings;
}

/*
 * Make the public record of raw for an audience.  Every value passes
 * through its field's operator; then the original of every value that
 * was withheld, masked or pseudonymized, every protected name of the
 * portal (opts->prot; the record's own people when NULL), every
 * detector hit and every hand mark is replaced wherever it occurs in
 * the kept fields and the body.  Redactions, and the numbers that stay
 * with their reasons, are appended to log when it is not NULL.  The
 * caller frees the result.
 *
 * A person of another case goes by the pseudonym that case gives them,
 * unless the record names someone else of their surname whose pseudonym
 * reads the same: then the record gives everyone of that surname theirs
 * (its own people first, then the others as it names them), so that two
 * people on a page are never one 王某.
 */
struct record *
redact_record(const struct record *raw, const struct policy *pol,
    enum audience aud, const struct redopts *opts, struct redlog *log)
{
	struct record	*pub;
	struct redlog	 mark;
	struct seen	 seen;
	struct pcollect	 own;
	char		**more;
	size_t		  n;

	memset(&seen, 0, sizeof(seen));
	memset(&mark, 0, sizeof(mark));
	if (log != NULL)
		mark = *log;
	pub = redactpass(raw, pol, aud, opts, log, NULL, 0, &seen);
	if (seen.n == 0) {
		free(seen.v);
		return pub;
	}
	/* The record's own people under a pseudonym, as the pass took
	 * them. */
	memset(&own, 0, sizeof(own));
	own.pol = pol;
	own.aud = aud;
	record_visit_names((struct record *)raw, pcollect, &own);
	more = xcalloc(seen.n + 1, sizeof(*more));
	if ((n = clashes(own.names, own.nnames, &seen, more)) > 0) {
		record_free(pub);
		if (log != NULL)
			redlog_cut(log, &mark);
		pub = redactpass(raw, pol, aud, opts, log, more, n, NULL);
	}
	free(more);
	free(own.names);
	free(seen.v);
	return pub;
}

/* The least power of two that holds n. */
static size_t
roomfor(size_t n)
{
	size_t	 r = 1;

	while (r < n)
		r <<= 1;
	return r;
}

/*
 * Append the entries of the n logs of src to dst and empty them: logs
 * kept per record by parallel redaction are joined in the order of the
 * records, so the report reads the same for every number of jobs.  Each
 * array of dst grows once a call, whatever the number of logs.
 */
void
redlog_join(struct redlog *dst, struct redlog *src, size_t n)
{
	size_t	 i, nv = dst->n, nk = dst->nkept, no = dst->nown;

	for (i = 0; i < n; i++) {
		nv += src[i].n;
		nk += src[i].nkept;
		no += src[i].nown;
	}
	/* Grown to a power of two: the realloc of a join that fits does
	 * nothing, and the entries are copied O(1) times each, however
	 * many joins there are. */
	if (nv > dst->n)
		dst->v = xreallocarray(dst->v, roomfor(nv), sizeof(*dst->v));
	if (nk > dst->nkept)
		dst->kept = xreallocarray(dst->kept, roomfor(nk),
		    sizeof(*dst->kept));
	if (no > dst->nown)
		dst->own = xreallocarray(dst->own, roomfor(no),
		    sizeof(*dst->own));
	for (i = 0; i < n; i++) {
		if (src[i].n > 0)
			memcpy(dst->v + dst->n, src[i].v,
			    src[i].n * sizeof(*src[i].v));
		if (src[i].nkept > 0)
			memcpy(dst->kept + dst->nkept, src[i].kept,
			    src[i].nkept * sizeof(*src[i].kept));
		if (src[i].nown > 0)
			memcpy(dst->own + dst->nown, src[i].own,
			    src[i].nown * sizeof(*src[i].own));
		dst->n += src[i].n;
		dst->nkept += src[i].nkept;
		dst->nown += src[i].nown;
		dst->cross += src[i].cross;
		dst->warnings += src[i].warnings;
		free(src[i].v);
		free(src[i].kept);
		free(src[i].own);
		memset(&src[i], 0, sizeof(src[i]));
	}
}

/*
 * The values of a log are done with once the report is written and the
 * audit has made its needles of them: free them, and keep where each
 * item was, how and on which ground (build -v still tells that).
 */
void
redlog_forget(struct redlog *log)
{
	size_t	 i;

	for (i = 0; i < log->n; i++) {
		free(log->v[i].original);
		free(log->v[i].context);
		log->v[i].original = log->v[i].context = NULL;
	}
	for (i = 0; i < log->nkept; i++) {
		free(log->kept[i].written);
		free(log->kept[i].norm);
		log->kept[i].written = log->kept[i].norm = NULL;
	}
}

void
redlog_free(struct redlog *log)
{
	size_t	 i;

	for (i = 0; i < log->n; i++) {
		free(log->v[i].where);
		free(log->v[i].original);
		free(log->v[i].context);
	}
	free(log->v);
	for (i = 0; i < log->nkept; i++) {
		free(log->kept[i].where);
		free(log->kept[i].written);
		free(log->kept[i].norm);
	}
	free(log->kept);
	strv_free(log->own, log->nown);
	memset(log, 0, sizeof(*log));
}

/*
 * The log of one record, packed for the build cache with its record
 * (record_pack), and read back: its entries, kept numbers and counts,
 * with their own copies of the record's id and path and of the cases
 * that protected names came from.
 */
void
redlog_pack(const struct redlog *log, struct buf *b)
{
	size_t	 i;

	pk_u64(b, log->nown);
	for (i = 0; i < log->nown; i++)
		pk_str(b, log->own[i]);
	pk_u64(b, log->n);
	for (i = 0; i < log->n; i++) {
		pk_str(b, log->v[i].where);
		pk_u64(b, (uint64_t)(int64_t)log->v[i].line);
		pk_u64(b, log->v[i].op);
		pk_u64(b, log->v[i].ground);
		pk_str(b, log->v[i].original);
		pk_str(b, log->v[i].context);
		pk_str(b, log->v[i].from);
	}
	pk_u64(b, log->nkept);
	for (i = 0; i < log->nkept; i++) {
		pk_str(b, log->kept[i].where);
		pk_u64(b, (uint64_t)(int64_t)log->kept[i].line);
		pk_str(b, log->kept[i].written);
		pk_str(b, log->kept[i].norm);
		pk_u64(b, log->kept[i].why);
	}
	pk_u64(b, log->cross);
	pk_u64(b, log->warnings);
}

/* Read a log packed by redlog_pack into the empty log; 0 when it does
 * not read (the log is then empty again). */
int
redlog_unpack(struct unpk *u, struct redlog *log, size_t ngrounds)
{
	uint64_t	 n, i;
	char		*from;

	memset(log, 0, sizeof(*log));
	n = upk_u64(u);
	if (n != 0 && n != 2) {
		u->bad = 1;
		return 0;
	}
	log->own = xcalloc(n + 1, sizeof(*log->own));
	for (i = 0; i < n && !u->bad; i++)
		if ((log->own[log->nown++] = upk_str(u)) == NULL)
			u->bad = 1;
	n = upk_u64(u);
	if ((n > 0 && log->nown != 2) || n > (uint64_t)(u->e - u->p))
		u->bad = 1;
	if (!u->bad && n > 0)
		log->v = xcalloc(n, sizeof(*log->v));
	for (i = 0; i < n && !u->bad; i++) {
		log->v[i].id = log->own[0];
		log->v[i].path = log->own[1];
		log->v[i].where = upk_str(u);
		log->v[i].line = (int)(int64_t)upk_u64(u);
		log->v[i].op = (enum redop)upk_u64(u);
		log->v[i].ground = upk_u64(u);
		log->v[i].original = upk_str(u);
		log->v[i].context = upk_str(u);
		log->n++;
		if (log->v[i].op >= OP__MAX || log->v[i].ground >= ngrounds ||
		    log->v[i].where == NULL || log->v[i].original == NULL)
			u->bad = 1;
		if ((from = upk_str(u)) != NULL) {
			log->own = xreallocarray(log->own, log->nown + 1,
			    sizeof(*log->own));
			log->own[log->nown++] = from;
			log->v[i].from = from;
		}
	}
	n = upk_u64(u);
	if ((n > 0 && log->nown < 2) || n > (uint64_t)(u->e - u->p))
		u->bad = 1;
	if (!u->bad && n > 0)
		log->kept = xcalloc(n, sizeof(*log->kept));
	for (i = 0; i < n && !u->bad; i++) {
		log->kept[i].id = log->own[0];
		log->kept[i].path = log->own[1];
		log->kept[i].where = upk_str(u);
		log->kept[i].line = (int)(int64_t)upk_u64(u);
		log->kept[i].written = upk_str(u);
		log->kept[i].norm = upk_str(u);
		log->kept[i].why = (enum keepwhy)upk_u64(u);
		log->nkept++;
		if (log->kept[i].why > KEEP_ORDINARY ||
		    log->kept[i].where == NULL)
			u->bad = 1;
	}
	log->cross = upk_u64(u);
	log->warnings = upk_u64(u);
	if (u->bad) {
		redlog_free(log);
		return 0;
	}
	return 1;
}

/* The digest of what a protected set protects, and how. */
void
protect_digest(const struct protect *p, unsigned char *h)
{
	crypto_generichash_state st;
	struct buf		 b;
	size_t			 i;

	memset(&b, 0, sizeof(b));
	crypto_generichash_init(&st, NULL, 0, 32);
	pk_u64(&b, p->n);
	for (i = 0; i < p->n; i++) {
		pk_str(&b, p->v[i].key);
		pk_str(&b, p->v[i].given);
		pk_str(&b, p->v[i].name);
		pk_str(&b, p->v[i].pseud);
		pk_u64(&b, p->v[i].op);
		pk_u64(&b, p->v[i].ground);
		pk_str(&b, p->v[i].id);
		pk_str(&b, p->v[i].field);
		if (b.len >= 1 << 16) {
			crypto_generichash_update(&st,
			    (const unsigned char *)b.p, b.len);
			b.len = 0;
		}
	}
	pk_u64(&b, p->nordinary);
	for (i = 0; i < p->nordinary; i++)
		pk_str(&b, p->ordinary[i]);
	crypto_generichash_update(&st, (const unsigned char *)b.p, b.len);
	crypto_generichash_final(&st, h, 32);
	buf_free(&b);
}

/*
 * A record as redacted, for the build cache: its public form (record_pack,
 * with its body's texts aside or not) and its log (redlog_pack), for a
 * policy of ngrounds grounds.
 */
void
redacted_pack(const struct record *pub, const struct redlog *log,
    size_t ngrounds, int aside, struct buf *b)
{
	struct buf	 r;

	memset(&r, 0, sizeof(r));
	record_pack(pub, ngrounds, aside, &r);
	pk_u64(b, r.len);
	buf_put(b, r.p, r.len);
	buf_free(&r);
	redlog_pack(log, b);
}

/* Read back what redacted_pack wrote; 0 when it does not read whole
 * (nothing is then returned). */
int
redacted_unpack(const char *text, size_t len, size_t ngrounds,
    struct record **pub, struct redlog *log)
{
	struct unpk	 u;
	uint64_t	 n;

	*pub = NULL;
	memset(log, 0, sizeof(*log));
	u.p = text;
	u.e = text + len;
	u.bad = 0;
	n = upk_u64(&u);
	if (u.bad || n > (uint64_t)(u.e - u.p) ||
	    (*pub = record_unpack(u.p, n, ngrounds)) == NULL)
		return 0;
	u.p += n;
	if (!redlog_unpack(&u, log, ngrounds) || u.p != u.e) {
		redlog_free(log);
		record_free(*pub);
		*pub = NULL;
		return 0;
	}
	return 1;
}
