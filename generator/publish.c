/*
 * Publishing: the whole portal is built in a staging directory beside
 * the output directory (on the same file system), and swapped in with
 * one atomic rename only when everything succeeded.  A failed build
 * removes its staging directory and leaves the output untouched.
 *
 * The portal that was swapped out may be kept beside the output as its
 * spare, .BASE.spare, once it holds nothing but files that the new
 * portal holds too (the same files, hard links: the cache prunes it).
 * The next build takes the spare for its staging directory and brings
 * it up to date, instead of making every directory and link anew; what
 * it holds is checked file by file before it is kept.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "disclose.h"
#include "extern.h"

/* Split out into its directory and base name; the caller frees both. */
static void
split(const char *out, char **dir, char **base)
{
	char	*p, *s;

	s = xstrdup(out);
	while (strlen(s) > 1 && s[strlen(s) - 1] == '/')
		s[strlen(s) - 1] = '\0';
	if ((p = strrchr(s, '/')) == NULL) {
		*dir = xstrdup(".");
		*base = s;
		return;
	}
	*base = xstrdup(p + 1);
	*dir = p == s ? xstrdup("/") : xstrndup(s, (size_t)(p - s));
	free(s);
}

static int
isempty(const char *dir)
{
	struct dirent	*de;
	DIR		*d;
	int		 empty = 1;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while (empty && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

/* The audience a built portal was made for, from its index.html; NULL
 * when it names none.  The caller frees it. */
char *
publish_audience(const char *out)
{
	static const char tag[] = "<meta name=\"disclose:audience\" "
	    "content=\"";
	char	*path, *text, *p, *aud = NULL;
	size_t	 len;

	path = xasprintf("%s/index.html", out);
	if ((text = readfile(path, 1024 * 1024, &len)) != NULL &&
	    (p = strstr(text, tag)) != NULL)
		aud = xstrndup(p + sizeof(tag) - 1,
		    strcspn(p + sizeof(tag) - 1, "\""));
	free(text);
	free(path);
	return aud;
}

/*
 * Whether out may be replaced by a portal for audience: it does not
 * exist, or it is an empty directory, or a portal (it has an index.html)
 * built for the same audience, and it is not the content directory.  An
 * internal portal never replaces a public one, nor the reverse: the
 * directory that is published stays what it was.  Returns 0 after
 * reporting why not.
 */
int
publish_check(const char *out, const char *audience)
{
	char		*was;
	struct stat	 st;
	char		*p;
	int		 portal, content;

	if (lstat(out, &st) == -1)
		return errno == ENOENT ? 1 : (syserr("%s", out), 0);
	if (!S_ISDIR(st.st_mode)) {
		errno = 0;
		syserr("%s: exists and is not a directory; refusing to "
		    "replace it", out);
		return 0;
	}
	p = xasprintf("%s/index.html", out);
	portal = access(p, F_OK) == 0;
	free(p);
	p = xasprintf("%s/site.yaml", out);
	content = access(p, F_OK) == 0;
	free(p);
	if (content || (!portal && !isempty(out))) {
		errno = 0;
		syserr("%s: not a portal built by disclose (it has %s); "
		    "refusing to replace it", out, content ? "site.yaml" :
		    "no index.html");
		return 0;
	}
	if (portal && (was = publish_audience(out)) != NULL) {
		if (strcmp(was, audience) != 0) {
			errno = 0;
			syserr("%s: holds the portal for the %s audience; "
			    "refusing to replace it with the %s one (choose "
			    "another directory with -o)", out, was, audience);
			free(was);
			return 0;
		}
		free(was);
	}
	return 1;
}

/* The path of out's spare; the caller frees it. */
static char *
spare(const char *out)
{
	char	*dir, *base, *path;

	split(out, &dir, &base);
	path = xasprintf("%s/.%s.spare", dir, base);
	free(dir);
	free(base);
	return path;
}

/*
 * Lock the output out for one build: every build of it, whatever its
 * content directory and audience, locks the directory that holds it
 * (where its stages and spare are too) first and holds it to the end,
 * so that none sweeps another's stage or swaps in over a portal it did
 * not check.  The directory, not a file in it: nothing is left behind.
 * Returns the descriptor (closing it frees the lock), or -1 after
 * reporting why.
 */
int
publish_lock(const char *out)
{
	char	*dir, *base;
	int	 fd;

	split(out, &dir, &base);
	fd = -1;
	if (!mkdirs(dir))
		goto done;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		syserr("%s", dir);
		goto done;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		fprintf(stderr, "disclose: another build into %s is running; "
		    "waiting for it\n", dir);
		while (flock(fd, LOCK_EX) == -1)
			if (errno != EINTR) {
				syserr("%s", dir);
				close(fd);
				fd = -1;
				break;
			}
	}
done:
	free(base);
	free(dir);
	return fd;
}

/*
 * Make the staging directory beside out; the caller frees the path.
 * With reuse, it is out's spare when there is one (*reused is then set,
 * and *files holds the paths of its files, *nfiles of them, for the
 * caller to free).  What a spare holds that no build makes goes first,
 * walked on pool: a symbolic link (the build would write, or remove,
 * through it, into what it points at), a FIFO, a device, a socket.
 * Without reuse, a spare is removed.
 */
char *
publish_stage(const char *out, int reuse, struct pool *pool, int *reused,
    char ***files, size_t *nfiles)
{
	struct stat	 st;
	char		*dir, *base, *tmpl, *sp;

	*reused = 0;
	*files = NULL;
	*nfiles = 0;
	split(out, &dir, &base);
	tmpl = xasprintf("%s/.%s.stage-XXXXXX", dir, base);
	free(base);
	/* The output's parent may not exist yet: make it. */
	if (!mkdirs(dir)) {
		free(dir);
		free(tmpl);
		return NULL;
	}
	free(dir);
	if (mkdtemp(tmpl) == NULL) {
		syserr("%s", tmpl);
		free(tmpl);
		return NULL;
	}
	/* The spare takes the place of the empty directory just made, under
	 * its name: a build killed from now on leaves it to be swept. */
	sp = spare(out);
	if (lstat(sp, &st) == 0) {
		if (reuse && S_ISDIR(st.st_mode) && rename(sp, tmpl) == 0) {
			*reused = 1;
			if (!findfiles(tmpl, "", FIND_HIDDEN | FIND_SCRUB,
			    pool, files, nfiles)) {
				/* Start from nothing instead. */
				*reused = 0;
				strv_free(*files, *nfiles);
				*files = NULL;
				*nfiles = 0;
				if (!rmtree(tmpl) || mkdir(tmpl, 0755) == -1) {
					syserr("%s", tmpl);
					free(sp);
					free(tmpl);
					return NULL;
				}
			}
		} else
			rmtree(sp);
	}
	free(sp);
	if (chmod(tmpl, 0755) == -1) {
		syserr("%s", tmpl);
		rmtree(tmpl);
		free(tmpl);
		return NULL;
	}
	return tmpl;
}

/*
 * Remove the staging directories that builds of out left when they were
 * killed.  The caller holds the lock of out's builds, so none of them
 * is in use.
 */
void
publish_sweep(const char *out)
{
	DIR		*d;
	struct dirent	*de;
	char		*dir, *base, *prefix, *path;
	size_t		 pl;

	split(out, &dir, &base);
	prefix = xasprintf(".%s.stage-", base);
	pl = strlen(prefix);
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strncmp(de->d_name, prefix, pl) != 0)
				continue;
			path = xasprintf("%s/%s", dir, de->d_name);
			rmtree(path);
			free(path);
		}
		closedir(d);
	}
	free(prefix);
	free(base);
	free(dir);
}

/* Throw away a staging directory after a failed build. */
void
publish_abort(const char *stage)
{
	if (stage != NULL)
		rmtree(stage);
}

/*
 * Swap the staging directory in as out, atomically where the system
 * can exchange two names, and remove what was there before; or, with
 * prev, leave it where *prev says (NULL when there was none), for the
 * caller to keep or remove.
 */
int
publish_swap(const char *stage, const char *out, char **prev,
    struct pool *pool)
{
	struct stat	 st;
	char		*old;
	int		 ok;

	if (prev != NULL)
		*prev = NULL;
	if (lstat(out, &st) == -1) {
		if (errno != ENOENT || rename(stage, out) == -1) {
			syserr("%s", out);
			return 0;
		}
		return 1;
	}
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, stage, AT_FDCWD, out, RENAME_EXCHANGE) == 0) {
		/* stage is now the previous portal */
		if (prev == NULL)
			return rmtree_pool(stage, pool);
		*prev = xstrdup(stage);
		return 1;
	}
	if (errno != EINVAL && errno != ENOSYS) {
		syserr("%s", out);
		return 0;
	}
#endif
	/* Without an exchange: two renames, the old one kept until done. */
	old = xasprintf("%s.old", stage);
	if (rename(out, old) == -1) {
		syserr("%s", out);
		free(old);
		return 0;
	}
	if (rename(stage, out) == -1) {
		syserr("%s", out);
		if (rename(old, out) == -1)
			syserr("%s: the previous portal is at %s", out, old);
		free(old);
		return 0;
	}
	if (prev != NULL) {
		*prev = old;
		return 1;
	}
	ok = rmtree_pool(old, pool);
	free(old);
	return ok;
}

/* Keep prev, the portal swapped out of out and pruned, as out's spare;
 * where it cannot be, remove it. */
void
publish_keep(const char *prev, const char *out)
{
	char	*sp;

	sp = spare(out);
	if (rename(prev, sp) == -1)
		rmtree(prev);
	free(sp);
}
