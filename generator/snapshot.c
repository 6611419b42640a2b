/*
 * Snapshots for archivists: a dated copy of the built portal with a
 * SHA256SUMS file that sha256sum -c accepts, a WARC/1.1 file (ISO 28500,
 * one gzip member per record) of every file under the site's base URL,
 * an optional minisign signature of SHA256SUMS made with libsodium, and
 * archive.html, the index of every snapshot in the directory.  A
 * snapshot is built beside its final name and renamed into place; it is
 * never overwritten, and a second one of the same day gets a new name.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <zlib.h>

#include "disclose.h"
#include "extern.h"

#define WARCNAME	"portal.warc.gz"

/* What a snapshot is being made of, and where it goes. */
struct snap {
	const struct config	*cfg;
	const char		*site;	/* the built portal */
	char			*stage;	/* the snapshot being made */
	long long		 epoch;	/* when: seconds since 1970 */
	char			 date[11];	/* YYYY-MM-DD, in the site's zone */
	char			 warcdate[21];	/* YYYY-MM-DDThh:mm:ssZ */
	char			 infoid[48];	/* the warcinfo record's id */
	FILE			*warc;
	struct buf		 sums;	/* SHA256SUMS */
	size_t			 files;
	size_t			 bytes;
	int			 internal;	/* not the public portal */
};

static void
hexdigest(const unsigned char *data, size_t len, char out[65])
{
	unsigned char	 h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* A record id: a UUID made from what the record is, so it is stable. */
static void
recordid(const char *what, char out[48])
{
	unsigned char	 h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)what, strlen(what));
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x80);	/* version 8 */
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);	/* RFC 4122 variant */
	snprintf(out, 48, "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x%02x%02x%02x%02x>", h[0], h[1], h[2], h[3],
	    h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13],
	    h[14], h[15]);
}

/* Append one WARC record, compressed as a gzip member of its own. */
static int
warcrecord(struct snap *s, const struct buf *rec)
{
	z_stream	 z;
	unsigned char	 out[65536];
	int		 rc, ok = 1;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9,
	    Z_DEFAULT_STRATEGY) != Z_OK) {
		syserr("zlib: cannot compress");
		return 0;
	}
	z.next_in = (unsigned char *)rec->p;
	z.avail_in = (uInt)rec->len;
	do {
		z.next_out = out;
		z.avail_out = sizeof(out);
		rc = deflate(&z, Z_FINISH);
		if (rc == Z_STREAM_ERROR) {
			ok = 0;
			break;
		}
		if (fwrite(out, 1, sizeof(out) - z.avail_out, s->warc) !=
		    sizeof(out) - z.avail_out)
			ok = 0;
	} while (rc != Z_STREAM_END && ok);
	deflateEnd(&z);
	if (!ok)
		syserr("%s/%s", s->stage, WARCNAME);
	return ok;
}

/* The headers of a record, then its block, then two line ends. */
static void
header(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, "%s: %s\r\n", name, value);
}

/*
 * End a record whose headers are in rec: its block digest, type and
 * length, then the block and two line ends; write it.
 */
static int
warcblock(struct snap *s, struct buf *rec, const char *ctype,
    const char *block, size_t len)
{
	char	 digest[65];

	hexdigest((const unsigned char *)block, len, digest);
	buf_printf(rec, "WARC-Block-Digest: sha256:%s\r\n", digest);
	header(rec, "Content-Type", ctype);
	buf_printf(rec, "Content-Length: %zu\r\n\r\n", len);
	buf_put(rec, block, len);
	buf_puts(rec, "\r\n\r\n");
	return warcrecord(s, rec);
}

static int
warcinfo(struct snap *s)
{
	struct buf	 rec, body;
	char		 digest[65], *what;
	int		 ok;

	memset(&rec, 0, sizeof(rec));
	memset(&body, 0, sizeof(body));
	buf_printf(&body, "software: disclose/%s\r\n", DISCLOSE_VERSION);
	buf_puts(&body, "format: WARC File Format 1.1\r\n");
	buf_puts(&body, "conformsTo: https://iipc.github.io/"
	    "warc-specifications/specifications/warc-format/warc-1.1/\r\n");
	buf_printf(&body, "isPartOf: %s\r\n", s->cfg->base_url);
	buf_printf(&body, "description: %s\r\n", s->cfg->title);
	buf_printf(&body, "publisher: %s\r\n", s->cfg->publisher);
	hexdigest((const unsigned char *)body.p, body.len, digest);
	what = xasprintf("warcinfo %s %s %s", s->cfg->base_url, s->warcdate,
	    digest);
	recordid(what, s->infoid);
	free(what);
	buf_puts(&rec, "WARC/1.1\r\n");
	header(&rec, "WARC-Type", "warcinfo");
	header(&rec, "WARC-Record-ID", s->infoid);
	header(&rec, "WARC-Date", s->warcdate);
	header(&rec, "WARC-Filename", WARCNAME);
	ok = warcblock(s, &rec, "application/warc-fields", body.p, body.len);
	buf_free(&rec);
	buf_free(&body);
	return ok;
}

/* The URL of a file of the portal: base URL and path, %-encoded. */
static char *
fileurl(const struct snap *s, const char *rel)
{
	struct buf	 b;
	const unsigned char *p;

	memset(&b, 0, sizeof(b));
	buf_puts(&b, s->cfg->base_url);
	for (p = (const unsigned char *)rel; *p != '\0'; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	return buf_take(&b);
}

/* One response record: what a client would have received for rel. */
static int
response(struct snap *s, const char *rel, const char *data, size_t len,
    const char *payload)
{
	struct buf	 rec, http, block;
	char		 id[48], *url, *what;
	int		 ok;

	memset(&rec, 0, sizeof(rec));
	memset(&http, 0, sizeof(http));
	memset(&block, 0, sizeof(block));
	url = fileurl(s, rel);
	buf_puts(&http, "HTTP/1.1 200 OK\r\n");
	buf_printf(&http, "Content-Type: %s\r\n", mediatype(rel));
	buf_printf(&http, "Content-Length: %zu\r\n\r\n", len);
	buf_put(&block, http.p, http.len);
	buf_put(&block, data, len);
	what = xasprintf("response %s %s %s", url, s->warcdate, payload);
	recordid(what, id);
	free(what);
	buf_puts(&rec, "WARC/1.1\r\n");
	header(&rec, "WARC-Type", "response");
	header(&rec, "WARC-Record-ID", id);
	header(&rec, "WARC-Warcinfo-ID", s->infoid);
	header(&rec, "WARC-Date", s->warcdate);
	header(&rec, "WARC-Target-URI", url);
	buf_printf(&rec, "WARC-Payload-Digest: sha256:%s\r\n", payload);
	ok = warcblock(s, &rec, "application/http; msgtype=response",
	    block.p, block.len);
	buf_free(&rec);
	buf_free(&http);
	buf_free(&block);
	free(url);
	return ok;
}

/* Copy every file of the portal into the snapshot, and into the WARC. */
static int
files(struct snap *s)
{
	char	**v, *data, *rel, *dst, digest[65];
	size_t	  n, i, len;
	int	  ok = 1;

	if (!findfiles(s->site, "", FIND_HIDDEN | FIND_FOLLOW, NULL, &v,
	    &n))
		return 0;
	dst = xasprintf("%s/site", s->stage);
	for (i = 0; ok && i < n; i++) {
		rel = v[i] + strlen(s->site) + 1;
		if ((data = readfile(v[i], SIZE_MAX / 2, &len)) == NULL) {
			syserr("%s", v[i]);
			ok = 0;
			break;
		}
		hexdigest((const unsigned char *)data, len, digest);
		ok = writefile(dst, rel, data, len) &&
		    response(s, rel, data, len, digest);
		buf_printf(&s->sums, "%s  site/%s\n", digest, rel);
		s->files++;
		s->bytes += len;
		free(data);
	}
	free(dst);
	strv_free(v, n);
	return ok;
}

/* Read a secret key made by minisign -G -W (not encrypted). */
static int
readkey(const char *path, unsigned char keynum[8], unsigned char sk[64])
{
	unsigned char	 raw[158], chk[crypto_generichash_BYTES], zero[32];
	crypto_generichash_state h;
	char		*text, *line, *nl;
	size_t		 len, rawlen;

	if ((text = readfile(path, 4096, &len)) == NULL) {
		syserr("%s", path);
		return 0;
	}
	line = strchr(text, '\n');
	if (strncmp(text, "untrusted comment:", 18) != 0 || line == NULL)
		goto bad;
	line++;
	if ((nl = strchr(line, '\n')) != NULL)
		*nl = '\0';
	if (sodium_base642bin(raw, sizeof(raw), line, strlen(line), NULL,
	    &rawlen, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    rawlen != sizeof(raw) || memcmp(raw, "Ed", 2) != 0 ||
	    memcmp(raw + 4, "B2", 2) != 0)
		goto bad;
	if (memcmp(raw + 2, "\0\0", 2) != 0) {
		fprintf(stderr, "disclose: %s: the secret key is encrypted; "
		    "make one without a password (minisign -G -W)\n", path);
		free(text);
		return 0;
	}
	memcpy(keynum, raw + 54, 8);
	memcpy(sk, raw + 62, 64);
	/* A checksum of zeros is what minisign writes without a password. */
	memset(zero, 0, sizeof(zero));
	if (memcmp(raw + 126, zero, 32) != 0) {
		crypto_generichash_init(&h, NULL, 0, sizeof(chk));
		crypto_generichash_update(&h, raw, 2);
		crypto_generichash_update(&h, keynum, 8);
		crypto_generichash_update(&h, sk, 64);
		crypto_generichash_final(&h, chk, sizeof(chk));
		if (memcmp(chk, raw + 126, 32) != 0)
			goto bad;
	}
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(text, len);
	free(text);
	return 1;
bad:
	fprintf(stderr, "disclose: %s: not a minisign secret key\n", path);
	sodium_memzero(text, len);
	free(text);
	return 0;
}

/*
 * Sign SHA256SUMS in minisign's format: an Ed25519 signature of its
 * BLAKE2b-512 hash ("ED"), and a global signature of that signature and
 * the trusted comment.
 */
static int
sign(struct snap *s, const char *keypath)
{
	unsigned char	 keynum[8], sk[64], hash[crypto_generichash_BYTES_MAX];
	unsigned char	 sig[2 + 8 + crypto_sign_BYTES], global[64];
	char		 b64[256], gb64[128], *trusted;
	struct buf	 msg, out;
	int		 ok;

	if (!readkey(keypath, keynum, sk))
		return 0;
	crypto_generichash(hash, sizeof(hash), (const unsigned char *)
	    s->sums.p, s->sums.len, NULL, 0);
	memcpy(sig, "ED", 2);
	memcpy(sig + 2, keynum, 8);
	crypto_sign_detached(sig + 10, NULL, hash, sizeof(hash), sk);
	trusted = xasprintf("timestamp:%lld\tfile:SHA256SUMS\thashed\t"
	    "portal:%s\tdate:%s%s", s->epoch, s->cfg->base_url, s->date,
	    s->internal ? "\taudience:internal (not for publication)" : "");
	memset(&msg, 0, sizeof(msg));
	buf_put(&msg, (const char *)sig + 10, crypto_sign_BYTES);
	buf_puts(&msg, trusted);
	crypto_sign_detached(global, NULL, (const unsigned char *)msg.p,
	    msg.len, sk);
	sodium_memzero(sk, sizeof(sk));
	sodium_bin2base64(b64, sizeof(b64), sig, sizeof(sig),
	    sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(gb64, sizeof(gb64), global, sizeof(global),
	    sodium_base64_VARIANT_ORIGINAL);
	memset(&out, 0, sizeof(out));
	buf_printf(&out, "untrusted comment: signature of a snapshot of %s "
	    "by disclose\n%s\ntrusted comment: %s\n%s\n", s->cfg->base_url,
	    b64, trusted, gb64);
	ok = writefile(s->stage, "SHA256SUMS.minisig", out.p, out.len);
	free(trusted);
	buf_free(&msg);
	buf_free(&out);
	return ok;
}

/* Rename the finished snapshot to the first free name of its day. */
static char *
settle(const struct snap *s, const char *dir)
{
	char	*name, *path;
	int	 n;

	for (n = 1; n < 10000; n++) {
		name = n == 1 ? xstrdup(s->date) :
		    xasprintf("%s-%d", s->date, n);
		path = xasprintf("%s/%s", dir, name);
#ifdef RENAME_NOREPLACE
		if (renameat2(AT_FDCWD, s->stage, AT_FDCWD, path,
		    RENAME_NOREPLACE) == 0) {
			free(path);
			return name;
		}
		if (errno != EEXIST && errno != EINVAL && errno != ENOSYS) {
			syserr("%s", path);
			free(path);
			free(name);
			return NULL;
		}
		if (errno == EEXIST) {
			free(path);
			free(name);
			continue;
		}
#endif
		/* Without an exclusive rename: claim the name, then move. */
		if (access(path, F_OK) == 0) {
			free(path);
			free(name);
			continue;
		}
		if (rename(s->stage, path) == 0) {
			free(path);
			return name;
		}
		syserr("%s", path);
		free(path);
		free(name);
		return NULL;
	}
	return NULL;
}

/* Total size in bytes of the files under path. */
static size_t
treesize(const char *path, size_t *nfiles)
{
	struct stat	 st;
	char		**v;
	size_t		 n, i, total = 0;

	*nfiles = 0;
	if (!findfiles(path, "", FIND_HIDDEN | FIND_FOLLOW, NULL, &v, &n))
		return 0;
	for (i = 0; i < n; i++)
		if (stat(v[i], &st) == 0)
			total += (size_t)st.st_size;
	*nfiles = n;
	strv_free(v, n);
	return total;
}

static int
namecmp(const void *a, const void *b)
{
	/* Newest first: names are dates, then -2, -3 … of the same day. */
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int	 c;

	if ((c = strncmp(x, y, 10)) != 0)
		return -c;
	return strlen(x) != strlen(y) ? (strlen(x) > strlen(y) ? -1 : 1) :
	    -strcmp(x, y);
}

/* archive.html: every snapshot of dir, its date, size and checksum; and
 * archive.css, its style, from the theme. */
static int
archive(const struct config *cfg, const char *dir, const char *templates)
{
	struct dirent	*de;
	DIR		*d;
	struct tdict	*t, *sec, *v;
	struct buf	 out;
	char		**names = NULL, *p, *sums, digest[65], *tmp, sz[32], *aud;
	char		 date[11];
	size_t		 n = 0, i, len, bytes, nfiles;
	int		 ok, signed_;

	if ((d = opendir(dir)) == NULL) {
		syserr("%s", dir);
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s/SHA256SUMS", dir, de->d_name);
		if (access(p, F_OK) == 0) {
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
		free(p);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), namecmp);
	t = tmpl_dict_new("archive");
	tmpl_set(t, "TITLE", cfg->title);
	tmpl_set(t, "BASE_URL", cfg->base_url);
	tmpl_set_int(t, "COUNT", (long)n);
	for (i = 0; i < n; i++) {
		p = xasprintf("%s/%s/SHA256SUMS", dir, names[i]);
		if ((sums = readfile(p, SIZE_MAX / 2, &len)) == NULL) {
			free(p);
			continue;
		}
		hexdigest((const unsigned char *)sums, len, digest);
		free(sums);
		free(p);
		/* Its size in all; its files those of the portal, as the
		 * command counted them. */
		p = xasprintf("%s/%s", dir, names[i]);
		bytes = treesize(p, &nfiles);
		free(p);
		p = xasprintf("%s/%s/site", dir, names[i]);
		(void)treesize(p, &nfiles);
		free(p);
		sec = tmpl_section(t, "SNAPSHOT");
		tmpl_set(sec, "NAME", names[i]);
		snprintf(date, sizeof(date), "%.10s", names[i]);
		tmpl_set(sec, "DATE", date);
		tmpl_set(sec, "SHA256", digest);
		tmpl_set_int(sec, "FILES", (long)nfiles);
		snprintf(sz, sizeof(sz), "%.1f", (double)bytes / 1048576.0);
		tmpl_set(sec, "MIB", sz);
		tmpl_set_int(sec, "BYTES", (long)bytes);
		p = xasprintf("%s/%s/SHA256SUMS.minisig", dir, names[i]);
		signed_ = access(p, F_OK) == 0;
		tmpl_show(sec, signed_ ? "SIGNED" : "UNSIGNED");
		free(p);
		/* How to check the newest, by its name. */
		if (i == 0) {
			v = tmpl_section(t, "VERIFY");
			tmpl_set(v, "NAME", names[i]);
			tmpl_show(v, signed_ ? "SIGNED" : "UNSIGNED");
		}
		/* An archive of the internal portal says so. */
		p = xasprintf("%s/%s/site", dir, names[i]);
		aud = publish_audience(p);
		if (aud != NULL && strcmp(aud, "public") != 0)
			tmpl_show(sec, "INTERNAL");
		free(aud);
		free(p);
	}
	memset(&out, 0, sizeof(out));
	ok = tmpl_expand("archive.tpl", t, &out);
	tmpl_dict_free(t);
	/* Its style beside it, as a file: no style is inline. */
	if (ok) {
		p = xasprintf("%s/archive.css", templates);
		if ((sums = readfile(p, RECORD_MAX, &len)) == NULL) {
			syserr("%s", p);
			ok = 0;
		} else
			ok = writefile(dir, "archive.css", sums, len);
		free(sums);
		free(p);
	}
	if (ok) {
		tmp = xasprintf(".archive.html.%ld", (long)getpid());
		ok = writefile(dir, tmp, out.p, out.len);
		p = xasprintf("%s/%s", dir, tmp);
		sums = xasprintf("%s/archive.html", dir);
		if (ok && rename(p, sums) == -1) {
			syserr("%s", sums);
			ok = 0;
		}
		free(p);
		free(sums);
		free(tmp);
	}
	buf_free(&out);
	strv_free(names, n);
	return ok;
}

/*
 * disclose snapshot.  Returns an exit status.
 */
int
snapshot_run(const struct snapopts *o)
{
	struct snap	 s;
	struct config	*cfg;
	struct date	 d;
	struct tm	 tm;
	time_t		 tt;
	char		*path, *tmpl, *name = NULL, digest[65], *aud;
	int		 rc = EXIT_SYSTEM;

	memset(&s, 0, sizeof(s));
	write_reset();
	path = xasprintf("%s/site.yaml", o->content);
	cfg = config_read(path);
	free(path);
	if (cfg == NULL) {
		diag_flush(stderr);
		return EXIT_CONTENT;
	}
	path = xasprintf("%s/index.html", o->site);
	if (access(path, F_OK) != 0) {
		fprintf(stderr, "disclose: %s: not a built portal (no "
		    "index.html); build it first\n", o->site);
		free(path);
		config_free(cfg);
		return EXIT_USAGE;
	}
	free(path);
	if (!build_epoch(&s.epoch) || !build_today(cfg->tzmin, &d)) {
		config_free(cfg);
		return EXIT_USAGE;
	}
	/* A snapshot archives the public portal; another only when asked
	 * for by name, and it says so. */
	aud = publish_audience(o->site);
	if (aud == NULL || strcmp(aud, audience_names[o->aud]) != 0) {
		fprintf(stderr, "disclose: %s was built for the %s audience, "
		    "not the %s one; nothing was archived%s\n", o->site,
		    aud != NULL ? aud : "(unknown)", audience_names[o->aud],
		    aud != NULL && strcmp(aud, "internal") == 0 ?
		    " (give -a internal to archive the internal portal)" : "");
		free(aud);
		config_free(cfg);
		return EXIT_USAGE;
	}
	free(aud);
	/* What is archived and signed has passed the audit, now. */
	rc = build_audit(o->content, o->templates, o->aud, o->site, o->jobs);
	if (rc != EXIT_SUCCESS) {
		fprintf(stderr, "disclose: %s did not pass the audit; nothing "
		    "was archived or signed\n", o->site);
		config_free(cfg);
		return rc;
	}
	rc = EXIT_SYSTEM;
	s.internal = o->aud != AUD_PUBLIC;
	if (!theme_load(o->templates, cfg->language)) {
		diag_flush(stderr);
		theme_unload();
		config_free(cfg);
		return EXIT_CONTENT;
	}
	s.cfg = cfg;
	s.site = o->site;
	date_iso(&d, s.date);
	tt = (time_t)s.epoch;
	gmtime_r(&tt, &tm);
	strftime(s.warcdate, sizeof(s.warcdate), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!mkdirs(o->dir))
		goto out;
	tmpl = xasprintf("%s/.snapshot-XXXXXX", o->dir);
	if ((s.stage = mkdtemp(tmpl)) == NULL) {
		syserr("%s", tmpl);
		free(tmpl);
		goto out;
	}
	chmod(s.stage, 0755);
	path = xasprintf("%s/%s", s.stage, WARCNAME);
	if ((s.warc = fopen(path, "wbe")) == NULL) {
		syserr("%s", path);
		free(path);
		goto out;
	}
	free(path);
	if (!warcinfo(&s) || !files(&s))
		goto out;
	if (fflush(s.warc) != 0 || ferror(s.warc) || fclose(s.warc) != 0) {
		s.warc = NULL;
		syserr("%s/%s", s.stage, WARCNAME);
		goto out;
	}
	s.warc = NULL;
	{
		char	*w;
		size_t	 wl;

		path = xasprintf("%s/%s", s.stage, WARCNAME);
		w = readfile(path, SIZE_MAX / 2, &wl);
		free(path);
		if (w == NULL)
			goto out;
		hexdigest((const unsigned char *)w, wl, digest);
		free(w);
		buf_printf(&s.sums, "%s  %s\n", digest, WARCNAME);
	}
	if (!writefile(s.stage, "SHA256SUMS", s.sums.p, s.sums.len))
		goto out;
	if (o->sign != NULL && !sign(&s, o->sign)) {
		rc = EXIT_USAGE;
		goto out;
	}
	if ((name = settle(&s, o->dir)) == NULL)
		goto out;
	free(s.stage);
	s.stage = NULL;
	if (!archive(cfg, o->dir, o->templates))
		goto out;
	hexdigest((const unsigned char *)s.sums.p, s.sums.len, digest);
	printf("disclose: snapshot %s/%s: %zu files, %zu bytes, SHA256SUMS "
	    "%s%s\n", o->dir, name, s.files, s.bytes, digest,
	    o->sign != NULL ? ", signed" : "");
	rc = EXIT_SUCCESS;
out:
	if (s.warc != NULL)
		fclose(s.warc);
	if (s.stage != NULL) {
		rmtree(s.stage);
		free(s.stage);
	}
	free(name);
	buf_free(&s.sums);
	theme_unload();
	config_free(cfg);
	return rc;
}
