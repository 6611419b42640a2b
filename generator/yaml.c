/*
 * YAML through libyaml's event parser into a small tree of ynodes that
 * keeps the position of every key and value, so that every later error
 * can name its line and column in the file.  Aliases are refused (no
 * billion laughs), as are duplicate keys and nesting deeper than
 * MAXDEPTH.  A syntax error is told in plain words where the reader
 * must fix it: an unclosed quote or bracket where it opened, a tab in
 * indentation where it is; libyaml's own words otherwise.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "disclose.h"
#include "extern.h"

#define MAXDEPTH 32

struct yctx {
	yaml_parser_t	 p;
	const char	*path;
	const char	*text;	/* the source (not NUL-terminated) */
	size_t		 len;
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

/* The byte offset of a mark (0-based line, column in characters). */
static size_t
moff(const struct yctx *c, yaml_mark_t m)
{
	size_t	 i = 0, line = 0, col = 0;

	while (i < c->len && line < m.line)
		if (c->text[i++] == '\n')
			line++;
	while (i < c->len && c->text[i] != '\n' && col < m.column) {
		for (i++; i < c->len &&
		    ((unsigned char)c->text[i] & 0xc0) == 0x80; i++)
			continue;
		col++;
	}
	return i;
}

/*
 * Whether the character at i of t starts a node: only indentation before
 * it on its line, or an indicator that a node follows (": ", "- ", "? ",
 * and in a flow "[", "{", ",", ":").  depth is the flow's depth at i.
 */
static int
opens(const char *t, size_t i, int depth)
{
	size_t	 k = i;
	int	 sp = 0;

	while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '\t')) {
		k--;
		sp = 1;
	}
	if (k == 0 || t[k - 1] == '\n')
		return 1;
	switch (t[k - 1]) {
	case ':':
		return sp || depth > 0;
	case '-':
	case '?':
		return sp && (k == 1 || t[k - 2] == ' ' || t[k - 2] == '\t' ||
		    t[k - 2] == '\n');
	case '[':
	case '{':
	case ',':
		return depth > 0;
	default:
		return 0;
	}
}

/* Just past the end of the quoted scalar opening at i, or SIZE_MAX. */
static size_t
quoted(const char *t, size_t len, size_t i)
{
	char	 q = t[i];

	for (i++; i < len; i++) {
		if (q == '"' && t[i] == '\\')
			i++;
		else if (q == '\'' && t[i] == '\'' && i + 1 < len &&
		    t[i + 1] == '\'')
			i++;
		else if (t[i] == q)
			return i + 1;
	}
	return SIZE_MAX;
}

/* Whether a comment starts at i: a '#' at a line's start or after a blank. */
static int
comment(const char *t, size_t i)
{
	return t[i] == '#' && (i == 0 || t[i - 1] == ' ' ||
	    t[i - 1] == '\t' || t[i - 1] == '\n');
}

/*
 * The first quote before byte stop that opens a scalar and is not
 * closed as the reader meant: never, or on a later line with more text
 * after it (the next quote the reader wrote closed it instead).  A
 * quoted scalar of several lines that closes at a line's end is taken
 * as meant.  Block scalars (| and >) and comments are skipped.  Returns
 * the quote's offset, or SIZE_MAX.
 */
static size_t
runaway(const char *t, size_t len, size_t stop)
{
	size_t	 i, k, e, ind, block = SIZE_MAX;
	int	 depth = 0;

	for (i = 0; i < len && i < stop; i++) {
		for (ind = 0; i + ind < len && t[i + ind] == ' '; ind++)
			continue;
		if (block != SIZE_MAX) {
			for (k = i + ind; k < len && (t[k] == ' ' ||
			    t[k] == '\t' || t[k] == '\r'); k++)
				continue;
			if (ind > block || k == len || t[k] == '\n') {
				i = k;
				while (i < len && t[i] != '\n')
					i++;
				continue;
			}
			block = SIZE_MAX;
		}
		for (i += ind; i < len && i < stop && t[i] != '\n'; i++) {
			if (comment(t, i)) {
				while (i + 1 < len && t[i + 1] != '\n')
					i++;
			} else if ((t[i] == '"' || t[i] == '\'') &&
			    opens(t, i, depth)) {
				if ((e = quoted(t, len, i)) == SIZE_MAX)
					return i;
				if (memchr(t + i, '\n', e - i) != NULL) {
					for (k = e; k < len && (t[k] == ' ' ||
					    t[k] == '\t'); k++)
						continue;
					if (k < len && memchr("\r\n#,]}:",
					    t[k], 7) == NULL)
						return i;
				}
				i = e - 1;
			} else if ((t[i] == '[' || t[i] == '{') &&
			    opens(t, i, depth))
				depth++;
			else if ((t[i] == ']' || t[i] == '}') && depth > 0)
				depth--;
			else if ((t[i] == '|' || t[i] == '>') && depth == 0 &&
			    opens(t, i, depth)) {
				for (k = i + 1; k < len && (t[k] == '+' ||
				    t[k] == '-' || (t[k] >= '0' &&
				    t[k] <= '9')); k++)
					continue;
				while (k < len && (t[k] == ' ' || t[k] == '\t'))
					k++;
				if (k == len || t[k] == '\n' || t[k] == '\r' ||
				    t[k] == '#')
					block = ind;
			}
		}
	}
	return SIZE_MAX;
}

/*
 * Whether the flow collection opening at i is closed by its own bracket
 * anywhere after it (quoted scalars and comments skipped).
 */
static int
closed(const char *t, size_t len, size_t i)
{
	uint64_t	 curly = 0;	/* bit d: depth d opened with { */
	size_t		 e;
	int		 depth = 0;

	for (; i < len; i++) {
		if (t[i] == '[' || t[i] == '{') {
			if (depth == 64)
				return 1;
			if (t[i] == '{')
				curly |= (uint64_t)1 << depth;
			else
				curly &= ~((uint64_t)1 << depth);
			depth++;
		} else if (t[i] == ']' || t[i] == '}') {
			depth--;
			if ((t[i] == '}') != ((curly >> depth & 1) != 0))
				return 0;
			if (depth == 0)
				return 1;
		} else if ((t[i] == '"' || t[i] == '\'') &&
		    opens(t, i, depth)) {
			if ((e = quoted(t, len, i)) == SIZE_MAX)
				return 0;
			i = e - 1;
		} else if (comment(t, i))
			while (i + 1 < len && t[i + 1] != '\n')
				i++;
	}
	return 0;
}

/*
 * Report libyaml's error where the reader must fix it, in plain words
 * for the mistakes people make: an unclosed quote or bracket (reported
 * where it opened, which libyaml often does not know: a quote runs on
 * to the next one in the file), a tab in indentation.  Anything else
 * keeps libyaml's words, at the start of what it was reading when that
 * is where the trouble is (a key without ':', a block scalar).
 */
static void
yerror(struct yctx *c)
{
	const yaml_parser_t	*p = &c->p;
	const char		*problem, *context;
	yaml_mark_t		 m;
	size_t			 off, at;

	problem = p->problem != NULL ? p->problem : "syntax error";
	context = p->context;
	if (p->error == YAML_READER_ERROR) {
		/* Reader errors have an offset in bytes, no mark. */
		diag_error(c->path, text_pos(c->text, p->problem_offset <
		    c->len ? p->problem_offset : c->len, c->line0),
		    "YAML: %s", problem);
		return;
	}
	off = moff(c, p->problem_mark);
	if (strcmp(problem, "found a tab character that violates "
	    "indentation") == 0 || (strcmp(problem, "found character that "
	    "cannot start any token") == 0 && off < c->len &&
	    c->text[off] == '\t')) {
		diag_error(c->path, mpos(c, p->problem_mark), "a tab is not "
		    "allowed in indentation");
		return;
	}
	at = runaway(c->text, c->len, off);
	if (at == SIZE_MAX && context != NULL &&
	    strcmp(context, "while scanning a quoted scalar") == 0)
		at = moff(c, p->context_mark);
	if (at != SIZE_MAX) {
		diag_error(c->path, text_pos(c->text, at, c->line0),
		    "the quote opened here is not closed");
		return;
	}
	if (context != NULL && (strcmp(context, "while parsing a flow "
	    "sequence") == 0 || strcmp(context, "while parsing a flow "
	    "mapping") == 0)) {
		at = moff(c, p->context_mark);
		if (at < c->len && (c->text[at] == '[' || c->text[at] == '{') &&
		    !closed(c->text, c->len, at)) {
			diag_error(c->path, mpos(c, p->context_mark),
			    "\"%c\" opened here is not closed", c->text[at]);
			return;
		}
	}
	m = p->problem_mark;
	if (context != NULL && p->context_mark.index < m.index &&
	    (strcmp(context, "while scanning a simple key") == 0 ||
	     strcmp(context, "while scanning a block scalar") == 0))
		m = p->context_mark;
	diag_error(c->path, mpos(c, m), "YAML: %s%s%s", problem,
	    context != NULL ? " " : "", context != NULL ? context : "");
}

/* Read the next event; on a syntax error report it and return 0. */
static int
next(struct yctx *c, yaml_event_t *ev)
{
	if (yaml_parser_parse(&c->p, ev))
		return 1;
	yerror(c);
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
	c.text = text;
	c.len = len;
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

/*
 * Whether a node says nothing: YAML's null, or a scalar of nothing but
 * spaces (ASCII or ideographic), tabs and line breaks.
 */
int
ynode_blank(const struct ynode *n)
{
	const char	*p;

	if (ynode_isnull(n))
		return 1;
	if (n->type != Y_SCALAR)
		return 0;
	for (p = n->value; *p != '\0'; p++)
		if (strncmp(p, "\xe3\x80\x80", 3) == 0)	/* U+3000 */
			p += 2;
		else if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
	return 1;
}

/*
 * Where the value of map's key i stands, for a report that it is empty:
 * at the value when one is written (""), at the key when none is.
 */
struct pos
ynode_at(const struct ynode *map, size_t i)
{
	return ynode_isnull(map->kids[i]) ? map->keypos[i] :
	    map->kids[i]->pos;
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
ynode_unknown(struct source *src, const struct ynode *map, const char *where,
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
		diag_at(src, map->keypos[i], "%s%sunknown field \"%s\"%s%s%s",
		    where, *where ? ": " : "", map->keys[i],
		    near ? " (did you mean \"" : "", near ? near : "",
		    near ? "\"?)" : "");
		n++;
	}
	return n;
}
