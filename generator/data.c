/*
 * Open data: data/cases.json and data/cases.csv, one record per case
 * with a page (closed, and withdrawn tombstones), ordered by id.  Both
 * derive from public records only: a withheld value is null in JSON
 * and the withheld marker text in CSV; pseudonyms and masks appear as
 * they do on the pages.
 */
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

/* A value for JSON: its text, or null when withheld or absent. */
static void
jval(struct buf *b, const struct val *v)
{
	char	*t;

	if (v->st == V_SET) {
		t = render_plain(v);
		json_str(b, t);
		free(t);
	} else
		buf_puts(b, "null");
}

static void
jbool(struct buf *b, const struct val *v)
{
	if (v->st == V_SET)
		buf_puts(b, strcmp(v->s, "true") == 0 ? "true" : "false");
	else if (v->st == V_ABSENT)
		buf_puts(b, "false");
	else
		buf_puts(b, "null");
}

static void
jkey(struct buf *b, const char *indent, const char *key, int first)
{
	buf_puts(b, first ? "" : ",");
	buf_printf(b, "\n%s\"%s\": ", indent, key);
}

static void
jperson(struct buf *b, const struct person *p, const char *in)
{
	buf_puts(b, "{");
	jkey(b, in, "name", 1);
	jval(b, &p->name);
	jkey(b, in, "position", 0);
	jval(b, &p->position);
	buf_printf(b, "\n%.*s}", (int)strlen(in) - 2, in);
}

static void
jcase(struct buf *b, const struct site *s, const struct record *r)
{
	const char	*in = "      ";
	char		*url;
	size_t		 i, g;
	long		 days;
	int		 first;

	buf_puts(b, "    {");
	jkey(b, in, "id", 1);
	json_str(b, r->id.s);
	url = xasprintf("%scases/%s/", s->cfg->base_url, r->id.s);
	jkey(b, in, "url", 0);
	json_str(b, url);
	free(url);
	jkey(b, in, "status", 0);
	jval(b, &r->status);
	jkey(b, in, "title", 0);
	jval(b, &r->title);
	jkey(b, in, "summary", 0);
	jval(b, &r->summary);
	jkey(b, in, "unit", 0);
	jval(b, &r->unit);
	jkey(b, in, "category", 0);
	jval(b, &r->category);
	jkey(b, in, "outcome", 0);
	jval(b, &r->outcome);
	jkey(b, in, "outcome_label", 0);
	if (r->oc != OUTCOME_NONE)
		json_str(b, render_outcome(r->oc));
	else
		buf_puts(b, "null");
	jkey(b, in, "subject", 0);
	if (r->has_subject)
		jperson(b, &r->subject, "        ");
	else
		buf_puts(b, "null");
	jkey(b, in, "factors", 0);
	if (r->has_factors) {
		buf_puts(b, "{");
		for (i = 0; i < FACTOR__MAX; i++) {
			jkey(b, "        ", factor_keys[i], i == 0);
			jval(b, &r->factors[i]);
		}
		buf_puts(b, "\n      }");
	} else
		buf_puts(b, "null");
	jkey(b, in, "procedure", 0);
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
	jkey(b, in, "third_party_review", 0);
	jbool(b, &r->third_party_review);
	jkey(b, in, "hearing", 0);
	jbool(b, &r->hearing);
	jkey(b, in, "decided", 0);
	jval(b, &r->decided);
	jkey(b, in, "published", 0);
	jval(b, &r->published);
	jkey(b, in, "days_to_decision", 0);
	if ((days = record_days(r)) >= 0)
		buf_printf(b, "%ld", days);
	else
		buf_puts(b, "null");
	jkey(b, in, "revisions", 0);
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
	jkey(b, in, "withdrawn", 0);
	if (r->has_withdrawn) {
		buf_puts(b, "{\"date\": ");
		jval(b, &r->withdrawn_date);
		buf_puts(b, ", \"reason\": ");
		jval(b, &r->withdrawn_reason);
		buf_puts(b, "}");
	} else
		buf_puts(b, "null");
	jkey(b, in, "withheld", 0);
	buf_printf(b, "{\"count\": %zu, \"grounds\": [", r->nwithheld);
	for (first = 1, g = 0; g < s->pol->ngrounds; g++) {
		if (r->withheld[g] == 0)
			continue;
		buf_puts(b, first ? "{\"ground\": " : ", {\"ground\": ");
		json_str(b, render_ground(s->pol, g));
		buf_printf(b, ", \"count\": %zu}", r->withheld[g]);
		first = 0;
	}
	buf_puts(b, "]}");
	if (r->digest != NULL) {
		jkey(b, in, "sha256", 0);
		json_str(b, r->digest);
	}
	buf_puts(b, "\n    }");
}

/* A value for CSV: its text, the withheld marker, or empty. */
static void
cval(struct buf *b, const struct val *v, int last)
{
	char	*t = render_plain(v);

	csv_field(b, t);
	free(t);
	buf_puts(b, last ? "\r\n" : ",");
}

static void
cstr(struct buf *b, const char *s)
{
	csv_field(b, s);
	buf_putc(b, ',');
}

/* The columns of cases.csv, in order; data/index.html describes each. */
const char *const data_columns[] = {
	"id", "url", "status", "title", "unit", "category", "outcome",
	"outcome_label", "subject_name", "subject_position",
	"factor_degree", "factor_motive", "factor_conditions",
	"factor_procedure", "factor_policy", "factor_consequence",
	"applied", "decided", "published", "days_to_decision",
	"third_party_review", "hearing", "revisions", "last_revised",
	"withdrawn_date", "withdrawn_reason", "withheld_items", "sha256",
	NULL
};

static void
ccase(struct buf *b, const struct site *s, const struct record *r)
{
	struct val	 none;
	char		*url;
	long		 days;
	size_t		 i;

	memset(&none, 0, sizeof(none));
	cstr(b, r->id.s);
	url = xasprintf("%scases/%s/", s->cfg->base_url, r->id.s);
	cstr(b, url);
	free(url);
	cval(b, &r->status, 0);
	cval(b, &r->title, 0);
	cval(b, &r->unit, 0);
	cval(b, &r->category, 0);
	cval(b, &r->outcome, 0);
	cstr(b, r->oc != OUTCOME_NONE ? render_outcome(r->oc) : "");
	cval(b, r->has_subject ? &r->subject.name : &none, 0);
	cval(b, r->has_subject ? &r->subject.position : &none, 0);
	for (i = 0; i < FACTOR__MAX; i++)
		cval(b, &r->factors[i], 0);
	cval(b, r->nsteps > 0 ? &r->steps[0].date : &none, 0);
	cval(b, &r->decided, 0);
	cval(b, &r->published, 0);
	if ((days = record_days(r)) >= 0)
		buf_printf(b, "%ld,", days);
	else
		buf_putc(b, ',');
	cstr(b, r->third_party_review.st == V_SET ?
	    r->third_party_review.s : "");
	cstr(b, r->hearing.st == V_SET ? r->hearing.s : "");
	buf_printf(b, "%zu,", r->nrevs);
	cval(b, r->nrevs > 0 ? &r->revs[r->nrevs - 1].date : &none, 0);
	cval(b, &r->withdrawn_date, 0);
	cval(b, &r->withdrawn_reason, 0);
	buf_printf(b, "%zu,", r->nwithheld);
	csv_field(b, r->digest != NULL ? r->digest : "");
	buf_puts(b, "\r\n");
}

/*
 * Write data/cases.json and data/cases.csv into out, a megabyte at a
 * time; 0 on error.
 */
int
data_write(const struct site *s, const char *out)
{
	struct wfile	 wj, wc;
	struct buf	 j, c;
	size_t		 i;
	int		 ok;

	memset(&j, 0, sizeof(j));
	memset(&c, 0, sizeof(c));
	if (!wopen(&wj, out, "data/cases.json"))
		return 0;
	if (!wopen(&wc, out, "data/cases.csv")) {
		wclose(&wj);
		return 0;
	}
	buf_puts(&j, "{\n  \"title\": ");
	json_str(&j, s->cfg->title);
	buf_puts(&j, ",\n  \"publisher\": ");
	json_str(&j, s->cfg->publisher);
	buf_puts(&j, ",\n  \"home_page_url\": ");
	json_str(&j, s->cfg->base_url);
	buf_puts(&j, ",\n  \"audience\": ");
	json_str(&j, audience_names[s->aud]);
	buf_printf(&j, ",\n  \"count\": %zu,\n  \"cases\": [", s->npages);
	for (i = 0; data_columns[i] != NULL; i++) {
		buf_puts(&c, data_columns[i]);
		buf_puts(&c, data_columns[i + 1] != NULL ? "," : "\r\n");
	}
	for (i = 0; i < s->npages; i++) {
		buf_puts(&j, i == 0 ? "\n" : ",\n");
		jcase(&j, s, s->pages[i]);
		ccase(&c, s, s->pages[i]);
		wdrain(&wj, &j, 0);
		wdrain(&wc, &c, 0);
	}
	buf_puts(&j, s->npages > 0 ? "\n  ]\n}\n" : "]\n}\n");
	wdrain(&wj, &j, 1);
	wdrain(&wc, &c, 1);
	ok = wclose(&wj);
	ok = wclose(&wc) && ok;
	buf_free(&j);
	buf_free(&c);
	return ok;
}
