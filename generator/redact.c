/*
 * Redaction: a raw record and a policy make the public record, the only
 * thing that the index and the renderers ever see.  Every value passes
 * through the operator that the policy names for its field and the
 * audience; a field the policy does not name is withheld (fail closed).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cmark.h>
#include <sodium.h>

#include "disclose.h"
#include "extern.h"

/* Compound surnames, which a pseudonym keeps whole (欧阳明华 → 欧阳某). */
static const char *const compound[] = {
	"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙",
	"慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "独孤",
	"南宫", "西门", "百里", "呼延", "轩辕", "澹台", "公冶", "宗政",
	"濮阳", "淳于", "单于", "太叔", "申屠", "仲孙", "钟离", "闻人",
	"赫连", "万俟", "司空", "拓跋", "第五", "左丘", "东郭", "梁丘",
	"微生", "羊舌", "谷梁", "乐正", "公羊", "公西", "漆雕", "壤驷",
	"段干", "巫马", "亓官", "司寇", "子车", "颛孙", "鲜于", "闾丘",
	"公良", "夹谷", "宰父", "东门", "南门", "呼衍", "贺兰", "叱干",
	NULL
};

/* Ordinals that tell apart people with one surname: 王某甲, 王某乙. */
static const char *const ordinals[] = {
	"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", NULL
};

/* Length in bytes of the UTF-8 character at s. */
static size_t
u8len(const char *s)
{
	unsigned char	 c = (unsigned char)*s;

	if (c < 0x80)
		return 1;
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	return 2;
}

/* The surname of a name: a compound one, else its first character. */
char *
redact_surname(const char *name)
{
	size_t	 i;

	while (*name == ' ')
		name++;
	for (i = 0; compound[i] != NULL; i++)
		if (strncmp(name, compound[i], strlen(compound[i])) == 0 &&
		    name[strlen(compound[i])] != '\0')
			return xstrdup(compound[i]);
	if (*name == '\0')
		return xstrdup("");
	return xstrndup(name, u8len(name));
}

/*
 * Mask a value: keep its first and last characters, put '*' for each
 * character between.  A value too short to keep anything is all '*'.
 */
char *
redact_mask(const char *s, int first, int last)
{
	struct buf	 b;
	size_t		 n, i, k;
	const char	*p;

	memset(&b, 0, sizeof(b));
	n = utf8_count(s, strlen(s));
	if (n <= (size_t)first + (size_t)last) {
		first = 0;
		last = 0;
	}
	for (i = 0, p = s; *p != '\0'; i++, p += k) {
		k = u8len(p);
		if (i < (size_t)first || i >= n - (size_t)last)
			buf_put(&b, p, k);
		else
			buf_putc(&b, '*');
	}
	return buf_take(&b);
}

/* A date to its month (YYYY-MM) or year (YYYY); NULL if not a date. */
char *
redact_generalize(const char *s, int to_year)
{
	struct date	 d;

	if (!date_parse_partial(s, &d))
		return NULL;
	if (to_year)
		return xasprintf("%04d", d.y);
	if (d.m == 0)
		return xasprintf("%04d", d.y);
	return xasprintf("%04d-%02d", d.y, d.m);
}

/* The people whose names a record pseudonymizes, and their pseudonyms. */
struct names {
	char	**name;
	char	**pseud;
	size_t	  n;
};

static void
names_free(struct names *nm)
{
	strv_free(nm->name, nm->n);
	strv_free(nm->pseud, nm->n);
}

static void
names_add(struct names *nm, const char *name)
{
	size_t	 i;

	for (i = 0; i < nm->n; i++)
		if (strcmp(nm->name[i], name) == 0)
			return;
	nm->name = xreallocarray(nm->name, nm->n + 1, sizeof(char *));
	nm->pseud = xreallocarray(nm->pseud, nm->n + 1, sizeof(char *));
	nm->name[nm->n] = xstrdup(name);
	nm->pseud[nm->n++] = NULL;
}

/*
 * Give each distinct name its pseudonym: surname + 某, and when two
 * different people share a surname, 甲, 乙, … in order of appearance.
 */
static void
names_assign(struct names *nm)
{
	char	**sur;
	size_t	  i, j, same, ord;

	sur = xcalloc(nm->n, sizeof(*sur));
	for (i = 0; i < nm->n; i++)
		sur[i] = redact_surname(nm->name[i]);
	for (i = 0; i < nm->n; i++) {
		for (same = 0, ord = 0, j = 0; j < nm->n; j++)
			if (strcmp(sur[i], sur[j]) == 0) {
				same++;
				if (j < i)
					ord++;
			}
		if (same == 1)
			nm->pseud[i] = xasprintf("%s某", sur[i]);
		else if (ord < 10)
			nm->pseud[i] = xasprintf("%s某%s", sur[i],
			    ordinals[ord]);
		else
			nm->pseud[i] = xasprintf("%s某%zu", sur[i], ord + 1);
	}
	strv_free(sur, nm->n);
}

static const char *
names_get(const struct names *nm, const char *name)
{
	size_t	 i;

	for (i = 0; i < nm->n; i++)
		if (strcmp(nm->name[i], name) == 0)
			return nm->pseud[i];
	return NULL;
}

/*
 * A secret: the original of a value that the policy withholds, masks or
 * pseudonymizes, to be replaced wherever else it occurs in the record.
 * It is matched on folded text (full-width as ASCII, letters in one
 * case) with whitespace ignored between its characters, as a reader
 * would read it.
 */
struct secret {
	uint32_t	*cp;		/* folded, without whitespace */
	size_t		 n;
	char		*repl;		/* replacement text; NULL: withhold */
	enum redop	 op;
	size_t		 ground;
	char		*field;		/* the field it came from */
};

/* A match in a text: chars [start, end) and what replaces them. */
struct match {
	size_t		 start;
	size_t		 end;
	const char	*repl;		/* NULL: the withheld marker */
	enum redop	 op;
	size_t		 ground;
	char		*what;		/* for the report: field or detector */
};

struct rctx {
	const struct policy	*pol;
	const struct redopts	*opts;
	enum audience		 aud;
	struct record		*pub;
	struct names		 names;
	struct redlog		*log;
	const char		*id;
	struct secret		*sec;
	size_t			 nsec;
	struct rule		 detected;	/* what to do with detector hits */
	struct rule		 marks;		/* and with {--hand marks--} */
	char			**kept;		/* numbers kept fields publish */
	size_t			 nkept;
	int			 inexcerpt;	/* in the first paragraph */
	int			 ok;
};

/* What the policy says of a pseudo-field; withhold when it is silent. */
static struct rule
pseudo(const struct policy *pol, const char *path, enum audience aud)
{
	const struct rule	*r;
	struct rule		 w;

	if ((r = policy_rule(pol, path, aud)) != NULL)
		return *r;
	memset(&w, 0, sizeof(w));
	w.op = OP_WITHHOLD;
	return w;
}

/* First pass: collect the names that will be pseudonymized. */
static void
collect(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct rctx		*c = arg;
	const struct rule	*r;

	(void)shown;
	if (v->st != V_SET)
		return;
	if ((r = policy_rule(c->pol, pat, c->aud)) != NULL &&
	    r->op == OP_PSEUDONYM)
		names_add(&c->names, v->s);
}

static void
logit(struct rctx *c, const char *where, int line, enum redop op,
    size_t ground, const char *original)
{
	struct redaction	*e;

	c->pub->withheld[ground]++;
	c->pub->nwithheld++;
	/* What a listing's card of the case will show withheld. */
	if (strcmp(where, "title") == 0 || strcmp(where, "unit") == 0 ||
	    strcmp(where, "category") == 0)
		c->pub->oncard[CARD_HEAD][ground]++;
	else if (strcmp(where, "summary") == 0)
		c->pub->oncard[CARD_SUMMARY][ground]++;
	else if (c->inexcerpt && strncmp(where, "body", 4) == 0)
		c->pub->oncard[CARD_EXCERPT][ground]++;
	if (c->log == NULL)
		return;
	c->log->v = xreallocarray(c->log->v, c->log->n + 1,
	    sizeof(*c->log->v));
	e = &c->log->v[c->log->n++];
	memset(e, 0, sizeof(*e));
	e->id = xstrdup(c->id);
	e->path = xstrdup(c->pub->path);
	e->where = xstrdup(where);
	e->line = line;
	e->op = op;
	e->ground = ground;
	e->original = xstrdup(original);
}

/* Fold s and drop its whitespace; returns the number of code points. */
static size_t
fold(const char *s, uint32_t **out)
{
	uint32_t	*cp;
	size_t		*off, n, i, k = 0;

	n = text_decode(s, strlen(s), &cp, &off);
	for (i = 0; i < n; i++)
		if (!text_isspace(cp[i]))
			cp[k++] = cp[i];
	free(off);
	*out = cp;
	return k;
}

/* Whether folded text equals a name that site.yaml publishes. */
static int
ispublic(const struct rctx *c, const uint32_t *cp, size_t n)
{
	uint32_t	*p;
	size_t		 i, k;
	int		 same;

	for (i = 0; i < c->opts->nnames; i++) {
		k = fold(c->opts->names[i], &p);
		same = k == n && memcmp(p, cp, n * sizeof(*cp)) == 0;
		free(p);
		if (same)
			return 1;
	}
	return 0;
}

static void
addsecret(struct rctx *c, const char *orig, const char *repl,
    enum redop op, size_t ground, const char *field)
{
	struct secret	*s;
	uint32_t	*cp;
	size_t		 n, i;

	/* A single character cannot be searched without false alarms,
	 * and what the portal itself publishes is no secret. */
	if ((n = fold(orig, &cp)) < 2 || ispublic(c, cp, n)) {
		free(cp);
		return;
	}
	for (i = 0; i < c->nsec; i++)
		if (c->sec[i].n == n &&
		    memcmp(c->sec[i].cp, cp, n * sizeof(*cp)) == 0) {
			free(cp);
			return;
		}
	c->sec = xreallocarray(c->sec, c->nsec + 1, sizeof(*c->sec));
	s = &c->sec[c->nsec++];
	s->cp = cp;
	s->n = n;
	s->repl = repl != NULL ? xstrdup(repl) : NULL;
	s->op = op;
	s->ground = ground;
	s->field = xstrdup(field);
}

/* Longest first, so that 王明亮 is replaced before 王明. */
static int
seccmp(const void *a, const void *b)
{
	const struct secret *x = a, *y = b;

	return x->n > y->n ? -1 : x->n < y->n;
}

/*
 * A field the policy keeps may be a number a detector recognizes (a
 * credit code kept for internal readers): then that number is published
 * on purpose, here and wherever the record repeats it.
 */
static void
keepnumber(struct rctx *c, const char *s)
{
	struct hits	 h;
	uint32_t	*t;
	size_t		*off, n, a, e;

	n = text_decode_view(s, strlen(s), &t, &off);
	for (a = 0; a < n && text_isspace(t[a]); a++)
		continue;
	for (e = n; e > a && text_isspace(t[e - 1]); e--)
		continue;
	detect_scan(t, n, &h);
	if (h.n == 1 && h.v[0].start == a && h.v[0].end == e) {
		c->kept = xreallocarray(c->kept, c->nkept + 1,
		    sizeof(*c->kept));
		c->kept[c->nkept++] = xstrndup(s + off[a], off[e] - off[a]);
		if (c->log != NULL) {
			c->log->kept = xreallocarray(c->log->kept,
			    c->log->nkept + 1, sizeof(*c->log->kept));
			c->log->kept[c->log->nkept++] =
			    xstrndup(s + off[a], off[e] - off[a]);
		}
	}
	free(h.v);
	free(t);
	free(off);
}

/* Second pass: apply each field's operator in place on the copy. */
static void
apply(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct rctx		*c = arg;
	const struct rule	*r;
	const char		*ps;
	char			*nv = NULL;
	enum redop		 op;
	size_t			 ground;

	if (v->st != V_SET)
		return;
	if ((r = policy_rule(c->pol, pat, c->aud)) != NULL) {
		op = r->op;
		ground = r->ground;
	} else {
		op = OP_WITHHOLD;	/* fail closed */
		ground = 0;
	}
	switch (op) {
	case OP_KEEP:
		keepnumber(c, v->s);
		return;
	case OP_PSEUDONYM:
		if ((ps = names_get(&c->names, v->s)) != NULL)
			nv = xstrdup(ps);
		break;
	case OP_MASK:
		nv = redact_mask(v->s, r->first, r->last);
		break;
	case OP_GENERALIZE:
		nv = redact_generalize(v->s, r->to_year);
		break;
	default:
		break;
	}
	if (nv == NULL)
		op = OP_WITHHOLD;
	logit(c, shown, v->pos.line, op, ground, v->s);
	if (strcmp(pat, "body") != 0)
		addsecret(c, v->s, nv, op, ground, shown);
	free(v->s);
	v->s = nv;
	v->op = op;
	v->ground = ground;
	if (nv == NULL)
		v->st = V_WITHHELD;
}

/* Whether the secret s occurs at t[i], whitespace allowed between its
 * characters; returns the end, or 0. */
static size_t
matchat(const uint32_t *t, size_t n, size_t i, const struct secret *s)
{
	size_t	 k = 0;

	if (t[i] != s->cp[0])
		return 0;
	while (k < s->n && i < n) {
		if (k > 0 && text_isspace(t[i])) {
			i++;
			continue;
		}
		if (t[i] != s->cp[k])
			return 0;
		i++;
		k++;
	}
	return k == s->n ? i : 0;
}

static int
matchcmp(const void *a, const void *b)
{
	const struct match *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

static void
addmatch(struct match **m, size_t *nm, size_t start, size_t end,
    const char *repl, enum redop op, size_t ground, char *what)
{
	*m = xreallocarray(*m, *nm + 1, sizeof(**m));
	(*m)[*nm].start = start;
	(*m)[*nm].end = end;
	(*m)[*nm].repl = repl;
	(*m)[*nm].op = op;
	(*m)[*nm].ground = ground;
	(*m)[*nm].what = what;
	(*nm)++;
}

/*
 * A text in two readings: the view (text_decode_view) and as written
 * (text_decode), with the view's character of each written one.
 */
struct text {
	uint32_t	*view;
	size_t		 nview;
	size_t		*voff;		/* byte offset of each view char */
	uint32_t	*raw;
	size_t		 nraw;
	size_t		*map;		/* view index of each raw char */
};

/* The view index of each written character, from their byte offsets. */
static size_t *
mapraw(const size_t *voff, size_t nv, const size_t *roff, size_t nr)
{
	size_t	*map, r, v = 0;

	map = xcalloc(nr + 1, sizeof(*map));
	for (r = 0; r < nr; r++) {
		while (v + 1 < nv && voff[v + 1] <= roff[r])
			v++;
		map[r] = v;
	}
	map[nr] = nv;
	return map;
}

/* Both readings of a string. */
static void
text_read(struct text *x, const char *s)
{
	size_t	*roff;

	x->nview = text_decode_view(s, strlen(s), &x->view, &x->voff);
	x->nraw = text_decode(s, strlen(s), &x->raw, &roff);
	x->map = mapraw(x->voff, x->nview, roff, x->nraw);
	free(roff);
}

static void
text_free(struct text *x)
{
	free(x->view);
	free(x->voff);
	free(x->raw);
	free(x->map);
}

/*
 * Every secret and every detector hit in a text, in view indices,
 * sorted, without overlaps.  A detector hit that the policy keeps is
 * not a match.
 */
static size_t
findall(struct rctx *c, const struct text *x, struct match **out)
{
	struct match	*m = NULL;
	struct hits	 h;
	size_t		 nm = 0, i, k, e, j, pass, n, a;
	const uint32_t	*t;

	/* Twice: as a reader decodes it (the view), and as written, where
	 * an escape cannot swallow the first digit of a number that
	 * follows it.  A match as written covers the view's characters. */
	for (pass = 0; pass < 2; pass++) {
		t = pass == 0 ? x->view : x->raw;
		n = pass == 0 ? x->nview : x->nraw;
		for (i = 0; i < n; i++)
			for (k = 0; k < c->nsec; k++)
				if ((e = matchat(t, n, i, &c->sec[k])) > 0) {
					a = pass == 0 ? i : x->map[i];
					e = pass == 0 ? e : x->map[e - 1] + 1;
					addmatch(&m, &nm, a, e,
					    c->sec[k].repl, c->sec[k].op,
					    c->sec[k].ground,
					    xstrdup(c->sec[k].field));
					break;
				}
		if (c->detected.op == OP_KEEP)
			continue;
		detect_scan(t, n, &h);
		for (i = 0; i < h.n; i++)
			addmatch(&m, &nm, pass == 0 ? h.v[i].start :
			    x->map[h.v[i].start], pass == 0 ? h.v[i].end :
			    x->map[h.v[i].end - 1] + 1, NULL, c->detected.op,
			    c->detected.ground, xasprintf("detected %s",
			    detect_name(h.v[i].kind)));
		free(h.v);
	}
	if (nm > 1)
		qsort(m, nm, sizeof(*m), matchcmp);
	/* Drop what overlaps an earlier (or longer) match. */
	for (i = 0, j = 0; i < nm; i++) {
		if (j > 0 && m[i].start < m[j - 1].end) {
			if (m[i].end > m[j - 1].end)
				m[j - 1].end = m[i].end;
			free(m[i].what);
			continue;
		}
		m[j++] = m[i];
	}
	*out = m;
	return j;
}

/*
 * What detectors find that is published on purpose: the portal's own
 * e-mail address, and numbers that a field the policy keeps publishes.
 */
static int
allowed(const struct rctx *c, const char *s)
{
	size_t	 i;

	for (i = 0; i < c->opts->nallow; i++)
		if (strcasecmp(c->opts->allow[i], s) == 0)
			return 1;
	for (i = 0; i < c->nkept; i++)
		if (detect_same(c->kept[i], s))
			return 1;
	return 0;
}

/*
 * The replacement text of a match in plain text: the pseudonym or the
 * mask, or for a detector hit under mask its masked form, else the
 * plain marker.  The caller frees it.
 */
static char *
plainrepl(const struct rctx *c, const struct match *m, const char *orig)
{
	struct buf	 b;
	const char	*p;
	char		*r;

	if (m->repl != NULL)
		return xstrdup(m->repl);
	if (m->op == OP_MASK) {
		/* Mask the number, not the spaces and dashes in it. */
		memset(&b, 0, sizeof(b));
		buf_puts(&b, "");
		for (p = orig; *p != '\0'; p++)
			if (*p != ' ' && *p != '-' && *p != '\n' &&
			    *p != '(' && *p != ')')
				buf_putc(&b, *p);
		r = redact_mask(b.p, c->detected.first, c->detected.last);
		buf_free(&b);
		return r;
	}
	return xstrdup(c->opts->text);
}

/* Whether part is all of s but for surrounding whitespace. */
static int
whole(const char *s, const char *part)
{
	size_t	 n = strlen(part);

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (strncmp(s, part, n) != 0)
		return 0;
	for (s += n; *s == ' ' || *s == '\t' || *s == '\n'; s++)
		continue;
	return *s == '\0';
}

/*
 * Redact a field's text in place: every secret and detector hit is
 * replaced by its pseudonym, mask or the plain marker.
 */
static void
scrubfield(struct rctx *c, struct val *v, const char *shown)
{
	struct match	*m;
	struct buf	 b;
	struct text	 x;
	size_t		*off, nm, i, last = 0;
	char		*orig, *r;

	if (v->st != V_SET || v->op != OP_KEEP)
		return;
	text_read(&x, v->s);
	off = x.voff;
	nm = findall(c, &x, &m);
	memset(&b, 0, sizeof(b));
	for (i = 0; i < nm; i++) {
		orig = xstrndup(v->s + off[m[i].start],
		    off[m[i].end] - off[m[i].start]);
		/* An address the portal publishes, or a number that is the
		 * whole of a field the policy keeps, stays. */
		if (m[i].repl == NULL && strncmp(m[i].what, "detected", 8) ==
		    0 && (allowed(c, orig) || whole(v->s, orig))) {
			free(orig);
			continue;
		}
		buf_put(&b, v->s + last, off[m[i].start] - last);
		r = plainrepl(c, &m[i], orig);
		buf_puts(&b, r);
		free(r);
		logit(c, shown, v->pos.line, m[i].op, m[i].ground, orig);
		free(orig);
		last = off[m[i].end];
	}
	if (b.p != NULL) {
		buf_puts(&b, v->s + last);
		free(v->s);
		v->s = buf_take(&b);
	}
	for (i = 0; i < nm; i++)
		free(m[i].what);
	free(m);
	text_free(&x);
}

static void
scrubvisit(const char *pat, const char *shown, struct val *v, void *arg)
{
	/* The structure of the portal and the body are not field text;
	 * a unit or a category is a name site.yaml publishes (validation
	 * saw to it), and changing it would drop the case from its list. */
	if (strcmp(pat, "id") == 0 || strcmp(pat, "status") == 0 ||
	    strcmp(pat, "published") == 0 || strcmp(pat, "body") == 0 ||
	    strcmp(pat, "unit") == 0 || strcmp(pat, "category") == 0)
		return;
	scrubfield(arg, v, shown);
}

/*
 * The body.  A block's visible text is the concatenation of the
 * literals of its inline leaves; a leaf knows its node and where its
 * characters start in that text, so a match may span nodes (王**建国**).
 */
struct leaf {
	cmark_node	*node;
	size_t		 first;		/* index of its first character */
	int		 inimage;	/* alt text: plain text only */
};

struct block {
	struct leaf	*leaf;
	size_t		 nleaf;
	uint32_t	*t;		/* folded characters */
	size_t		*li;		/* leaf of each character */
	size_t		*bo;		/* byte offset in its leaf literal */
	size_t		 n;
	uint32_t	*rt;		/* the characters as written */
	size_t		*rv;		/* the view index of each */
	size_t		 nr;
	int		 line;		/* file line of the block */
	int		 fenced;	/* a fenced code block */
};

static void
block_free(struct block *b)
{
	free(b->leaf);
	free(b->t);
	free(b->li);
	free(b->bo);
	free(b->rt);
	free(b->rv);
	memset(b, 0, sizeof(*b));
}

static int
isleaf(cmark_node_type t)
{
	return t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ||
	    t == CMARK_NODE_HTML_INLINE || t == CMARK_NODE_SOFTBREAK ||
	    t == CMARK_NODE_LINEBREAK || t == CMARK_NODE_CODE_BLOCK ||
	    t == CMARK_NODE_HTML_BLOCK;
}

static const char *
literal(cmark_node *n)
{
	const char	*s;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		return "\n";
	default:
		s = cmark_node_get_literal(n);
		return s == NULL ? "" : s;
	}
}

static void
addtext(struct block *b, cmark_node *n, int inimage)
{
	const char	*s = literal(n);
	uint32_t	*cp, *rcp;
	size_t		*off, *roff, *map, k, i, nr;

	b->leaf = xreallocarray(b->leaf, b->nleaf + 1, sizeof(*b->leaf));
	b->leaf[b->nleaf].node = n;
	b->leaf[b->nleaf].first = b->n;
	b->leaf[b->nleaf].inimage = inimage;
	k = text_decode_view(s, strlen(s), &cp, &off);
	/* Raw inline HTML is never rendered: a reader does not see it, so
	 * it may stand between the characters of a value (王<b>建</b>国). */
	if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE)
		for (i = 0; i < k; i++)
			cp[i] = 0x200b;
	b->t = xreallocarray(b->t, b->n + k + 1, sizeof(*b->t));
	b->li = xreallocarray(b->li, b->n + k + 1, sizeof(*b->li));
	b->bo = xreallocarray(b->bo, b->n + k + 1, sizeof(*b->bo));
	for (i = 0; i < k; i++) {
		b->t[b->n + i] = cp[i];
		b->li[b->n + i] = b->nleaf;
		b->bo[b->n + i] = off[i];
	}
	/* The same leaf as written, each character mapped into the view. */
	nr = text_decode(s, strlen(s), &rcp, &roff);
	map = mapraw(off, k, roff, nr);
	b->rt = xreallocarray(b->rt, b->nr + nr + 1, sizeof(*b->rt));
	b->rv = xreallocarray(b->rv, b->nr + nr + 1, sizeof(*b->rv));
	for (i = 0; i < nr; i++) {
		b->rt[b->nr + i] = cmark_node_get_type(n) ==
		    CMARK_NODE_HTML_INLINE ? 0x200b : rcp[i];
		b->rv[b->nr + i] = b->n + (map[i] < k ? map[i] : k - 1);
	}
	b->nr += nr;
	b->n += k;
	b->nleaf++;
	free(rcp);
	free(roff);
	free(map);
	free(cp);
	free(off);
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

/* The leaves of a block: its inline leaves, or itself if a literal block. */
static void
block_read(struct block *b, cmark_node *blk, const struct record *r)
{
	cmark_iter	*it;
	cmark_node	*n;
	cmark_event_type ev;
	int		 image = 0;

	memset(b, 0, sizeof(*b));
	b->line = r->body_line + cmark_node_get_start_line(blk) - 1;
	if (isleaf(cmark_node_get_type(blk))) {
		b->fenced = cmark_node_get_type(blk) == CMARK_NODE_CODE_BLOCK
		    && isfenced(r->body.s, cmark_node_get_start_line(blk));
		addtext(b, blk, 0);
		return;
	}
	it = cmark_iter_new(blk);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_node_get_type(n) == CMARK_NODE_IMAGE) {
			image += ev == CMARK_EVENT_ENTER ? 1 : -1;
			continue;
		}
		if (ev == CMARK_EVENT_ENTER && n != blk &&
		    isleaf(cmark_node_get_type(n)))
			addtext(b, n, image > 0);
	}
	cmark_iter_free(it);
}

/* The file line of character i of a block. */
static int
lineof(const struct block *b, size_t i)
{
	size_t	 k;
	int	 line = b->line;

	for (k = 0; k < i && k < b->n; k++)
		if (b->t[k] == '\n')
			line++;
	if (b->fenced)
		line++;	/* the content starts after the fence */
	return line;
}

/* The text of chars [a, e) of a block as written (for the report). */
static char *
original(const struct block *b, size_t a, size_t e)
{
	struct buf	 o;
	const char	*s;
	size_t		 i, l, from, to;

	memset(&o, 0, sizeof(o));
	for (i = a; i < e; ) {
		l = b->li[i];
		s = literal(b->leaf[l].node);
		from = b->bo[i];
		while (i < e && b->li[i] == l)
			i++;
		to = i < b->n && b->li[i] == l ? b->bo[i] : strlen(s);
		if (i == e && e < b->n && b->li[e] == l)
			to = b->bo[e];
		buf_put(&o, s + from, to - from);
	}
	return buf_take(&o);
}

static void
setlit(cmark_node *n, const char *s, size_t len)
{
	char	*t = xstrndup(s, len);

	cmark_node_set_literal(n, t);
	free(t);
}

/*
 * Replace chars [a, e) of a block by text, or by a raw HTML node (the
 * marker) where the leaf allows inline nodes.  Leaves after the match
 * are left alone, so matches are applied from last to first.
 */
static int
isbreak(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK ||
	    cmark_node_get_type(n) == CMARK_NODE_LINEBREAK;
}

static void
replace(const struct block *b, size_t a, size_t e, const char *text,
    const char *html)
{
	size_t		 la = b->li[a], le, i, ba = b->bo[a], be, len;
	cmark_node	*n = b->leaf[la].node, *tail, *mk, *x;
	cmark_node_type	 ty = cmark_node_get_type(n);
	const char	*s;
	char		*head, *rest;
	struct buf	 o;

	if (e < b->n) {
		le = b->li[e];
		be = b->bo[e];
	} else {
		le = b->nleaf - 1;
		be = strlen(literal(b->leaf[le].node));
	}
	if (le != la) {
		/* The leaves after the first: emptied, or cut at the end. */
		for (i = la + 1; i <= le; i++) {
			x = b->leaf[i].node;
			len = strlen(literal(x));
			if (i == le && be < len) {
				if (!isbreak(x))
					setlit(x, literal(x) + be,
					    len - be);
			} else if (isbreak(x)) {
				cmark_node_unlink(x);
				cmark_node_free(x);
			} else
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
		cmark_node_set_literal(n, o.p);
		buf_free(&o);
	} else {
		cmark_node_set_literal(n, head);
		mk = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
		cmark_node_set_on_enter(mk, html);
		cmark_node_set_on_exit(mk, "");
		cmark_node_insert_after(n, mk);
		if (*rest != '\0') {
			tail = cmark_node_new(ty);
			cmark_node_set_literal(tail, rest);
			cmark_node_insert_after(mk, tail);
		}
	}
	free(head);
	free(rest);
}

/* Redact one block of the body: secrets and detector hits. */
static void
scrubblock(struct rctx *c, cmark_node *blk)
{
	struct block	 b;
	struct text	 x;
	struct match	*m;
	size_t		 nm, i;
	char		*orig, *text, *html;

	block_read(&b, blk, c->pub);
	memset(&x, 0, sizeof(x));
	x.view = b.t;
	x.nview = b.n;
	x.raw = b.rt;
	x.nraw = b.nr;
	x.map = b.rv;
	nm = findall(c, &x, &m);
	for (i = nm; i > 0; i--) {
		struct match *x = &m[i - 1];

		orig = original(&b, x->start, x->end);
		if (x->repl == NULL && strncmp(x->what, "detected", 8) == 0 &&
		    allowed(c, orig)) {
			free(orig);
			continue;
		}
		text = plainrepl(c, x, orig);
		html = x->repl == NULL && x->op != OP_MASK ?
		    c->opts->html(x->ground, 0, c->opts->arg) : NULL;
		logit(c, "body", lineof(&b, x->start), x->op, x->ground, orig);
		replace(&b, x->start, x->end, text, html);
		free(html);
		free(text);
		free(orig);
	}
	for (i = 0; i < nm; i++)
		free(m[i].what);
	free(m);
	block_free(&b);
}

static int
at3(const struct block *b, size_t i, uint32_t x, uint32_t y, uint32_t z)
{
	return i + 3 <= b->n && b->t[i] == x && b->t[i + 1] == y &&
	    b->t[i + 2] == z;
}

/*
 * Hand marks: {--text--} withholds text (public) or highlights it
 * (internal), as the policy's "marks" says.  A mark must open and close
 * within one paragraph or heading, and within the same emphasis or link.
 */
static void
handmarks(struct rctx *c, cmark_node *blk)
{
	struct block	 b;
	size_t		*pa = NULL, *pe = NULL, np = 0, i, j, a, e;
	char		*orig, *html;

	block_read(&b, blk, c->pub);
	for (i = 0; i < b.n; i++) {
		if (!at3(&b, i, '{', '-', '-'))
			continue;
		for (j = i + 3; j < b.n && !at3(&b, j, '-', '-', '}'); j++)
			continue;
		if (j >= b.n) {
			diag_error(c->pub->path, (struct pos){ lineof(&b, i),
			    0 }, "body: a hand mark \"{--\" is not closed "
			    "with \"--}\" in the same paragraph");
			c->ok = 0;
			break;
		}
		if (cmark_node_parent(b.leaf[b.li[i]].node) !=
		    cmark_node_parent(b.leaf[b.li[j + 2]].node) ||
		    b.leaf[b.li[i]].inimage) {
			diag_error(c->pub->path, (struct pos){ lineof(&b, i),
			    0 }, "body: a hand mark {--…--} must open and "
			    "close within the same emphasis, link or "
			    "paragraph");
			c->ok = 0;
			break;
		}
		pa = xreallocarray(pa, np + 1, sizeof(*pa));
		pe = xreallocarray(pe, np + 1, sizeof(*pe));
		pa[np] = i;
		pe[np++] = j + 3;
		i = j + 2;
	}
	for (i = c->ok ? np : 0; i > 0; i--) {
		a = pa[i - 1];
		e = pe[i - 1];
		orig = original(&b, a + 3, e - 3);
		if (c->marks.op == OP_KEEP) {
			/* The text stays, highlighted, without its marks. */
			html = c->opts->html(c->marks.ground, 2, c->opts->arg);
			replace(&b, e - 3, e, "", html);
			free(html);
			html = c->opts->html(c->marks.ground, 1, c->opts->arg);
			replace(&b, a, a + 3, "", html);
			free(html);
		} else {
			html = c->opts->html(c->marks.ground, 0, c->opts->arg);
			logit(c, "body (hand mark)", lineof(&b, a),
			    OP_WITHHOLD, c->marks.ground, orig);
			addsecret(c, orig, NULL, OP_WITHHOLD, c->marks.ground,
			    "body (hand mark)");
			replace(&b, a, e, c->opts->text, html);
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
	return buf_take(&b);
}

/*
 * Whether a string holds a secret or a detector hit: the ground of the
 * first one, or -1.
 */
static long
tainted(struct rctx *c, const char *s)
{
	struct match	*m;
	struct text	 x;
	size_t		*off, nm, i;
	long		 hit = -1;

	text_read(&x, s);
	off = x.voff;
	nm = findall(c, &x, &m);
	for (i = 0; i < nm; i++) {
		char *orig = xstrndup(s + off[m[i].start],
		    off[m[i].end] - off[m[i].start]);

		if (hit < 0 && !(m[i].repl == NULL &&
		    strncmp(m[i].what, "detected", 8) == 0 && allowed(c, orig)))
			hit = (long)m[i].ground;
		free(orig);
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
		    cmark_node_get_url(v[i]) : "");
		unwrap(v[i]);
	}
	free(v);
	free(g);
}

/* The blocks whose text is redacted: paragraphs, headings, code, HTML. */
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
		    ty == CMARK_NODE_CODE_BLOCK || ty == CMARK_NODE_HTML_BLOCK) {
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
			    c->detected.ground, s);
			cmark_node_set_fence_info(n, "");
		}
		if (ty == CMARK_NODE_HTML_INLINE &&
		    (s = cmark_node_get_literal(n)) != NULL) {
			memset(&v, 0, sizeof(v));
			v.s = xstrdup(s);
			v.st = V_SET;
			v.op = OP_KEEP;
			v.pos.line = c->pub->body_line;
			scrubfield(c, &v, "body (raw HTML)");
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

static void
scrubbody(struct rctx *c)
{
	struct record	*pub = c->pub;

	pub->doc = cmark_parse_document(pub->body.s, strlen(pub->body.s),
	    CMARK_OPT_DEFAULT);
	eachblock(c, handmarks);
	if (c->nsec > 1)
		qsort(c->sec, c->nsec, sizeof(*c->sec), seccmp);
	scrublinks(c, pub->doc);
	eachblock(c, scrubblock);
	scrubrest(c, pub->doc);
	demote(pub->doc);
	/* Only the redacted tree is public; the source text goes. */
	free(pub->body.s);
	pub->body.s = NULL;
}

/* One line of the canonical text of a public record. */
static void
canon(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct buf	*b = arg;
	const char	*p;

	(void)pat;
	if (v->st == V_ABSENT || strcmp(shown, "body") == 0)
		return;
	buf_puts(b, shown);
	buf_putc(b, '\t');
	if (v->st == V_WITHHELD)
		buf_puts(b, "\\withheld");
	else
		for (p = v->s; *p != '\0'; p++)
			if (*p == '\n')
				buf_puts(b, "\\n");
			else if (*p == '\\')
				buf_puts(b, "\\\\");
			else
				buf_putc(b, *p);
	buf_putc(b, '\n');
}

/*
 * The SHA-256 (hex) of what a public record publishes: one line per
 * value, "path TAB value", in the order of the format (a withheld value
 * is written \withheld, newlines and backslashes escaped), then "body
 * TAB" and the body as rendered HTML.  The caller frees it.
 */
char *
redact_digest(struct record *pub)
{
	struct buf	 b;
	unsigned char	 h[crypto_hash_sha256_BYTES];
	char		 hex[2 * crypto_hash_sha256_BYTES + 1];
	char		*html;

	memset(&b, 0, sizeof(b));
	record_visit(pub, canon, &b);
	buf_puts(&b, "body\t");
	if (pub->doc != NULL) {
		html = cmark_render_html(pub->doc, CMARK_OPT_DEFAULT);
		buf_puts(&b, html);
		free(html);
	} else if (pub->body.st == V_WITHHELD)
		buf_puts(&b, "\\withheld");
	buf_putc(&b, '\n');
	crypto_hash_sha256(h, (const unsigned char *)b.p, b.len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	buf_free(&b);
	return xstrdup(hex);
}

/*
 * Make the public record of raw for an audience.  Every value passes
 * through its field's operator; then the original of every value that
 * was withheld, masked or pseudonymized, every detector hit and every
 * hand mark is replaced wherever it occurs in the kept fields and the
 * body.  Redactions are appended to log when it is not NULL.  *ok is 0
 * after reporting a problem of the body.  The caller frees the result.
 */
struct record *
redact_record(const struct record *raw, const struct policy *pol,
    enum audience aud, const struct redopts *opts, struct redlog *log,
    int *ok)
{
	struct rctx	 c;
	struct record	*pub;
	size_t		 i;

	memset(&c, 0, sizeof(c));
	pub = record_dup(raw);
	pub->withheld = xcalloc(pol->ngrounds, sizeof(size_t));
	pub->nwithheld = 0;
	for (i = 0; i < CARD__MAX; i++)
		pub->oncard[i] = xcalloc(pol->ngrounds, sizeof(size_t));
	c.pol = pol;
	c.opts = opts;
	c.aud = aud;
	c.pub = pub;
	c.log = log;
	c.ok = 1;
	c.id = raw->id.s != NULL ? raw->id.s : "";
	c.detected = pseudo(pol, "detected", aud);
	c.marks = pseudo(pol, "marks", aud);
	record_visit(pub, collect, &c);
	names_assign(&c.names);
	record_visit(pub, apply, &c);
	names_free(&c.names);
	if (pub->body.st == V_SET)
		scrubbody(&c);
	if (c.nsec > 1)
		qsort(c.sec, c.nsec, sizeof(*c.sec), seccmp);
	record_visit(pub, scrubvisit, &c);
	for (i = 0; i < c.nsec; i++) {
		free(c.sec[i].cp);
		free(c.sec[i].repl);
		free(c.sec[i].field);
	}
	free(c.sec);
	strv_free(c.kept, c.nkept);
	record_derive(pub);
	pub->digest = redact_digest(pub);
	*ok = c.ok;
	return pub;
}

void
redlog_free(struct redlog *log)
{
	size_t	 i;

	for (i = 0; i < log->n; i++) {
		free(log->v[i].id);
		free(log->v[i].path);
		free(log->v[i].where);
		free(log->v[i].original);
	}
	free(log->v);
	strv_free(log->kept, log->nkept);
	memset(log, 0, sizeof(*log));
}

/*
 * Write the redaction report: one CSV row per redaction, with the
 * original value, for the reviewer who signs off before publishing.
 * It holds the originals, so it is made with mode 0600, through a
 * temporary file renamed into place.  Returns 0 on error (reported).
 */
int
redlog_write(const struct redlog *log, const struct policy *pol,
    const char *path)
{
	struct buf	 b;
	char		*tmp, line[32];
	size_t		 i;
	int		 fd, ok;

	memset(&b, 0, sizeof(b));
	buf_puts(&b, "case,file,location,line,operator,ground,original\r\n");
	for (i = 0; i < log->n; i++) {
		const struct redaction *e = &log->v[i];

		csv_field(&b, e->id);
		buf_putc(&b, ',');
		csv_field(&b, e->path);
		buf_putc(&b, ',');
		csv_field(&b, e->where);
		snprintf(line, sizeof(line), ",%d,", e->line);
		buf_puts(&b, line);
		csv_field(&b, op_names[e->op]);
		buf_putc(&b, ',');
		csv_field(&b, pol->grounds[e->ground].text != NULL ?
		    pol->grounds[e->ground].text : pol->grounds[e->ground].key);
		buf_putc(&b, ',');
		csv_field(&b, e->original);
		buf_puts(&b, "\r\n");
	}
	tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		syserr("%s", tmp);
		free(tmp);
		buf_free(&b);
		return 0;
	}
	ok = fchmod(fd, 0600) == 0;
	ok = ok && write(fd, b.p, b.len) == (ssize_t)b.len;
	ok = fsync(fd) == 0 && ok;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) == -1) {
		syserr("%s", path);
		unlink(tmp);
		ok = 0;
	}
	free(tmp);
	buf_free(&b);
	return ok;
}
