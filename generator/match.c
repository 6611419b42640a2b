/*
 * Many strings at once: an Aho-Corasick automaton over bytes.  Redaction
 * finds every protected name of the portal in a text with one pass; the
 * audit finds every withheld value in a file with one pass.  Patterns
 * are folded UTF-8 (fold.c), so texts are folded before they are
 * searched.
 *
 * While patterns are added, a node keeps its children sorted; a node
 * with many children gets a full table of 256.  Built, the automaton is
 * packed into a few flat arrays, its states numbered breadth first: the
 * shallow states, where a text that matches nothing spends its time,
 * know where every byte leads with failures followed, so that there a
 * step is one look-up; a deeper state keeps its children's bytes and
 * states side by side.  Every move says whether the state it leads to
 * ends a pattern, so that a step that finds nothing reads nothing more.
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
	uint32_t	 ne;
	uint32_t	 fail;
	uint32_t	 dict;		/* next node on the fail chain with output */
	uint32_t	 out;		/* first pattern ending here + 1, or 0 */
};

#define HIT	0x80000000u	/* a move's state ends a pattern */

/* A state of the built automaton: what a step from it reads. */
struct acstate {
	uint32_t	 e0;		/* its first child in edge */
	uint32_t	 ne;		/* their number */
	uint32_t	 fail;
};

struct ac {
	struct acnode	*node;		/* the trie, until built */
	size_t		 nnode;
	size_t		 cap;
	uint32_t	*next;		/* patterns ending at the same node */
	size_t		*ids;		/* the caller's id of each pattern */
	size_t		*lens;
	size_t		 npat;
	size_t		 cappat;
	int		 built;
	/* Built: states breadth first, 0 the root. */
	size_t		 nstate;
	size_t		 nmove;		/* states 0..nmove-1 know every move */
	uint32_t	*move;		/* their next state (| HIT), 256 each */
	struct acstate	*st;		/* each state */
	struct edge	*edge;		/* children of each state, in turn */
	uint32_t	*out;		/* first pattern ending here + 1, or 0 */
	uint32_t	*dict;		/* next state on the fail chain with
					 * output, or 0 */
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

/* The failure and dictionary links, breadth first; then the packed
 * states, the moves of the shallow ones each from its failure's, which
 * is shallower. */
void
ac_build(struct ac *a)
{
	uint32_t	*queue, *depth, *num, to[256], n, d, f, x;
	unsigned char	 by[256];
	size_t		 qh = 0, qt = 0, k, m, c, ne;

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
	/* Number the states breadth first: the shallow ones first. */
	num = xcalloc(a->nnode + 1, sizeof(*num));
	for (k = 0; k < qt; k++)
		num[queue[k]] = (uint32_t)k;
	a->nstate = qt;
	for (a->nmove = 0; a->nmove < qt && a->nmove < MOVES &&
	    depth[queue[a->nmove]] <= SHALLOW; a->nmove++)
		continue;
	a->st = xcalloc(qt + 1, sizeof(*a->st));
	a->out = xcalloc(qt + 1, sizeof(*a->out));
	a->dict = xcalloc(qt + 1, sizeof(*a->dict));
	a->edge = xcalloc(a->nnode + 1, sizeof(*a->edge));
	for (k = 0, ne = 0; k < qt; k++) {
		n = queue[k];
		a->st[k].fail = num[a->node[n].fail];
		a->out[k] = a->node[n].out;
		a->dict[k] = a->node[n].dict != 0 ? num[a->node[n].dict] : 0;
		m = children(a, n, to, by);
		a->st[k].e0 = (uint32_t)ne;
		a->st[k].ne = (uint32_t)m;
		for (c = 0; c < m; c++) {
			d = to[c];
			a->edge[ne].c = by[c];
			a->edge[ne++].to = num[d] | (a->node[d].out != 0 ||
			    a->node[d].dict != 0 ? HIT : 0);
		}
	}
	a->move = xcalloc(a->nmove * 256 + 1, sizeof(*a->move));
	for (k = 0; k < a->nmove; k++) {
		for (c = 0; c < a->st[k].ne; c++)
			a->move[256 * k + a->edge[a->st[k].e0 + c].c] =
			    a->edge[a->st[k].e0 + c].to;
		for (c = 0; c < 256; c++) {
			x = a->move[256 * k + c];
			if (x == 0 && k != 0)
				a->move[256 * k + c] =
				    a->move[256 * a->st[k].fail + c];
		}
	}
	free(num);
	free(depth);
	free(queue);
	/* The trie is no longer needed. */
	for (k = 0; k < a->nnode; k++) {
		free(a->node[k].e);
		free(a->node[k].table);
	}
	free(a->node);
	a->node = NULL;
	a->built = 1;
}

/* Number of patterns. */
size_t
ac_count(const struct ac *a)
{
	return a == NULL ? 0 : a->npat;
}

/* The child of deep state st by byte c (| HIT), or 0. */
static inline uint32_t
step(const struct ac *a, const struct acstate *st, unsigned char c)
{
	const struct edge	*e = a->edge + st->e0;
	size_t			 lo = 0, hi = st->ne, mid;

	while (hi - lo > 4) {
		mid = (lo + hi) / 2;
		if (e[mid].c <= c)
			lo = mid;
		else
			hi = mid;
	}
	for (; lo < hi; lo++)
		if (e[lo].c == c)
			return e[lo].to;
	return 0;
}

/*
 * Every occurrence of every pattern in len bytes of s: fn(arg, id,
 * start, end) with byte offsets.  fn returns 0 to stop.
 */
void
ac_scan(const struct ac *a, const char *s, size_t len, ac_fn fn, void *arg)
{
	const unsigned char	*u = (const unsigned char *)s;
	const uint32_t		*move;
	const struct acstate	*sv;
	uint32_t		 st = 0, d, o, x, nmove;
	size_t			 i;

	if (a == NULL || a->npat == 0)
		return;
	if (!a->built)
		abort();
	move = a->move;
	sv = a->st;
	nmove = (uint32_t)a->nmove;
	for (i = 0; i < len; i++) {
		/* Deep states follow their failures to a shallow one. */
		while (st >= nmove) {
			if ((x = step(a, &sv[st], u[i])) != 0)
				goto next;
			st = sv[st].fail;
		}
		x = move[256 * (size_t)st + u[i]];
next:
		st = x & ~HIT;
		if (!(x & HIT))
			continue;
		d = a->out[st] != 0 ? st : a->dict[st];
		for (; d != 0; d = a->dict[d])
			for (o = a->out[d]; o != 0; o = a->next[o - 1])
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
	for (i = 0; a->node != NULL && i < a->nnode; i++) {
		free(a->node[i].e);
		free(a->node[i].table);
	}
	free(a->node);
	free(a->move);
	free(a->st);
	free(a->edge);
	free(a->out);
	free(a->dict);
	free(a->next);
	free(a->ids);
	free(a->lens);
	free(a);
}
