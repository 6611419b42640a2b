/*
 * Many strings at once: an Aho-Corasick automaton over bytes.  Redaction
 * finds every protected name of the portal in a text with one pass; the
 * audit finds every withheld value in a file with one pass.  Patterns
 * are folded UTF-8 (fold.c), so texts are folded before they are
 * searched.
 *
 * A node keeps its children sorted; a node with many children gets a
 * full table of 256, so that a step costs one look-up where texts branch
 * most (the first bytes of CJK characters).  The shallow nodes, where a
 * text that matches nothing spends its time, also know where every byte
 * leads with failures followed, so that there a step is one look-up.
 */
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

#define DENSE	8		/* children beyond which a node is a table */
#define SHALLOW	3		/* depth to which a node knows every move */
#define MOVES	8192		/* nodes that may know every move */

struct edge {
	unsigned char	 c;
	uint32_t	 to;
};

struct acnode {
	struct edge	*e;		/* children, sorted by byte */
	uint32_t	*table;		/* or all 256 of them */
	uint32_t	*move;		/* shallow nodes: the next state for
					 * every byte, failures followed */
	uint32_t	 ne;
	uint32_t	 fail;
	uint32_t	 dict;		/* next node on the fail chain with output */
	uint32_t	 out;		/* first pattern ending here + 1, or 0 */
};

struct ac {
	struct acnode	*node;
	size_t		 nnode;
	size_t		 cap;
	uint32_t	*next;		/* patterns ending at the same node */
	size_t		*ids;		/* the caller's id of each pattern */
	size_t		*lens;
	size_t		 npat;
	size_t		 cappat;
	int		 built;
};

static uint32_t
child(const struct ac *a, uint32_t n, unsigned char c)
{
	const struct acnode	*nd = &a->node[n];
	size_t			 lo = 0, hi = nd->ne, mid;

	if (nd->table != NULL)
		return nd->table[c];
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (nd->e[mid].c == c)
			return nd->e[mid].to;
		if (nd->e[mid].c < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static uint32_t
newnode(struct ac *a)
{
	if (a->nnode == a->cap) {
		a->cap = a->cap == 0 ? 1024 : 2 * a->cap;
		a->node = xreallocarray(a->node, a->cap, sizeof(*a->node));
	}
	memset(&a->node[a->nnode], 0, sizeof(*a->node));
	return (uint32_t)a->nnode++;
}

struct ac *
ac_new(void)
{
	struct ac	*a;

	a = xcalloc(1, sizeof(*a));
	newnode(a);			/* the root */
	a->node[0].table = xcalloc(256, sizeof(uint32_t));
	return a;
}

/* Add a pattern of len bytes (not empty) with the caller's id. */
void
ac_add(struct ac *a, const char *s, size_t len, size_t id)
{
	struct acnode	*nd;
	uint32_t	 n = 0, to;
	size_t		 k, i;
	unsigned char	 c;

	if (len == 0)
		return;
	for (k = 0; k < len; k++) {
		c = (unsigned char)s[k];
		if ((to = child(a, n, c)) == 0) {
			to = newnode(a);
			nd = &a->node[n];
			if (nd->table != NULL)
				nd->table[c] = to;
			else {
				nd->e = xreallocarray(nd->e, nd->ne + 1,
				    sizeof(*nd->e));
				for (i = nd->ne; i > 0 && nd->e[i - 1].c > c;
				    i--)
					nd->e[i] = nd->e[i - 1];
				nd->e[i].c = c;
				nd->e[i].to = to;
				nd->ne++;
				if (nd->ne > DENSE) {
					nd->table = xcalloc(256,
					    sizeof(uint32_t));
					for (i = 0; i < nd->ne; i++)
						nd->table[nd->e[i].c] =
						    nd->e[i].to;
					free(nd->e);
					nd->e = NULL;
				}
			}
		}
		n = to;
	}
	if (a->npat == a->cappat) {
		a->cappat = a->cappat == 0 ? 256 : 2 * a->cappat;
		a->next = xreallocarray(a->next, a->cappat,
		    sizeof(*a->next));
		a->ids = xreallocarray(a->ids, a->cappat, sizeof(*a->ids));
		a->lens = xreallocarray(a->lens, a->cappat,
		    sizeof(*a->lens));
	}
	a->next[a->npat] = a->node[n].out;
	a->ids[a->npat] = id;
	a->lens[a->npat] = len;
	a->node[n].out = (uint32_t)++a->npat;
}

/* Each child of a node, in byte order: fn(child, byte). */
static size_t
children(const struct ac *a, uint32_t n, uint32_t *to, unsigned char *by)
{
	const struct acnode	*nd = &a->node[n];
	size_t			 k, m = 0;

	if (nd->table != NULL) {
		for (k = 0; k < 256; k++)
			if (nd->table[k] != 0) {
				to[m] = nd->table[k];
				by[m++] = (unsigned char)k;
			}
		return m;
	}
	for (k = 0; k < nd->ne; k++) {
		to[m] = nd->e[k].to;
		by[m++] = nd->e[k].c;
	}
	return m;
}

/* The failure and dictionary links, breadth first; then the moves of
 * the shallow nodes, each from its failure's, which is shallower. */
void
ac_build(struct ac *a)
{
	uint32_t	*queue, *depth, to[256], n, d, f;
	unsigned char	 by[256];
	size_t		 qh = 0, qt = 0, k, m, c;

	queue = xcalloc(a->nnode + 1, sizeof(*queue));
	depth = xcalloc(a->nnode + 1, sizeof(*depth));
	queue[qt++] = 0;
	qh = 1;
	m = children(a, 0, to, by);
	for (k = 0; k < m; k++) {
		a->node[to[k]].fail = 0;
		depth[to[k]] = 1;
		queue[qt++] = to[k];
	}
	while (qh < qt) {
		n = queue[qh++];
		m = children(a, n, to, by);
		for (k = 0; k < m; k++) {
			d = to[k];
			f = a->node[n].fail;
			while (f != 0 && child(a, f, by[k]) == 0)
				f = a->node[f].fail;
			f = child(a, f, by[k]);
			a->node[d].fail = f == d ? 0 : f;
			f = a->node[d].fail;
			a->node[d].dict = a->node[f].out != 0 ? f :
			    a->node[f].dict;
			depth[d] = depth[n] + 1;
			queue[qt++] = d;
		}
	}
	for (qh = 0; qh < qt && qh < MOVES && depth[queue[qh]] <= SHALLOW;
	    qh++) {
		n = queue[qh];
		a->node[n].move = xcalloc(256, sizeof(uint32_t));
		for (c = 0; c < 256; c++) {
			d = child(a, n, (unsigned char)c);
			a->node[n].move[c] = d != 0 || n == 0 ? d :
			    a->node[a->node[n].fail].move[c];
		}
	}
	free(depth);
	free(queue);
	a->built = 1;
}

/* Number of patterns. */
size_t
ac_count(const struct ac *a)
{
	return a == NULL ? 0 : a->npat;
}

/*
 * Every occurrence of every pattern in len bytes of s: fn(arg, id,
 * start, end) with byte offsets.  fn returns 0 to stop.
 */
void
ac_scan(const struct ac *a, const char *s, size_t len, ac_fn fn, void *arg)
{
	uint32_t	 st = 0, d, o, nx;
	size_t		 i;
	unsigned char	 c;

	if (a == NULL || a->npat == 0)
		return;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		for (;;) {
			if (a->node[st].move != NULL) {
				st = a->node[st].move[c];
				break;
			}
			if ((nx = child(a, st, c)) != 0) {
				st = nx;
				break;
			}
			st = a->node[st].fail;
		}
		d = a->node[st].out != 0 ? st : a->node[st].dict;
		for (; d != 0; d = a->node[d].dict)
			for (o = a->node[d].out; o != 0; o = a->next[o - 1])
				if (!fn(arg, a->ids[o - 1],
				    i + 1 - a->lens[o - 1], i + 1))
					return;
	}
}

void
ac_free(struct ac *a)
{
	size_t	 i;

	if (a == NULL)
		return;
	for (i = 0; i < a->nnode; i++) {
		free(a->node[i].e);
		free(a->node[i].table);
		free(a->node[i].move);
	}
	free(a->node);
	free(a->next);
	free(a->ids);
	free(a->lens);
	free(a);
}
