/*
 * Oversight: whether 容错 is applied as the rules say, in figures the
 * public can check.  Per unit, the shares of the three outcomes next to
 * the portal's, and a flag only where a unit's share of exemptions
 * differs from the rest of the portal's clearly: Fisher's exact test
 * (two-sided) of the unit against every other case, with Holm's
 * correction across the units tested (those with at least MINCASES
 * cases), adjusted p below ALPHA.  Per unit and per year, the days from
 * application to decision and from decision to publication (median and
 * 90th percentile), the cases beyond the time limits of site.yaml, and
 * the shares of cases with a hearing and with third-party review.
 *
 * Only what a case publishes counts: a case whose unit is not public
 * is counted with the portal but in no unit; a duration whose dates are
 * withheld or generalized, or a hearing that is withheld, is left out
 * of its figure, which says of how many cases it is made.  No person
 * is named or counted: the figures are of cases.
 *
 * The same figures make the page oversight/ and data/oversight.json and
 * data/oversight.csv, so that they can never disagree.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

#define MINCASES	5	/* a unit with fewer cases is not tested */
#define ALPHA		0.05	/* the level of the adjusted p-value */

/* ln C(n, k), k ≤ n. */
static double
lchoose(size_t n, size_t k)
{
	return lgamma((double)n + 1) - lgamma((double)k + 1) -
	    lgamma((double)(n - k) + 1);
}

/*
 * Fisher's exact test of the table (a b / c d), two-sided: the sum of
 * the probabilities, under the hypergeometric law of the table's
 * margins, of every table that is no more probable than the one seen
 * (with a relative tolerance of 10^-7, so that tables as probable as
 * it are not lost to rounding).
 */
double
oversight_fisher(size_t a, size_t b, size_t c, size_t d)
{
	size_t	 n1 = a + b, k = a + c, n = a + b + c + d, lo, hi, x;
	double	 lden, lp0, lp, p = 0;

	if (n1 == 0 || n1 == n || k == 0 || k == n)
		return 1;
	lo = n1 + k > n ? n1 + k - n : 0;
	hi = k < n1 ? k : n1;
	lden = lchoose(n, n1);
	lp0 = lchoose(k, a) + lchoose(n - k, b) - lden;
	for (x = lo; x <= hi; x++) {
		lp = lchoose(k, x) + lchoose(n - k, n1 - x) - lden;
		if (lp <= lp0 + 1e-7)
			p += exp(lp);
	}
	return p < 1 ? p : 1;
}

/*
 * Holm's step-down correction of the n p-values p into adj: the i-th
 * smallest is multiplied by n - i + 1 (i from 1), at most 1, and no
 * adjusted value is below that of a smaller p.  Ties keep their order.
 */
void
oversight_holm(const double *p, double *adj, size_t n)
{
	size_t	*ix, i, j, t;
	double	 run = 0, v;

	ix = xcalloc(n + 1, sizeof(*ix));
	for (i = 0; i < n; i++)
		ix[i] = i;
	/* Insertion sort: the units of a portal are few. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && p[ix[j - 1]] > p[ix[j]]; j--) {
			t = ix[j];
			ix[j] = ix[j - 1];
			ix[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		v = (double)(n - i) * p[ix[i]];
		if (v > 1)
			v = 1;
		if (v > run)
			run = v;
		adj[ix[i]] = run;
	}
	free(ix);
}

/* Days from a case's decision to its publication, or -1 when its
 * decision date is not public to the day. */
static long
pubdays(const struct record *r)
{
	if (r->decided.st != V_SET || r->decided_d.d == 0 ||
	    r->published_d.d == 0)
		return -1;
	return date_days(&r->published_d) - date_days(&r->decided_d);
}

/* A yes-or-no field: 1 or 0, or -1 when it is withheld. */
static int
yes(const struct val *v)
{
	if (v->st == V_SET)
		return strcmp(v->s, "true") == 0;
	return v->st == V_ABSENT ? 0 : -1;
}

static int
longcmp(const void *a, const void *b)
{
	long	 x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* The figures of the durations v (n of them, sorted here) against a
 * limit in days (0: none). */
static void
spread(struct odays *o, long *v, size_t n, size_t limit)
{
	size_t	 i;

	memset(o, 0, sizeof(*o));
	o->n = n;
	if (n == 0)
		return;
	qsort(v, n, sizeof(*v), longcmp);
	o->median = stats_median(v, n);
	/* The nearest rank: the least value that 90% of them do not
	 * exceed. */
	o->p90 = v[(9 * n + 9) / 10 - 1];
	for (i = 0; limit > 0 && i < n; i++)
		o->beyond += v[i] > (long)limit;
}

/* The figures of the cases recs into g. */
static void
group(struct ogroup *g, const struct config *cfg, struct record *const *recs,
    size_t n)
{
	long	*dv, *pv, d;
	size_t	 i, nd = 0, np = 0;
	int	 y;

	dv = xcalloc(n + 1, sizeof(*dv));
	pv = xcalloc(n + 1, sizeof(*pv));
	for (i = 0; i < n; i++) {
		if (recs[i]->oc != OUTCOME_NONE) {
			g->oc[recs[i]->oc]++;
			g->n++;
		}
		if ((d = record_days(recs[i])) >= 0)
			dv[nd++] = d;
		if ((d = pubdays(recs[i])) >= 0)
			pv[np++] = d;
		if ((y = yes(&recs[i]->hearing)) >= 0) {
			g->hearing[0]++;
			g->hearing[1] += (size_t)y;
		}
		if ((y = yes(&recs[i]->third_party_review)) >= 0) {
			g->review[0]++;
			g->review[1] += (size_t)y;
		}
	}
	spread(&g->days[0], dv, nd, cfg->limit_decision);
	spread(&g->days[1], pv, np, cfg->limit_publication);
	free(dv);
	free(pv);
}

/* The figures of the portal s. */
struct oversight *
oversight_make(const struct site *s)
{
	const struct taxonomy	*tx;
	struct oversight	*o;
	struct ogroup		*g;
	double			*p, *adj;
	size_t			 i, k, m, rest, rex;

	o = xcalloc(1, sizeof(*o));
	o->mincases = MINCASES;
	o->alpha = ALPHA;
	group(&o->all, s->cfg, s->cases, s->ncases);
	for (k = 0; k < 2; k++) {
		tx = &s->tax[k == 0 ? TAX_UNIT : TAX_YEAR];
		g = xcalloc(tx->nterms + 1, sizeof(*g));
		for (m = i = 0; i < tx->nterms; i++) {
			if (!index_has_page(s, k == 0 ? TAX_UNIT : TAX_YEAR,
			    (long)i))
				continue;
			g[m].term = i;
			group(&g[m], s->cfg, tx->terms[i].recs,
			    tx->terms[i].nrecs);
			m++;
		}
		if (k == 0) {
			o->units = g;
			o->nunits = m;
		} else {
			o->years = g;
			o->nyears = m;
		}
	}

	/* Each unit with enough cases against the rest of the portal. */
	p = xcalloc(o->nunits + 1, sizeof(*p));
	adj = xcalloc(o->nunits + 1, sizeof(*adj));
	for (m = i = 0; i < o->nunits; i++) {
		g = &o->units[i];
		rest = o->all.n - g->n;
		rex = o->all.oc[OUTCOME_EXEMPTED] - g->oc[OUTCOME_EXEMPTED];
		if (g->n < MINCASES || rest == 0)
			continue;
		g->tested = 1;
		g->p = oversight_fisher(g->oc[OUTCOME_EXEMPTED],
		    g->n - g->oc[OUTCOME_EXEMPTED], rex, rest - rex);
		p[m++] = g->p;
	}
	oversight_holm(p, adj, m);
	for (m = i = 0; i < o->nunits; i++) {
		g = &o->units[i];
		if (!g->tested)
			continue;
		g->padj = adj[m++];
		rest = o->all.n - g->n;
		rex = o->all.oc[OUTCOME_EXEMPTED] - g->oc[OUTCOME_EXEMPTED];
		if (g->padj < ALPHA)
			g->flag = g->oc[OUTCOME_EXEMPTED] * rest > rex * g->n ?
			    1 : -1;
	}
	o->ntested = m;
	free(p);
	free(adj);

	/* Each item of the declared list: its cases, by unit. */
	o->nitems = s->nrules;
	o->items = xcalloc(s->nrules + 1, sizeof(*o->items));
	for (i = 0; i < s->nrules; i++) {
		struct oitem *it = &o->items[i];

		it->units = xcalloc(s->tax[TAX_UNIT].nterms + 1,
		    sizeof(*it->units));
		it->n = s->rules[i].nrecs;
		memcpy(it->oc, s->rules[i].count, sizeof(it->oc));
		for (k = 0; k < s->rules[i].nrecs; k++) {
			long u = s->rules[i].recs[k]->term[TAX_UNIT];

			if (u >= 0)
				it->units[u]++;
			else
				it->other++;
		}
	}

	/* The cases beyond a limit, newest first as everywhere. */
	o->late = xcalloc(s->ncases + 1, sizeof(*o->late));
	for (i = 0; i < s->ncases; i++)
		if (oversight_late(s->cfg, s->cases[i]))
			o->late[o->nlate++] = s->cases[i];
	return o;
}

void
oversight_free(struct oversight *o)
{
	size_t	 i;

	if (o == NULL)
		return;
	for (i = 0; i < o->nitems; i++)
		free(o->items[i].units);
	free(o->items);
	free(o->units);
	free(o->years);
	free(o->late);
	free(o);
}

/* Days from application to decision (0) and from decision to
 * publication (1) of a case, -1 where not public. */
long
oversight_days(const struct record *r, int which)
{
	return which == 0 ? record_days(r) : pubdays(r);
}

/* Whether r is beyond a limit of cfg: of the decision (bit 0), of the
 * publication (bit 1). */
int
oversight_late(const struct config *cfg, const struct record *r)
{
	long	 d;
	int	 late = 0;

	if (cfg->limit_decision > 0 && (d = record_days(r)) >= 0 &&
	    d > (long)cfg->limit_decision)
		late |= 1;
	if (cfg->limit_publication > 0 && (d = pubdays(r)) >= 0 &&
	    d > (long)cfg->limit_publication)
		late |= 2;
	return late;
}

/* x of n as a percentage with one decimal ("12.5%"), "–" of none. */
static void
setshare(struct tdict *d, const char *var, size_t x, size_t n)
{
	char			 b[32];
	size_t	 t;

	if (n == 0) {
		tmpl_set(d, var, "–");
		return;
	}
	t = (x * 1000 + n / 2) / n;
	snprintf(b, sizeof(b), "%zu.%zu%%", t / 10, t % 10);
	tmpl_set(d, var, b);
}

/* A p-value as the page shows it. */
static void
setp(struct tdict *d, const char *var, double p)
{
	char			 b[32];

	if (p < 0.0001)
		snprintf(b, sizeof(b), "< 0.0001");
	else
		snprintf(b, sizeof(b), "%.4f", p);
	tmpl_set(d, var, b);
}

static void
setn(struct tdict *d, const char *var, size_t v)
{
	tmpl_set_int(d, var, (long)v);
}

/* The name of a group's term, and the link to its page from
 * oversight/. */
static void
termname(struct tdict *r, const struct site *s, enum tax t,
    const struct ogroup *g)
{
	char	*name, *dir, *href;

	name = theme_termname(s, t, g->term);
	dir = index_termdir(s, t, g->term);
	href = xasprintf("../%sindex.html", dir);
	tmpl_set(r, "NAME", name);
	tmpl_set(r, "HREF", href);
	free(href);
	free(dir);
	free(name);
}

/*
 * A row of a chart of shares (section ROW of sec): a bar as wide as the
 * row, one segment per value of v (n of them, the codes code) as a
 * share of all, and the mark of the portal's share of the first.
 */
static void
sharerow(struct tdict *sec, const char *name, const size_t *v,
    const char *const *code, const char *const *label, size_t n,
    size_t all, size_t mark)
{
	struct tdict	*r, *g;
	size_t		 i, at = 0, w;
	char		*t;

	r = tmpl_section(sec, "ROW");
	tmpl_set(r, "NAME", name);
	setshare(r, "V", v[0], all);
	for (i = 0; i < n; i++) {
		if (v[i] == 0)
			continue;
		g = tmpl_section(r, "SEG");
		w = stats_share(at + v[i], all) - stats_share(at, all);
		stats_setpct(g, "X", stats_share(at, all));
		stats_setpct(g, "W", w);
		tmpl_set(g, "CODE", code[i]);
		t = xasprintf("%s %s%s%zu / %zu", name, label[i],
		    theme_str("colon"), v[i], all);
		tmpl_set(g, "LABEL", t);
		free(t);
		at += v[i];
	}
	stats_setpct(tmpl_section(r, "MARK"), "X", mark);
}

/* A group's cases per outcome, C0…, and their shares, S0… */
static void
outcomes(struct tdict *r, const struct ogroup *g)
{
	static const char *const cv[] = { "C0", "C1", "C2" };
	static const char *const sv[] = { "S0", "S1", "S2" };
	size_t	 k;

	for (k = 0; k < OUTCOME__MAX; k++) {
		setn(r, cv[k], g->oc[k]);
		setshare(r, sv[k], g->oc[k], g->n);
	}
}

/* The outcomes per unit: chart, table, and each unit's test. */
static void
units(struct tdict *d, const struct site *s, const struct oversight *o)
{
	static const char *const flagkey[] = {
		"oversight_lower", "oversight_none", "oversight_higher"
	};
	const char	*code[OUTCOME__MAX], *label[OUTCOME__MAX];
	struct tdict	*sec, *ch, *r;
	size_t		 i, k, mark;
	char		*name;

	for (k = 0; k < OUTCOME__MAX; k++) {
		code[k] = outcome_names[k];
		label[k] = theme_outcome((enum outcome)k);
	}
	sec = tmpl_section(d, "UNITS");
	mark = stats_share(o->all.oc[OUTCOME_EXEMPTED], o->all.n);
	ch = tmpl_section(sec, "CHART");
	for (i = 0; i < o->nunits; i++) {
		if (o->units[i].n == 0)
			continue;
		name = theme_termname(s, TAX_UNIT, o->units[i].term);
		sharerow(ch, name, o->units[i].oc, code, label, OUTCOME__MAX,
		    o->units[i].n, mark);
		free(name);
	}
	sharerow(ch, theme_str("oversight_portal"), o->all.oc, code, label,
	    OUTCOME__MAX, o->all.n, mark);
	for (i = 0; i < o->nunits; i++) {
		const struct ogroup *g = &o->units[i];

		r = tmpl_section(sec, "TROW");
		termname(r, s, TAX_UNIT, g);
		setn(r, "N", g->n);
		outcomes(r, g);
		if (g->tested) {
			setp(tmpl_section(r, "P"), "V", g->p);
			setp(tmpl_section(r, "PADJ"), "V", g->padj);
			tmpl_set(r, "FINDING", theme_str(flagkey[g->flag + 1]));
			if (g->flag != 0)
				tmpl_set(tmpl_section(r, "FLAG"), "DIR",
				    g->flag > 0 ? "higher" : "lower");
		} else {
			tmpl_show(r, "UNTESTED");
			tmpl_set(r, "FINDING", theme_str("oversight_few"));
		}
	}
	setn(sec, "N", o->all.n);
	outcomes(sec, &o->all);
	setn(sec, "TESTED", o->ntested);
	setn(sec, "MINCASES", o->mincases);
	for (i = k = 0; i < o->nunits; i++)
		k += o->units[i].flag != 0;
	setn(sec, "FLAGGED", k);
}

/* One row of durations: both kinds. */
static void
daysrow(struct tdict *r, const struct ogroup *g, const struct config *cfg)
{
	struct tdict	*c;
	size_t		 k;

	for (k = 0; k < 2; k++) {
		c = tmpl_section(r, "KIND");
		setn(c, "N", g->days[k].n);
		if (g->days[k].n > 0) {
			tmpl_set_int(c, "MEDIAN", g->days[k].median);
			tmpl_set_int(c, "P90", g->days[k].p90);
		} else {
			tmpl_set(c, "MEDIAN", "–");
			tmpl_set(c, "P90", "–");
		}
		if (k == 0 ? cfg->limit_decision : cfg->limit_publication)
			setn(tmpl_section(c, "BEYOND"), "V",
			    g->days[k].beyond);
	}
}

/* A mark of a row of the chart of days: the bar of the median (SEG)
 * or the line of the 90th percentile (P90), labelled. */
static void
daysmark(struct tdict *r, const char *sec, const char *name,
    const char *what, long v, size_t top)
{
	struct tdict	*g;
	char		*label;

	g = tmpl_section(r, sec);
	stats_setpct(g, "X", strcmp(sec, "SEG") == 0 ? 0 :
	    stats_share((size_t)v, top));
	stats_setpct(g, "W", stats_share((size_t)v, top));
	label = xasprintf("%s %s%s%ld", name, theme_str(what),
	    theme_str("colon"), v);
	tmpl_set(g, "LABEL", label);
	free(label);
}

/* A chart of the medians and 90th percentiles of the days to decision
 * of groups, on one axis of days. */
static void
dayschart(struct tdict *sec, const struct site *s, enum tax t,
    const struct ogroup *g, size_t n)
{
	struct tdict	*ch, *r;
	size_t		 i, k, max = 0, steps, top;
	char		*name;

	for (i = 0; i < n; i++)
		if (g[i].days[0].n > 0 && (size_t)g[i].days[0].p90 > max)
			max = (size_t)g[i].days[0].p90;
	ch = tmpl_section(sec, "CHART");
	top = stats_axis(ch, max, &steps);
	for (i = 0; i < n; i++) {
		if (g[i].days[0].n == 0)
			continue;
		r = tmpl_section(ch, "ROW");
		name = theme_termname(s, t, g[i].term);
		tmpl_set(r, "NAME", name);
		tmpl_set_int(r, "V", g[i].days[0].median);
		for (k = 0; k <= steps; k++)
			stats_setpct(tmpl_section(r, "GRID"), "X",
			    stats_share(k, steps));
		daysmark(r, "SEG", name, "oversight_median",
		    g[i].days[0].median, top);
		daysmark(r, "P90", name, "oversight_p90", g[i].days[0].p90,
		    top);
		free(name);
	}
}

/* A case's days of one kind in section sec: the number, marked when
 * beyond its limit; "–" when not public. */
static void
latedays(struct tdict *r, const char *sec, long days, int beyond)
{
	struct tdict	*c;

	c = tmpl_section(r, sec);
	if (days < 0)
		tmpl_set(c, "V", "–");
	else
		tmpl_set_int(c, "V", days);
	if (beyond)
		tmpl_show(c, "BEYOND");
}

/* The durations per unit and per year, and the cases beyond a limit. */
static void
durations(struct tdict *d, const struct site *s, const struct oversight *o)
{
	const struct config	*cfg = s->cfg;
	struct tdict		*sec, *r;
	char			*dir, *href, *name;
	size_t			 i;
	int			 late;

	sec = tmpl_section(d, "DAYS");
	if (cfg->limit_decision > 0 || cfg->limit_publication > 0) {
		r = tmpl_section(sec, "LIMITS");
		if (cfg->limit_decision > 0)
			setn(tmpl_section(r, "DECISION"), "V",
			    cfg->limit_decision);
		if (cfg->limit_publication > 0)
			setn(tmpl_section(r, "PUBLICATION"), "V",
			    cfg->limit_publication);
		tmpl_show(sec, "HAS_LIMITS");
	} else
		tmpl_show(sec, "NO_LIMITS");
	dayschart(sec, s, TAX_UNIT, o->units, o->nunits);
	for (i = 0; i < o->nunits; i++) {
		r = tmpl_section(sec, "UROW");
		termname(r, s, TAX_UNIT, &o->units[i]);
		daysrow(r, &o->units[i], cfg);
	}
	for (i = 0; i < o->nyears; i++) {
		r = tmpl_section(sec, "YROW");
		termname(r, s, TAX_YEAR, &o->years[i]);
		daysrow(r, &o->years[i], cfg);
	}
	daysrow(tmpl_section(sec, "ALL"), &o->all, cfg);
	if (cfg->limit_decision > 0 || cfg->limit_publication > 0)
		tmpl_show(sec, o->nlate > 0 ? "LATE" : "NONE_LATE");
	for (i = 0; i < o->nlate; i++) {
		const struct record *rec = o->late[i];
		struct tdict *u;

		r = tmpl_section(sec, "LATE_CASE");
		tmpl_set(r, "ID", rec->id.s);
		href = xasprintf("../cases/%s/index.html", rec->id.s);
		tmpl_set(r, "HREF", href);
		free(href);
		if (rec->term[TAX_UNIT] >= 0) {
			name = theme_termname(s, TAX_UNIT,
			    (size_t)rec->term[TAX_UNIT]);
			dir = index_termdir(s, TAX_UNIT,
			    (size_t)rec->term[TAX_UNIT]);
			href = xasprintf("../%sindex.html", dir);
			u = tmpl_section(r, "UNIT");
			tmpl_set(u, "NAME", name);
			tmpl_set(u, "HREF", href);
			free(href);
			free(dir);
			free(name);
		} else
			tmpl_show(r, "UNIT_NOT_PUBLIC");
		late = oversight_late(cfg, rec);
		latedays(r, "DEC", oversight_days(rec, 0), late & 1);
		latedays(r, "PUB", oversight_days(rec, 1), late & 2);
	}
}

/* One row of the procedure: hearings and third-party reviews. */
static void
procrow(struct tdict *r, const struct ogroup *g)
{
	setn(r, "HN", g->hearing[0]);
	setn(r, "HY", g->hearing[1]);
	setshare(r, "HS", g->hearing[1], g->hearing[0]);
	setn(r, "RN", g->review[0]);
	setn(r, "RY", g->review[1]);
	setshare(r, "RS", g->review[1], g->review[0]);
}

/* The shares of cases with a hearing and with a third-party review,
 * per unit (with a chart) and per year. */
static void
procedure(struct tdict *d, const struct site *s, const struct oversight *o)
{
	static const char *const code[] = { "hearing", "review" };
	const char	*label[2];
	struct tdict	*sec, *ch, *r;
	size_t		 i, k, v[1];
	char		*name;

	label[0] = theme_str("oversight_hearing");
	label[1] = theme_str("oversight_review");
	sec = tmpl_section(d, "PROC");
	for (k = 0; k < 2; k++) {
		ch = tmpl_section(sec, "CHART");
		tmpl_set(ch, "KEY", code[k]);
		tmpl_set(ch, "HEADING", label[k]);
		for (i = 0; i < o->nunits; i++) {
			const size_t *c = k == 0 ? o->units[i].hearing :
			    o->units[i].review;

			if (c[0] == 0)
				continue;
			name = theme_termname(s, TAX_UNIT, o->units[i].term);
			v[0] = c[1];
			sharerow(ch, name, v, &code[k], &label[k], 1, c[0],
			    stats_share(k == 0 ? o->all.hearing[1] :
			    o->all.review[1], k == 0 ? o->all.hearing[0] :
			    o->all.review[0]));
			free(name);
		}
	}
	for (i = 0; i < o->nunits; i++) {
		r = tmpl_section(sec, "UROW");
		termname(r, s, TAX_UNIT, &o->units[i]);
		procrow(r, &o->units[i]);
	}
	for (i = 0; i < o->nyears; i++) {
		r = tmpl_section(sec, "YROW");
		termname(r, s, TAX_YEAR, &o->years[i]);
		procrow(r, &o->years[i]);
	}
	procrow(tmpl_section(sec, "ALL"), &o->all);
}

/* A chart of the cases that relied on each item, on one axis of
 * cases: a segment per outcome. */
static void
itemschart(struct tdict *sec, const struct site *s,
    const struct oversight *o)
{
	struct tdict	*ch, *r, *g;
	size_t		 i, k, max = 0, steps, top, at;
	char		*label;

	for (i = 0; i < o->nitems; i++)
		if (o->items[i].n > max)
			max = o->items[i].n;
	ch = tmpl_section(sec, "CHART");
	top = stats_axis(ch, max, &steps);
	for (i = 0; i < o->nitems; i++) {
		r = tmpl_section(ch, "ROW");
		tmpl_set(r, "NAME", s->rules[i].name);
		setn(r, "V", o->items[i].n);
		for (k = 0; k <= steps; k++)
			stats_setpct(tmpl_section(r, "GRID"), "X",
			    stats_share(k, steps));
		for (at = 0, k = 0; k < OUTCOME__MAX; k++) {
			if (o->items[i].oc[k] == 0)
				continue;
			g = tmpl_section(r, "SEG");
			stats_setpct(g, "X", stats_share(at, top));
			stats_setpct(g, "W", stats_share(at + o->items[i].oc[k],
			    top) - stats_share(at, top));
			tmpl_set(g, "CODE", outcome_names[k]);
			label = xasprintf("%s %s%s%zu", s->rules[i].name,
			    theme_outcome((enum outcome)k), theme_str("colon"),
			    o->items[i].oc[k]);
			tmpl_set(g, "LABEL", label);
			free(label);
			at += o->items[i].oc[k];
		}
	}
}

/* The items of the declared list: how often each was relied on, with
 * which outcome, and by which units. */
static void
items(struct tdict *d, const struct site *s, const struct oversight *o)
{
	const struct rules	*rl = s->cfg->rules;
	struct tdict		*sec, *r, *u;
	char			*name, *dir, *href;
	size_t			 i, k;

	if (rl == NULL)
		return;
	sec = tmpl_section(d, "ITEMS");
	itemschart(sec, s, o);
	for (i = 0; i < o->nitems; i++) {
		const struct oitem *it = &o->items[i];

		r = tmpl_section(sec, "IROW");
		tmpl_set(r, "NAME", s->rules[i].name);
		href = xasprintf("../rules/%s/index.html", s->rules[i].slug);
		tmpl_set(r, "HREF", href);
		free(href);
		tmpl_set(r, "TEXT", rl->items[i].text);
		setn(r, "N", it->n);
		setn(r, "C0", it->oc[OUTCOME_EXEMPTED]);
		setn(r, "C1", it->oc[OUTCOME_MITIGATED]);
		for (k = 0; k < s->tax[TAX_UNIT].nterms; k++) {
			if (it->units[k] == 0)
				continue;
			u = tmpl_section(r, "UNIT");
			name = theme_termname(s, TAX_UNIT, k);
			dir = index_termdir(s, TAX_UNIT, k);
			href = xasprintf("../%sindex.html", dir);
			tmpl_set(u, "NAME", name);
			tmpl_set(u, "HREF", href);
			setn(u, "N", it->units[k]);
			free(href);
			free(dir);
			free(name);
		}
		if (it->other > 0)
			setn(tmpl_section(r, "OTHER"), "N", it->other);
		if (it->n == 0)
			tmpl_show(r, "UNUSED");
	}
}

/* Fill the dictionary of oversight.tpl. */
void
oversight_fill(const struct site *s, struct tdict *d)
{
	const struct oversight	*o = s->ov;
	char			 b[32];

	setn(d, "TOTAL", o->all.n);
	snprintf(b, sizeof(b), "%.2f", o->alpha);
	tmpl_set(d, "ALPHA", b);
	setn(d, "MINCASES", o->mincases);
	units(d, s, o);
	items(d, s, o);
	durations(d, s, o);
	procedure(d, s, o);
}

/*
 * A p-value, or none, in JSON and CSV: seven significant digits, in
 * exponent form.  Written as 0.000586386, a small one would have the
 * shape of a landline (ten digits from 0), which the audit refuses to
 * publish whatever it stands for.
 */
static void
putp(struct buf *b, int tested, double p, const char *none)
{
	if (tested)
		buf_printf(b, "%.6e", p);
	else
		buf_puts(b, none);
}

/* A group's figures as the members of a JSON object (after name). */
static void
jgroup(struct buf *b, const struct ogroup *g, int unit)
{
	static const char *const kind[] = { "days_to_decision",
	    "days_to_publication" };
	size_t	 k;

	buf_printf(b, ", \"cases\": %zu", g->n);
	for (k = 0; k < OUTCOME__MAX; k++)
		buf_printf(b, ", \"%s\": %zu", outcome_names[k], g->oc[k]);
	if (unit) {
		buf_printf(b, ", \"tested\": %s, \"p\": ", g->tested ?
		    "true" : "false");
		putp(b, g->tested, g->p, "null");
		buf_puts(b, ", \"p_adjusted\": ");
		putp(b, g->tested, g->padj, "null");
		buf_printf(b, ", \"flag\": %s", g->flag > 0 ? "\"higher\"" :
		    g->flag < 0 ? "\"lower\"" : "null");
	}
	for (k = 0; k < 2; k++) {
		buf_printf(b, ", \"%s\": {\"cases\": %zu, ", kind[k],
		    g->days[k].n);
		if (g->days[k].n > 0)
			buf_printf(b, "\"median\": %ld, \"p90\": %ld",
			    g->days[k].median, g->days[k].p90);
		else
			buf_puts(b, "\"median\": null, \"p90\": null");
		buf_printf(b, ", \"beyond_limit\": %zu}", g->days[k].beyond);
	}
	buf_printf(b, ", \"hearing\": {\"cases\": %zu, \"yes\": %zu}",
	    g->hearing[0], g->hearing[1]);
	buf_printf(b, ", \"third_party_review\": {\"cases\": %zu, "
	    "\"yes\": %zu}", g->review[0], g->review[1]);
}

/* A group's row of oversight.csv. */
static void
cgroup(struct buf *b, const char *scope, const char *name,
    const char *slug, const struct ogroup *g, int unit)
{
	size_t	 k;

	csv_field(b, scope);
	buf_putc(b, ',');
	csv_field(b, name);
	buf_putc(b, ',');
	csv_field(b, slug);
	buf_printf(b, ",%zu", g->n);
	for (k = 0; k < OUTCOME__MAX; k++)
		buf_printf(b, ",%zu", g->oc[k]);
	buf_putc(b, ',');
	putp(b, unit && g->tested, g->p, "");
	buf_putc(b, ',');
	putp(b, unit && g->tested, g->padj, "");
	buf_printf(b, ",%s", g->flag > 0 ? "higher" : g->flag < 0 ?
	    "lower" : "");
	for (k = 0; k < 2; k++) {
		buf_printf(b, ",%zu,", g->days[k].n);
		if (g->days[k].n > 0)
			buf_printf(b, "%ld,%ld", g->days[k].median,
			    g->days[k].p90);
		else
			buf_putc(b, ',');
		buf_printf(b, ",%zu", g->days[k].beyond);
	}
	buf_printf(b, ",%zu,%zu,%zu,%zu\r\n", g->hearing[0], g->hearing[1],
	    g->review[0], g->review[1]);
}

/* data/rules.json: the declared list, when there is one, with the
 * number of cases that relied on each item. */
static int
rulesjson(const struct site *s, const char *out)
{
	const struct rules	*rl = s->cfg->rules;
	struct buf		 b;
	char			*url;
	size_t			 i;
	int			 ok;

	if (rl == NULL)
		return 1;
	memset(&b, 0, sizeof(b));
	buf_puts(&b, "{\n  \"items\": [");
	for (i = 0; i < rl->nitems; i++) {
		buf_printf(&b, "%s\n    {\"number\": %ld, \"text\": ",
		    i == 0 ? "" : ",", rl->items[i].n);
		json_str(&b, rl->items[i].text);
		buf_puts(&b, ", \"source\": ");
		json_str(&b, rl->items[i].source);
		buf_puts(&b, ", \"valid_from\": ");
		json_str(&b, rl->items[i].from_s);
		buf_puts(&b, ", \"valid_to\": ");
		if (rl->items[i].to_s != NULL)
			json_str(&b, rl->items[i].to_s);
		else
			buf_puts(&b, "null");
		url = xasprintf("%srules/%ld/", s->cfg->base_url,
		    rl->items[i].n);
		buf_printf(&b, ", \"cases\": %zu, \"url\": ",
		    s->rules[i].nrecs);
		json_str(&b, url);
		free(url);
		buf_puts(&b, "}");
	}
	buf_puts(&b, rl->nitems > 0 ? "\n  ],\n  \"red_lines\": [" :
	    "],\n  \"red_lines\": [");
	for (i = 0; i < rl->nlines; i++) {
		buf_puts(&b, i == 0 ? "\n    {\"text\": " :
		    ",\n    {\"text\": ");
		json_str(&b, rl->lines[i].text);
		buf_puts(&b, ", \"source\": ");
		json_str(&b, rl->lines[i].source);
		buf_puts(&b, "}");
	}
	buf_puts(&b, rl->nlines > 0 ? "\n  ]\n}\n" : "]\n}\n");
	ok = writefile(out, "data/rules.json", b.p, b.len);
	buf_free(&b);
	return ok;
}

/* Write data/oversight.json and data/oversight.csv into out: every
 * figure of the page, with the method and its parameters.  0 on
 * error. */
int
oversight_write(const struct site *s, const struct oversight *o,
    const char *out)
{
	const struct config	*cfg = s->cfg;
	struct buf		 j, c;
	char			*name, *dir;
	size_t			 i, k;
	int			 ok, late;

	memset(&j, 0, sizeof(j));
	memset(&c, 0, sizeof(c));
	buf_puts(&j, "{\n  \"method\": {\"test\": \"Fisher's exact test, "
	    "two-sided, of each unit's exempted cases against those of the "
	    "rest of the portal\", \"correction\": \"Holm\", ");
	buf_printf(&j, "\"alpha\": %.2f, \"min_cases\": %zu, \"median\": "
	    "\"the middle value, or the mean of the two middle values "
	    "rounded half up\", \"p90\": \"the nearest rank: the least "
	    "value that 90%% of the cases do not exceed\"},\n", o->alpha,
	    o->mincases);
	buf_puts(&j, "  \"time_limits\": {\"decision\": ");
	if (cfg->limit_decision > 0)
		buf_printf(&j, "%zu", cfg->limit_decision);
	else
		buf_puts(&j, "null");
	buf_puts(&j, ", \"publication\": ");
	if (cfg->limit_publication > 0)
		buf_printf(&j, "%zu", cfg->limit_publication);
	else
		buf_puts(&j, "null");
	buf_puts(&j, "},\n  \"portal\": {\"name\": null");
	jgroup(&j, &o->all, 0);
	buf_puts(&c, "\xEF\xBB\xBFscope,name,slug,cases");
	for (k = 0; k < OUTCOME__MAX; k++)
		buf_printf(&c, ",%s", outcome_names[k]);
	buf_puts(&c, ",p,p_adjusted,flag,decision_cases,decision_median,"
	    "decision_p90,decision_beyond_limit,publication_cases,"
	    "publication_median,publication_p90,publication_beyond_limit,"
	    "hearing_cases,hearing_yes,third_party_review_cases,"
	    "third_party_review_yes\r\n");
	cgroup(&c, "portal", "", "", &o->all, 0);
	buf_puts(&j, "},\n  \"units\": [");
	for (k = 0; k < 2; k++) {
		enum tax t = k == 0 ? TAX_UNIT : TAX_YEAR;
		const struct ogroup *g = k == 0 ? o->units : o->years;
		size_t n = k == 0 ? o->nunits : o->nyears;

		if (k == 1)
			buf_puts(&j, "],\n  \"years\": [");
		for (i = 0; i < n; i++) {
			name = theme_termname(s, t, g[i].term);
			dir = index_termdir(s, t, g[i].term);
			buf_puts(&j, i == 0 ? "\n    {\"name\": " :
			    ",\n    {\"name\": ");
			json_str(&j, name);
			buf_puts(&j, ", \"slug\": ");
			json_str(&j, s->tax[t].terms[g[i].term].slug);
			jgroup(&j, &g[i], k == 0);
			buf_putc(&j, '}');
			cgroup(&c, k == 0 ? "unit" : "year", name,
			    s->tax[t].terms[g[i].term].slug, &g[i], k == 0);
			free(dir);
			free(name);
		}
		if (n > 0)
			buf_puts(&j, "\n  ");
	}
	buf_puts(&j, "],\n  \"items\": [");
	for (i = 0; i < o->nitems; i++) {
		const struct oitem *it = &o->items[i];
		const char *num = s->rules[i].slug;
		size_t u, first = 1;

		buf_printf(&j, "%s\n    {\"number\": %s, \"cases\": %zu",
		    i == 0 ? "" : ",", num, it->n);
		for (k = 0; k < OUTCOME__MAX; k++)
			buf_printf(&j, ", \"%s\": %zu", outcome_names[k],
			    it->oc[k]);
		buf_printf(&c, "item,%s,,%zu", num, it->n);
		for (k = 0; k < OUTCOME__MAX; k++)
			buf_printf(&c, ",%zu", it->oc[k]);
		buf_puts(&c, ",,,,,,,,,,,,,,,\r\n");
		buf_puts(&j, ", \"units\": [");
		for (u = 0; u < s->tax[TAX_UNIT].nterms; u++) {
			if (it->units[u] == 0)
				continue;
			name = theme_termname(s, TAX_UNIT, u);
			buf_puts(&j, first ? "{\"name\": " : ", {\"name\": ");
			json_str(&j, name);
			buf_puts(&j, ", \"slug\": ");
			json_str(&j, s->tax[TAX_UNIT].terms[u].slug);
			buf_printf(&j, ", \"cases\": %zu}", it->units[u]);
			buf_printf(&c, "item_unit,%s,", num);
			csv_field(&c, s->tax[TAX_UNIT].terms[u].slug);
			buf_printf(&c, ",%zu,,,,,,,,,,,,,,,,,,\r\n",
			    it->units[u]);
			first = 0;
			free(name);
		}
		buf_printf(&j, "], \"cases_of_no_public_unit\": %zu}",
		    it->other);
	}
	if (o->nitems > 0)
		buf_puts(&j, "\n  ");
	buf_puts(&j, "],\n  \"beyond_limits\": [");
	for (i = 0; i < o->nlate; i++) {
		const struct record *r = o->late[i];

		late = oversight_late(cfg, r);
		buf_puts(&j, i == 0 ? "\n    {\"id\": " : ",\n    {\"id\": ");
		json_str(&j, r->id.s);
		for (k = 0; k < 2; k++) {
			buf_printf(&j, k == 0 ? ", \"days_to_decision\": " :
			    ", \"days_to_publication\": ");
			if (oversight_days(r, (int)k) >= 0)
				buf_printf(&j, "%ld", oversight_days(r, (int)k));
			else
				buf_puts(&j, "null");
		}
		buf_printf(&j, ", \"beyond_decision_limit\": %s, "
		    "\"beyond_publication_limit\": %s}",
		    late & 1 ? "true" : "false", late & 2 ? "true" : "false");
	}
	buf_puts(&j, o->nlate > 0 ? "\n  ]\n}\n" : "]\n}\n");
	ok = writefile(out, "data/oversight.json", j.p, j.len);
	ok = writefile(out, "data/oversight.csv", c.p, c.len) && ok;
	buf_free(&j);
	buf_free(&c);
	return ok && rulesjson(s, out);
}
