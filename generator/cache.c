/*
 * The build cache: .disclose-cache/ beside the content directory, one
 * state file per output directory and audience, and a lock beside it.
 *
 * The state holds four things.  The key of the inputs: a BLAKE2b hash
 * of the program, the templates, site.yaml, policy.yaml and every
 * record, byte for byte.  Each record file's digest, with what stat(2)
 * said of it before it was read: a file that stands so (size, mtime,
 * ctime, inode), changed more than a second before that build began to
 * hash, is taken with that digest and not read again, as git takes its
 * index (a change since would have moved its ctime); a record file that
 * is a symbolic link is hashed anew each time, with where it leads.  The
 * day the next embargo ends and the day the last one ended, since today
 * decides what is published (a clock set back embargoes a case again).
 * And the manifest of the portal it built:
 * for every file its hash and what stat(2) said of it once it was in
 * place (size, mtime, ctime, inode), with the key of the audit that
 * passed it.
 *
 * With the same inputs, no embargo ended or begun again and every file
 * of the portal as the manifest says, a build has nothing to do and writes nothing.
 * Otherwise the portal is built again in full in its staging directory,
 * but a file whose bytes are those of the file already published takes
 * that file's place (a hard link), so it keeps its mtime and rsync and
 * caches stay warm; and when the audit would search for exactly what it
 * searched for last time, such a file is not read again.  Each file is
 * digested as it is written; one given whole whose digest is that of
 * the published file is not written at all, but linked at once, and no
 * write ever goes through such a link.  A file in the
 * portal that was changed since (its ctime moves, whatever its mtime
 * says) is never taken for one of ours.
 *
 * Beside the state, NAME.records keeps each record as redacted: its
 * public form and its log, appended under the key of all that the
 * redaction read (the program and its libraries, the audience,
 * site.yaml, policy.yaml, the protected set, and the record's file by
 * name and bytes as read, which decide the record as validated), with
 * a keyed seal of its bytes (SipHash), which is checked before it is used;
 * NAME.index finds them by key.  It keeps too each record as read and
 * validated, under its file's name and bytes, the program, audience,
 * site.yaml and policy.yaml, so that a file hashed as it was is not
 * parsed again; for each record whose people passed their check in
 * silence, that it did, under the same and every name the records
 * declare; and the digest of each page of a case, under the key the
 * renderer made of all it shows, and the templates.  They hold the values withheld,
 * as the records do: both files are their owner's only.  Once a build
 * succeeded, the index holds only what it read or wrote, and the pack
 * is written anew when those take less than half of it.
 *
 * Two builds of one output are serialized by the lock; --full ignores
 * the state and the pack, and writes both anew.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "disclose.h"
#include "extern.h"

#define MAGIC	"disclose-cache 2"

/*
 * An entry of the pack opens with its seal: SipHash-2-4 of its text,
 * keyed by its key (the two halves together), so that an entry damaged,
 * cut short or found under another key is not taken.
 */
#define SEAL	crypto_shorthash_BYTES

static void
sealof(const unsigned char *key, const char *text, size_t len,
    unsigned char *seal)
{
	unsigned char	 k[crypto_shorthash_KEYBYTES];
	size_t		 i;

	for (i = 0; i < sizeof(k); i++)
		k[i] = key[i] ^ key[i + sizeof(k)];
	crypto_shorthash(seal, (const unsigned char *)text, len, k);
}

struct centry {
	char		*rel;		/* path under the output */
	unsigned char	 h[32];
	long long	 size, mtime, ctime;
	unsigned long long ino;
	int		 clean;		/* passed by the audit: as it stood
					 * in the last one */
	int		 known;		/* h was taken as it was written */
	int		 linked;	/* it is the published file (1); kept
					 * in the spare as it stood (2) */
	int		 link;		/* a record file that is a symbolic
					 * link: h is of the bytes it leads
					 * to, and it is never taken as read
					 * before */
};

/* An entry of the pack of redacted records. */
struct pentry {
	unsigned char	 key[32];
	uint64_t	 at, len;	/* in the pack: digest and text */
};

struct cache {
	char		*state;
	int		 lockfd;
	int		 full;
	int		 respared;	/* a spare was made of the portal
					 * swapped out (cache_respare) */
	int		 keyed;		/* inkey is that of every input */
	unsigned char	 inkey[32];
	/* The state of the last build. */
	int		 had;
	unsigned char	 oldkey[32];
	unsigned char	 oldaudit[32];
	unsigned char	 newaudit[32];	/* the key of this build's audit */
	long long	 until;		/* an embargo ends (s), or 0 */
	long long	 since;		/* the last one ended (s), or 0 */
	struct centry	*old;
	size_t		 nold;
	/* This build's files, sorted by rel. */
	struct centry	*v;
	size_t		 n;
	size_t		 linked;
	/* What was told of the files as they were written to the stage:
	 * under the lock, in the order told. */
	struct wwatch	 watch;
	char		*stage, *out;
	int		 reused;	/* the stage is the portal's spare */
	char		**spared;	/* the spare's files then, by path */
	size_t		 nspared;
	pthread_mutex_t	 mu;
	struct centry	*told;
	size_t		 ntold, maxtold;
	/* The records as redacted: entries appended to the pack file,
	 * found through its index by the key of all that the redaction
	 * read. */
	int		 based;		/* basekey is that of the program,
					 * audience, site.yaml, policy.yaml */
	unsigned char	 basekey[32];
	unsigned char	 reckey[32];	/* and of the protected set */
	unsigned char	 tplkey[32];	/* of the templates */
	unsigned char	 akey[32];	/* of the audit, and the program */
	unsigned char	 progkey[32];	/* of the program and libraries */
	char		*pack, *index;
	int		 packfd;	/* -1: no pack */
	unsigned long	 packgen;	/* which opening of a pack: the
					 * windows read of another are not
					 * this one's */
	unsigned long long packend;	/* where the next entry goes */
	struct pentry	*idx;		/* the index, sorted by key */
	size_t		 nidx;
	uint32_t	*slice;		/* where the keys of each first two
					 * bytes begin in it, and its end */
	unsigned char	*live;		/* of each entry of the index: read
					 * or kept by this build */
	struct pentry	*used;		/* entries written, under the lock */
	size_t		 nused, maxused;
	size_t		 hits;
	size_t		 checked;	/* records whose people were */
	size_t		 parsed;	/* records read before */
	struct peoplememo memo;
	struct pagememo	 pmemo;
	size_t		 pagehits[PAGE__MAX][2]; /* of each kind:
					 * made, taken */
	/* Each input file as cache_inputs hashed it, sorted by path: the
	 * bytes a build reads must be those (cache_sources). */
	struct centry	*src;
	size_t		 nsrc, maxsrc;
	int		 differ;	/* a source read is not as hashed */
	/* Each record file as the last build hashed it, with what stat(2)
	 * said of it then, and when that build began to hash (ns). */
	struct centry	*oldsrc;
	size_t		 noldsrc;
	long long	 oldhashed, hashed;
	size_t		 rehashed;	/* record files not hashed again */
};

static void
tohex(const unsigned char *h, size_t n, char *out)
{
	static const char	 x[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = x[h[i] >> 4];
		out[2 * i + 1] = x[h[i] & 15];
	}
	out[2 * n] = '\0';
}

/* One more than the value of each digit of hex as putent writes it
 * (lower case); 0 for any other byte. */
static const unsigned char hexdig[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16
};

static int
fromhex(const char *s, unsigned char *h, size_t n)
{
	size_t	 i;
	unsigned char a, b;

	for (i = 0; i < n; i++) {
		a = hexdig[(unsigned char)s[2 * i]];
		b = hexdig[(unsigned char)s[2 * i + 1]];
		if (a == 0 || b == 0)
			return 0;
		h[i] = (unsigned char)((a - 1) << 4 | (b - 1));
	}
	return s[2 * n] == '\0' || s[2 * n] == ' ' || s[2 * n] == '\n';
}

static int
entcmp(const void *a, const void *b)
{
	return strcmp(((const struct centry *)a)->rel,
	    ((const struct centry *)b)->rel);
}

static struct centry *
lookup(struct centry *v, size_t n, const char *rel)
{
	struct centry	 k;

	k.rel = (char *)rel;
	return n == 0 ? NULL : bsearch(&k, v, n, sizeof(*v), entcmp);
}

static void
entries_free(struct centry *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i].rel);
	free(v);
}

/* An entry of the state, "HASH SIZE MTIME CTIME INODE\tPATH", appended to
 * v, which has room for cap.  Returns 0 when it does not read well. */
static int
readent(const char *s, struct centry *v, size_t *n, size_t cap)
{
	struct centry	*e;
	const char	*p;
	char		*end, hex[65];
	long long	 f[3];
	size_t		 i;

	if (*n == cap)
		return 0;
	e = &v[*n];
	memset(e, 0, sizeof(*e));
	/* "HEX SIZE MTIME CTIME INO\tREL", as putent writes it. */
	if (strnlen(s, 65) < 65 || s[64] != ' ')
		return 0;
	memcpy(hex, s, 64);
	hex[64] = '\0';
	if (!fromhex(hex, e->h, 32))
		return 0;
	p = s + 65;
	for (i = 0; i < 3; i++) {
		errno = 0;
		f[i] = strtoll(p, &end, 10);
		if (end == p || *end != ' ' || errno != 0)
			return 0;
		p = end + 1;
	}
	errno = 0;
	e->ino = strtoull(p, &end, 10);
	if (end == p || *end != '\t' || errno != 0 || *p == '-')
		return 0;
	e->size = f[0];
	e->mtime = f[1];
	e->ctime = f[2];
	e->rel = xstrdup(end + 1);
	(*n)++;
	return 1;
}

/* A number in decimal, after a space, with a minus when neg. */
static void
putudec(struct buf *b, unsigned long long u, int neg)
{
	char	 d[24], *p = d + sizeof(d);

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (neg)
		*--p = '-';
	*--p = ' ';
	buf_put(b, p, (size_t)(d + sizeof(d) - p));
}

static void
putdec(struct buf *b, long long v)
{
	putudec(b, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v,
	    v < 0);
}

/* The entry of path rel, of digest h, as stat(2) said of it (st). */
static void
putent(struct buf *b, const char *what, const char *rel,
    const unsigned char *h, const struct centry *st)
{
	char	 hex[65];

	tohex(h, 32, hex);
	buf_puts(b, what);
	buf_putc(b, ' ');
	buf_put(b, hex, 64);
	putdec(b, st->size);
	putdec(b, st->mtime);
	putdec(b, st->ctime);
	putudec(b, st->ino, 0);
	buf_putc(b, '\t');
	buf_puts(b, rel);
	buf_putc(b, '\n');
}

/* Whether the n entries of v are in the order of their paths. */
static int
sorted(const struct centry *v, size_t n)
{
	size_t	 i;

	for (i = 1; i < n; i++)
		if (strcmp(v[i - 1].rel, v[i].rel) > 0)
			return 0;
	return 1;
}

/* The state of the last build, if there is one that reads well. */
static void
readstate(struct cache *c)
{
	char		*text, *line, *next;
	const char	*p, *q;
	size_t		 len, nfile = 0, nsrc = 0;
	int		 ok = 1;

	if ((text = readfile(c->state, SIZE_MAX / 2, &len)) == NULL)
		return;
	/* A state holds every file: room for its entries at once. */
	for (p = text; *p != '\0'; p = q + 1) {
		if (strncmp(p, "file ", 5) == 0)
			nfile++;
		else if (strncmp(p, "src ", 4) == 0)
			nsrc++;
		if ((q = strchr(p, '\n')) == NULL)
			break;
	}
	c->old = xcalloc(nfile + 1, sizeof(*c->old));
	c->oldsrc = xcalloc(nsrc + 1, sizeof(*c->oldsrc));
	line = text;
	for (; ok && line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (line == text) {
			ok = strcmp(line, MAGIC) == 0;
		} else if (strncmp(line, "key ", 4) == 0) {
			ok = fromhex(line + 4, c->oldkey, 32);
		} else if (strncmp(line, "audit ", 6) == 0) {
			ok = fromhex(line + 6, c->oldaudit, 32);
		} else if (strncmp(line, "until ", 6) == 0) {
			ok = sscanf(line + 6, "%lld", &c->until) == 1;
		} else if (strncmp(line, "since ", 6) == 0) {
			ok = sscanf(line + 6, "%lld", &c->since) == 1;
		} else if (strncmp(line, "hashed ", 7) == 0) {
			ok = sscanf(line + 7, "%lld", &c->oldhashed) == 1;
		} else if (strncmp(line, "src ", 4) == 0) {
			ok = readent(line + 4, c->oldsrc, &c->noldsrc, nsrc);
		} else if (strncmp(line, "file ", 5) == 0) {
			ok = readent(line + 5, c->old, &c->nold, nfile);
		} else
			ok = 0;
	}
	free(text);
	if (!ok) {
		entries_free(c->old, c->nold);
		c->old = NULL;
		c->nold = 0;
		entries_free(c->oldsrc, c->noldsrc);
		c->oldsrc = NULL;
		c->noldsrc = 0;
		return;
	}
	/* cache_save writes them in order; a state written otherwise is
	 * put in order. */
	if (!sorted(c->old, c->nold))
		qsort(c->old, c->nold, sizeof(*c->old), entcmp);
	if (!sorted(c->oldsrc, c->noldsrc))
		qsort(c->oldsrc, c->noldsrc, sizeof(*c->oldsrc), entcmp);
	c->had = 1;
}

/*
 * The cache for building content into out for an audience: locked, so
 * that a second build of the same output waits.  With full, the state
 * is not read.  Returns NULL on a system error (reported).
 */
struct cache *
cache_open(const char *content, const char *out, enum audience aud,
    int full)
{
	struct cache	*c;
	unsigned char	 h[32];
	char		*real, *dir, *parent, *slash, name[33], *lock;

	c = xcalloc(1, sizeof(*c));
	c->lockfd = -1;
	c->packfd = -1;
	pthread_mutex_init(&c->mu, NULL);
	c->full = full;
	real = realish(out);
	crypto_generichash(h, 16, (const unsigned char *)real, strlen(real) + 1,
	    (const unsigned char *)audience_names[aud],
	    strlen(audience_names[aud]));
	free(real);
	tohex(h, 16, name);
	parent = realish(content);
	if ((slash = strrchr(parent, '/')) != NULL)
		*slash = '\0';
	dir = xasprintf("%s/.disclose-cache", *parent ? parent : "");
	free(parent);
	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		syserr("%s", dir);
		free(dir);
		free(c);
		return NULL;
	}
	lock = xasprintf("%s/%s.lock", dir, name);
	c->state = xasprintf("%s/%s.state", dir, name);
	free(dir);
	if ((c->lockfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) ==
	    -1) {
		syserr("%s", lock);
		free(lock);
		cache_close(c);
		return NULL;
	}
	if (flock(c->lockfd, LOCK_EX | LOCK_NB) == -1) {
		fprintf(stderr, "disclose: another build of %s is running; "
		    "waiting for it (%s)\n", out, lock);
		while (flock(c->lockfd, LOCK_EX) == -1)
			if (errno != EINTR) {
				syserr("%s", lock);
				free(lock);
				cache_close(c);
				return NULL;
			}
	}
	free(lock);
	/* A state that does not say when the last embargo ended is not
	 * fresh at any time. */
	c->since = LLONG_MAX;
	if (!full)
		readstate(c);
	return c;
}

void
cache_close(struct cache *c)
{
	if (c == NULL)
		return;
	if (c->lockfd != -1)
		close(c->lockfd);	/* and the lock with it */
	if (c->stage != NULL)
		write_watch(NULL);
	entries_free(c->old, c->nold);
	entries_free(c->v, c->n);
	entries_free(c->told, c->ntold);
	entries_free(c->src, c->nsrc);
	entries_free(c->oldsrc, c->noldsrc);
	pthread_mutex_destroy(&c->mu);
	free(c->stage);
	free(c->out);
	strv_free(c->spared, c->nspared);
	if (c->packfd != -1)
		close(c->packfd);
	free(c->pack);
	free(c->index);
	free(c->idx);
	free(c->slice);
	free(c->live);
	free(c->used);
	free(c->state);
	free(c);
}

/* Hash a file into the state, with its name.  Returns 0 on error. */
static void
addsource(struct cache *c, const char *path, const unsigned char *h,
    const struct centry *sb)
{
	if (c->nsrc == c->maxsrc) {
		c->maxsrc = c->maxsrc ? 2 * c->maxsrc : 64;
		c->src = xreallocarray(c->src, c->maxsrc + 1, sizeof(*c->src));
	}
	memset(&c->src[c->nsrc], 0, sizeof(*c->src));
	if (sb != NULL)
		c->src[c->nsrc] = *sb;
	c->src[c->nsrc].rel = xstrdup(path);
	memcpy(c->src[c->nsrc].h, h, 32);
	c->nsrc++;
}

static int
hashfile(crypto_generichash_state *st, const char *path, const char *name,
    struct cache *c)
{
	unsigned char	 h[32];
	char		*text;
	size_t		 len;
	uint64_t	 n;

	if ((text = readregular(path, SIZE_MAX / 2, &len)) == NULL)
		return 0;
	if (c != NULL) {
		crypto_generichash(h, 32, (unsigned char *)text, len, NULL, 0);
		addsource(c, path, h, NULL);
	}
	n = len;
	crypto_generichash_update(st, (const unsigned char *)name,
	    strlen(name) + 1);
	crypto_generichash_update(st, (const unsigned char *)&n, sizeof(n));
	crypto_generichash_update(st, (const unsigned char *)text, len);
	free(text);
	return 1;
}

/* The files of a tree, each hashed on the pool; with c, the record
 * files, each with what stat(2) said of it before it was read. */
struct treejob {
	struct cache	 *c;
	char		**files;
	unsigned char	(*d)[32];
	struct centry	 *sb;
	char		**real;		/* where a link leads, else NULL */
	int		 *ok;
};

static void
statof(const struct stat *, struct centry *);

/*
 * Whether file i stands as the last build hashed it (the same size,
 * mtime, ctime and inode), and was last changed well before that build
 * began to hash, so that no change since can share its ctime: its digest
 * is then that build's.
 */
static int
ashashed(struct treejob *j, size_t i, const struct stat *sb)
{
	struct cache	*c = j->c;
	struct centry	*e, *now = &j->sb[i];

	if (!S_ISREG(sb->st_mode))
		return 0;
	statof(sb, now);
	if (c->noldsrc == 0 || (e = lookup(c->oldsrc, c->noldsrc, j->files[i])) == NULL ||
	    e->size != now->size || e->mtime != now->mtime ||
	    e->ctime != now->ctime || e->ino != now->ino ||
	    e->ctime >= c->oldhashed - 1000000000LL)
		return 0;
	memcpy(j->d[i], e->h, 32);
	__atomic_add_fetch(&c->rehashed, 1, __ATOMIC_RELAXED);
	return 1;
}

static void
hashleaf(void *arg, size_t i, int worker)
{
	struct treejob	*j = arg;
	struct stat	 sb;
	char		*text;
	size_t		 len;

	(void)worker;
	/* A record that is a link is read only where the build resolves
	 * it, and is never taken as it was (it may lead out of content/
	 * with the same bytes): it is hashed anew each time, with where
	 * it leads, so that a link led elsewhere changes the key even to
	 * the same bytes. */
	if (j->c != NULL && lstat(j->files[i], &sb) == 0) {
		if (S_ISLNK(sb.st_mode)) {
			if ((j->real[i] = realpath(j->files[i], NULL)) == NULL)
				return;
			j->sb[i].link = 1;
		} else if (ashashed(j, i, &sb)) {
			j->ok[i] = 1;
			return;
		}
	}
	if ((text = readregular(j->files[i], SIZE_MAX / 2, &len)) == NULL)
		return;
	crypto_generichash(j->d[i], 32, (const unsigned char *)text, len,
	    NULL, 0);
	j->ok[i] = 1;
	free(text);
}

/* Hash the files of a tree into the state, each with its name, in the
 * order of their names.  Returns 0 on error. */
static int
hashtree(crypto_generichash_state *st, const char *dir, const char *suffix,
    int flags, struct pool *pool, struct cache *c)
{
	struct treejob	 j;
	size_t		 n, i, dl = strlen(dir);
	int		 ok = 1;

	if (!findfiles(dir, suffix, flags, pool, &j.files, &n))
		return 0;
	j.c = c;
	j.d = xcalloc(n + 1, sizeof(*j.d));
	j.sb = xcalloc(n + 1, sizeof(*j.sb));
	j.real = xcalloc(n + 1, sizeof(*j.real));
	j.ok = xcalloc(n + 1, sizeof(*j.ok));
	pool_for(pool, n, hashleaf, &j);
	/* Past a file that cannot be hashed there is no key, but every
	 * other is still a source: what the build reads of it is checked
	 * against these bytes (cache_verified). */
	for (i = 0; i < n; i++) {
		if (!j.ok[i]) {
			ok = 0;
			continue;
		}
		crypto_generichash_update(st, (const unsigned char *)
		    j.files[i] + dl, strlen(j.files[i] + dl) + 1);
		if (j.real[i] != NULL)
			crypto_generichash_update(st, (const unsigned char *)
			    j.real[i], strlen(j.real[i]) + 1);
		crypto_generichash_update(st, j.d[i], 32);
		if (c != NULL)
			addsource(c, j.files[i], j.d[i], &j.sb[i]);
	}
	free(j.d);
	free(j.sb);
	for (i = 0; i < n; i++)
		free(j.real[i]);
	free(j.real);
	free(j.ok);
	strv_free(j.files, n);
	return ok;
}

static int	hashlibs(crypto_generichash_state *);
static int	get(struct cache *, const unsigned char *, char **, size_t *);
static int	packopen(struct cache *);

/*
 * The key of everything a build reads: the program, the audience, the
 * templates, site.yaml, policy.yaml, rules.yaml and every record.  Returns 0 when a
 * file cannot be read (the build then reports it).
 */
int
cache_inputs(struct cache *c, const char *content, const char *templates,
    enum audience aud, struct pool *pool)
{
	crypto_generichash_state st;
	struct timespec	 ts;
	struct stat	 sb;
	char		*path;
	int		 ok;

	clock_gettime(CLOCK_REALTIME, &ts);
	c->hashed = (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
	crypto_generichash_init(&st, NULL, 0, 32);
	ok = hashfile(&st, "/proc/self/exe", "program", NULL) &&
	    hashlibs(&st);
	/* An audit is that of a program too: another may search
	 * otherwise. */
	if (ok) {
		crypto_generichash_state p = st;

		crypto_generichash_final(&p, c->progkey, 32);
	}
	crypto_generichash_update(&st,
	    (const unsigned char *)audience_names[aud],
	    strlen(audience_names[aud]) + 1);
	path = xasprintf("%s/site.yaml", content);
	ok = ok && hashfile(&st, path, "site.yaml", c);
	free(path);
	path = xasprintf("%s/policy.yaml", content);
	ok = ok && hashfile(&st, path, "policy.yaml", c);
	free(path);
	/* rules.yaml, which the records' bases are checked against, or
	 * that there is none. */
	path = xasprintf("%s/rules.yaml", content);
	if (access(path, F_OK) == -1 && errno == ENOENT)
		crypto_generichash_update(&st, (const unsigned char *)"no rules",
		    9);
	else
		ok = ok && hashfile(&st, path, "rules.yaml", c);
	free(path);
	/* What a record's redaction reads besides the record and the
	 * protected set: so far. */
	if ((c->based = ok)) {
		crypto_generichash_state b = st;

		crypto_generichash_final(&b, c->basekey, 32);
	}
	if (ok) {
		crypto_generichash_state t;

		crypto_generichash_init(&t, NULL, 0, 32);
		ok = hashtree(&t, templates, "", FIND_HIDDEN, pool, NULL);
		crypto_generichash_final(&t, c->tplkey, 32);
		crypto_generichash_update(&st, c->tplkey, 32);
	}
	/* cases/ as a link is read only where the build resolves it. */
	path = xasprintf("%s/cases", content);
	ok = ok && lstat(path, &sb) == 0 && !S_ISLNK(sb.st_mode) &&
	    hashtree(&st, path, ".md", FIND_ODD, pool, c);
	free(path);
	crypto_generichash_final(&st, c->inkey, 32);
	c->keyed = ok;
	/* The sources as the last build hashed them served only to hash
	 * these: not held to the end of the build. */
	entries_free(c->oldsrc, c->noldsrc);
	c->oldsrc = NULL;
	c->noldsrc = 0;
	/* What was kept of the records is of use from now on. */
	if (c->based)
		packopen(c);
	if (c->nsrc > 1)
		qsort(c->src, c->nsrc, sizeof(*c->src), entcmp);
	return ok;
}

/*
 * The libraries the program runs with, as mapped: a library upgraded
 * (cmark-gfm, utf8proc, OpenCC, ...) may render or fold otherwise.  By
 * name, size, inode and mtime; 0 when they cannot be listed.
 */
static int
hashlibs(crypto_generichash_state *st)
{
	struct stat	 sb;
	FILE		*f;
	char		*line = NULL, *path, **v = NULL;
	size_t		 cap = 0, n = 0, max = 0, i;
	long long	 w[4];

	if ((f = fopen("/proc/self/maps", "re")) == NULL)
		return 0;
	while (getline(&line, &cap, f) != -1) {
		line[strcspn(line, "\n")] = '\0';
		if ((path = strchr(line, '/')) == NULL)
			continue;
		if (n == max) {
			max = max ? 2 * max : 64;
			v = xreallocarray(v, max, sizeof(*v));
		}
		v[n++] = xstrdup(path);
	}
	free(line);
	fclose(f);
	/* In the order of their names: where each is mapped varies. */
	if (n > 1)
		qsort(v, n, sizeof(*v), strpcmp);
	for (i = 0; i < n; i++) {
		if ((i > 0 && strcmp(v[i - 1], v[i]) == 0) ||
		    stat(v[i], &sb) == -1)
			continue;
		w[0] = (long long)sb.st_size;
		w[1] = (long long)sb.st_ino;
		w[2] = (long long)sb.st_mtim.tv_sec;
		w[3] = (long long)sb.st_mtim.tv_nsec;
		crypto_generichash_update(st, (const unsigned char *)v[i],
		    strlen(v[i]) + 1);
		crypto_generichash_update(st, (const unsigned char *)w,
		    sizeof(w));
	}
	strv_free(v, n);
	return 1;
}

static void
seen(void *arg, const char *path, const unsigned char *h)
{
	struct cache	*c = arg;
	struct centry	*e;

	e = lookup(c->src, c->nsrc, path);
	if (e == NULL || sodium_memcmp(e->h, h, 32) != 0)
		__atomic_store_n(&c->differ, 1, __ATOMIC_RELAXED);
}

/*
 * While on, every source the build reads (site.yaml, policy.yaml, the
 * records) is compared with the bytes cache_inputs hashed.
 */
void
cache_sources(struct cache *c, int on)
{
	if (on)
		source_watch(seen, c);
	else
		source_watch(NULL, NULL);
}

/*
 * Whether what the build read is what its keys were made of.  When a
 * file changed in between, nothing of this build is kept for the next
 * one: neither the state nor the records it redacts.  Returns 0 then.
 */
int
cache_verified(struct cache *c)
{
	if (!__atomic_load_n(&c->differ, __ATOMIC_RELAXED))
		return 1;
	c->keyed = 0;
	c->based = 0;
	return 0;
}

static void
statof(const struct stat *sb, struct centry *e)
{
	e->size = (long long)sb->st_size;
	e->mtime = (long long)sb->st_mtim.tv_sec * 1000000000LL +
	    sb->st_mtim.tv_nsec;
	e->ctime = (long long)sb->st_ctim.tv_sec * 1000000000LL +
	    sb->st_ctim.tv_nsec;
	e->ino = (unsigned long long)sb->st_ino;
}

/* Whether the file at path is still the one the entry describes. */
static int
unchanged(const char *path, const struct centry *e)
{
	struct stat	 sb;
	struct centry	 now;

	if (lstat(path, &sb) == -1 || !S_ISREG(sb.st_mode))
		return 0;
	statof(&sb, &now);
	return now.size == e->size && now.mtime == e->mtime &&
	    now.ctime == e->ctime && now.ino == e->ino;
}

/*
 * Whether out is the portal these inputs make today: the same inputs as
 * the last build, no embargo ended since, and every file of out as the
 * last build left it, with none added.  t is now, in seconds.
 */
/* The files of the portal, each compared with the manifest on the pool. */
struct freshjob {
	char		**files;
	size_t		  ol;
	const struct centry *old;
	int		 *same;
};

static void
freshone(void *arg, size_t i, int worker)
{
	struct freshjob	*j = arg;
	const char	*path = j->files[i];

	(void)worker;
	j->same[i] = path[j->ol] == '/' && strcmp(path + j->ol + 1,
	    j->old[i].rel) == 0 && unchanged(path, &j->old[i]);
}

int
cache_fresh(struct cache *c, const char *out, long long t, struct pool *pool)
{
	struct freshjob	  j;
	struct stat	  sb;
	size_t		  n, i;
	int		  fresh;

	if (c->full || !c->had || !c->keyed ||
	    sodium_memcmp(c->inkey, c->oldkey, 32) != 0)
		return 0;
	if (lstat(out, &sb) == -1 || !S_ISDIR(sb.st_mode))
		return 0;
	if ((c->until != 0 && t >= c->until) || t < c->since)
		return 0;
	if (!findfiles(out, "", FIND_HIDDEN, pool, &j.files, &n))
		return 0;
	fresh = n == c->nold;
	if (fresh) {
		j.ol = strlen(out);
		j.old = c->old;
		j.same = xcalloc(n + 1, sizeof(*j.same));
		pool_for(pool, n, freshone, &j);
		for (i = 0; fresh && i < n; i++)
			fresh = j.same[i];
		free(j.same);
	}
	strv_free(j.files, n);
	return fresh;
}

/* Hashing the staged files on the pool. */
struct hashjob {
	struct centry	*v;
	const char	*stage;
	int		 failed;
};

static void
hashone(void *arg, size_t i, int worker)
{
	struct hashjob	*j = arg;
	char		*path, *text;
	size_t		 len;

	(void)worker;
	if (j->v[i].known)
		return;
	path = xasprintf("%s/%s", j->stage, j->v[i].rel);
	if ((text = readfile(path, SIZE_MAX / 2, &len)) == NULL) {
		syserr("%s", path);
		j->failed = 1;
	} else
		crypto_generichash(j->v[i].h, 32, (unsigned char *)text, len,
		    NULL, 0);
	free(text);
	free(path);
}

/* Linking the staged files that are as published, on the pool. */
struct linkjob {
	struct cache	*c;
	const char	*stage;
	const char	*out;
	int		 sameaudit;
	size_t		 linked;
};

static void
linkone(void *arg, size_t i, int worker)
{
	struct linkjob	*l = arg;
	struct centry	*e = &l->c->v[i], *o;
	char		*from, *to, *tmp;

	(void)worker;
	if (e->linked) {
		e->clean = l->sameaudit;
		return;
	}
	o = lookup(l->c->old, l->c->nold, e->rel);
	if (o == NULL || memcmp(o->h, e->h, 32) != 0)
		return;
	from = xasprintf("%s/%s", l->out, o->rel);
	to = xasprintf("%s/%s", l->stage, o->rel);
	tmp = xasprintf("%s.link", to);
	if (unchanged(from, o) && link(from, tmp) == 0) {
		if (rename(tmp, to) == 0) {
			__atomic_add_fetch(&l->linked, 1, __ATOMIC_RELAXED);
			e->linked = 1;
			e->clean = l->sameaudit;
		} else
			unlink(tmp);
	}
	free(tmp);
	free(to);
	free(from);
}

/* Remove the directories of path below root that it leaves empty. */
static void
rmdirs(const char *root, const char *path)
{
	char	*p, *s;
	size_t	 rl = strlen(root);

	p = xstrdup(path);
	while ((s = strrchr(p, '/')) != NULL && (size_t)(s - p) > rl) {
		*s = '\0';
		if (rmdir(p) == -1)
			break;
	}
	free(p);
}

/* The path of dir/rel under the stage, or NULL for a file elsewhere. */
static char *
understage(const struct cache *c, const char *dir, const char *rel)
{
	size_t	 sl = strlen(c->stage);

	if (strcmp(dir, c->stage) == 0)
		return xstrdup(rel);
	if (strncmp(dir, c->stage, sl) == 0 && dir[sl] == '/')
		return xasprintf("%s/%s", dir + sl + 1, rel);
	return NULL;
}

static void
tell(struct cache *c, char *rel, const unsigned char *h, int linked)
{
	pthread_mutex_lock(&c->mu);
	if (c->ntold == c->maxtold) {
		c->maxtold = c->maxtold ? 2 * c->maxtold : 1024;
		c->told = xreallocarray(c->told, c->maxtold + 1,
		    sizeof(*c->told));
	}
	memset(&c->told[c->ntold], 0, sizeof(*c->told));
	c->told[c->ntold].rel = rel;
	memcpy(c->told[c->ntold].h, h, 32);
	c->told[c->ntold].known = 1;
	c->told[c->ntold].linked = linked;
	c->ntold++;
	pthread_mutex_unlock(&c->mu);
}

/*
 * A file about to be written whole to the stage: when the published
 * portal has a file of that name with these very bytes, untouched since
 * the last build, the stage takes that file (a hard link) and nothing is
 * written.
 */
static int
have(void *arg, const char *dir, const char *rel, const unsigned char *h)
{
	struct cache	*c = arg;
	struct centry	*o;
	char		*r, *from, *to;
	int		 ok = 0;

	if ((r = understage(c, dir, rel)) == NULL)
		return 0;
	o = lookup(c->old, c->nold, r);
	if (o == NULL || memcmp(o->h, h, 32) != 0) {
		free(r);
		return 0;
	}
	from = xasprintf("%s/%s", c->out, r);
	to = xasprintf("%s/%s", c->stage, r);
	/*
	 * A spare may hold that very file already: a link to the published
	 * file, untouched since (the inode's size, mtime and ctime, which
	 * its two names share).  It stays, and so does what the manifest
	 * says of it.  What else the spare holds under the name gives way.
	 */
	if (c->reused && unchanged(to, o))
		ok = 2;
	else if (unchanged(from, o) && (!c->reused || unlink(to) == 0 ||
	    errno == ENOENT || (errno == EISDIR && rmtree(to)))) {
		if ((ok = link(from, to) == 0) == 0 && errno == ENOENT &&
		    makeparents(to))
			ok = link(from, to) == 0;
	}
	free(from);
	free(to);
	if (ok)
		tell(c, r, h, ok);
	else
		free(r);
	return ok != 0;
}

static void
wrote(void *arg, const char *dir, const char *rel, const unsigned char *h)
{
	struct cache	*c = arg;
	char		*r;

	if ((r = understage(c, dir, rel)) != NULL)
		tell(c, r, h, 0);
}

static int
pentcmp(const void *a, const void *b)
{
	return memcmp(((const struct pentry *)a)->key,
	    ((const struct pentry *)b)->key, 32);
}

/* By key, and of one key the newest (the last written) first. */
static int
usedcmp(const void *a, const void *b)
{
	const struct pentry *x = a, *y = b;
	int		 d;

	if ((d = memcmp(x->key, y->key, 32)) != 0)
		return d;
	return x->at > y->at ? -1 : x->at < y->at;
}

#define SLICES	65536

/* The openings of packs, counted: each its own generation. */
static unsigned long packgens;

/* The slice of the index of a key: its first two bytes. */
static inline size_t
sliceof(const unsigned char *key)
{
	return (size_t)key[0] << 8 | key[1];
}

/* The index of the pack, if it reads well; else none. */
static void
readindex(struct cache *c)
{
	struct stat	 sb;
	char		*text;
	size_t		 len, i;

	if ((text = readfile(c->index, SIZE_MAX / 2, &len)) == NULL)
		return;
	if (len % sizeof(struct pentry) != 0 ||
	    fstat(c->packfd, &sb) == -1) {
		free(text);
		return;
	}
	c->idx = (struct pentry *)(void *)text;
	c->nidx = len / sizeof(struct pentry);
	for (i = 0; i < c->nidx; i++)
		if (c->idx[i].len < SEAL ||
		    c->idx[i].at > (uint64_t)sb.st_size ||
		    c->idx[i].len > (uint64_t)sb.st_size - c->idx[i].at ||
		    (i > 0 && pentcmp(&c->idx[i - 1], &c->idx[i]) >= 0))
			break;
	if (i < c->nidx || c->nidx >= UINT32_MAX) {
		free(c->idx);
		c->idx = NULL;
		c->nidx = 0;
		return;
	}
	c->live = xcalloc(c->nidx + 1, 1);
	/* The keys are digests, spread evenly: the first two bytes of one
	 * narrow its search to a few entries. */
	c->slice = xcalloc(SLICES + 1, sizeof(*c->slice));
	for (i = 0; i < c->nidx; i++)
		c->slice[sliceof(c->idx[i].key) + 1] = (uint32_t)(i + 1);
	for (i = 1; i <= SLICES; i++)
		if (c->slice[i] < c->slice[i - 1])
			c->slice[i] = c->slice[i - 1];
}

/* The entry of the index whose key is key's, or NULL. */
static struct pentry *
findent(const struct cache *c, const unsigned char *key)
{
	struct pentry	 k;
	size_t		 b;

	if (c->nidx == 0)
		return NULL;
	memcpy(k.key, key, 32);
	b = sliceof(key);
	return bsearch(&k, c->idx + c->slice[b], c->slice[b + 1] -
	    c->slice[b], sizeof(*c->idx), pentcmp);
}

/*
 * The cache of redacted records, for the protected set whose digest is
 * prot and with the items' contexts or not: a pack file beside the
 * state, where entries are appended, and its index.  0 when it cannot
 * be used (the records are redacted anew).
 */
/* The pack and its index, opened once the base key is known; 0 when
 * there is none to use (reported). */
static int
packopen(struct cache *c)
{
	struct stat	 sb;
	size_t		 l;

	if (!c->based)
		return 0;
	if (c->pack != NULL)
		return c->packfd != -1;
	l = strlen(c->state) - strlen(".state");
	c->pack = xasprintf("%.*s.records", (int)l, c->state);
	c->index = xasprintf("%.*s.index", (int)l, c->state);
	/* --full starts the pack anew: what it held is of no use to the
	 * build, and no later one could find it. */
	if ((c->packfd = open(c->pack, O_RDWR | O_CREAT | O_CLOEXEC |
	    (c->full ? O_TRUNC : 0), 0600)) == -1 ||
	    fstat(c->packfd, &sb) == -1) {
		syserr("%s", c->pack);
		if (c->packfd != -1)
			close(c->packfd);
		c->packfd = -1;
		return 0;
	}
	c->packend = (unsigned long long)sb.st_size;
	c->packgen = __atomic_add_fetch(&packgens, 1, __ATOMIC_RELAXED);
	if (!c->full)
		readindex(c);
	return 1;
}

int
cache_records(struct cache *c, const unsigned char *prot, int contexts)
{
	crypto_generichash_state st;

	if (!packopen(c))
		return 0;
	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, c->basekey, 32);
	crypto_generichash_update(&st, prot, 32);
	crypto_generichash_update(&st, (const unsigned char *)
	    (contexts ? "contexts" : "plain"), contexts ? 9 : 6);
	crypto_generichash_final(&st, c->reckey, 32);
	return 1;
}

/* A key of base, what and k, and of a record's file: its path and the
 * digest of its bytes as they were read. */
static void
pathkey(const unsigned char *base, const char *what, const unsigned char *k,
    const char *path, const unsigned char *src, unsigned char *key)
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, base, 32);
	crypto_generichash_update(&st, (const unsigned char *)what,
	    strlen(what) + 1);
	if (k != NULL)
		crypto_generichash_update(&st, k, 32);
	crypto_generichash_update(&st, (const unsigned char *)path,
	    strlen(path) + 1);
	crypto_generichash_update(&st, src, 32);
	crypto_generichash_final(&st, key, 32);
}

static void
filekey(const unsigned char *base, const char *what, const unsigned char *k,
    const struct record *r, unsigned char *key)
{
	pathkey(base, what, k, r->path, r->src, key);
}

static void	 keep(struct cache *, const struct pentry *);
static int	 get(struct cache *, const unsigned char *, char **,
		    size_t *);

/* The key of the text kept apart from the entry of key (record_pack's
 * aside): a body's source or HTML. */
static void
asidekey(const unsigned char *key, unsigned char *t)
{
	crypto_generichash(t, 32, (const unsigned char *)"aside", 6, key, 32);
}

/* Whether the index holds an entry under key: kept for the next build
 * without being read. */
static int
keepent(struct cache *c, const unsigned char *key)
{
	struct pentry	*f;

	if (c->packfd == -1 || c->nidx == 0 || (f = findent(c, key)) == NULL)
		return 0;
	keep(c, f);
	return 1;
}

/* Keep text apart from the entry of key, if there is one. */
void
cache_putaside(struct cache *c, const unsigned char *key, const char *text)
{
	unsigned char	 t[32];

	if (text == NULL)
		return;
	asidekey(key, t);
	cache_recput(c, t, text, strlen(text));
}

/* The text kept apart from the entry of key, read; NULL when there is
 * none that reads well. */
char *
cache_getaside(struct cache *c, const unsigned char *key)
{
	unsigned char	 t[32];
	char		*text;
	size_t		 len;

	asidekey(key, t);
	if (!get(c, t, &text, &len))
		return NULL;
	if (memchr(text, '\0', len) != NULL) {
		free(text);
		return NULL;
	}
	return text;
}

/* Whether the text kept apart from the entry of key is there and reads
 * well (its seal checked, as any entry's): it is then kept for the next
 * build, and a page made again later in this one can count on it. */
int
cache_keepaside(struct cache *c, const unsigned char *key)
{
	char	*text;

	if ((text = cache_getaside(c, key)) == NULL)
		return 0;
	free(text);
	return 1;
}

/*
 * A record as read and validated before, from its file: the bytes that
 * cache_inputs hashed, by name and digest, with the same program,
 * audience, site.yaml and policy.yaml.  NULL when there is none; else
 * its src is that digest.  Its body, kept apart, is read with body, or
 * when the index does not hold it; else an empty text stands for it (as
 * record_pack left it), and keptbody reads it when it is needed.
 */
struct record *
cache_record(struct cache *c, const char *path, size_t ngrounds, int body)
{
	struct centry	*e;
	struct record	*r;
	unsigned char	 key[32], t[32];
	char		*text;
	size_t		 len;

	if (!c->based || c->packfd == -1 ||
	    (e = lookup(c->src, c->nsrc, path)) == NULL || e->link)
		return NULL;
	pathkey(c->basekey, "record", NULL, path, e->h, key);
	if (!get(c, key, &text, &len))
		return NULL;
	r = record_unpack(text, len, ngrounds);
	free(text);
	if (r != NULL && strcmp(r->path, path) != 0) {
		record_free(r);
		r = NULL;
	}
	if (r != NULL && r->body.s != NULL) {
		/* Kept unread: keptbody reads the file again if it does not
		 * read well then. */
		if (!body) {
			asidekey(key, t);
			body = !keepent(c, t);
		}
		if (body) {
			free(r->body.s);
			if ((r->body.s = cache_getaside(c, key)) == NULL) {
				record_free(r);
				r = NULL;
			}
		}
	}
	if (r == NULL)
		return NULL;
	memcpy(r->src, e->h, 32);
	__atomic_add_fetch(&c->parsed, 1, __ATOMIC_RELAXED);
	return r;
}

/* The key of the record of the file path as hashed; 0 when there is
 * none. */
static int
recordkey(struct cache *c, const char *path, unsigned char *key)
{
	struct centry	*e;

	if (!c->based || c->packfd == -1 ||
	    (e = lookup(c->src, c->nsrc, path)) == NULL || e->link)
		return 0;
	pathkey(c->basekey, "record", NULL, path, e->h, key);
	return 1;
}

/* The body of a record taken from the cache as read (record_keepbody),
 * read there again; NULL when it cannot be. */
char *
cache_recordbody(struct cache *c, const char *path)
{
	unsigned char	 key[32];

	if (!recordkey(c, path, key))
		return NULL;
	return cache_getaside(c, key);
}

/* Keep again the body of the record of path, read from its file when
 * the cache's did not read well. */
void
cache_putbody(struct cache *c, const char *path, const char *body)
{
	unsigned char	 key[32];

	if (recordkey(c, path, key))
		cache_putaside(c, key, body);
}

/* Keep a record read and validated under its file, its body apart. */
void
cache_keeprecord(struct cache *c, const struct record *r, size_t ngrounds)
{
	unsigned char	 key[32];
	struct buf	 b;

	if (!c->based || c->packfd == -1)
		return;
	pathkey(c->basekey, "record", NULL, r->path, r->src, key);
	memset(&b, 0, sizeof(b));
	record_pack(r, ngrounds, 1, &b);
	cache_recput(c, key, b.p, b.len);
	cache_putaside(c, key, r->body.s);
	buf_free(&b);
}

size_t
cache_parsed(const struct cache *c)
{
	return c->parsed;
}

/* The key of a page: of what the renderer made of it, and the templates. */
static void
pagekey(const struct cache *c, const unsigned char *k, unsigned char *key)
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, c->tplkey, 32);
	crypto_generichash_update(&st, (const unsigned char *)"page", 5);
	crypto_generichash_update(&st, k, 32);
	crypto_generichash_final(&st, key, 32);
}

/* The key of a record's redaction: of all that it reads, and the record
 * as read and validated, which its file's bytes and name decide. */
void
cache_reckey(const struct cache *c, const struct record *r,
    unsigned char *key)
{
	filekey(c->reckey, "redacted", NULL, r, key);
}

/* Entry e of the index is kept for the next build. */
static void
keep(struct cache *c, const struct pentry *e)
{
	__atomic_store_n(&c->live[e - c->idx], 1, __ATOMIC_RELAXED);
}

/* An entry written by this build, kept for the next. */
static void
added(struct cache *c, const unsigned char *key, uint64_t at, uint64_t len)
{
	pthread_mutex_lock(&c->mu);
	if (c->nused == c->maxused) {
		c->maxused = c->maxused ? 2 * c->maxused : 1024;
		c->used = xreallocarray(c->used, c->maxused + 1,
		    sizeof(*c->used));
	}
	memcpy(c->used[c->nused].key, key, 32);
	c->used[c->nused].at = at;
	c->used[c->nused].len = len;
	c->nused++;
	pthread_mutex_unlock(&c->mu);
}

/*
 * A build reads the entries of one kind back in much the order they were
 * appended in, a few of other kinds between them: a thread that reads
 * an entry shortly after the one it read last reads a window of the
 * pack from there, and the entries that follow come out of it, not one
 * system call each.  What a window holds is only ever taken for an
 * entry of the index, whose bytes no build changes while the pack is
 * open (entries are appended; a pack kept anew is another file), and
 * each entry's seal is checked as ever.
 */
#define WINDOW	(64 << 10)

static _Thread_local struct {
	unsigned long	 gen;	/* of the pack it was read from; 0: none */
	uint64_t	 at;	/* where in it the window begins */
	size_t		 len;	/* and the bytes it holds */
	uint64_t	 next;	/* where the entry read last ended */
	char		 buf[WINDOW];
} win;

/* Whether the len bytes at at lie in the window. */
static int
inwindow(uint64_t at, uint64_t len)
{
	return at >= win.at && len <= win.len && at - win.at <= win.len - len;
}

/* The seal and the n bytes of the text of entry e, read: from the
 * window, or those bytes alone, or a new window that begins with them. */
static int
packread(struct cache *c, const struct pentry *e, unsigned char *seal,
    char *s, size_t n)
{
	struct iovec	 iov[2];
	ssize_t		 got;
	uint64_t	 at = e->at, len = n + SEAL;

	if (win.gen != c->packgen) {
		win.gen = c->packgen;
		win.len = 0;
		win.next = UINT64_MAX;
	}
	if (len <= WINDOW / 4 && at >= win.next && at - win.next < WINDOW &&
	    !inwindow(at, len)) {
		got = pread(c->packfd, win.buf, WINDOW, (off_t)at);
		win.at = at;
		win.len = got > 0 ? (size_t)got : 0;
	}
	win.next = at + len;
	if (inwindow(at, len)) {
		memcpy(seal, win.buf + (at - win.at), SEAL);
		memcpy(s, win.buf + (at - win.at) + SEAL, n);
		return 1;
	}
	iov[0].iov_base = seal;
	iov[0].iov_len = SEAL;
	iov[1].iov_base = s;
	iov[1].iov_len = n;
	return preadv(c->packfd, iov, 2, (off_t)at) == (ssize_t)len;
}

/*
 * The entry of key, checked against the seal it opens with; the
 * caller frees *text.  0 when there is none that reads well, or with
 * --full.
 */
static int
get(struct cache *c, const unsigned char *key, char **text, size_t *len)
{
	struct pentry	*e;
	unsigned char	 h[SEAL], seal[SEAL];
	char		*s;
	size_t		 n;

	if (c->packfd == -1 || c->nidx == 0)
		return 0;
	if ((e = findent(c, key)) == NULL)
		return 0;
	n = (size_t)e->len - SEAL;
	s = xmalloc(n + 1);
	if (!packread(c, e, seal, s, n) ||
	    (sealof(key, s, n, h), sodium_memcmp(h, seal, SEAL) != 0)) {
		free(s);
		return 0;
	}
	keep(c, e);
	s[n] = '\0';
	*text = s;
	*len = n;
	return 1;
}

int
cache_recget(struct cache *c, const unsigned char *key, char **text,
    size_t *len)
{
	return get(c, key, text, len);
}

/* A record as redacted before was taken, whole. */
void
cache_rechit(struct cache *c)
{
	__atomic_add_fetch(&c->hits, 1, __ATOMIC_RELAXED);
}

/*
 * The check of the people a record names (validate_people): whether it
 * passed in silence against the declared names of k, with the same
 * program, audience, site.yaml and policy.yaml; and that it did.
 */
static int
peoplepassed(void *arg, const struct record *r, const unsigned char *k)
{
	struct cache	*c = arg;
	struct pentry	*e;
	unsigned char	 key[32];

	/* Only a check that passed is kept, and always as "passed": that
	 * the index holds its entry, whole, says it all, without a read
	 * (as a page's memo is kept). */
	filekey(c->basekey, "people", k, r, key);
	if (c->packfd == -1 || c->nidx == 0 ||
	    (e = findent(c, key)) == NULL || e->len != SEAL + 6)
		return 0;
	keep(c, e);
	__atomic_add_fetch(&c->checked, 1, __ATOMIC_RELAXED);
	return 1;
}

static void
peoplepass(void *arg, const struct record *r, const unsigned char *k)
{
	struct cache	*c = arg;
	unsigned char	 key[32];

	filekey(c->basekey, "people", k, r, key);
	cache_recput(c, key, "passed", 6);
}

/*
 * A page of a case as rendered before: the digest of its bytes, under
 * the key of all it shows (made by the renderer of the public records'
 * keys, which hold the program, audience, site.yaml, policy.yaml and
 * the protected set) and of the templates.
 */
static int
pageload(void *arg, const unsigned char *k, char **text, size_t *len)
{
	struct cache	*c = arg;
	unsigned char	 key[32];

	pagekey(c, k, key);
	return get(c, key, text, len);
}

static void
pagesave(void *arg, const unsigned char *k, const char *text, size_t len)
{
	struct cache	*c = arg;
	unsigned char	 key[32];

	pagekey(c, k, key);
	cache_recput(c, key, text, len);
}

/* Whether the memo holds an entry under k: kept for the next build
 * without being read. */
static int
pagekeep(void *arg, const unsigned char *k)
{
	struct cache	*c = arg;
	unsigned char	 key[32];

	pagekey(c, k, key);
	return keepent(c, key);
}

/* A page's digest: an entry of 32 bytes. */
static int
pageget(void *arg, const unsigned char *k, unsigned char *h)
{
	char	*text;
	size_t	 len;
	int	 ok;

	if (!pageload(arg, k, &text, &len))
		return 0;
	if ((ok = len == 32))
		memcpy(h, text, 32);
	free(text);
	return ok;
}

static void
pageput(void *arg, const unsigned char *k, const unsigned char *h)
{
	pagesave(arg, k, (const char *)h, 32);
}

static void
pagehit(void *arg, int kind, int taken)
{
	struct cache	*c = arg;

	if (kind < 0 || kind >= PAGE__MAX)
		return;
	__atomic_add_fetch(&c->pagehits[kind][taken != 0], 1,
	    __ATOMIC_RELAXED);
}

/*
 * What the audit passed of a file of open data (audit_memo),
 * under the key of the audit (cache_auditkey) and the file's name.
 */
static void
auditkey(const struct cache *c, const char *file, unsigned char *key)
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, c->akey, 32);
	crypto_generichash_update(&st, (const unsigned char *)"regions", 8);
	crypto_generichash_update(&st, (const unsigned char *)file,
	    strlen(file) + 1);
	crypto_generichash_final(&st, key, 32);
}

/* The key of an audit that searches for what k says, by this program
 * (with its libraries). */
static void
fullaudit(const struct cache *c, const unsigned char *k, unsigned char *key)
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, k, 32);
	crypto_generichash_update(&st, c->progkey, 32);
	crypto_generichash_final(&st, key, 32);
}

void
cache_auditkey(struct cache *c, const unsigned char *k)
{
	fullaudit(c, k, c->akey);
}

int
cache_auditload(void *arg, const char *file, char **text, size_t *len)
{
	struct cache	*c = arg;
	unsigned char	 key[32];

	auditkey(c, file, key);
	return get(c, key, text, len);
}

void
cache_auditsave(void *arg, const char *file, const char *text, size_t len)
{
	struct cache	*c = arg;
	unsigned char	 key[32];

	auditkey(c, file, key);
	cache_recput(c, key, text, len);
}

/* The memo of the pages of cases, or NULL when there is none to use
 * (no pack, or records not keyed: cache_records first). */
const struct pagememo *
cache_pages(struct cache *c)
{
	if (c->packfd == -1 || !c->keyed)
		return NULL;
	c->pmemo.get = pageget;
	c->pmemo.put = pageput;
	c->pmemo.hit = pagehit;
	c->pmemo.load = pageload;
	c->pmemo.save = pagesave;
	c->pmemo.keep = pagekeep;
	c->pmemo.arg = c;
	return &c->pmemo;
}

size_t
cache_pagehits(const struct cache *c, int kind, size_t *of)
{
	if (kind < 0 || kind >= PAGE__MAX) {
		if (of != NULL)
			*of = 0;
		return 0;
	}
	if (of != NULL)
		*of = c->pagehits[kind][0] + c->pagehits[kind][1];
	return c->pagehits[kind][1];
}

/*
 * The templates once the pages are rendered: if they are no longer
 * those hashed, what was kept under their key may not be, and nothing
 * of the build is kept (as cache_verified).  Returns 0 then.
 */
int
cache_recheck(struct cache *c, const char *templates, struct pool *pool)
{
	crypto_generichash_state t;
	unsigned char		 h[32];

	if (!c->keyed)
		return 1;
	crypto_generichash_init(&t, NULL, 0, 32);
	if (!hashtree(&t, templates, "", FIND_HIDDEN, pool, NULL) ||
	    (crypto_generichash_final(&t, h, 32),
	    sodium_memcmp(h, c->tplkey, 32) != 0))
		__atomic_store_n(&c->differ, 1, __ATOMIC_RELAXED);
	return cache_verified(c);
}

/* The memo of validate_people, or NULL when there is no pack. */
const struct peoplememo *
cache_people(struct cache *c)
{
	if (!packopen(c))
		return NULL;
	c->memo.passed = peoplepassed;
	c->memo.pass = peoplepass;
	c->memo.arg = c;
	return &c->memo;
}

/* Keep an entry for the next build, at the end of the pack; a failure
 * only costs that build the work. */
void
cache_recput(struct cache *c, const unsigned char *key, const char *text,
    size_t len)
{
	unsigned long long	 at;
	char			*s;

	if (c->packfd == -1)
		return;
	s = xmalloc(len + SEAL);
	sealof(key, text, len, (unsigned char *)s);
	if (len > 0)
		memcpy(s + SEAL, text, len);
	at = __atomic_fetch_add(&c->packend, len + SEAL, __ATOMIC_RELAXED);
	if (pwriteall(c->packfd, s, len + SEAL, at))
		added(c, key, at, len + SEAL);
	free(s);
}

/* How many record files were taken as the last build hashed them, of
 * *of. */
size_t
cache_rehashed(const struct cache *c, size_t *of)
{
	size_t	 i;

	for (i = *of = 0; i < c->nsrc; i++)
		if (c->src[i].ino != 0)
			(*of)++;
	return c->rehashed;
}

size_t
cache_rechits(const struct cache *c)
{
	return c->hits;
}

size_t
cache_peoplehits(const struct cache *c)
{
	return c->checked;
}

/* By place in the pack. */
static int
atcmp(const void *a, const void *b)
{
	const struct pentry *x = *(struct pentry *const *)a;
	const struct pentry *y = *(struct pentry *const *)b;

	return x->at > y->at ? 1 : x->at < y->at ? -1 : 0;
}

/* Where recsave is in the entries it keeps, and the last it gave. */
struct mergeit {
	size_t			 i, k;
	const struct pentry	*last;
};

/*
 * The next entry of the index that recsave writes, or NULL: the entries
 * written (c->used, sorted), and those of the index kept, in the order
 * of their keys; of a key in both, the one written.
 */
static const struct pentry *
nextmerged(const struct cache *c, struct mergeit *m)
{
	int	 d = 0;

	while (m->i < c->nused || m->k < c->nidx) {
		if (m->k < c->nidx && !c->live[m->k])
			m->k++;
		else if (m->i < c->nused && m->last != NULL &&
		    pentcmp(m->last, &c->used[m->i]) == 0)
			m->i++;	/* written before, of a key written again */
		else if (m->k < c->nidx && (m->i == c->nused ||
		    (d = pentcmp(&c->idx[m->k], &c->used[m->i])) < 0))
			return m->last = &c->idx[m->k++];
		else {
			if (m->k < c->nidx && d == 0)
				m->k++;
			return m->last = &c->used[m->i++];
		}
	}
	return NULL;
}

#define INDEXCHUNK	4096	/* entries of the index written at once */

/* The k entries of chunk at offset *at of fd; 0 on error. */
static int
putchunk(int fd, const struct pentry *chunk, size_t k, uint64_t *at)
{
	if (!pwriteall(fd, (const char *)chunk, k * sizeof(*chunk), *at))
		return 0;
	*at += k * sizeof(*chunk);
	return 1;
}

/*
 * Write the index aside, then rename it: the n entries of v, or when v
 * is NULL those nextmerged gives, a chunk at a time.
 */
static void
indexsave(struct cache *c, const struct pentry *v, size_t n)
{
	struct mergeit	 m;
	const struct pentry *e;
	struct pentry	*chunk;
	char		*tmp;
	size_t		 k = 0;
	uint64_t	 at = 0;
	int		 fd, ok;

	tmp = xasprintf("%s.tmp", c->index);
	ok = (fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) != -1;
	if (ok && v != NULL)
		ok = n == 0 || putchunk(fd, v, n, &at);
	else if (ok) {
		chunk = xcalloc(INDEXCHUNK, sizeof(*chunk));
		memset(&m, 0, sizeof(m));
		while (ok && (e = nextmerged(c, &m)) != NULL) {
			chunk[k++] = *e;
			if (k == INDEXCHUNK) {
				ok = putchunk(fd, chunk, k, &at);
				k = 0;
			}
		}
		ok = ok && (k == 0 || putchunk(fd, chunk, k, &at));
		free(chunk);
	}
	if (fd != -1 && close(fd) == -1)
		ok = 0;
	if (!ok || rename(tmp, c->index) == -1)
		unlink(tmp);
	free(tmp);
}

/*
 * The index of the entries this build read or wrote (of a key written
 * again, the last written), the others being left behind; and when
 * those take less than half of the pack, a pack of them alone.  Written
 * aside, then renamed: a build that fails keeps the index it had.  The
 * index is written as it is merged, unless the pack is made anew: then
 * the entries are gathered, to be copied in the order they lay.
 */
static void
recsave(struct cache *c)
{
	struct mergeit	 m;
	const struct pentry *x;
	struct pentry	*v, *e, **order;
	char		*tmp, *buf;
	size_t		 i, n = 0;
	uint64_t	 live = 0, at = 0;
	int		 fd, ok = 1;

	if (c->packfd == -1 || __atomic_load_n(&c->differ, __ATOMIC_RELAXED))
		return;
	if (c->nused > 1)
		qsort(c->used, c->nused, sizeof(*c->used), usedcmp);
	memset(&m, 0, sizeof(m));
	while ((x = nextmerged(c, &m)) != NULL) {
		live += x->len;
		n++;
	}
	if (c->packend <= 2 * live + (1 << 20)) {
		indexsave(c, NULL, 0);
		return;
	}
	v = xcalloc(n + 1, sizeof(*v));
	memset(&m, 0, sizeof(m));
	for (i = 0; i < n && (x = nextmerged(c, &m)) != NULL; i++)
		v[i] = *x;
	tmp = xasprintf("%s.tmp", c->pack);
	if ((fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1)
		ok = 0;
	/* In the order they lay: what was read together stays
	 * together. */
	order = xcalloc(n + 1, sizeof(*order));
	for (i = 0; i < n; i++)
		order[i] = &v[i];
	qsort(order, n, sizeof(*order), atcmp);
	for (i = 0; ok && i < n; i++) {
		e = order[i];
		buf = xmalloc(e->len);
		ok = preadall(c->packfd, buf, e->len, e->at) &&
		    pwriteall(fd, buf, e->len, at);
		free(buf);
		e->at = at;
		at += e->len;
	}
	free(order);
	if (fd != -1 && close(fd) == -1)
		ok = 0;
	/* The old index, if kept, no longer reads the new pack: its
	 * digests fail and its entries are redone. */
	if (!ok || rename(tmp, c->pack) == -1) {
		unlink(tmp);
		free(tmp);
		free(v);
		return;
	}
	free(tmp);
	indexsave(c, v, n);
	free(v);
}

static int
nohave(void *arg, const char *dir, const char *rel, const unsigned char *h)
{
	(void)arg;
	(void)dir;
	(void)rel;
	(void)h;
	return 0;
}

/*
 * From now on until cache_reuse, every file written under stage is
 * digested as it is written, and one that the portal out already has,
 * byte for byte, is not written but taken from it.  A stage that is the
 * portal's spare (reused) holds files already, the nspared paths of
 * spared (the cache's now): each is kept only where it is the published
 * file that this build would take.
 */
void
cache_watch(struct cache *c, const char *stage, const char *out,
    int reused, char **spared, size_t nspared)
{
	free(c->stage);
	free(c->out);
	strv_free(c->spared, c->nspared);
	c->stage = xstrdup(stage);
	c->out = xstrdup(out);
	c->reused = reused;
	c->spared = spared;
	c->nspared = nspared;
	c->watch.have = have;
	c->watch.wrote = wrote;
	c->watch.arg = c;
	if (c->full || !c->had)
		c->watch.have = nohave;
	write_watch(&c->watch);
}

/*
 * The files of the stage, by path, in the order of their names.  A
 * stage that is a spare holds what the spare held when it was scrubbed
 * and what this build wrote or linked there since, all of it told (the
 * writes under the watch are the only ones into the stage): the two,
 * merged, need no second walk.  What the build took away of the spare
 * is among them still; cache_reuse removes it as it removes the rest of
 * the spare that the build did not make.  Any other stage is walked.
 */
static int
stagefiles(struct cache *c, const char *stage, struct pool *pool,
    char ***files, size_t *n)
{
	char	**v;
	size_t	  i, k, m;

	if (!c->reused)
		return findfiles(stage, "", FIND_HIDDEN, pool, files, n);
	v = xcalloc(c->nspared + c->ntold + 1, sizeof(*v));
	for (i = 0; i < c->nspared; i++)
		v[i] = c->spared[i];
	free(c->spared);
	c->spared = NULL;
	c->nspared = 0;
	for (k = 0; k < c->ntold; k++)
		v[i++] = xasprintf("%s/%s", stage, c->told[k].rel);
	pool_sort(pool, v, i, sizeof(*v), strpcmp);
	for (k = m = 0; k < i; k++) {
		if (m > 0 && strcmp(v[m - 1], v[k]) == 0)
			free(v[k]);
		else
			v[m++] = v[k];
	}
	*files = v;
	*n = m;
	return 1;
}

/*
 * The built portal in stage, before its audit: each file whose bytes are
 * those of the file published in out is replaced by that file (a hard
 * link), and is clean, so that the audit may pass it by, when the audit
 * searches for what it searched for last time (akey).  Returns 0 on a
 * system error (reported).
 */
int
cache_reuse(struct cache *c, const char *stage, const char *out,
    const unsigned char *akey, struct pool *pool)
{
	struct hashjob	 j;
	struct linkjob	 l;
	char		**files;
	size_t		  n, m, i, sl = strlen(stage);
	int		  sameaudit, failed = 0;

	struct centry	 *t;
	size_t		  linked = 0;

	write_watch(NULL);	/* the stage is written */
	if (!stagefiles(c, stage, pool, &files, &n))
		return 0;
	c->v = xcalloc(n + 1, sizeof(*c->v));
	pool_sort(pool, c->told, c->ntold, sizeof(*c->told), entcmp);
	for (i = m = 0; i < n; i++) {
		t = lookup(c->told, c->ntold, files[i] + sl + 1);
		/* In a spare, a file this build did not make or take is one
		 * of the portal before: it goes, and so do the directories
		 * it leaves empty.  It may be gone with its directory, which
		 * a file of this build took the place of. */
		if (t == NULL && c->reused) {
			if (unlink(files[i]) == -1 && errno != ENOENT &&
			    errno != ENOTDIR) {
				syserr("%s", files[i]);
				failed = 1;
			}
			rmdirs(stage, files[i]);
			free(files[i]);
			continue;
		}
		c->v[m].rel = xstrdup(files[i] + sl + 1);
		free(files[i]);
		/* A name written twice is read back, to be sure. */
		if (t == NULL || (t > c->told && strcmp(t[-1].rel,
		    t->rel) == 0) || (t + 1 < c->told + c->ntold &&
		    strcmp(t[1].rel, t->rel) == 0)) {
			m++;
			continue;
		}
		memcpy(c->v[m].h, t->h, 32);
		c->v[m].known = 1;
		if ((c->v[m].linked = t->linked))
			linked++;
		m++;
	}
	free(files);
	c->n = n = m;
	if (failed)
		return 0;
	j.v = c->v;
	j.stage = stage;
	j.failed = 0;
	pool_for(pool, n, hashone, &j);
	if (j.failed)
		return 0;
	fullaudit(c, akey, c->newaudit);
	sameaudit = c->had && sodium_memcmp(c->oldaudit, c->newaudit, 32) ==
	    0;
	if (c->full || !c->had)
		return 1;
	l.c = c;
	l.stage = stage;
	l.out = out;
	l.sameaudit = sameaudit;
	l.linked = linked;
	pool_for(pool, n, linkone, &l);
	c->linked = l.linked;
	return 1;
}

/*
 * The portal just swapped out of out, prev, made its spare: each file
 * of the manifest it was built with that the new portal does not hold
 * as the very same file (a hard link) is removed, and every directory
 * left empty, so that the spare holds nothing that out does not.
 * Returns 0 when it cannot be kept (its files are not known one by
 * one, or one would not go): the caller removes it whole.
 */
int
cache_prune(struct cache *c, const char *prev)
{
	struct centry	*e;
	char		*path;
	size_t		 i;
	int		 ok = 1;

	if (c->full || !c->had || c->v == NULL)
		return 0;
	for (i = 0; ok && i < c->nold; i++) {
		e = lookup(c->v, c->n, c->old[i].rel);
		if (e != NULL && e->linked)
			continue;
		path = xasprintf("%s/%s", prev, c->old[i].rel);
		if (unlink(path) == -1 && errno != ENOENT)
			ok = 0;
		else
			rmdirs(prev, path);
		free(path);
	}
	return ok;
}

/*
 * Linking each published file into a new spare, on the pool: the files
 * in their order (by name) in as many runs as there are workers, a run
 * each, so that no two workers link into one directory at once (a link
 * or a directory made locks the directory it goes into).
 */
struct sparejob {
	const struct centry	*v;
	size_t			 n, runs;
	const char		*out;
	const char		*spare;
	int			 over;	/* a file of the spare's name goes */
	int			 failed;
};

static void
spareone(void *arg, size_t run, int worker)
{
	struct sparejob	*j = arg;
	char		*from, *to;
	size_t		 i;
	int		 ok;

	(void)worker;
	for (i = j->n * run / j->runs; i < j->n * (run + 1) / j->runs; i++) {
		from = xasprintf("%s/%s", j->out, j->v[i].rel);
		to = xasprintf("%s/%s", j->spare, j->v[i].rel);
		if ((ok = link(from, to) == 0) == 0 && errno == ENOENT &&
		    makeparents(to))
			ok = link(from, to) == 0;
		if (!ok && errno == EEXIST && j->over && (unlink(to) == 0 ||
		    (errno == EISDIR && rmtree(to))))
			ok = link(from, to) == 0;
		if (!ok)
			__atomic_store_n(&j->failed, 1, __ATOMIC_RELAXED);
		free(to);
		free(from);
	}
}

/* Each published file of out linked into spare on pool, over what
 * stands under its name there with over; 0 if one would not link. */
static int
linkall(const struct cache *c, const char *out, const char *spare,
    int over, struct pool *pool)
{
	struct sparejob	 j;

	j.v = c->v;
	j.n = c->n;
	j.runs = (size_t)pool_jobs(pool);
	j.out = out;
	j.spare = spare;
	j.over = over;
	j.failed = 0;
	pool_for(pool, j.runs, spareone, &j);
	return !j.failed;
}

/* Whether this build, which saves its state, had no spare that it could
 * prune (a full one): it then makes one. */
int
cache_spareless(const struct cache *c)
{
	return (c->full || !c->had) && c->keyed && c->v != NULL &&
	    !c->respared;
}

/*
 * A build that found no spare to bring up to date (a full one) makes
 * one, in the empty directory spare: a hard link to each file of the
 * portal now published in out, so that the next build starts from it
 * rather than linking every file anew.  Before cache_save, which notes
 * each file as it then stands (a link moves its ctime).  Returns 0 when
 * there is no spare to make, or one file would not link: the caller
 * removes the directory.
 */
int
cache_spare(struct cache *c, const char *out, const char *spare,
    struct pool *pool)
{
	return cache_spareless(c) && linkall(c, out, spare, 0, pool);
}

/*
 * The same spare made of prev, the portal that a full build swapped out,
 * rather than of an empty directory: of its files, those the portal no
 * longer has go, and each of the others is replaced by a link to the
 * file published under its name; what is neither a file nor a directory
 * goes first, never followed.  Its directories stay: on a disk that is
 * told of each block freed, removing ten thousand directories only to
 * make them again costs seconds.  Returns 0 as cache_spare does, prev
 * then to be removed; otherwise no other spare is made
 * (cache_spareless).
 */
int
cache_respare(struct cache *c, const char *out, const char *prev,
    struct pool *pool)
{
	char		**files;
	size_t		 nfiles, i, pl = strlen(prev);
	int		 ok = 1;

	if (!cache_spareless(c) || !findfiles(prev, "", FIND_HIDDEN |
	    FIND_SCRUB, pool, &files, &nfiles))
		return 0;
	/* Each as a path from prev. */
	for (i = 0; i < nfiles && ok; i++) {
		if (strncmp(files[i], prev, pl) != 0 || files[i][pl] != '/')
			ok = 0;
		else if (lookup(c->v, c->n, files[i] + pl + 1) != NULL)
			continue;
		else if (unlink(files[i]) == -1 && errno != ENOENT)
			ok = 0;
		else
			rmdirs(prev, files[i]);
	}
	strv_free(files, nfiles);
	if (!ok || !linkall(c, out, prev, 1, pool))
		return 0;
	c->respared = 1;
	return 1;
}

/* Whether the file rel of the stage stood in the last audit as it is. */
int
cache_clean(const struct cache *c, const char *rel)
{
	struct centry	*e;

	if (c == NULL)
		return 0;
	e = lookup(c->v, c->n, rel);
	return e != NULL && e->clean;
}

/*
 * What the audit passed of each file of open data that it did not read,
 * as it was, kept for the next build (label/rel is the name the audit
 * gives a file).
 */
void
cache_auditkeep(struct cache *c, const char *label)
{
	struct pentry	 k, *e;
	char		*file;
	size_t		 i;

	if (c->packfd == -1 || c->nidx == 0)
		return;
	for (i = 0; i < c->n; i++) {
		if (!c->v[i].clean || !audit_memoed(c->v[i].rel))
			continue;
		file = xasprintf("%s/%s", label, c->v[i].rel);
		auditkey(c, file, k.key);
		free(file);
		if ((e = findent(c, k.key)) != NULL)
			keep(c, e);
	}
}

/* How many files of the stage the audit passed as they are, of how
 * many. */
size_t
cache_cleanfiles(const struct cache *c, size_t *of)
{
	size_t	 i, k = 0;

	for (i = 0; i < c->n; i++)
		k += c->v[i].clean != 0;
	*of = c->n;
	return k;
}

/* The files of the stage (cache_reuse found them) that the audit has
 * not passed as they are: their paths under it, the cache's own; the
 * caller frees the array. */
const char **
cache_unclean(const struct cache *c, size_t *n)
{
	const char	**v;
	size_t		  i;

	v = xcalloc(c->n + 1, sizeof(*v));
	for (i = *n = 0; i < c->n; i++)
		if (!c->v[i].clean)
			v[(*n)++] = c->v[i].rel;
	return v;
}

size_t
cache_linked(const struct cache *c)
{
	return c->linked;
}

#define STATECHUNK	(256 * 1024)	/* bytes of the state written at once */

/* The bytes of b to f once they are at least min; 0 on error. */
static int
statechunk(FILE *f, struct buf *b, size_t min)
{
	if (b->len < min || b->len == 0)
		return 1;
	if (fwrite(b->p, 1, b->len, f) != b->len)
		return 0;
	b->len = 0;
	return 1;
}

/*
 * Write the state of this build, whose portal is now out: every file as
 * it stands, audited; when the last embargo ended and when the next
 * one ends (seconds since 1970, 0 for none).
 * Returns 0 on error (reported; the next build is then a full one).
 */
int
cache_save(struct cache *c, const char *out, long long since,
    long long until)
{
	struct centry	*o;
	struct buf	 b;
	struct stat	 sb;
	FILE		*f;
	char		 hex[65], *path, *tmp;
	size_t		 i, j;
	int		 ok = 1, wok = 1;	/* files stat well; writes */

	recsave(c);
	if (!c->keyed) {
		unlink(c->state);
		return 1;
	}
	/* Written aside as it is made, a chunk at a time, then renamed. */
	tmp = xasprintf("%s.tmp", c->state);
	if ((f = fopen(tmp, "we")) == NULL) {
		syserr("%s", tmp);
		unlink(tmp);
		unlink(c->state);
		free(tmp);
		return 0;
	}
	memset(&b, 0, sizeof(b));
	buf_printf(&b, "%s\n", MAGIC);
	tohex(c->inkey, 32, hex);
	buf_printf(&b, "key %s\n", hex);
	tohex(c->newaudit, 32, hex);
	buf_printf(&b, "audit %s\n", hex);
	buf_printf(&b, "since %lld\n", since);
	buf_printf(&b, "until %lld\n", until);
	/* The record files as hashed, for the next build to know them. */
	buf_printf(&b, "hashed %lld\n", c->hashed);
	for (i = 0; wok && i < c->nsrc; i++) {
		if (c->src[i].ino != 0)
			putent(&b, "src", c->src[i].rel, c->src[i].h,
			    &c->src[i]);
		wok = statechunk(f, &b, STATECHUNK);
	}
	for (i = 0, j = 0; ok && wok && i < c->n; i++) {
		/* A file kept in the spare had no new name nor lost one: it
		 * stands as the manifest said (both lists are in order of
		 * name: walked side by side). */
		while (j < c->nold && strcmp(c->old[j].rel, c->v[i].rel) < 0)
			j++;
		o = j < c->nold && strcmp(c->old[j].rel, c->v[i].rel) == 0 ?
		    &c->old[j] : NULL;
		if (c->v[i].linked == 2 && o != NULL)
			putent(&b, "file", c->v[i].rel, c->v[i].h, o);
		else {
			path = xasprintf("%s/%s", out, c->v[i].rel);
			if (lstat(path, &sb) == -1) {
				syserr("%s", path);
				ok = 0;
			} else {
				statof(&sb, &c->v[i]);
				putent(&b, "file", c->v[i].rel, c->v[i].h,
				    &c->v[i]);
			}
			free(path);
		}
		wok = statechunk(f, &b, STATECHUNK);
	}
	wok = wok && statechunk(f, &b, 0);
	wok = fclose(f) == 0 && wok;
	wok = wok && (!ok || rename(tmp, c->state) == 0);
	if (!wok)
		syserr("%s", tmp);
	if (!ok || !wok) {
		unlink(tmp);
		unlink(c->state);
	}
	free(tmp);
	buf_free(&b);
	return ok && wok;
}

/*
 * A build that failed: the portal out is as the last build left it, but
 * a file that this build took from it (a hard link, since removed) has
 * a new ctime.  The state of the last build is written again with those
 * ctimes, for each such file that is still the one linked (inode, size
 * and mtime), so that the next build can take it again.
 */
void
cache_abort(struct cache *c, const char *out)
{
	struct centry	*e, *o;
	struct stat	 sb;
	struct buf	 b;
	FILE		*f;
	char		 hex[65], *path, *tmp;
	size_t		 i;
	int		 ok, moved = 0;

	if (c == NULL || !c->had || c->full)
		return;
	/* A stage that was the spare held links to many more files than
	 * this build told of: each is looked at. */
	for (i = 0; i < (c->reused ? c->nold : c->ntold); i++) {
		if (c->reused)
			o = &c->old[i];
		else if (!(e = &c->told[i])->linked ||
		    (o = lookup(c->old, c->nold, e->rel)) == NULL)
			continue;
		path = xasprintf("%s/%s", out, o->rel);
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    (unsigned long long)sb.st_ino == o->ino &&
		    (long long)sb.st_size == o->size &&
		    (long long)sb.st_mtim.tv_sec * 1000000000LL +
		    sb.st_mtim.tv_nsec == o->mtime) {
			statof(&sb, o);
			moved = 1;
		}
		free(path);
	}
	if (!moved)
		return;
	memset(&b, 0, sizeof(b));
	buf_printf(&b, "%s\n", MAGIC);
	tohex(c->oldkey, 32, hex);
	buf_printf(&b, "key %s\n", hex);
	tohex(c->oldaudit, 32, hex);
	buf_printf(&b, "audit %s\n", hex);
	buf_printf(&b, "since %lld\n", c->since);
	buf_printf(&b, "until %lld\n", c->until);
	for (i = 0; i < c->nold; i++)
		putent(&b, "file", c->old[i].rel, c->old[i].h, &c->old[i]);
	tmp = xasprintf("%s.tmp", c->state);
	ok = (f = fopen(tmp, "we")) != NULL;
	if (ok) {
		ok = fwrite(b.p, 1, b.len, f) == b.len;
		ok = fclose(f) == 0 && ok;
	}
	if (!ok || rename(tmp, c->state) == -1)
		unlink(tmp);
	free(tmp);
	buf_free(&b);
}
