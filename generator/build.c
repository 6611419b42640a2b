/*
 * The pipeline, in one direction: read and validate every record, redact
 * them for the audience, index, render into a staging directory, and
 * publish.  Any problem of content stops the build before anything is
 * published, with every problem reported.
 */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "disclose.h"
#include "extern.h"

/* Everything read from a content directory. */
struct content {
	struct config	 *cfg;
	struct policy	 *pol;
	struct record	**raw;		/* valid records, in file order */
	size_t		  nraw;
	size_t		  nfiles;	/* record files found */
};

static void content_drop(struct content *);

static void
content_free(struct content *c)
{
	content_drop(c);
	config_free(c->cfg);
	policy_free(c->pol);
	memset(c, 0, sizeof(*c));
}

/* The records of cases/ read and validated on the pool, one per item. */
struct readjob {
	const struct content	*c;
	char			**files;
	char			**dirs;	/* each file's directory, resolved
					 * (NULL: it cannot be) */
	struct record		**all;
	const char		*root;	/* content/, resolved */
	struct spill		*bodies; /* where bodies are set aside */
	struct cache		*cache;	/* records read before, or NULL */
};

static void
readone(void *arg, size_t i, int worker)
{
	struct readjob	*j = arg;
	struct pos	 one = { 1, 1 };
	struct record	*r;
	struct stat	 st;
	char		*real = NULL;
	size_t		 len;
	int		 ok;

	(void)worker;
	/* A record named with .MD would be lost to a build that took only
	 * .md: it is refused, and named. */
	len = strlen(j->files[i]);
	if (len >= 3 && strcasecmp(j->files[i] + len - 3, ".md") == 0 &&
	    strcmp(j->files[i] + len - 3, ".md") != 0) {
		diag_error(j->files[i], one, "the name of a record ends in "
		    ".md, in lower case: rename it %.*s.md, or it is not "
		    "read", (int)(len - 3), j->files[i]);
		r = xcalloc(1, sizeof(*r));
		r->path = xstrdup(j->files[i]);
		r->st = STATUS__MAX;
		j->all[i] = r;
		return;
	}
	/* A file read and validated before, as it was hashed, is taken as
	 * it was then; its body stays in the cache when the spill file can
	 * read it there again.  The cache never takes a link so
	 * (cache_record), so such a file is where its directory is, and is
	 * not looked at again. */
	if (j->cache != NULL && j->c->cfg != NULL && j->c->pol != NULL &&
	    j->dirs[i] != NULL) {
		real = xasprintf("%s%s", j->dirs[i],
		    strrchr(j->files[i], '/'));
		ok = path_under(real, j->root);
		free(real);
		real = NULL;
		if (ok && (r = cache_record(j->cache, j->files[i],
		    j->c->pol->ngrounds, !spill_keeps(j->bodies))) != NULL) {
			if (!record_keepbody(r, j->bodies))
				record_spillbody(r, j->bodies);
			record_compact(r, 0);
			j->all[i] = r;
			return;
		}
	}
	/* A record is what lies in content/: a symbolic link that leads
	 * out of it is not read.  Only a link needs resolving on its own;
	 * a file is where its directory is. */
	if (lstat(j->files[i], &st) == -1)
		;
	else if (S_ISLNK(st.st_mode))
		real = realpath(j->files[i], NULL);
	else if (j->dirs[i] != NULL)
		real = xasprintf("%s%s", j->dirs[i],
		    strrchr(j->files[i], '/'));
	else
		errno = ENOENT;
	if (real == NULL || !path_under(real, j->root)) {
		if (real == NULL)
			diag_error(j->files[i], one, "cannot be resolved: %s",
			    strerror(errno));
		else
			diag_error(j->files[i], one, "a symbolic link to %s, "
			    "outside the content directory %s; records are "
			    "read only from inside it", real, j->root);
		r = xcalloc(1, sizeof(*r));
		r->path = xstrdup(j->files[i]);
		r->st = STATUS__MAX;
		j->all[i] = r;
		free(real);
		return;
	}
	free(real);
	r = record_read(j->files[i], &ok);
	record_derive(r);
	if (ok && j->c->cfg != NULL)
		ok = validate_record(r, j->c->cfg);
	if (ok && j->cache != NULL && j->c->cfg != NULL && j->c->pol != NULL)
		cache_keeprecord(j->cache, r, j->c->pol->ngrounds);
	if (!ok)
		r->st = STATUS__MAX;	/* not to be built */
	else
		record_spillbody(r, j->bodies);
	/* Kept until it is redacted: in one block. */
	record_compact(r, 0);
	j->all[i] = r;
}

/*
 * Read site.yaml, policy.yaml and every record under cases/, and
 * validate them all.  With a spill file, the bodies of the valid
 * records wait there for redaction, not in memory.  Returns
 * EXIT_SUCCESS, or the exit code after reporting every problem.
 */
static int
content_read(const char *dir, struct content *c, struct spill *bodies,
    struct cache *cache, struct pool *pool)
{
	struct readjob	  j;
	struct pos	  one = { 1, 1 };
	char		**files = NULL, *path;
	size_t		  i, n = 0, len;
	int		  ok, sys = 0;

	memset(c, 0, sizeof(*c));
	path = xasprintf("%s/site.yaml", dir);
	c->cfg = config_read(path);
	free(path);
	path = xasprintf("%s/policy.yaml", dir);
	c->pol = policy_read(path);
	free(path);
	/* The declared list of exemptible situations, when there is one:
	 * the records' bases are checked against it. */
	path = xasprintf("%s/rules.yaml", dir);
	if (c->cfg != NULL)
		c->cfg->rules_bad = !rules_read(path, &c->cfg->rules);
	free(path);
	/* Failing closed, a policy that does not name a basis withholds
	 * it: said, since a declared list is there to be cited. */
	if (c->cfg != NULL && c->cfg->rules != NULL && c->pol != NULL &&
	    policy_rule(c->pol, "basis[]", AUD_PUBLIC) == NULL)
		diag_warn(c->pol->path, one, "fields: basis[] is not named, "
		    "so the items of rules.yaml each case relied on are "
		    "withheld (name it keep to publish them)");
	path = xasprintf("%s/cases", dir);
	if (!findfiles(path, ".md", FIND_ODD, pool, &files, &n))
		sys = 1;
	free(path);
	c->nfiles = n;
	memset(&j, 0, sizeof(j));
	j.c = c;
	j.files = files;
	j.all = xcalloc(n, sizeof(*j.all));
	j.root = realish(dir);
	j.bodies = bodies;
	j.cache = cache;
	/* The files are sorted: those of one directory come together, and
	 * it is resolved once for them all. */
	j.dirs = xcalloc(n + 1, sizeof(*j.dirs));
	for (i = 0; i < n; i++) {
		len = strrchr(files[i], '/') - files[i];
		if (i > 0 && strncmp(files[i], files[i - 1], len) == 0 &&
		    files[i - 1][len] == '/' &&
		    strchr(files[i - 1] + len + 1, '/') == NULL) {
			j.dirs[i] = j.dirs[i - 1];
			continue;
		}
		path = xstrndup(files[i], len);
		j.dirs[i] = realpath(path, NULL);
		free(path);
	}
	pool_for(pool, n, readone, &j);
	for (i = 0; i < n; i++)
		if (i == 0 || j.dirs[i] != j.dirs[i - 1])
			free(j.dirs[i]);
	free(j.dirs);
	ok = validate_unique(j.all, n);
	if (record_strays(dir, files, n, 1) > 0)
		ok = 0;
	c->raw = xcalloc(n, sizeof(*c->raw));
	for (i = 0; i < n; i++)
		if (j.all[i]->st != STATUS__MAX)
			c->raw[c->nraw++] = j.all[i];
		else
			record_free(j.all[i]);
	/* Every person the valid records name is declared by one. */
	if (c->cfg != NULL && c->pol != NULL &&
	    !validate_people(c->raw, c->nraw, c->pol, c->cfg, bodies,
	    cache != NULL ? cache_people(cache) : NULL, pool))
		ok = 0;
	free(j.all);
	free((char *)j.root);
	strv_free(files, n);
	if (sys || write_failed())
		return EXIT_SYSTEM;
	if (!ok || diag_errors() > 0 || c->cfg == NULL || c->pol == NULL)
		return EXIT_CONTENT;
	return EXIT_SUCCESS;
}

static int
copyfile(const char *from, const char *dir, const char *rel)
{
	char	*text;
	size_t	 len;
	int	 ok;

	if ((text = readfile(from, 16 * RECORD_MAX, &len)) == NULL) {
		syserr("%s", from);
		return 0;
	}
	ok = writefile(dir, rel, text, len);
	free(text);
	return ok;
}

static void
tick(size_t done, size_t total)
{
	static size_t	 last = SIZE_MAX;
	size_t		 pct, i;
	char		 bar[41];

	if (total == 0)
		return;
	pct = done * 100 / total;
	if (pct == last && done + 1 != total)
		return;
	last = pct;
	for (i = 0; i < 40; i++)
		bar[i] = i < done * 40 / total ? '#' : '.';
	bar[40] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu cases", bar, done + 1, total);
	if (done + 1 == total)
		fputs("\r\033[K", stderr);
}

/* The one embargo filter: a record is published when it is not a draft
 * and its publication date has come. */
static int
ispublished(const struct record *r, const struct date *today)
{
	return r->st != STATUS_OPEN && date_cmp(&r->published_d, today) <= 0;
}

/*
 * The ids of the records that are not published: open, or embargoed
 * until after today.  An id is distinctive, so it is searched for
 * everywhere; a title may be a phrase that others share, so it is not.
 * The caller frees the copies with strv_free.
 */
static char **
unpublished(const struct content *c, const struct date *today, size_t *n)
{
	char	**v;
	size_t	  i;

	v = xcalloc(c->nraw + 1, sizeof(*v));
	*n = 0;
	for (i = 0; i < c->nraw; i++)
		if (!ispublished(c->raw[i], today))
			v[(*n)++] = xstrdup(c->raw[i]->id.s);
	return v;
}

/* The records of a content directory are done with; its settings stay. */
static void
content_drop(struct content *c)
{
	size_t	 i;

	for (i = 0; i < c->nraw; i++)
		record_free(c->raw[i]);
	free(c->raw);
	c->raw = NULL;
	c->nraw = 0;
}

/*
 * Give back to the system the memory that was freed: jemalloc keeps
 * what a step frees for some ten seconds (a full build of 100,000
 * records holds half a gigabyte of it when the audit starts), the C
 * library's allocator at the top of its heap.  mallctl is jemalloc's,
 * when the program is linked with it; malloc_trim only reaches the C
 * library's.
 */
extern int mallctl(const char *, void *, size_t *, void *, size_t)
    __attribute__((weak));

static void
giveback(void)
{
	/* 4096 is jemalloc's MALLCTL_ARENAS_ALL: every arena. */
	if (mallctl == NULL ||
	    mallctl("arena.4096.purge", NULL, NULL, NULL, 0) != 0)
		malloc_trim(0);
}

/* What redaction and the audit need for one audience, set up once. */
struct setup {
	struct redopts	 ro;
	const char	**names;
	const char	**allow;
	struct protect	*prot;
	int		 detect;	/* detector hits are leaks */
	const char	**texts;	/* what the portal says of its own */
	size_t		  ntexts;
};

/*
 * What the portal publishes of its own beside the theme's words: the
 * text and source of each item of rules.yaml and of each red line, and
 * each ground of the policy.  A withheld text (a summary, a position)
 * that shares a run of words with them is not found in them.  The
 * strings are borrowed.
 */
static const char **
sitetexts(const struct content *c, size_t *n)
{
	const struct rules	*r = c->cfg->rules;
	const char		**v;
	size_t			  i, max;

	max = c->pol->ngrounds + (r != NULL ? 2 * (r->nitems + r->nlines) : 0);
	v = xcalloc(max + 1, sizeof(*v));
	*n = 0;
	for (i = 0; i < c->pol->ngrounds; i++)
		if (c->pol->grounds[i].text != NULL)
			v[(*n)++] = c->pol->grounds[i].text;
	for (i = 0; r != NULL && i < r->nitems; i++) {
		if (r->items[i].text != NULL)
			v[(*n)++] = r->items[i].text;
		if (r->items[i].source != NULL)
			v[(*n)++] = r->items[i].source;
	}
	for (i = 0; r != NULL && i < r->nlines; i++) {
		if (r->lines[i].text != NULL)
			v[(*n)++] = r->lines[i].text;
		if (r->lines[i].source != NULL)
			v[(*n)++] = r->lines[i].source;
	}
	return v;
}

static void
setup_init(struct setup *s, const struct content *c, enum audience aud,
    int lint, struct pool *pool)
{
	const struct rule	*r;
	char			**latin;
	size_t			  nlatin;

	memset(s, 0, sizeof(*s));
	s->names = config_public(c->cfg, &s->ro.nnames);
	s->allow = config_contacts(c->cfg, &s->ro.nallow);
	latin = config_latin(c->cfg, &nlatin);
	s->prot = protect_new(c->raw, c->nraw, c->pol, aud, latin, nlatin,
	    pool);
	strv_free(latin, nlatin);
	s->ro.names = s->names;
	s->ro.allow = s->allow;
	s->ro.prot = s->prot;
	s->ro.lint = lint;
	r = policy_rule(c->pol, "detected", aud);
	s->detect = r == NULL || r->op != OP_KEEP;
	s->texts = sitetexts(c, &s->ntexts);
}

static void
setup_free(struct setup *s)
{
	free(s->names);
	free(s->allow);
	free(s->texts);
	protect_free(s->prot);
	memset(s, 0, sizeof(*s));
}

/* Redaction of n records on the pool, one record per item. */
struct redactjob {
	const struct content	*c;
	const struct setup	*su;
	struct record *const	*in;
	struct record		**out;
	struct redlog		*logs;
	enum audience		 aud;
	int			 drop;	/* free each record once redacted */
	const struct spill	*bodies; /* where the records' bodies wait */
	struct spill		*spill;	/* where the bodies as HTML are set
					 * aside */
	struct cache		*cache;	/* records as redacted before, or
					 * NULL */
};

/*
 * A record as redacted before: the public form and the log that the
 * same record, with the same program, audience, site.yaml, policy.yaml
 * and protected set, gave then.  Its key is that of the record's file,
 * by name and bytes as read.  Its body as HTML is kept apart (an empty
 * text stands for it): its seal is checked here, so that a page made
 * again later can count on it, but it is kept in memory only then.
 */
static struct record *
cached(struct redactjob *j, const struct record *raw, struct redlog *log,
    unsigned char *key)
{
	struct record	*pub = NULL;
	char		*text;
	size_t		 len;

	cache_reckey(j->cache, raw, key);
	if (!cache_recget(j->cache, key, &text, &len))
		return NULL;
	if (!redacted_unpack(text, len, j->c->pol->ngrounds, &pub, log))
		pub = NULL;
	free(text);
	if (pub != NULL && pub->html != NULL &&
	    !cache_keepaside(j->cache, key)) {
		record_free(pub);
		redlog_free(log);
		pub = NULL;
	}
	if (pub != NULL)
		cache_rechit(j->cache);
	return pub;
}

static void
tocache(struct redactjob *j, const struct record *pub,
    const struct redlog *log, const unsigned char *key)
{
	struct buf	 b;

	memset(&b, 0, sizeof(b));
	redacted_pack(pub, log, j->c->pol->ngrounds, 1, &b);
	cache_recput(j->cache, key, b.p, b.len);
	cache_putaside(j->cache, key, pub->html);
	buf_free(&b);
}

static void
redactone(void *arg, size_t i, int worker)
{
	struct redactjob	*j = arg;
	struct record		*pub = NULL;
	unsigned char		 key[32];
	size_t			 len;

	(void)worker;
	if (j->cache != NULL &&
	    (pub = cached(j, j->in[i], &j->logs[i], key)) != NULL &&
	    pub->html != NULL) {
		/* Its body as HTML stays where the cache keeps it. */
		free(pub->html);
		pub->html = NULL;
		pub->html_kept = 1;
	}
	if (pub == NULL) {
		record_loadbody(j->in[i], j->bodies);
		pub = redact_record(j->in[i], j->c->pol, j->aud, &j->su->ro,
		    &j->logs[i]);
		if (j->cache != NULL)
			tocache(j, pub, &j->logs[i], key);
	}
	/* The public form is what its key says: the pages made of it may
	 * be known by it. */
	if (j->cache != NULL)
		memcpy(pub->src, key, sizeof(pub->src));
	else
		memset(pub->src, 0, sizeof(pub->src));
	j->out[i] = pub;
	/* Its body as HTML waits for its page on disk, not in memory. */
	len = pub->html != NULL ? strlen(pub->html) : 0;
	if (spill_put(j->spill, pub->html, len, &pub->html_at)) {
		pub->html_len = len;
		free(pub->html);
		pub->html = NULL;
	}
	/* Kept until the portal is written: in one block. */
	record_compact(pub, j->c->pol->ngrounds);
	/* Only the public form is read from here on: of the record, or at
	 * least of its body. */
	if (j->drop)
		record_free(j->in[i]);
	else {
		free(j->in[i]->body.s);
		j->in[i]->body.s = NULL;
	}
}

/* Where the texts of records taken from the build cache stay. */
struct keptsrc {
	struct cache		*cache;
	const struct content	*c;
};

/*
 * The body of a record taken from the cache as read (its body_kept):
 * read again under its file's name and bytes.  When the cache's copy
 * does not read well, the file is read again, if its bytes are still
 * those that the record was taken for.
 */
static char *
keptbody(void *arg, const struct record *r)
{
	struct keptsrc	*k = arg;
	struct record	*again;
	char		*body, *what;
	int		 ok;

	if ((body = cache_recordbody(k->cache, r->path)) != NULL)
		return body;
	again = record_read(r->path, &ok);
	if (ok && memcmp(again->src, r->src, 32) == 0 &&
	    again->body.s != NULL) {
		body = again->body.s;
		again->body.s = NULL;
		/* Kept again for the builds that follow. */
		cache_putbody(k->cache, r->path, body);
	}
	record_free(again);
	if (body == NULL) {
		errno = EIO;
		what = xasprintf("%s (its body, which the build cache did not "
		    "keep well and the file no longer holds as it was)",
		    r->path);
		readerr(what);
		free(what);
	}
	return body;
}

/* The body as HTML of a public record as the cache keeps it (its
 * html_kept): read again under the key of its redaction. */
static char *
kepthtml(void *arg, const struct record *r)
{
	struct keptsrc	*k = arg;
	char		*html, *what;

	if ((html = cache_getaside(k->cache, r->src)) == NULL) {
		errno = EIO;
		what = xasprintf("%s (the body of %s, as the build cache kept "
		    "it)", r->path, r->id.s != NULL ? r->id.s : "a case");
		readerr(what);
		free(what);
	}
	return html;
}

#define REDACTBATCH	4096

/*
 * The public forms of n records for the audience, in their order; what
 * each withheld is appended to log in the same order, whatever the
 * number of jobs.  The bodies of the records, read from bodies where
 * they were set aside, are given up as they are redacted, and the
 * records themselves when drop is set; the public bodies as HTML are
 * set aside in spill.  The caller frees the array and its records.
 */
static struct record **
redact_all(const struct content *c, const struct setup *su,
    struct record *const *in, size_t n, enum audience aud, int drop,
    const struct spill *bodies, struct spill *spill, struct pool *pool,
    struct redlog *log, struct cache *cache)
{
	struct redactjob	 j;
	struct record		**out;
	size_t			 i, m;

	out = xcalloc(n + 1, sizeof(*out));
	j.c = c;
	j.su = su;
	j.logs = xcalloc(REDACTBATCH, sizeof(*j.logs));
	j.aud = aud;
	j.drop = drop;
	j.bodies = bodies;
	j.spill = spill;
	j.cache = cache;
	/* A batch at a time, its logs joined to log as it ends: the logs
	 * of all the records are never held twice. */
	for (i = 0; i < n; i += m) {
		m = n - i < REDACTBATCH ? n - i : REDACTBATCH;
		j.in = in + i;
		j.out = out + i;
		pool_for(pool, m, redactone, &j);
		redlog_join(log, j.logs, m);
	}
	free(j.logs);
	return out;
}

/* The cache's judgement on a file of the stage, for the audit. */
static int
cleanfile(void *arg, const char *rel)
{
	return cache_clean(arg, rel);
}

/* What the audit of a portal needs to know of its cases. */
struct cases {
	char	**ids;		/* the public records' */
	char	**digests;
	size_t	  n;
	char	**hidden;	/* the records' not published */
	size_t	  nhidden;
};

/* The ids and digests of n public records, copied. */
static void
cases_of(struct cases *k, struct record *const *pub, size_t n)
{
	size_t	 i;

	k->ids = xcalloc(n + 1, sizeof(*k->ids));
	k->digests = xcalloc(n + 1, sizeof(*k->digests));
	for (i = 0; i < n; i++) {
		k->ids[i] = xstrdup(pub[i]->id.s);
		k->digests[i] = pub[i]->digest != NULL ?
		    xstrdup(pub[i]->digest) : NULL;
	}
	k->n = n;
}

static void
cases_free(struct cases *k)
{
	strv_free(k->ids, k->n);
	strv_free(k->digests, k->n);
	strv_free(k->hidden, k->nhidden);
	memset(k, 0, sizeof(*k));
}

/*
 * What the audit of a portal searches for, made of the redactions of
 * log, whose values are given up once its needles are made; with drop,
 * the whole log then, before the automaton is made of them.
 */
static struct audit *
audit_prepare(const struct setup *su, struct redlog *log,
    const struct cases *k, struct pool *pool, int drop)
{
	struct auditin	 in;
	struct audit	*a;
	const char	*const *theme, **ui;
	size_t		 ntheme;

	/* The theme's words and the portal's own texts. */
	theme = theme_strings(&ntheme);
	ui = xcalloc(ntheme + su->ntexts + 1, sizeof(*ui));
	memcpy(ui, theme, ntheme * sizeof(*ui));
	memcpy(ui + ntheme, su->texts, su->ntexts * sizeof(*ui));
	memset(&in, 0, sizeof(in));
	in.log = log;
	in.prot = su->prot;
	in.ro = &su->ro;
	in.ids = (const char *const *)k->ids;
	in.nids = k->n;
	in.hidden = (const char *const *)k->hidden;
	in.nhidden = k->nhidden;
	in.digests = (const char *const *)k->digests;
	in.ndigests = k->n;
	in.ui = ui;
	in.nui = ntheme + su->ntexts;
	in.latin = theme_latin(&in.nlatin);
	in.detect = su->detect;
	in.pool = pool;
	a = audit_new(&in);
	free(ui);
	if (drop)
		redlog_free(log);
	else
		redlog_forget(log);
	audit_arm(a, pool);
	return a;
}

/* audit_prepare on a thread of its own, beside the index and the
 * rendering of the site, which read nothing it changes: serial, for the
 * pool is theirs. */
struct prepjob {
	const struct setup	*su;
	struct redlog		*log;
	const struct cases	*k;
	struct pool		*pool;
	int			 drop;	/* the log too, once used */
	struct audit		*a;
};

static void *
prepmain(void *arg)
{
	struct prepjob	*j = arg;

	j->a = audit_prepare(j->su, j->log, j->k, j->pool, j->drop);
	return NULL;
}

/*
 * The audit a of a directory, which it frees; with the cache, of the
 * files that changed since they last passed an audit of the same key.
 */
static size_t
audit_run(struct audit *a, const char *dir, const char *label,
    struct pool *pool, struct cache *cache, int timings)
{
	size_t		 found, n;
	const char	**rels;

	/* A file as it was, for the same search, need not be read again. */
	if (cache != NULL) {
		if (!cache_reuse(cache, dir, label, audit_key(a), pool)) {
			audit_free(a);
			return SIZE_MAX;
		}
		audit_skip(a, cleanfile, cache);
		cache_auditkey(cache, audit_key(a));
		audit_memo(a, cache_auditload, cache_auditsave, cache);
		/* The cache walked the stage: its files are known. */
		rels = cache_unclean(cache, &n);
		found = audit_files(a, dir, label, rels, n, pool);
		free(rels);
		cache_auditkeep(cache, label);
		if (timings) {
			size_t	 f, nf, r, nr;

			f = cache_cleanfiles(cache, &nf);
			r = audit_passed(a, &nr);
			fprintf(stderr, "disclose: %zu of %zu files, %zu of "
			    "%zu cases of open data as audited before (the "
			    "cache)\n", f, nf, r, nr);
		}
	} else
		found = audit_dir(a, dir, label, pool);
	audit_free(a);
	return found;
}

/*
 * disclose check: validate everything, write nothing.  Then read every
 * published text as the public portal would show it, and warn where a
 * protected name may be an ordinary word or a given name stands alone.
 */
int
build_check(const char *dir)
{
	struct content	 c;
	struct setup	 su;
	struct redlog	 log;
	struct record	**in, **pub;
	struct pool	*pool;
	size_t		 i, n = 0;
	int		 rc;

	memset(&log, 0, sizeof(log));
	pool = pool_new(ncores());
	rc = content_read(dir, &c, NULL, NULL, pool);
	if (rc == EXIT_SUCCESS) {
		setup_init(&su, &c, AUD_PUBLIC, 1, pool);
		in = xcalloc(c.nraw + 1, sizeof(*in));
		for (i = 0; i < c.nraw; i++)
			if (c.raw[i]->st != STATUS_OPEN)
				in[n++] = c.raw[i];
		pub = redact_all(&c, &su, in, n, AUD_PUBLIC, 0, NULL, NULL,
		    pool, &log, NULL);
		for (i = 0; i < n; i++)
			record_free(pub[i]);
		free(pub);
		free(in);
		setup_free(&su);
	}
	pool_free(pool);
	diag_flush(stderr);
	if (rc == EXIT_SUCCESS && log.warnings == 0)
		printf("disclose: %zu records checked, no problems\n",
		    c.nfiles);
	else if (rc == EXIT_SUCCESS)
		printf("disclose: %zu records checked, no problems; %zu "
		    "warning%s to review\n", c.nfiles, log.warnings,
		    log.warnings == 1 ? "" : "s");
	else
		fprintf(stderr, "disclose: %zu records checked, %zu "
		    "problem%s\n", c.nfiles, diag_errors(),
		    diag_errors() == 1 ? "" : "s");
	redlog_free(&log);
	content_free(&c);
	return rc;
}

/* The feeds and the sitemap, written side by side. */
struct outjob {
	const struct site	*site;
	const struct pagelist	*pages;
	const char		*stage;
	size_t			 files[2];
};

static void
outone(void *arg, size_t i, int worker)
{
	struct outjob	*j = arg;

	(void)worker;
	if (i == 0)
		j->files[0] = feed_write(j->site, j->stage);
	else
		j->files[1] = feed_sitemap(j->site, j->pages, j->stage);
}

/* The number of files written, or 0 on error (reported).  Then the
 * open data and the search index, which make their cases on the pool;
 * hits[0] and hits[1] say how many cases of each were as made before,
 * hits[2] how many of the hits[3] shards of the index. */
static size_t
outputs(const struct site *site, const struct pagelist *pages,
    const char *stage, struct pool *pool, size_t *hits)
{
	struct outjob	 j;
	size_t		 n, k;

	memset(&j, 0, sizeof(j));
	j.site = site;
	j.pages = pages;
	j.stage = stage;
	pool_for(pool, 2, outone, &j);
	if (j.files[0] == 0 || j.files[1] == 0)
		return 0;
	if (!data_write(site, stage, pool, &hits[0]) ||
	    !oversight_write(site, site->ov, stage))
		return 0;
	n = site->cfg->rules != NULL;	/* data/rules.json */
	if ((k = search_write(site, stage, pool, &hits[1])) == 0)
		return 0;
	return j.files[0] + j.files[1] + 4 + n + k;
}

/* The moment a record comes out, in seconds since 1970: its day of
 * publication, begun in the site's time zone. */
static long long
outat(const struct record *r, const struct content *c)
{
	return date_days(&r->published_d) * 86400LL -
	    (long long)c->cfg->tzmin * 60;
}

/*
 * When the portal next changes with no change to the content: the
 * first moment that an embargoed case comes out, or 0 when none waits.
 */
static long long
nextembargo(const struct content *c, const struct date *today)
{
	long long	 t, until = 0;
	size_t		 i;

	for (i = 0; i < c->nraw; i++) {
		if (c->raw[i]->st == STATUS_OPEN ||
		    date_cmp(&c->raw[i]->published_d, today) <= 0)
			continue;
		t = outat(c->raw[i], c);
		if (until == 0 || t < until)
			until = t;
	}
	return until;
}

static int
bycaseline(const void *a, const void *b, void *arg)
{
	const struct redaction	*v = arg;
	const struct redaction	*x = &v[*(const size_t *)a];
	const struct redaction	*y = &v[*(const size_t *)b];
	int			 c;

	if ((c = strcmp(x->id, y->id)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->where, y->where);
}

/*
 * build -v: what was withheld, case by case: where, how and on which
 * ground; never the value, which only the redaction report holds.
 */
static void
withheld(const struct redlog *log, const struct policy *pol)
{
	const struct redaction	*r;
	size_t			*order, i, j, n;

	order = xcalloc(log->n + 1, sizeof(*order));
	for (i = 0; i < log->n; i++)
		order[i] = i;
	qsort_r(order, log->n, sizeof(*order), bycaseline, log->v);
	for (i = 0; i < log->n; i = j) {
		r = &log->v[order[i]];
		for (n = 0, j = i; j < log->n &&
		    strcmp(log->v[order[j]].id, r->id) == 0; j++)
			n++;
		printf("%s: %zu item%s withheld\n", r->id, n, n == 1 ? "" :
		    "s");
		for (j = i; j < i + n; j++) {
			r = &log->v[order[j]];
			printf("  %s:%d: %s: %s, on the ground %s%s%s\n",
			    r->path, r->line, r->where, op_names[r->op],
			    theme_ground(pol, r->ground),
			    r->from != NULL ? "; a name of " : "",
			    r->from != NULL ? r->from : "");
		}
	}
	free(order);
}

/*
 * --timings: what a step of the build cost, from the end of the one
 * before: wall and CPU time, and the peak memory so far.
 */
struct stamp {
	int	 on;
	double	 wall, cpu;
};

static double
cputime(void)
{
	struct rusage	 ru;

	if (getrusage(RUSAGE_SELF, &ru) == -1)
		return 0;
	return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/*
 * The heap is backed by huge pages (main.c's malloc_conf) in a build
 * that takes most of its records from the cache, while it is small:
 * they spare the faults of unpacking tens of thousands of records that
 * are dropped again, but hold a fifth more at the peak, and the peak of
 * a full build must stay bounded.  In a full build (from the start with
 * --full, else once the inputs are hashed), and past HUGEMAX of resident
 * memory at the end of a step, what the build touches anew comes in
 * pages of 4 KiB.
 */
#define HUGEMAX	(512L * 1024)	/* KiB */

static void
hugepages(int off)
{
	static int	 done;
	struct rusage	 ru;

	if (done || (!off && (getrusage(RUSAGE_SELF, &ru) == -1 ||
	    ru.ru_maxrss < HUGEMAX)))
		return;
	done = 1;
	(void)prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
}

static void
step(struct stamp *t, const char *name)
{
	struct rusage	 ru;
	double		 w, c;

	hugepages(0);
	if (!t->on)
		return;
	w = now();
	c = cputime();
	if (name != NULL) {
		if (getrusage(RUSAGE_SELF, &ru) == -1)
			ru.ru_maxrss = 0;
		fprintf(stderr, "disclose: %-34s %7.2f s wall %7.2f s CPU, "
		    "peak %ld MiB\n", name, w - t->wall, c - t->cpu,
		    ru.ru_maxrss / 1024);
	}
	t->wall = w;
	t->cpu = c;
}

/*
 * disclose build: read and validate, redact, render into a staging
 * directory, audit what was rendered, and swap it in for the portal.
 * The cache spares what did not change; nothing else is skipped.
 */
int
build_run(const struct buildopts *o)
{
	struct content	 c;
	struct record	**in, **pub = NULL;
	struct site	*site = NULL;
	struct pagelist	 pages;
	struct date	 today;
	struct setup	 su;
	struct redlog	 log;
	struct pool	*pool = NULL;
	struct cache	*cache = NULL;
	struct spill	*spill = NULL, *bodies = NULL;
	struct cases	 k;
	struct audit	*au = NULL;
	struct keptsrc	 kept;
	size_t		 nheld = 0, ncross = 0;
	struct stamp	 ts;
	unsigned char	 pkey[32];
	char		*stage = NULL, *prev, *path, *robots;
	char		**spared;	/* the files of a reused spare */
	size_t		 nspared;
	size_t		 i, n, npub = 0, nopen = 0, nembargo = 0, files;
	size_t		 shits[4] = { 0, 0, 0, 0 };
	struct buf	 emb;	/* the embargoed cases and their dates */
	size_t		 ncases = 0, nwithdrawn = 0;
	long long	 epoch, until, since = 0;
	double		 t0 = now();
	struct prepjob	 pj;
	pthread_t	 th;
	int		 rc, problems = 0, recs, reused, outlock;
	int		 threaded = 0;

	memset(&c, 0, sizeof(c));
	memset(&pages, 0, sizeof(pages));
	memset(&log, 0, sizeof(log));
	memset(&emb, 0, sizeof(emb));
	memset(&su, 0, sizeof(su));
	memset(&k, 0, sizeof(k));
	memset(&pj, 0, sizeof(pj));
	write_reset();
	if (o->full)
		hugepages(1);
	ts.on = o->timings;
	step(&ts, NULL);
	if (!build_epoch(&epoch))
		return EXIT_USAGE;
	if (o->report != NULL && path_inside(o->report, o->out)) {
		fprintf(stderr, "disclose: --report %s: the report holds the "
		    "original values and cannot be written inside the output "
		    "directory %s\n", o->report, o->out);
		return EXIT_USAGE;
	}
	/* Every build of the output waits for the one before: what it
	 * checks of the portal there stays so until it swaps its own in. */
	if ((outlock = publish_lock(o->out)) == -1)
		return EXIT_SYSTEM;
	if (!publish_check(o->out, audience_names[o->aud]) ||
	    (cache = cache_open(o->content, o->out, o->aud, o->full)) ==
	    NULL) {
		close(outlock);
		return EXIT_SYSTEM;
	}
	/* What killed builds left: under the lock, no build uses it. */
	publish_sweep(o->out);
	pool = pool_new(o->jobs);
	i = cache_inputs(cache, o->content, o->templates, o->aud, pool);
	{
		size_t	 of, kept = cache_rehashed(cache, &of);

		if (o->full || 2 * kept < of)
			hugepages(1);
		step(&ts, "inputs hashed");
		if (o->timings)
			fprintf(stderr, "disclose: %zu of %zu record files as "
			    "hashed before, unchanged since (the cache)\n",
			    kept, of);
	}
	/* A record outside cases/ is in no key: looked for each time. */
	if (i && o->report == NULL && record_strays(o->content, NULL, 0,
	    0) == 0 && cache_fresh(cache, o->out, epoch, pool)) {
		if (!o->quiet)
			printf("disclose: %s is up to date: nothing changed "
			    "since the last build (%.2f s; --full builds it "
			    "again)\n", o->out, now() - t0);
		pool_free(pool);
		cache_close(cache);
		close(outlock);
		return EXIT_SUCCESS;
	}

	/* The records' bodies wait for redaction in an unnamed file of the
	 * content directory, where they already are on disk; where none can
	 * be made, in memory. */
	bodies = spill_new(o->content);
	/* Of a record taken from the cache, the body stays there. */
	kept.cache = cache;
	kept.c = &c;
	if (bodies != NULL)
		spill_keeper(bodies, keptbody, &kept);
	cache_sources(cache, 1);
	rc = content_read(o->content, &c, bodies, cache, pool);
	cache_sources(cache, 0);
	if (!cache_verified(cache))
		fprintf(stderr, "disclose: an input changed while it was read; "
		    "nothing of this build is kept for the next one\n");
	step(&ts, "read, validated, people checked");
	if (o->timings)
		fprintf(stderr, "disclose: %zu of %zu records as read before, "
		    "%zu of %zu records' people as checked before (the "
		    "cache)\n", cache_parsed(cache), c.nfiles,
		    cache_peoplehits(cache), c.nraw);
	if (rc != EXIT_SUCCESS) {
		problems = 1;
		goto out;
	}
	rc = EXIT_USAGE;
	if (!build_today(c.cfg->tzmin, &today))
		goto out;
	if (!theme_load(o->templates, c.cfg->language)) {
		fprintf(stderr, "disclose: the templates are not usable; "
		    "nothing was published\n");
		rc = diag_errors() > 0 ? EXIT_CONTENT : EXIT_SYSTEM;
		goto out;
	}

	/* Redact what is to be built: not open, not embargoed.  Each
	 * record goes as its public form comes; the others stay. */
	setup_init(&su, &c, o->aud, 0, pool);
	su.ro.contexts = o->report != NULL;
	in = xcalloc(c.nraw + 1, sizeof(*in));
	for (i = n = 0; i < c.nraw; i++) {
		if (ispublished(c.raw[i], &today)) {
			/* The last to come out: a clock set back before it
			 * embargoes it again. */
			if (outat(c.raw[i], &c) > since)
				since = outat(c.raw[i], &c);
			in[npub++] = c.raw[i];
			continue;
		}
		if (c.raw[i]->st == STATUS_OPEN)
			nopen++;
		else if (nembargo++ < 10)
			buf_printf(&emb, "%s%s until %s", nembargo > 1 ?
			    ", " : " (", c.raw[i]->id.s,
			    c.raw[i]->published.st == V_SET ?
			    c.raw[i]->published.s : "?");
		c.raw[n++] = c.raw[i];
	}
	c.nraw = n;
	if (nembargo > 10)
		buf_printf(&emb, " and %zu more", nembargo - 10);
	if (nembargo > 0)
		buf_puts(&emb, ")");
	/* A full build starts from the spare too, its directories made
	 * already; but it writes every file anew, and removes those it
	 * does not write. */
	if ((stage = publish_stage(o->out, 1, pool, &reused, &spared,
	    &nspared)) == NULL) {
		/* The records to publish are this build's now. */
		for (i = 0; i < npub; i++)
			record_free(in[i]);
		npub = 0;
		free(in);
		rc = EXIT_SYSTEM;
		goto out;
	}
	spill = spill_new(stage);
	cache_watch(cache, stage, o->out, reused, spared, nspared);
	protect_digest(su.prot, pkey);
	recs = cache_records(cache, pkey, su.ro.contexts);
	pub = redact_all(&c, &su, in, npub, o->aud, 1, bodies, spill, pool,
	    &log, recs ? cache : NULL);
	free(in);
	/* Of the records not published, the audit needs their ids, and the
	 * cache the day the next embargo ends. */
	k.hidden = unpublished(&c, &today, &k.nhidden);
	until = nextembargo(&c, &today);
	content_drop(&c);
	spill_free(bodies);
	bodies = NULL;
	malloc_trim(0);
	step(&ts, "redacted");
	if (o->timings)
		fprintf(stderr, "disclose: %zu of %zu records as redacted "
		    "before (the cache)\n", cache_rechits(cache), npub);
	rc = EXIT_SYSTEM;
	/* A body that could not be read back stops the build (reported). */
	if (write_failed())
		goto out;
	if (o->report != NULL && !report_write(&log, c.pol, o->report))
		goto out;
	/* What the audit will search for is made now, of the public
	 * records' ids and digests and of the log, which is then given up
	 * (but for -v), while the portal is written. */
	cases_of(&k, pub, npub);
	nheld = log.n;
	ncross = log.cross;
	pj.su = &su;
	pj.log = &log;
	pj.k = &k;
	pj.pool = NULL;
	pj.drop = !o->verbose;
	pj.a = NULL;
	if ((threaded = pthread_create(&th, NULL, prepmain, &pj) == 0) == 0) {
		pj.pool = pool;
		prepmain(&pj);
	}
	site = index_build(c.cfg, c.pol, o->aud, pub, npub);

	/* Render into a staging directory. */
	site->spill = spill;
	site->kepthtml = kepthtml;
	site->keptarg = &kept;
	site->memo = recs ? cache_pages(cache) : NULL;
	if ((files = render_site(site, stage, pool,
	    o->progress ? tick : NULL, &pages)) == 0)
		goto out;
	if (!cache_recheck(cache, o->templates, pool))
		fprintf(stderr, "disclose: the templates changed while the "
		    "portal was rendered; nothing of this build is kept for "
		    "the next one\n");
	step(&ts, "rendered");
	if (o->timings) {
		i = cache_pagehits(cache, PAGE_LIST, &n);
		fprintf(stderr, "disclose: %zu of %zu pages of cases, %zu of "
		    "%zu pages of listings as made before (the cache)\n",
		    cache_pagehits(cache, PAGE_CASE, NULL), site->npages, i, n);
	}
	if ((i = outputs(site, &pages, stage, pool, shits)) == 0)
		goto out;
	files += i;
	path = xasprintf("%s/style.css", o->templates);
	i = copyfile(path, stage, "style.css");
	free(path);
	if (!i)
		goto out;
	path = xasprintf("%s/search.js", o->templates);
	i = copyfile(path, stage, "search/search.js");
	free(path);
	if (!i)
		goto out;
	path = xasprintf("%s/large.js", o->templates);
	i = copyfile(path, stage, "large.js");
	free(path);
	if (!i)
		goto out;
	robots = xasprintf("User-agent: *\nAllow: /\nSitemap: %ssitemap.xml\n",
	    c.cfg->base_url);
	i = writefile(stage, "robots.txt", robots, strlen(robots));
	free(robots);
	if (!i)
		goto out;
	files += 4;
	/* Written: the public records are done with. */
	ncases = site->ncases;
	nwithdrawn = site->npages - site->ncases;
	site_free(site);
	site = NULL;
	for (i = 0; i < npub; i++)
		record_free(pub[i]);
	npub = 0;
	giveback();
	step(&ts, "feeds, data, sitemap, search");
	if (o->timings)
		fprintf(stderr, "disclose: %zu of %zu cases of open data, "
		    "%zu of %zu cases' entries of the search index as made "
		    "before (the cache)\n", shits[0], ncases + nwithdrawn,
		    shits[1], ncases);
	if (o->timings)
		fprintf(stderr, "disclose: %zu of %zu shards of the search "
		    "index as made before (the cache)\n", shits[2], shits[3]);
	if (o->timings) {
		i = cache_pagehits(cache, PAGE_FEED, &n);
		fprintf(stderr, "disclose: %zu of %zu feeds of entries as "
		    "made before (the cache)\n", i, n);
	}

	/* The second line of defence: the bytes, not the code path. */
	if (threaded) {
		pthread_join(th, NULL);
		threaded = 0;
	}
	au = pj.a;
	pj.a = NULL;
	i = audit_run(au, stage, o->out, pool, cache, o->timings);
	au = NULL;
	step(&ts, "audited");
	if (i == SIZE_MAX)
		goto out;
	if (i > 0) {
		diag_flush(stderr);
		fprintf(stderr, "disclose: the audit found %zu leak%s in the "
		    "built portal; nothing was published\n", i,
		    i == 1 ? "" : "s");
		rc = EXIT_CONTENT;
		goto out;
	}
	if (!publish_swap(stage, o->out, &prev, pool))
		goto out;
	/* What was published before is kept as the spare of the next
	 * build, once it holds no file that is not published now; after a
	 * full build, once each of its files is a link to the one
	 * published under its name.  Otherwise it goes. */
	if (prev != NULL) {
		if (cache_prune(cache, prev) ||
		    cache_respare(cache, o->out, prev, pool))
			publish_keep(prev, o->out);
		else
			rmtree_pool(prev, pool);
		free(prev);
		prev = NULL;
	}
	/* A full build that replaced no portal makes a spare anew. */
	if (cache_spareless(cache) &&
	    (prev = publish_stage(o->out, 0, pool, &reused, &spared,
	    &nspared)) != NULL) {
		if (cache_spare(cache, o->out, prev, pool))
			publish_keep(prev, o->out);
		else
			rmtree_pool(prev, pool);
		free(prev);
	}
	step(&ts, "swapped in");
	free(stage);
	stage = NULL;
	rc = EXIT_SUCCESS;
	if (!cache_save(cache, o->out, since, until))
		fprintf(stderr, "disclose: the next build will be a full "
		    "one\n");
	step(&ts, "cache kept");
	if (o->verbose)
		withheld(&log, c.pol);
	if (!o->quiet)
		printf("disclose: built %s for the %s audience: %zu cases, "
		    "%zu withdrawn, %zu embargoed%s and %zu open not "
		    "published; %zu items withheld (%zu names of people "
		    "of other cases); %zu files (%zu as they were) in "
		    "%.2f s\n", o->out, audience_names[o->aud],
		    ncases, nwithdrawn, nembargo, emb.p != NULL ? emb.p : "",
		    nopen, nheld, ncross, files, cache_linked(cache),
		    now() - t0);
out:
	diag_flush(stderr);
	if (problems)
		fprintf(stderr, "disclose: %zu problem%s; nothing was "
		    "published\n", diag_errors(), diag_errors() == 1 ?
		    "" : "s");
	else if (rc != EXIT_SUCCESS)
		fprintf(stderr, "disclose: the build failed; %s was left as "
		    "it was\n", o->out);
	/* The audit's preparation reads the log and the protected set. */
	if (threaded)
		pthread_join(th, NULL);
	audit_free(pj.a);
	spill_free(spill);
	spill_free(bodies);
	publish_abort(stage);
	free(stage);
	for (i = 0; i < pages.n; i++)
		free(pages.v[i].loc);
	free(pages.v);
	site_free(site);
	for (i = 0; i < npub; i++)
		record_free(pub[i]);
	free(pub);
	audit_free(au);
	cases_free(&k);
	setup_free(&su);
	buf_free(&emb);
	redlog_free(&log);
	theme_unload();
	content_free(&c);
	pool_free(pool);
	/* A failed build: the files it took from the portal stay usable. */
	if (rc != EXIT_SUCCESS)
		cache_abort(cache, o->out);
	cache_close(cache);
	close(outlock);
	return rc;
}

/*
 * disclose audit: scan a built site for every value that the policy
 * withholds from the audience, every protected name, and what the
 * broad number finder reads.
 */
int
build_audit(const char *dir, const char *templates, enum audience aud,
    const char *site, int jobs)
{
	struct content	 c;
	struct setup	 su;
	struct redlog	 log;
	struct record	**pub;
	struct pool	*pool;
	struct date	 today;
	struct cases	 k;
	size_t		 i, found;
	char		*path;
	int		 rc;

	pool = pool_new(jobs);
	if ((rc = content_read(dir, &c, NULL, NULL, pool)) != EXIT_SUCCESS) {
		diag_flush(stderr);
		content_free(&c);
		pool_free(pool);
		return rc;
	}
	if (!build_today(c.cfg->tzmin, &today)) {
		content_free(&c);
		pool_free(pool);
		return EXIT_USAGE;
	}
	/* The theme's words are no case's: without a theme at hand, none is
	 * set apart. */
	path = xasprintf("%s/strings.yaml", templates);
	if (access(path, F_OK) == 0 && !theme_load(templates,
	    c.cfg->language)) {
		free(path);
		diag_flush(stderr);
		theme_unload();
		content_free(&c);
		pool_free(pool);
		return EXIT_CONTENT;
	}
	free(path);
	memset(&log, 0, sizeof(log));
	setup_init(&su, &c, aud, 0, pool);
	/* Every record counts, published or not: an open case must not
	 * leak either. */
	pub = redact_all(&c, &su, c.raw, c.nraw, aud, 0, NULL, NULL, pool,
	    &log, NULL);
	memset(&k, 0, sizeof(k));
	cases_of(&k, pub, c.nraw);
	k.hidden = unpublished(&c, &today, &k.nhidden);
	found = audit_run(audit_prepare(&su, &log, &k, pool, 0), site, site,
	    pool, NULL, 0);
	cases_free(&k);
	diag_flush(stderr);
	if (found == SIZE_MAX)
		rc = EXIT_SYSTEM;
	else if (found > 0) {
		fprintf(stderr, "disclose: %zu leak%s found in %s\n", found,
		    found == 1 ? "" : "s", site);
		rc = EXIT_CONTENT;
	} else {
		printf("disclose: %s: no leak found (%zu values, %zu protected "
		    "names and the detectors checked)\n", site, log.n,
		    su.prot->n);
		rc = EXIT_SUCCESS;
	}
	for (i = 0; i < c.nraw; i++)
		record_free(pub[i]);
	free(pub);
	setup_free(&su);
	redlog_free(&log);
	theme_unload();
	content_free(&c);
	pool_free(pool);
	return rc;
}
