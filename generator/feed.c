/*
 * Feeds and machine-readable indexes: RSS 2.0, Atom 1.0 and JSON Feed
 * 1.1 for the whole portal and for every term, an OPML list of them,
 * and sitemap.xml.  XML is written by libxml2's text writer, which
 * escapes every value; JSON by json_str.  Entry ids are tag URIs made
 * by index.c; dates come from the records, never from the clock, with
 * the site's UTC offset, in English names (never a locale's).
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>
#include <sodium.h>

#include "disclose.h"
#include "extern.h"

static const char *const wdays[] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};

static const char *const months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
	"Oct", "Nov", "Dec"
};

/* RFC 822 (RSS): "Sat, 01 Jun 2024 00:00:00 +0800". */
static char *
rfc822(const struct date *d, int tzmin)
{
	int	 a = tzmin < 0 ? -tzmin : tzmin;

	return xasprintf("%s, %02d %s %04d 00:00:00 %c%02d%02d",
	    wdays[date_weekday(d)], d->d, months[d->m - 1], d->y,
	    tzmin < 0 ? '-' : '+', a / 60, a % 60);
}

/* RFC 3339 (Atom, JSON Feed): "2024-06-01T00:00:00+08:00". */
static char *
rfc3339(const struct date *d, const char *tz)
{
	return xasprintf("%04d-%02d-%02dT00:00:00%s", d->y, d->m, d->d,
	    strcmp(tz, "Z") == 0 ? "+00:00" : tz);
}

/* What a feed holds: the entries of the portal or of one term. */
struct fctx {
	const struct site	*s;
	const char		*dir;		/* "" or "units/fagai/" */
	const char		*rssname;	/* "feed.xml" */
	char			*title;
	char			*id;		/* the feed's own tag URI */
	const struct item	**items;	/* newest first */
	size_t			 n;
	char			**html;		/* entry content by item index */
};

/* An entry's HTML: rendered the first time a feed lists it, then shared
 * by every feed that lists it. */
static const char *
entryhtml(const struct fctx *f, const struct item *it)
{
	size_t	 i = (size_t)(it - f->s->items);

	if (f->html[i] == NULL)
		f->html[i] = render_entry(f->s, it);
	return f->html[i];
}

/* The title of an entry: the case's, prefixed for a correction. */
static char *
entrytitle(const struct item *it)
{
	char	*t = theme_plain(&it->rec->title), *r;

	switch (it->kind) {
	case ITEM_CORRECTION:
		r = xasprintf("%s%s", theme_str("correction_prefix"), t);
		break;
	case ITEM_WITHDRAWAL:
		r = xasprintf("%s%s", theme_str("withdrawal_prefix"), t);
		break;
	default:
		return t;
	}
	free(t);
	return r;
}

/* A short plain-text summary of an entry. */
static char *
entrysummary(const struct item *it)
{
	const struct record *r = it->rec;

	switch (it->kind) {
	case ITEM_CORRECTION:
		return theme_plain(&r->revs[it->rev].note);
	case ITEM_WITHDRAWAL:
		return theme_plain(&r->withdrawn_reason);
	default:
		return render_summary(r);
	}
}

/* The date an Atom entry last changed: a case moves with corrections. */
static struct date
entryupdated(const struct item *it)
{
	struct date	 d = it->date;

	if (it->kind == ITEM_CASE) {
		d = record_lastmod(it->rec);
		if (d.m == 0)
			d.m = 1;
		if (d.d == 0)
			d.d = 1;
	}
	return d;
}

/* The newest date among the feed's entries: its lastBuildDate. */
static struct date
newest(const struct fctx *f)
{
	struct date	 d, u;
	size_t		 i;

	memset(&d, 0, sizeof(d));
	for (i = 0; i < f->n; i++) {
		u = entryupdated(f->items[i]);
		if (date_cmp(&u, &d) > 0)
			d = u;
	}
	if (d.y == 0) {
		/* An empty feed: the tag date is a stable stand-in. */
		date_parse_partial(f->s->cfg->tag_date, &d);
		if (d.m == 0)
			d.m = 1;
		if (d.d == 0)
			d.d = 1;
	}
	return d;
}

static char *
caseurl(const struct site *s, const struct record *r)
{
	return xasprintf("%scases/%s/", s->cfg->base_url, r->id.s);
}

/* Categories of an entry: its unit, category and outcome, when public. */
static size_t
tags(const struct item *it, const char *out[3])
{
	const struct record	*r = it->rec;
	size_t			 n = 0;

	if (r->unit.st == V_SET)
		out[n++] = r->unit.s;
	if (r->category.st == V_SET)
		out[n++] = r->category.s;
	if (r->oc != OUTCOME_NONE)
		out[n++] = theme_outcome(r->oc);
	return n;
}

/*
 * The key of the feed file rel in the memo, of all it shows: its place,
 * title and id, and its entries (their kinds, dates and ids, and their
 * cases' src, the keys of their public forms, which hold site.yaml).  0
 * when there is no memo, the feed is empty (what it shows of site.yaml
 * is then in no case's key) or a case has no key.
 */
static int
feedkey(const struct fctx *f, const char *rel, unsigned char *key)
{
	crypto_generichash_state	 st;
	const struct item		*it;
	unsigned long long		 v[5];
	size_t				 i;

	if (f->s->memo == NULL || f->n == 0)
		return 0;
	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)"feed", 5);
	crypto_generichash_update(&st, (const unsigned char *)rel,
	    strlen(rel) + 1);
	crypto_generichash_update(&st, (const unsigned char *)f->dir,
	    strlen(f->dir) + 1);
	crypto_generichash_update(&st, (const unsigned char *)f->title,
	    strlen(f->title) + 1);
	if (f->id != NULL)
		crypto_generichash_update(&st, (const unsigned char *)f->id,
		    strlen(f->id) + 1);
	v[0] = f->n;
	crypto_generichash_update(&st, (const unsigned char *)v,
	    sizeof(v[0]));
	for (i = 0; i < f->n; i++) {
		it = f->items[i];
		if (zero32(it->rec->src))
			return 0;
		crypto_generichash_update(&st, it->rec->src, 32);
		v[0] = (unsigned long long)it->kind;
		v[1] = it->rev;
		v[2] = (unsigned long long)(long long)it->date.y;
		v[3] = (unsigned long long)(long long)it->date.m;
		v[4] = (unsigned long long)(long long)it->date.d;
		crypto_generichash_update(&st, (const unsigned char *)v,
		    sizeof(v));
		crypto_generichash_update(&st, (const unsigned char *)it->guid,
		    strlen(it->guid) + 1);
	}
	crypto_generichash_final(&st, key, 32);
	return 1;
}

/*
 * Whether the feed file rel of f is as made before: then it is published
 * as it was, and nothing need be made.  Else *keyed says whether key is
 * the feed's, to remember what is written (feedput).
 */
static int
feedmemo(const struct fctx *f, const char *out, const char *rel,
    unsigned char *key, int *keyed)
{
	unsigned char	 h[32];
	int		 taken;

	if (!(*keyed = feedkey(f, rel, key)))
		return 0;
	taken = f->s->memo->get(f->s->memo->arg, key, h) &&
	    writelink(out, rel, h);
	f->s->memo->hit(f->s->memo->arg, PAGE_FEED, taken);
	return taken;
}

/* Write the n bytes of feed file rel, remembered under key when keyed;
 * 0 on error. */
static int
feedput(const struct fctx *f, const char *out, const char *rel,
    const char *p, size_t n, const unsigned char *key, int keyed)
{
	unsigned char	 h[32];
	int		 ok;

	ok = writefile_as(out, rel, p, n, keyed ? h : NULL);
	if (ok && keyed)
		f->s->memo->put(f->s->memo->arg, key, h);
	return ok;
}

/* Write a finished libxml2 buffer to rel; 0 on error.  With f, a feed
 * remembered under key when keyed. */
static int
flushxml(const char *dir, const char *rel, xmlTextWriterPtr w,
    xmlBufferPtr b, int rc, const struct fctx *f, const unsigned char *key,
    int keyed)
{
	int	 ok;

	if (xmlTextWriterEndDocument(w) < 0)
		rc = -1;
	xmlFreeTextWriter(w);
	if (rc < 0) {
		syserr("%s: cannot write XML", rel);
		xmlBufferFree(b);
		return 0;
	}
	if (f != NULL)
		ok = feedput(f, dir, rel, (const char *)xmlBufferContent(b),
		    (size_t)xmlBufferLength(b), key, keyed);
	else
		ok = writefile(dir, rel, (const char *)xmlBufferContent(b),
		    (size_t)xmlBufferLength(b));
	xmlBufferFree(b);
	return ok;
}

#define X(call)	do { if ((call) < 0) rc = -1; } while (0)
#define BC(s)	((const xmlChar *)(s))

/* A writer into a new buffer, indenting, its XML declaration written. */
static xmlTextWriterPtr
newwriter(xmlBufferPtr *b)
{
	xmlTextWriterPtr	 w;

	if ((*b = xmlBufferCreate()) == NULL ||
	    (w = xmlNewTextWriterMemory(*b, 0)) == NULL) {
		syserr("libxml2: cannot make a writer");
		if (*b != NULL)
			xmlBufferFree(*b);
		return NULL;
	}
	xmlTextWriterSetIndent(w, 1);
	if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0) {
		syserr("libxml2: cannot write");
		xmlFreeTextWriter(w);
		xmlBufferFree(*b);
		return NULL;
	}
	return w;
}

static int
rss(const struct fctx *f, const char *out)
{
	const struct config	*cfg = f->s->cfg;
	xmlBufferPtr		 b;
	xmlTextWriterPtr	 w;
	const char		*tg[3];
	char			*s, *rel, *url;
	struct date		 d;
	size_t			 i, k, nt;
	unsigned char		 key[32];
	int			 rc = 0, keyed;

	rel = xasprintf("%s%s", f->dir, f->rssname);
	if (feedmemo(f, out, rel, key, &keyed)) {
		free(rel);
		return 1;
	}
	if ((w = newwriter(&b)) == NULL) {
		free(rel);
		return 0;
	}
	X(xmlTextWriterStartElement(w, BC("rss")));
	X(xmlTextWriterWriteAttribute(w, BC("version"), BC("2.0")));
	X(xmlTextWriterWriteAttribute(w, BC("xmlns:atom"),
	    BC("http://www.w3.org/2005/Atom")));
	X(xmlTextWriterWriteAttribute(w, BC("xmlns:content"),
	    BC("http://purl.org/rss/1.0/modules/content/")));
	X(xmlTextWriterStartElement(w, BC("channel")));
	X(xmlTextWriterWriteElement(w, BC("title"), BC(f->title)));
	url = xasprintf("%s%s", cfg->base_url, f->dir);
	X(xmlTextWriterWriteElement(w, BC("link"), BC(url)));
	free(url);
	X(xmlTextWriterWriteElement(w, BC("description"),
	    BC(cfg->description != NULL ? cfg->description : f->title)));
	X(xmlTextWriterWriteElement(w, BC("language"), BC(cfg->language)));
	d = newest(f);
	s = rfc822(&d, cfg->tzmin);
	X(xmlTextWriterWriteElement(w, BC("lastBuildDate"), BC(s)));
	free(s);
	X(xmlTextWriterStartElement(w, BC("atom:link")));
	url = xasprintf("%s%s%s", cfg->base_url, f->dir, f->rssname);
	X(xmlTextWriterWriteAttribute(w, BC("href"), BC(url)));
	free(url);
	X(xmlTextWriterWriteAttribute(w, BC("rel"), BC("self")));
	X(xmlTextWriterWriteAttribute(w, BC("type"),
	    BC("application/rss+xml")));
	X(xmlTextWriterEndElement(w));
	for (i = 0; i < f->n; i++) {
		const struct item *it = f->items[i];

		X(xmlTextWriterStartElement(w, BC("item")));
		s = entrytitle(it);
		X(xmlTextWriterWriteElement(w, BC("title"), BC(s)));
		free(s);
		url = caseurl(f->s, it->rec);
		X(xmlTextWriterWriteElement(w, BC("link"), BC(url)));
		free(url);
		X(xmlTextWriterStartElement(w, BC("guid")));
		X(xmlTextWriterWriteAttribute(w, BC("isPermaLink"),
		    BC("false")));
		X(xmlTextWriterWriteString(w, BC(it->guid)));
		X(xmlTextWriterEndElement(w));
		s = rfc822(&it->date, cfg->tzmin);
		X(xmlTextWriterWriteElement(w, BC("pubDate"), BC(s)));
		free(s);
		nt = tags(it, tg);
		for (k = 0; k < nt; k++)
			X(xmlTextWriterWriteElement(w, BC("category"),
			    BC(tg[k])));
		s = entrysummary(it);
		X(xmlTextWriterWriteElement(w, BC("description"), BC(s)));
		free(s);
		if (!cfg->feed_summary_only)
			X(xmlTextWriterWriteElement(w, BC("content:encoded"),
			    BC(entryhtml(f, it))));
		X(xmlTextWriterEndElement(w));
	}
	X(xmlTextWriterEndElement(w));
	X(xmlTextWriterEndElement(w));
	rc = flushxml(out, rel, w, b, rc, f, key, keyed);
	free(rel);
	return rc;
}

static int
atom(const struct fctx *f, const char *out)
{
	const struct config	*cfg = f->s->cfg;
	xmlBufferPtr		 b;
	xmlTextWriterPtr	 w;
	const char		*tg[3];
	char			*s, *rel, *url;
	struct date		 d;
	size_t			 i, k, nt;
	unsigned char		 key[32];
	int			 rc = 0, keyed;

	rel = xasprintf("%satom.xml", f->dir);
	if (feedmemo(f, out, rel, key, &keyed)) {
		free(rel);
		return 1;
	}
	if ((w = newwriter(&b)) == NULL) {
		free(rel);
		return 0;
	}
	X(xmlTextWriterStartElement(w, BC("feed")));
	X(xmlTextWriterWriteAttribute(w, BC("xmlns"),
	    BC("http://www.w3.org/2005/Atom")));
	X(xmlTextWriterWriteAttribute(w, BC("xml:lang"), BC(cfg->language)));
	X(xmlTextWriterWriteElement(w, BC("title"), BC(f->title)));
	if (cfg->description != NULL)
		X(xmlTextWriterWriteElement(w, BC("subtitle"),
		    BC(cfg->description)));
	X(xmlTextWriterWriteElement(w, BC("id"), BC(f->id)));
	d = newest(f);
	s = rfc3339(&d, cfg->tz);
	X(xmlTextWriterWriteElement(w, BC("updated"), BC(s)));
	free(s);
	X(xmlTextWriterStartElement(w, BC("link")));
	url = xasprintf("%s%satom.xml", cfg->base_url, f->dir);
	X(xmlTextWriterWriteAttribute(w, BC("rel"), BC("self")));
	X(xmlTextWriterWriteAttribute(w, BC("type"),
	    BC("application/atom+xml")));
	X(xmlTextWriterWriteAttribute(w, BC("href"), BC(url)));
	free(url);
	X(xmlTextWriterEndElement(w));
	X(xmlTextWriterStartElement(w, BC("link")));
	url = xasprintf("%s%s", cfg->base_url, f->dir);
	X(xmlTextWriterWriteAttribute(w, BC("rel"), BC("alternate")));
	X(xmlTextWriterWriteAttribute(w, BC("type"), BC("text/html")));
	X(xmlTextWriterWriteAttribute(w, BC("href"), BC(url)));
	free(url);
	X(xmlTextWriterEndElement(w));
	X(xmlTextWriterStartElement(w, BC("author")));
	X(xmlTextWriterWriteElement(w, BC("name"), BC(cfg->publisher)));
	X(xmlTextWriterEndElement(w));
	for (i = 0; i < f->n; i++) {
		const struct item *it = f->items[i];

		X(xmlTextWriterStartElement(w, BC("entry")));
		s = entrytitle(it);
		X(xmlTextWriterWriteElement(w, BC("title"), BC(s)));
		free(s);
		X(xmlTextWriterWriteElement(w, BC("id"), BC(it->guid)));
		X(xmlTextWriterStartElement(w, BC("link")));
		X(xmlTextWriterWriteAttribute(w, BC("rel"), BC("alternate")));
		X(xmlTextWriterWriteAttribute(w, BC("type"), BC("text/html")));
		url = caseurl(f->s, it->rec);
		X(xmlTextWriterWriteAttribute(w, BC("href"), BC(url)));
		free(url);
		X(xmlTextWriterEndElement(w));
		s = rfc3339(&it->date, cfg->tz);
		X(xmlTextWriterWriteElement(w, BC("published"), BC(s)));
		free(s);
		d = entryupdated(it);
		s = rfc3339(&d, cfg->tz);
		X(xmlTextWriterWriteElement(w, BC("updated"), BC(s)));
		free(s);
		nt = tags(it, tg);
		for (k = 0; k < nt; k++) {
			X(xmlTextWriterStartElement(w, BC("category")));
			X(xmlTextWriterWriteAttribute(w, BC("term"),
			    BC(tg[k])));
			X(xmlTextWriterEndElement(w));
		}
		s = entrysummary(it);
		X(xmlTextWriterWriteElement(w, BC("summary"), BC(s)));
		free(s);
		if (!cfg->feed_summary_only) {
			X(xmlTextWriterStartElement(w, BC("content")));
			X(xmlTextWriterWriteAttribute(w, BC("type"),
			    BC("html")));
			X(xmlTextWriterWriteString(w,
			    BC(entryhtml(f, it))));
			X(xmlTextWriterEndElement(w));
		}
		X(xmlTextWriterEndElement(w));
	}
	X(xmlTextWriterEndElement(w));
	rc = flushxml(out, rel, w, b, rc, f, key, keyed);
	free(rel);
	return rc;
}

static int
jsonfeed(const struct fctx *f, const char *out)
{
	const struct config	*cfg = f->s->cfg;
	struct buf		 b;
	const char		*tg[3];
	char			*s, *rel, *url;
	struct date		 d;
	size_t			 i, k, nt;
	unsigned char		 key[32];
	int			 ok, keyed;

	rel = xasprintf("%sfeed.json", f->dir);
	if (feedmemo(f, out, rel, key, &keyed)) {
		free(rel);
		return 1;
	}
	memset(&b, 0, sizeof(b));
	buf_puts(&b, "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
	    "  \"title\": ");
	json_str(&b, f->title);
	url = xasprintf("%s%s", cfg->base_url, f->dir);
	buf_puts(&b, ",\n  \"home_page_url\": ");
	json_str(&b, url);
	free(url);
	url = xasprintf("%s%sfeed.json", cfg->base_url, f->dir);
	buf_puts(&b, ",\n  \"feed_url\": ");
	json_str(&b, url);
	free(url);
	if (cfg->description != NULL) {
		buf_puts(&b, ",\n  \"description\": ");
		json_str(&b, cfg->description);
	}
	buf_puts(&b, ",\n  \"language\": ");
	json_str(&b, cfg->language);
	buf_puts(&b, ",\n  \"authors\": [{\"name\": ");
	json_str(&b, cfg->publisher);
	buf_puts(&b, "}],\n  \"items\": [");
	for (i = 0; i < f->n; i++) {
		const struct item *it = f->items[i];

		buf_puts(&b, i == 0 ? "\n    {" : ",\n    {");
		buf_puts(&b, "\n      \"id\": ");
		json_str(&b, it->guid);
		url = caseurl(f->s, it->rec);
		buf_puts(&b, ",\n      \"url\": ");
		json_str(&b, url);
		free(url);
		s = entrytitle(it);
		buf_puts(&b, ",\n      \"title\": ");
		json_str(&b, s);
		free(s);
		s = entrysummary(it);
		buf_puts(&b, ",\n      \"summary\": ");
		json_str(&b, s);
		if (cfg->feed_summary_only) {
			buf_puts(&b, ",\n      \"content_text\": ");
			json_str(&b, s);
		} else {
			buf_puts(&b, ",\n      \"content_html\": ");
			json_str(&b, entryhtml(f, it));
		}
		free(s);
		s = rfc3339(&it->date, cfg->tz);
		buf_puts(&b, ",\n      \"date_published\": ");
		json_str(&b, s);
		free(s);
		d = entryupdated(it);
		s = rfc3339(&d, cfg->tz);
		buf_puts(&b, ",\n      \"date_modified\": ");
		json_str(&b, s);
		free(s);
		nt = tags(it, tg);
		if (nt > 0) {
			buf_puts(&b, ",\n      \"tags\": [");
			for (k = 0; k < nt; k++) {
				if (k > 0)
					buf_puts(&b, ", ");
				json_str(&b, tg[k]);
			}
			buf_puts(&b, "]");
		}
		buf_puts(&b, "\n    }");
	}
	buf_puts(&b, f->n > 0 ? "\n  ]\n}\n" : "]\n}\n");
	ok = feedput(f, out, rel, b.p, b.len, key, keyed);
	free(rel);
	buf_free(&b);
	return ok;
}

/*
 * Fill a feed with the entries that match (t, term), all of them (t is
 * -1), the corrections only (t is -2), or those of the cases that rely
 * on item number term of the declared list (t is -3).
 */
static void
select_items(struct fctx *f, int t, size_t term)
{
	const struct item *it;
	size_t		 i, max = f->s->cfg->feed_items;

	f->items = xcalloc(f->s->nitems + 1, sizeof(*f->items));
	f->n = 0;
	for (i = 0; i < f->s->nitems && f->n < max; i++) {
		it = &f->s->items[i];
		if (t == -1 || (t == -2 && it->kind == ITEM_CORRECTION) ||
		    (t == -3 && it->rec->st == STATUS_CLOSED &&
		    index_relies(it->rec, (long)term)) ||
		    (t >= 0 && index_item_in(it, (enum tax)t, term)))
			f->items[f->n++] = it;
	}
}

static int
threefeeds(struct fctx *f, const char *out)
{
	int	 ok = 1;

	ok = rss(f, out) && ok;
	ok = atom(f, out) && ok;
	ok = jsonfeed(f, out) && ok;
	return ok;
}

/* One outline of feeds.opml: an RSS feed and its page. */
static int
outline(xmlTextWriterPtr w, const struct site *s, const char *title,
    const char *dir, const char *file)
{
	char	*url;
	int	 rc = 0;

	X(xmlTextWriterStartElement(w, BC("outline")));
	X(xmlTextWriterWriteAttribute(w, BC("type"), BC("rss")));
	X(xmlTextWriterWriteAttribute(w, BC("text"), BC(title)));
	X(xmlTextWriterWriteAttribute(w, BC("title"), BC(title)));
	url = xasprintf("%s%s%s", s->cfg->base_url, dir, file);
	X(xmlTextWriterWriteAttribute(w, BC("xmlUrl"), BC(url)));
	free(url);
	url = xasprintf("%s%s", s->cfg->base_url, dir);
	X(xmlTextWriterWriteAttribute(w, BC("htmlUrl"), BC(url)));
	free(url);
	X(xmlTextWriterEndElement(w));
	return rc;
}

/* feeds.opml: the portal's feed, its corrections, and every term's. */
static int
opml(const struct site *s, const char *out)
{
	xmlBufferPtr		 b;
	xmlTextWriterPtr	 w = newwriter(&b);
	char			*name, *title, *dir;
	size_t			 t, i;
	int			 rc = 0;

	if (w == NULL)
		return 0;
	X(xmlTextWriterStartElement(w, BC("opml")));
	X(xmlTextWriterWriteAttribute(w, BC("version"), BC("2.0")));
	X(xmlTextWriterStartElement(w, BC("head")));
	X(xmlTextWriterWriteElement(w, BC("title"), BC(s->cfg->title)));
	X(xmlTextWriterEndElement(w));
	X(xmlTextWriterStartElement(w, BC("body")));
	X(outline(w, s, s->cfg->title, "", "feed.xml"));
	title = xasprintf("%s - %s", s->cfg->title, theme_str("revisions"));
	X(outline(w, s, title, "", "corrections.xml"));
	free(title);
	for (t = 0; t < TAX__MAX; t++)
		for (i = 0; i < s->tax[t].nterms; i++) {
			if (!index_has_page(s, (enum tax)t, (long)i))
				continue;
			name = theme_termname(s, (enum tax)t, i);
			title = xasprintf("%s - %s", s->cfg->title, name);
			dir = index_termdir(s, (enum tax)t, i);
			X(outline(w, s, title, dir, "feed.xml"));
			free(name);
			free(title);
			free(dir);
		}
	for (i = 0; i < s->nrules; i++) {
		if (s->rules[i].nrecs == 0)
			continue;
		title = xasprintf("%s - %s%s", s->cfg->title,
		    theme_str("rules"), s->rules[i].name);
		dir = xasprintf("rules/%s/", s->rules[i].slug);
		X(outline(w, s, title, dir, "feed.xml"));
		free(title);
		free(dir);
	}
	X(xmlTextWriterEndElement(w));
	X(xmlTextWriterEndElement(w));
	return flushxml(out, "feeds.opml", w, b, rc, NULL, NULL, 0);
}

/*
 * The three feeds of a term's page dir (or of an item of the declared
 * list), named name, their ids under feed/idpath, of the entries that
 * select_items takes for (t, term).
 */
static int
termfeeds(struct fctx *f, const char *out, const char *dir, const char *name,
    const char *idpath, int t, size_t term)
{
	const struct site	*s = f->s;
	int			 ok;

	f->dir = dir;
	f->title = xasprintf("%s - %s", s->cfg->title, name);
	f->id = xasprintf("tag:%s,%s:feed/%s", s->cfg->tag_authority,
	    s->cfg->tag_date, idpath);
	select_items(f, t, term);
	ok = threefeeds(f, out);
	free(f->items);
	free(f->title);
	free(f->id);
	return ok;
}

/*
 * Write every feed of the site into out, and feeds.opml.  Returns the
 * number of files written, 0 on error (reported).
 */
size_t
feed_write(const struct site *s, const char *out)
{
	struct fctx	 f;
	size_t		 t, i, files = 0;
	char		*name;
	char	       **html;
	int		 ok = 1;

	/* Each entry's HTML once, when a feed first lists it. */
	html = xcalloc(s->nitems + 1, sizeof(*html));

	memset(&f, 0, sizeof(f));
	f.s = s;
	f.html = html;
	f.dir = "";
	f.rssname = "feed.xml";
	f.title = xstrdup(s->cfg->title);
	f.id = xasprintf("tag:%s,%s:feed", s->cfg->tag_authority,
	    s->cfg->tag_date);
	select_items(&f, -1, 0);
	ok = threefeeds(&f, out) && ok;
	files += 3;
	free(f.items);
	free(f.title);
	free(f.id);

	/* The corrections alone, for those who follow what changed. */
	f.rssname = "corrections.xml";
	f.title = xasprintf("%s - %s", s->cfg->title,
	    theme_str("revisions"));
	f.id = NULL;
	select_items(&f, -2, 0);
	ok = rss(&f, out) && ok;
	files++;
	free(f.items);
	free(f.title);
	f.rssname = "feed.xml";
	for (t = 0; t < TAX__MAX; t++)
		for (i = 0; i < s->tax[t].nterms; i++) {
			char *dir, *idpath;

			if (!index_has_page(s, (enum tax)t, (long)i))
				continue;
			dir = index_termdir(s, (enum tax)t, i);
			name = theme_termname(s, (enum tax)t, i);
			idpath = xasprintf("%s/%s", index_taxname((enum tax)t),
			    s->tax[t].terms[i].slug);
			ok = termfeeds(&f, out, dir, name, idpath, (int)t, i) &&
			    ok;
			files += 3;
			free(idpath);
			free(name);
			free(dir);
		}
	/* Each item of the declared list that cases relied on. */
	for (i = 0; i < s->nrules; i++) {
		char *dir, *idpath;

		if (s->rules[i].nrecs == 0)
			continue;
		dir = xasprintf("rules/%s/", s->rules[i].slug);
		name = xasprintf("%s%s", theme_str("rules"),
		    s->rules[i].name);
		idpath = xasprintf("rules/%s", s->rules[i].slug);
		ok = termfeeds(&f, out, dir, name, idpath, -3,
		    (size_t)strtol(s->rules[i].slug, NULL, 10)) && ok;
		files += 3;
		free(idpath);
		free(name);
		free(dir);
	}
	ok = opml(s, out) && ok;
	files++;
	for (i = 0; i < s->nitems; i++)
		free(html[i]);
	free(html);
	return ok ? files : 0;
}

/* sitemap.xml of the HTML pages (sitemaps.org 0.9). */
int
feed_sitemap(const struct site *s, const struct pagelist *pages,
    const char *out)
{
	xmlBufferPtr		 b;
	xmlTextWriterPtr	 w = newwriter(&b);
	char			*url;
	size_t			 i;
	int			 rc = 0;

	if (w == NULL)
		return 0;
	X(xmlTextWriterStartElement(w, BC("urlset")));
	X(xmlTextWriterWriteAttribute(w, BC("xmlns"),
	    BC("http://www.sitemaps.org/schemas/sitemap/0.9")));
	for (i = 0; i < pages->n; i++) {
		X(xmlTextWriterStartElement(w, BC("url")));
		url = xasprintf("%s%s", s->cfg->base_url, pages->v[i].loc);
		X(xmlTextWriterWriteElement(w, BC("loc"), BC(url)));
		free(url);
		if (pages->v[i].has_lastmod) {
			url = date_str(&pages->v[i].lastmod);
			X(xmlTextWriterWriteElement(w, BC("lastmod"),
			    BC(url)));
			free(url);
		}
		X(xmlTextWriterEndElement(w));
	}
	X(xmlTextWriterEndElement(w));
	return flushxml(out, "sitemap.xml", w, b, rc, NULL, NULL, 0);
}
