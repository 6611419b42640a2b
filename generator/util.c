/*
 * Helpers shared by every stage: allocators that abort on exhaustion,
 * a growable buffer, diagnostics, files and directories, dates.
 */

#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <sodium.h>
#include <utf8proc.h>

#include "disclose.h"
#include "extern.h"

/* Allocators: on exhaustion print and abort, so callers never check. */

static void
oom(void)
{
	fputs("disclose: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t sz)
{
	void	*p;

	if ((p = malloc(sz == 0 ? 1 : sz)) == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		oom();
	return p;
}

/*
 * A zeroed table of n elements of sz bytes that is read at random, as
 * an automaton's moves: in pages of 2 MiB where the system gives them
 * on request, so that a look-up seldom waits for the page table.
 * Freed with free().
 */
void *
xcalloc_big(size_t n, size_t sz)
{
	const size_t	 huge = (size_t)2 << 20;
	size_t		 len;
	void		*p;

	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	len = n * sz;
	if (len < huge)
		return xcalloc(n, sz);
	if (len > SIZE_MAX - huge)
		oom();
	len = (len + huge - 1) & ~(huge - 1);
	if (posix_memalign(&p, huge, len) != 0)
		oom();
#ifdef MADV_HUGEPAGE
	(void)madvise(p, len, MADV_HUGEPAGE);
#endif
	/* Written, not left to the kernel's page of zeros: each first
	 * write to such a page would cost a fault. */
	memset(p, 0, len);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	if ((p = realloc(p, n * sz == 0 ? 1 : n * sz)) == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		oom();
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	if ((p = strndup(s, n)) == NULL)
		oom();
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 rc;

	va_start(ap, fmt);
	rc = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (rc < 0)
		oom();
	return p;
}

/* A growable byte buffer, always NUL-terminated once written to. */

void
buf_grow(struct buf *b, size_t more)
{
	size_t	 need;

	if (more > SIZE_MAX - b->len - 1)
		oom();
	need = b->len + more + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->p = xreallocarray(b->p, b->cap, 1);
}

void
buf_putslow(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	/* Once into the room there is; again only if it did not fit. */
	buf_grow(b, 0);
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

/* Detach the contents: the caller frees the result. */
char *
buf_take(struct buf *b)
{
	char	*p;

	if (b->p == NULL)
		return xstrdup("");
	/* What is kept is kept at its size: a text of 3 kB does not hold
	 * the 4 kB its buffer grew to. */
	p = b->cap > b->len + 1 ? xreallocarray(b->p, b->len + 1, 1) : b->p;
	memset(b, 0, sizeof(*b));
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

/*
 * Diagnostics.  Problems of content are collected, then printed sorted
 * by file and position so that the output does not depend on the order
 * of work; system errors are printed at once.
 */

struct diag {
	char	*path;
	int	 line;
	int	 col;
	char	*msg;
	size_t	 seq;
};

static struct diag	*diags;
static size_t		 ndiags;
static size_t		 nerrors;
static pthread_mutex_t	 diaglock = PTHREAD_MUTEX_INITIALIZER;

static void
vdiag(const char *path, struct pos pos, const char *kind,
    const char *fmt, va_list ap)
{
	struct diag	*d;
	char		*msg, *full;

	if (vasprintf(&msg, fmt, ap) < 0)
		oom();
	full = xasprintf("%s: %s", kind, msg);
	free(msg);
	pthread_mutex_lock(&diaglock);
	diags = xreallocarray(diags, ndiags + 1, sizeof(*diags));
	d = &diags[ndiags];
	d->path = xstrdup(path == NULL ? "disclose" : path);
	d->line = pos.line;
	d->col = pos.col;
	d->msg = full;
	d->seq = ndiags++;
	if (strcmp(kind, "error") == 0)
		nerrors++;
	pthread_mutex_unlock(&diaglock);
}

void
diag_error(const char *path, struct pos pos, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vdiag(path, pos, "error", fmt, ap);
	va_end(ap);
}

/*
 * An error at pos in the file being read, which is then no longer ok:
 * the one way the readers of site.yaml, policy.yaml and the records,
 * and validation, report a problem of content.
 */
void
diag_at(struct source *src, struct pos pos, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vdiag(src->path, pos, "error", fmt, ap);
	va_end(ap);
	src->ok = 0;
}

/*
 * The one rule for a required field without a value, in records and
 * site.yaml alike: when its key is absent it is missing, reported at at
 * (the start of the mapping that should hold it); when the key is there
 * with nothing, or only blanks, it is empty, reported at pos (its own
 * place).  hint, if not NULL, says what the field holds.
 */
void
diag_required(struct source *src, const char *name, const char *hint,
    int empty, struct pos pos, struct pos at)
{
	if (empty)
		diag_at(src, pos, "field \"%s\" is empty%s%s", name,
		    hint != NULL ? " " : "", hint != NULL ? hint : "");
	else
		diag_at(src, at, "missing required field \"%s\"%s%s",
		    name, hint != NULL ? " " : "", hint != NULL ? hint : "");
}

void
diag_warn(const char *path, struct pos pos, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vdiag(path, pos, "warning", fmt, ap);
	va_end(ap);
}

size_t
diag_errors(void)
{
	return nerrors;
}

static int
diagcmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int		 c;

	if ((c = strcmp(x->path, y->path)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Print and forget what was collected. */
void
diag_flush(FILE *f)
{
	size_t	 i;

	pthread_mutex_lock(&diaglock);
	if (ndiags > 1)
		qsort(diags, ndiags, sizeof(*diags), diagcmp);
	for (i = 0; i < ndiags; i++) {
		if (diags[i].line > 0)
			fprintf(f, "%s:%d:%d: %s\n", diags[i].path,
			    diags[i].line, diags[i].col > 0 ?
			    diags[i].col : 1, diags[i].msg);
		else
			fprintf(f, "%s: %s\n", diags[i].path, diags[i].msg);
		free(diags[i].path);
		free(diags[i].msg);
	}
	free(diags);
	diags = NULL;
	ndiags = 0;
	pthread_mutex_unlock(&diaglock);
	fflush(f);
}

/* Forget the count of errors, before another run in one process. */
void
diag_reset(void)
{
	pthread_mutex_lock(&diaglock);
	nerrors = 0;
	pthread_mutex_unlock(&diaglock);
}

/* A system error: printed at once, with errno's text when set. */
void
syserr(const char *fmt, ...)
{
	va_list	 ap;
	int	 e = errno;

	fputs("disclose: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (e != 0)
		fprintf(stderr, ": %s", strerror(e));
	fputc('\n', stderr);
}

/* Files. */

/*
 * Read a whole file, at most max bytes, NUL-terminated.  Returns NULL
 * with errno set on failure (EFBIG when larger than max).
 */
char *
readfile(const char *path, size_t max, size_t *len)
{
	struct buf	 b;
	struct stat	 sb;
	ssize_t		 n;
	int		 fd, e;

	memset(&b, 0, sizeof(b));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	/* Room for the whole file at once, read straight into it. */
	if (fstat(fd, &sb) == 0 && sb.st_size > 0 &&
	    (uintmax_t)sb.st_size <= max)
		buf_grow(&b, (size_t)sb.st_size + 1);
	else
		buf_grow(&b, 65536);
	for (;;) {
		if (b.cap - b.len - 1 == 0)
			buf_grow(&b, 65536);
		n = read(fd, b.p + b.len, b.cap - b.len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (b.len + (size_t)n > max) {
			close(fd);
			buf_free(&b);
			errno = EFBIG;
			return NULL;
		}
		b.len += (size_t)n;
	}
	e = errno;
	close(fd);
	if (n == -1) {
		buf_free(&b);
		errno = e;
		return NULL;
	}
	b.p[b.len] = '\0';
	*len = b.len;
	return buf_take(&b);
}

/* Make a directory and its parents, like mkdir -p.  Returns 0 on error. */
int
mkdirs(const char *path)
{
	char	*p, *s;
	int	 ok = 1;

	p = xstrdup(path);
	for (s = p + 1; ok && *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) == -1 && errno != EEXIST)
			ok = 0;
		*s = '/';
	}
	if (ok && mkdir(p, 0755) == -1 && errno != EEXIST)
		ok = 0;
	if (!ok)
		syserr("%s", p);
	free(p);
	return ok;
}

/*
 * Writing stops at the first write that fails (a full disk, a
 * permission): that one is reported, every later write fails at once
 * without a word, and the build knows by write_failed().
 */
static int	 wfailed;

int
write_failed(void)
{
	return __atomic_load_n(&wfailed, __ATOMIC_ACQUIRE);
}

void
write_reset(void)
{
	__atomic_store_n(&wfailed, 0, __ATOMIC_RELEASE);
}

/* The first failure of the build stops it: said once, with what failed
 * and how. */
static int
stop(const char *what, const char *how)
{
	int	 e = errno;

	if (!__atomic_exchange_n(&wfailed, 1, __ATOMIC_ACQ_REL)) {
		errno = e;
		syserr("%s: %s; the build stops here", what, how);
	}
	return 0;
}

/* What the build set aside or kept, and reads again, could not be read:
 * the build stops as on a failed write. */
int
readerr(const char *what)
{
	return stop(what, "cannot be read again");
}

static int
writeerr(const char *path)
{
	return stop(path, "cannot be written");
}

/*
 * The parents of a file, made quietly (writefile reports): the nearest
 * first, and those above it only when it cannot be made without them.
 * A file is mostly made where its parent's parent stands already (a
 * case's page), and a directory that stands is not asked for again:
 * making one locks its parent, which every worker writes into.
 */
int
makeparents(char *path)
{
	char	*s;
	int	 ok;

	if ((s = strrchr(path, '/')) == NULL || s == path)
		return 1;
	*s = '\0';
	ok = mkdir(path, 0755) == 0 || errno == EEXIST || (errno == ENOENT &&
	    makeparents(path) && (mkdir(path, 0755) == 0 || errno == EEXIST));
	*s = '/';
	return ok;
}

/*
 * A file written in parts: dir/rel, its parent directories made when
 * the file cannot be made without them.  Every write error is checked,
 * so a full disk never leaves a truncated file unnoticed; after the
 * first, the parts are dropped and wclose returns 0.
 */
static const struct wwatch *watch;

/* Tell watcher of every file written from now on; NULL: no one. */
void
write_watch(const struct wwatch *w)
{
	watch = w;
}

struct wdigest {
	crypto_generichash_state st;
	char	*dir, *rel;
	int	 whole;		/* the digest was taken of the whole file */
	unsigned char h[32];
};

static void
wdigest_free(struct wdigest *h)
{
	if (h == NULL)
		return;
	free(h->dir);
	free(h->rel);
	free(h);
}

static int
wopen1(struct wfile *w, const char *dir, const char *rel,
    const unsigned char *whole)
{
	int	 flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;

	memset(w, 0, sizeof(*w));
	w->fd = -1;
	if (write_failed())
		return 0;
	w->path = xasprintf("%s/%s", dir, rel);
	if (watch != NULL) {
		/* A name in the stage may be a link to a published file
		 * (the watcher's): never write through it, but make the
		 * file anew (O_EXCL), after taking away what is there.  A
		 * stage made of an earlier portal may hold a directory
		 * there. */
		flags |= O_EXCL;
		w->h = xcalloc(1, sizeof(*w->h));
		w->h->dir = xstrdup(dir);
		w->h->rel = xstrdup(rel);
		if ((w->h->whole = whole != NULL))
			memcpy(w->h->h, whole, 32);
		else
			crypto_generichash_init(&w->h->st, NULL, 0, 32);
	}
	w->fd = open(w->path, flags, 0644);
	if (w->fd == -1 && errno == ENOENT && makeparents(w->path))
		w->fd = open(w->path, flags, 0644);
	if (w->fd == -1 && errno == EEXIST && (flags & O_EXCL) &&
	    (unlink(w->path) == 0 || errno == ENOENT ||
	    (errno == EISDIR && rmtree(w->path))))
		w->fd = open(w->path, flags, 0644);
	if (w->fd == -1) {
		writeerr(w->path);
		wdigest_free(w->h);
		w->h = NULL;
		free(w->path);
		w->path = NULL;
		return 0;
	}
	w->ok = 1;
	return 1;
}

int
wopen(struct wfile *w, const char *dir, const char *rel)
{
	return wopen1(w, dir, rel, NULL);
}

void
wput(struct wfile *w, const char *data, size_t len)
{
	ssize_t	 n;
	size_t	 off = 0;

	if (w->h != NULL && !w->h->whole && w->ok)
		crypto_generichash_update(&w->h->st,
		    (const unsigned char *)data, len);
	while (w->ok && off < len) {
		n = write(w->fd, data + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			w->ok = writeerr(w->path);
			break;
		}
		off += (size_t)n;
	}
}

/* Write out what a buffer holds once it holds a megabyte or more. */
void
wdrain(struct wfile *w, struct buf *b, int all)
{
	if (b->len == 0 || (!all && b->len < (1 << 20)))
		return;
	wput(w, b->p, b->len);
	b->len = 0;
}

int
wclose(struct wfile *w)
{
	int	 ok = w->ok;

	if (w->fd != -1 && close(w->fd) == -1 && ok)
		ok = writeerr(w->path);
	if (w->h != NULL) {
		if (!w->h->whole)
			crypto_generichash_final(&w->h->st, w->h->h, 32);
		if (ok && watch != NULL)
			watch->wrote(watch->arg, w->h->dir, w->h->rel,
			    w->h->h);
		wdigest_free(w->h);
	}
	free(w->path);
	memset(w, 0, sizeof(*w));
	w->fd = -1;
	return ok;
}

/*
 * All of len bytes at offset at of fd, read or written whatever the
 * short counts and interruptions; 0 on an error or an early end (errno
 * 0 then).
 */
int
preadall(int fd, char *p, size_t len, unsigned long long at)
{
	ssize_t	 n;
	size_t	 done = 0;

	while (done < len) {
		n = pread(fd, p + done, len - done, (off_t)(at + done));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = 0;
			return 0;
		}
		done += (size_t)n;
	}
	return 1;
}

int
pwriteall(int fd, const char *p, size_t len, unsigned long long at)
{
	ssize_t	 n;
	size_t	 done = 0;

	while (done < len) {
		n = pwrite(fd, p + done, len - done, (off_t)(at + done));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return 0;
		}
		done += (size_t)n;
	}
	return 1;
}

/*
 * A spill file: texts set aside while a build runs, so that memory holds
 * the metadata of the cases and not their bodies.  It is an unnamed file
 * (O_TMPFILE) in a directory of the build, gone when closed; threads
 * append to it side by side, each at the place it reserved.
 */
struct spill {
	int			 fd;
	unsigned long long	 end;
	char			*dir;
	/* Texts that need not be set aside, as they are kept elsewhere
	 * (the build cache) and read again from there. */
	char			*(*keeper)(void *, const struct record *);
	void			*keeparg;
};

/* A spill file in dir, or NULL where none can be made (the texts then
 * stay in memory). */
struct spill *
spill_new(const char *dir)
{
	struct spill	*sp;
	int		 fd;

	if ((fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) == -1)
		return NULL;
	sp = xcalloc(1, sizeof(*sp));
	sp->fd = fd;
	sp->dir = xstrdup(dir);
	return sp;
}

/* Set len bytes aside; their place in *at.  0 when they could not be. */
int
spill_put(struct spill *sp, const char *s, size_t len,
    unsigned long long *at)
{
	unsigned long long	 off;

	if (sp == NULL || len == 0)
		return 0;
	off = __atomic_fetch_add(&sp->end, len, __ATOMIC_RELAXED);
	if (!pwriteall(sp->fd, s, len, off))
		return 0;
	*at = off;
	return 1;
}

/*
 * The text set aside at at, NUL-terminated; the caller frees it.  A
 * failed read stops the build as a failed write does: NULL.
 */
char *
spill_get(const struct spill *sp, unsigned long long at, size_t len)
{
	char	*s, *what;

	if (sp == NULL)
		return NULL;
	s = xmalloc(len + 1);
	if (!preadall(sp->fd, s, len, at)) {
		if (errno == 0)
			errno = EIO;
		what = xasprintf("%s (the build's spill file)", sp->dir);
		readerr(what);
		free(what);
		free(s);
		return NULL;
	}
	s[len] = '\0';
	return s;
}

/* What keeps the texts of records whose body_kept is set, and reads
 * them again; NULL when they cannot be (reported). */
void
spill_keeper(struct spill *sp, char *(*keeper)(void *,
    const struct record *), void *arg)
{
	sp->keeper = keeper;
	sp->keeparg = arg;
}

int
spill_keeps(const struct spill *sp)
{
	return sp != NULL && sp->keeper != NULL;
}

char *
spill_kept(const struct spill *sp, const struct record *r)
{
	if (sp == NULL || sp->keeper == NULL)
		return NULL;
	return sp->keeper(sp->keeparg, r);
}

void
spill_free(struct spill *sp)
{
	if (sp == NULL)
		return;
	close(sp->fd);
	free(sp->dir);
	free(sp);
}

/* Write data to dir/rel at once; 0 on error.  With digest, its
 * BLAKE2b too (when written under a watch). */
int
writefile_as(const char *dir, const char *rel, const char *data, size_t len,
    unsigned char *digest)
{
	struct wfile	 w;
	unsigned char	 h[32];

	if (watch != NULL) {
		if (write_failed())
			return 0;
		crypto_generichash(h, 32, (const unsigned char *)data, len,
		    NULL, 0);
		if (digest != NULL)
			memcpy(digest, h, 32);
		if (watch->have(watch->arg, dir, rel, h))
			return 1;
	}
	if (!wopen1(&w, dir, rel, watch != NULL ? h : NULL))
		return 0;
	wput(&w, data, len);
	return wclose(&w);
}

int
writefile(const char *dir, const char *rel, const char *data, size_t len)
{
	return writefile_as(dir, rel, data, len, NULL);
}

/*
 * The file dir/rel whose bytes have the digest h, when the watcher has
 * it already (the published file, linked or kept); 0 when it has not,
 * and nothing was written.
 */
int
writelink(const char *dir, const char *rel, const unsigned char *h)
{
	if (watch == NULL || write_failed())
		return 0;
	return watch->have(watch->arg, dir, rel, h);
}

/* Remove a tree, like rm -rf.  Returns 0 on error (reported). */
int
rmtree(const char *path)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	char		*sub;
	int		 ok = 1;

	if (lstat(path, &st) == -1)
		return errno == ENOENT;
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) == -1) {
			syserr("%s", path);
			return 0;
		}
		return 1;
	}
	if ((d = opendir(path)) == NULL) {
		syserr("%s", path);
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		sub = xasprintf("%s/%s", path, de->d_name);
		ok = rmtree(sub) && ok;
		free(sub);
	}
	closedir(d);
	if (rmdir(path) == -1) {
		syserr("%s", path);
		ok = 0;
	}
	return ok;
}

/* Removing a tree on the pool: its entries two levels down, then the
 * rest. */
struct rmjob {
	char	**paths;
	size_t	  n;
	int	  failed;
};

static void
rmone(void *arg, size_t i, int worker)
{
	struct rmjob	*j = arg;

	(void)worker;
	if (!rmtree(j->paths[i]))
		__atomic_store_n(&j->failed, 1, __ATOMIC_RELAXED);
}

static void
rmlist(struct rmjob *j, const char *dir, int depth)
{
	struct dirent	*de;
	DIR		*d;
	char		*sub;

	if ((d = opendir(dir)) == NULL)
		return;			/* rmtree reports it */
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		sub = xasprintf("%s/%s", dir, de->d_name);
		if (depth > 1 && de->d_type == DT_DIR) {
			rmlist(j, sub, depth - 1);
			free(sub);
			continue;
		}
		j->paths = xreallocarray(j->paths, j->n + 1,
		    sizeof(*j->paths));
		j->paths[j->n++] = sub;
	}
	closedir(d);
}

/* Remove a tree, like rm -rf, with the threads of pool.  Returns 0 on
 * error (reported). */
int
rmtree_pool(const char *path, struct pool *pool)
{
	struct rmjob	 j;
	struct stat	 st;
	int		 ok;

	if (pool == NULL || lstat(path, &st) == -1 || !S_ISDIR(st.st_mode))
		return rmtree(path);
	memset(&j, 0, sizeof(j));
	rmlist(&j, path, 2);
	pool_for(pool, j.n, rmone, &j);
	strv_free(j.paths, j.n);
	ok = rmtree(path);
	return ok && !j.failed;
}

/* Two strings through pointers to them, for qsort and bsearch. */
int
strpcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What the walk found in one directory: its files that match, and its
 * directories, each as a path from the top. */
struct wlist {
	char		 *dir;
	char		**f;
	size_t		  nf;
	char		**sub;
	size_t		  nsub;
	int		  ok;
};

struct walkjob {
	struct wlist	*l;
	const char	*suffix;
	size_t		 sl;
	int		 flags;
};

static void
push(char ***v, size_t *n, char *s)
{
	if ((*n & (*n - 1)) == 0)
		*v = xreallocarray(*v, *n == 0 ? 1 : 2 * *n, sizeof(**v));
	(*v)[(*n)++] = s;
}

/* The entries of a directory are read straight into this, a run at a
 * time: most directories of a portal hold one page. */
static _Thread_local _Alignas(struct dirent64) char dents[32768];

static void
listone(void *arg, size_t k, int worker)
{
	struct walkjob	*j = arg;
	struct wlist	*l = &j->l[k];
	struct dirent64	*de;
	struct stat	 st;
	ssize_t		 got, at;
	size_t		 nl;
	int		 fd, named, link;

	(void)worker;
	l->ok = 1;
	if ((fd = open(l->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		syserr("%s", l->dir);
		l->ok = 0;
		return;
	}
	while ((got = getdents64(fd, dents, sizeof(dents))) > 0)
		for (at = 0; at < got; at += de->d_reclen) {
			de = (struct dirent64 *)(void *)(dents + at);
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0 ||
			    (!(j->flags & FIND_HIDDEN) &&
			    de->d_name[0] == '.'))
				continue;
			nl = strlen(de->d_name);
			named = nl >= j->sl && strcmp(de->d_name + nl - j->sl,
			    j->suffix) == 0;
			/* The directory says what most entries are; a link,
			 * or an entry of a file system that does not say, is
			 * looked at. */
			link = 0;
			if (de->d_type == DT_DIR)
				st.st_mode = S_IFDIR;
			else if (de->d_type == DT_REG)
				st.st_mode = S_IFREG;
			else if (j->flags & FIND_FOLLOW) {
				/* A link is followed; one that leads
				 * nowhere is an error. */
				if (fstatat(fd, de->d_name, &st, 0) == -1) {
					syserr("%s/%s", l->dir, de->d_name);
					l->ok = 0;
					continue;
				}
			} else if (fstatat(fd, de->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) == -1) {
				syserr("%s/%s", l->dir, de->d_name);
				l->ok = 0;
				continue;
			} else if ((j->flags & FIND_SCRUB) &&
			    !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
				/* A link, a FIFO, a device, a socket: it
				 * goes, and nothing is written through it. */
				if (unlinkat(fd, de->d_name, 0) == -1 &&
				    errno != ENOENT) {
					syserr("%s/%s", l->dir, de->d_name);
					l->ok = 0;
				}
				continue;
			} else if (S_ISLNK(st.st_mode)) {
				link = 1;
				/* Where it leads; a link that leads nowhere
				 * is the caller's to tell of. */
				if (fstatat(fd, de->d_name, &st, 0) == -1)
					st.st_mode = 0;
			}
			/* A linked directory is never walked: it may lead
			 * anywhere, to / or back to itself.  With FIND_ODD
			 * it is listed, for the caller to refuse, and so is
			 * an entry of the suffix that is no regular file
			 * (a FIFO, a device, a dangling link). */
			if (S_ISDIR(st.st_mode) && !link)
				push(&l->sub, &l->nsub, xasprintf("%s/%s",
				    l->dir, de->d_name));
			else if ((S_ISREG(st.st_mode) && named) ||
			    ((j->flags & FIND_ODD) && (named ||
			    S_ISDIR(st.st_mode) || (nl >= j->sl &&
			    strcasecmp(de->d_name + nl - j->sl,
			    j->suffix) == 0))))
				push(&l->f, &l->nf, xasprintf("%s/%s",
				    l->dir, de->d_name));
		}
	if (got == -1) {
		syserr("%s", l->dir);
		l->ok = 0;
	}
	close(fd);
}

/*
 * Find the regular files under dir whose names end in suffix, skipping
 * names that begin with a dot unless flags has FIND_HIDDEN, sorted
 * bytewise so that the order never depends on the file system.  A
 * linked directory is walked with FIND_FOLLOW only (a site as served);
 * with FIND_ODD, it is listed instead, and so is what is named with the
 * suffix but is no regular file, or with the suffix in other case
 * (CL-2024-007.MD, for the caller to refuse).  With FIND_SCRUB, what is
 * neither a regular file nor a directory is removed instead (a link too,
 * which is then never walked).  The directories of each depth are listed at once
 * on pool (NULL: one by one).  Returns 0 on error (reported).
 */
int
findfiles(const char *dir, const char *suffix, int flags,
    struct pool *pool, char ***out, size_t *n)
{
	struct walkjob	 j;
	char		**level, **next;
	size_t		 nlevel, nnext, i, k, cap = 0;
	int		 ok = 1;

	*out = NULL;
	*n = 0;
	j.suffix = suffix;
	j.sl = strlen(suffix);
	j.flags = flags;
	level = xcalloc(1, sizeof(*level));
	level[0] = xstrdup(dir);
	nlevel = 1;
	while (nlevel > 0) {
		j.l = xcalloc(nlevel, sizeof(*j.l));
		for (i = 0; i < nlevel; i++)
			j.l[i].dir = level[i];
		pool_for(pool, nlevel, listone, &j);
		for (i = 0, nnext = 0; i < nlevel; i++)
			nnext += j.l[i].nsub;
		next = xcalloc(nnext + 1, sizeof(*next));
		for (i = 0, nnext = 0; i < nlevel; i++) {
			struct wlist *l = &j.l[i];

			ok = ok && l->ok;
			for (k = 0; k < l->nsub; k++)
				next[nnext++] = l->sub[k];
			if (*n + l->nf > cap) {
				cap = 2 * (*n + l->nf) + 1024;
				*out = xreallocarray(*out, cap, sizeof(**out));
			}
			for (k = 0; k < l->nf; k++)
				(*out)[(*n)++] = l->f[k];
			free(l->sub);
			free(l->f);
			free(level[i]);
		}
		free(j.l);
		free(level);
		level = next;
		nlevel = nnext;
	}
	free(level);
	pool_sort(pool, *out, *n, sizeof(**out), strpcmp);
	return ok;
}

void
strv_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Dates. */

static int
isleap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
days_in_month(int y, int m)
{
	static const int mdays[] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && isleap(y) ? 29 : mdays[m - 1];
}

/* Parse a real calendar date in the form YYYY-MM-DD.  Returns 0 if not. */
int
date_parse(const char *s, struct date *d)
{
	int	 i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	if (s[10] != '\0')
		return 0;
	d->y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
	    (s[2] - '0') * 10 + (s[3] - '0');
	d->m = (s[5] - '0') * 10 + (s[6] - '0');
	d->d = (s[8] - '0') * 10 + (s[9] - '0');
	if (d->y < 1900 || d->m < 1 || d->m > 12 ||
	    d->d < 1 || d->d > days_in_month(d->y, d->m))
		return 0;
	return 1;
}

int
date_cmp(const struct date *a, const struct date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
long
date_days(const struct date *d)
{
	long	 y = d->y, m = d->m, era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d->d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date of a day count since 1970-01-01. */
struct date
date_from_days(long z)
{
	struct date	 d;
	long		 era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.y = (int)(y + (d.m <= 2));
	return d;
}

/* 0 = Sunday. */
int
date_weekday(const struct date *d)
{
	long	 w = (date_days(d) + 4) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

/* YYYY-MM-DD into a buffer of at least 11 bytes. */
void
date_iso(const struct date *d, char *out)
{
	unsigned int	 y = (unsigned int)d->y % 10000;
	unsigned int	 m = (unsigned int)d->m % 100;
	unsigned int	 dd = (unsigned int)d->d % 100;

	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}

/* Validity of a string as UTF-8.  On failure *bad is the byte offset. */
int
utf8_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 i = 0, n, k;
	unsigned int	 c;

	while (i < len) {
		c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, c &= 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, c &= 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, c &= 0x07;
		else
			goto fail;
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (p[i + k] & 0xc0) != 0x80)
				goto fail;
			c = (c << 6) | (p[i + k] & 0x3f);
		}
		if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
		    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			goto fail;
		i += n + 1;
	}
	return 1;
fail:
	if (bad != NULL)
		*bad = i;
	return 0;
}

/* Number of UTF-8 characters in the first n bytes of s. */
size_t
utf8_count(const char *s, size_t n)
{
	size_t	 i, c = 0;

	for (i = 0; i < n && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/*
 * The position (line, column in characters) of byte offset off in text,
 * counting from line first.
 */
struct pos
text_pos(const char *text, size_t off, int first)
{
	struct pos	 p;
	size_t		 i, bol = 0;

	p.line = first;
	for (i = 0; i < off && text[i] != '\0'; i++)
		if (text[i] == '\n') {
			p.line++;
			bol = i + 1;
		}
	p.col = (int)utf8_count(text + bol, off - bol) + 1;
	return p;
}

/*
 * What keeps s from being a case id, or NULL when it is one.  An id is
 * PREFIX-YEAR-NUMBER (ID_FORM): a prefix of capital letters and digits
 * that starts with a letter, the year of the case from ID_YEAR_MIN to
 * ID_YEAR_MAX, and its number of three digits or more; at most 64
 * bytes, so it is a file name and a path of the portal as it is.
 */
const char *
id_why(const char *s)
{
	const char	*p, *q;
	size_t		 n;
	int		 year;

	if (*s == '\0')
		return "it is empty";
	if (strlen(s) > 64)
		return "it is longer than 64 characters";
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-'))
			return "it holds a character other than a letter, a "
			    "digit and '-'";
	for (p = s; *p != '\0' && *p != '-'; p++)
		if (*p >= 'a' && *p <= 'z')
			return "its prefix is not in capital letters";
	if (p == s || !(*s >= 'A' && *s <= 'Z'))
		return "it does not start with a capital letter";
	if (*p == '\0')
		return "it has no year and no number after its prefix";
	q = ++p;
	n = strspn(q, "0123456789");
	if (n != 4 || (q[4] != '-' && q[4] != '\0'))
		return "the part after the prefix is no year of four digits";
	year = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 +
	    (q[3] - '0');
	if (year < ID_YEAR_MIN || year > ID_YEAR_MAX)
		return "its year is not from " ID_YEARS;
	if (q[4] == '\0')
		return "it has no number after its year";
	p = q + 5;
	n = strspn(p, "0123456789");
	if (p[n] != '\0')
		return "its number is not digits only";
	if (n < 3)
		return "its number has fewer than three digits";
	return NULL;
}

/* Whether s is a case id (see id_why). */
int
is_id(const char *s)
{
	return id_why(s) == NULL;
}

/* The year a case id names: the digits after its prefix.  s is an id. */
int
id_year(const char *s)
{
	const char	*p = strchr(s, '-') + 1;

	return (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
	    (p[3] - '0');
}

/* Whether s is a slug: [a-z0-9-]+, at most 64 bytes. */
int
is_slug(const char *s)
{
	const char	*p;

	if (*s == '\0' || *s == '-')
		return 0;
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return 0;
	return p - s <= 64;
}

/* Levenshtein distance, for "did you mean" on unknown keys. */
static size_t
distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, *row, prev, tmp, d;

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			d = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < d)
				d = row[j] + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			prev = tmp;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

/* The known key nearest to key, if near enough to be a typo. */
const char *
nearest(const char *key, const char *const *known)
{
	const char	*best = NULL;
	size_t		 d, bd = 3;

	for (; *known != NULL; known++)
		if ((d = distance(key, *known)) < bd) {
			bd = d;
			best = *known;
		}
	return best;
}

/*
 * JSON string with quotes, escaping what RFC 8259 requires and no more:
 * the hex digits of an escaped '&' would run on, for a reader of the
 * text as written, into the digits that follow it (&#8765… as
 * \u0026#8765…), and no JSON of the portal stands inside HTML.
 */
void
json_str(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

/*
 * A CSV field by RFC 4180: quoted when it holds a comma, quote or line
 * break.  A spreadsheet reads a cell that begins with = + - @, a tab or
 * a carriage return as a formula, so such a cell is written with a
 * leading apostrophe, which spreadsheets show as text (OWASP's advice
 * against CSV injection).
 */
void
csv_field(struct buf *b, const char *s)
{
	const char	*p;
	int		 formula;

	formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		if (formula)
			buf_putc(b, '\'');
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

/*
 * Parse a date that may have been generalized: YYYY-MM-DD, YYYY-MM or
 * YYYY.  Returns 0 if it is none of these.
 */
int
date_parse_partial(const char *s, struct date *d)
{
	char	 tmp[11];
	size_t	 n = strlen(s);

	memset(d, 0, sizeof(*d));
	if (n == 10)
		return date_parse(s, d);
	if (n != 4 && n != 7)
		return 0;
	memcpy(tmp, s, n);
	memcpy(tmp + n, n == 4 ? "-01-01" : "-01", n == 4 ? 7 : 4);
	if (!date_parse(tmp, d))
		return 0;
	d->d = 0;
	if (n == 4)
		d->m = 0;
	return 1;
}

/* A date as written: YYYY-MM-DD, or shorter when generalized. */
char *
date_str(const struct date *d)
{
	if (d->m == 0)
		return xasprintf("%04d", d->y);
	if (d->d == 0)
		return xasprintf("%04d-%02d", d->y, d->m);
	return xasprintf("%04d-%02d-%02d", d->y, d->m, d->d);
}

/* The value of a hexadecimal digit, or -1. */
int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The code point that starts at byte i of s (len bytes), and its width
 * in bytes in *w; a byte that does not start a valid sequence reads as
 * U+FFFD, one byte wide.
 */
uint32_t
utf8_get(const char *s, size_t len, size_t i, size_t *w)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t	 c = p[i];
	size_t		 n, k;

	*w = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, c &= 0x07;
	else
		return 0xfffd;
	for (k = 1; k < n; k++) {
		if (i + k >= len || (p[i + k] & 0xc0) != 0x80)
			return 0xfffd;
		c = (c << 6) | (p[i + k] & 0x3f);
	}
	*w = n;
	return c;
}

/* Write a code point as UTF-8 at o (room for 4 bytes); returns the end. */
char *
utf8_put(char *o, uint32_t c)
{
	if (c < 0x80)
		*o++ = (char)c;
	else if (c < 0x800) {
		*o++ = (char)(0xc0 | (c >> 6));
		*o++ = (char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		*o++ = (char)(0xe0 | (c >> 12));
		*o++ = (char)(0x80 | ((c >> 6) & 0x3f));
		*o++ = (char)(0x80 | (c & 0x3f));
	} else {
		*o++ = (char)(0xf0 | (c >> 18));
		*o++ = (char)(0x80 | ((c >> 12) & 0x3f));
		*o++ = (char)(0x80 | ((c >> 6) & 0x3f));
		*o++ = (char)(0x80 | (c & 0x3f));
	}
	return o;
}

/*
 * Read a source file (a record, site.yaml, policy.yaml) of at most
 * RECORD_MAX bytes.  A missing file is a problem of content, reported
 * with what the file is for; a file too large as well.  Returns NULL
 * after reporting.
 */
static void	(*srcwatch)(void *, const char *, const unsigned char *);
static void	 *srcarg;

/*
 * Tell fn (with arg) the path and the BLAKE2b digest of the bytes of
 * every source read from now on; NULL: no one.  It may be called from
 * several threads at once.
 */
void
source_watch(void (*fn)(void *, const char *, const unsigned char *),
    void *arg)
{
	srcarg = arg;
	srcwatch = fn;
}

/* readfile() of a regular file only: a FIFO or a device named as an
 * input would hold the build, or feed it without end (EINVAL). */
char *
readregular(const char *path, size_t max, size_t *len)
{
	struct stat	 sb;

	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		errno = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
		return NULL;
	}
	return readfile(path, max, len);
}

char *
readsource(const char *path, const char *what, size_t *len,
    unsigned char *digest)
{
	struct pos	 one = { 1, 1 };
	struct stat	 sb;
	char		*text;
	unsigned char	 h[32];

	/* A FIFO would hold the build until something writes to it, a
	 * device would feed it without end: an input is a file. */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		diag_error(path, one, "not a regular file but %s",
		    S_ISDIR(sb.st_mode) ? "a directory" : S_ISFIFO(sb.st_mode) ?
		    "a FIFO" : "a device or a socket");
		return NULL;
	}
	if ((text = readfile(path, RECORD_MAX, len)) != NULL) {
		if (srcwatch != NULL || digest != NULL)
			crypto_generichash(h, 32, (unsigned char *)text, *len,
			    NULL, 0);
		if (srcwatch != NULL)
			srcwatch(srcarg, path, h);
		if (digest != NULL)
			memcpy(digest, h, 32);
		return text;
	}
	if (errno == ENOENT && what != NULL)
		diag_error(path, one, "missing: %s", what);
	else if (errno == EFBIG)
		diag_error(path, one, "the file is larger than the limit of "
		    "%d KiB", RECORD_MAX / 1024);
	else
		syserr("%s", path);
	return NULL;
}

/* The media type of a file of the portal, by its name. */
const char *
mediatype(const char *path)
{
	static const struct { const char *suffix, *type; } types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ "feed.xml", "application/rss+xml" },
		{ "corrections.xml", "application/rss+xml" },
		{ "atom.xml", "application/atom+xml" },
		{ "feed.json", "application/feed+json" },
		{ ".xml", "application/xml" },
		{ ".json", "application/json" },
		{ ".csv", "text/csv; charset=utf-8" },
		{ ".opml", "text/x-opml" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".ico", "image/x-icon" },
		{ NULL, NULL }
	};
	size_t	 i, n = strlen(path), k;

	for (i = 0; types[i].suffix != NULL; i++) {
		k = strlen(types[i].suffix);
		if (n >= k && strcmp(path + n - k, types[i].suffix) == 0)
			return types[i].type;
	}
	return "application/octet-stream";
}

/*
 * The text of a public value may hold neutral markers that redaction
 * put there: SPAN_MARK "w:" KEY SPAN_END for a span withheld on the
 * ground KEY, SPAN_MARK "m" SPAN_END and SPAN_MARK "/m" SPAN_END around
 * a highlighted hand mark (internal readers).  Source values never hold
 * these control characters (record.c refuses them).
 *
 * The next span of s into *sp; returns where the one after it starts,
 * or NULL at the end.
 */
const char *
span_next(const char *s, struct span *sp)
{
	const char	*e;

	if (*s == '\0')
		return NULL;
	if (*s == SPAN_MARK && (e = strchr(s, SPAN_END)) != NULL) {
		sp->p = s + 1;
		sp->len = (size_t)(e - s - 1);
		if (strncmp(sp->p, SPAN_W, strlen(SPAN_W)) == 0) {
			sp->kind = SPAN_WITHHELD;
			sp->p += strlen(SPAN_W);
			sp->len -= strlen(SPAN_W);
		} else if (strncmp(sp->p, SPAN_HEND, strlen(SPAN_HEND)) == 0)
			sp->kind = SPAN_CLOSE;
		else
			sp->kind = SPAN_OPEN;
		return e + 1;
	}
	sp->kind = SPAN_TEXT;
	sp->p = s;
	e = strchr(s + 1, SPAN_MARK);
	sp->len = e != NULL ? (size_t)(e - s) : strlen(s);
	return s + sp->len;
}

/* A public value as plain text: each withheld span as withheld, the
 * highlights of hand marks dropped.  The caller frees it. */
char *
span_plain(const char *s, const char *withheld)
{
	struct buf	 b;
	struct span	 sp;

	memset(&b, 0, sizeof(b));
	while ((s = span_next(s, &sp)) != NULL)
		if (sp.kind == SPAN_TEXT)
			buf_put(&b, sp.p, sp.len);
		else if (sp.kind == SPAN_WITHHELD)
			buf_puts(&b, withheld);
	buf_putc(&b, '\0');
	return buf_take(&b);
}

/*
 * The build's one pool of threads: jobs - 1 workers and the caller, who
 * share the items of one task at a time (pool_for).  Reading, redaction,
 * rendering and the audit all run on it.  Each item is given the index of
 * the worker that runs it, so that a task can keep a scratch space per
 * worker.
 */
struct pool {
	pthread_mutex_t	 lock;
	pthread_cond_t	 work;		/* a task, or the end */
	pthread_cond_t	 idle;		/* a worker is done with a task */
	pthread_t	*th;
	int		 jobs;
	int		 started;
	unsigned long	 gen;		/* the task's number */
	int		 busy;		/* workers still on the task */
	int		 quit;
	void		(*fn)(void *, size_t, int);
	void		*arg;
	size_t		 n;
	size_t		 next;
};

struct worker {
	struct pool	*p;
	int		 id;
};

static void
drain(struct pool *p, int id)
{
	size_t	 i;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		i = p->next < p->n ? p->next++ : SIZE_MAX;
		pthread_mutex_unlock(&p->lock);
		if (i == SIZE_MAX)
			return;
		p->fn(p->arg, i, id);
	}
}

static void *
workmain(void *arg)
{
	struct worker	*w = arg;
	struct pool	*p = w->p;
	unsigned long	 seen = 0;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->quit && p->gen == seen)
			pthread_cond_wait(&p->work, &p->lock);
		if (p->quit)
			break;
		seen = p->gen;
		pthread_mutex_unlock(&p->lock);
		drain(p, w->id);
		pthread_mutex_lock(&p->lock);
		if (--p->busy == 0)
			pthread_cond_signal(&p->idle);
	}
	pthread_mutex_unlock(&p->lock);
	free(w);
	return NULL;
}

/* A pool of jobs threads in all (the caller is one of them). */
struct pool *
pool_new(int jobs)
{
	struct pool	*p;
	struct worker	*w;
	int		 i;

	p = xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->idle, NULL);
	p->jobs = jobs < 1 ? 1 : jobs;
	p->th = xcalloc((size_t)p->jobs, sizeof(*p->th));
	for (i = 1; i < p->jobs; i++) {
		w = xmalloc(sizeof(*w));
		w->p = p;
		w->id = i;
		if (pthread_create(&p->th[i], NULL, workmain, w) != 0) {
			free(w);
			break;
		}
		p->started++;
	}
	p->jobs = p->started + 1;
	return p;
}

int
pool_jobs(const struct pool *p)
{
	return p == NULL ? 1 : p->jobs;
}

/* Run fn(arg, i, worker) for every i below n, and return when all are
 * done.  Without a pool, the caller runs them in order. */
void
pool_for(struct pool *p, size_t n, void (*fn)(void *, size_t, int),
    void *arg)
{
	size_t	 i;

	if (p == NULL || p->started == 0 || n < 2) {
		for (i = 0; i < n; i++)
			fn(arg, i, 0);
		return;
	}
	pthread_mutex_lock(&p->lock);
	p->fn = fn;
	p->arg = arg;
	p->n = n;
	p->next = 0;
	p->busy = p->started;
	p->gen++;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->lock);
	drain(p, 0);
	pthread_mutex_lock(&p->lock);
	while (p->busy > 0)
		pthread_cond_wait(&p->idle, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

/*
 * Sorting on the pool: SORTRUNS runs, each sorted by qsort on a worker,
 * then merged two by two, the left one first among equals.  The runs are
 * the same whatever the number of jobs, and so is the result, whether or
 * not the C library's qsort keeps equal elements in their order; where
 * it does (the merge sort of Debian 12's glibc), the result is that of
 * one qsort of the whole.
 */
#define SORTRUNS	4
struct sortjob {
	char		*base, *tmp;
	size_t		 size, n, width;	/* width: elements of a run */
	int		(*cmp)(const void *, const void *);
};

static void
sortrun(void *arg, size_t k, int worker)
{
	struct sortjob	*j = arg;
	size_t		 at = k * j->width;
	size_t		 m = j->n - at < j->width ? j->n - at : j->width;

	(void)worker;
	qsort(j->base + at * j->size, m, j->size, j->cmp);
}

/* Merge the runs 2k and 2k + 1 of base into tmp. */
static void
mergerun(void *arg, size_t k, int worker)
{
	struct sortjob	*j = arg;
	size_t		 lo = 2 * k * j->width, mid, hi;
	const char	*a, *ae, *b, *be;
	char		*o = j->tmp + lo * j->size;

	(void)worker;
	mid = lo + j->width < j->n ? lo + j->width : j->n;
	hi = mid + j->width < j->n ? mid + j->width : j->n;
	a = j->base + lo * j->size;
	ae = b = j->base + mid * j->size;
	be = j->base + hi * j->size;
	while (a < ae && b < be) {
		if (j->cmp(b, a) < 0) {
			memcpy(o, b, j->size);
			b += j->size;
		} else {
			memcpy(o, a, j->size);
			a += j->size;
		}
		o += j->size;
	}
	memcpy(o, a, (size_t)(ae - a));
	memcpy(o + (ae - a), b, (size_t)(be - b));
}

void
pool_sort(struct pool *p, void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	struct sortjob	 j;
	size_t		 runs;
	char		*swap;

	if (n < 8192) {
		if (n > 1)
			qsort(base, n, size, cmp);
		return;
	}
	j.base = base;
	j.size = size;
	j.n = n;
	j.cmp = cmp;
	j.width = (n + SORTRUNS - 1) / SORTRUNS;
	runs = (n + j.width - 1) / j.width;
	pool_for(p, runs, sortrun, &j);
	j.tmp = xreallocarray(NULL, n, size);
	for (; runs > 1; runs = (runs + 1) / 2, j.width *= 2) {
		pool_for(p, (runs + 1) / 2, mergerun, &j);
		swap = j.base;
		j.base = j.tmp;
		j.tmp = swap;
	}
	if (j.base != base) {
		memcpy(base, j.base, n * size);
		free(j.base);
	} else
		free(j.tmp);
}

void
pool_free(struct pool *p)
{
	int	 i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->quit = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->lock);
	for (i = 1; i <= p->started; i++)
		pthread_join(p->th[i], NULL);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->idle);
	free(p->th);
	free(p);
}

/*
 * Now, in seconds since 1970: SOURCE_DATE_EPOCH when set, else the
 * clock.  Returns 0 if SOURCE_DATE_EPOCH is not a number of seconds.
 */
int
build_epoch(long long *t)
{
	const char	*e;
	char		*end;

	if ((e = getenv("SOURCE_DATE_EPOCH")) != NULL && *e != '\0') {
		errno = 0;
		*t = strtoll(e, &end, 10);
		/* Digits only, up to the end of year 9999. */
		if (*e < '0' || *e > '9' || *end != '\0' || errno != 0 ||
		    *t < 0 || *t > 253402300799LL) {
			fprintf(stderr, "disclose: SOURCE_DATE_EPOCH: "
			    "expected seconds since 1970 (to the end of year "
			    "9999), got \"%s\"\n", e);
			return 0;
		}
	} else
		*t = (long long)time(NULL);
	return 1;
}

/*
 * Today, in the site's time zone: from SOURCE_DATE_EPOCH when set (for
 * reproducible builds), else from the clock.  Today decides embargoes
 * only; no output carries it.  Returns 0 if SOURCE_DATE_EPOCH is bad.
 */
int
build_today(int tzmin, struct date *d)
{
	long long	 t, days;

	if (!build_epoch(&t))
		return 0;
	t += (long long)tzmin * 60;
	days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	*d = date_from_days((long)days);
	return 1;
}

/* An absolute path without ".", ".." or repeated slashes. */
char *
normpath(const char *path)
{
	char		 cwd[4096], *full, *p, *tok, *save = NULL;
	struct buf	 b;
	char	       **parts = NULL;
	size_t		 n = 0, i;

	if (path[0] == '/')
		full = xstrdup(path);
	else if (getcwd(cwd, sizeof(cwd)) != NULL)
		full = xasprintf("%s/%s", cwd, path);
	else
		full = xstrdup(path);
	for (p = full; (tok = strtok_r(p, "/", &save)) != NULL; p = NULL) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (n > 0)
				n--;
			continue;
		}
		parts = xreallocarray(parts, n + 1, sizeof(*parts));
		parts[n++] = tok;
	}
	memset(&b, 0, sizeof(b));
	for (i = 0; i < n; i++)
		buf_printf(&b, "/%s", parts[i]);
	if (n == 0)
		buf_putc(&b, '/');
	free(parts);
	free(full);
	return buf_take(&b);
}

/* The real path when it exists (symbolic links resolved), else normpath. */
char *
realish(const char *path)
{
	char	*r, *dir, *base, *slash, *out;

	if ((r = realpath(path, NULL)) != NULL)
		return r;
	/* A file that does not exist yet: resolve its directory. */
	dir = normpath(path);
	slash = strrchr(dir, '/');
	base = xstrdup(slash + 1);
	*slash = '\0';
	if ((r = realpath(*dir ? dir : "/", NULL)) != NULL) {
		out = xasprintf("%s/%s", strcmp(r, "/") == 0 ? "" : r, base);
		free(r);
	} else
		out = normpath(path);
	free(dir);
	free(base);
	return out;
}

/* Whether the resolved path file lies inside the resolved dir (or is
 * dir). */
int
path_under(const char *file, const char *dir)
{
	size_t	 n = strlen(dir);

	return strncmp(file, dir, n) == 0 && (file[n] == '/' ||
	    file[n] == '\0' || strcmp(dir, "/") == 0);
}

/* Whether file lies inside dir (or is dir). */
int
path_inside(const char *file, const char *dir)
{
	char	*f = realish(file), *d = realish(dir);
	int	 in;

	in = path_under(f, d);
	free(f);
	free(d);
	return in;
}

/* A monotonic clock, in seconds. */
double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The number of processors online: the default number of jobs. */
int
ncores(void)
{
	long	 n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/*
 * Markdown as the portal reads it: CommonMark with two extensions of
 * GitHub's, pipe tables and strikethrough, both of cmark-gfm.  Raw HTML
 * stays omitted (no CMARK_OPT_UNSAFE).  Strikethrough takes two tildes
 * only: Chinese writes a range with one (3~5天), which must stay text.
 */
#define MD_PARSE	(CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE)
#define MD_RENDER	CMARK_OPT_DEFAULT

static pthread_once_t		 md_once = PTHREAD_ONCE_INIT;
static cmark_syntax_extension	*md_table, *md_strike;
static cmark_llist		*md_exts;

/* The registry of extensions is global and unlocked: filled once. */
static void
md_init(void)
{
	cmark_mem	*mem = cmark_get_default_mem_allocator();

	cmark_gfm_core_extensions_ensure_registered();
	md_table = cmark_find_syntax_extension("table");
	md_strike = cmark_find_syntax_extension("strikethrough");
	if (md_table == NULL || md_strike == NULL) {
		fputs("disclose: cmark-gfm lacks its table or strikethrough "
		    "extension\n", stderr);
		abort();
	}
	md_exts = cmark_llist_append(mem, NULL, md_table);
	md_exts = cmark_llist_append(mem, md_exts, md_strike);
}

/* Parse Markdown; the caller frees the tree with cmark_node_free. */
cmark_node *
md_parse(const char *s, size_t len)
{
	static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
	cmark_parser		*p;
	cmark_node		*doc;

	pthread_once(&md_once, md_init);
	/* cmark-gfm adds an extension's special characters (~, |) to one
	 * table of the whole library while it reads inlines, and takes them
	 * out when done: two parses at once would read '~' differently. */
	pthread_mutex_lock(&lock);
	p = cmark_parser_new(MD_PARSE);
	cmark_parser_attach_syntax_extension(p, md_table);
	cmark_parser_attach_syntax_extension(p, md_strike);
	cmark_parser_feed(p, s, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	pthread_mutex_unlock(&lock);
	return doc;
}

/* A tree of md_parse as HTML.  The caller frees it. */
char *
md_html(cmark_node *doc)
{
	pthread_once(&md_once, md_init);
	return cmark_render_html(doc, MD_RENDER, md_exts);
}

/* Whether n is a cell of a pipe table (a block of inline text). */
int
md_iscell(cmark_node *n)
{
	const char	*t = cmark_node_get_type_string(n);

	return t != NULL && strcmp(t, "table_cell") == 0;
}

/*
 * The cell that heads the column of table cell n (the same place in the
 * table's first row), or NULL when n stands in that row itself.
 */
cmark_node *
md_cellhead(cmark_node *n)
{
	cmark_node	*row, *head, *k;
	size_t		 col = 0;

	if (!md_iscell(n) || (row = cmark_node_parent(n)) == NULL ||
	    cmark_node_parent(row) == NULL ||
	    (head = cmark_node_first_child(cmark_node_parent(row))) == row)
		return NULL;
	for (k = cmark_node_previous(n); k != NULL; k = cmark_node_previous(k))
		col++;
	for (k = cmark_node_first_child(head); k != NULL && col > 0;
	    k = cmark_node_next(k))
		col--;
	return k;
}

/* Whether c is a wide (East Asian) character: CJK, kana, full-width. */
static int
iswide(uint32_t c)
{
	return utf8proc_charwidth((utf8proc_int32_t)c) == 2;
}

/* The last code point of the literal of text node n, or 0. */
static uint32_t
lastcp(cmark_node *n)
{
	const char	*s;
	size_t		 len, i, w;

	if (n == NULL || cmark_node_get_type(n) != CMARK_NODE_TEXT ||
	    (s = cmark_node_get_literal(n)) == NULL || (len = strlen(s)) == 0)
		return 0;
	for (i = len - 1; i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80; i--)
		continue;
	return utf8_get(s, len, i, &w);
}

static uint32_t
firstcp(cmark_node *n)
{
	const char	*s;
	size_t		 w;

	if (n == NULL || cmark_node_get_type(n) != CMARK_NODE_TEXT ||
	    (s = cmark_node_get_literal(n)) == NULL || *s == '\0')
		return 0;
	return utf8_get(s, strlen(s), 0, &w);
}

/*
 * Chinese has no spaces between words: a line break of the source
 * between two wide characters is no space for the reader, so the soft
 * break between them goes (CommonMark renders it as a newline, which a
 * browser shows as a space).
 */
void
md_cjkbreaks(cmark_node *doc)
{
	cmark_iter	 *it;
	cmark_node	 *n, **drop = NULL;
	cmark_event_type  ev;
	size_t		  nd = 0, i;
	uint32_t	  a, b;

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_SOFTBREAK)
			continue;
		a = lastcp(cmark_node_previous(n));
		b = firstcp(cmark_node_next(n));
		if (a != 0 && b != 0 && iswide(a) && iswide(b)) {
			drop = xreallocarray(drop, nd + 1, sizeof(*drop));
			drop[nd++] = n;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < nd; i++)
		cmark_node_free(drop[i]);
	free(drop);
}

/*
 * Packing for the build cache: numbers as 8 bytes, strings as a length
 * (UINT64_MAX for none) and their bytes.  A reader that meets the end
 * early, or a length past it, is bad and reads zeros from then on.
 */
void
pk_u64(struct buf *b, uint64_t v)
{
	buf_put(b, (const char *)&v, sizeof(v));
}

void
pk_str(struct buf *b, const char *s)
{
	if (s == NULL) {
		pk_u64(b, UINT64_MAX);
		return;
	}
	pk_u64(b, strlen(s));
	buf_put(b, s, strlen(s));
}

uint64_t
upk_u64(struct unpk *u)
{
	uint64_t	 v;

	if (u->bad || (size_t)(u->e - u->p) < sizeof(v)) {
		u->bad = 1;
		return 0;
	}
	memcpy(&v, u->p, sizeof(v));
	u->p += sizeof(v);
	return v;
}

/* The bytes of a string, *n of them, where they lie in the pack; NULL
 * for none or when bad. */
const char *
upk_bytes(struct unpk *u, size_t *n)
{
	uint64_t	 k = upk_u64(u);
	const char	*p = u->p;

	if (u->bad || k == UINT64_MAX)
		return NULL;
	if (k > (uint64_t)(u->e - u->p) || memchr(u->p, '\0', k) != NULL) {
		u->bad = 1;
		return NULL;
	}
	u->p += k;
	*n = (size_t)k;
	return p;
}

/* A string (malloc'd), or NULL for none or when bad. */
char *
upk_str(struct unpk *u)
{
	const char	*p;
	size_t		 n;

	return (p = upk_bytes(u, &n)) == NULL ? NULL : xstrndup(p, n);
}

#define ISLATIN(c)	(((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z')

/* Each run of Latin letters of s (NULL: none), folded to lower case, added
 * to *v (*n of them).  The array grows by doubling, each time *n reaches a
 * power of two: a caller only ever appends to it through here (sorting
 * it in place is fine), starting from NULL or any array and 0. */
void
latin_words(const char *s, char ***v, size_t *n)
{
	const char	*p, *e;
	char		*w;
	size_t		 i;

	for (p = s; p != NULL && *p != '\0'; p = e) {
		for (; *p != '\0' && !ISLATIN(*p); p++)
			continue;
		for (e = p; ISLATIN(*e); e++)
			continue;
		if (e == p)
			break;
		w = xstrndup(p, (size_t)(e - p));
		for (i = 0; w[i] != '\0'; i++)
			w[i] = (char)(w[i] | 0x20);
		if ((*n & (*n - 1)) == 0)
			*v = xreallocarray(*v, (*n < 4 ? 4 : *n) * 2 + 2,
			    sizeof(**v));
		(*v)[(*n)++] = w;
	}
}
