/*
 * Open data: data/cases.json and data/cases.csv, one record per case
 * with a page (closed, and withdrawn tombstones), ordered by id.  Both
 * derive from public records only: a withheld value is null in JSON
 * and the withheld marker text in CSV; pseudonyms and masks appear as
 * they do on the pages.  The CSV begins with a UTF-8 byte order mark,
 * by which spreadsheets (Excel on Chinese Windows) know its encoding.
 *
 * data_fields[] says what the files hold: both writers take their
 * fields from it, and data/index.html documents each of them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "disclose.h"
#include "extern.h"

/* The value of one field: of a case, or of cases.json itself. */
struct dcell {
	const struct val *v;	/* a value of the record, or NULL */
	const char	*s;	/* else a text, or NULL for none */
	char		*own;	/* s, when the cell allocated it */
	long		 n;	/* DT_INTEGER: the number, or -1 for none */
};

/* A value for JSON: its text, or null when withheld or absent. */
static void
jval(struct buf *b, const struct val *v)
{
	char	*t;

	if (v->st == V_SET) {
		t = theme_plain(v);
		json_str(b, t);
		free(t);
	} else
		buf_puts(b, "null");
}

static void
jkey(struct buf *b, const char *indent, const char *key, int first)
{
	buf_puts(b, first ? "" : ",");
	buf_printf(b, "\n%s\"%s\": ", indent, key);
}

/* A boolean: as written, false when absent, null when withheld. */
static const char *
boolean(const struct val *v)
{
	if (v->st == V_SET)
		return strcmp(v->s, "true") == 0 ? "true" : "false";
	return v->st == V_ABSENT ? "false" : NULL;
}

/* A cell in JSON. */
static void
jcell(struct buf *b, const struct datafield *f, const struct dcell *c)
{
	const char	*t;

	if (f->type == DT_INTEGER) {
		if (c->n >= 0)
			buf_printf(b, "%ld", c->n);
		else
			buf_puts(b, "null");
	} else if (f->type == DT_BOOLEAN && c->v != NULL)
		buf_puts(b, (t = boolean(c->v)) != NULL ? t : "null");
	else if (f->type == DT_BOOLEAN)
		buf_puts(b, c->n < 0 ? "null" : c->n ? "true" : "false");
	else if (c->v != NULL)
		jval(b, c->v);
	else if (c->s != NULL)
		json_str(b, c->s);
	else
		buf_puts(b, "null");
}

/* A cell in CSV: a withheld value is the marker text, none is empty. */
static void
ccell(struct buf *b, const struct datafield *f, const struct dcell *c)
{
	const char	*t;
	char		*p;

	if (f->type == DT_INTEGER) {
		if (c->n >= 0)
			buf_printf(b, "%ld", c->n);
	} else if (f->type == DT_BOOLEAN && c->v != NULL)
		csv_field(b, (t = boolean(c->v)) != NULL ? t :
		    theme_withheld_text());
	else if (f->type == DT_BOOLEAN) {
		if (c->n >= 0)
			buf_puts(b, c->n ? "true" : "false");
	}
	else if (c->v != NULL) {
		p = theme_plain(c->v);
		csv_field(b, p);
		free(p);
	} else if (c->s != NULL)
		csv_field(b, c->s);
}

/* The value of a field of one case (or, r NULL, of cases.json). */
static void
cell(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	memset(c, 0, sizeof(*c));
	c->n = -1;
	if (f->get != NULL)
		f->get(f, s, r, c);
}

/* The fields whose value is a member of struct record. */
static void
g_val(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)s;
	c->v = (const struct val *)(const void *)((const char *)r + f->off);
}

static void
g_id(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)s;
	c->s = r->id.s;
}

static void
g_url(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	c->s = c->own = xasprintf("%scases/%s/", s->cfg->base_url, r->id.s);
}

static void
g_outcome_label(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)s;
	if (r->oc != OUTCOME_NONE)
		c->s = theme_outcome(r->oc);
}

static void
g_subject_name(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)s;
	if (r->has_subject)
		c->v = &r->subject.name;
}

static void
g_subject_position(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)s;
	if (r->has_subject)
		c->v = &r->subject.position;
}

static void
g_applied(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)s;
	if (r->nsteps > 0)
		c->v = &r->steps[0].date;
}

static void
g_days(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)s;
	c->n = record_days(r);
}

static void
g_pubdays(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)s;
	c->n = oversight_days(r, 1);
}

/* Whether the case took longer than site.yaml's time limit: of the
 * decision, or of the publication; none where no limit is set or the
 * days are not public. */
static void
g_beyond(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	int	 pub = strcmp(f->name, "beyond_publication_limit") == 0;

	if ((pub ? s->cfg->limit_publication : s->cfg->limit_decision) == 0 ||
	    oversight_days(r, pub) < 0)
		return;
	c->n = (oversight_late(s->cfg, r) & (pub ? 2 : 1)) != 0;
}

static void
g_nrevs(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)s;
	c->n = (long)r->nrevs;
}

static void
g_last_revised(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)s;
	if (r->nrevs > 0)
		c->v = &r->revs[r->nrevs - 1].date;
}

static void
g_nwithheld(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)s;
	c->n = (long)r->nwithheld;
}

static void
g_digest(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)s;
	c->s = r->digest;
}

/* The fields of cases.json itself. */
static void
g_title(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)r;
	c->s = s->cfg->title;
}

static void
g_publisher(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)r;
	c->s = s->cfg->publisher;
}

static void
g_home(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)r;
	c->s = s->cfg->base_url;
}

static void
g_audience(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)r;
	c->s = audience_names[s->aud];
}

static void
g_count(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	(void)f;
	(void)r;
	c->n = (long)s->npages;
}

/*
 * The objects and arrays of a case in cases.json, each with the fields
 * that data_fields[] lists under it (DATA_INNER).
 */
static void
j_person(struct buf *b, const struct person *p, const char *in)
{
	buf_puts(b, "{");
	jkey(b, in, "name", 1);
	jval(b, &p->name);
	jkey(b, in, "position", 0);
	jval(b, &p->position);
	buf_printf(b, "\n%.*s}", (int)strlen(in) - 2, in);
}

static void
j_subject(struct buf *b, const struct site *s, const struct record *r)
{
	(void)s;
	if (r->has_subject)
		j_person(b, &r->subject, "        ");
	else
		buf_puts(b, "null");
}

static void
j_factors(struct buf *b, const struct site *s, const struct record *r)
{
	size_t	 i;

	(void)s;
	if (!r->has_factors) {
		buf_puts(b, "null");
		return;
	}
	buf_puts(b, "{");
	for (i = 0; i < FACTOR__MAX; i++) {
		jkey(b, "        ", factor_keys[i], i == 0);
		jval(b, &r->factors[i]);
	}
	buf_puts(b, "\n      }");
}

static void
j_procedure(struct buf *b, const struct site *s, const struct record *r)
{
	size_t	 i;

	(void)s;
	buf_puts(b, "[");
	for (i = 0; i < r->nsteps; i++) {
		buf_puts(b, i == 0 ? "\n        {" : ",\n        {");
		buf_puts(b, "\"step\": ");
		jval(b, &r->steps[i].step);
		buf_puts(b, ", \"date\": ");
		jval(b, &r->steps[i].date);
		if (r->steps[i].note.st != V_ABSENT) {
			buf_puts(b, ", \"note\": ");
			jval(b, &r->steps[i].note);
		}
		buf_puts(b, "}");
	}
	buf_puts(b, r->nsteps > 0 ? "\n      ]" : "]");
}

/* The numbers of the items of the declared list a case relied on; a
 * withheld one is null. */
static void
j_basis(struct buf *b, const struct site *s, const struct record *r)
{
	size_t	 i;

	(void)s;
	buf_puts(b, "[");
	for (i = 0; i < r->nbasis; i++) {
		buf_puts(b, i == 0 ? "" : ", ");
		if (r->basis[i].item.st != V_SET)
			buf_puts(b, "null");
		else if (strspn(r->basis[i].item.s, "0123456789") ==
		    strlen(r->basis[i].item.s))
			buf_puts(b, r->basis[i].item.s);
		else
			json_str(b, r->basis[i].item.s);
	}
	buf_puts(b, "]");
}

/* The same in one cell: "3;7", a withheld one as the marker. */
static void
g_basis(const struct datafield *f, const struct site *s,
    const struct record *r, struct dcell *c)
{
	struct buf	 b;
	size_t		 i;

	(void)f;
	(void)s;
	memset(&b, 0, sizeof(b));
	for (i = 0; i < r->nbasis; i++) {
		if (i > 0)
			buf_putc(&b, ';');
		buf_puts(&b, r->basis[i].item.st == V_SET ?
		    r->basis[i].item.s : theme_withheld_text());
	}
	c->s = c->own = buf_take(&b);
}

static void
j_revisions(struct buf *b, const struct site *s, const struct record *r)
{
	size_t	 i;

	(void)s;
	buf_puts(b, "[");
	for (i = 0; i < r->nrevs; i++) {
		buf_puts(b, i == 0 ? "\n        {" : ",\n        {");
		buf_puts(b, "\"date\": ");
		jval(b, &r->revs[i].date);
		buf_puts(b, ", \"note\": ");
		jval(b, &r->revs[i].note);
		buf_puts(b, "}");
	}
	buf_puts(b, r->nrevs > 0 ? "\n      ]" : "]");
}

static void
j_withdrawn(struct buf *b, const struct site *s, const struct record *r)
{
	(void)s;
	if (!r->has_withdrawn) {
		buf_puts(b, "null");
		return;
	}
	buf_puts(b, "{\"date\": ");
	jval(b, &r->withdrawn_date);
	buf_puts(b, ", \"reason\": ");
	jval(b, &r->withdrawn_reason);
	buf_puts(b, "}");
}

static void
j_withheld(struct buf *b, const struct site *s, const struct record *r)
{
	size_t	 g;
	int	 first;

	buf_printf(b, "{\"count\": %zu, \"grounds\": [", r->nwithheld);
	for (first = 1, g = 0; g < s->pol->ngrounds; g++) {
		if (r->withheld[g] == 0)
			continue;
		buf_puts(b, first ? "{\"ground\": " : ", {\"ground\": ");
		json_str(b, theme_ground(s->pol, g));
		buf_printf(b, ", \"count\": %zu}", r->withheld[g]);
		first = 0;
	}
	buf_puts(b, "]}");
}

/* A field's value is the member m of struct record. */
#define V(m)		g_val, offsetof(struct record, m), NULL
/* A field's value is what the function finds. */
#define G(fn)		fn, 0, NULL
/* A field is an object or an array that the function writes. */
#define J(fn)		NULL, 0, fn
/* A field is written by the object or array above it (DATA_INNER),
 * or, the array of cases, by data_write. */
#define ABOVE		NULL, 0, NULL

#define JC		(DATA_JSON | DATA_CSV)

/*
 * What the open data hold, in the order they are written: cases.json's
 * own fields first, the array of cases last of them; then the fields of
 * a case, in JSON, in CSV or in both.  A new field is a line here, and
 * its meaning in strings.yaml.
 */
const struct datafield data_fields[] = {
	{ "title", DATA_FILE, DT_STRING, 0, "json_title", G(g_title) },
	{ "publisher", DATA_FILE, DT_STRING, 0, "json_publisher",
	    G(g_publisher) },
	{ "home_page_url", DATA_FILE, DT_STRING, 0, "json_home_page_url",
	    G(g_home) },
	{ "audience", DATA_FILE, DT_STRING, 0, "json_audience",
	    G(g_audience) },
	{ "count", DATA_FILE, DT_INTEGER, 0, "json_count", G(g_count) },
	{ "cases", DATA_FILE, DT_ARRAY, 0, "json_cases", ABOVE },

	{ "id", JC, DT_STRING, 0, "col_id", G(g_id) },
	{ "url", JC, DT_STRING, 0, "col_url", G(g_url) },
	{ "status", JC, DT_STRING, 1, "col_status", V(status) },
	{ "title", JC, DT_STRING, 1, "col_title", V(title) },
	{ "summary", JC, DT_STRING, 1, "col_summary", V(summary) },
	{ "unit", JC, DT_STRING, 1, "col_unit", V(unit) },
	{ "category", JC, DT_STRING, 1, "col_category", V(category) },
	{ "outcome", JC, DT_STRING, 1, "col_outcome", V(outcome) },
	{ "outcome_label", JC, DT_STRING, 1, "col_outcome_label",
	    G(g_outcome_label) },

	{ "subject", DATA_JSON, DT_OBJECT, 1, "json_subject", J(j_subject) },
	{ "subject.name", DATA_INNER, DT_STRING, 1, "col_subject_name",
	    ABOVE },
	{ "subject.position", DATA_INNER, DT_STRING, 1,
	    "col_subject_position", ABOVE },
	{ "subject_name", DATA_CSV, DT_STRING, 1, "col_subject_name",
	    G(g_subject_name) },
	{ "subject_position", DATA_CSV, DT_STRING, 1,
	    "col_subject_position", G(g_subject_position) },

	{ "factors", DATA_JSON, DT_OBJECT, 1, "json_factors", J(j_factors) },
	{ "factors.degree", DATA_INNER, DT_STRING, 1, "col_factor_degree",
	    ABOVE },
	{ "factors.motive", DATA_INNER, DT_STRING, 1, "col_factor_motive",
	    ABOVE },
	{ "factors.conditions", DATA_INNER, DT_STRING, 1,
	    "col_factor_conditions", ABOVE },
	{ "factors.procedure", DATA_INNER, DT_STRING, 1,
	    "col_factor_procedure", ABOVE },
	{ "factors.policy", DATA_INNER, DT_STRING, 1, "col_factor_policy",
	    ABOVE },
	{ "factors.consequence", DATA_INNER, DT_STRING, 1,
	    "col_factor_consequence", ABOVE },
	{ "factor_degree", DATA_CSV, DT_STRING, 1, "col_factor_degree",
	    V(factors[FACTOR_DEGREE]) },
	{ "factor_motive", DATA_CSV, DT_STRING, 1, "col_factor_motive",
	    V(factors[FACTOR_MOTIVE]) },
	{ "factor_conditions", DATA_CSV, DT_STRING, 1,
	    "col_factor_conditions", V(factors[FACTOR_CONDITIONS]) },
	{ "factor_procedure", DATA_CSV, DT_STRING, 1,
	    "col_factor_procedure", V(factors[FACTOR_PROCEDURE]) },
	{ "factor_policy", DATA_CSV, DT_STRING, 1, "col_factor_policy",
	    V(factors[FACTOR_POLICY]) },
	{ "factor_consequence", DATA_CSV, DT_STRING, 1,
	    "col_factor_consequence", V(factors[FACTOR_CONSEQUENCE]) },

	{ "procedure", DATA_JSON, DT_ARRAY, 0, "json_procedure",
	    J(j_procedure) },
	{ "procedure[].step", DATA_INNER, DT_STRING, 1, "json_step", ABOVE },
	{ "procedure[].date", DATA_INNER, DT_DATE, 1, "json_step_date",
	    ABOVE },
	{ "procedure[].note", DATA_INNER, DT_STRING, 1, "json_step_note",
	    ABOVE },
	{ "basis", DATA_JSON, DT_ARRAY, 0, "json_basis", J(j_basis) },
	{ "basis", DATA_CSV, DT_STRING, 0, "col_basis", G(g_basis) },
	{ "applied", DATA_CSV, DT_DATE, 1, "col_applied", G(g_applied) },
	{ "decided", JC, DT_DATE, 1, "col_decided", V(decided) },
	{ "published", JC, DT_DATE, 1, "col_published", V(published) },
	{ "days_to_decision", JC, DT_INTEGER, 1, "col_days_to_decision",
	    G(g_days) },
	{ "days_to_publication", JC, DT_INTEGER, 1,
	    "col_days_to_publication", G(g_pubdays) },
	{ "beyond_decision_limit", JC, DT_BOOLEAN, 1,
	    "col_beyond_decision_limit", G(g_beyond) },
	{ "beyond_publication_limit", JC, DT_BOOLEAN, 1,
	    "col_beyond_publication_limit", G(g_beyond) },
	{ "third_party_review", JC, DT_BOOLEAN, 1, "col_third_party_review",
	    V(third_party_review) },
	{ "hearing", JC, DT_BOOLEAN, 1, "col_hearing", V(hearing) },

	{ "revisions", DATA_JSON, DT_ARRAY, 0, "json_revisions",
	    J(j_revisions) },
	{ "revisions[].date", DATA_INNER, DT_DATE, 1, "json_revision_date",
	    ABOVE },
	{ "revisions[].note", DATA_INNER, DT_STRING, 1, "json_revision_note",
	    ABOVE },
	{ "revisions", DATA_CSV, DT_INTEGER, 0, "col_revisions",
	    G(g_nrevs) },
	{ "last_revised", DATA_CSV, DT_DATE, 1, "col_last_revised",
	    G(g_last_revised) },

	{ "withdrawn", DATA_JSON, DT_OBJECT, 1, "json_withdrawn",
	    J(j_withdrawn) },
	{ "withdrawn.date", DATA_INNER, DT_DATE, 1, "col_withdrawn_date",
	    ABOVE },
	{ "withdrawn.reason", DATA_INNER, DT_STRING, 1,
	    "col_withdrawn_reason", ABOVE },
	{ "withdrawn_date", DATA_CSV, DT_DATE, 1, "col_withdrawn_date",
	    V(withdrawn_date) },
	{ "withdrawn_reason", DATA_CSV, DT_STRING, 1, "col_withdrawn_reason",
	    V(withdrawn_reason) },

	{ "withheld", DATA_JSON, DT_OBJECT, 0, "json_withheld",
	    J(j_withheld) },
	{ "withheld.count", DATA_INNER, DT_INTEGER, 0, "col_withheld_items",
	    ABOVE },
	{ "withheld.grounds", DATA_INNER, DT_ARRAY, 0, "json_grounds",
	    ABOVE },
	{ "withheld.grounds[].ground", DATA_INNER, DT_STRING, 0,
	    "json_ground", ABOVE },
	{ "withheld.grounds[].count", DATA_INNER, DT_INTEGER, 0,
	    "json_ground_count", ABOVE },
	{ "withheld_items", DATA_CSV, DT_INTEGER, 0, "col_withheld_items",
	    G(g_nwithheld) },

	{ "sha256", JC, DT_STRING, 0, "col_sha256", G(g_digest) },
	{ NULL, 0, DT_STRING, 0, NULL, ABOVE }
};

/* The strings.yaml keys of the types, by enum dtype. */
const char *const data_types[DT__MAX] = {
	"type_string", "type_date", "type_integer", "type_boolean",
	"type_array", "type_object"
};

static void
jcase(struct buf *b, const struct site *s, const struct record *r)
{
	const struct datafield	*f;
	struct dcell		 c;
	int			 first = 1;

	buf_puts(b, "    {");
	for (f = data_fields; f->name != NULL; f++) {
		if (!(f->in & DATA_JSON))
			continue;
		jkey(b, "      ", f->name, first);
		first = 0;
		if (f->json != NULL)
			f->json(b, s, r);
		else {
			cell(f, s, r, &c);
			jcell(b, f, &c);
			free(c.own);
		}
	}
	buf_puts(b, "\n    }");
}

static void
ccase(struct buf *b, const struct site *s, const struct record *r)
{
	const struct datafield	*f;
	struct dcell		 c;
	int			 first = 1;

	for (f = data_fields; f->name != NULL; f++) {
		if (!(f->in & DATA_CSV))
			continue;
		if (!first)
			buf_putc(b, ',');
		first = 0;
		cell(f, s, r, &c);
		ccell(b, f, &c);
		free(c.own);
	}
	buf_puts(b, "\r\n");
}

/* Cases made side by side, BATCH at a time, then written in order. */
#define BATCH	512

/* cases.json and cases.csv written (and digested) side by side. */
struct drainjob {
	struct wfile	*w[2];
	struct buf	*b[2];
	int		 all;
};

static void
drainone(void *arg, size_t i, int worker)
{
	struct drainjob	*d = arg;

	(void)worker;
	wdrain(d->w[i], d->b[i], d->all);
}

static void
drains(struct pool *pool, struct wfile *w0, struct buf *b0,
    struct wfile *w1, struct buf *b1, int all)
{
	struct drainjob	 d = { { w0, w1 }, { b0, b1 }, all };

	pool_for(pool, 2, drainone, &d);
}

struct datajob {
	const struct site	*s;
	size_t			 base;
	struct buf		*jc;	/* each case's JSON, then its CSV */
	size_t			*split;	/* where its CSV begins */
	size_t			 hits;	/* as made before */
};

/*
 * The key of a case's entry in the memo: its public record (whose src
 * holds site.yaml) and what it is; 0 when it has none.
 */
static int
datakey(const struct site *s, const struct record *r, unsigned char *key)
{
	crypto_generichash_state	 st;

	if (s->memo == NULL || zero32(r->src))
		return 0;
	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)"data", 5);
	crypto_generichash_update(&st, r->src, 32);
	crypto_generichash_final(&st, key, 32);
	return 1;
}

/* Case i of the batch: its JSON and CSV as made before, or made now
 * and remembered (the length of the JSON, four bytes, then both). */
static void
dataone(void *arg, size_t i, int worker)
{
	struct datajob		*j = arg;
	const struct site	*s = j->s;
	const struct record	*r = s->pages[j->base + i];
	const struct pagememo	*m = s->memo;
	struct buf		*b = &j->jc[i];
	unsigned char		 key[32];
	uint32_t		 n;
	size_t			 len;
	char			*e;
	int			 keyed;

	(void)worker;
	b->len = 0;
	if ((keyed = datakey(s, r, key)) && m->load(m->arg, key, &e, &len)) {
		if (len >= sizeof(n) && (memcpy(&n, e, sizeof(n)),
		    n <= len - sizeof(n))) {
			buf_put(b, e + sizeof(n), len - sizeof(n));
			j->split[i] = n;
			__atomic_add_fetch(&j->hits, 1, __ATOMIC_RELAXED);
			free(e);
			return;
		}
		free(e);
	}
	buf_put(b, "\0\0\0\0", sizeof(n));
	jcase(b, s, r);
	n = (uint32_t)(b->len - sizeof(n));
	memcpy(b->p, &n, sizeof(n));
	ccase(b, s, r);
	if (keyed)
		m->save(m->arg, key, b->p, b->len);
	memmove(b->p, b->p + sizeof(n), b->len - sizeof(n));
	b->len -= sizeof(n);
	j->split[i] = n;
}

/*
 * Write data/cases.json and data/cases.csv into out, a megabyte at a
 * time, the cases made on the pool; *hits says how many were as made
 * before.  0 on error.
 */
int
data_write(const struct site *s, const char *out, struct pool *pool,
    size_t *hits)
{
	struct datajob	 dj;
	size_t		 k, m;
	const struct datafield	*f;
	struct wfile	 wj, wc;
	struct buf	 j, c;
	struct dcell	 v;
	size_t		 i;
	int		 ok, first;

	memset(&j, 0, sizeof(j));
	memset(&c, 0, sizeof(c));
	if (!wopen(&wj, out, "data/cases.json"))
		return 0;
	if (!wopen(&wc, out, "data/cases.csv")) {
		wclose(&wj);
		return 0;
	}
	/* cases.json's own fields, up to the array of cases. */
	buf_puts(&j, "{");
	for (f = data_fields; f->in & DATA_FILE; f++) {
		jkey(&j, "  ", f->name, f == data_fields);
		if (f->get == NULL)
			break;
		cell(f, s, NULL, &v);
		jcell(&j, f, &v);
		free(v.own);
	}
	buf_puts(&j, "[");
	/* The byte order mark, then the names of the columns. */
	buf_puts(&c, "\xEF\xBB\xBF");
	for (first = 1, f = data_fields; f->name != NULL; f++) {
		if (!(f->in & DATA_CSV))
			continue;
		if (!first)
			buf_putc(&c, ',');
		first = 0;
		buf_puts(&c, f->name);
	}
	buf_puts(&c, "\r\n");
	memset(&dj, 0, sizeof(dj));
	dj.s = s;
	dj.jc = xcalloc(BATCH, sizeof(*dj.jc));
	dj.split = xcalloc(BATCH, sizeof(*dj.split));
	for (i = 0; i < s->npages; i += m) {
		m = s->npages - i < BATCH ? s->npages - i : BATCH;
		dj.base = i;
		pool_for(pool, m, dataone, &dj);
		for (k = 0; k < m; k++) {
			buf_puts(&j, i + k == 0 ? "\n" : ",\n");
			buf_put(&j, dj.jc[k].p, dj.split[k]);
			buf_put(&c, dj.jc[k].p + dj.split[k], dj.jc[k].len -
			    dj.split[k]);
		}
		drains(pool, &wj, &j, &wc, &c, 0);
	}
	for (k = 0; k < BATCH; k++)
		buf_free(&dj.jc[k]);
	free(dj.jc);
	free(dj.split);
	*hits = dj.hits;
	buf_puts(&j, s->npages > 0 ? "\n  ]\n}\n" : "]\n}\n");
	drains(pool, &wj, &j, &wc, &c, 1);
	ok = wclose(&wj);
	ok = wclose(&wc) && ok;
	buf_free(&j);
	buf_free(&c);
	return ok;
}
