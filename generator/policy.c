/*
 * The redaction policy, content/policy.yaml: per field path and per
 * audience, one operator and the legal ground for it.  Fail closed: a
 * field that the policy does not name is withheld (redact.c).
 *
 *	grounds:
 *	  privacy: 《中华人民共和国政府信息公开条例》第十五条（个人隐私）
 *	fields:
 *	  title: keep
 *	  subject.name:
 *	    public: {op: pseudonym, ground: privacy}
 *	    internal: keep
 *	  subject.phone: {op: withhold, ground: privacy}
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

struct pctx {
	struct source	 src;
	struct policy	*pol;
};

const char *const op_names[OP__MAX] = {
	"keep", "withhold", "pseudonym", "mask", "generalize"
};

const char *const audience_names[AUD__MAX] = { "public", "internal" };

/* Rules that are not fields: detector hits and {--hand marks--}. */
static const char *const pseudopaths[] = { "detected", "marks", NULL };

static const char *const rulekeys[] = { "op", "ground", "keep", "first",
    "last", "to", NULL };

static int
inlist(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

int
audience_parse(const char *s, enum audience *a)
{
	size_t	 i;

	for (i = 0; i < AUD__MAX; i++)
		if (strcmp(s, audience_names[i]) == 0) {
			*a = (enum audience)i;
			return 1;
		}
	return 0;
}

static int
small(struct pctx *c, const struct ynode *n, const char *what, int *out)
{
	char		*end;
	long		 v;

	if (n->type != Y_SCALAR) {
		diag_at(&c->src, n->pos, "%s: expected a number", what);
		return 0;
	}
	errno = 0;
	v = strtol(n->value, &end, 10);
	if (n->value[0] < '0' || n->value[0] > '9' || *end != '\0' ||
	    errno != 0 || v > 32) {
		diag_at(&c->src, n->pos, "%s: expected a number from 0 to 32, "
		    "got \"%s\"", what, n->value);
		return 0;
	}
	*out = (int)v;
	return 1;
}

/* One operator, written "keep" or {op: …, ground: …, …}. */
static void
oprule(struct pctx *c, const char *fpath, const char *aud,
    const struct ynode *n, struct rule *r)
{
	const struct ynode	*opn, *g, *k;
	const char		*opname;
	size_t			 i;
	int			 keep = 3;
	char			*where;

	where = aud == NULL ? xstrdup(fpath) :
	    xasprintf("%s: %s", fpath, aud);
	r->set = 1;
	r->pos = n->pos;
	r->op = OP_WITHHOLD;
	r->ground = 0;
	if (n->type == Y_SCALAR)
		opn = n;
	else if (n->type == Y_MAP) {
		ynode_unknown(&c->src, n, where, rulekeys);
		if ((opn = ynode_get(n, "op", NULL)) == NULL ||
		    opn->type != Y_SCALAR) {
			diag_at(&c->src, n->pos, "%s: missing \"op\" (one of "
			    "keep, withhold, pseudonym, mask, generalize)",
			    where);
			free(where);
			return;
		}
	} else {
		diag_at(&c->src, n->pos, "%s: expected an operator or a "
		    "mapping {op: …, ground: …}", where);
		free(where);
		return;
	}
	opname = opn->value;
	for (i = 0; i < OP__MAX; i++)
		if (strcmp(opname, op_names[i]) == 0)
			break;
	if (i == OP__MAX) {
		diag_at(&c->src, opn->pos, "%s: unknown operator \"%s\" "
		    "(expected keep, withhold, pseudonym, mask, generalize)",
		    where, opname);
		free(where);
		return;
	}
	r->op = (enum redop)i;
	if (r->op == OP_KEEP) {
		free(where);
		return;
	}
	if (record_pathflags(fpath) & RF_KEPT)
		diag_at(&c->src, opn->pos, "%s: \"%s\" must be kept for every "
		    "audience (the portal's permalinks, listings and feeds "
		    "are built on it)", where, fpath);
	if (strcmp(fpath, "marks") == 0 && r->op != OP_WITHHOLD)
		diag_at(&c->src, opn->pos, "%s: hand marks can only be kept "
		    "(highlighted) or withheld", where);
	if (strcmp(fpath, "detected") == 0 && r->op != OP_WITHHOLD &&
	    r->op != OP_MASK)
		diag_at(&c->src, opn->pos, "%s: what detectors find can only "
		    "be kept, withheld or masked", where);
	if (strcmp(fpath, "basis[]") == 0 && r->op != OP_WITHHOLD)
		diag_at(&c->src, opn->pos, "%s: the items of a basis can only "
		    "be kept or withheld", where);
	if (strcmp(fpath, "body") == 0 && r->op != OP_WITHHOLD)
		diag_at(&c->src, opn->pos, "%s: the body can only be kept or "
		    "withheld; mark passages with {--…--} instead", where);
	if (r->op == OP_PSEUDONYM && !(record_pathflags(fpath) & RF_NAME))
		diag_at(&c->src, opn->pos, "%s: pseudonym applies to people's "
		    "names only (subject.name, witnesses[].name, "
		    "others[].name)", where);
	if (r->op == OP_GENERALIZE && !(record_pathflags(fpath) & RF_DATE))
		diag_at(&c->src, opn->pos, "%s: generalize applies to dates "
		    "only", where);
	g = n->type == Y_MAP ? ynode_get(n, "ground", NULL) : NULL;
	if (g == NULL || g->type != Y_SCALAR) {
		diag_at(&c->src, n->pos, "%s: %s needs a legal ground (write "
		    "{op: %s, ground: KEY} with a KEY from grounds)", where,
		    opname, opname);
		free(where);
		return;
	}
	for (i = 0; i < c->pol->ngrounds; i++)
		if (strcmp(c->pol->grounds[i].key, g->value) == 0 &&
		    c->pol->grounds[i].text != NULL)
			break;
	if (i == c->pol->ngrounds)
		diag_at(&c->src, g->pos, "%s: unknown ground \"%s\" (define it "
		    "under grounds)", where, g->value);
	else
		r->ground = i;
	if (r->op == OP_MASK) {
		if ((k = ynode_get(n, "keep", NULL)) != NULL)
			small(c, k, where, &keep);
		r->first = r->last = keep;
		if ((k = ynode_get(n, "first", NULL)) != NULL)
			small(c, k, where, &r->first);
		if ((k = ynode_get(n, "last", NULL)) != NULL)
			small(c, k, where, &r->last);
	} else if ((k = ynode_get(n, "keep", NULL)) != NULL ||
	    (k = ynode_get(n, "first", NULL)) != NULL ||
	    (k = ynode_get(n, "last", NULL)) != NULL)
		diag_at(&c->src, k->pos, "%s: keep, first and last apply to "
		    "mask only", where);
	if ((k = ynode_get(n, "to", NULL)) != NULL) {
		if (r->op != OP_GENERALIZE)
			diag_at(&c->src, k->pos, "%s: \"to\" applies to "
			    "generalize only", where);
		else if (k->type == Y_SCALAR && strcmp(k->value, "year") == 0)
			r->to_year = 1;
		else if (k->type != Y_SCALAR ||
		    strcmp(k->value, "month") != 0)
			diag_at(&c->src, k->pos, "%s: to: expected month or "
			    "year", where);
	}
	free(where);
}

static void
fieldrule(struct pctx *c, struct policyfield *f, const struct ynode *n)
{
	const struct ynode	*a;
	enum audience		 aud;
	size_t			 i;

	if (n->type == Y_MAP && ynode_get(n, "op", NULL) == NULL) {
		for (i = 0; i < n->n; i++) {
			if (!audience_parse(n->keys[i], &aud)) {
				diag_at(&c->src, n->keypos[i], "%s: unknown "
				    "audience \"%s\" (expected public, "
				    "internal)", f->path, n->keys[i]);
				continue;
			}
			a = n->kids[i];
			oprule(c, f->path, n->keys[i], a, &f->rule[aud]);
		}
		return;
	}
	oprule(c, f->path, NULL, n, &f->rule[0]);
	for (i = 1; i < AUD__MAX; i++)
		f->rule[i] = f->rule[0];
}

/* Whether a ground's key is plain: it names the ground in the neutral
 * marker of withheld text. */
static int
groundkey(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/*
 * ordinary: the phrases in which a protected name is an ordinary word
 * (不高明) and the numbers the portal publishes although they look like
 * personal data; undeclared: error (the default) or warn, for names in
 * the text that no record declares.
 */
static void
ordinary(struct pctx *c, const struct ynode *root)
{
	const struct ynode	*o, *u;
	struct policy		*pol = c->pol;
	size_t			 i, k;

	if ((u = ynode_get(root, "undeclared", NULL)) != NULL) {
		if (u->type == Y_SCALAR && strcmp(u->value, "warn") == 0)
			pol->undeclared_warn = 1;
		else if (u->type != Y_SCALAR || strcmp(u->value, "error") != 0)
			diag_at(&c->src, u->pos, "undeclared: expected error "
			    "or warn");
	}
	if ((o = ynode_get(root, "ordinary", NULL)) == NULL ||
	    ynode_isnull(o))
		return;
	if (o->type != Y_SEQ) {
		diag_at(&c->src, o->pos, "ordinary: expected a list of "
		    "phrases");
		return;
	}
	pol->ordinary = xcalloc(o->n + 1, sizeof(*pol->ordinary));
	pol->ordpos = xcalloc(o->n + 1, sizeof(*pol->ordpos));
	for (i = 0; i < o->n; i++) {
		if (o->kids[i]->type != Y_SCALAR ||
		    utf8_count(o->kids[i]->value,
		    strlen(o->kids[i]->value)) < 2) {
			diag_at(&c->src, o->kids[i]->pos, "ordinary[%zu]: "
			    "expected a phrase of two characters or more",
			    i + 1);
			continue;
		}
		for (k = 0; k < pol->nordinary; k++)
			if (strcmp(pol->ordinary[k], o->kids[i]->value) == 0)
				break;
		if (k < pol->nordinary)
			continue;
		pol->ordpos[pol->nordinary] = o->kids[i]->pos;
		pol->ordinary[pol->nordinary++] = xstrdup(o->kids[i]->value);
	}
}

struct policy *
policy_parse(const char *path, const char *text, size_t len)
{
	struct pctx		 c;
	struct policy		*pol;
	struct ynode		*root;
	const struct ynode	*g, *fs;
	const char *const	*paths = record_paths();
	const char		*near;
	char			*w;
	struct pos		 one = { 1, 1 };
	size_t			 i, j, bad, fi = 0;
	int			 yok;

	if (!utf8_valid(text, len, &bad)) {
		diag_error(path, text_pos(text, bad, 1), "invalid UTF-8");
		return NULL;
	}
	root = yaml_load(path, text, len, 1, &yok);
	if (!yok)
		return NULL;
	if (root == NULL || root->type != Y_MAP) {
		diag_error(path, root ? root->pos : one, "policy.yaml must be "
		    "a mapping with grounds and fields");
		ynode_free(root);
		return NULL;
	}
	pol = xcalloc(1, sizeof(*pol));
	pol->path = xstrdup(path);
	c.src.path = path;
	c.pol = pol;
	c.src.ok = 1;
	for (i = 0; i < root->n; i++)
		if (strcmp(root->keys[i], "grounds") != 0 &&
		    strcmp(root->keys[i], "fields") != 0 &&
		    strcmp(root->keys[i], "ordinary") != 0 &&
		    strcmp(root->keys[i], "undeclared") != 0)
			diag_at(&c.src, root->keypos[i], "unknown field \"%s\" "
			    "(expected grounds, fields, ordinary, undeclared)",
			    root->keys[i]);
	ordinary(&c, root);

	/* Ground 0 is the default: for fields the policy does not name. */
	pol->grounds = xcalloc(1, sizeof(*pol->grounds));
	pol->grounds[0].key = xstrdup("default");
	pol->ngrounds = 1;
	g = ynode_get(root, "grounds", NULL);
	if (g == NULL || g->type != Y_MAP)
		diag_at(&c.src, g != NULL ? g->pos : root->pos, "grounds: "
		    "expected a mapping of keys to legal grounds, e.g. "
		    "privacy: 《中华人民共和国政府信息公开条例》第十五条");
	else
		for (i = 0; i < g->n; i++) {
			if (g->kids[i]->type != Y_SCALAR) {
				diag_at(&c.src, g->kids[i]->pos, "grounds: %s: "
				    "expected the text of a legal ground",
				    g->keys[i]);
				continue;
			}
			/* Empty, it is defined all the same: its uses
			 * are no mistake of their own. */
			if (ynode_blank(g->kids[i])) {
				w = xasprintf("grounds.%s", g->keys[i]);
				diag_required(&c.src, w, NULL, 1,
				    ynode_at(g, i), g->pos);
				free(w);
			}
			if (!groundkey(g->keys[i])) {
				diag_at(&c.src, g->keypos[i], "grounds: "
				    "\"%s\": a key is made of lower-case "
				    "letters, digits, - and _", g->keys[i]);
				continue;
			}
			if (strcmp(g->keys[i], "default") == 0) {
				pol->grounds[0].text =
				    xstrdup(g->kids[i]->value);
				continue;
			}
			pol->grounds = xreallocarray(pol->grounds,
			    pol->ngrounds + 1, sizeof(*pol->grounds));
			pol->grounds[pol->ngrounds].key = xstrdup(g->keys[i]);
			pol->grounds[pol->ngrounds++].text =
			    xstrdup(g->kids[i]->value);
		}

	fs = ynode_get(root, "fields", &fi);
	if (fs == NULL || fs->type != Y_MAP)
		diag_at(&c.src, fs != NULL ? fs->pos : root->pos, "fields: "
		    "expected a mapping of field paths to operators");
	else {
		pol->fields = xcalloc(fs->n, sizeof(*pol->fields));
		for (i = 0; i < fs->n; i++) {
			struct policyfield *f;

			if (!inlist(fs->keys[i], paths) &&
			    !inlist(fs->keys[i], pseudopaths)) {
				near = nearest(fs->keys[i], paths);
				diag_at(&c.src, fs->keypos[i], "fields: "
				    "unknown field path \"%s\"%s%s%s",
				    fs->keys[i], near ? " (did you mean \"" :
				    " (paths look like subject.name or "
				    "witnesses[].phone)", near ? near : "",
				    near ? "\"?)" : "");
				continue;
			}
			f = &pol->fields[pol->nfields++];
			f->path = xstrdup(fs->keys[i]);
			f->pos = fs->keypos[i];
			fieldrule(&c, f, fs->kids[i]);
		}
	}
	/* The structural fields must be kept, and so must be named. */
	for (i = 0; paths[i] != NULL; i++) {
		const struct rule *r;

		if (!(record_pathflags(paths[i]) & RF_KEPT))
			continue;
		for (j = 0; j < AUD__MAX; j++) {
			r = policy_rule(pol, paths[i], (enum audience)j);
			if (r == NULL || r->op != OP_KEEP) {
				if (r == NULL)
					diag_at(&c.src, fs != NULL ?
					    root->keypos[fi] : root->pos,
					    "fields: \"%s\" must "
					    "be kept for every audience "
					    "(%s: keep)", paths[i], paths[i]);
				break;
			}
		}
	}
	ynode_free(root);
	if (!c.src.ok) {
		policy_free(pol);
		return NULL;
	}
	return pol;
}

struct policy *
policy_read(const char *path)
{
	struct policy	*pol;
	char		*text;
	size_t		 len;

	if ((text = readsource(path, "the redaction policy is required "
	    "(nothing is published without it)", &len, NULL)) == NULL)
		return NULL;
	pol = policy_parse(path, text, len);
	free(text);
	return pol;
}

void
policy_free(struct policy *pol)
{
	size_t	 i;

	if (pol == NULL)
		return;
	for (i = 0; i < pol->ngrounds; i++) {
		free(pol->grounds[i].key);
		free(pol->grounds[i].text);
	}
	free(pol->grounds);
	for (i = 0; i < pol->nfields; i++)
		free(pol->fields[i].path);
	free(pol->fields);
	strv_free(pol->ordinary, pol->nordinary);
	free(pol->ordpos);
	free(pol->path);
	free(pol);
}

/* What the policy says of a field for an audience; NULL if it is silent. */
const struct rule *
policy_rule(const struct policy *pol, const char *path, enum audience aud)
{
	size_t	 i;

	for (i = 0; i < pol->nfields; i++)
		if (strcmp(pol->fields[i].path, path) == 0)
			return pol->fields[i].rule[aud].set ?
			    &pol->fields[i].rule[aud] : NULL;
	return NULL;
}
