/*
 * The pipeline, in one direction: read and validate every record, redact
 * them for the audience, index, render into a staging directory, and
 * publish.  Any problem of content stops the build before anything is
 * published, with every problem reported.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void
content_free(struct content *c)
{
	size_t	 i;

	for (i = 0; i < c->nraw; i++)
		record_free(c->raw[i]);
	free(c->raw);
	config_free(c->cfg);
	policy_free(c->pol);
	memset(c, 0, sizeof(*c));
}

/*
 * Read site.yaml, policy.yaml and every record under cases/, and
 * validate them all.  Returns EXIT_SUCCESS, or the exit code after
 * reporting every problem.
 */
static int
content_read(const char *dir, struct content *c)
{
	struct record	**all = NULL;
	char		**files = NULL, *path;
	size_t		  i, n = 0;
	int		  ok, rok, sys = 0;

	memset(c, 0, sizeof(*c));
	path = xasprintf("%s/site.yaml", dir);
	c->cfg = config_read(path);
	free(path);
	path = xasprintf("%s/policy.yaml", dir);
	c->pol = policy_read(path);
	free(path);
	path = xasprintf("%s/cases", dir);
	if (!findfiles(path, ".md", &files, &n))
		sys = 1;
	free(path);
	c->nfiles = n;
	all = xcalloc(n, sizeof(*all));
	for (i = 0; i < n; i++) {
		all[i] = record_read(files[i], &rok);
		record_derive(all[i]);
		if (rok && c->cfg != NULL)
			rok = validate_record(all[i], c->cfg);
		if (!rok)
			all[i]->st = STATUS__MAX;	/* not to be built */
	}
	ok = validate_unique(all, n);
	c->raw = xcalloc(n, sizeof(*c->raw));
	for (i = 0; i < n; i++)
		if (all[i]->st != STATUS__MAX)
			c->raw[c->nraw++] = all[i];
		else
			record_free(all[i]);
	free(all);
	strv_free(files, n);
	if (sys)
		return EXIT_SYSTEM;
	if (!ok || diag_errors() > 0 || c->cfg == NULL || c->pol == NULL)
		return EXIT_CONTENT;
	return EXIT_SUCCESS;
}

/*
 * Today, in the site's time zone: from SOURCE_DATE_EPOCH when set (for
 * reproducible builds), else from the clock.  Today decides embargoes
 * only; no output carries it.  Returns 0 if SOURCE_DATE_EPOCH is bad.
 */
int
build_today(int tzmin, struct date *d)
{
	const char	*e;
	char		*end;
	long long	 t, days;

	if ((e = getenv("SOURCE_DATE_EPOCH")) != NULL && *e != '\0') {
		errno = 0;
		t = strtoll(e, &end, 10);
		if (*end != '\0' || errno != 0 || t < 0) {
			fprintf(stderr, "disclose: SOURCE_DATE_EPOCH: "
			    "expected seconds since 1970, got \"%s\"\n", e);
			return 0;
		}
	} else
		t = (long long)time(NULL);
	t += (long long)tzmin * 60;
	days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	*d = date_from_days((long)days);
	return 1;
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

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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

static char *
nohtml(size_t ground, int kind, void *arg)
{
	(void)ground;
	(void)kind;
	(void)arg;
	return xstrdup("");
}

/* disclose check: validate everything, write nothing. */
int
build_check(const char *dir)
{
	struct content	 c;
	struct redopts	 ro;
	struct record	*pub;
	size_t		 i, a;
	int		 rc, ok;

	rc = content_read(dir, &c);
	memset(&ro, 0, sizeof(ro));
	ro.text = "";
	ro.html = nohtml;
	/* Redaction finds the problems of hand marks in the body. */
	for (i = 0; rc == EXIT_SUCCESS && i < c.nraw; i++)
		for (a = 0; a < AUD__MAX; a++) {
			pub = redact_record(c.raw[i], c.pol, (enum audience)a,
			    &ro, NULL, &ok);
			record_free(pub);
			if (!ok) {
				rc = EXIT_CONTENT;
				break;
			}
		}
	diag_flush(stderr);
	if (rc == EXIT_SUCCESS)
		printf("disclose: %zu records checked, no problems\n",
		    c.nfiles);
	else
		fprintf(stderr, "disclose: %zu records checked, %zu "
		    "problem%s\n", c.nfiles, diag_errors(),
		    diag_errors() == 1 ? "" : "s");
	content_free(&c);
	return rc;
}

/* disclose build. */
int
build_run(const struct buildopts *o)
{
	struct content	 c;
	struct record	**pub = NULL;
	struct site	*site = NULL;
	struct pagelist	 pages;
	struct date	 today;
	struct redopts	 ro;
	struct redlog	 log;
	const char	*allow[1];
	char		*stage = NULL, *path, *robots;
	size_t		 i, npub = 0, nopen = 0, nembargo = 0, files;
	double		 t0 = now();
	int		 rc, ok = 1, rok;

	memset(&pages, 0, sizeof(pages));
	memset(&log, 0, sizeof(log));
	memset(&ro, 0, sizeof(ro));
	if ((rc = content_read(o->content, &c)) != EXIT_SUCCESS) {
		diag_flush(stderr);
		fprintf(stderr, "disclose: %zu problem%s; nothing was "
		    "published\n", diag_errors(), diag_errors() == 1 ?
		    "" : "s");
		content_free(&c);
		return rc;
	}
	if (!build_today(c.cfg->tzmin, &today)) {
		content_free(&c);
		return EXIT_USAGE;
	}
	if (!publish_check(o->out)) {
		content_free(&c);
		return EXIT_SYSTEM;
	}
	if (!render_load(o->templates, c.cfg->language)) {
		diag_flush(stderr);
		fprintf(stderr, "disclose: the templates are not usable; "
		    "nothing was published\n");
		content_free(&c);
		render_unload();
		return diag_errors() > 0 ? EXIT_CONTENT : EXIT_SYSTEM;
	}

	/* Redact what is to be built: not open, not embargoed. */
	allow[0] = c.cfg->contact_email;
	ro.text = render_withheld_text();
	ro.html = render_marker;
	ro.arg = c.pol;
	ro.allow = allow;
	ro.nallow = allow[0] != NULL;
	pub = xcalloc(c.nraw, sizeof(*pub));
	for (i = 0; i < c.nraw; i++) {
		if (c.raw[i]->st == STATUS_OPEN) {
			nopen++;
			continue;
		}
		if (date_cmp(&c.raw[i]->published_d, &today) > 0) {
			nembargo++;
			continue;
		}
		pub[npub++] = redact_record(c.raw[i], c.pol, o->aud, &ro,
		    &log, &rok);
		ok = ok && rok;
	}
	if (!ok) {
		rc = EXIT_CONTENT;
		goto out;
	}

	site = index_build(c.cfg, c.pol, o->aud, pub, npub);
	rc = EXIT_SYSTEM;
	if ((stage = publish_stage(o->out)) == NULL)
		goto out;
	if ((files = render_site(site, stage, o->jobs,
	    o->progress ? tick : NULL, &pages)) == 0)
		goto out;
	if ((i = feed_write(site, stage)) == 0)
		goto out;
	files += i;
	if (!feed_sitemap(site, &pages, stage) || !data_write(site, stage))
		goto out;
	files += 3;
	path = xasprintf("%s/style.css", o->templates);
	i = copyfile(path, stage, "style.css");
	free(path);
	if (!i)
		goto out;
	robots = xasprintf("User-agent: *\nAllow: /\nSitemap: %ssitemap.xml\n",
	    c.cfg->base_url);
	i = writefile(stage, "robots.txt", robots, strlen(robots));
	free(robots);
	if (!i)
		goto out;
	files += 2;
	if (!publish_swap(stage, o->out))
		goto out;
	free(stage);
	stage = NULL;
	rc = EXIT_SUCCESS;
	if (!o->quiet)
		printf("disclose: built %s for the %s audience: %zu cases, "
		    "%zu withdrawn, %zu embargoed and %zu open not "
		    "published; %zu files in %.2f s\n", o->out,
		    audience_names[o->aud], site->ncases,
		    site->npages - site->ncases, nembargo, nopen, files,
		    now() - t0);
out:
	diag_flush(stderr);
	if (rc != EXIT_SUCCESS)
		fprintf(stderr, "disclose: the build failed; %s was left as "
		    "it was\n", o->out);
	publish_abort(stage);
	free(stage);
	for (i = 0; i < pages.n; i++)
		free(pages.v[i].loc);
	free(pages.v);
	site_free(site);
	for (i = 0; i < npub; i++)
		record_free(pub[i]);
	free(pub);
	redlog_free(&log);
	render_unload();
	content_free(&c);
	return rc;
}
