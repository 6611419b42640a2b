/*
 * Redaction: a raw record and a policy make the public record, the only
 * thing that the index and the renderers ever see.  Every value passes
 * through the operator that the policy names for its field and the
 * audience; a field the policy does not name is withheld (fail closed).
 */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

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

struct rctx {
	const struct policy	*pol;
	enum audience		 aud;
	struct record		*pub;
	struct names		 names;
	struct redlog		*log;
	const char		*id;
};

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
logit(struct rctx *c, const char *shown, const struct val *v,
    enum redop op, size_t ground)
{
	struct redaction	*e;

	if (c->log == NULL)
		return;
	c->log->v = xreallocarray(c->log->v, c->log->n + 1,
	    sizeof(*c->log->v));
	e = &c->log->v[c->log->n++];
	memset(e, 0, sizeof(*e));
	e->id = xstrdup(c->id);
	e->path = xstrdup(c->pub->path);
	e->where = xstrdup(shown);
	e->line = v->pos.line;
	e->op = op;
	e->ground = ground;
	e->original = xstrdup(v->s);
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
	logit(c, shown, v, nv == NULL ? OP_WITHHOLD : op, ground);
	free(v->s);
	v->s = NULL;
	v->op = nv == NULL ? OP_WITHHOLD : op;
	v->ground = ground;
	if (nv != NULL)
		v->s = nv;
	else
		v->st = V_WITHHELD;
	c->pub->withheld[ground]++;
	c->pub->nwithheld++;
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
 * Make the public record of raw for an audience.  Redactions are
 * appended to log when it is not NULL.  The caller frees the result.
 */
struct record *
redact_record(const struct record *raw, const struct policy *pol,
    enum audience aud, struct redlog *log)
{
	struct rctx	 c;
	struct record	*pub;

	memset(&c, 0, sizeof(c));
	pub = record_dup(raw);
	pub->withheld = xcalloc(pol->ngrounds, sizeof(size_t));
	pub->nwithheld = 0;
	c.pol = pol;
	c.aud = aud;
	c.pub = pub;
	c.log = log;
	c.id = raw->id.s != NULL ? raw->id.s : "";
	record_visit(pub, collect, &c);
	names_assign(&c.names);
	record_visit(pub, apply, &c);
	names_free(&c.names);
	if (pub->body.st == V_SET) {
		pub->doc = cmark_parse_document(pub->body.s,
		    strlen(pub->body.s), CMARK_OPT_DEFAULT);
		demote(pub->doc);
	}
	record_derive(pub);
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
	memset(log, 0, sizeof(*log));
}
