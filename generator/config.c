/*
 * The portal's configuration, content/site.yaml: title, base URL, time
 * zone, feed settings, the contact for objections, the licence of the
 * open data, and the units and categories with the slugs of their pages.
 * And content/rules.yaml, when there is one: the numbered exemptible
 * situations of the local rules (免责清单), each with its source and the
 * dates it is valid, and the red lines that are never exempted.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "disclose.h"
#include "extern.h"

static const char *const sitekeys[] = {
	"title", "description", "intro", "base_url", "language", "timezone",
	"tag_authority", "tag_date", "publisher", "contact", "per_page",
	"feed_items", "feed_summary_only", "data_license", "units",
	"categories", "site_code", "icp", "police_record", "privacy",
	"time_limits", "basis_required_from", NULL
};

static const char *const contactkeys[] = { "email", "url", "phone", NULL };
static const char *const termkeys[] = { "name", "slug", NULL };
static const char *const limitkeys[] = { "decision", "publication", NULL };

/*
 * A string setting; NULL when absent or empty (null, "" or blanks),
 * which is an error when it is required.
 */
static char *
str(struct source *c, const struct ynode *map, const char *key, int required)
{
	const struct ynode	*n;
	size_t			 i;

	if ((n = ynode_get(map, key, &i)) == NULL || ynode_blank(n)) {
		if (required)
			diag_required(c, key, NULL, n != NULL,
			    n != NULL ? ynode_at(map, i) : map->pos, map->pos);
		return NULL;
	}
	if (n->type != Y_SCALAR) {
		diag_at(c, n->pos, "%s: expected a value, found %s", key,
		    ytype_name(n->type));
		return NULL;
	}
	return xstrdup(n->value);
}

static size_t
number(struct source *c, const struct ynode *map, const char *key,
    size_t dflt, size_t min, size_t max)
{
	const struct ynode	*n;
	char			*end;
	unsigned long		 v;

	if ((n = ynode_get(map, key, NULL)) == NULL || ynode_isnull(n))
		return dflt;
	if (n->type != Y_SCALAR) {
		diag_at(c, n->pos, "%s: expected a number", key);
		return dflt;
	}
	errno = 0;
	v = strtoul(n->value, &end, 10);
	if (n->value[0] < '0' || n->value[0] > '9' || *end != '\0' ||
	    errno != 0 || v < min || v > max) {
		diag_at(c, n->pos, "%s: expected a number from %zu to %zu, "
		    "got \"%s\"", key, min, max, n->value);
		return dflt;
	}
	return v;
}

static int
boolean(struct source *c, const struct ynode *map, const char *key)
{
	const struct ynode	*n;

	if ((n = ynode_get(map, key, NULL)) == NULL || ynode_isnull(n))
		return 0;
	if (n->type == Y_SCALAR && strcmp(n->value, "true") == 0)
		return 1;
	if (n->type == Y_SCALAR && strcmp(n->value, "false") == 0)
		return 0;
	diag_at(c, n->pos, "%s: expected true or false", key);
	return 0;
}

static void
terms(struct source *c, const struct ynode *map, const char *key,
    struct termdef **out, size_t *nout)
{
	const struct ynode	*n, *it, *v;
	size_t			 i, j, k;
	char			*w;

	*out = NULL;
	*nout = 0;
	if ((n = ynode_get(map, key, NULL)) == NULL || ynode_isnull(n))
		return;
	if (n->type != Y_SEQ) {
		diag_at(c, n->pos, "%s: expected a list of {name, slug}", key);
		return;
	}
	*out = xcalloc(n->n, sizeof(**out));
	for (i = 0; i < n->n; i++) {
		struct termdef	*t = &(*out)[*nout];

		it = n->kids[i];
		if (it->type != Y_MAP) {
			diag_at(c, it->pos, "%s[%zu]: expected {name, slug}",
			    key, i + 1);
			continue;
		}
		ynode_unknown(c, it, key, termkeys);
		v = ynode_get(it, "name", &k);
		if (v == NULL || ynode_blank(v)) {
			w = xasprintf("%s[%zu].name", key, i + 1);
			diag_required(c, w, NULL, v != NULL,
			    v != NULL ? ynode_at(it, k) : it->pos, it->pos);
			free(w);
			continue;
		}
		if (v->type != Y_SCALAR) {
			diag_at(c, v->pos, "%s[%zu].name: expected a value, "
			    "found %s", key, i + 1, ytype_name(v->type));
			continue;
		}
		t->name = xstrdup(v->value);
		v = ynode_get(it, "slug", NULL);
		if (v == NULL || v->type != Y_SCALAR || !is_slug(v->value)) {
			diag_at(c, v != NULL ? v->pos : it->pos,
			    "%s[%zu].slug: expected a slug of lower-case "
			    "letters, digits and '-'", key, i + 1);
			free(t->name);
			continue;
		}
		t->slug = xstrdup(v->value);
		for (j = 0; j < *nout; j++) {
			if (strcmp((*out)[j].name, t->name) == 0)
				diag_at(c, it->pos, "%s[%zu]: the name \"%s\" "
				    "is listed twice", key, i + 1, t->name);
			if (strcmp((*out)[j].slug, t->slug) == 0)
				diag_at(c, v->pos, "%s[%zu].slug: the slug "
				    "\"%s\" is used twice", key, i + 1,
				    t->slug);
		}
		(*nout)++;
	}
}

/* Parse "+08:00", "-05:30" or "Z" into minutes east of UTC. */
static int
tzparse(const char *s, int *min)
{
	int	 sign, h, m;

	if (strcmp(s, "Z") == 0 || strcmp(s, "+00:00") == 0) {
		*min = 0;
		return 1;
	}
	if (strlen(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
		return 0;
	if (s[1] < '0' || s[1] > '9' || s[2] < '0' || s[2] > '9' ||
	    s[4] < '0' || s[4] > '5' || s[5] < '0' || s[5] > '9')
		return 0;
	sign = s[0] == '-' ? -1 : 1;
	h = (s[1] - '0') * 10 + (s[2] - '0');
	m = (s[4] - '0') * 10 + (s[5] - '0');
	if (h > 14)
		return 0;
	*min = sign * (h * 60 + m);
	return 1;
}

/* Whether s is an http(s) URL without characters that need escaping. */
static int
is_url(const char *s)
{
	const char	*p;

	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return 0;
	p = strchr(s, ':') + 3;
	if (*p == '/' || *p == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\' || *p == '`' ||
		    (unsigned char)*p >= 0x7f)
			return 0;
	return 1;
}

static struct pos
at(const struct ynode *map, const char *key)
{
	const struct ynode	*n;

	n = ynode_get(map, key, NULL);
	return n != NULL ? n->pos : map->pos;
}

/*
 * The mapping at the root of the YAML text of path, what names what it
 * must hold; NULL after reporting a problem.
 */
static struct ynode *
loadmap(const char *path, const char *text, size_t len, const char *what)
{
	struct ynode	*root;
	struct pos	 one = { 1, 1 };
	size_t		 bad;
	int		 yok;

	if (!utf8_valid(text, len, &bad)) {
		diag_error(path, text_pos(text, bad, 1), "invalid UTF-8");
		return NULL;
	}
	root = yaml_load(path, text, len, 1, &yok);
	if (!yok)
		return NULL;
	if (root == NULL || root->type != Y_MAP) {
		diag_error(path, root ? root->pos : one, "%s", what);
		ynode_free(root);
		return NULL;
	}
	return root;
}

/* Parse site.yaml text. Returns NULL after reporting problems. */
struct config *
config_parse(const char *path, const char *text, size_t len)
{
	struct source	 c;
	struct config	*cfg;
	struct ynode	*root;
	const struct ynode *ct;
	const char	*host, *slash;

	c.path = path;
	c.ok = 1;
	if ((root = loadmap(path, text, len, "site.yaml must be a mapping of "
	    "settings")) == NULL)
		return NULL;
	cfg = xcalloc(1, sizeof(*cfg));
	cfg->path = xstrdup(path);
	ynode_unknown(&c, root, "", sitekeys);
	cfg->title = str(&c, root, "title", 1);
	cfg->description = str(&c, root, "description", 0);
	cfg->intro = str(&c, root, "intro", 0);
	cfg->publisher = str(&c, root, "publisher", 1);
	/* What a Chinese government site shows at its foot, and how it
	 * handles personal information (Markdown; the theme has a text). */
	cfg->site_code = str(&c, root, "site_code", 0);
	cfg->icp = str(&c, root, "icp", 0);
	cfg->police_record = str(&c, root, "police_record", 0);
	cfg->privacy = str(&c, root, "privacy", 0);
	cfg->base_url = str(&c, root, "base_url", 1);
	if (cfg->base_url != NULL) {
		if (!is_url(cfg->base_url))
			diag_at(&c, at(root, "base_url"), "base_url: expected "
			    "an absolute http or https URL such as "
			    "https://example.gov.cn/cases/");
		else if (cfg->base_url[strlen(cfg->base_url) - 1] != '/') {
			char *u = xasprintf("%s/", cfg->base_url);

			free(cfg->base_url);
			cfg->base_url = u;
		}
	}
	if (cfg->base_url != NULL && c.ok) {
		host = strstr(cfg->base_url, "://") + 3;
		slash = strchr(host, '/');
		cfg->base_path = xstrdup(slash);
		if (cfg->tag_authority == NULL)
			cfg->tag_authority = xstrndup(host,
			    (size_t)(slash - host));
	}
	cfg->language = str(&c, root, "language", 0);
	if (cfg->language == NULL)
		cfg->language = xstrdup("zh-CN");
	else if (strcmp(cfg->language, "zh-CN") != 0 &&
	    strcmp(cfg->language, "en") != 0)
		diag_at(&c, at(root, "language"), "language: unknown value "
		    "\"%s\" (expected zh-CN, en)", cfg->language);
	cfg->tz = str(&c, root, "timezone", 0);
	if (cfg->tz == NULL)
		cfg->tz = xstrdup("+08:00");
	if (!tzparse(cfg->tz, &cfg->tzmin))
		diag_at(&c, at(root, "timezone"), "timezone: expected an "
		    "offset such as +08:00, got \"%s\"", cfg->tz);
	{
		char *a = str(&c, root, "tag_authority", 0);

		if (a != NULL) {
			free(cfg->tag_authority);
			cfg->tag_authority = a;
		}
	}
	cfg->tag_date = str(&c, root, "tag_date", 1);
	if (cfg->tag_date != NULL) {
		struct date d;

		if (!date_parse_partial(cfg->tag_date, &d) ||
		    (d.m != 0 && d.d == 0))
			diag_at(&c, at(root, "tag_date"), "tag_date: expected "
			    "a year (2024) or a date (2024-01-01) on which the "
			    "authority owned its domain (RFC 4151)");
	}
	if (cfg->tag_authority != NULL && strpbrk(cfg->tag_authority,
	    " ,:/\"<>") != NULL)
		diag_at(&c, at(root, "tag_authority"), "tag_authority: "
		    "expected a domain name or an e-mail address");
	if ((ct = ynode_get(root, "contact", NULL)) == NULL ||
	    ct->type != Y_MAP)
		diag_at(&c, ct != NULL ? ct->pos : root->pos, "contact: "
		    "expected a mapping with email, url or phone, where the "
		    "public may object to a decision or report a problem");
	else {
		ynode_unknown(&c, ct, "contact", contactkeys);
		cfg->contact_email = str(&c, ct, "email", 0);
		cfg->contact_url = str(&c, ct, "url", 0);
		cfg->contact_phone = str(&c, ct, "phone", 0);
		if (cfg->contact_email == NULL && cfg->contact_url == NULL &&
		    cfg->contact_phone == NULL)
			diag_at(&c, ct->pos, "contact: give at least one of "
			    "email, url or phone");
		if (cfg->contact_url != NULL && !is_url(cfg->contact_url))
			diag_at(&c, at(ct, "url"), "contact.url: expected an "
			    "absolute http or https URL");
		if (cfg->contact_email != NULL &&
		    (strchr(cfg->contact_email, '@') == NULL ||
		     strpbrk(cfg->contact_email, " <>\"?&") != NULL))
			diag_at(&c, at(ct, "email"), "contact.email: expected "
			    "an e-mail address");
	}
	cfg->per_page = number(&c, root, "per_page", 20, 1, 1000);
	cfg->feed_items = number(&c, root, "feed_items", 50, 1, 100000);
	cfg->feed_summary_only = boolean(&c, root, "feed_summary_only");
	/* The local time limits, in days: none where not given. */
	if ((ct = ynode_get(root, "time_limits", NULL)) != NULL &&
	    !ynode_isnull(ct)) {
		if (ct->type != Y_MAP)
			diag_at(&c, ct->pos, "time_limits: expected a mapping "
			    "with decision (days from application to "
			    "decision) and publication (days from decision "
			    "to publication)");
		else {
			ynode_unknown(&c, ct, "time_limits", limitkeys);
			cfg->limit_decision = number(&c, ct, "decision", 0, 1,
			    3650);
			cfg->limit_publication = number(&c, ct,
			    "publication", 0, 1, 3650);
		}
	}
	{
		char *d = str(&c, root, "basis_required_from", 0);

		if (d != NULL && (!date_parse(d, &cfg->basis_from) ||
		    cfg->basis_from.d == 0))
			diag_at(&c, at(root, "basis_required_from"),
			    "basis_required_from: expected a date "
			    "(2024-01-01) from which an exempted or "
			    "mitigated case must name its basis, got \"%s\"",
			    d);
		free(d);
	}
	/* Blank, like absent: the theme's licence. */
	cfg->data_license = str(&c, root, "data_license", 0);
	terms(&c, root, "units", &cfg->units, &cfg->nunits);
	terms(&c, root, "categories", &cfg->categories, &cfg->ncategories);
	if (cfg->nunits == 0)
		diag_at(&c, at(root, "units"), "units: list the units whose "
		    "cases are published, each with a name and a slug");
	if (cfg->ncategories == 0)
		diag_at(&c, at(root, "categories"), "categories: list the "
		    "categories of cases, each with a name and a slug");
	ynode_free(root);
	if (!c.ok) {
		config_free(cfg);
		return NULL;
	}
	return cfg;
}

struct config *
config_read(const char *path)
{
	struct config	*cfg;
	char		*text;
	size_t		 len;

	if ((text = readsource(path, "the portal's settings (title, "
	    "base_url, units, categories, ...) are read from this file",
	    &len, NULL)) == NULL)
		return NULL;
	cfg = config_parse(path, text, len);
	free(text);
	return cfg;
}

static void
termdefs_free(struct termdef *t, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(t[i].name);
		free(t[i].slug);
	}
	free(t);
}

void
config_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->path);
	free(cfg->title);
	free(cfg->description);
	free(cfg->intro);
	free(cfg->base_url);
	free(cfg->base_path);
	free(cfg->language);
	free(cfg->tz);
	free(cfg->tag_authority);
	free(cfg->tag_date);
	free(cfg->publisher);
	free(cfg->site_code);
	free(cfg->icp);
	free(cfg->police_record);
	free(cfg->privacy);
	free(cfg->contact_email);
	free(cfg->contact_url);
	free(cfg->contact_phone);
	free(cfg->data_license);
	termdefs_free(cfg->units, cfg->nunits);
	termdefs_free(cfg->categories, cfg->ncategories);
	rules_free(cfg->rules);
	free(cfg);
}

static const char *const rulefilekeys[] = { "items", "red_lines", NULL };
static const char *const itemkeys[] = { "number", "text", "source",
    "valid_from", "valid_to", NULL };
static const char *const linekeys[] = { "text", "source", NULL };

/* A date of an item: *d, and the text as written (NULL when absent and
 * not required). */
static char *
itemdate(struct source *c, const struct ynode *map, const char *key,
    int required, struct date *d, const char *where)
{
	char	*s;

	if ((s = str(c, map, key, required)) != NULL &&
	    (!date_parse(s, d) || d->d == 0)) {
		diag_at(c, at(map, key), "%s.%s: expected a date such as "
		    "2024-01-01, got \"%s\"", where, key, s);
		free(s);
		return NULL;
	}
	return s;
}

/* Parse rules.yaml text.  Returns NULL after reporting problems. */
struct rules *
rules_parse(const char *path, const char *text, size_t len)
{
	struct source	 c;
	struct rules	*rl;
	struct ynode	*root;
	const struct ynode *list, *n;
	struct ruleitem	*it;
	size_t		 i, k;
	char		*num, *end, where[64];

	c.path = path;
	c.ok = 1;
	if ((root = loadmap(path, text, len, "rules.yaml must be a mapping "
	    "of items (the exemptible situations) and red_lines")) == NULL)
		return NULL;
	rl = xcalloc(1, sizeof(*rl));
	rl->path = xstrdup(path);
	ynode_unknown(&c, root, "", rulefilekeys);
	list = ynode_get(root, "items", NULL);
	if (list == NULL || list->type != Y_SEQ || list->n == 0)
		diag_at(&c, list != NULL ? list->pos : root->pos, "items: "
		    "list the exemptible situations of the local rules, each "
		    "with a number, text, source and valid_from");
	else {
		rl->items = xcalloc(list->n, sizeof(*rl->items));
		for (i = 0; i < list->n; i++) {
			n = list->kids[i];
			snprintf(where, sizeof(where), "items[%zu]", i + 1);
			if (n->type != Y_MAP) {
				diag_at(&c, n->pos, "%s: expected a mapping",
				    where);
				continue;
			}
			ynode_unknown(&c, n, where, itemkeys);
			it = &rl->items[rl->nitems++];
			if ((num = str(&c, n, "number", 1)) != NULL) {
				it->n = strtol(num, &end, 10);
				if (*num < '1' || *num > '9' || *end != '\0' ||
				    it->n > 9999)
					diag_at(&c, at(n, "number"), "%s.number: "
					    "expected a number from 1 to 9999, "
					    "got \"%s\"", where, num);
				for (k = 0; k + 1 < rl->nitems; k++)
					if (rl->items[k].n == it->n)
						diag_at(&c, at(n, "number"),
						    "%s.number: item %ld is "
						    "numbered twice", where,
						    it->n);
				free(num);
			}
			it->text = str(&c, n, "text", 1);
			it->source = str(&c, n, "source", 1);
			it->from_s = itemdate(&c, n, "valid_from", 1, &it->from,
			    where);
			it->to_s = itemdate(&c, n, "valid_to", 0, &it->to,
			    where);
			if (it->from_s != NULL && it->to_s != NULL &&
			    date_cmp(&it->to, &it->from) < 0)
				diag_at(&c, at(n, "valid_to"), "%s.valid_to: "
				    "%s is before valid_from, %s", where,
				    it->to_s, it->from_s);
		}
	}
	if ((list = ynode_get(root, "red_lines", NULL)) != NULL &&
	    !ynode_isnull(list)) {
		if (list->type != Y_SEQ)
			diag_at(&c, list->pos, "red_lines: expected a list of "
			    "what can never be exempted, each with a text and "
			    "a source");
		else {
			rl->lines = xcalloc(list->n + 1, sizeof(*rl->lines));
			for (i = 0; i < list->n; i++) {
				n = list->kids[i];
				snprintf(where, sizeof(where), "red_lines[%zu]",
				    i + 1);
				if (n->type != Y_MAP) {
					diag_at(&c, n->pos, "%s: expected a "
					    "mapping", where);
					continue;
				}
				ynode_unknown(&c, n, where, linekeys);
				rl->lines[rl->nlines].text = str(&c, n, "text",
				    1);
				rl->lines[rl->nlines++].source = str(&c, n,
				    "source", 1);
			}
		}
	}
	ynode_free(root);
	if (!c.ok) {
		rules_free(rl);
		return NULL;
	}
	return rl;
}

/*
 * Read rules.yaml, when the portal has one: *rules is NULL when it has
 * none.  Returns 0 after reporting a problem.
 */
int
rules_read(const char *path, struct rules **rules)
{
	char	*text;
	size_t	 len;

	*rules = NULL;
	if (access(path, F_OK) == -1 && errno == ENOENT)
		return 1;
	if ((text = readsource(path, NULL, &len, NULL)) == NULL)
		return 0;
	*rules = rules_parse(path, text, len);
	free(text);
	return *rules != NULL;
}

/* The item numbered n of the list, or NULL. */
const struct ruleitem *
rules_item(const struct rules *rl, long n)
{
	size_t	 i;

	for (i = 0; rl != NULL && i < rl->nitems; i++)
		if (rl->items[i].n == n)
			return &rl->items[i];
	return NULL;
}

void
rules_free(struct rules *rl)
{
	size_t	 i;

	if (rl == NULL)
		return;
	for (i = 0; i < rl->nitems; i++) {
		free(rl->items[i].text);
		free(rl->items[i].source);
		free(rl->items[i].from_s);
		free(rl->items[i].to_s);
	}
	for (i = 0; i < rl->nlines; i++) {
		free(rl->lines[i].text);
		free(rl->lines[i].source);
	}
	free(rl->items);
	free(rl->lines);
	free(rl->path);
	free(rl);
}

/* The slug of a unit or category name, or NULL (borrowed). */
const char *
config_slug(const struct termdef *defs, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(defs[i].name, name) == 0)
			return defs[i].slug;
	return NULL;
}

/*
 * What site.yaml itself publishes on every page: the portal's title,
 * its publisher, the names of the units and categories.  A withheld
 * value equal to one of these is no secret.  The caller frees the array
 * (not the strings, which are borrowed).
 */
const char **
config_public(const struct config *cfg, size_t *n)
{
	const char	**v;
	size_t		  i;

	v = xcalloc(cfg->nunits + cfg->ncategories + 2, sizeof(*v));
	*n = 0;
	v[(*n)++] = cfg->title;
	v[(*n)++] = cfg->publisher;
	for (i = 0; i < cfg->nunits; i++)
		v[(*n)++] = cfg->units[i].name;
	for (i = 0; i < cfg->ncategories; i++)
		v[(*n)++] = cfg->categories[i].name;
	return v;
}

/*
 * The words in Latin letters that the portal writes of its own: the
 * slugs of units and categories (often Pinyin: jiaoyu, weijian), the
 * words of its address, tag authority and contact, and of its outcomes.
 * A name written in Latin letters that is one of them is not searched
 * for (a person named 魏健 is no leak in units/weijian/).  Sorted; the
 * caller frees them.
 */
char **
config_latin(const struct config *cfg, size_t *n)
{
	char	**v = xcalloc(1, sizeof(*v));
	size_t	  i;

	*n = 0;
	for (i = 0; i < cfg->nunits; i++)
		latin_words(cfg->units[i].slug, &v, n);
	for (i = 0; i < cfg->ncategories; i++)
		latin_words(cfg->categories[i].slug, &v, n);
	latin_words(cfg->base_url, &v, n);
	latin_words(cfg->tag_authority, &v, n);
	latin_words(cfg->contact_email, &v, n);
	latin_words(cfg->contact_url, &v, n);
	for (i = 0; i < OUTCOME__MAX; i++)
		latin_words(outcome_names[i], &v, n);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), strpcmp);
	return v;
}

/*
 * The values of site.yaml's contact that the portal publishes on
 * purpose (an e-mail address, a URL, a telephone number, landlines
 * too, and the site's registration numbers), so that the detectors and the audit let them be.  The caller
 * frees the array (not the strings, which are borrowed).
 */
const char **
config_contacts(const struct config *cfg, size_t *n)
{
	const char	**v;

	v = xcalloc(7, sizeof(*v));
	*n = 0;
	/* The numbers of the site's records with the authorities. */
	if (cfg->site_code != NULL)
		v[(*n)++] = cfg->site_code;
	if (cfg->icp != NULL)
		v[(*n)++] = cfg->icp;
	if (cfg->police_record != NULL)
		v[(*n)++] = cfg->police_record;
	if (cfg->contact_email != NULL)
		v[(*n)++] = cfg->contact_email;
	if (cfg->contact_phone != NULL)
		v[(*n)++] = cfg->contact_phone;
	if (cfg->contact_url != NULL)
		v[(*n)++] = cfg->contact_url;
	return v;
}
