/*
 * Rendering the portal's HTML pages through the templates (tmpl.cc).
 * Escaping belongs to the templates: every value goes into a ctemplate
 * dictionary as text and is escaped for its context there; the only
 * HTML made here is cmark's rendering of Markdown.  Links between pages
 * are relative and name index.html, so the portal works from any path,
 * from file:// and from an archive.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <sodium.h>
#include <utf8proc.h>

#include "disclose.h"
#include "extern.h"

/* The index of the ground whose key is key[0..len), or 0. */
static size_t
groundof(const struct policy *pol, const char *key, size_t len)
{
	size_t	 g;

	for (g = 0; g < pol->ngrounds; g++)
		if (strlen(pol->grounds[g].key) == len &&
		    strncmp(pol->grounds[g].key, key, len) == 0)
			return g;
	return 0;
}

/* The theme's marker of a withheld span (withheld.tpl), or of the
 * opening or closing of a highlighted hand mark (mark.tpl). */
static void
marker_html(const struct policy *pol, size_t ground, int kind,
    struct buf *out)
{
	struct tdict	*d;

	if (kind == 0) {
		d = tmpl_dict_new("withheld");
		tmpl_set(d, "GROUND", theme_ground(pol, ground));
		tmpl_expand("withheld.tpl", d, out);
	} else {
		/* Internal readers see what the public version withholds. */
		d = tmpl_dict_new("mark");
		tmpl_set(tmpl_section(d, kind == 1 ? "OPEN" : "CLOSE"),
		    "GROUND", theme_str("marked"));
		tmpl_expand("mark.tpl", d, out);
	}
	tmpl_dict_free(d);
}

/*
 * The theme's part of a table of Markdown (table.tpl): the box that
 * scrolls it on a narrow screen, opened (kind 0) and closed (1), and
 * the opening of a header cell, its attributes to follow (2).
 */
static void
table_html(int kind, struct buf *out)
{
	static const char *const secs[] = { "OPEN", "CLOSE", "HEAD" };
	struct tdict	*d;

	d = tmpl_dict_new("table");
	tmpl_show(d, secs[kind]);
	tmpl_expand("table.tpl", d, out);
	tmpl_dict_free(d);
}

/*
 * What the neutral marker X of a body is ("<!--X-->", or the span SPAN_N
 * X in a table cell): a withheld span (NEUTRAL_WITHHELD, its ground in
 * *ground), where a highlighted hand mark opens or closes, or none.
 */
enum neutral { NEUTRAL_NONE, NEUTRAL_WITHHELD, NEUTRAL_OPEN, NEUTRAL_CLOSE };

static enum neutral
neutralof(const struct policy *pol, const char *x, size_t len,
    size_t *ground)
{
	static const char w[] = "withheld:";

	if (len >= sizeof(w) - 1 && strncmp(x, w, sizeof(w) - 1) == 0) {
		*ground = groundof(pol, x + sizeof(w) - 1,
		    len - (sizeof(w) - 1));
		return NEUTRAL_WITHHELD;
	}
	if (len == 4 && strncmp(x, "mark", 4) == 0)
		return NEUTRAL_OPEN;
	if (len == 5 && strncmp(x, "/mark", 5) == 0)
		return NEUTRAL_CLOSE;
	return NEUTRAL_NONE;
}

/*
 * The neutral marker at p, "<!--X-->" or a table cell's span: its kind,
 * with *next after it.
 */
static enum neutral
neutralat(const struct policy *pol, const char *p, const char **next,
    size_t *ground)
{
	const char	*q;
	size_t		 n = strlen(SPAN_N);
	enum neutral	 k;

	if (strncmp(p, "<!--", 4) == 0 && (q = strstr(p + 4, "-->")) != NULL) {
		if ((k = neutralof(pol, p + 4, (size_t)(q - p - 4), ground)) !=
		    NEUTRAL_NONE)
			*next = q + 3;
		return k;
	}
	if (*p == SPAN_MARK && strncmp(p + 1, SPAN_N, n) == 0 &&
	    (q = strchr(p, SPAN_END)) != NULL) {
		*next = q + 1;
		return neutralof(pol, p + 1 + n, (size_t)(q - p - 1 - n),
		    ground);
	}
	return NEUTRAL_NONE;
}

/* A table's own tag at p, drawn by the theme (table.tpl) into b: the
 * number of bytes it took, or 0.  cmark escapes every '<' of the text
 * and omits raw HTML, so a "<table>" or "<th" is the extension's. */
static size_t
tabletag(const char *p, struct buf *b)
{
	if (strncmp(p, "<table>", 7) == 0) {
		table_html(0, b);
		buf_puts(b, "<table>");
		return 7;
	}
	if (strncmp(p, "</table>", 8) == 0) {
		buf_puts(b, "</table>");
		table_html(1, b);
		return 8;
	}
	if (strncmp(p, "<th", 3) == 0 && (p[3] == '>' || p[3] == ' ')) {
		table_html(2, b);
		return 3;
	}
	return 0;
}

/*
 * cmark's HTML of site.yaml's Markdown in the theme: each neutral marker
 * and each table drawn by the templates, and in alt text or code the
 * marker characters of a span as the withheld text.
 */
static void
draw(const struct policy *pol, const char *p, struct buf *b)
{
	const char	*q;
	size_t		 g, n;
	enum neutral	 k;

	while (*p != '\0') {
		if ((k = neutralat(pol, p, &q, &g)) != NEUTRAL_NONE) {
			marker_html(pol, g, k == NEUTRAL_WITHHELD ? 0 :
			    k == NEUTRAL_OPEN ? 1 : 2, b);
			p = q;
		} else if ((n = tabletag(p, b)) > 0)
			p += n;
		else if (*p == SPAN_MARK && (q = strchr(p, SPAN_END)) !=
		    NULL) {
			if (p[1] == SPAN_W[0])
				buf_puts(b, theme_withheld_text());
			p = q + 1;
		} else
			buf_putc(b, *p++);
	}
}

/*
 * Markdown of site.yaml (the home page's introduction, the privacy
 * statement) as HTML in the theme.  The caller frees it.
 */
static char *
sitemd(const struct site *s, const char *md)
{
	cmark_node	*doc;
	char		*html;
	struct buf	 b;

	doc = md_parse(md, strlen(md));
	md_cjkbreaks(doc);
	html = md_html(doc);
	cmark_node_free(doc);
	memset(&b, 0, sizeof(b));
	draw(s->pol, html, &b);
	free(html);
	buf_putc(&b, '\0');
	return buf_take(&b);
}

/* Whether the tag at p (after '<') ends a block of text. */
static int
blocktag(const char *p)
{
	static const char *const tags[] = {
		"p", "li", "br", "hr", "tr", "td", "th", "pre", "div",
		"blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"
	};
	size_t	 i, n;

	if (*p == '/')
		p++;
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		n = strlen(tags[i]);
		if (strncasecmp(p, tags[i], n) == 0 &&
		    strchr(" \t\n/>", p[n]) != NULL)
			return 1;
	}
	return 0;
}

/*
 * The body of a public record as plain text, for the search index: the
 * text a reader sees, a withheld item as the withheld text, each block
 * on a line of its own.  The caller frees it.
 */
/*
 * The body of r as HTML: in memory, set aside in the spill file, or kept
 * by the cache; what *own points to then is the caller's to free.  NULL
 * for none, or when it cannot be read again (reported).
 */
static const char *
htmlof(const struct site *s, const struct record *r, char **own)
{
	*own = NULL;
	if (r->html != NULL)
		return r->html;
	if (r->html_len > 0)
		*own = spill_get(s->spill, r->html_at, r->html_len);
	else if (r->html_kept && s->kepthtml != NULL)
		*own = s->kepthtml(s->keptarg, r);
	return *own;
}

char *
render_text(const struct site *s, const struct record *r)
{
	static const struct { const char *e; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&#39;", '\'' }
	};
	struct buf	 b;
	const char	*p, *q;
	char		*spilled;
	size_t		 i;

	_Static_assert(SPAN_MARK == '\x1e', "render_text's runs of text");
	if ((p = htmlof(s, r, &spilled)) == NULL)
		return xstrdup("");
	memset(&b, 0, sizeof(b));
	while (*p != '\0') {
		/* Most bytes are text: copied a run at a time (\x1e is
		 * SPAN_MARK). */
		if ((i = strcspn(p, "<&\n\x1e")) > 0) {
			buf_put(&b, p, i);
			p += i;
			continue;
		}
		if (strncmp(p, "<!--withheld:", 13) == 0 &&
		    (q = strstr(p, "-->")) != NULL) {
			buf_puts(&b, theme_withheld_text());
			p = q + 3;
		} else if (strncmp(p, "<!--", 4) == 0 &&
		    (q = strstr(p, "-->")) != NULL) {
			p = q + 3;
		} else if (*p == '<' && (q = strchr(p, '>')) != NULL) {
			if (blocktag(p + 1) && b.len > 0 &&
			    b.p[b.len - 1] != '\n')
				buf_putc(&b, '\n');
			p = q + 1;
		} else if (*p == SPAN_MARK && (q = strchr(p, SPAN_END)) !=
		    NULL) {
			if (p[1] == SPAN_W[0] || strncmp(p + 1, SPAN_N
			    "withheld:", strlen(SPAN_N "withheld:")) == 0)
				buf_puts(&b, theme_withheld_text());
			p = q + 1;
		} else if (*p == '&') {
			for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
				if (strncmp(p, ents[i].e, strlen(ents[i].e)) ==
				    0)
					break;
			if (i < sizeof(ents) / sizeof(ents[0])) {
				buf_putc(&b, ents[i].c);
				p += strlen(ents[i].e);
			} else
				buf_putc(&b, *p++);
		} else if (*p == '\n') {
			if (b.len > 0 && b.p[b.len - 1] != '\n')
				buf_putc(&b, ' ');
			p++;
		} else
			buf_putc(&b, *p++);
	}
	free(spilled);
	while (b.len > 0 && (b.p[b.len - 1] == '\n' || b.p[b.len - 1] == ' '))
		b.len--;
	buf_putc(&b, '\0');
	return buf_take(&b);
}

/* The relative path to the root from a file at rel: "../" per '/'. */
static char *
rootof(const char *rel)
{
	struct buf	 b;
	const char	*p;

	memset(&b, 0, sizeof(b));
	for (p = rel; *p != '\0'; p++)
		if (*p == '/')
			buf_puts(&b, "../");
	return buf_take(&b);
}

struct rctx {
	const struct site	*s;
	const char		*dir;	/* staging directory */
	struct pagelist		*pages;	/* for the sitemap */
	pthread_mutex_t		 lock;
	size_t			 files;
	int			 ok;
	struct listpage		*lists;	/* pages of listings, to render */
	size_t			 nlists;
	struct casepos		*pos;	/* each case's place in s->cases */
	int			 notes;	/* values refer to numbered notes */
};

/* A case and its place among the cases, newest first. */
struct casepos {
	const struct record	*r;
	size_t			 i;
};

static int
poscmp(const void *a, const void *b)
{
	const struct record *x = ((const struct casepos *)a)->r;
	const struct record *y = ((const struct casepos *)b)->r;

	return x < y ? -1 : x > y;
}


/* One page of a listing: rendered on the pool once all are known. */
struct listpage {
	char			*dir;
	char			*heading;
	const char		*about;	/* what the page is of, or NULL */
	struct record *const	*recs;
	size_t			 n;
	int			 feeds;
	int			 tax;	/* the term's taxonomy, or -1 */
	size_t			 pg;
	size_t			 npages;
};

static void
counted(struct rctx *c, int ok)
{
	pthread_mutex_lock(&c->lock);
	c->files++;
	if (!ok)
		c->ok = 0;
	pthread_mutex_unlock(&c->lock);
}

/* Remember an HTML page for the sitemap. */
static void
remember(struct rctx *c, const char *loc, const struct date *lastmod)
{
	struct pageref	*p;

	pthread_mutex_lock(&c->lock);
	c->pages->v = xreallocarray(c->pages->v, c->pages->n + 1,
	    sizeof(*c->pages->v));
	p = &c->pages->v[c->pages->n++];
	memset(p, 0, sizeof(*p));
	p->loc = xstrdup(loc);
	if (lastmod != NULL) {
		p->lastmod = *lastmod;
		p->has_lastmod = 1;
	}
	pthread_mutex_unlock(&c->lock);
}

/* Write a file of the portal into the staging directory. */
static void
emit(struct rctx *c, const char *rel, const char *data, size_t len)
{
	counted(c, writefile(c->dir, rel, data, len));
}

/*
 * The reference of an item withheld or changed on a ground to the
 * ground's numbered note (ref.tpl), on a page with notes, whose
 * expansion numbers it (tmpl_expand_notes).
 */
static void
noteref(const struct rctx *c, struct tdict *d, size_t ground)
{
	if (c->notes)
		tmpl_set_int(tmpl_include(d, "REF", "ref.tpl"), "G",
		    (long)ground);
}

static void
marker(const struct rctx *c, struct tdict *d, size_t ground)
{
	struct tdict	*m;

	m = tmpl_include(d, "MARKER", "withheld.tpl");
	tmpl_set(m, "GROUND", theme_ground(c->s->pol, ground));
	noteref(c, m, ground);
}

/*
 * Fill in, the dictionary of body.tpl, with the body of a public record:
 * cmark's rendering in segments, each neutral marker that redaction left
 * ("<!--withheld:KEY-->", "<!--mark-->", "<!--/mark-->", or their spans
 * in a table cell) and each table drawn by the templates, and in alt
 * text or code the marker characters of a span as the withheld text.
 */
static void
body(const struct rctx *c, struct tdict *in, const struct record *r)
{
	const struct site	*s = c->s;
	struct tdict		*seg;
	struct buf		 b;
	static const char	 special[] = { '<', SPAN_MARK, '\0' };
	const char		*p, *q;
	char			*spilled;
	size_t			 g, n;
	enum neutral		 k;

	if ((p = htmlof(s, r, &spilled)) == NULL)
		return;
	memset(&b, 0, sizeof(b));
	while (*p != '\0') {
		seg = NULL;
		/* Markers and table tags begin with one of two bytes: the
		 * text up to the next is taken at once. */
		if (*p != '<' && *p != SPAN_MARK) {
			n = strcspn(p, special);
			buf_put(&b, p, n);
			p += n;
			continue;
		}
		if ((k = neutralat(s->pol, p, &q, &g)) == NEUTRAL_WITHHELD) {
			seg = tmpl_section(in, "SEG");
			marker(c, seg, g);
			p = q;
		} else if (k != NEUTRAL_NONE) {
			/* Internal readers see what the public version
			 * withholds. */
			seg = tmpl_section(in, "SEG");
			tmpl_set(tmpl_section(tmpl_include(seg, "MARK",
			    "mark.tpl"), k == NEUTRAL_CLOSE ? "CLOSE" : "OPEN"),
			    "GROUND", theme_str("marked"));
			p = q;
		} else if ((n = tabletag(p, &b)) > 0)
			p += n;
		else if (*p == SPAN_MARK && (q = strchr(p, SPAN_END)) !=
		    NULL) {
			if (p[1] == SPAN_W[0])
				buf_puts(&b, theme_withheld_text());
			p = q + 1;
		} else
			buf_putc(&b, *p++);
		if (seg != NULL) {
			/* The HTML before the marker comes first. */
			buf_putc(&b, '\0');
			tmpl_set(seg, "HTML", b.p);
			b.len = 0;
		}
	}
	if (b.len > 0) {
		buf_putc(&b, '\0');
		tmpl_set(tmpl_section(in, "SEG"), "HTML", b.p);
	}
	buf_free(&b);
	free(spilled);
}

/* The spans of a kept value: text, withheld spans, highlights. */
static void
spans(const struct rctx *c, struct tdict *d, const char *s)
{
	struct span	 sp;
	struct tdict	*x;
	char		*t;

	while ((s = span_next(s, &sp)) != NULL) {
		x = tmpl_section(d, "SPAN");
		switch (sp.kind) {
		case SPAN_TEXT:
			t = xstrndup(sp.p, sp.len);
			tmpl_set(tmpl_section(x, "T"), "V", t);
			free(t);
			break;
		case SPAN_WITHHELD:
			marker(c, tmpl_section(x, "W"), groundof(c->s->pol,
			    sp.p, sp.len));
			break;
		case SPAN_OPEN:
			tmpl_set(tmpl_section(x, "O"), "GROUND",
			    theme_str("marked"));
			break;
		case SPAN_CLOSE:
			tmpl_show(x, "C");
			break;
		}
	}
}

/*
 * Fill the include {{>name}} with a value: kept, changed by an operator
 * (pseudonym, mask, generalize), or withheld with the marker; and show
 * the section HAS_name when the record has the field at all.
 */
static void
field(const struct rctx *c, struct tdict *d, const char *name,
    const struct val *v, const char *tpl)
{
	struct tdict	*in, *sec;
	char		*has, *plain;

	in = tmpl_include(d, name, tpl);
	if (v->st == V_ABSENT)
		return;
	has = xasprintf("HAS_%s", name);
	tmpl_show(d, has);
	free(has);
	if (v->st == V_WITHHELD) {
		sec = tmpl_section(in, "WITHHELD");
		marker(c, sec, v->ground);
	} else if (v->op != OP_KEEP) {
		sec = tmpl_section(in, "CHANGED");
		tmpl_set(sec, "V", v->s);
		tmpl_set(sec, "GROUND", theme_ground(c->s->pol, v->ground));
		noteref(c, sec, v->ground);
	} else {
		/* Text with its spans (value.tpl), or plain (date.tpl). */
		sec = tmpl_section(in, "KEPT");
		plain = theme_plain(v);
		tmpl_set(sec, "V", plain);
		free(plain);
		spans(c, sec, v->s);
	}
}

static void
value(const struct rctx *c, struct tdict *d, const char *name,
    const struct val *v)
{
	field(c, d, name, v, "value.tpl");
}

static void
datev(const struct rctx *c, struct tdict *d, const char *name,
    const struct val *v)
{
	field(c, d, name, v, "date.tpl");
}

static void
yesno(const struct rctx *c, struct tdict *d, const char *name,
    const struct val *v)
{
	struct val	 t = *v;

	if (v->st == V_SET)
		t.s = (char *)theme_str(strcmp(v->s, "true") == 0 ?
		    "yes" : "no");
	else if (v->st == V_ABSENT) {
		t.st = V_SET;
		t.op = OP_KEEP;
		t.s = (char *)theme_str("no");
	}
	value(c, d, name, &t);
}

/*
 * The days a closed case took (section DURATION), from application to
 * decision and from decision to publication where its dates say so to
 * the day; each marked when beyond site.yaml's time limit.
 */
static void
duration(const struct config *cfg, struct tdict *d, const struct record *r)
{
	static const char *const label[] = { "dur_decision",
	    "dur_publication" };
	struct tdict	*sec = NULL, *k;
	size_t		 limit;
	long		 days;
	int		 i, late;

	if (r->st != STATUS_CLOSED)
		return;
	late = oversight_late(cfg, r);
	for (i = 0; i < 2; i++) {
		if ((days = oversight_days(r, i)) < 0)
			continue;
		if (sec == NULL) {
			sec = tmpl_section(d, "DURATION");
			k = tmpl_section(sec, "KIND");
		} else {
			k = tmpl_section(sec, "KIND");
			tmpl_show(k, "SEP");
		}
		tmpl_set(k, "LABEL", theme_str(label[i]));
		tmpl_set_int(k, "V", days);
		limit = i == 0 ? cfg->limit_decision : cfg->limit_publication;
		if (late & (1 << i))
			tmpl_set_int(tmpl_section(k, "BEYOND"), "LIMIT",
			    (long)limit);
	}
}

/*
 * The items of the declared list a case relied on (section BASIS): each
 * quoted with its source and linked to its page; a withheld one as the
 * policy shows it.
 */
static void
basis(const struct rctx *c, struct tdict *d, const struct record *r,
    const char *root)
{
	const struct ruleitem	*it;
	struct tdict		*sec = NULL, *item, *rule;
	char			*end, *href, *name;
	size_t			 i;
	long			 n;

	for (i = 0; i < r->nbasis; i++) {
		const struct val *v = &r->basis[i].item;

		if (v->st == V_ABSENT)
			continue;
		if (sec == NULL)
			sec = tmpl_section(d, "BASIS");
		item = tmpl_section(sec, "ITEM");
		n = v->st == V_SET ? strtol(v->s, &end, 10) : 0;
		if (v->st != V_SET || *end != '\0' ||
		    (it = rules_item(c->s->cfg->rules, n)) == NULL) {
			value(c, tmpl_section(item, "OTHER"), "V", v);
			continue;
		}
		rule = tmpl_section(item, "RULE");
		name = xasprintf("%s%ld%s", theme_str("rule_prefix"), n,
		    theme_str("rule_suffix"));
		href = xasprintf("%srules/%ld/index.html", root, n);
		tmpl_set(rule, "NAME", name);
		tmpl_set(rule, "HREF", href);
		tmpl_set(rule, "TEXT", it->text);
		tmpl_set(rule, "SOURCE", it->source);
		free(href);
		free(name);
	}
}

/* Links from a record to the pages of its terms: sections UNIT_HREF… */
static void
termlinks(const struct rctx *c, struct tdict *d, const struct record *r,
    const char *root)
{
	static const char *const sec[TAX__MAX] = {
		"YEAR_LINK", "UNIT_LINK", "CATEGORY_LINK", "OUTCOME_LINK"
	};
	struct tdict	*l;
	char		*dir, *href;
	size_t		 t;

	for (t = 0; t < TAX__MAX; t++) {
		if (!index_has_page(c->s, (enum tax)t, r->term[t]))
			continue;
		l = tmpl_section(d, sec[t]);
		dir = index_termdir(c->s, (enum tax)t, (size_t)r->term[t]);
		href = xasprintf("%s%sindex.html", root, dir);
		tmpl_set(l, "HREF", href);
		free(href);
		free(dir);
		dir = theme_termname(c->s, (enum tax)t, (size_t)r->term[t]);
		tmpl_set(l, "NAME", dir);
		free(dir);
	}
}

/* The first paragraph of the body as plain text, at most max characters. */
static char *
excerpt(const struct record *r, size_t max)
{
	static const char *const ends[] = { "。", "！", "？", "! ", "? ",
	    ". " };
	struct buf	 b;
	char		*plain;
	size_t		 i, k, chars, end;

	if (r->lead == NULL)
		return xstrdup("");
	plain = span_plain(r->lead, theme_withheld_text());
	memset(&b, 0, sizeof(b));
	buf_puts(&b, plain);
	free(plain);
	if (b.p == NULL)
		return xstrdup("");
	/* Cut at the end of the last sentence within max characters, or,
	 * when the first sentence is longer, at a character boundary. */
	for (i = 0, chars = 0, end = 0; i < b.len; i++) {
		if (((unsigned char)b.p[i] & 0xc0) == 0x80)
			continue;
		if (chars++ == max) {
			if (end > 0)
				b.len = end;
			else {
				b.len = i;
				b.p[i] = '\0';
				buf_puts(&b, "…");
			}
			b.p[b.len] = '\0';
			break;
		}
		for (k = 0; k < sizeof(ends) / sizeof(ends[0]); k++)
			if (b.p[i] == ends[k][0] &&
			    strncmp(b.p + i, ends[k], strlen(ends[k])) == 0)
				end = i + strlen(ends[k]);
	}
	return buf_take(&b);
}

/* The summary of a case for listings and feeds: its own, or an excerpt. */
char *
render_summary(const struct record *r)
{
	if (r->summary.st == V_SET)
		return theme_plain(&r->summary);
	return excerpt(r, 120);
}

/* Add what a case's card shows withheld to a page's counts. */
static void
cardcount(const struct rctx *c, const struct record *r, size_t *count)
{
	size_t	 g;

	if (count == NULL)
		return;
	for (g = 0; g < c->s->pol->ngrounds; g++)
		count[g] += r->oncard[CARD_HEAD][g] + (r->summary.st ==
		    V_SET ? r->oncard[CARD_SUMMARY][g] :
		    r->oncard[CARD_EXCERPT][g]);
}

/*
 * The notice of a listing page: how many items its cards show withheld,
 * and on which grounds (section NOTICE of list.tpl and home.tpl).
 */
static void
listnotice(const struct rctx *c, struct tdict *d, const size_t *count)
{
	struct tdict	*w, *g;
	size_t		 i, total = 0;

	for (i = 0; i < c->s->pol->ngrounds; i++)
		total += count[i];
	if (total == 0)
		return;
	w = tmpl_section(d, "NOTICE");
	tmpl_set_int(w, "COUNT", (long)total);
	for (i = 0; i < c->s->pol->ngrounds; i++) {
		if (count[i] == 0)
			continue;
		g = tmpl_section(w, "GROUND");
		tmpl_set(g, "TEXT", theme_ground(c->s->pol, i));
		tmpl_set_int(g, "COUNT", (long)count[i]);
	}
}

/*
 * That a case was corrected: section CORRECTED of d with the number of
 * its corrections (COUNT), the date of the last (DATE) and HREF, the
 * place of its corrections on the case's page.
 */
static void
corrected(const struct rctx *c, struct tdict *d, const struct record *r,
    const char *page)
{
	struct tdict	*sec;
	char		*href;
	size_t		 i, last = 0;

	if (r->nrevs == 0)
		return;
	for (i = 1; i < r->nrevs; i++)
		if (r->revs[i].date.st == V_SET &&
		    (r->revs[last].date.st != V_SET ||
		    strcmp(r->revs[i].date.s, r->revs[last].date.s) > 0))
			last = i;
	sec = tmpl_section(d, "CORRECTED");
	tmpl_set_int(sec, "COUNT", (long)r->nrevs);
	datev(c, sec, "DATE", &r->revs[last].date);
	href = xasprintf("%s#h-revisions", page);
	tmpl_set(sec, "HREF", href);
	free(href);
}

/*
 * A case as a compact row of a listing: its title, unit, outcome and
 * date on one line, but for the term the listing is of (tax, or -1).
 * What it shows withheld (its title) adds to count.
 */
static void
row(const struct rctx *c, struct tdict *d, const struct record *r,
    const char *root, int tax, size_t *count)
{
	struct tdict	*rd;
	char		*href;
	size_t		 g;

	rd = tmpl_include(d, "ROW", "row.tpl");
	href = xasprintf("%scases/%s/index.html", root, r->id.s);
	tmpl_set(rd, "HREF", href);
	tmpl_set(rd, "ID", r->id.s);
	value(c, rd, "TITLE", &r->title);
	if (tax != TAX_UNIT)
		value(c, rd, "UNIT", &r->unit);
	if (r->oc != OUTCOME_NONE && tax != TAX_OUTCOME) {
		tmpl_set(rd, "OUTCOME_CODE", outcome_names[r->oc]);
		tmpl_set(rd, "OUTCOME", theme_outcome(r->oc));
		tmpl_show(rd, "HAS_OUTCOME");
	}
	datev(c, rd, "PUBLISHED", &r->published);
	corrected(c, rd, r, href);
	free(href);
	for (g = 0; count != NULL && g < c->s->pol->ngrounds; g++)
		count[g] += r->oncard[CARD_HEAD][g];
}

/*
 * A case as a card in a listing.  Its title is a heading one level below
 * the listing's own (2 on a list page under its h1, 3 on the home page
 * under "newest cases"), so that no heading level is skipped.
 */
static void
card(const struct rctx *c, struct tdict *d, const struct record *r,
    const char *root, int level, size_t *count)
{
	struct tdict	*cd;
	char		*href, *sum;

	cd = tmpl_include(d, "CARD", "card.tpl");
	tmpl_show(cd, level == 2 ? "H2" : "H3");
	href = xasprintf("%scases/%s/index.html", root, r->id.s);
	tmpl_set(cd, "HREF", href);
	tmpl_set(cd, "ID", r->id.s);
	value(c, cd, "TITLE", &r->title);
	value(c, cd, "UNIT", &r->unit);
	value(c, cd, "CATEGORY", &r->category);
	if (r->oc != OUTCOME_NONE) {
		tmpl_set(cd, "OUTCOME_CODE", outcome_names[r->oc]);
		tmpl_set(cd, "OUTCOME", theme_outcome(r->oc));
		tmpl_show(cd, "HAS_OUTCOME");
	}
	datev(c, cd, "DECIDED", &r->decided);
	datev(c, cd, "PUBLISHED", &r->published);
	corrected(c, cd, r, href);
	sum = render_summary(r);
	if (*sum != '\0') {
		tmpl_set(cd, "SUMMARY", sum);
		tmpl_show(cd, "HAS_SUMMARY");
	}
	free(sum);
	free(href);
	cardcount(c, r, count);
}

/* Whether text (len bytes) holds a wide (East Asian) letter or digit:
 * Chinese, not a full-width mark alone. */
static int
haswide(const char *text, size_t len)
{
	const char	*cat;
	size_t		 i, w;
	uint32_t	 c;

	for (i = 0; i < len; i += w) {
		if ((unsigned char)text[i] < 0x80) {
			w = 1;
			continue;
		}
		c = utf8_get(text, len, i, &w);
		cat = utf8proc_category_string((utf8proc_int32_t)c);
		if (utf8proc_charwidth((utf8proc_int32_t)c) == 2 &&
		    (cat[0] == 'L' || cat[0] == 'N'))
			return 1;
	}
	return 0;
}

/* Whether the tag at p (after '<') is named name. */
static int
tagnamed(const char *p, const char *name)
{
	size_t	 n = strlen(name);

	return strncasecmp(p, name, n) == 0 && strchr(" \t\n/>", p[n]) !=
	    NULL;
}

/*
 * A page of a portal in another language than its content: each run of
 * text with Chinese in it is marked as such (a span, a tspan in an SVG
 * text), so that a screen reader reads it in Chinese.  Text that can
 * hold no markup (title, option, script, style, textarea) and other SVG
 * text stay as they are.
 */
static void
langmark(struct buf *html, const char *lang)
{
	static const char *const raw[] = {
		"title", "option", "script", "style", "textarea"
	};
	struct buf	 b;
	const char	*p = html->p, *end = html->p + html->len, *q, *t;
	char		 close[16];
	int		 svg = 0, intext = 0;
	size_t		 i;

	memset(&b, 0, sizeof(b));
	while (p < end) {
		if (*p == '<') {
			/* A tag, or a comment, whole. */
			if (strncmp(p, "<!--", 4) == 0 &&
			    (q = strstr(p, "-->")) != NULL)
				q += 3;
			else {
				for (q = p + 1; q < end && *q != '>'; q++)
					if (*q == '"' || *q == '\'') {
						t = memchr(q + 1, *q,
						    (size_t)(end - q - 1));
						q = t != NULL ? t : end - 1;
					}
				q = q < end ? q + 1 : end;
			}
			if (tagnamed(p + 1, "svg"))
				svg = 1;
			else if (tagnamed(p + 1, "/svg"))
				svg = 0;
			intext = tagnamed(p + 1, "text") ||
			    tagnamed(p + 1, "tspan");
			buf_put(&b, p, (size_t)(q - p));
			for (i = 0; i < sizeof(raw) / sizeof(raw[0]); i++)
				if (tagnamed(p + 1, raw[i]))
					break;
			p = q;
			if (i < sizeof(raw) / sizeof(raw[0])) {
				/* Its text as it is, to its end tag. */
				snprintf(close, sizeof(close), "</%s",
				    raw[i]);
				q = strcasestr(p, close);
				q = q != NULL ? q : end;
				buf_put(&b, p, (size_t)(q - p));
				p = q;
			}
			continue;
		}
		q = memchr(p, '<', (size_t)(end - p));
		q = q != NULL ? q : end;
		if (haswide(p, (size_t)(q - p)) && (!svg || intext)) {
			buf_printf(&b, "<%s lang=\"%s\">", svg ? "tspan" :
			    "span", lang);
			buf_put(&b, p, (size_t)(q - p));
			buf_puts(&b, svg ? "</tspan>" : "</span>");
		} else
			buf_put(&b, p, (size_t)(q - p));
		p = q;
	}
	buf_free(html);
	*html = b;
}

/* The site's registration numbers, at the foot of every page; the ICP
 * number links to the record office but on the 404 page. */
static void
registry(struct tdict *d, const struct config *cfg, int notfound)
{
	struct tdict	*r, *icp;

	if (cfg->site_code == NULL && cfg->icp == NULL &&
	    cfg->police_record == NULL)
		return;
	r = tmpl_section(d, "REGISTRY");
	if (cfg->site_code != NULL)
		tmpl_set(tmpl_section(r, "SITE_CODE"), "V", cfg->site_code);
	if (cfg->icp != NULL) {
		icp = tmpl_section(r, "ICP");
		tmpl_set(icp, "V", cfg->icp);
		/* The 404 page links only to the portal. */
		if (!notfound)
			tmpl_show(icp, "LINK");
	}
	if (cfg->police_record != NULL)
		tmpl_set(tmpl_section(r, "POLICE_RECORD"), "V",
		    cfg->police_record);
}

/*
 * The section of the main navigation that the page at rel is in, as
 * NAV_<SECTION> with aria-current: "page" on the section's own page,
 * "true" on the pages under it (a case, a year, a page of a listing).
 */
static void
navmark(struct tdict *d, const char *rel)
{
	static const struct { const char *dir, *sec; } nav[] = {
		{ "cases/", "NAV_CASES" }, { "years/", "NAV_YEARS" },
		{ "units/", "NAV_UNITS" }, { "categories/", "NAV_CATEGORIES" },
		{ "outcomes/", "NAV_OUTCOMES" }, { "stats/", "NAV_STATS" },
		{ "oversight/", "NAV_OVERSIGHT" }, { "rules/", "NAV_OVERSIGHT" },
		{ "search/", "NAV_SEARCH" }
	};
	size_t	 i, n;

	if (strcmp(rel, "index.html") == 0) {
		tmpl_set(tmpl_section(d, "NAV_HOME"), "V", "page");
		return;
	}
	for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		n = strlen(nav[i].dir);
		if (strncmp(rel, nav[i].dir, n) == 0) {
			tmpl_set(tmpl_section(d, nav[i].sec), "V",
			    strcmp(rel + n, "index.html") == 0 &&
			    strcmp(nav[i].dir, "rules/") != 0 ? "page" :
			    "true");
			return;
		}
	}
}

/*
 * Put content into the layout and write the page at rel.  feed is the
 * directory of the page's feeds from the root ("" for the main feeds,
 * NULL for none).
 */
static void
page_as(struct rctx *c, const char *rel, const char *title,
    const char *description, const char *canonical, const char *feed,
    const char *feedtitle, const struct buf *content, int notfound,
    const struct date *lastmod, const char *id, const char *digest,
    const unsigned char *key)
{
	struct tdict	*d, *sec;
	struct buf	 out;
	unsigned char	 h[32];
	char		*root, *full;
	int		 ok;

	memset(&out, 0, sizeof(out));
	/*
	 * 404.html answers for any missing URL, at any depth, and is opened
	 * from file:// too: its links are absolute (to base_url), its style
	 * inline, and it has no <base>, which would send its skip link and
	 * fragments to the home page.
	 */
	root = notfound ? xstrdup(c->s->cfg->base_url) : rootof(rel);
	d = tmpl_dict_new("layout");
	tmpl_set(d, "ROOT", root);
	navmark(d, rel);
	registry(d, c->s->cfg, notfound);
	tmpl_set(d, "PAGE_TITLE", title);
	tmpl_set(d, "CONTENT", content->p == NULL ? "" : content->p);
	if (canonical != NULL) {
		full = xasprintf("%s%s", c->s->cfg->base_url, canonical);
		sec = tmpl_section(d, "CANONICAL");
		tmpl_set(sec, "HREF", full);
		free(full);
		remember(c, canonical, lastmod);
	}
	if (description != NULL && *description != '\0') {
		sec = tmpl_section(d, "DESCRIPTION");
		tmpl_set(sec, "TEXT", description);
	}
	if (feed != NULL) {
		sec = tmpl_section(d, "FEED");
		tmpl_set(sec, "DIR", feed);
		tmpl_set(sec, "TITLE", feedtitle);
	}
	if (id != NULL)
		tmpl_set(tmpl_section(d, "CASE"), "ID", id);
	if (digest != NULL)
		tmpl_set(tmpl_section(d, "DIGEST"), "V", digest);
	/* On 404.html, ROOT is base_url: its stylesheet is found at any
	 * depth, and no style is inline (a Content-Security-Policy may
	 * forbid it). */
	tmpl_show(d, "STYLESHEET");
	if (!tmpl_expand("layout.tpl", d, &out)) {
		diag_error(rel, (struct pos){ 0, 0 }, "layout.tpl: cannot "
		    "expand");
		counted(c, 0);
	} else {
		if (strcmp(c->s->cfg->language, "zh-CN") != 0)
			langmark(&out, "zh-CN");
		if (key == NULL)
			emit(c, rel, out.p, out.len);
		else {
			ok = writefile_as(c->dir, rel, out.p, out.len, h);
			counted(c, ok);
			if (ok)
				c->s->memo->put(c->s->memo->arg, key, h);
		}
	}
	tmpl_dict_free(d);
	buf_free(&out);
	free(root);
}

static void
page(struct rctx *c, const char *rel, const char *title,
    const char *description, const char *canonical, const char *feed,
    const char *feedtitle, const struct buf *content, int notfound,
    const struct date *lastmod, const char *id, const char *digest)
{
	page_as(c, rel, title, description, canonical, feed, feedtitle,
	    content, notfound, lastmod, id, digest, NULL);
}

/* Expand a page's own template into content. */
static int
expand(struct rctx *c, const char *tpl, struct tdict *d, struct buf *out)
{
	if (tmpl_expand(tpl, d, out))
		return 1;
	diag_error(tpl, (struct pos){ 0, 0 }, "cannot expand");
	counted(c, 0);
	return 0;
}

/*
 * The notice of a case's page: how many items were withheld, and one
 * numbered note per ground (n has one per policy ground), in the order
 * of the numbers the page's references got, each with a link back to
 * its first reference.
 * A ground the page counts but refers to nowhere (a value in alt text or
 * code, which a reference cannot follow) gets the next numbers, in the
 * policy's order, with no link back.
 */
static void
withheldnote(const struct rctx *c, struct tdict *d, const struct record *r,
    struct notes *n)
{
	struct tdict	*w, *g;
	size_t		*by, i, k;

	if (r->nwithheld == 0 && n->next == 0)
		return;
	w = tmpl_section(d, "WITHHELD_NOTE");
	tmpl_set_int(w, "COUNT", (long)r->nwithheld);
	for (i = 0; i < n->n; i++)
		if (n->num[i] == 0 && r->withheld[i] > 0)
			n->num[i] = ++n->next;
	by = xcalloc(n->next, sizeof(*by));
	for (i = 0; i < n->n; i++)
		if (n->num[i] > 0)
			by[n->num[i] - 1] = i;
	for (k = 0; k < n->next; k++) {
		i = by[k];
		g = tmpl_section(w, "GROUND");
		tmpl_set_int(g, "N", (long)k + 1);
		tmpl_set(g, "TEXT", theme_ground(c->s->pol, i));
		tmpl_set_int(g, "COUNT", (long)r->withheld[i]);
		if (n->first[i] > 0)
			tmpl_set_int(tmpl_section(g, "BACK"), "REF",
			    (long)n->first[i]);
	}
	free(by);
}

static void
person(const struct rctx *c, struct tdict *d, const struct person *p)
{
	value(c, d, "NAME", &p->name);
	value(c, d, "POSITION", &p->position);
	value(c, d, "ID_NUMBER", &p->id_number);
	value(c, d, "PHONE", &p->phone);
	value(c, d, "EMAIL", &p->email);
	value(c, d, "ADDRESS", &p->address);
}

static void
contact(const struct rctx *c, struct tdict *d)
{
	const struct config	*cfg = c->s->cfg;
	struct tdict		*sec;

	sec = tmpl_section(d, "CONTACT");
	if (cfg->contact_email != NULL)
		tmpl_set(tmpl_section(sec, "EMAIL"), "V", cfg->contact_email);
	if (cfg->contact_url != NULL)
		tmpl_set(tmpl_section(sec, "URL"), "V", cfg->contact_url);
	if (cfg->contact_phone != NULL)
		tmpl_set(tmpl_section(sec, "PHONE"), "V", cfg->contact_phone);
}

/* The place of r among the cases, or SIZE_MAX (a tombstone). */
static size_t
caseplace(const struct rctx *c, const struct record *r)
{
	struct casepos	 key, *p;

	key.r = r;
	p = bsearch(&key, c->pos, c->s->ncases, sizeof(*c->pos), poscmp);
	return p != NULL ? p->i : SIZE_MAX;
}

/* A link to a case from root: section sec of d, with HREF and TITLE. */
static void
caselink(const struct rctx *c, struct tdict *d, const char *sec,
    const struct record *r, const char *root)
{
	struct tdict	*l = tmpl_section(d, sec);
	char		*href;

	href = xasprintf("%scases/%s/index.html", root, r->id.s);
	tmpl_set(l, "HREF", href);
	tmpl_set(l, "ID", r->id.s);
	free(href);
	/* Plain: the notice of this page counts this case's markers. */
	(void)c;
	href = theme_plain(&r->title);
	tmpl_set(l, "TITLE", href);
	free(href);
}

/*
 * The cases a case's page links to: the previous (older) and the next
 * (newer) case, or NULL, and up to five other cases of the same unit,
 * newest first; their number.
 */
#define RELATED	7

static size_t
relatedof(const struct rctx *c, const struct record *r,
    const struct record **v)
{
	const struct site	*s = c->s;
	const struct term	*tm;
	size_t			 at, i, n = 2;

	v[0] = v[1] = NULL;
	if ((at = caseplace(c, r)) == SIZE_MAX)
		return 0;
	if (at + 1 < s->ncases)
		v[0] = s->cases[at + 1];
	if (at > 0)
		v[1] = s->cases[at - 1];
	if (!index_has_page(s, TAX_UNIT, r->term[TAX_UNIT]))
		return n;
	tm = &s->tax[TAX_UNIT].terms[r->term[TAX_UNIT]];
	for (i = 0; i < tm->nrecs && n < RELATED; i++)
		if (tm->recs[i] != r && tm->recs[i]->st == STATUS_CLOSED)
			v[n++] = tm->recs[i];
	return n;
}

static void
related(const struct rctx *c, struct tdict *d, const struct record *r,
    const char *root)
{
	const struct record	*v[RELATED];
	size_t			 i, n;

	n = relatedof(c, r, v);
	if (n > 0 && v[0] != NULL)
		caselink(c, d, "PREV_CASE", v[0], root);
	if (n > 1 && v[1] != NULL)
		caselink(c, d, "NEXT_CASE", v[1], root);
	for (i = 2; i < n; i++) {
		if (i == 2)
			tmpl_show(d, "HAS_SAME_UNIT");
		caselink(c, d, "SAME_UNIT", v[i], root);
	}
}

/*
 * The key of the page of r, made before, with a memo: of r's public form
 * (its src, the key of its redaction), of the cases it links to, and of
 * which of its terms have a page; the memo adds the templates.  0 when
 * there is no memo or no key.
 */
static int
casekey(const struct rctx *c, const struct record *r, unsigned char *key)
{
	static const unsigned char	 none[32];	/* no neighbour */
	crypto_generichash_state	 st;
	const struct record		*v[RELATED];
	unsigned char			 has[TAX__MAX];
	size_t				 i, n;

	if (c->s->memo == NULL || zero32(r->src))
		return 0;
	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, r->src, 32);
	n = relatedof(c, r, v);
	for (i = 0; i < n; i++) {
		if (v[i] != NULL && zero32(v[i]->src))
			return 0;
		crypto_generichash_update(&st, v[i] != NULL ? v[i]->src :
		    none, 32);
	}
	crypto_generichash_update(&st, (const unsigned char *)"|", 1);
	for (i = 0; i < TAX__MAX; i++)
		has[i] = (unsigned char)index_has_page(c->s, (enum tax)i,
		    r->term[i]);
	crypto_generichash_update(&st, has, sizeof(has));
	crypto_generichash_final(&st, key, 32);
	return 1;
}

/*
 * Expand the page of a case with its notes: once to number the grounds
 * in the order the page refers to them, then, when it has a notice, once
 * more with the notice, whose notes follow those numbers.
 */
static int
notespage(struct rctx *c, const char *tpl, struct tdict *d,
    const struct record *r, struct buf *out)
{
	struct notes	 n;
	int		 ok;

	memset(&n, 0, sizeof(n));
	n.n = c->s->pol->ngrounds;
	n.num = xcalloc(n.n, sizeof(*n.num));
	n.first = xcalloc(n.n, sizeof(*n.first));
	ok = tmpl_expand_notes(tpl, d, &n, out);
	if (ok && (r->nwithheld > 0 || n.next > 0)) {
		withheldnote(c, d, r, &n);
		out->len = 0;
		ok = tmpl_expand_notes(tpl, d, &n, out);
	}
	free(n.num);
	free(n.first);
	if (ok)
		return 1;
	diag_error(tpl, (struct pos){ 0, 0 }, "cannot expand");
	counted(c, 0);
	return 0;
}

/* The page of one case, or the tombstone of a withdrawn one. */
static void
casepage(struct rctx *c, const struct record *r)
{
	struct tdict	*d, *sec;
	struct rctx	 f;
	struct buf	 content;
	char		*rel, *root, *canon, *sum, *link, *title;
	char		 short12[13];
	struct date	 lastmod;
	unsigned char	 key[32], h[32];
	size_t		 i;
	int		 keyed;

	rel = xasprintf("cases/%s/index.html", r->id.s);
	canon = xasprintf("cases/%s/", r->id.s);
	/* The page as made before, of all that it shows, and published. */
	if ((keyed = casekey(c, r, key)) &&
	    c->s->memo->get(c->s->memo->arg, key, h) &&
	    writelink(c->dir, rel, h)) {
		lastmod = record_lastmod(r);
		remember(c, canon, &lastmod);
		counted(c, 1);
		c->s->memo->hit(c->s->memo->arg, PAGE_CASE, 1);
		free(rel);
		free(canon);
		return;
	}
	/* Its values refer to the notes of the page. */
	memset(&f, 0, sizeof(f));
	f.s = c->s;
	f.notes = 1;
	memset(&content, 0, sizeof(content));
	root = rootof(rel);
	d = tmpl_dict_new("case");
	tmpl_set(d, "ROOT", root);
	tmpl_set(d, "ID", r->id.s);
	link = xasprintf("%s%s", c->s->cfg->base_url, canon);
	tmpl_set(d, "PERMALINK", link);
	free(link);
	value(&f, d, "TITLE", &r->title);
	value(&f, d, "UNIT", &r->unit);
	value(&f, d, "CATEGORY", &r->category);
	value(&f, d, "SUMMARY", &r->summary);
	termlinks(c, d, r, root);
	if (r->oc != OUTCOME_NONE) {
		tmpl_set(d, "OUTCOME_CODE", outcome_names[r->oc]);
		tmpl_show(d, "HAS_OUTCOME_CODE");
	}
	{
		struct val	 o = r->outcome;

		if (o.st == V_SET)
			o.s = (char *)theme_outcome(r->oc);
		value(&f, d, "OUTCOME", &o);
	}
	datev(&f, d, "DECIDED", &r->decided);
	datev(&f, d, "PUBLISHED", &r->published);
	datev(&f, d, "WITHDRAWN_DATE", &r->withdrawn_date);
	value(&f, d, "WITHDRAWN_REASON", &r->withdrawn_reason);
	yesno(&f, d, "THIRD_PARTY_REVIEW", &r->third_party_review);
	yesno(&f, d, "HEARING", &r->hearing);
	duration(c->s->cfg, d, r);
	basis(&f, d, r, root);
	if (r->has_subject) {
		sec = tmpl_section(d, "SUBJECT");
		person(&f, sec, &r->subject);
	}
	for (i = 0; i < r->nwitnesses; i++) {
		if (i == 0)
			tmpl_show(d, "HAS_WITNESSES");
		person(&f, tmpl_section(d, "WITNESS"), &r->witnesses[i]);
	}
	for (i = 0; i < r->nparties; i++) {
		if (i == 0)
			tmpl_show(d, "HAS_PARTIES");
		sec = tmpl_section(d, "PARTY");
		value(&f, sec, "NAME", &r->parties[i].name);
		value(&f, sec, "CREDIT_CODE", &r->parties[i].credit_code);
		value(&f, sec, "PHONE", &r->parties[i].phone);
		value(&f, sec, "EMAIL", &r->parties[i].email);
		value(&f, sec, "ADDRESS", &r->parties[i].address);
	}
	if (r->has_factors)
		tmpl_show(d, "HAS_FACTORS");
	if (r->has_factors)
		for (i = 0; i < FACTOR__MAX; i++) {
			sec = tmpl_section(d, "FACTOR");
			tmpl_set(sec, "LABEL", theme_factor((enum factor)i));
			value(&f, sec, "V", &r->factors[i]);
		}
	for (i = 0; i < r->nsteps; i++) {
		if (i == 0)
			tmpl_show(d, "HAS_STEPS");
		sec = tmpl_section(d, "STEP");
		value(&f, sec, "STEP", &r->steps[i].step);
		datev(&f, sec, "DATE", &r->steps[i].date);
		value(&f, sec, "NOTE", &r->steps[i].note);
	}
	for (i = 0; i < r->nrevs; i++) {
		if (i == 0)
			tmpl_show(d, "HAS_REVISIONS");
		sec = tmpl_section(d, "REVISION");
		datev(&f, sec, "DATE", &r->revs[i].date);
		value(&f, sec, "NOTE", &r->revs[i].note);
	}
	if (record_hasbody(r)) {
		body(&f, tmpl_include(d, "BODY", "body.tpl"), r);
		tmpl_show(d, "HAS_BODY");
	} else if (r->body.st == V_WITHHELD) {
		sec = tmpl_section(d, "BODY_WITHHELD");
		marker(&f, sec, r->body.ground);
	}
	/* Plain: its date stands in a link, where a note's link cannot. */
	corrected(c, d, r, "");
	related(c, d, r, root);
	if (r->digest != NULL) {
		sec = tmpl_section(d, "DIGEST");
		tmpl_set(sec, "FULL", r->digest);
		snprintf(short12, sizeof(short12), "%s", r->digest);
		tmpl_set(sec, "SHORT", short12);
	}
	contact(c, d);
	lastmod = record_lastmod(r);
	sum = render_summary(r);
	title = theme_plain(&r->title);
	if (notespage(c, r->st == STATUS_WITHDRAWN ? "tombstone.tpl" :
	    "case.tpl", d, r, &content))
		page_as(c, rel, title, sum, canon, NULL, NULL, &content, 0,
		    &lastmod, r->id.s, r->digest, keyed ? key : NULL);
	free(title);
	free(sum);
	tmpl_dict_free(d);
	buf_free(&content);
	free(rel);
	free(root);
	free(canon);
}

/* The pager of a listing: previous, numbered pages, next. */
static void
pager(struct tdict *d, const char *dir, size_t pg, size_t npages,
    const char *root)
{
	struct tdict	*p, *it;
	char		*href;
	size_t		 i;

	if (npages < 2)
		return;
	p = tmpl_section(d, "PAGER");
	tmpl_set_int(p, "PAGE", (long)pg);
	tmpl_set_int(p, "PAGES", (long)npages);
	for (i = 1; i <= npages; i++) {
		/* The first and the last page and two on each side of this
		 * one; a gap for the others, so that a page does not grow
		 * with the number of pages. */
		if (i > 1 && i + 2 < pg) {
			tmpl_show(tmpl_section(p, "N"), "GAP");
			i = pg - 3;
			continue;
		}
		if (i > pg + 2 && i < npages) {
			tmpl_show(tmpl_section(p, "N"), "GAP");
			i = npages - 1;
			continue;
		}
		href = i == 1 ? xasprintf("%s%sindex.html", root, dir) :
		    xasprintf("%s%spage/%zu/index.html", root, dir, i);
		if (i == pg - 1)
			tmpl_set(tmpl_section(p, "PREV"), "HREF", href);
		if (i == pg + 1)
			tmpl_set(tmpl_section(p, "NEXT"), "HREF", href);
		it = tmpl_section(p, "N");
		tmpl_set_int(it, "NUM", (long)i);
		if (i == pg)
			tmpl_show(it, "CURRENT");
		else
			tmpl_set(tmpl_section(it, "OTHER"), "HREF", href);
		free(href);
	}
}

/*
 * A paginated listing of cases under dir ("cases/", "units/fagai/"),
 * with its feeds when it has some.
 */
static void
listing(struct rctx *c, const char *dir, const char *heading,
    const char *about, struct record *const *recs, size_t n, int feeds,
    int tax)
{
	const size_t	 per = c->s->cfg->per_page;
	size_t		 npages = n == 0 ? 1 : (n + per - 1) / per;
	size_t		 pg;
	struct listpage	*l;

	c->lists = xreallocarray(c->lists, c->nlists + npages,
	    sizeof(*c->lists));
	for (pg = 1; pg <= npages; pg++) {
		l = &c->lists[c->nlists++];
		l->dir = xstrdup(dir);
		l->heading = xstrdup(heading);
		l->about = about;
		l->recs = recs;
		l->n = n;
		l->feeds = feeds;
		l->tax = tax;
		l->pg = pg;
		l->npages = npages;
	}
}

/* Render page i of the listings (a task of the pool). */
/*
 * The key of a page of a listing, of all that it shows: where it is, its
 * heading, feeds and page numbers, and the cases it lists (their src,
 * the keys of their public forms, which hold site.yaml).  0 when there
 * is no memo, or a case has no key.
 */
static int
listkey(const struct rctx *c, const struct listpage *l, const char *rel,
    unsigned char *key)
{
	crypto_generichash_state	 st;
	const size_t			 per = c->s->cfg->per_page;
	unsigned long long		 v[6];
	size_t				 k;

	/* A listing of no case has no key: what it shows of site.yaml is
	 * in no case's. */
	if (c->s->memo == NULL || l->n == 0)
		return 0;
	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)"list", 5);
	crypto_generichash_update(&st, (const unsigned char *)rel,
	    strlen(rel) + 1);
	crypto_generichash_update(&st, (const unsigned char *)l->heading,
	    strlen(l->heading) + 1);
	if (l->about != NULL)
		crypto_generichash_update(&st, (const unsigned char *)l->about,
		    strlen(l->about) + 1);
	v[0] = l->n;
	v[1] = (unsigned long long)l->feeds;
	v[2] = (unsigned long long)(long long)l->tax;
	v[3] = l->pg;
	v[4] = l->npages;
	v[5] = per;
	crypto_generichash_update(&st, (const unsigned char *)v, sizeof(v));
	for (k = (l->pg - 1) * per; k < l->n && k < l->pg * per; k++) {
		if (zero32(l->recs[k]->src))
			return 0;
		crypto_generichash_update(&st, l->recs[k]->src, 32);
	}
	crypto_generichash_final(&st, key, 32);
	return 1;
}

static void
listone(void *arg, size_t i, int worker)
{
	struct rctx		*c = arg;
	const struct listpage	*l = &c->lists[i];
	const size_t		 per = c->s->cfg->per_page;
	const size_t		 pg = l->pg, n = l->n;
	size_t			 k, *count;
	struct tdict		*d, *sec;
	struct buf		 content;
	char			*rel, *root, *title, *feedtitle, *canon;
	unsigned char		 key[32], h[32];
	int			 keyed;

	(void)worker;
	rel = pg == 1 ? xasprintf("%sindex.html", l->dir) :
	    xasprintf("%spage/%zu/index.html", l->dir, pg);
	canon = pg == 1 ? xstrdup(l->dir) : xasprintf("%spage/%zu/", l->dir,
	    pg);
	/* The page as made before, of all that it shows, and published. */
	if ((keyed = listkey(c, l, rel, key)) &&
	    c->s->memo->get(c->s->memo->arg, key, h) &&
	    writelink(c->dir, rel, h)) {
		remember(c, canon, NULL);
		counted(c, 1);
		c->s->memo->hit(c->s->memo->arg, PAGE_LIST, 1);
		free(rel);
		free(canon);
		return;
	}
	if (keyed)
		c->s->memo->hit(c->s->memo->arg, PAGE_LIST, 0);
	feedtitle = xasprintf("%s - %s", c->s->cfg->title, l->heading);
	memset(&content, 0, sizeof(content));
	root = rootof(rel);
	d = tmpl_dict_new("list");
	tmpl_set(d, "ROOT", root);
	tmpl_set(d, "HEADING", l->heading);
	if (l->about != NULL)
		tmpl_set(tmpl_section(d, "ABOUT"), "V", l->about);
	tmpl_set_int(d, "COUNT", (long)n);
	if (l->feeds) {
		sec = tmpl_section(d, "FEEDS");
		tmpl_set(sec, "DIR", l->dir);
	}
	count = xcalloc(c->s->pol->ngrounds, sizeof(*count));
	for (k = (pg - 1) * per; k < n && k < pg * per; k++)
		row(c, tmpl_section(d, "CASE"), l->recs[k], root, l->tax,
		    count);
	listnotice(c, d, count);
	free(count);
	if (n == 0)
		tmpl_show(d, "EMPTY");
	pager(d, l->dir, pg, l->npages, root);
	title = pg == 1 ? xstrdup(l->heading) : xasprintf("%s (%s%zu%s)",
	    l->heading, theme_str("page_prefix"), pg,
	    theme_str("page_suffix"));
	if (expand(c, "list.tpl", d, &content))
		page_as(c, rel, title, NULL, canon, l->feeds ? l->dir : NULL,
		    feedtitle, &content, 0, NULL, NULL, NULL,
		    keyed ? key : NULL);
	free(canon);
	free(title);
	tmpl_dict_free(d);
	buf_free(&content);
	free(rel);
	free(root);
	free(feedtitle);
}

static const char *const taxkeys[TAX__MAX] = {
	"years", "units", "categories", "outcomes"
};

/* The index of a taxonomy (years/, units/, …) and a listing per term. */
static void
taxonomy(struct rctx *c, enum tax t)
{
	const struct taxonomy	*tx = &c->s->tax[t];
	struct tdict		*d, *sec;
	struct buf		 content;
	char			*rel, *root, *dir, *name, *href;
	size_t			 i, k;

	memset(&content, 0, sizeof(content));
	rel = xasprintf("%s/index.html", index_taxname(t));
	root = rootof(rel);
	d = tmpl_dict_new("terms");
	tmpl_set(d, "ROOT", root);
	tmpl_set(d, "HEADING", theme_str(taxkeys[t]));
	for (i = 0; i < tx->nterms; i++) {
		if (!index_has_page(c->s, t, (long)i))
			continue;
		sec = tmpl_section(d, "TERM");
		name = theme_termname(c->s, t, i);
		dir = index_termdir(c->s, t, i);
		href = xasprintf("%s%sindex.html", root, dir);
		tmpl_set(sec, "NAME", name);
		tmpl_set(sec, "HREF", href);
		tmpl_set_int(sec, "COUNT", (long)tx->terms[i].nrecs);
		for (k = 0; k < OUTCOME__MAX; k++) {
			struct tdict *o = tmpl_section(sec, "OUTCOME");

			tmpl_set(o, "CODE", outcome_names[k]);
			tmpl_set(o, "LABEL", theme_outcome((enum outcome)k));
			tmpl_set_int(o, "COUNT", (long)tx->terms[i].count[k]);
		}
		listing(c, dir, name, NULL, tx->terms[i].recs,
		    tx->terms[i].nrecs, 1, (int)t);
		free(href);
		free(dir);
		free(name);
	}
	if (expand(c, "terms.tpl", d, &content)) {
		dir = xasprintf("%s/", index_taxname(t));
		page(c, rel, theme_str(taxkeys[t]), NULL, dir, NULL, NULL,
		    &content, 0, NULL, NULL, NULL);
		free(dir);
	}
	tmpl_dict_free(d);
	buf_free(&content);
	free(rel);
	free(root);
}

static void
home(struct rctx *c)
{
	const struct site	*s = c->s;
	struct tdict		*d, *sec;
	struct buf		 content;
	char			*intro, *name, *dir;
	size_t			 i, t, k, *count;

	memset(&content, 0, sizeof(content));
	d = tmpl_dict_new("home");
	tmpl_set(d, "ROOT", "");
	if (s->cfg->intro != NULL) {
		intro = sitemd(s, s->cfg->intro);
		tmpl_set(d, "INTRO", intro);
		free(intro);
	}
	tmpl_set_int(d, "TOTAL", (long)s->ncases);
	for (k = 0; k < OUTCOME__MAX; k++) {
		size_t n = s->tax[TAX_OUTCOME].terms[k].nrecs;

		sec = tmpl_section(d, "OUTCOME");
		tmpl_set(sec, "CODE", outcome_names[k]);
		tmpl_set(sec, "LABEL", theme_outcome((enum outcome)k));
		tmpl_set_int(sec, "COUNT", (long)n);
		tmpl_set_int(sec, "PERCENT", s->ncases == 0 ? 0 :
		    (long)((n * 100 + s->ncases / 2) / s->ncases));
	}
	count = xcalloc(s->pol->ngrounds, sizeof(*count));
	for (i = 0; i < s->ncases && i < 10; i++)
		card(c, tmpl_section(d, "CASE"), s->cases[i], "", 3, count);
	listnotice(c, d, count);
	free(count);
	for (t = 0; t < TAX__MAX; t++) {
		sec = tmpl_section(d, "BROWSE");
		tmpl_set(sec, "HEADING", theme_str(taxkeys[t]));
		dir = xasprintf("%s/index.html", index_taxname((enum tax)t));
		tmpl_set(sec, "HREF", dir);
		free(dir);
		for (i = 0; i < s->tax[t].nterms; i++) {
			struct tdict *tm;

			if (!index_has_page(s, (enum tax)t, (long)i))
				continue;
			tm = tmpl_section(sec, "TERM");
			name = theme_termname(s, (enum tax)t, i);
			dir = index_termdir(s, (enum tax)t, i);
			tmpl_set(tm, "NAME", name);
			tmpl_set(tm, "DIR", dir);
			tmpl_set_int(tm, "COUNT",
			    (long)s->tax[t].terms[i].nrecs);
			free(name);
			free(dir);
		}
	}
	if (expand(c, "home.tpl", d, &content))
		page(c, "index.html", theme_str("home"),
		    s->cfg->description, "", "", s->cfg->title, &content, 0,
		    NULL, NULL, NULL);
	tmpl_dict_free(d);
	buf_free(&content);
}

/*
 * A page of its own section, NAME/index.html, of NAME.tpl: stats/,
 * oversight/.  fill fills its dictionary.
 */
static void
sectionpage(struct rctx *c, const char *name,
    void (*fill)(const struct site *, struct tdict *))
{
	struct tdict	*d;
	struct buf	 content;
	char		*tpl, *rel, *dir;

	memset(&content, 0, sizeof(content));
	tpl = xasprintf("%s.tpl", name);
	rel = xasprintf("%s/index.html", name);
	dir = xasprintf("%s/", name);
	d = tmpl_dict_new(name);
	tmpl_set(d, "ROOT", "../");
	fill(c->s, d);
	if (expand(c, tpl, d, &content))
		page(c, rel, theme_str(name), NULL, dir, NULL, NULL, &content,
		    0, NULL, NULL, NULL);
	tmpl_dict_free(d);
	buf_free(&content);
	free(dir);
	free(rel);
	free(tpl);
}

/*
 * rules/index.html, the declared list: each item with its source, the
 * dates it is valid and the cases that relied on it (a listing of them
 * each, rules/N/, with its feeds); then the red lines.
 */
static void
rulespage(struct rctx *c)
{
	const struct rules	*rl = c->s->cfg->rules;
	struct tdict		*d, *sec;
	struct buf		 content;
	char			*dir, *heading;
	size_t			 i;

	if (rl == NULL)
		return;
	memset(&content, 0, sizeof(content));
	d = tmpl_dict_new("rules");
	tmpl_set(d, "ROOT", "../");
	for (i = 0; i < rl->nitems; i++) {
		const struct term *tm = &c->s->rules[i];

		sec = tmpl_section(d, "ITEM");
		dir = xasprintf("rules/%s/", tm->slug);
		tmpl_set(sec, "NAME", tm->name);
		tmpl_set(sec, "SLUG", tm->slug);
		tmpl_set(sec, "TEXT", rl->items[i].text);
		tmpl_set(sec, "SOURCE", rl->items[i].source);
		tmpl_set(sec, "FROM", rl->items[i].from_s);
		if (rl->items[i].to_s != NULL)
			tmpl_set(tmpl_section(sec, "TO"), "V",
			    rl->items[i].to_s);
		tmpl_set_int(sec, "COUNT", (long)tm->nrecs);
		heading = xasprintf("%s%s", theme_str("rules"), tm->name);
		listing(c, dir, heading, rl->items[i].text, tm->recs,
		    tm->nrecs, tm->nrecs > 0, -1);
		free(heading);
		free(dir);
	}
	for (i = 0; i < rl->nlines; i++) {
		sec = tmpl_section(d, "LINE");
		tmpl_set(sec, "TEXT", rl->lines[i].text);
		tmpl_set(sec, "SOURCE", rl->lines[i].source);
	}
	if (rl->nlines > 0)
		tmpl_show(d, "HAS_LINES");
	if (expand(c, "rules.tpl", d, &content))
		page(c, "rules/index.html", theme_str("rules"), NULL, "rules/",
		    NULL, NULL, &content, 0, NULL, NULL, NULL);
	tmpl_dict_free(d);
	buf_free(&content);
}

/* One table of data/index.html: the fields that are in one of the
 * places `in` names, with their types and meanings. */
static void
datatable(struct tdict *d, const char *id, const char *heading,
    const char *about, const char *namehead, unsigned in)
{
	const struct datafield	*f;
	struct tdict		*t, *row;

	t = tmpl_section(d, "TABLE");
	tmpl_set(t, "ID", id);
	tmpl_set(t, "HEADING", theme_str(heading));
	tmpl_set(t, "ABOUT", theme_str(about));
	tmpl_set(t, "NAME_HEAD", theme_str(namehead));
	for (f = data_fields; f->name != NULL; f++) {
		if (!(f->in & in))
			continue;
		row = tmpl_section(t, "FIELD");
		tmpl_set(row, "NAME", f->name);
		tmpl_set(row, "TYPE", theme_str(data_types[f->type]));
		if (f->null && !(in & DATA_CSV))
			tmpl_section(row, "NULL");
		tmpl_set(row, "TEXT", theme_str(f->key));
	}
}

/* data/index.html: what the open data hold, field by field, and on
 * what terms. */
static void
datapage(struct rctx *c)
{
	const struct config	*cfg = c->s->cfg;
	struct tdict		*d;
	struct buf		 content;

	memset(&content, 0, sizeof(content));
	d = tmpl_dict_new("data");
	tmpl_set(d, "ROOT", "../");
	tmpl_set(d, "LICENSE", cfg->data_license != NULL ?
	    cfg->data_license : theme_str("data_license"));
	tmpl_set(d, "MARKER", theme_withheld_text());
	if (cfg->rules != NULL)
		tmpl_show(d, "RULES");
	datatable(d, "data-csv", "data_columns", "data_columns_about",
	    "data_column", DATA_CSV);
	datatable(d, "data-json-file", "data_json_file",
	    "data_json_file_about", "data_field", DATA_FILE);
	datatable(d, "data-json-case", "data_json_case",
	    "data_json_case_about", "data_field", DATA_JSON | DATA_INNER);
	if (expand(c, "data.tpl", d, &content))
		page(c, "data/index.html", theme_str("data"), NULL, "data/",
		    NULL, NULL, &content, 0, NULL, NULL, NULL);
	tmpl_dict_free(d);
	buf_free(&content);
}

/*
 * search/index.html: the form, its filters with every term, and the
 * sections to browse, which is all a reader without JavaScript gets.
 */
static void
searchpage(struct rctx *c)
{
	const struct site	*s = c->s;
	struct tdict		*d, *sec, *v;
	struct buf		 content;
	char			*name, *dir;
	size_t			 t, i;

	memset(&content, 0, sizeof(content));
	d = tmpl_dict_new("search");
	tmpl_set(d, "ROOT", "../");
	for (t = 0; t < TAX__MAX; t++) {
		sec = tmpl_section(d, "FACET");
		tmpl_set(sec, "NAME", search_params[t]);
		tmpl_set(sec, "LABEL", theme_str(taxkeys[t]));
		for (i = 0; i < s->tax[t].nterms; i++) {
			if (!index_has_page(s, (enum tax)t, (long)i))
				continue;
			v = tmpl_section(sec, "V");
			tmpl_set(v, "VALUE", search_value(s, (enum tax)t, i));
			name = theme_termname(s, (enum tax)t, i);
			tmpl_set(v, "LABEL", name);
			free(name);
		}
		sec = tmpl_section(d, "TAX");
		dir = xasprintf("%s/", index_taxname((enum tax)t));
		tmpl_set(sec, "DIR", dir);
		tmpl_set(sec, "LABEL", theme_str(taxkeys[t]));
		free(dir);
	}
	if (expand(c, "search.tpl", d, &content))
		page(c, "search/index.html", theme_str("search"), NULL,
		    "search/", NULL, NULL, &content, 0, NULL, NULL, NULL);
	tmpl_dict_free(d);
	buf_free(&content);
}

/* map/index.html: every section and every term, with its count. */
static void
mappage(struct rctx *c)
{
	const struct site	*s = c->s;
	struct tdict		*d, *sec, *tm;
	struct buf		 content;
	char			*name, *dir, *href;
	size_t			 t, i;

	memset(&content, 0, sizeof(content));
	d = tmpl_dict_new("map");
	tmpl_set(d, "ROOT", "../");
	tmpl_set_int(d, "TOTAL", (long)s->ncases);
	for (t = 0; t < TAX__MAX; t++) {
		sec = tmpl_section(d, "TAX");
		tmpl_set(sec, "KEY", index_taxname((enum tax)t));
		tmpl_set(sec, "HEADING", theme_str(taxkeys[t]));
		for (i = 0; i < s->tax[t].nterms; i++) {
			if (!index_has_page(s, (enum tax)t, (long)i))
				continue;
			tm = tmpl_section(sec, "TERM");
			name = theme_termname(s, (enum tax)t, i);
			dir = index_termdir(s, (enum tax)t, i);
			href = xasprintf("../%sindex.html", dir);
			tmpl_set(tm, "NAME", name);
			tmpl_set(tm, "HREF", href);
			tmpl_set_int(tm, "COUNT", (long)s->tax[t].terms[i].nrecs);
			free(href);
			free(dir);
			free(name);
		}
	}
	if (c->s->cfg->rules != NULL)
		tmpl_show(d, "RULES");
	if (expand(c, "map.tpl", d, &content))
		page(c, "map/index.html", theme_str("map"), NULL, "map/",
		    NULL, NULL, &content, 0, NULL, NULL, NULL);
	tmpl_dict_free(d);
	buf_free(&content);
}

/* privacy/index.html: site.yaml's statement, or the theme's. */
static void
privacypage(struct rctx *c)
{
	struct tdict	*d;
	struct buf	 content;
	char		*html;

	memset(&content, 0, sizeof(content));
	d = tmpl_dict_new("privacy");
	tmpl_set(d, "ROOT", "../");
	if (c->s->cfg->privacy != NULL) {
		html = sitemd(c->s, c->s->cfg->privacy);
		tmpl_set(tmpl_section(d, "OWN"), "TEXT", html);
		free(html);
	} else
		tmpl_show(d, "THEME");
	if (expand(c, "privacy.tpl", d, &content))
		page(c, "privacy/index.html", theme_str("privacy"), NULL,
		    "privacy/", NULL, NULL, &content, 0, NULL, NULL, NULL);
	tmpl_dict_free(d);
	buf_free(&content);
}

static void
notfound(struct rctx *c)
{
	struct tdict	*d;
	struct buf	 content;

	memset(&content, 0, sizeof(content));
	d = tmpl_dict_new("notfound");
	tmpl_set(d, "ROOT", c->s->cfg->base_url);
	if (expand(c, "notfound.tpl", d, &content))
		page(c, "404.html", theme_str("not_found"), NULL, NULL, NULL,
		    NULL, &content, 1, NULL, NULL, NULL);
	tmpl_dict_free(d);
	buf_free(&content);
}

/*
 * The HTML content of a feed entry (entry.tpl), with absolute links.
 * The caller frees the result.
 */
char *
render_entry(const struct site *s, const struct item *it)
{
	struct rctx		 c;
	struct tdict		*d, *sec, *b;
	const struct record	*r = it->rec;
	struct buf		 out, html;
	char			*href;

	memset(&c, 0, sizeof(c));
	memset(&out, 0, sizeof(out));
	c.s = s;
	d = tmpl_dict_new("entry");
	href = xasprintf("%scases/%s/", s->cfg->base_url, r->id.s);
	tmpl_set(d, "HREF", href);
	switch (it->kind) {
	case ITEM_CORRECTION:
		sec = tmpl_section(d, "CORRECTION");
		datev(&c, sec, "DATE", &r->revs[it->rev].date);
		value(&c, sec, "NOTE", &r->revs[it->rev].note);
		break;
	case ITEM_WITHDRAWAL:
		sec = tmpl_section(d, "WITHDRAWAL");
		datev(&c, sec, "DATE", &r->withdrawn_date);
		value(&c, sec, "REASON", &r->withdrawn_reason);
		break;
	default:
		sec = tmpl_section(d, "CASE");
		value(&c, sec, "UNIT", &r->unit);
		value(&c, sec, "CATEGORY", &r->category);
		if (r->oc != OUTCOME_NONE)
			tmpl_set(tmpl_section(sec, "OUTCOME"), "V",
			    theme_outcome(r->oc));
		datev(&c, sec, "DECIDED", &r->decided);
		if (record_hasbody(r)) {
			/* Expanded apart: the entry's {{BODY:none}} keeps
			 * the newline after it, an include would not. */
			b = tmpl_dict_new("body");
			body(&c, b, r);
			memset(&html, 0, sizeof(html));
			if (tmpl_expand("body.tpl", b, &html)) {
				buf_putc(&html, '\0');
				tmpl_set(sec, "BODY", html.p);
			}
			buf_free(&html);
			tmpl_dict_free(b);
		}
		break;
	}
	if (!tmpl_expand("entry.tpl", d, &out))
		buf_puts(&out, "");
	tmpl_dict_free(d);
	free(href);
	return buf_take(&out);
}

/* The pages of cases, on the pool. */
struct cases {
	struct rctx	*c;
	void		(*tick)(size_t, size_t);
	size_t		 done;
};

static void
caseone(void *arg, size_t i, int worker)
{
	struct cases	*p = arg;

	(void)worker;
	casepage(p->c, p->c->s->pages[i]);
	if (p->tick != NULL) {
		pthread_mutex_lock(&p->c->lock);
		p->tick(p->done++, p->c->s->npages);
		pthread_mutex_unlock(&p->c->lock);
	}
}

/*
 * Render every page of the site into dir, the case pages on the pool; tick, when not NULL, is told of the progress.  The pages that
 * belong in the sitemap are added to pages, sorted.  Returns the number
 * of files written, 0 on error (reported).
 */
static int
pagecmp(const void *a, const void *b)
{
	return strcmp(((const struct pageref *)a)->loc,
	    ((const struct pageref *)b)->loc);
}

/* The pages of which there is one, and then each page of a listing: the
 * tasks of the pool after the pages of cases.  The pages of one are
 * first, the longest of them (oversight and statistics, over every
 * case) before all. */
#define NSINGLE	7

static void
lastone(void *arg, size_t i, int worker)
{
	struct rctx	*c = arg;

	switch (i) {
	case 0:
		sectionpage(c, "oversight", oversight_fill);
		break;
	case 1:
		sectionpage(c, "stats", stats_fill);
		break;
	case 2:
		datapage(c);
		break;
	case 3:
		searchpage(c);
		break;
	case 4:
		mappage(c);
		break;
	case 5:
		privacypage(c);
		break;
	case 6:
		notfound(c);
		break;
	default:
		listone(arg, i - NSINGLE, worker);
		break;
	}
}

size_t
render_site(const struct site *s, const char *dir, struct pool *pool,
    void (*tick)(size_t, size_t), struct pagelist *pages)
{
	struct rctx	 c;
	struct cases	 p;
	size_t		 t;

	tmpl_set_global("SITE_TITLE", s->cfg->title);
	tmpl_set_global("AUDIENCE", audience_names[s->aud]);
	tmpl_set_global("PUBLISHER", s->cfg->publisher);
	memset(&c, 0, sizeof(c));
	c.s = s;
	c.dir = dir;
	c.pages = pages;
	c.ok = 1;
	pthread_mutex_init(&c.lock, NULL);
	c.pos = xcalloc(s->ncases + 1, sizeof(*c.pos));
	for (t = 0; t < s->ncases; t++) {
		c.pos[t].r = s->cases[t];
		c.pos[t].i = t;
	}
	qsort(c.pos, s->ncases, sizeof(*c.pos), poscmp);
	memset(&p, 0, sizeof(p));
	p.c = &c;
	p.tick = tick;
	pool_for(pool, s->npages, caseone, &p);

	home(&c);
	listing(&c, "cases/", theme_str("all_cases"), NULL, s->cases,
	    s->ncases, 0, -1);
	for (t = 0; t < TAX__MAX; t++)
		taxonomy(&c, (enum tax)t);
	rulespage(&c);
	pool_for(pool, NSINGLE + c.nlists, lastone, &c);
	for (t = 0; t < c.nlists; t++) {
		free(c.lists[t].dir);
		free(c.lists[t].heading);
	}
	free(c.lists);
	if (pages->n > 1)
		qsort(pages->v, pages->n, sizeof(*pages->v), pagecmp);
	free(c.pos);
	pthread_mutex_destroy(&c.lock);
	return c.ok ? c.files : 0;
}
