/*
 * The redaction report, for the reviewer who signs off before
 * publishing: one CSV row per redaction (case, file, location, line,
 * operator, ground, the original, ten characters of context on each
 * side, and the case a protected name belongs to when it is another
 * one), then one row per number or address that looks personal but
 * stays, with the reason (operator "kept").  It holds the originals, so
 * it is made with mode 0600, through a temporary file renamed into
 * place.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "disclose.h"
#include "extern.h"

static void
row(struct buf *b, const char *id, const char *path, const char *where,
    int line, const char *op, const char *ground, const char *original,
    const char *context, const char *from)
{
	char	 n[32];

	csv_field(b, id);
	buf_putc(b, ',');
	csv_field(b, path);
	buf_putc(b, ',');
	csv_field(b, where);
	snprintf(n, sizeof(n), ",%d,", line);
	buf_puts(b, n);
	csv_field(b, op);
	buf_putc(b, ',');
	csv_field(b, ground);
	buf_putc(b, ',');
	csv_field(b, original);
	buf_putc(b, ',');
	csv_field(b, context);
	buf_putc(b, ',');
	csv_field(b, from);
	buf_puts(b, "\r\n");
}

/* Write the report to path.  Returns 0 on error (reported). */
int
report_write(const struct redlog *log, const struct policy *pol,
    const char *path)
{
	struct buf	 b;
	char		*tmp;
	size_t		 i;
	int		 fd, ok;

	memset(&b, 0, sizeof(b));
	buf_puts(&b, "case,file,location,line,operator,ground,original,"
	    "context,from_case\r\n");
	for (i = 0; i < log->n; i++) {
		const struct redaction *e = &log->v[i];

		row(&b, e->id, e->path, e->where, e->line, op_names[e->op],
		    pol->grounds[e->ground].text != NULL ?
		    pol->grounds[e->ground].text : pol->grounds[e->ground].key,
		    e->original, e->context != NULL ? e->context :
		    e->original, e->from != NULL ? e->from : "");
	}
	for (i = 0; i < log->nkept; i++) {
		const struct kept *k = &log->kept[i];

		row(&b, k->id, k->path, k->where, k->line, "kept",
		    detect_why(k->why), k->written, k->norm, "");
	}
	tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		syserr("%s", tmp);
		free(tmp);
		buf_free(&b);
		return 0;
	}
	ok = fchmod(fd, 0600) == 0;
	ok = ok && write(fd, b.p, b.len) == (ssize_t)b.len;
	ok = fsync(fd) == 0 && ok;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) == -1) {
		syserr("%s", path);
		unlink(tmp);
		ok = 0;
	}
	free(tmp);
	buf_free(&b);
	return ok;
}
