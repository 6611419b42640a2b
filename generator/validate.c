/*
 * Validation of case records: required fields, known values, real
 * dates in order, ids that are well formed and unique.  Every problem
 * is reported (not only the first) with the position of the value, or
 * of the mapping that lacks it.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

struct vctx {
	const struct record	*r;
	const struct config	*cfg;
	int			 draft;	/* open: nothing else is required */
	int			 ok;
};

static void err(struct vctx *, struct pos, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
err(struct vctx *c, struct pos pos, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_verror(c->r->path, pos, fmt, ap);
	va_end(ap);
	c->ok = 0;
}

static struct pos
top(void)
{
	struct pos	 p = { 2, 1 };

	return p;
}

/*
 * A required value: present and not blank.  In an open case (a draft,
 * never published) nothing but its id and status is required: a value
 * that is there is checked, one that is not is no error.
 */
static int
need(struct vctx *c, const struct val *v, const char *name, struct pos at)
{
	const char	*p;

	if (c->draft) {
		if (v->st != V_SET)
			return 0;
		for (p = v->s; *p == ' ' || *p == '\t' || *p == '\n'; p++)
			continue;
		return *p != '\0';
	}
	if (v->st != V_SET) {
		err(c, at, "missing required field \"%s\"", name);
		return 0;
	}
	for (p = v->s; *p == ' ' || *p == '\t' || *p == '\n'; p++)
		continue;
	if (*p == '\0') {
		err(c, v->pos, "%s: must not be empty", name);
		return 0;
	}
	return 1;
}

/* An optional date: when present it must be a real one. */
static int
date(struct vctx *c, const struct val *v, const char *name, struct date *d)
{
	if (v->st != V_SET)
		return 0;
	if (!date_parse(v->s, d)) {
		err(c, v->pos, "%s: invalid date \"%s\" (expected a real "
		    "date YYYY-MM-DD)", name, v->s);
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
		err(c, v->pos, "%s: expected true or false, got \"%s\"",
		    name, v->s);
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
	err(c, v->pos, "%s: unknown value \"%s\" (expected %s)", name, v->s,
	    b.p);
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
	err(c, v->pos, "%s: unknown %s \"%s\" (add it to the list in "
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
	err(c, lv->pos, "%s: %s is before %s %s", lname, a, ename, b);
}

static void
people(struct vctx *c, const struct person *p, const char *name,
    struct pos at)
{
	char	*w;

	w = xasprintf("%s.name", name);
	need(c, &p->name, w, at);
	free(w);
}

/* Check one record against the rules; returns 0 if any was broken. */
int
validate_record(const struct record *r, const struct config *cfg)
{
	struct vctx	 c;
	struct date	 dd, pd, wd, sd, prev;
	const char	*base, *dot;
	char		*w, *pn;
	size_t		 i;
	int		 hasd, hasp, hasw, hasprev, closed, withdrawn;

	c.r = r;
	c.cfg = cfg;
	c.draft = 0;
	c.ok = 1;

	if (need(&c, &r->id, "id", top())) {
		if (!is_id(r->id.s))
			err(&c, r->id.pos, "id: invalid id \"%s\" (use at "
			    "most 64 letters, digits and '-', not starting "
			    "with '-')", r->id.s);
		base = strrchr(r->path, '/');
		base = base == NULL ? r->path : base + 1;
		dot = strrchr(base, '.');
		if (dot != NULL && (strlen(r->id.s) != (size_t)(dot - base) ||
		    strncmp(base, r->id.s, (size_t)(dot - base)) != 0))
			err(&c, r->id.pos, "id: \"%s\" does not match the "
			    "file name \"%s\" (name the file after the id)",
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
		if (!r->has_subject)
			err(&c, top(), "missing required field \"subject\"");
		need(&c, &r->outcome, "outcome", top());
		need(&c, &r->decided, "decided", top());
		if (!r->has_factors)
			err(&c, top(), "missing required field \"factors\"");
		else
			for (i = 0; i < FACTOR__MAX; i++) {
				w = xasprintf("factors.%s", factor_keys[i]);
				need(&c, &r->factors[i], w, r->factors_pos);
				free(w);
			}
		if (r->nsteps == 0)
			err(&c, top(), "missing required field \"procedure\" "
			    "(the steps of the case, in order)");
	}
	if (r->has_withdrawn && !withdrawn && r->status.st == V_SET &&
	    r->st != STATUS__MAX)
		err(&c, r->withdrawn_pos, "withdrawn: only a case whose "
		    "status is withdrawn has this field");
	if (withdrawn) {
		if (!r->has_withdrawn)
			err(&c, top(), "missing required field \"withdrawn\" "
			    "(its date and reason)");
		else {
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
	return c.ok;
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
