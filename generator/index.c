/*
 * The index: from the public records, the listings (newest first), the
 * terms of each taxonomy (years, units, categories, outcomes) and the
 * entries of the feeds.  It reads public records only, so a withheld
 * unit or date puts a case under no term of that taxonomy.
 */
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

/* Newest first: by publication date, then by id, both descending. */
static int
newest(const void *a, const void *b)
{
	const struct record *x = *(struct record *const *)a;
	const struct record *y = *(struct record *const *)b;
	int		 c;

	if ((c = date_cmp(&x->published_d, &y->published_d)) != 0)
		return -c;
	return -strcmp(x->id.s, y->id.s);
}

static int
byid(const void *a, const void *b)
{
	const struct record *x = *(struct record *const *)a;
	const struct record *y = *(struct record *const *)b;

	return strcmp(x->id.s, y->id.s);
}

static int
itemcmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int		 c;

	if ((c = date_cmp(&x->date, &y->date)) != 0)
		return -c;
	if ((c = strcmp(x->rec->id.s, y->rec->id.s)) != 0)
		return -c;
	if (x->kind != y->kind)
		return x->kind > y->kind ? -1 : 1;
	return x->rev > y->rev ? -1 : x->rev < y->rev;
}

static int
yeardesc(const void *a, const void *b)
{
	const struct term *x = a, *y = b;

	return -strcmp(x->slug, y->slug);
}

/* The index of the term with slug in tax, adding it when missing. */
static long
termof(struct taxonomy *tx, const char *name, const char *slug)
{
	size_t	 i;

	for (i = 0; i < tx->nterms; i++)
		if (strcmp(tx->terms[i].slug, slug) == 0)
			return (long)i;
	tx->terms = xreallocarray(tx->terms, tx->nterms + 1,
	    sizeof(*tx->terms));
	memset(&tx->terms[tx->nterms], 0, sizeof(*tx->terms));
	tx->terms[tx->nterms].name = xstrdup(name);
	tx->terms[tx->nterms].slug = xstrdup(slug);
	return (long)tx->nterms++;
}

static void
addrec(struct term *t, struct record *r)
{
	t->recs = xreallocarray(t->recs, t->nrecs + 1, sizeof(*t->recs));
	t->recs[t->nrecs++] = r;
	if (r->oc != OUTCOME_NONE)
		t->count[r->oc]++;
}

/* The tag URI of an entry (RFC 4151): stable across domains and paths. */
static char *
guid(const struct config *cfg, const struct item *it)
{
	const struct revision	*v;
	char			*d, *g;
	size_t			 i, same = 0;

	switch (it->kind) {
	case ITEM_CORRECTION:
		v = &it->rec->revs[it->rev];
		for (i = 0; i < it->rev; i++)
			if (date_cmp(&it->rec->revs[i].d, &v->d) == 0)
				same++;
		d = date_str(&v->d);
		if (same > 0)
			g = xasprintf("tag:%s,%s:%s/correction/%s-%zu",
			    cfg->tag_authority, cfg->tag_date, it->rec->id.s,
			    d, same + 1);
		else
			g = xasprintf("tag:%s,%s:%s/correction/%s",
			    cfg->tag_authority, cfg->tag_date, it->rec->id.s,
			    d);
		free(d);
		return g;
	case ITEM_WITHDRAWAL:
		return xasprintf("tag:%s,%s:%s/withdrawn", cfg->tag_authority,
		    cfg->tag_date, it->rec->id.s);
	default:
		return xasprintf("tag:%s,%s:%s", cfg->tag_authority,
		    cfg->tag_date, it->rec->id.s);
	}
}

static void
additem(struct site *s, enum itemkind kind, struct record *r, size_t rev,
    const struct date *d)
{
	struct item	*it;

	s->items = xreallocarray(s->items, s->nitems + 1, sizeof(*s->items));
	it = &s->items[s->nitems++];
	it->kind = kind;
	it->rec = r;
	it->rev = rev;
	it->date = *d;
	if (it->date.m == 0)
		it->date.m = 1;
	if (it->date.d == 0)
		it->date.d = 1;
	it->guid = guid(s->cfg, it);
}

/* The closed cases (newest first) that rely on each item of the
 * declared list, as a term each: "第3项", slug "3". */
static void
rulecases(struct site *s)
{
	const struct rules	*rl = s->cfg->rules;
	struct term		*tm;
	size_t			 i, k;

	if (rl == NULL)
		return;
	s->rules = xcalloc(rl->nitems + 1, sizeof(*s->rules));
	s->nrules = rl->nitems;
	for (i = 0; i < rl->nitems; i++) {
		tm = &s->rules[i];
		tm->name = xasprintf("%s%ld%s", theme_str("rule_prefix"),
		    rl->items[i].n, theme_str("rule_suffix"));
		tm->slug = xasprintf("%ld", rl->items[i].n);
		tm->recs = xcalloc(s->ncases + 1, sizeof(*tm->recs));
		for (k = 0; k < s->ncases; k++)
			if (index_relies(s->cases[k], rl->items[i].n)) {
				tm->recs[tm->nrecs++] = s->cases[k];
				if (s->cases[k]->oc != OUTCOME_NONE)
					tm->count[s->cases[k]->oc]++;
			}
	}
}

/*
 * Index the public records that have pages (closed and withdrawn, not
 * embargoed): the caller passes only those.  The site borrows the
 * records; site_free does not free them.
 */
struct site *
index_build(const struct config *cfg, const struct policy *pol,
    enum audience aud, struct record **recs, size_t n)
{
	struct site	*s;
	struct record	*r;
	const char	*slug;
	char		 year[16];
	size_t		 i, k, t;

	s = xcalloc(1, sizeof(*s));
	s->cfg = cfg;
	s->pol = pol;
	s->aud = aud;
	s->pages = xcalloc(n, sizeof(*s->pages));
	s->cases = xcalloc(n, sizeof(*s->cases));
	for (i = 0; i < n; i++) {
		s->pages[s->npages++] = recs[i];
		if (recs[i]->st == STATUS_CLOSED)
			s->cases[s->ncases++] = recs[i];
	}
	if (s->npages > 1)
		qsort(s->pages, s->npages, sizeof(*s->pages), byid);
	if (s->ncases > 1)
		qsort(s->cases, s->ncases, sizeof(*s->cases), newest);

	/* Units and categories in the order of site.yaml; outcomes fixed. */
	for (i = 0; i < cfg->nunits; i++)
		termof(&s->tax[TAX_UNIT], cfg->units[i].name,
		    cfg->units[i].slug);
	for (i = 0; i < cfg->ncategories; i++)
		termof(&s->tax[TAX_CATEGORY], cfg->categories[i].name,
		    cfg->categories[i].slug);
	for (i = 0; i < OUTCOME__MAX; i++)
		termof(&s->tax[TAX_OUTCOME], outcome_names[i],
		    outcome_names[i]);

	for (i = 0; i < s->npages; i++) {
		r = s->pages[i];
		for (t = 0; t < TAX__MAX; t++)
			r->term[t] = -1;
		if (r->decided.st == V_SET && r->decided_d.y > 0) {
			snprintf(year, sizeof(year), "%04d", r->decided_d.y);
			r->term[TAX_YEAR] = termof(&s->tax[TAX_YEAR], year,
			    year);
		}
		if (r->unit.st == V_SET && r->unit.op == OP_KEEP &&
		    (slug = config_slug(cfg->units, cfg->nunits,
		    r->unit.s)) != NULL)
			r->term[TAX_UNIT] = termof(&s->tax[TAX_UNIT],
			    r->unit.s, slug);
		if (r->category.st == V_SET && r->category.op == OP_KEEP &&
		    (slug = config_slug(cfg->categories, cfg->ncategories,
		    r->category.s)) != NULL)
			r->term[TAX_CATEGORY] = termof(&s->tax[TAX_CATEGORY],
			    r->category.s, slug);
		if (r->oc != OUTCOME_NONE)
			r->term[TAX_OUTCOME] = (long)r->oc;
	}
	if (s->tax[TAX_YEAR].nterms > 1)
		qsort(s->tax[TAX_YEAR].terms, s->tax[TAX_YEAR].nterms,
		    sizeof(struct term), yeardesc);
	/* Years were sorted after terms were assigned: assign again. */
	for (i = 0; i < s->npages; i++) {
		r = s->pages[i];
		if (r->term[TAX_YEAR] < 0)
			continue;
		snprintf(year, sizeof(year), "%04d", r->decided_d.y);
		for (k = 0; k < s->tax[TAX_YEAR].nterms; k++)
			if (strcmp(s->tax[TAX_YEAR].terms[k].slug, year) == 0)
				r->term[TAX_YEAR] = (long)k;
	}

	/* Listings hold closed cases only, newest first. */
	for (i = 0; i < s->ncases; i++)
		for (t = 0; t < TAX__MAX; t++)
			if (s->cases[i]->term[t] >= 0)
				addrec(&s->tax[t].terms[s->cases[i]->term[t]],
				    s->cases[i]);

	/* Feed entries: publications, corrections, withdrawals. */
	for (i = 0; i < s->npages; i++) {
		r = s->pages[i];
		if (r->st == STATUS_CLOSED)
			additem(s, ITEM_CASE, r, 0, &r->published_d);
		else if (r->st == STATUS_WITHDRAWN &&
		    r->withdrawn_date.st == V_SET)
			additem(s, ITEM_WITHDRAWAL, r, 0, &r->withdrawn_d);
		for (k = 0; k < r->nrevs; k++)
			if (r->revs[k].date.st == V_SET &&
			    r->revs[k].d.y > 0)
				additem(s, ITEM_CORRECTION, r, k,
				    &r->revs[k].d);
	}
	if (s->nitems > 1)
		qsort(s->items, s->nitems, sizeof(*s->items), itemcmp);
	rulecases(s);
	s->ov = oversight_make(s);
	return s;
}

/*
 * Whether the case r names item n of the declared list as its basis,
 * publicly.
 */
int
index_relies(const struct record *r, long n)
{
	size_t	 i;
	char	*end;

	for (i = 0; i < r->nbasis; i++)
		if (r->basis[i].item.st == V_SET &&
		    strtol(r->basis[i].item.s, &end, 10) == n && *end == '\0')
			return 1;
	return 0;
}

void
site_free(struct site *s)
{
	size_t	 i, t;

	if (s == NULL)
		return;
	oversight_free(s->ov);
	for (i = 0; i < s->nrules; i++) {
		free(s->rules[i].name);
		free(s->rules[i].slug);
		free(s->rules[i].recs);
	}
	free(s->rules);
	for (t = 0; t < TAX__MAX; t++) {
		for (i = 0; i < s->tax[t].nterms; i++) {
			free(s->tax[t].terms[i].name);
			free(s->tax[t].terms[i].slug);
			free(s->tax[t].terms[i].recs);
		}
		free(s->tax[t].terms);
	}
	for (i = 0; i < s->nitems; i++)
		free(s->items[i].guid);
	free(s->items);
	free(s->pages);
	free(s->cases);
	free(s);
}

/* The path segment of a taxonomy: years, units, categories, outcomes. */
const char *
index_taxname(enum tax t)
{
	static const char *const names[TAX__MAX] = {
		"years", "units", "categories", "outcomes"
	};

	return names[t];
}

/* The directory of a term's page from the root: "units/fagai/" (caller
 * frees).  Listings, feeds, search and statistics link to it. */
char *
index_termdir(const struct site *s, enum tax t, size_t term)
{
	return xasprintf("%s/%s/", index_taxname(t),
	    s->tax[t].terms[term].slug);
}

/* Whether an entry belongs in the feed of a term. */
int
index_item_in(const struct item *it, enum tax t, size_t term)
{
	return it->rec->term[t] == (long)term;
}

/*
 * Whether a term has pages and feeds: an outcome always (its count of
 * zero says something), a year, unit or category when it lists a case.
 */
int
index_has_page(const struct site *s, enum tax t, long term)
{
	if (term < 0 || (size_t)term >= s->tax[t].nterms)
		return 0;
	return t == TAX_OUTCOME || s->tax[t].terms[term].nrecs > 0;
}
