/*
 * The theme: what the portal says and how its pages look, loaded once
 * per build from the templates directory.  This module owns the list of
 * templates (each loaded into tmpl.cc after its AUTOESCAPE pragma is
 * checked), the UI strings of the site's language (strings.yaml, every
 * one also a global template variable L_KEY), the withheld text of
 * plain-text outputs, and the labels that stages print: outcomes,
 * factors, legal grounds and the headings of terms.  It renders no page;
 * render.c, stats.c, feed.c, data.c and search.c read their words here,
 * so none of them calls another for a label.
 */
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

/* The first line of every template: escaping by HTML context. */
#define PRAGMA "{{%AUTOESCAPE context=\"HTML\"}}"

/* The templates of a theme; every one must exist. */
static const char *const templates[] = {
	"layout.tpl", "home.tpl", "case.tpl", "tombstone.tpl", "list.tpl",
	"terms.tpl", "stats.tpl", "oversight.tpl", "rules.tpl", "notfound.tpl", "card.tpl",
	"value.tpl", "date.tpl", "withheld.tpl", "entry.tpl", "mark.tpl", "archive.tpl",
	"data.tpl", "search.tpl", "map.tpl", "privacy.tpl", "row.tpl",
	"table.tpl", "ref.tpl", "body.tpl", NULL
};

/* UI strings of the theme, for the site's language (templates/strings.yaml). */
struct strings {
	char	**keys;
	char	**vals;
	size_t	  n;
};

/* The files of the theme that the portal copies as they are. */
static const char *const assets[] = {
	"style.css", "search.js", "large.js", "archive.css", NULL
};

static struct strings	 strs;
static char		*withheld_text;	/* "[依法不予公开]" for plain text */
static char		**latin;	/* the words in Latin letters of the
					 * theme's files, sorted */
static size_t		  nlatin;

/* A UI string by key (borrowed); the key itself when the theme lacks it. */
const char *
theme_str(const char *key)
{
	size_t	 i;

	for (i = 0; i < strs.n; i++)
		if (strcmp(strs.keys[i], key) == 0)
			return strs.vals[i];
	return key;
}

/*
 * The words in Latin letters of the theme's templates, styles and
 * scripts (borrowed, sorted, lower case): a person's name in Latin
 * letters that is one of them (方平 as PingFang, a font) is the theme's
 * where the audit finds it.
 */
char *const *
theme_latin(size_t *n)
{
	*n = nlatin;
	return latin;
}

/* Every UI string of the theme (borrowed): text the portal itself
 * publishes on every page, no case's. */
const char *const *
theme_strings(size_t *n)
{
	*n = strs.n;
	return (const char *const *)strs.vals;
}

static void
strings_add(const char *key, const char *val)
{
	size_t	 i;

	for (i = 0; i < strs.n; i++)
		if (strcmp(strs.keys[i], key) == 0) {
			free(strs.vals[i]);
			strs.vals[i] = xstrdup(val);
			return;
		}
	strs.keys = xreallocarray(strs.keys, strs.n + 1, sizeof(char *));
	strs.vals = xreallocarray(strs.vals, strs.n + 1, sizeof(char *));
	strs.keys[strs.n] = xstrdup(key);
	strs.vals[strs.n++] = xstrdup(val);
}

/* Load the language's strings, falling back on zh-CN for missing keys. */
static int
strings_load(const char *dir, const char *lang)
{
	struct ynode		*root;
	const struct ynode	*m;
	struct pos		 one = { 1, 1 };
	char			*path, *text, *var, *p;
	size_t			 len, i, k;
	int			 ok;
	const char		*langs[2];

	path = xasprintf("%s/strings.yaml", dir);
	if ((text = readfile(path, RECORD_MAX, &len)) == NULL) {
		syserr("%s", path);
		free(path);
		return 0;
	}
	root = yaml_load(path, text, len, 1, &ok);
	free(text);
	if (ok && (root == NULL || root->type != Y_MAP)) {
		diag_error(path, one, "expected a mapping of languages");
		ok = 0;
	}
	langs[0] = "zh-CN";
	langs[1] = lang;
	for (k = 0; ok && k < 2; k++) {
		if ((m = ynode_get(root, langs[k], NULL)) == NULL ||
		    m->type != Y_MAP) {
			diag_error(path, root->pos, "no strings for the "
			    "language \"%s\"", langs[k]);
			ok = 0;
			break;
		}
		for (i = 0; i < m->n; i++) {
			if (m->kids[i]->type != Y_SCALAR) {
				diag_error(path, m->kids[i]->pos, "%s: "
				    "expected text", m->keys[i]);
				ok = 0;
				continue;
			}
			strings_add(m->keys[i], m->kids[i]->value);
		}
	}
	ynode_free(root);
	free(path);
	if (!ok)
		return 0;
	/* Every string is a global template variable L_KEY. */
	for (i = 0; i < strs.n; i++) {
		var = xasprintf("L_%s", strs.keys[i]);
		for (p = var; *p != '\0'; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		tmpl_set_global(var, strs.vals[i]);
		free(var);
	}
	withheld_text = xasprintf("[%s]", theme_str("withheld"));
	return 1;
}

/*
 * Load a theme: its strings and every template, each of which must
 * start with an AUTOESCAPE pragma.  Returns 0 after reporting problems.
 */
int
theme_load(const char *dir, const char *lang)
{
	char		*path, *text;
	size_t		 len, i;
	struct pos	 one = { 1, 1 };
	int		 ok = 1;

	if (!strings_load(dir, lang))
		return 0;
	for (i = 0; templates[i] != NULL; i++) {
		path = xasprintf("%s/%s", dir, templates[i]);
		if ((text = readfile(path, RECORD_MAX, &len)) == NULL) {
			syserr("%s", path);
			free(path);
			ok = 0;
			continue;
		}
		if (strncmp(text, PRAGMA, strlen(PRAGMA)) != 0) {
			diag_error(path, one, "a template must start with "
			    "{{%%AUTOESCAPE context=\"HTML\"}}");
			ok = 0;
		} else {
			/* A final newline would end up inside inline text. */
			while (len > 0 && text[len - 1] == '\n')
				len--;
			if (!tmpl_load(templates[i], text, len)) {
				diag_error(path, one, "the template does not "
				    "parse (ctemplate's message above)");
				ok = 0;
			}
		}
		latin_words(text, &latin, &nlatin);
		free(text);
		free(path);
	}
	/* And of the styles and scripts, and of the strings. */
	for (i = 0; assets[i] != NULL; i++) {
		path = xasprintf("%s/%s", dir, assets[i]);
		if ((text = readfile(path, RECORD_MAX, &len)) != NULL)
			latin_words(text, &latin, &nlatin);
		free(text);
		free(path);
	}
	for (i = 0; i < strs.n; i++)
		latin_words(strs.vals[i], &latin, &nlatin);
	if (nlatin > 1)
		qsort(latin, nlatin, sizeof(*latin), strpcmp);
	return ok;
}

void
theme_unload(void)
{
	tmpl_clear();
	strv_free(strs.keys, strs.n);
	strv_free(strs.vals, strs.n);
	memset(&strs, 0, sizeof(strs));
	free(withheld_text);
	withheld_text = NULL;
	strv_free(latin, nlatin);
	latin = NULL;
	nlatin = 0;
}

/*
 * A value as plain text (for <title>, attributes, feeds, open data): a
 * withheld value or span as the withheld text.  The caller frees it.
 */
char *
theme_plain(const struct val *v)
{
	if (v->st == V_SET)
		return span_plain(v->s, withheld_text);
	if (v->st == V_WITHHELD)
		return xstrdup(withheld_text);
	return xstrdup("");
}

/* The withheld marker as plain text, e.g. "[依法不予公开]" (borrowed). */
const char *
theme_withheld_text(void)
{
	return withheld_text;
}

/* The text of a legal ground (borrowed). */
const char *
theme_ground(const struct policy *pol, size_t g)
{
	if (g < pol->ngrounds && pol->grounds[g].text != NULL)
		return pol->grounds[g].text;
	return theme_str("ground_default");
}

/* The label of an outcome code. */
const char *
theme_outcome(enum outcome oc)
{
	static const char *const keys[OUTCOME__MAX] = {
		"outcome_exempted", "outcome_mitigated", "outcome_accountable"
	};

	return oc < OUTCOME__MAX ? theme_str(keys[oc]) : "";
}

/* The label of one of the six factors. */
const char *
theme_factor(enum factor f)
{
	static const char *const keys[FACTOR__MAX] = {
		"factor_degree", "factor_motive", "factor_conditions",
		"factor_procedure", "factor_policy", "factor_consequence"
	};

	return f < FACTOR__MAX ? theme_str(keys[f]) : "";
}

/* The heading of a term: "2024年", a unit's name, an outcome's label. */
char *
theme_termname(const struct site *s, enum tax t, size_t term)
{
	const struct term	*tm = &s->tax[t].terms[term];

	switch (t) {
	case TAX_YEAR:
		return xasprintf("%s%s%s", theme_str("year_prefix"),
		    tm->name, theme_str("year_suffix"));
	case TAX_OUTCOME:
		return xstrdup(theme_outcome((enum outcome)term));
	default:
		return xstrdup(tm->name);
	}
}
