/*
 * Validation of case records: required fields, known values, real
 * dates in order, ids that are well formed and unique.  Every problem
 * is reported (not only the first) with the position of the value, or
 * of the mapping that lacks it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <sodium.h>
#include <utf8proc.h>

#include "disclose.h"
#include "extern.h"

struct vctx {
	struct source		 src;	/* the record's file */
	const struct record	*r;
	const struct config	*cfg;
	int			 draft;	/* open: nothing else is required */
	int			 said;	/* an error or a warning was given */
};

static struct pos
top(void)
{
	struct pos	 p = { 2, 1 };

	return p;
}

/*
 * A required part of a record, a value or a mapping or list: whether it
 * is there; if not, and the case is no draft, report it missing at at
 * or, when its key is written with nothing under it, empty at pos.
 */
static int
part(struct vctx *c, int there, int empty, struct pos pos, const char *name,
    const char *hint, struct pos at)
{
	if (there)
		return 1;
	if (!c->draft)
		diag_required(&c->src, name, hint, empty, pos, at);
	return 0;
}

/*
 * A required value: missing when its key is absent (reported at at, the
 * start of the mapping that should hold it), empty when it is there
 * with no value (record.c reads null, "" and blanks as none; reported
 * where it stands).  In an open case (a draft, never published) nothing
 * but its id and status is required: a value that is there is checked,
 * one that is not is no error.
 */
static int
need(struct vctx *c, const struct val *v, const char *name, struct pos at)
{
	return part(c, v->st == V_SET, v->empty, v->pos, name, NULL, at);
}

/*
 * An optional date: when present it must be a real one, or in a draft
 * the placeholder of disclose new.
 */
static int
date(struct vctx *c, const struct val *v, const char *name, struct date *d)
{
	if (v->st != V_SET)
		return 0;
	/* What disclose new writes for a date: in a draft it is a date
	 * not known yet, in a case to publish one that was never written. */
	if (strcmp(v->s, DATE_PLACEHOLDER) == 0) {
		if (!c->draft)
			diag_at(&c->src, v->pos, "%s: still the placeholder %s "
			    "of disclose new (write the real date, e.g. "
			    "2024-05-10, or keep the case open)", name,
			    DATE_PLACEHOLDER);
		return 0;
	}
	if (!date_parse(v->s, d)) {
		diag_at(&c->src, v->pos, "%s: invalid date \"%s\" (expected a "
		    "real date YYYY-MM-DD)", name, v->s);
		return 0;
	}
	return 1;
}

static void
boolean(struct vctx *c, const struct val *v, const char *name)
{
	if (v->st != V_SET)
		return;
	if (strcmp(v->s, "true") != 0 && strcmp(v->s, "false") != 0)
		diag_at(&c->src, v->pos, "%s: expected true or false, got "
		    "\"%s\"", name, v->s);
}

static void
oneof(struct vctx *c, const struct val *v, const char *name,
    const char *const *names, size_t n)
{
	struct buf	 b;
	size_t		 i;

	if (v->st != V_SET)
		return;
	for (i = 0; i < n; i++)
		if (strcmp(v->s, names[i]) == 0)
			return;
	memset(&b, 0, sizeof(b));
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	diag_at(&c->src, v->pos, "%s: unknown value \"%s\" (expected %s)", name,
	    v->s, b.p);
	buf_free(&b);
}

static void
term(struct vctx *c, const struct val *v, const char *name,
    const struct termdef *defs, size_t n, const char *list)
{
	size_t	 i;

	if (v->st != V_SET || v->s[0] == '\0')
		return;
	for (i = 0; i < n; i++)
		if (strcmp(v->s, defs[i].name) == 0)
			return;
	diag_at(&c->src, v->pos, "%s: unknown %s \"%s\" (add it to the list in "
	    "site.yaml, or correct the spelling)", name, list, v->s);
}

/* Report `later' earlier than `earlier'. */
static void
order(struct vctx *c, const struct val *lv, const struct date *later,
    const char *lname, const struct date *earlier, const char *ename)
{
	char	 a[11], b[11];

	if (date_cmp(later, earlier) >= 0)
		return;
	date_iso(later, a);
	date_iso(earlier, b);
	diag_at(&c->src, lv->pos, "%s: %s is before %s %s", lname, a, ename, b);
}

/* A person: a name, and a name field that holds a name only. */
static void
people(struct vctx *c, const struct person *p, const char *name,
    struct pos at)
{
	char	*w, *why;

	w = xasprintf("%s.name", name);
	if (need(c, &p->name, w, at) && !names_valid(p->name.s, &why)) {
		diag_at(&c->src, p->name.pos, "%s: \"%s\" holds more than a "
		    "name (%s); write the name alone and move the rest to "
		    "%s.position", w, p->name.s, why, name);
		free(why);
	}
	free(w);
}

/* Whether c is a dash that folds to no hyphen-minus: an em or en dash, a
 * horizontal bar, a wave dash (utf8proc's category Pd). */
static int
oddash(uint32_t c)
{
	return c != '-' && c != 0xfe63 && c != 0xff0d &&
	    utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_PD;
}

/*
 * A hand mark typed with the dashes of an input method: a brace, then
 * dashes among which one is no hyphen-minus ({——, {–), or such dashes,
 * then a brace (——}).  Read as text, not as a mark, it would publish
 * what it was to withhold, braces and all.  Returns where it begins in
 * s (len bytes), or NULL.
 */
#define DASHMARK "a brace next to a dash that is no hyphen-minus (—, –, " \
    "as an input method types them): a hand mark is written {--…--}, " \
    "with two hyphen-minus signs on each side"

static const char *
dashmark(const char *s, size_t len)
{
	size_t		 i, j, w, v;
	uint32_t	 c, d = 0;
	int		 open, odd;

	for (i = 0; i < len; i += w) {
		c = utf8_get(s, len, i, &w);
		open = c == '{' || c == 0xff5b;
		if (!open && !oddash(c))
			continue;
		/* The run of dashes and spaces that follows. */
		odd = oddash(c);
		for (j = i + w; j < len; j += v) {
			d = utf8_get(s, len, j, &v);
			if (oddash(d))
				odd = 1;
			else if (d != '-' && d != 0xfe63 && d != 0xff0d &&
			    d != ' ' && d != 0x3000)
				break;
		}
		if (open ? odd && j > i + w : j < len && (d == '}' ||
		    d == 0xff5d))
			return s + i;
	}
	return NULL;
}

/*
 * Hand marks in a field: every {-- is closed by --} in the same value,
 * and no --} is left without its {--.
 */
static void
fieldmarks(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct vctx	*c = arg;
	const char	*p, *a, *z;

	(void)pat;
	if (v->st != V_SET || strcmp(shown, "body") == 0)
		return;
	if (dashmark(v->s, strlen(v->s)) != NULL) {
		diag_at(&c->src, v->pos, "%s: %s", shown, DASHMARK);
		return;
	}
	for (p = v->s; (a = strstr(p, "{--")) != NULL; p = z + 3)
		if ((z = strstr(a + 3, "--}")) == NULL) {
			diag_at(&c->src, v->pos, "%s: a hand mark \"{--\" is "
			    "not closed with \"--}\"", shown);
			return;
		} else if (strstr(a + 3, "{--") != NULL &&
		    strstr(a + 3, "{--") < z) {
			diag_at(&c->src, v->pos, "%s: hand marks cannot be "
			    "nested", shown);
			return;
		}
	if (strstr(p, "--}") != NULL)
		diag_at(&c->src, v->pos, "%s: \"--}\" closes no hand mark",
		    shown);
}

/* The place of p in the text t of a block that begins at line `at`. */
static struct pos
lineof(struct pos at, const char *t, const char *p)
{
	for (; t < p; t++)
		at.line += *t == '\n';
	return at;
}

/* The inline leaves of a block with their text, for hand marks. */
struct mleaf {
	cmark_node	*node;
	size_t		 start;		/* in the block's text */
	int		 inimage;
};

/*
 * Hand marks in the body: {--text--} must open and close within one
 * paragraph, heading or table cell, and within the same emphasis or
 * link, not in an image's description.
 */
static void
bodymarks(struct vctx *c, const struct record *r)
{
	cmark_node	*doc, *n, *blk;
	cmark_iter	*it, *in;
	cmark_event_type ev;
	struct mleaf	*lv = NULL;
	struct buf	 t;
	struct pos	 at;
	const char	*lit, *a, *z, *q, *from, *url, *title;
	size_t		 nl = 0, i, ka, kz;
	int		 image;

	if (r->body.st == V_SET &&
	    (q = dashmark(r->body.s, strlen(r->body.s))) != NULL) {
		at.line = r->body_line;
		at.col = 0;
		diag_at(&c->src, lineof(at, r->body.s, q), "body: %s",
		    DASHMARK);
		return;
	}
	if (r->body.st != V_SET || (strstr(r->body.s, "{--") == NULL &&
	    strstr(r->body.s, "--}") == NULL))
		return;
	doc = md_parse(r->body.s, strlen(r->body.s));
	cmark_consolidate_text_nodes(doc);
	memset(&t, 0, sizeof(t));
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		blk = cmark_iter_get_node(it);
		/* A link's address and title are no text to withhold a
		 * part of: the mark would be published as written. */
		if (ev == CMARK_EVENT_ENTER &&
		    (cmark_node_get_type(blk) == CMARK_NODE_LINK ||
		    cmark_node_get_type(blk) == CMARK_NODE_IMAGE)) {
			url = cmark_node_get_url(blk);
			title = cmark_node_get_title(blk);
			if ((url != NULL && (strstr(url, "{--") != NULL ||
			    strstr(url, "--}") != NULL)) || (title != NULL &&
			    (strstr(title, "{--") != NULL ||
			    strstr(title, "--}") != NULL))) {
				at.line = r->body_line +
				    cmark_node_get_start_line(blk) - 1;
				at.col = 0;
				diag_at(&c->src, at, "body: a hand mark cannot "
				    "stand in the address or title of a %s "
				    "(a footnote written [^1]: is a link's "
				    "address too); mark text instead",
				    cmark_node_get_type(blk) == CMARK_NODE_LINK ?
				    "link" : "image");
			}
			continue;
		}
		if (ev != CMARK_EVENT_ENTER ||
		    (cmark_node_get_type(blk) != CMARK_NODE_PARAGRAPH &&
		    cmark_node_get_type(blk) != CMARK_NODE_HEADING &&
		    !md_iscell(blk)))
			continue;
		t.len = 0;
		nl = 0;
		image = 0;
		in = cmark_iter_new(blk);
		while ((ev = cmark_iter_next(in)) != CMARK_EVENT_DONE) {
			n = cmark_iter_get_node(in);
			if (cmark_node_get_type(n) == CMARK_NODE_IMAGE) {
				image += ev == CMARK_EVENT_ENTER ? 1 : -1;
				continue;
			}
			if (ev != CMARK_EVENT_ENTER || n == blk)
				continue;
			switch (cmark_node_get_type(n)) {
			case CMARK_NODE_TEXT:
			case CMARK_NODE_CODE:
				lit = cmark_node_get_literal(n);
				break;
			case CMARK_NODE_SOFTBREAK:
			case CMARK_NODE_LINEBREAK:
				lit = "\n";
				break;
			default:
				continue;
			}
			lv = xreallocarray(lv, nl + 1, sizeof(*lv));
			lv[nl].node = n;
			lv[nl].start = t.len;
			lv[nl++].inimage = image > 0;
			buf_puts(&t, lit == NULL ? "" : lit);
		}
		cmark_iter_free(in);
		buf_putc(&t, '\0');
		t.len--;
		at.line = r->body_line + cmark_node_get_start_line(blk) - 1;
		at.col = 0;
		for (a = t.p, from = t.p; nl > 0 && (a = strstr(a, "{--")) !=
		    NULL; a = z + 3) {
			z = strstr(a + 3, "--}");
			q = strstr(from, "--}");
			if (q != NULL && q < a) {
				diag_at(&c->src, lineof(at, t.p, q), "body: "
				    "\"--}\" closes no hand mark");
				break;
			}
			if (z == NULL) {
				diag_at(&c->src, lineof(at, t.p, a), "body: a "
				    "hand mark \"{--\" is not closed with "
				    "\"--}\" in the same %s", md_iscell(blk) ?
				    "table cell" : "paragraph");
				break;
			}
			if ((q = strstr(a + 3, "{--")) != NULL && q < z) {
				diag_at(&c->src, lineof(at, t.p, q), "body: "
				    "hand marks cannot be nested");
				break;
			}
			for (ka = 0; ka + 1 < nl && lv[ka + 1].start <=
			    (size_t)(a - t.p); ka++)
				continue;
			for (kz = 0; kz + 1 < nl && lv[kz + 1].start <=
			    (size_t)(z + 2 - t.p); kz++)
				continue;
			if (cmark_node_parent(lv[ka].node) !=
			    cmark_node_parent(lv[kz].node) || lv[ka].inimage) {
				diag_at(&c->src, lineof(at, t.p, a), "body: a "
				    "hand mark {--…--} must open and close "
				    "within the same emphasis, link or %s",
				    md_iscell(blk) ? "table cell" :
				    "paragraph");
				break;
			}
			from = z + 3;
		}
		if (a == NULL && nl > 0 && (q = strstr(from, "--}")) != NULL)
			diag_at(&c->src, lineof(at, t.p, q), "body: \"--}\" "
			    "closes no hand mark");
	}
	cmark_iter_free(it);
	for (i = 0; i < nl; i++)
		continue;
	free(lv);
	buf_free(&t);
	cmark_node_free(doc);
}

/*
 * A record is filed under the year its id names, cases/YEAR/ID.md: when
 * the directory that holds it (the part of the path before base) is a
 * year, it must be that one.  Records kept elsewhere under cases/ are
 * the officers' own order.
 */
static void
filed(struct vctx *c, const char *base)
{
	const char	*path = c->r->path, *dir;
	char		 year[5];
	size_t		 n, i;

	snprintf(year, sizeof(year), "%04d", id_year(c->r->id.s));
	n = (size_t)(base - path);
	while (n > 0 && path[n - 1] == '/')
		n--;
	for (dir = path + n; dir > path && dir[-1] != '/'; dir--)
		continue;
	if ((size_t)(path + n - dir) != 4)
		return;
	for (i = 0; i < 4; i++)
		if (dir[i] < '0' || dir[i] > '9')
			return;
	if (strncmp(dir, year, 4) == 0)
		return;
	diag_at(&c->src, c->r->id.pos, "id: \"%s\" is a case of %s, so its "
	    "record is filed under cases/%s/, not %.4s/ (move %s there)",
	    c->r->id.s, year, year, dir, base);
}

/*
 * The items of the declared list a case relied on: each a number of
 * rules.yaml, once, valid on the day of the decision (dd, when hasd);
 * and an exempted or mitigated case names at least one, when the portal
 * declares its list (a warning for a case decided before site.yaml's
 * basis_required_from).  Nothing else names any.
 */
static void
basis(struct vctx *c, const struct date *dd, int hasd)
{
	const struct record	*r = c->r;
	const struct rules	*rl = c->cfg->rules;
	const struct ruleitem	*it;
	const struct val	*v;
	char			*end;
	long			 n;
	size_t			 i, k;

	if (c->cfg->rules_bad)		/* reported: nothing to check against */
		return;
	if (r->nbasis > 0 && rl == NULL) {
		diag_at(&c->src, r->basis_pos, "basis: the portal declares no "
		    "list of exemptible situations (content/rules.yaml) for "
		    "it to name");
		return;
	}
	if (r->nbasis > 0 && r->oc == OUTCOME_ACCOUNTABLE) {
		diag_at(&c->src, r->basis_pos, "basis: a case held "
		    "accountable relies on no exemptible situation (only an "
		    "exempted or mitigated one names its basis)");
		return;
	}
	if (rl == NULL)
		return;
	if (r->nbasis == 0 && r->st == STATUS_CLOSED &&
	    (r->oc == OUTCOME_EXEMPTED || r->oc == OUTCOME_MITIGATED)) {
		if (hasd && c->cfg->basis_from.y > 0 &&
		    date_cmp(dd, &c->cfg->basis_from) < 0)
			diag_warn(r->path, r->outcome.pos, "outcome: an %s case "
			    "names the items of rules.yaml it relied on "
			    "(basis: [1, 3]); decided before "
			    "basis_required_from, this one may go without",
			    outcome_names[r->oc]);
		else {
			diag_at(&c->src, r->outcome.pos, "outcome: an %s case "
			    "names the items of rules.yaml it relied on "
			    "(basis: [1, 3])", outcome_names[r->oc]);
		}
		return;
	}
	for (i = 0; i < r->nbasis; i++) {
		v = &r->basis[i].item;
		if (v->st != V_SET) {
			diag_at(&c->src, r->basis[i].pos, "basis[%zu]: expected "
			    "the number of an item of rules.yaml", i + 1);
			continue;
		}
		n = strtol(v->s, &end, 10);
		if (*v->s < '1' || *v->s > '9' || *end != '\0') {
			diag_at(&c->src, v->pos, "basis[%zu]: expected the "
			    "number of an item of rules.yaml, got \"%s\"",
			    i + 1, v->s);
			continue;
		}
		if ((it = rules_item(rl, n)) == NULL) {
			diag_at(&c->src, v->pos, "basis[%zu]: rules.yaml has no "
			    "item %ld (it has %zu item%s)", i + 1, n,
			    rl->nitems, rl->nitems == 1 ? "" : "s");
			continue;
		}
		for (k = 0; k < i; k++)
			if (r->basis[k].item.st == V_SET &&
			    strcmp(r->basis[k].item.s, v->s) == 0)
				diag_at(&c->src, v->pos, "basis[%zu]: item %ld "
				    "is named twice", i + 1, n);
		if (!hasd)
			continue;
		if (date_cmp(dd, &it->from) < 0)
			diag_at(&c->src, v->pos, "basis[%zu]: item %ld of "
			    "rules.yaml is valid from %s, after the decision "
			    "of %s", i + 1, n, it->from_s, r->decided.s);
		else if (it->to_s != NULL && date_cmp(dd, &it->to) > 0)
			diag_at(&c->src, v->pos, "basis[%zu]: item %ld of "
			    "rules.yaml was valid until %s, before the "
			    "decision of %s", i + 1, n, it->to_s,
			    r->decided.s);
	}
}

/* Check one record against the rules; returns 0 if any was broken. */
int
validate_record(const struct record *r, const struct config *cfg)
{
	struct vctx	 c;
	struct date	 dd, pd, wd, sd, prev;
	const char	*base, *dot, *why;
	char		*w, *pn;
	size_t		 i;
	int		 hasd, hasp, hasw, hasprev, closed, withdrawn;

	c.r = r;
	c.src.path = r->path;
	c.cfg = cfg;
	c.draft = 0;
	c.src.ok = 1;

	if (need(&c, &r->id, "id", top())) {
		if ((why = id_why(r->id.s)) != NULL)
			diag_at(&c.src, r->id.pos, "id: invalid id \"%s\": %s "
			    "(%s)", r->id.s, why, ID_FORM);
		base = strrchr(r->path, '/');
		base = base == NULL ? r->path : base + 1;
		if (why == NULL)
			filed(&c, base);
		dot = strrchr(base, '.');
		if (dot != NULL && (strlen(r->id.s) != (size_t)(dot - base) ||
		    strncmp(base, r->id.s, (size_t)(dot - base)) != 0))
			diag_at(&c.src, r->id.pos, "id: \"%s\" does not match "
			    "the file name \"%s\" (name the file after the id)",
			    r->id.s, base);
	}
	if (need(&c, &r->status, "status", top()))
		oneof(&c, &r->status, "status", status_names, STATUS__MAX);
	c.draft = r->st == STATUS_OPEN;
	need(&c, &r->title, "title", top());
	closed = r->st == STATUS_CLOSED;
	withdrawn = r->st == STATUS_WITHDRAWN;

	if (closed || withdrawn) {
		need(&c, &r->unit, "unit", top());
		need(&c, &r->category, "category", top());
		need(&c, &r->published, "published", top());
	}
	term(&c, &r->unit, "unit", cfg->units, cfg->nunits, "unit");
	term(&c, &r->category, "category", cfg->categories,
	    cfg->ncategories, "category");
	if (closed) {
		part(&c, r->has_subject, r->subject_pos.line > 0,
		    r->subject_pos, "subject", NULL, top());
		need(&c, &r->outcome, "outcome", top());
		need(&c, &r->decided, "decided", top());
		if (part(&c, r->has_factors, r->factors_pos.line > 0,
		    r->factors_pos, "factors", NULL, top()))
			for (i = 0; i < FACTOR__MAX; i++) {
				w = xasprintf("factors.%s", factor_keys[i]);
				need(&c, &r->factors[i], w, r->factors_pos);
				free(w);
			}
		part(&c, r->nsteps > 0, r->procedure_pos.line > 0,
		    r->procedure_pos, "procedure", "(the steps of the case, "
		    "in order)", top());
	}
	if (r->has_withdrawn && !withdrawn && r->status.st == V_SET &&
	    r->st != STATUS__MAX)
		diag_at(&c.src, r->withdrawn_pos, "withdrawn: only a case "
		    "whose status is withdrawn has this field");
	if (withdrawn) {
		if (part(&c, r->has_withdrawn, r->withdrawn_pos.line > 0,
		    r->withdrawn_pos, "withdrawn", "(its date and reason)",
		    top())) {
			need(&c, &r->withdrawn_date, "withdrawn.date",
			    r->withdrawn_pos);
			need(&c, &r->withdrawn_reason, "withdrawn.reason",
			    r->withdrawn_pos);
		}
	}
	oneof(&c, &r->outcome, "outcome", outcome_names, OUTCOME__MAX);
	boolean(&c, &r->third_party_review, "third_party_review");
	boolean(&c, &r->hearing, "hearing");

	if (r->has_subject)
		people(&c, &r->subject, "subject", r->subject_pos);
	for (i = 0; i < r->nwitnesses; i++) {
		pn = xasprintf("witnesses[%zu]", i + 1);
		people(&c, &r->witnesses[i], pn, r->witnesses[i].pos);
		free(pn);
	}
	for (i = 0; i < r->nothers; i++) {
		pn = xasprintf("others[%zu]", i + 1);
		people(&c, &r->others[i], pn, r->others[i].pos);
		free(pn);
	}
	record_visit((struct record *)r, fieldmarks, &c);
	bodymarks(&c, r);
	for (i = 0; i < r->nparties; i++) {
		pn = xasprintf("third_parties[%zu].name", i + 1);
		need(&c, &r->parties[i].name, pn, r->parties[i].pos);
		free(pn);
	}

	hasd = date(&c, &r->decided, "decided", &dd);
	hasp = date(&c, &r->published, "published", &pd);
	hasw = date(&c, &r->withdrawn_date, "withdrawn.date", &wd);
	hasprev = 0;
	for (i = 0; i < r->nsteps; i++) {
		pn = xasprintf("procedure[%zu].step", i + 1);
		need(&c, &r->steps[i].step, pn, r->steps[i].step.pos);
		free(pn);
		pn = xasprintf("procedure[%zu].date", i + 1);
		if (need(&c, &r->steps[i].date, pn, r->steps[i].date.pos) &&
		    date(&c, &r->steps[i].date, pn, &sd)) {
			if (hasprev)
				order(&c, &r->steps[i].date, &sd, pn, &prev,
				    "the date of the step before,");
			prev = sd;
			hasprev = 1;
		}
		free(pn);
	}
	if (hasd && hasp)
		order(&c, &r->published, &pd, "published", &dd,
		    "the decision date");
	if (hasd && r->nsteps > 0 && r->steps[0].date.st == V_SET &&
	    date_parse(r->steps[0].date.s, &sd))
		order(&c, &r->decided, &dd, "decided", &sd,
		    "the first procedure step,");
	if (hasw && hasp)
		order(&c, &r->withdrawn_date, &wd, "withdrawn.date", &pd,
		    "the publication date");
	hasprev = 0;
	for (i = 0; i < r->nrevs; i++) {
		pn = xasprintf("revisions[%zu].date", i + 1);
		if (need(&c, &r->revs[i].date, pn, r->revs[i].date.pos) &&
		    date(&c, &r->revs[i].date, pn, &sd)) {
			if (hasp)
				order(&c, &r->revs[i].date, &sd, pn, &pd,
				    "the publication date");
			if (hasprev)
				order(&c, &r->revs[i].date, &sd, pn, &prev,
				    "the revision before,");
			prev = sd;
			hasprev = 1;
		}
		free(pn);
		pn = xasprintf("revisions[%zu].note", i + 1);
		need(&c, &r->revs[i].note, pn, r->revs[i].note.pos);
		free(pn);
	}
	basis(&c, &dd, hasd);
	return c.src.ok;
}

static int
idcmp(const void *a, const void *b)
{
	const struct record *x = *(struct record *const *)a;
	const struct record *y = *(struct record *const *)b;
	int		 c;

	if ((c = strcmp(x->id.s, y->id.s)) != 0)
		return c;
	return strcmp(x->path, y->path);
}

/*
 * Report every id used by more than one record, naming both files.
 * Records without an id are skipped (already reported).  Returns 0 if
 * there was a duplicate.
 */
int
validate_unique(struct record *const *recs, size_t n)
{
	struct record	**v;
	size_t		  i, k = 0;
	int		  ok = 1;

	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++)
		if (recs[i]->id.st == V_SET)
			v[k++] = recs[i];
	if (k > 1)
		qsort(v, k, sizeof(*v), idcmp);
	for (i = 1; i < k; i++)
		if (strcmp(v[i]->id.s, v[i - 1]->id.s) == 0) {
			diag_error(v[i]->path, v[i]->id.pos, "id: duplicate "
			    "id \"%s\" (also used by %s:%d:%d)", v[i]->id.s,
			    v[i - 1]->path, v[i - 1]->id.pos.line,
			    v[i - 1]->id.pos.col);
			ok = 0;
		}
	free(v);
	return ok;
}

/* The folded names every record declares, sorted, for people checks. */
struct declared {
	char	**v;
	size_t	  n;
};

static void
declare(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct declared	*d = arg;
	size_t		 len;

	(void)shown;
	if (v->st != V_SET || (strcmp(pat, "subject.name") != 0 &&
	    strcmp(pat, "witnesses[].name") != 0 &&
	    strcmp(pat, "others[].name") != 0))
		return;
	d->v = xreallocarray(d->v, d->n + 1, sizeof(*d->v));
	d->v[d->n++] = fold_key(v->s, strlen(v->s), FOLD_NAME, &len);
}

/* The names record i declares, folded, on the pool. */
struct declarejob {
	struct record *const	*recs;
	struct declared		*each;
};

static void
declareone(void *arg, size_t i, int worker)
{
	struct declarejob	*j = arg;

	(void)worker;
	record_visit_names(j->recs[i], declare, &j->each[i]);
}

struct pctx {
	struct vctx		*c;
	const struct declared	*d;
	struct ac		*ac;		/* the declared names */
	const struct policy	*pol;
	char			**skip;		/* ordinary and public, folded */
	size_t			  nskip;
};

/* Whether folded UTF-8 key lies inside a phrase of text t around
 * [a, e) that is ordinary or public. */
static int
excused(const struct pctx *p, const uint32_t *cp, size_t n, size_t a,
    size_t e)
{
	struct buf	 b;
	char		 enc[4];
	size_t		 i, k, len, lo, hi;
	int		 in = 0;

	memset(&b, 0, sizeof(b));
	lo = a > 16 ? a - 16 : 0;
	hi = e + 16 < n ? e + 16 : n;
	for (i = lo; i < hi; i++)
		buf_put(&b, enc, (size_t)(utf8_put(enc, cp[i]) - enc));
	buf_putc(&b, '\0');
	for (k = 0; k < p->nskip && !in; k++) {
		const char *hit, *from = b.p;

		len = strlen(p->skip[k]);
		while ((hit = strstr(from, p->skip[k])) != NULL) {
			size_t hs = utf8_count(b.p, (size_t)(hit - b.p)) + lo;
			size_t he = hs + utf8_count(hit, len);

			if (hs <= a && he >= e) {
				in = 1;
				break;
			}
			from = hit + 1;
		}
	}
	buf_free(&b);
	return in;
}

/* The characters of a text where a declared name stands. */
struct dview {
	size_t		*at;
	unsigned char	*in;
};

static int
ondeclared(void *arg, size_t id, size_t start, size_t end)
{
	struct dview	*dv = arg;
	size_t		 i;

	(void)id;
	for (i = dv->at[start]; i <= dv->at[end - 1]; i++)
		dv->in[i] = 1;
	return 1;
}

/* Whether text[a..b) holds a blank line: two line breaks with nothing
 * but spaces between. */
static int
blankline(const char *text, size_t a, size_t b)
{
	int	 nl = 0;

	for (; a < b; a++)
		if (text[a] == '\n') {
			if (++nl == 2)
				return 1;
		} else if (text[a] != ' ' && text[a] != '\t' &&
		    text[a] != '\r')
			nl = 0;
	return 0;
}

/*
 * The likely names of people in one text that no record declares: an
 * error each (a warning when the policy says undeclared: warn), at its
 * position.  body_line > 0 for the body, whose positions are exact.
 */
static void
undeclared(struct pctx *p, const struct record *r, const char *where,
    const char *text, struct pos at, int body)
{
	struct ftext	 t;
	struct namecands nc;
	uint32_t	*cp;
	size_t		*at_, n = 0, i, k, len;
	char		*key, enc[4];
	struct buf	 b;
	struct pos	 pos;
	struct dview	 dv;
	int		*listok, nlists = 0, isdecl;

	memset(&t, 0, sizeof(t));
	ftext_fold(&t, text, strlen(text), FOLD_DECODE);
	/* Markup of emphasis and code is not text: 村民**柯小兰**.  Nor
	 * are interpuncts, nor what redaction reads through between the
	 * characters of a name (列席人员邝子■谦 names 邝子谦). */
	cp = xcalloc(2 * t.n + 1, sizeof(*cp));
	at_ = xcalloc(2 * t.n + 1, sizeof(*at_));
	for (i = 0; i < t.n; i++) {
		/* A blank line ends a phrase (after a heading: ## 情况 then
		 * 柯文龙，男), as a mark would; the fold reads it as a gap. */
		if (body && n > 0 && t.gap[i] == FOLD_LINE &&
		    blankline(text, t.to[i - 1], t.from[i])) {
			at_[n] = i;
			cp[n++] = '\n';
		}
		if (body && (t.cp[i] == '*' || t.cp[i] == '_' ||
		    t.cp[i] == '`' || t.cp[i] == '~'))
			continue;
		if (fold_interpunct(t.cp[i]))
			continue;
		/* Not across a line break: a list's marker (情况 - 柯文龙)
		 * parts two lines. */
		if (t.gap[i] != FOLD_LINE && (k = fold_joinrun(t.cp, t.n,
		    i)) > i && (k >= t.n || t.gap[k] != FOLD_LINE)) {
			i = k - 1;
			continue;
		}
		at_[n] = i;
		cp[n++] = t.cp[i];
	}
	names_find(cp, n, &nc);
	/* Where the text names a declared person: no candidate there. */
	memset(&b, 0, sizeof(b));
	dv.at = xcalloc(4 * n + 1, sizeof(*dv.at));
	dv.in = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		len = (size_t)(utf8_put(enc, cp[i]) - enc);
		for (k = 0; k < len; k++)
			dv.at[b.len + k] = i;
		buf_put(&b, enc, len);
	}
	ac_scan(p->ac, b.p, b.len, ondeclared, &dv);
	for (i = 0; i < nc.n; i++)
		if (nc.v[i].list > nlists)
			nlists = nc.v[i].list;
	listok = xcalloc((size_t)nlists + 1, sizeof(*listok));
	/* First pass: which lists hold a name (declared or cued). */
	for (k = 0; k < 2; k++)
		for (i = 0; i < nc.n; i++) {
			b.len = 0;
			for (len = nc.v[i].start; len < nc.v[i].end; len++)
				buf_put(&b, enc, (size_t)(utf8_put(enc,
				    cp[len]) - enc));
			buf_putc(&b, '\0');
			key = b.p;
			isdecl = bsearch(&key, p->d->v, p->d->n,
			    sizeof(*p->d->v), strpcmp) != NULL;
			for (len = nc.v[i].start; !isdecl &&
			    len < nc.v[i].end; len++)
				isdecl = dv.in[len];
			if (k == 0) {
				if (nc.v[i].list > 0 && (isdecl ||
				    strcmp(nc.v[i].cue, "list") != 0))
					listok[nc.v[i].list] = 1;
				continue;
			}
			if (isdecl || excused(p, cp, n, nc.v[i].start,
			    nc.v[i].end))
				continue;
			if (strcmp(nc.v[i].cue, "list") == 0 &&
			    !listok[nc.v[i].list])
				continue;
			if (body)
				pos = text_pos(text, t.from[at_[nc.v[i].start]],
				    at.line);
			else
				pos = at;
			p->c->said = 1;
			(p->pol->undeclared_warn ? diag_warn : diag_error)(
			    r->path, pos, "%s: \"%s\" looks like the name of "
			    "a person (%s%s%s) that no record declares: "
			    "declare the person under others: (name: %s), "
			    "or, if it is no name, add the phrase to "
			    "ordinary: in policy.yaml", where, b.p,
			    strcmp(nc.v[i].cue, "list") == 0 ? "in a list of "
			    "names" : "next to \"", strcmp(nc.v[i].cue, "list")
			    == 0 ? "" : nc.v[i].cue, strcmp(nc.v[i].cue, "list")
			    == 0 ? "" : "\"", b.p);
			if (!p->pol->undeclared_warn)
				p->c->src.ok = 0;
		}
	buf_free(&b);
	free(dv.at);
	free(dv.in);
	free(listok);
	free(nc.v);
	free(cp);
	free(at_);
	ftext_free(&t);
}

static void
peoplefield(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct pctx	*p = arg;

	if (v->st != V_SET || strcmp(pat, "body") == 0 ||
	    strcmp(pat, "id") == 0 || strcmp(pat, "status") == 0 ||
	    strcmp(pat, "unit") == 0 || strcmp(pat, "category") == 0 ||
	    strcmp(pat, "outcome") == 0 || strstr(pat, ".name") != NULL ||
	    strstr(pat, "date") != NULL || strcmp(pat, "decided") == 0 ||
	    strcmp(pat, "published") == 0)
		return;
	undeclared(p, p->c->r, shown, v->s, v->pos, 0);
}

/*
 * Every person a record names is declared by a name field of some
 * record of the portal (its subject, witnesses or others), so that the
 * policy governs them: a likely name that none declares is an error, or
 * a warning when policy.yaml says "undeclared: warn".  Drafts (open
 * cases) are not published and not checked.  A body set aside in a
 * spill file is read from there while its record is checked.  With a
 * memo, a record that passed in silence before against the same declared
 * names is not checked again, and one that passes now is told.  Returns
 * 0 on an error.
 */
struct peoplejob {
	const struct pctx	 *p;
	struct record *const	 *recs;
	const struct spill	 *spill;	/* where bodies are set aside */
	const struct peoplememo	 *memo;
	unsigned char		  key[32]; /* of all that a record's check
					 * reads besides the record */
	int			 *ok;
};

static void
peopleone(void *arg, size_t i, int worker)
{
	struct peoplejob	*j = arg;
	struct record		*r = j->recs[i];
	struct pctx		 p = *j->p;
	struct vctx		 c;

	(void)worker;
	if (r->st == STATUS_OPEN)
		return;
	/* Checked before against the same declared names, in silence. */
	if (j->memo != NULL && j->memo->passed(j->memo->arg, r, j->key))
		return;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.src.path = r->path;
	c.src.ok = 1;
	p.c = &c;
	record_visit(r, peoplefield, &p);
	if (r->body.st == V_SET) {
		record_loadbody(r, j->spill);
		undeclared(&p, r, "body", r->body.s,
		    (struct pos){ r->body_line, 1 }, 1);
		record_dropbody(r);
	}
	if (!c.src.ok)
		__atomic_store_n(j->ok, 0, __ATOMIC_RELAXED);
	else if (!c.said && j->memo != NULL)
		j->memo->pass(j->memo->arg, r, j->key);
}

int
validate_people(struct record *const *recs, size_t n,
    const struct policy *pol, const struct config *cfg,
    const struct spill *spill, const struct peoplememo *memo,
    struct pool *pool)
{
	struct declared	 d;
	struct declarejob dj;
	struct peoplejob j;
	struct pctx	 p;
	const char	*pub[4];
	size_t		 i, len;
	int		 ok = 1;

	memset(&d, 0, sizeof(d));
	dj.recs = recs;
	dj.each = xcalloc(n + 1, sizeof(*dj.each));
	pool_for(pool, n, declareone, &dj);
	for (i = 0; i < n; i++)
		d.n += dj.each[i].n;
	d.v = xcalloc(d.n + 1, sizeof(*d.v));
	for (i = 0, len = 0; i < n; i++) {
		if (dj.each[i].n > 0)
			memcpy(d.v + len, dj.each[i].v,
			    dj.each[i].n * sizeof(*d.v));
		len += dj.each[i].n;
		free(dj.each[i].v);
	}
	free(dj.each);
	if (d.n > 1)
		qsort(d.v, d.n, sizeof(*d.v), strpcmp);
	memset(&p, 0, sizeof(p));
	p.d = &d;
	p.ac = ac_new();
	for (i = 0; i < d.n; i++)
		ac_add(p.ac, d.v[i], strlen(d.v[i]), i);
	ac_build(p.ac);
	p.pol = pol;
	p.skip = xcalloc(pol->nordinary + cfg->nunits + cfg->ncategories + 5,
	    sizeof(*p.skip));
	for (i = 0; i < pol->nordinary; i++)
		p.skip[p.nskip++] = fold_key(pol->ordinary[i],
		    strlen(pol->ordinary[i]), 0, &len);
	for (i = 0; i < cfg->nunits; i++)
		p.skip[p.nskip++] = fold_key(cfg->units[i].name,
		    strlen(cfg->units[i].name), 0, &len);
	for (i = 0; i < cfg->ncategories; i++)
		p.skip[p.nskip++] = fold_key(cfg->categories[i].name,
		    strlen(cfg->categories[i].name), 0, &len);
	pub[0] = cfg->title;
	pub[1] = cfg->publisher;
	pub[2] = NULL;
	for (i = 0; pub[i] != NULL; i++)
		p.skip[p.nskip++] = fold_key(pub[i], strlen(pub[i]), 0, &len);
	/* Each record on its own, on the pool.  What a record's check reads
	 * besides the record is the declared names (the words excused come
	 * from site.yaml and policy.yaml, the memo's to key). */
	j.p = &p;
	j.recs = recs;
	j.spill = spill;
	j.memo = memo;
	j.ok = &ok;
	if (memo != NULL) {
		crypto_generichash_state st;

		crypto_generichash_init(&st, NULL, 0, 32);
		for (i = 0; i < d.n; i++)
			crypto_generichash_update(&st,
			    (const unsigned char *)d.v[i], strlen(d.v[i]) + 1);
		crypto_generichash_final(&st, j.key, 32);
	}
	pool_for(pool, n, peopleone, &j);
	strv_free(p.skip, p.nskip);
	strv_free(d.v, d.n);
	ac_free(p.ac);
	return ok;
}
