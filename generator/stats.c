/*
 * The statistics page: outcomes per year, outcomes per unit, and the
 * days from application to decision, each as a table and as an inline
 * SVG chart drawn from the same numbers.  Geometry is integer so that
 * the output never depends on the locale or on floating point.  Only
 * public values count: a case whose dates are withheld or generalized
 * is left out of the durations, and the page says how many were.
 */
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

#define CHART_W		640	/* width of a chart's viewBox */
#define BAR_H		200	/* height of the plot area of a bar chart */
#define TOP		16
#define LEFT		40
#define ROW_H		26	/* height of a row of a horizontal chart */
#define LABEL_W		220	/* width of the labels of a horizontal chart */

/* Duration buckets, in days: up to 30, 60, 90, 120, 180, more. */
static const long bucket_max[] = { 30, 60, 90, 120, 180, -1 };
#define NBUCKETS (sizeof(bucket_max) / sizeof(bucket_max[0]))

static void
setl(struct tdict *d, const char *var, long v)
{
	tmpl_set_int(d, var, v);
}

/* A rounded-up axis maximum: 1, 2, 5 × 10^k. */
static long
nicemax(long v)
{
	long	 m = 1;

	if (v < 1)
		return 1;
	for (;;) {
		if (v <= m)
			return m;
		if (v <= 2 * m)
			return 2 * m;
		if (v <= 5 * m)
			return 5 * m;
		m *= 10;
	}
}

/* One bar of a chart, with its label for screen readers and tooltips. */
static void
bar(struct tdict *chart, long x, long y, long w, long h, const char *code,
    const char *label)
{
	struct tdict	*b;

	b = tmpl_section(chart, "BAR");
	setl(b, "X", x);
	setl(b, "Y", y);
	setl(b, "W", w);
	setl(b, "H", h);
	tmpl_set(b, "CODE", code);
	tmpl_set(b, "LABEL", label);
}

/* The label under a column of a vertical bar chart. */
static void
xlabel(struct tdict *chart, long x, const char *text)
{
	struct tdict	*l;

	l = tmpl_section(chart, "XLABEL");
	setl(l, "X", x);
	setl(l, "Y", TOP + BAR_H + 18);
	tmpl_set(l, "TEXT", text);
}

/* Horizontal grid lines and their labels for a vertical bar chart. */
static void
grid(struct tdict *chart, long max)
{
	struct tdict	*g;
	long		 i, v, y;

	for (i = 0; i <= 4; i++) {
		v = max * i / 4;
		if (i > 0 && v == max * (i - 1) / 4)
			continue;
		y = TOP + BAR_H - BAR_H * v / max;
		g = tmpl_section(chart, "GRID");
		setl(g, "Y", y);
		setl(g, "TY", y + 4);
		setl(g, "X1", LEFT);
		setl(g, "X2", CHART_W);
		setl(g, "V", v);
	}
}

/* Stacked vertical bars: one column per term, one segment per outcome. */
static void
bystacked(struct tdict *chart, const struct term *terms, const size_t *idx,
    size_t n, const struct site *s, enum tax t)
{
	long		 max = 0, tot, colw, barw, x, y, h, k;
	size_t		 i, o;
	char		*name, *label;

	for (i = 0; i < n; i++) {
		for (tot = 0, o = 0; o < OUTCOME__MAX; o++)
			tot += (long)terms[idx[i]].count[o];
		if (tot > max)
			max = tot;
	}
	max = nicemax(max);
	grid(chart, max);
	colw = n == 0 ? 1 : (CHART_W - LEFT) / (long)n;
	barw = colw * 3 / 5;
	for (i = 0; i < n; i++) {
		x = LEFT + colw * (long)i + (colw - barw) / 2;
		y = TOP + BAR_H;
		name = render_termname(s, t, idx[i]);
		for (o = 0; o < OUTCOME__MAX; o++) {
			k = (long)terms[idx[i]].count[o];
			if (k == 0)
				continue;
			h = BAR_H * k / max;
			y -= h;
			label = xasprintf("%s %s: %ld", name,
			    render_outcome((enum outcome)o), k);
			bar(chart, x, y, barw, h, outcome_names[o], label);
			free(label);
		}
		xlabel(chart, x + barw / 2, name);
		free(name);
	}
	setl(chart, "W", CHART_W);
	setl(chart, "H", TOP + BAR_H + 28);
}

/* Stacked horizontal bars: one row per term (for long unit names). */
static void
byrow(struct tdict *chart, const struct term *terms, const size_t *idx,
    size_t n, const struct site *s, enum tax t)
{
	struct tdict	*l;
	long		 max = 0, tot, x, w, k, y;
	size_t		 i, o;
	char		*name, *label;

	for (i = 0; i < n; i++) {
		for (tot = 0, o = 0; o < OUTCOME__MAX; o++)
			tot += (long)terms[idx[i]].count[o];
		if (tot > max)
			max = tot;
	}
	max = nicemax(max);
	for (i = 0; i < n; i++) {
		y = TOP + ROW_H * (long)i;
		x = LABEL_W;
		name = render_termname(s, t, idx[i]);
		for (tot = 0, o = 0; o < OUTCOME__MAX; o++) {
			k = (long)terms[idx[i]].count[o];
			if (k == 0)
				continue;
			tot += k;
			w = (CHART_W - LABEL_W - 40) * k / max;
			label = xasprintf("%s %s: %ld", name,
			    render_outcome((enum outcome)o), k);
			bar(chart, x, y, w, ROW_H - 8, outcome_names[o],
			    label);
			free(label);
			x += w;
		}
		l = tmpl_section(chart, "YLABEL");
		setl(l, "X", LABEL_W - 8);
		setl(l, "Y", y + ROW_H / 2);
		tmpl_set(l, "TEXT", name);
		l = tmpl_section(chart, "VLABEL");
		setl(l, "X", x + 6);
		setl(l, "Y", y + ROW_H / 2);
		setl(l, "V", tot);
		free(name);
	}
	setl(chart, "W", CHART_W);
	setl(chart, "H", TOP + ROW_H * (long)n + 8);
}

/* One table row of counts per outcome for a term. */
static void
row(struct tdict *tb, const struct site *s, enum tax t, size_t term,
    size_t *acc)
{
	struct tdict	*r, *c;
	const struct term *tm = &s->tax[t].terms[term];
	char		*name;
	size_t		 o, tot = 0;

	r = tmpl_section(tb, "ROW");
	name = render_termname(s, t, term);
	tmpl_set(r, "NAME", name);
	free(name);
	for (o = 0; o < OUTCOME__MAX; o++) {
		c = tmpl_section(r, "CELL");
		setl(c, "V", (long)tm->count[o]);
		tot += tm->count[o];
		acc[o] += tm->count[o];
	}
	setl(r, "TOTAL", (long)tot);
}

static int
longcmp(const void *a, const void *b)
{
	long	 x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* The median of sorted v (n > 0), rounded half up. */
static long
median(const long *v, size_t n)
{
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2] + 1) / 2;
}

static void
durations(struct tdict *d, const struct site *s)
{
	struct tdict	*tb, *r, *chart;
	long		*all, *yv, days, max, h, colw, barw, x;
	size_t		 counts[NBUCKETS], i, k, n = 0, ny, unknown = 0;
	char		*label;

	memset(counts, 0, sizeof(counts));
	all = xcalloc(s->ncases, sizeof(*all));
	for (i = 0; i < s->ncases; i++) {
		if ((days = record_days(s->cases[i])) < 0) {
			unknown++;
			continue;
		}
		all[n++] = days;
		for (k = 0; k < NBUCKETS - 1 && days > bucket_max[k]; k++)
			continue;
		counts[k]++;
	}
	tb = tmpl_section(d, "DAYS");
	setl(tb, "N", (long)n);
	if (unknown > 0)
		setl(tmpl_section(tb, "UNKNOWN"), "N", (long)unknown);
	for (k = 0; k < NBUCKETS; k++) {
		r = tmpl_section(tb, "BUCKET");
		label = k == NBUCKETS - 1 ?
		    xasprintf("> %ld", bucket_max[k - 1]) :
		    xasprintf("%ld–%ld", k == 0 ? 0 : bucket_max[k - 1] + 1,
		    bucket_max[k]);
		tmpl_set(r, "RANGE", label);
		setl(r, "N", (long)counts[k]);
		free(label);
	}
	/* Per year: cases, median, shortest, longest. */
	yv = xcalloc(s->ncases, sizeof(*yv));
	for (i = 0; i < s->tax[TAX_YEAR].nterms; i++) {
		const struct term *tm = &s->tax[TAX_YEAR].terms[i];

		for (ny = 0, k = 0; k < tm->nrecs; k++)
			if ((days = record_days(tm->recs[k])) >= 0)
				yv[ny++] = days;
		if (ny == 0)
			continue;
		qsort(yv, ny, sizeof(*yv), longcmp);
		r = tmpl_section(tb, "YEAR");
		label = render_termname(s, TAX_YEAR, i);
		tmpl_set(r, "YEAR", label);
		free(label);
		setl(r, "N", (long)ny);
		setl(r, "MEDIAN", median(yv, ny));
		setl(r, "MIN", yv[0]);
		setl(r, "MAX", yv[ny - 1]);
	}
	if (n > 0) {
		qsort(all, n, sizeof(*all), longcmp);
		r = tmpl_section(tb, "ALL");
		setl(r, "N", (long)n);
		setl(r, "MEDIAN", median(all, n));
		setl(r, "MIN", all[0]);
		setl(r, "MAX", all[n - 1]);
	}
	/* A histogram of the buckets. */
	chart = tmpl_section(tb, "CHART");
	for (max = 0, k = 0; k < NBUCKETS; k++)
		if ((long)counts[k] > max)
			max = (long)counts[k];
	max = nicemax(max);
	grid(chart, max);
	colw = (CHART_W - LEFT) / (long)NBUCKETS;
	barw = colw * 3 / 5;
	for (k = 0; k < NBUCKETS; k++) {
		x = LEFT + colw * (long)k + (colw - barw) / 2;
		label = k == NBUCKETS - 1 ?
		    xasprintf("> %ld", bucket_max[k - 1]) :
		    xasprintf("%ld–%ld", k == 0 ? 0 : bucket_max[k - 1] + 1,
		    bucket_max[k]);
		if (counts[k] > 0) {
			char *t = xasprintf("%s: %zu", label, counts[k]);

			h = BAR_H * (long)counts[k] / max;
			bar(chart, x, TOP + BAR_H - h, barw, h, "days", t);
			free(t);
		}
		xlabel(chart, x + barw / 2, label);
		free(label);
	}
	setl(chart, "W", CHART_W);
	setl(chart, "H", TOP + BAR_H + 28);
	free(yv);
	free(all);
}

/* The footer of a table: the sums of its rows. */
static void
foot(struct tdict *sec, const size_t *acc)
{
	size_t	 o, all = 0;

	for (o = 0; o < OUTCOME__MAX; o++) {
		setl(tmpl_section(sec, "FOOT"), "V", (long)acc[o]);
		all += acc[o];
	}
	setl(sec, "TOTAL", (long)all);
}

/* Fill the dictionary of stats.tpl. */
void
stats_fill(const struct site *s, struct tdict *d)
{
	struct tdict	*sec, *h;
	size_t		*idx, n, i, o, acc[OUTCOME__MAX];
	const struct taxonomy *years = &s->tax[TAX_YEAR];
	const struct taxonomy *units = &s->tax[TAX_UNIT];

	setl(d, "TOTAL", (long)s->ncases);
	for (o = 0; o < OUTCOME__MAX; o++) {
		h = tmpl_section(d, "HEAD");
		tmpl_set(h, "CODE", outcome_names[o]);
		tmpl_set(h, "LABEL", render_outcome((enum outcome)o));
	}

	/* Years ascending in the chart and the table. */
	sec = tmpl_section(d, "BY_YEAR");
	idx = xcalloc(years->nterms + units->nterms + 1, sizeof(*idx));
	for (n = 0, i = years->nterms; i > 0; i--)
		idx[n++] = i - 1;
	bystacked(tmpl_section(sec, "CHART"), years->terms, idx, n, s,
	    TAX_YEAR);
	memset(acc, 0, sizeof(acc));
	for (i = 0; i < n; i++)
		row(sec, s, TAX_YEAR, idx[i], acc);
	foot(sec, acc);

	sec = tmpl_section(d, "BY_UNIT");
	for (n = 0, i = 0; i < units->nterms; i++)
		if (units->terms[i].nrecs > 0)
			idx[n++] = i;
	byrow(tmpl_section(sec, "CHART"), units->terms, idx, n, s, TAX_UNIT);
	memset(acc, 0, sizeof(acc));
	for (i = 0; i < n; i++)
		row(sec, s, TAX_UNIT, idx[i], acc);
	foot(sec, acc);
	free(idx);

	durations(d, s);
}
