/*
 * The preview for officers: build the portal, serve it on 127.0.0.1
 * with libmicrohttpd, and build it again whenever a file under the
 * content or the theme changes.  A build that fails leaves the last good
 * portal in place (publishing is atomic), so the preview keeps working
 * while the errors are shown.
 */
#include <sys/stat.h>

#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include "disclose.h"
#include "extern.h"

static volatile sig_atomic_t	 stop;

/*
 * What the preview knows of the last build: its number (a page reloads
 * when it changes) and, when it failed, its messages, which every page
 * shows in its stead until a build succeeds.
 */
static struct {
	pthread_mutex_t		 lock;
	unsigned long		 generation;
	char			*errors;
} last = { PTHREAD_MUTEX_INITIALIZER, 0, NULL };

/* The script that serve adds to the pages it serves, and only there. */
static const char reloadjs[] =
    "/* disclose serve: reload the page when the portal is rebuilt. */\n"
    "(function () {\n"
    "\tvar seen = null;\n"
    "\tfunction poll() {\n"
    "\t\tfetch(\"/__disclose/generation\", { cache: \"no-store\" })\n"
    "\t\t    .then(function (r) { return r.text(); })\n"
    "\t\t    .then(function (g) {\n"
    "\t\t\tif (seen !== null && g !== seen)\n"
    "\t\t\t\tlocation.reload();\n"
    "\t\t\tseen = g;\n"
    "\t\t}).catch(function () {}).then(function () {\n"
    "\t\t\tsetTimeout(poll, 1000);\n"
    "\t\t});\n"
    "\t}\n"
    "\tpoll();\n"
    "})();\n";
static const char reloadtag[] =
    "<script src=\"/__disclose/reload.js\"></script>\n";

static void
onsignal(int sig)
{
	(void)sig;
	stop = 1;
}

/* A short page for what cannot be served. */
static enum MHD_Result
plain(struct MHD_Connection *conn, unsigned int status, const char *text)
{
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	r = MHD_create_response_from_buffer(strlen(text), (void *)text,
	    MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type",
	    "text/plain; charset=utf-8");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Whether a URL path stays inside the portal: no "..", no NUL. */
static enum MHD_Result
respond(struct MHD_Connection *conn, unsigned int status, const char *type,
    const char *body, size_t len)
{
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	r = MHD_create_response_from_buffer(len, (void *)body,
	    MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The page that stands for every page while the build fails. */
static enum MHD_Result
errorpage(struct MHD_Connection *conn, const char *errors)
{
	struct buf	 b;
	const char	*p;
	enum MHD_Result	 ret;

	memset(&b, 0, sizeof(b));
	buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>The build failed - "
	    "disclose serve</title>\n</head>\n<body>\n<main>\n"
	    "<h1>The build failed</h1>\n<p>Nothing was published: the "
	    "output directory holds the last good portal. Mend what is "
	    "below; this page reloads when the build succeeds.</p>\n<pre>");
	for (p = errors; *p != '\0'; p++)
		switch (*p) {
		case '<':
			buf_puts(&b, "&lt;");
			break;
		case '>':
			buf_puts(&b, "&gt;");
			break;
		case '&':
			buf_puts(&b, "&amp;");
			break;
		default:
			buf_putc(&b, *p);
		}
	buf_puts(&b, "</pre>\n</main>\n");
	buf_puts(&b, reloadtag);
	buf_puts(&b, "</body>\n</html>\n");
	ret = respond(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
	    "text/html; charset=utf-8", b.p, b.len);
	buf_free(&b);
	return ret;
}

/* An HTML page of the portal with the reload script before </body>. */
static enum MHD_Result
htmlpage(struct MHD_Connection *conn, unsigned int status, int fd,
    size_t size)
{
	struct buf	 b;
	char		*text, *end;
	ssize_t		 n;
	size_t		 got = 0;
	enum MHD_Result	 ret;

	text = xmalloc(size + 1);
	while (got < size && (n = read(fd, text + got, size - got)) > 0)
		got += (size_t)n;
	close(fd);
	text[got] = '\0';
	memset(&b, 0, sizeof(b));
	if ((end = strstr(text, "</body>")) == NULL)
		end = text + got;
	buf_put(&b, text, (size_t)(end - text));
	buf_puts(&b, reloadtag);
	buf_put(&b, end, got - (size_t)(end - text));
	free(text);
	ret = respond(conn, status, "text/html; charset=utf-8", b.p, b.len);
	buf_free(&b);
	return ret;
}

static int
safepath(const char *url)
{
	const char	*p;

	if (url[0] != '/')
		return 0;
	for (p = url; *p != '\0'; p++)
		if (p[0] == '/' && p[1] == '.' && p[2] == '.' &&
		    (p[3] == '/' || p[3] == '\0'))
			return 0;
	return strchr(url, '\\') == NULL;
}

/*
 * libmicrohttpd decodes the path before the handler sees it, and an
 * encoded NUL (%00) would cut it short there: the request line is read
 * here, as sent, and such a request is marked as bad.
 */
static char	 badrequest;

static void *
urilog(void *cls, const char *uri, struct MHD_Connection *conn)
{
	const char	*p;
	size_t		 n;

	(void)cls;
	(void)conn;
	n = strcspn(uri, "?#");
	for (p = uri; (p = strchr(p, '%')) != NULL && (size_t)(p - uri) < n;
	    p++)
		if (p[1] == '0' && p[2] == '0')
			return &badrequest;
	return NULL;
}

/* Serve a file of the portal, or its 404 page. */
static enum MHD_Result
handler(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *data,
    size_t *datalen, void **state)
{
	const char		*site = cls;
	struct MHD_Response	*r;
	struct stat		 st;
	enum MHD_Result		 ret;
	unsigned int		 status = MHD_HTTP_OK;
	char			*path;
	int			 fd;

	(void)version;
	(void)data;
	(void)datalen;
	if (*state == &badrequest)
		return plain(conn, MHD_HTTP_BAD_REQUEST,
		    "bad request: the path holds an encoded NUL\n");
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return plain(conn, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "only GET and HEAD\n");
	if (!safepath(url))
		return plain(conn, MHD_HTTP_FORBIDDEN, "forbidden\n");
	/* serve's own: the reload script and the build's number. */
	if (strcmp(url, "/__disclose/reload.js") == 0)
		return respond(conn, MHD_HTTP_OK, "text/javascript; "
		    "charset=utf-8", reloadjs, sizeof(reloadjs) - 1);
	if (strcmp(url, "/__disclose/generation") == 0) {
		char	 g[32];

		pthread_mutex_lock(&last.lock);
		snprintf(g, sizeof(g), "%lu", last.generation);
		pthread_mutex_unlock(&last.lock);
		return respond(conn, MHD_HTTP_OK, "text/plain; charset=utf-8",
		    g, strlen(g));
	}
	path = url[strlen(url) - 1] == '/' ?
	    xasprintf("%s%sindex.html", site, url) :
	    xasprintf("%s%s", site, url);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		free(path);
		path = xasprintf("%s%s/index.html", site, url);
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		if (fd != -1)
			close(fd);
		free(path);
		path = xasprintf("%s/404.html", site);
		status = MHD_HTTP_NOT_FOUND;
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
		    fstat(fd, &st) == -1) {
			if (fd != -1)
				close(fd);
			free(path);
			return plain(conn, MHD_HTTP_NOT_FOUND, "not found\n");
		}
	}
	/* A page: the build's errors while it fails, else the page with
	 * the reload script. */
	if (strcmp(mediatype(path), "text/html; charset=utf-8") == 0) {
		free(path);
		pthread_mutex_lock(&last.lock);
		if (last.errors != NULL) {
			char *e = xstrdup(last.errors);

			pthread_mutex_unlock(&last.lock);
			close(fd);
			ret = errorpage(conn, e);
			free(e);
			return ret;
		}
		pthread_mutex_unlock(&last.lock);
		return htmlpage(conn, status, fd, (size_t)st.st_size);
	}
	/* The response owns fd and closes it. */
	if ((r = MHD_create_response_from_fd((size_t)st.st_size, fd)) ==
	    NULL) {
		close(fd);
		free(path);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", mediatype(path));
	MHD_add_response_header(r, "Cache-Control", "no-store");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	free(path);
	return ret;
}

/* A fingerprint of a tree: its files' names, sizes and times. */
static unsigned long long
fingerprint(const char *dir)
{
	struct stat		 st;
	char			**v;
	size_t			 n, i;
	unsigned long long	 h = 1469598103934665603ULL;
	const char		*p;

	if (!findfiles(dir, "", FIND_FOLLOW, NULL, &v, &n))
		return 0;
	for (i = 0; i < n; i++) {
		for (p = v[i]; *p != '\0'; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		if (stat(v[i], &st) == 0) {
			h = (h ^ (unsigned long long)st.st_size) *
			    1099511628211ULL;
			h = (h ^ (unsigned long long)st.st_mtim.tv_sec) *
			    1099511628211ULL;
			h = (h ^ (unsigned long long)st.st_mtim.tv_nsec) *
			    1099511628211ULL;
		}
	}
	strv_free(v, n);
	return h;
}

/*
 * Build, with what the build says on its standard error kept (and
 * still shown there) for the pages to show when it fails.
 */
static void
rebuild(const struct buildopts *o)
{
	FILE	*tmp;
	char	*said = NULL;
	size_t	 len = 0;
	int	 saved = -1, rc;

	diag_reset();
	fflush(stderr);
	if ((tmp = tmpfile()) != NULL && (saved = dup(STDERR_FILENO)) != -1)
		dup2(fileno(tmp), STDERR_FILENO);
	rc = build_run(o);
	fflush(stdout);
	fflush(stderr);
	if (saved != -1) {
		dup2(saved, STDERR_FILENO);
		close(saved);
		rewind(tmp);
		said = xmalloc(1 << 20);
		len = fread(said, 1, (1 << 20) - 1, tmp);
		said[len] = '\0';
		fputs(said, stderr);
		fflush(stderr);
	}
	if (tmp != NULL)
		fclose(tmp);
	pthread_mutex_lock(&last.lock);
	free(last.errors);
	last.errors = rc != EXIT_SUCCESS ? (said != NULL ? said :
	    xstrdup("the build failed\n")) : NULL;
	if (rc == EXIT_SUCCESS)
		free(said);
	last.generation++;
	pthread_mutex_unlock(&last.lock);
}

/* disclose serve.  Returns an exit status. */
int
serve_run(const struct buildopts *o, int port)
{
	struct MHD_Daemon	*d;
	struct sockaddr_in	 sa;
	struct sigaction	 act;
	struct timespec		 nap = { 0, 250 * 1000 * 1000 };
	unsigned long long	 was, now;

	rebuild(o);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_ERROR_LOG, (unsigned short)port, NULL, NULL, handler,
	    (void *)o->out, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_URI_LOG_CALLBACK, urilog, NULL, MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "disclose: cannot listen on 127.0.0.1:%d\n",
		    port);
		return EXIT_SYSTEM;
	}
	printf("disclose: serving %s at http://127.0.0.1:%d/ (Ctrl-C to "
	    "stop); rebuilding when %s or %s changes\n", o->out, port,
	    o->content, o->templates);
	fflush(stdout);
	memset(&act, 0, sizeof(act));
	act.sa_handler = onsignal;
	sigaction(SIGINT, &act, NULL);
	sigaction(SIGTERM, &act, NULL);
	was = fingerprint(o->content) ^ fingerprint(o->templates);
	while (!stop) {
		nanosleep(&nap, NULL);
		now = fingerprint(o->content) ^ fingerprint(o->templates);
		if (now != was) {
			/* Let an editor finish writing. */
			nanosleep(&nap, NULL);
			was = fingerprint(o->content) ^
			    fingerprint(o->templates);
			rebuild(o);
		}
	}
	MHD_stop_daemon(d);
	free(last.errors);
	last.errors = NULL;
	return EXIT_SUCCESS;
}
