/*
 * The statistics page: outcomes by year, by unit and by category, and
 * the days from application to decision, each as a chart and as a table
 * of the same numbers.  Years run newest first everywhere, as on the
 * page of years.  A table's row links to its term's page.
 *
 * A chart is one row per term: the term's name is HTML text, so that it
 * wraps and keeps the page's type size on a phone, and its bar is an SVG
 * as wide as the row whose rectangles are percentages of that width.  No
 * viewBox scales anything, so the tick labels keep their size too.  The
 * axis runs to a round number (stats_ticks).  Geometry is integer, in
 * hundredths of a percent, so that the output never depends on the
 * locale or on floating point.
 *
 * Only public values count: a case whose year, unit or category is not
 * public is counted in a row of its own, without a link, so that every
 * table adds up to the cases per outcome; a case whose dates are withheld
 * or generalized is left out of the durations, and the page says how
 * many were.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

#define MAXSTEPS	4	/* steps of an axis at most */

/* Duration buckets, in days: up to 30, 60, 90, 120, 180, more. */
static const long bucket_max[] = { 30, 60, 90, 120, 180, -1 };
#define NBUCKETS (sizeof(bucket_max) / sizeof(bucket_max[0]))

/* One row of a chart and of its table. */
struct srow {
	char	*name;			/* a term's heading, a range */
	char	*href;			/* its term's page, or NULL */
	size_t	 n[OUTCOME__MAX];	/* cases per outcome, or n[0] */
};

/*
 * The ticks of a count axis: 0, step, 2 × step … n × step, where step is
 * the least round number (1, 2 or 5 × 10^k) with which n ≤ MAXSTEPS and
 * n × step ≥ max.  Returns n, at least 1, so that an axis of nothing
 * still runs from 0 to 1.  A max beyond SIZE_MAX / 2, which no count of
 * records held in memory reaches, is taken as SIZE_MAX / 2, so that
 * n × step never overflows.
 */
size_t
stats_ticks(size_t max, size_t *step)
{
	static const size_t	 mult[] = { 1, 2, 5 };
	size_t			 least, m, i;

	if (max > SIZE_MAX / 2)
		max = SIZE_MAX / 2;
	least = max / MAXSTEPS + (max % MAXSTEPS != 0);
	for (m = 1; ; m *= 10)
		for (i = 0; i < sizeof(mult) / sizeof(mult[0]); i++)
			if (mult[i] * m >= least) {
				*step = mult[i] * m;
				if (max == 0)
					return 1;
				return max / *step + (max % *step != 0);
			}
}

/*
 * The axis of a chart of counts up to max: its ticks (section TICK of
 * chart) and, in *steps, how many steps it has.  Returns the count at
 * its end.
 */
size_t
stats_axis(struct tdict *chart, size_t max, size_t *steps)
{
	struct tdict	*g;
	size_t		 step, k;

	*steps = stats_ticks(max, &step);
	for (k = 0; k <= *steps; k++) {
		g = tmpl_section(chart, "TICK");
		stats_setpct(g, "X", stats_share(k, *steps));
		tmpl_set_int(g, "V", (long)(k * step));
		tmpl_set(g, "ANCHOR", k == 0 ? "start" :
		    k == *steps ? "end" : "middle");
	}
	return *steps * step;
}

/* v of top in hundredths of a percent, rounded, at most 10000. */
size_t
stats_share(size_t v, size_t top)
{
	size_t	 r;

	if (top == 0)
		return 0;
	r = top <= SIZE_MAX / 20000 ? (v * 10000 + top / 2) / top :
	    v / (top / 10000);
	return r < 10000 ? r : 10000;
}

/* A length in hundredths of a percent, as an attribute: "42.50%". */
void
stats_setpct(struct tdict *d, const char *var, size_t hundredths)
{
	char	 b[32];

	snprintf(b, sizeof(b), "%zu.%02zu%%", hundredths / 100,
	    hundredths % 100);
	tmpl_set(d, var, b);
}

static void
setn(struct tdict *d, const char *var, size_t v)
{
	char	 b[32];

	snprintf(b, sizeof(b), "%zu", v);
	tmpl_set(d, var, b);
}

static size_t
rowsum(const struct srow *r)
{
	size_t	 o, sum = 0;

	for (o = 0; o < OUTCOME__MAX; o++)
		sum += r->n[o];
	return sum;
}

/*
 * The chart of rows (section CHART): a stacked bar per row, one segment
 * per outcome, or one bar of n[0] in code when code is not NULL.
 */
static void
chart(struct tdict *sec, const struct srow *rows, size_t n,
    const char *code)
{
	struct tdict	*c, *r, *g;
	size_t		 max = 0, steps, top, i, k, o, at, w;
	char		*label;

	for (i = 0; i < n; i++)
		if (rowsum(&rows[i]) > max)
			max = rowsum(&rows[i]);
	c = tmpl_section(sec, "CHART");
	top = stats_axis(c, max, &steps);
	for (i = 0; i < n; i++) {
		r = tmpl_section(c, "ROW");
		tmpl_set(r, "NAME", rows[i].name);
		setn(r, "SUM", rowsum(&rows[i]));
		for (k = 0; k <= steps; k++)
			stats_setpct(tmpl_section(r, "GRID"), "X",
			    stats_share(k, steps));
		for (at = 0, o = 0; o < OUTCOME__MAX; o++) {
			if (rows[i].n[o] == 0)
				continue;
			g = tmpl_section(r, "SEG");
			w = stats_share(at + rows[i].n[o], top) -
			    stats_share(at, top);
			stats_setpct(g, "X", stats_share(at, top));
			stats_setpct(g, "W", w);
			at += rows[i].n[o];
			if (code != NULL) {
				tmpl_set(g, "CODE", code);
				label = xasprintf("%s%s%zu", rows[i].name,
				    theme_str("colon"), rows[i].n[o]);
			} else {
				tmpl_set(g, "CODE", outcome_names[o]);
				label = xasprintf("%s %s%s%zu", rows[i].name,
				    theme_outcome((enum outcome)o),
				    theme_str("colon"), rows[i].n[o]);
			}
			tmpl_set(g, "LABEL", label);
			free(label);
		}
	}
}

/* A row's name, linked to its term's page when it has one. */
static void
rowname(struct tdict *r, const struct srow *row)
{
	tmpl_set(r, "NAME", row->name);
	if (row->href != NULL)
		tmpl_set(tmpl_section(r, "LINK"), "HREF", row->href);
}

/* The table of rows by outcome (section TROW), and its sums (FOOT). */
static void
table(struct tdict *sec, const struct srow *rows, size_t n)
{
	struct tdict	*r;
	size_t		 acc[OUTCOME__MAX], i, o, all = 0;

	memset(acc, 0, sizeof(acc));
	for (i = 0; i < n; i++) {
		r = tmpl_section(sec, "TROW");
		rowname(r, &rows[i]);
		for (o = 0; o < OUTCOME__MAX; o++) {
			setn(tmpl_section(r, "CELL"), "V", rows[i].n[o]);
			acc[o] += rows[i].n[o];
		}
		setn(r, "SUM", rowsum(&rows[i]));
	}
	for (o = 0; o < OUTCOME__MAX; o++) {
		setn(tmpl_section(sec, "FOOT"), "V", acc[o]);
		all += acc[o];
	}
	setn(sec, "ALL", all);
}

/* The link from stats/ to the page of a term (caller frees). */
static char *
termhref(const struct site *s, enum tax t, size_t term)
{
	char	*dir, *href;

	dir = index_termdir(s, t, term);
	href = xasprintf("../%sindex.html", dir);
	free(dir);
	return href;
}

static void
rowsfree(struct srow *rows, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].href);
	}
	free(rows);
}

/*
 * The outcomes by the terms of a taxonomy (section GROUP): a row per term
 * with a page, in the taxonomy's order (years newest first, units and
 * categories as site.yaml lists them), then a row of the cases whose
 * term is not public, when there are any.
 */
static void
group(struct tdict *d, const struct site *s, enum tax t,
    const char *heading, const char *column)
{
	const struct taxonomy	*tx = &s->tax[t];
	struct tdict		*sec;
	struct srow		*rows, other;
	size_t			 i, n = 0;

	rows = xcalloc(tx->nterms + 1, sizeof(*rows));
	for (i = 0; i < tx->nterms; i++) {
		if (!index_has_page(s, t, (long)i))
			continue;
		rows[n].name = theme_termname(s, t, i);
		rows[n].href = termhref(s, t, i);
		memcpy(rows[n].n, tx->terms[i].count, sizeof(rows[n].n));
		n++;
	}
	memset(&other, 0, sizeof(other));
	for (i = 0; i < s->ncases; i++)
		if (s->cases[i]->term[t] < 0 &&
		    s->cases[i]->oc != OUTCOME_NONE)
			other.n[s->cases[i]->oc]++;
	if (rowsum(&other) > 0) {
		other.name = xstrdup(theme_str("stats_not_public"));
		rows[n++] = other;
	}
	sec = tmpl_section(d, "GROUP");
	tmpl_set(sec, "KEY", index_taxname(t));
	tmpl_set(sec, "HEADING", theme_str(heading));
	tmpl_set(sec, "COLUMN", theme_str(column));
	chart(sec, rows, n, NULL);
	table(sec, rows, n);
	rowsfree(rows, n);
}

static int
longcmp(const void *a, const void *b)
{
	long	 x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* The median of sorted v (n > 0), rounded half up. */
long
stats_median(const long *v, size_t n)
{
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2] + 1) / 2;
}

/* A row of the days per year: cases, median, shortest, longest. */
static void
spread(struct tdict *r, const long *v, size_t n)
{
	setn(r, "N", n);
	tmpl_set_int(r, "MEDIAN", stats_median(v, n));
	tmpl_set_int(r, "MIN", v[0]);
	tmpl_set_int(r, "MAX", v[n - 1]);
}

static void
durations(struct tdict *d, const struct site *s)
{
	const struct taxonomy	*years = &s->tax[TAX_YEAR];
	struct tdict		*tb, *r;
	struct srow		 rows[NBUCKETS], yrow;
	long			*all, *yv, days;
	size_t			 i, k, n = 0, ny, unknown = 0;

	memset(rows, 0, sizeof(rows));
	for (k = 0; k < NBUCKETS; k++)
		rows[k].name = k == NBUCKETS - 1 ?
		    xasprintf("> %ld", bucket_max[k - 1]) :
		    xasprintf("%ld–%ld", k == 0 ? 0 : bucket_max[k - 1] + 1,
		    bucket_max[k]);
	all = xcalloc(s->ncases, sizeof(*all));
	for (i = 0; i < s->ncases; i++) {
		if ((days = record_days(s->cases[i])) < 0) {
			unknown++;
			continue;
		}
		all[n++] = days;
		for (k = 0; k < NBUCKETS - 1 && days > bucket_max[k]; k++)
			continue;
		rows[k].n[0]++;
	}
	tb = tmpl_section(d, "DAYS");
	setn(tb, "N", n);
	if (unknown > 0)
		setn(tmpl_section(tb, "UNKNOWN"), "N", unknown);
	chart(tb, rows, NBUCKETS, "days");
	for (k = 0; k < NBUCKETS; k++) {
		r = tmpl_section(tb, "BUCKET");
		tmpl_set(r, "RANGE", rows[k].name);
		setn(r, "N", rows[k].n[0]);
		free(rows[k].name);
	}

	/* Per year, newest first as everywhere on the page. */
	memset(&yrow, 0, sizeof(yrow));
	yv = xcalloc(s->ncases, sizeof(*yv));
	for (i = 0; i < years->nterms; i++) {
		const struct term *tm = &years->terms[i];

		for (ny = 0, k = 0; k < tm->nrecs; k++)
			if ((days = record_days(tm->recs[k])) >= 0)
				yv[ny++] = days;
		if (ny == 0)
			continue;
		qsort(yv, ny, sizeof(*yv), longcmp);
		r = tmpl_section(tb, "YEAR");
		yrow.name = theme_termname(s, TAX_YEAR, i);
		yrow.href = index_has_page(s, TAX_YEAR, (long)i) ?
		    termhref(s, TAX_YEAR, i) : NULL;
		rowname(r, &yrow);
		free(yrow.name);
		free(yrow.href);
		spread(r, yv, ny);
	}
	if (n > 0) {
		qsort(all, n, sizeof(*all), longcmp);
		spread(tmpl_section(tb, "ALL"), all, n);
	}
	free(yv);
	free(all);
}

/* Fill the dictionary of stats.tpl. */
void
stats_fill(const struct site *s, struct tdict *d)
{
	struct tdict	*h;
	char		*href;
	size_t		 o;

	setn(d, "TOTAL", s->ncases);
	for (o = 0; o < OUTCOME__MAX; o++) {
		h = tmpl_section(d, "HEAD");
		tmpl_set(h, "CODE", outcome_names[o]);
		tmpl_set(h, "LABEL", theme_outcome((enum outcome)o));
		href = termhref(s, TAX_OUTCOME, o);
		tmpl_set(h, "HREF", href);
		free(href);
	}
	group(d, s, TAX_YEAR, "stats_by_year", "year");
	group(d, s, TAX_UNIT, "stats_by_unit", "unit");
	group(d, s, TAX_CATEGORY, "stats_by_category", "category");
	durations(d, s);
}
