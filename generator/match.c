/*
 * Many strings at once: an Aho-Corasick automaton over bytes.  Redaction
 * finds every protected name of the portal in a text with one pass; the
 * audit finds every withheld value in a file with one pass.  Patterns
 * are folded UTF-8 (fold.c), so texts are folded before they are
 * searched.
 *
 * Patterns are kept as they are added, in one arena.  Built, they are
 * sorted, and the trie is made from them breadth first, without a node
 * of its own for each: the patterns that share a prefix stand together
 * in the sorted order, so that a state is a run of them and its children
 * the runs of its next byte.  The automaton is a few flat arrays, its
 * states numbered breadth first: the shallow states, where a text that
 * matches nothing spends its time, know where every byte leads with
 * failures followed, so that there a step is one look-up; a deeper state
 * keeps its children's bytes and states side by side.  Every move says
 * whether the state it leads to ends a pattern, so that a step that
 * finds nothing reads nothing more.
 */
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

#define SHALLOW	3		/* depth to which a node knows every move */
#define MOVES	8192		/* nodes that may know every move */

struct edge {
	unsigned char	 c;
	uint32_t	 to;
};

#define HIT	0x80000000u	/* a move's state ends a pattern */

/* A state of the built automaton: what a step from it reads. */
struct acstate {
	uint32_t	 e0;		/* its first child in edge */
	uint32_t	 ne;		/* their number */
	uint32_t	 fail;
};

struct ac {
	struct buf	 text;		/* the patterns, until built */
	size_t		*off;		/* each one's place in text */
	uint32_t	*next;		/* patterns ending at the same state */
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

struct ac *
ac_new(void)
{
	return xcalloc(1, sizeof(struct ac));
}

/* Add a pattern of len bytes (not empty) with the caller's id. */
void
ac_add(struct ac *a, const char *s, size_t len, size_t id)
{
	if (len == 0 || a->built)
		return;
	if (a->npat == a->cappat) {
		a->cappat = a->cappat == 0 ? 256 : 2 * a->cappat;
		a->off = xreallocarray(a->off, a->cappat, sizeof(*a->off));
		a->ids = xreallocarray(a->ids, a->cappat, sizeof(*a->ids));
		a->lens = xreallocarray(a->lens, a->cappat,
		    sizeof(*a->lens));
	}
	a->off[a->npat] = a->text.len;
	a->ids[a->npat] = id;
	a->lens[a->npat] = len;
	a->npat++;
	buf_put(&a->text, s, len);
}

/* Patterns in byte order, a prefix before what it begins; the same
 * pattern in the order added. */
static int
patcmp(const void *x, const void *y, void *arg)
{
	const struct ac	*a = arg;
	uint32_t	 i = *(const uint32_t *)x, j = *(const uint32_t *)y;
	size_t		 li = a->lens[i], lj = a->lens[j];
	int		 c;

	c = memcmp(a->text.p + a->off[i], a->text.p + a->off[j],
	    li < lj ? li : lj);
	if (c != 0)
		return c;
	if (li != lj)
		return li < lj ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* The child of state k by byte c, or 0. */
static uint32_t
child(const struct ac *a, uint32_t k, unsigned char c)
{
	const struct edge	*e = a->edge + a->st[k].e0;
	size_t			 lo = 0, hi = a->st[k].ne, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (e[mid].c == c)
			return e[mid].to;
		if (e[mid].c < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * Make the states from the sorted patterns, breadth first: state k is
 * the run lo[k]..hi[k] of the sorted order whose first depth[k] bytes are
 * its string; the patterns of the run that end there are its output, the
 * others, by their next byte, its children.  Then the failure and
 * dictionary links, breadth first; then the moves of the shallow
 * states, each from its failure's, which is shallower.
 */
void
ac_build(struct ac *a)
{
	uint32_t	*idx, *lo, *hi, *depth, k, m, f, x, d, r, e, p;
	size_t		 i, c, bound, ne = 0, n = 1;
	unsigned char	 b;

	a->built = 1;
	a->next = xcalloc(a->npat + 1, sizeof(*a->next));
	idx = xcalloc(a->npat + 1, sizeof(*idx));
	for (i = 0; i < a->npat; i++)
		idx[i] = (uint32_t)i;
	qsort_r(idx, a->npat, sizeof(*idx), patcmp, a);
	/* A state for each byte of each pattern at most, and the root:
	 * room that is never touched costs nothing. */
	bound = a->text.len + 1;
	if (bound >= HIT)
		abort();
	a->st = xcalloc(bound, sizeof(*a->st));
	a->out = xcalloc(bound, sizeof(*a->out));
	a->dict = xcalloc(bound, sizeof(*a->dict));
	a->edge = xcalloc(bound, sizeof(*a->edge));
	lo = xcalloc(bound, sizeof(*lo));
	hi = xcalloc(bound, sizeof(*hi));
	depth = xcalloc(bound, sizeof(*depth));
	hi[0] = (uint32_t)a->npat;
	for (k = 0; k < n; k++) {
		d = depth[k];
		/* The patterns that end here come first in the run; the
		 * last added is told first. */
		for (r = lo[k]; r < hi[k] && a->lens[idx[r]] == d; r++) {
			p = idx[r];
			a->next[p] = a->out[k];
			a->out[k] = p + 1;
		}
		a->st[k].e0 = (uint32_t)ne;
		for (; r < hi[k]; r = e) {
			b = (unsigned char)a->text.p[a->off[idx[r]] + d];
			for (e = r + 1; e < hi[k] && (unsigned char)
			    a->text.p[a->off[idx[e]] + d] == b; e++)
				continue;
			lo[n] = r;
			hi[n] = e;
			depth[n] = d + 1;
			a->edge[ne].c = b;
			a->edge[ne++].to = (uint32_t)n++;
		}
		a->st[k].ne = (uint32_t)(ne - a->st[k].e0);
	}
	a->nstate = n;
	free(lo);
	free(hi);
	free(idx);
	buf_free(&a->text);
	free(a->off);
	a->off = NULL;
	/* Failures: a child's is where its parent's failure goes by the
	 * same byte, failing further as needed. */
	for (k = 0; k < n; k++)
		for (c = 0; c < a->st[k].ne; c++) {
			m = a->edge[a->st[k].e0 + c].to;
			b = a->edge[a->st[k].e0 + c].c;
			x = 0;
			for (f = a->st[k].fail; k != 0; f = a->st[f].fail) {
				if ((x = child(a, f, b)) != 0 || f == 0)
					break;
			}
			a->st[m].fail = x;
			a->dict[m] = a->out[x] != 0 ? x : a->dict[x];
		}
	for (i = 0; i < ne; i++) {
		m = a->edge[i].to;
		if (a->out[m] != 0 || a->dict[m] != 0)
			a->edge[i].to |= HIT;
	}
	for (a->nmove = 0; a->nmove < n && a->nmove < MOVES &&
	    depth[a->nmove] <= SHALLOW; a->nmove++)
		continue;
	free(depth);
	/* What was room and was not used goes back. */
	a->st = xreallocarray(a->st, n, sizeof(*a->st));
	a->out = xreallocarray(a->out, n, sizeof(*a->out));
	a->dict = xreallocarray(a->dict, n, sizeof(*a->dict));
	a->edge = xreallocarray(a->edge, ne + 1, sizeof(*a->edge));
	a->move = xcalloc_big(a->nmove * 256 + 1, sizeof(*a->move));
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
	if (a == NULL)
		return;
	buf_free(&a->text);
	free(a->off);
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
