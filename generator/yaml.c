/*
 * YAML through libyaml's event parser into a small tree of ynodes that
 * keeps the position of every key and value, so that every later error
 * can name its line and column in the file.  Aliases are refused (no
 * billion laughs), as are duplicate keys and nesting deeper than
 * MAXDEPTH.
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "disclose.h"
#include "extern.h"

#define MAXDEPTH 32

struct yctx {
	yaml_parser_t	 p;
	const char	*path;
	int		 line0;	/* file line of the text's first line */
	int		 failed;
};

static struct pos
mpos(const struct yctx *c, yaml_mark_t m)
{
	struct pos	 p;

	p.line = c->line0 + (int)m.line;
	p.col = (int)m.column + 1;
	return p;
}

void
ynode_free(struct ynode *n)
{
	size_t	 i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++) {
		if (n->keys != NULL)
			free(n->keys[i]);
		ynode_free(n->kids[i]);
	}
	free(n->keys);
	free(n->keypos);
	free(n->kids);
	free(n->value);
	free(n);
}

/* Read the next event; on a syntax error report it and return 0. */
static int
next(struct yctx *c, yaml_event_t *ev)
{
	if (yaml_parser_parse(&c->p, ev))
		return 1;
	diag_error(c->path, mpos(c, c->p.problem_mark), "YAML: %s%s%s",
	    c->p.problem != NULL ? c->p.problem : "syntax error",
	    c->p.context != NULL ? " " : "",
	    c->p.context != NULL ? c->p.context : "");
	c->failed = 1;
	return 0;
}

static struct ynode *node(struct yctx *, yaml_event_t *, int);

static struct ynode *
mapping(struct yctx *c, struct ynode *n, int depth)
{
	yaml_event_t	 ev;
	struct ynode	*v;
	struct pos	 kp;
	char		*key;
	size_t		 i;

	for (;;) {
		if (!next(c, &ev))
			return NULL;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return n;
		}
		kp = mpos(c, ev.start_mark);
		if (ev.type != YAML_SCALAR_EVENT) {
			diag_error(c->path, kp, "YAML: a key must be "
			    "a plain string");
			yaml_event_delete(&ev);
			c->failed = 1;
			return NULL;
		}
		key = xstrndup((const char *)ev.data.scalar.value,
		    ev.data.scalar.length);
		yaml_event_delete(&ev);
		for (i = 0; i < n->n; i++)
			if (strcmp(n->keys[i], key) == 0) {
				diag_error(c->path, kp, "duplicate key "
				    "\"%s\" (first at line %d)", key,
				    n->keypos[i].line);
				c->failed = 1;
			}
		if (!next(c, &ev)) {
			free(key);
			return NULL;
		}
		if ((v = node(c, &ev, depth + 1)) == NULL) {
			free(key);
			return NULL;
		}
		n->keys = xreallocarray(n->keys, n->n + 1, sizeof(char *));
		n->keypos = xreallocarray(n->keypos, n->n + 1,
		    sizeof(struct pos));
		n->kids = xreallocarray(n->kids, n->n + 1,
		    sizeof(struct ynode *));
		n->keys[n->n] = key;
		n->keypos[n->n] = kp;
		n->kids[n->n++] = v;
	}
}

static struct ynode *
sequence(struct yctx *c, struct ynode *n, int depth)
{
	yaml_event_t	 ev;
	struct ynode	*v;

	for (;;) {
		if (!next(c, &ev))
			return NULL;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return n;
		}
		if ((v = node(c, &ev, depth + 1)) == NULL)
			return NULL;
		n->kids = xreallocarray(n->kids, n->n + 1,
		    sizeof(struct ynode *));
		n->kids[n->n++] = v;
	}
}

/* Build the node that starts with ev (which this consumes). */
static struct ynode *
node(struct yctx *c, yaml_event_t *ev, int depth)
{
	struct ynode	*n;

	n = xcalloc(1, sizeof(*n));
	n->pos = mpos(c, ev->start_mark);
	if (depth > MAXDEPTH) {
		diag_error(c->path, n->pos, "YAML: nesting deeper than %d "
		    "levels", MAXDEPTH);
		goto fail;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n->type = Y_SCALAR;
		n->value = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		yaml_event_delete(ev);
		return n;
	case YAML_MAPPING_START_EVENT:
		n->type = Y_MAP;
		yaml_event_delete(ev);
		if (mapping(c, n, depth) == NULL)
			break;
		return n;
	case YAML_SEQUENCE_START_EVENT:
		n->type = Y_SEQ;
		yaml_event_delete(ev);
		if (sequence(c, n, depth) == NULL)
			break;
		return n;
	case YAML_ALIAS_EVENT:
		diag_error(c->path, n->pos, "YAML: aliases are not allowed");
		goto fail;
	default:
		diag_error(c->path, n->pos, "YAML: unexpected content");
		goto fail;
	}
	ynode_free(n);
	c->failed = 1;
	return NULL;
fail:
	yaml_event_delete(ev);
	ynode_free(n);
	c->failed = 1;
	return NULL;
}

/*
 * Parse one YAML document of text, whose first line is line line0 of
 * path.  Returns the root (NULL for an empty document) and sets *ok to
 * 0 after reporting any error.
 */
struct ynode *
yaml_load(const char *path, const char *text, size_t len, int line0,
    int *ok)
{
	struct yctx	 c;
	yaml_event_t	 ev;
	struct ynode	*root = NULL;
	int		 done = 0;

	memset(&c, 0, sizeof(c));
	c.path = path;
	c.line0 = line0;
	*ok = 1;
	if (!yaml_parser_initialize(&c.p)) {
		syserr("libyaml: cannot initialize");
		*ok = 0;
		return NULL;
	}
	yaml_parser_set_input_string(&c.p, (const unsigned char *)text,
	    len);
	yaml_parser_set_encoding(&c.p, YAML_UTF8_ENCODING);
	while (!done && next(&c, &ev)) {
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			yaml_event_delete(&ev);
			break;
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			yaml_event_delete(&ev);
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (root != NULL) {
				diag_error(path, mpos(&c, ev.start_mark),
				    "YAML: only one document is allowed");
				c.failed = 1;
				done = 1;
			}
			yaml_event_delete(&ev);
			break;
		default:
			if (root != NULL) {
				yaml_event_delete(&ev);
				break;
			}
			if ((root = node(&c, &ev, 0)) == NULL)
				done = 1;
			break;
		}
	}
	yaml_parser_delete(&c.p);
	if (c.failed) {
		ynode_free(root);
		*ok = 0;
		return NULL;
	}
	return root;
}

/* The value under key in a mapping, or NULL. */
struct ynode *
ynode_get(const struct ynode *map, const char *key, size_t *idx)
{
	size_t	 i;

	if (map == NULL || map->type != Y_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0) {
			if (idx != NULL)
				*idx = i;
			return map->kids[i];
		}
	return NULL;
}

/* Whether a scalar is YAML's null: empty, ~ or null, written plain. */
int
ynode_isnull(const struct ynode *n)
{
	return n == NULL || (n->type == Y_SCALAR && n->plain &&
	    (n->value[0] == '\0' || strcmp(n->value, "~") == 0 ||
	     strcmp(n->value, "null") == 0 || strcmp(n->value, "Null") == 0 ||
	     strcmp(n->value, "NULL") == 0));
}

const char *
ytype_name(enum ytype t)
{
	switch (t) {
	case Y_MAP:
		return "a mapping";
	case Y_SEQ:
		return "a list";
	default:
		return "a value";
	}
}

/*
 * Report every key of map that is not one of known, with the nearest
 * known key when it looks like a typo; where names the mapping ("" at
 * the top).  Returns the number reported.
 */
int
ynode_unknown(const char *path, const struct ynode *map, const char *where,
    const char *const *known)
{
	const char *const *k;
	const char	*near;
	size_t		 i;
	int		 n = 0;

	for (i = 0; i < map->n; i++) {
		for (k = known; *k != NULL; k++)
			if (strcmp(*k, map->keys[i]) == 0)
				break;
		if (*k != NULL)
			continue;
		near = nearest(map->keys[i], known);
		diag_error(path, map->keypos[i], "%s%sunknown field \"%s\"%s%s%s",
		    where, *where ? ": " : "", map->keys[i],
		    near ? " (did you mean \"" : "", near ? near : "",
		    near ? "\"?)" : "");
		n++;
	}
	return n;
}
