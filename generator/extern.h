/*
 * disclose: internal prototypes, by module.  Non-static functions carry
 * their module's prefix; a returned char * is the caller's to free.
 */
#ifndef EXTERN_H
#define EXTERN_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#define DISCLOSE_VERSION "0.1.0"

/* The largest record, site.yaml or policy.yaml accepted (bytes). */
#define RECORD_MAX	(1024 * 1024)

/*
 * A case id: PREFIX-YEAR-NUMBER.  ID_FORM says so in the words of every
 * message about an id (util.c's id_why says what is wrong with one).
 */
#define ID_YEAR_MIN	2000
#define ID_YEAR_MAX	2099
#define ID_YEARS	"2000 to 2099"
#define ID_FORM		"an id is PREFIX-YEAR-NUMBER: capital letters and " \
			"digits starting with a letter, the year of the case " \
			"(" ID_YEARS ") and its number of at least three " \
			"digits, e.g. CL-2024-007"

/* What disclose new writes for every date, for the editor to replace. */
#define DATE_PLACEHOLDER "YYYY-MM-DD"

/* Exit codes. */
#define EXIT_CONTENT	1
#define EXIT_USAGE	2
#define EXIT_SYSTEM	3

struct pool;
struct cache;

/* A file being read: where its diagnostics point, and whether it has
 * been free of errors so far (util.c, diag_at). */
struct source {
	const char	*path;
	int		 ok;
};

struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

/* Why a number that has the look of personal data stays (detect.c). */
enum keepwhy {
	KEEP_NO = 0,		/* it does not: withhold */
	KEEP_CHECK,		/* it fails its check */
	KEEP_AMOUNT,		/* an amount of money or a quantity */
	KEEP_LABEL,		/* after a label of a document or an order */
	KEEP_CODE,		/* inside a long code */
	KEEP_SITE,		/* a value site.yaml publishes */
	KEEP_FIELD,		/* a field the policy publishes */
	KEEP_ORDINARY		/* inside a phrase policy.yaml calls ordinary */
};

/* One redaction, for the reviewer's report and for the audit. */
struct redaction {
	const char	*id;		/* the case, and */
	const char	*path;		/* its record file: the log's */
	char		*where;		/* field path, or "body" */
	int		 line;		/* line in the record file */
	enum redop	 op;
	size_t		 ground;
	char		*original;	/* the value before redaction */
	char		*context;	/* with ten characters on each side, when
					 * the options ask for it; else NULL */
	const char	*from;		/* a protected name of another case:
					 * that case (borrowed), else NULL */
};

/* A number or address that looks personal but stays, and why. */
struct kept {
	const char	*id;		/* the log's, as a redaction's */
	const char	*path;
	char		*where;
	int		 line;
	char		*written;	/* as written */
	char		*norm;		/* digits, or the folded address */
	enum keepwhy	 why;
};

struct redlog {
	struct redaction *v;
	size_t		  n;
	struct kept	 *kept;
	size_t		  nkept;
	size_t		  cross;	/* protected names of other cases */
	size_t		  warnings;
	char		**own;		/* the ids and paths of the entries, one
					 * copy per record */
	size_t		  nown;
};

/* One person the portal protects, wherever the portal names them. */
struct protname {
	char		*key;		/* folded name without interpuncts */
	size_t		 keylen;
	char		*given;		/* folded given name (2+ characters) */
	size_t		 givenlen;
	char		*name;		/* as written */
	char		*pseud;		/* pseudonym; NULL: withheld */
	enum redop	 op;
	size_t		 ground;
	char		*id;		/* the case it belongs to */
	char		*field;
	char		**py;		/* the name in Latin letters, folded
					 * (names_pinyin), for the first
					 * person of the name only */
	size_t		 npy;
};

/* What follows the place of a logged redaction of a given name before a
 * title (海涛同志): the audit looks for it before a title only. */
#define GIVENTAG	" (given name before a title)"
/* And of a name in Latin letters (Zhang Haitao): the audit looks for it
 * as a word of its own only. */
#define LATINTAG	" (name in Latin letters)"

/* The protected people of a portal, for one audience. */
struct ac;
struct protect {
	struct protname *v;
	size_t		  n;
	struct protname **given;	/* those with a given name, by it,
					 * then by case */
	size_t		  ngiven;
	struct ac	 *ac;		/* keys (id 2i: v[i]) and given names
					 * (2i+1: given[i]) */
	char		**ordinary;	/* folded ordinary phrases */
	size_t		 *ordlen;
	size_t		  nordinary;
};

/* An HTML page of the portal, for the sitemap. */
struct pageref {
	char		*loc;		/* canonical path from the root */
	struct date	 lastmod;
	int		 has_lastmod;
};

struct pagelist {
	struct pageref	*v;
	size_t		 n;
};

/* What a detector of personal data found (detect.c). */
enum detkind {
	DET_ID = 0,		/* resident identity number */
	DET_MOBILE,
	DET_LANDLINE,
	DET_EMAIL,
	DET_BANKCARD,
	DET_CREDIT,		/* unified social credit code */
	DET_ACCOUNT		/* an account's or a document's code after
				 * its label (QQ号, 微信, 护照号, 车牌号) */
};

struct hit {
	size_t		 start;		/* index of the first code point */
	size_t		 end;		/* index after the last */
	enum detkind	 kind;
	enum keepwhy	 keep;		/* KEEP_NO: personal data */
	char		*norm;		/* digits, or the folded address */
};

struct hits {
	struct hit	*v;
	size_t		 n;
};

/* Strings the portal makes itself, which the audit never reads as a
 * number: fn says whether a token of folded text is one. */
struct detskip {
	int		(*fn)(void *, const uint32_t *, size_t);
	void		 *arg;
};

/* The neutral markers of withheld and highlighted spans in the text of
 * a public value (util.c, span_next). */
#define SPAN_MARK	'\x1e'
#define SPAN_END	'\x1f'
#define SPAN_W		"w:"
#define SPAN_H		"m"
#define SPAN_HEND	"/m"
/* In the body's HTML, a neutral marker ("<!--X-->") where cmark lets no
 * node stand (a table cell's own text): SPAN_MARK "n:" X SPAN_END. */
#define SPAN_N		"n:"

enum spankind {
	SPAN_TEXT = 0,
	SPAN_WITHHELD,		/* p, len: the key of its ground */
	SPAN_OPEN,		/* a highlighted hand mark opens */
	SPAN_CLOSE
};

struct span {
	enum spankind	 kind;
	const char	*p;
	size_t		 len;
};

/* Text as the fold reads it (fold.c): code points, and for each the
 * bytes of the source it stands for. */
struct ftext {
	uint32_t	*cp;
	uint32_t	*from;		/* byte offset of its source */
	uint32_t	*to;		/* byte offset after it */
	unsigned char	*gap;		/* a space (1) or a line break
					 * (FOLD_LINE) before it */
	size_t		 n;
	size_t		 cap;
	int		 phone;		/* stands under a telephone's label
					 * (the header of a table's column) */
};

#define FOLD_LINE	2		/* gap: a line break */

#define FOLD_DECODE	1		/* read &#…; %XX \uXXXX */
#define FOLD_NAME	2		/* without interpuncts (fold_key) */
#define FOLD_NOPOS	4		/* no from and to (ftext_fold) */

/* Lexicons of folded text (fold.c): words, and characters of the BMP. */
struct words {
	uint32_t	**cp;
	size_t		 *len;
	size_t		  n;
	uint32_t	 *byfirst;	/* the words by their first character,
					 * then as listed; those not empty */
	uint32_t	 *bylast;	/* by their last, then as listed */
	size_t		  nby;
	unsigned char	  first[8192];	/* the first characters, as bits */
	unsigned char	  last[8192];
};

/* Whether some word of w may begin with c (words_at looks further). */
static inline int
words_first(const struct words *w, uint32_t c)
{
	return c < 0x10000 && ((w->first[c >> 3] >> (c & 7)) & 1);
}

struct cset {
	unsigned char	  bits[8192];
};

/* Whether the 32 bytes at p are all zero: a digest that was not made
 * (no secret, so no need of a comparison in constant time). */
static inline int
zero32(const unsigned char *p)
{
	uint64_t	 w[4];

	__builtin_memcpy(w, p, sizeof(w));
	return (w[0] | w[1] | w[2] | w[3]) == 0;
}

static inline int
cset_has(const struct cset *s, uint32_t c)
{
	return c < 0x10000 && ((s->bits[c >> 3] >> (c & 7)) & 1);
}

/* Whether a code point is an ASCII digit. */
static inline int
isdigit32(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/*
 * An address as a reader reads its numbers (detect_addrread): character
 * i of the reading stands for characters [from[i], to[i]) of the text it
 * was read from.
 */
struct reading {
	uint32_t	*cp;
	size_t		*from;
	size_t		*to;
	size_t		 n, cap;
};

/* Whether a folded code point is a letter or a digit of any script
 * (fold.c); ASCII without a call. */
int		 fold_isalnum_wide(uint32_t);
/* Whether a code point next to a name in Latin letters joins it to a
 * longer word (fold.c). */
int		 fold_joinslatin(uint32_t);

static inline int
fold_isalnum(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z');
	return fold_isalnum_wide(c);
}

/* A likely name of a person in a text (names.c). */
struct namecand {
	size_t		 start;
	size_t		 end;
	const char	*cue;		/* the role word or title, or "list" */
	int		 list;		/* its list of names, or 0 */
};

struct namecands {
	struct namecand	*v;
	size_t		 n;
	const uint32_t	*cp;		/* the text (borrowed) */
	size_t		 ncp;
};

/*
 * What redaction needs besides the record and the policy: the people
 * the whole portal protects, the values site.yaml publishes on purpose
 * (its contacts) and the names it publishes (units, categories,
 * publisher, title), and whether to warn about names that may be
 * ordinary words.
 */
struct redopts {
	const struct protect *prot;
	const char *const *allow;
	size_t		  nallow;
	const char *const *names;
	size_t		  nnames;
	int		  lint;
	int		  contexts;	/* log the context of each item (the
					 * report shows it) */
};

/* Options of a snapshot. */
struct snapopts {
	const char	*content;
	const char	*templates;
	const char	*site;
	const char	*dir;
	const char	*sign;		/* minisign secret key, or NULL */
	enum audience	 aud;		/* the audience the site must be for */
	int		 jobs;		/* of the audit */
};

/* Options of a build. */
struct buildopts {
	const char	*content;
	const char	*templates;
	const char	*out;
	enum audience	 aud;
	int		 jobs;
	int		 progress;	/* draw a progress bar */
	int		 quiet;
	int		 verbose;	/* -v: what was withheld, by case */
	const char	*report;	/* the redaction report, or NULL */
	int		 full;		/* --full: the cache is not used */
	int		 timings;	/* --timings: each step's cost */
};


/* util.c */
void		*xmalloc(size_t);
void		*xcalloc(size_t, size_t);
void		*xcalloc_big(size_t, size_t);
void		*xreallocarray(void *, size_t, size_t);
char		*xstrdup(const char *);
char		*xstrndup(const char *, size_t);
char		*xasprintf(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		 buf_grow(struct buf *, size_t);
void		 buf_putslow(struct buf *, const char *, size_t);
void		 buf_puts(struct buf *, const char *);
void		 buf_printf(struct buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
char		*buf_take(struct buf *);
void		 buf_free(struct buf *);

/* Bytes onto a buffer; with room for them and the NUL after, without a
 * call (the buffers of a page take a few thousand such writes each). */
static inline void
buf_put(struct buf *b, const char *s, size_t n)
{
	if (b->cap - b->len <= n) {
		buf_putslow(b, s, n);
		return;
	}
	if (n > 0)
		__builtin_memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static inline void
buf_putc(struct buf *b, char c)
{
	if (b->cap - b->len <= 1) {
		buf_putslow(b, &c, 1);
		return;
	}
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}
void		 diag_error(const char *, struct pos, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
void		 diag_at(struct source *, struct pos, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
void		 diag_required(struct source *, const char *, const char *, int,
		    struct pos, struct pos);
void		 diag_warn(const char *, struct pos, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
size_t		 diag_errors(void);
void		 diag_flush(FILE *);
void		 diag_reset(void);
void		 syserr(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
char		*readfile(const char *, size_t, size_t *);
int		 mkdirs(const char *);
int		 write_failed(void);
int		 readerr(const char *);
int		 build_epoch(long long *);
int		 build_today(int, struct date *);
double		 now(void);
char		*normpath(const char *);
char		*realish(const char *);
int		 path_inside(const char *, const char *);
int		 path_under(const char *, const char *);
int		 ncores(void);
void		 write_reset(void);
int		 writefile(const char *, const char *, const char *, size_t);
int		 writefile_as(const char *, const char *, const char *, size_t,
		    unsigned char *);
int		 writelink(const char *, const char *, const unsigned char *);
struct wfile {
	int	 fd;
	char	*path;
	int	 ok;
	struct wdigest *h;	/* while a watcher is told of writes */
};
/*
 * A watcher of the files a build writes (the cache): told the BLAKE2b
 * digest of each file once it is written, and asked first, of a file
 * given whole, whether it can put the same bytes in place itself (a
 * hard link to the published file), which it then has done.
 */
struct wwatch {
	int	(*have)(void *, const char *, const char *,
		    const unsigned char *);
	void	(*wrote)(void *, const char *, const char *,
		    const unsigned char *);
	void	 *arg;
};
void		 write_watch(const struct wwatch *);
void		 source_watch(void (*)(void *, const char *,
		    const unsigned char *), void *);
struct unpk {
	const char	*p, *e;
	int		 bad;
};
void		 pk_u64(struct buf *, uint64_t);
void		 pk_str(struct buf *, const char *);
const char	*upk_bytes(struct unpk *, size_t *);
uint64_t	 upk_u64(struct unpk *);
char		*upk_str(struct unpk *);
int		 makeparents(char *);
int		 wopen(struct wfile *, const char *, const char *);
void		 wput(struct wfile *, const char *, size_t);
void		 wdrain(struct wfile *, struct buf *, int);
int		 wclose(struct wfile *);
int		 preadall(int, char *, size_t, unsigned long long);
int		 pwriteall(int, const char *, size_t, unsigned long long);
struct spill	*spill_new(const char *);
int		 spill_put(struct spill *, const char *, size_t,
		    unsigned long long *);
char		*spill_get(const struct spill *, unsigned long long, size_t);
void		 spill_free(struct spill *);
void		 spill_keeper(struct spill *, char *(*)(void *,
		    const struct record *), void *);
int		 spill_keeps(const struct spill *);
char		*spill_kept(const struct spill *, const struct record *);
int		 rmtree(const char *);
int		 rmtree_pool(const char *, struct pool *);
#define FIND_HIDDEN	1	/* findfiles: names with a dot first too */
#define FIND_ODD	2	/* and what is no regular file */
#define FIND_FOLLOW	4	/* walk linked directories */
#define FIND_SCRUB	8	/* remove what is no file or directory */
int		 findfiles(const char *, const char *, int, struct pool *,
		    char ***, size_t *);
void		 strv_free(char **, size_t);
int		 strpcmp(const void *, const void *);
void		 latin_words(const char *, char ***, size_t *);
int		 days_in_month(int, int);
int		 date_parse(const char *, struct date *);
int		 date_parse_partial(const char *, struct date *);
int		 date_cmp(const struct date *, const struct date *);
long		 date_days(const struct date *);
struct date	 date_from_days(long);
int		 date_weekday(const struct date *);
void		 date_iso(const struct date *, char *);
char		*date_str(const struct date *);
int		 utf8_valid(const char *, size_t, size_t *);
size_t		 utf8_count(const char *, size_t);
uint32_t	 utf8_get(const char *, size_t, size_t, size_t *);
struct cmark_node;
void		 md_cjkbreaks(struct cmark_node *);
struct cmark_node *md_parse(const char *, size_t);
char		*md_html(struct cmark_node *);
int		 md_iscell(struct cmark_node *);
struct cmark_node *md_cellhead(struct cmark_node *);
char		*utf8_put(char *, uint32_t);
char		*readregular(const char *, size_t, size_t *);
char		*readsource(const char *, const char *, size_t *,
		    unsigned char *);
const char	*mediatype(const char *);
struct pos	 text_pos(const char *, size_t, int);
const char	*id_why(const char *);
int		 is_id(const char *);
int		 id_year(const char *);
int		 is_slug(const char *);
const char	*nearest(const char *, const char *const *);
void		 json_str(struct buf *, const char *);
void		 csv_field(struct buf *, const char *);
int		 hexval(int);
const char	*span_next(const char *, struct span *);
struct pool	*pool_new(int);
int		 pool_jobs(const struct pool *);
void		 pool_sort(struct pool *, void *, size_t, size_t,
		    int (*)(const void *, const void *));
void		 pool_for(struct pool *, size_t, void (*)(void *, size_t, int),
		    void *);
void		 pool_free(struct pool *);
char		*span_plain(const char *, const char *);

/* fold.c */
void		 fold_init(void);
int		 fold_charref(const char *, size_t, size_t *, char [16]);
int		 fold_pctgbk(const char *, size_t, size_t *);
uint32_t	 fold_gbkat(const char *, size_t, size_t *);
void		 ftext_fold(struct ftext *, const char *, size_t, int);
void		 ftext_free(struct ftext *);
char		*fold_key(const char *, size_t, int, size_t *);
/* Digits of a withheld number this long are read across any three
 * characters but digits (redaction and audit alike). */
#define NUMLONG		7
int		 fold_interpunct(uint32_t);
int		 fold_namejoin(uint32_t);
int		 fold_latinskip(const uint32_t *, size_t, size_t);
size_t		 fold_joinrun(const uint32_t *, size_t, size_t);
int		 fold_ishan(uint32_t);
int		 fold_ismodifier(uint32_t);
int		 fold_drawnmark(uint32_t);
void		 words_init(struct words *, const char *const *);
long		 words_at(const struct words *, const uint32_t *, size_t, size_t,
		    size_t *);
long		 words_before(const struct words *, const uint32_t *, size_t);
void		 cset_init(struct cset *, const char *);

/* match.c */
typedef int	(*ac_fn)(void *, size_t, size_t, size_t);
struct ac	*ac_new(void);
void		 ac_add(struct ac *, const char *, size_t, size_t);
void		 ac_build(struct ac *);
size_t		 ac_count(const struct ac *);
void		 ac_scan(const struct ac *, const char *, size_t, ac_fn, void *);
void		 ac_free(struct ac *);

/* names.c */
char		*names_surname(const char *);
char		**names_pinyin(const char *, size_t, size_t *);
int		 names_valid(const char *, char **);
char		**names_pseudonyms(char *const *, size_t);
void		 names_find(const uint32_t *, size_t, struct namecands *);
int		 names_boundary(const uint32_t *, size_t, size_t, size_t);
int		 names_alone(const uint32_t *, size_t, size_t, size_t);
int		 names_titled(const uint32_t *, size_t, size_t, size_t);
int		 names_titledat(const char *, size_t, size_t, size_t);
size_t		 names_officeat(const char *, size_t);
int		 names_surnameat(const char *, size_t, const char *, size_t);

/* detect.c */
int		 detect_id(const char *);
int		 detect_id17(const char *);
int		 detect_id15(const char *);
int		 detect_luhn(const char *);
int		 detect_uscc(const char *);
int		 detect_orgcode(const char *, size_t, int, char *);
int		 detect_shape(const char *);
int		 detect_passes(const char *);
int		 detect_cnum(uint32_t);
void		 detect_addrread(const uint32_t *, size_t, struct reading *);
void		 detect_readfree(struct reading *);
size_t		 detect_addrpart(const struct reading *, size_t,
		    const struct reading *,
		    int (*)(void *, size_t, size_t), void *);
#define ADDRRUN		6	/* characters of a part of an address */
#define ADDRTAIL	4	/* of its last part, with its number */
int		 detect_phonelabel(const struct ftext *, int);
#define PL_HEAD		0		/* detect_phonelabel: a column's header */
#define PL_CELL		1		/* a cell before another */
#define PL_INTRO	2		/* a paragraph before others */
int		 detect_maynumber(const struct ftext *);
void		 detect_scan(const struct ftext *, struct hits *);
void		 detect_broad(const struct ftext *, struct hits *,
		    const struct detskip *);
void		 hits_free(struct hits *);
const char	*detect_name(enum detkind);
const char	*detect_why(enum keepwhy);
char		*detect_norm(const char *);

/* yaml.c */
struct ynode	*yaml_load(const char *, const char *, size_t, int, int *);
struct ynode	*ynode_get(const struct ynode *, const char *, size_t *);
int		 ynode_isnull(const struct ynode *);
int		 ynode_blank(const struct ynode *);
struct pos	 ynode_at(const struct ynode *, size_t);
int		 ynode_unknown(struct source *, const struct ynode *,
		    const char *, const char *const *);
void		 ynode_free(struct ynode *);
const char	*ytype_name(enum ytype);

/* config.c */
const char	**config_contacts(const struct config *, size_t *);
const char	**config_public(const struct config *, size_t *);
struct config	*config_parse(const char *, const char *, size_t);
struct config	*config_read(const char *);
void		 config_free(struct config *);
char		**config_latin(const struct config *, size_t *);
const char	*config_slug(const struct termdef *, size_t, const char *);

/* record.c: what a field of a record is, for the policy. */
#define RF_DATE		0x01	/* a date: generalize applies */
#define RF_NAME		0x02	/* a person's name: pseudonym applies */
#define RF_KEPT		0x04	/* the portal's structure: always kept */

typedef void	(*record_visitor)(const char *, const char *, struct val *,
		    void *);
extern const char *const factor_keys[FACTOR__MAX + 1];
extern const char *const status_names[STATUS__MAX];
extern const char *const outcome_names[OUTCOME__MAX];
const char *const *record_paths(void);
unsigned	 record_pathflags(const char *);
struct record	*record_parse(const char *, const char *, size_t, int *);
struct record	*record_read(const char *, int *);
size_t		 record_strays(const char *, char **, size_t, int);
int		 record_hasbody(const struct record *);
int		 record_spillbody(struct record *, struct spill *);
int		 record_keepbody(struct record *, const struct spill *);
int		 record_loadbody(struct record *, const struct spill *);
void		 record_dropbody(struct record *);
void		 record_pack(const struct record *, size_t, int, struct buf *);
struct record	*record_unpack(const char *, size_t, size_t);
struct record	*record_dup(const struct record *);
void		 record_visit(struct record *, record_visitor, void *);
void		 record_visit_names(struct record *, record_visitor, void *);
void		 record_derive(struct record *);
struct date	 record_lastmod(const struct record *);
long		 record_days(const struct record *);
void		 record_free(struct record *);
void		 record_compact(struct record *, size_t);
char		*record_digest(const struct record *, const struct policy *);

/* validate.c */
int		 validate_record(const struct record *, const struct config *);
int		 validate_unique(struct record *const *, size_t);
/* What validate_people may remember: whether a record passed its check
 * in silence against the declared names of key, and that it did. */
struct peoplememo {
	int	(*passed)(void *, const struct record *, const unsigned char *);
	void	(*pass)(void *, const struct record *, const unsigned char *);
	void	 *arg;
};
int		 validate_people(struct record *const *, size_t,
		    const struct policy *, const struct config *,
		    const struct spill *, const struct peoplememo *,
		    struct pool *);

/* policy.c */
extern const char *const op_names[OP__MAX];
extern const char *const audience_names[AUD__MAX];
int		 audience_parse(const char *, enum audience *);
struct policy	*policy_parse(const char *, const char *, size_t);
struct policy	*policy_read(const char *);
const struct rule *policy_rule(const struct policy *, const char *,
		    enum audience);
void		 policy_free(struct policy *);

/* redact.c */
char		*redact_mask(const char *, int, int);
char		*redact_generalize(const char *, int);
struct protect	*protect_new(struct record *const *, size_t,
		    const struct policy *, enum audience, char *const *, size_t,
		    struct pool *);
void		 protect_free(struct protect *);
struct record	*redact_record(const struct record *, const struct policy *,
		    enum audience, const struct redopts *, struct redlog *);
void		 redlog_pack(const struct redlog *, struct buf *);
int		 redlog_unpack(struct unpk *, struct redlog *, size_t);
void		 redacted_pack(const struct record *, const struct redlog *,
		    size_t, int, struct buf *);
int		 redacted_unpack(const char *, size_t, size_t,
		    struct record **, struct redlog *);
void		 protect_digest(const struct protect *, unsigned char *);
void		 redlog_join(struct redlog *, struct redlog *, size_t);
void		 redlog_forget(struct redlog *);
void		 redlog_free(struct redlog *);

/* report.c */
int		 report_write(const struct redlog *, const struct policy *,
		    const char *);

/* index.c */
struct site	*index_build(const struct config *, const struct policy *,
		    enum audience, struct record **, size_t);
void		 site_free(struct site *);
const char	*index_taxname(enum tax);
char		*index_termdir(const struct site *, enum tax, size_t);
int		 index_item_in(const struct item *, enum tax, size_t);
int		 index_has_page(const struct site *, enum tax, long);
int		 index_relies(const struct record *, long);

/* feed.c */
size_t		 feed_write(const struct site *, const char *);
int		 feed_sitemap(const struct site *, const struct pagelist *,
		    const char *);

/* data.c: what a field of the open data holds (data/index.html says). */
enum dtype {
	DT_STRING = 0,
	DT_DATE,		/* YYYY-MM-DD, or YYYY-MM, YYYY generalized */
	DT_INTEGER,
	DT_BOOLEAN,
	DT_ARRAY,
	DT_OBJECT,
	DT__MAX
};

#define DATA_FILE	0x01	/* a field of cases.json itself */
#define DATA_JSON	0x02	/* a field of a case in cases.json */
#define DATA_INNER	0x04	/* in cases.json, inside the field above */
#define DATA_CSV	0x08	/* a column of cases.csv */

struct dcell;

/* One field of the open data: its name, type and meaning, and how the
 * writers find its value. */
struct datafield {
	const char	*name;		/* key or column */
	unsigned	 in;		/* DATA_* */
	enum dtype	 type;
	int		 null;		/* null in JSON: withheld or absent */
	const char	*key;		/* strings.yaml: what it means */
	void		(*get)(const struct datafield *, const struct site *,
			    const struct record *, struct dcell *);
	size_t		 off;		/* a struct val in struct record */
	void		(*json)(struct buf *, const struct site *,
			    const struct record *); /* an object, array */
};

extern const struct datafield data_fields[];
extern const char *const data_types[DT__MAX];
int		 data_write(const struct site *, const char *, struct pool *,
		    size_t *);

/* theme.c */
int		 theme_load(const char *, const char *);
void		 theme_unload(void);
const char	*theme_str(const char *);
const char *const *theme_strings(size_t *);
char *const	*theme_latin(size_t *);
char		*theme_plain(const struct val *);
const char	*theme_withheld_text(void);
const char	*theme_ground(const struct policy *, size_t);
const char	*theme_outcome(enum outcome);
const char	*theme_factor(enum factor);
char		*theme_termname(const struct site *, enum tax, size_t);

/* render.c */
char		*render_text(const struct site *, const struct record *);
char		*render_summary(const struct record *);
size_t		 render_site(const struct site *, const char *, struct pool *,
		    void (*)(size_t, size_t), struct pagelist *);
char		*render_entry(const struct site *, const struct item *);

/* search.c */
extern const char *const search_params[TAX__MAX];
const char	*search_value(const struct site *, enum tax, size_t);
size_t		 search_write(const struct site *, const char *,
		    struct pool *, size_t *);

/* stats.c */
struct tdict;
double		 oversight_fisher(size_t, size_t, size_t, size_t);
void		 oversight_holm(const double *, double *, size_t);
struct oversight *oversight_make(const struct site *);
void		 oversight_free(struct oversight *);
int		 oversight_late(const struct config *, const struct record *);
long		 oversight_days(const struct record *, int);
void		 oversight_fill(const struct site *, struct tdict *);
int		 oversight_write(const struct site *, const struct oversight *,
		    const char *);
struct rules	*rules_parse(const char *, const char *, size_t);
int		 rules_read(const char *, struct rules **);
const struct ruleitem *rules_item(const struct rules *, long);
void		 rules_free(struct rules *);
size_t		 stats_ticks(size_t, size_t *);
size_t		 stats_share(size_t, size_t);
size_t		 stats_axis(struct tdict *, size_t, size_t *);
void		 stats_setpct(struct tdict *, const char *, size_t);
long		 stats_median(const long *, size_t);
void		 stats_fill(const struct site *, struct tdict *);

/* publish.c */
int		 publish_check(const char *, const char *);
int		 publish_lock(const char *);
char		*publish_audience(const char *);
void		 publish_sweep(const char *);
char		*publish_stage(const char *, int, struct pool *, int *,
		    char ***, size_t *);
void		 publish_abort(const char *);
int		 publish_swap(const char *, const char *, char **,
		    struct pool *);
void		 publish_keep(const char *, const char *);

/* build.c */
int		 build_check(const char *);
int		 build_run(const struct buildopts *);
int		 build_audit(const char *, const char *, enum audience,
		    const char *, int);

/* audit.c */
struct audit;
struct auditin {
	const struct redlog	 *log;		/* originals, numbers kept */
	const struct protect	 *prot;		/* protected people */
	const struct redopts	 *ro;		/* what site.yaml publishes */
	const char *const	 *ids;		/* cases the site may show */
	size_t			  nids;
	const char *const	 *hidden;	/* cases it must not show */
	size_t			  nhidden;
	const char *const	 *digests;	/* strings the portal makes */
	size_t			  ndigests;
	const char *const	 *ui;		/* the theme's own text */
	size_t			  nui;
	char *const		 *latin;	/* its words in Latin letters,
						 * sorted (theme_latin) */
	size_t			  nlatin;
	int			  detect;	/* detector hits are leaks */
	struct pool		 *pool;		/* to fold the log on, or NULL */
};
struct audit	*audit_new(const struct auditin *);
void		 audit_arm(struct audit *, struct pool *);
size_t		 audit_dir(struct audit *, const char *, const char *,
		    struct pool *);
size_t		 audit_files(struct audit *, const char *, const char *,
		    const char *const *, size_t, struct pool *);
void		 audit_free(struct audit *);
const unsigned char *audit_key(const struct audit *);
size_t		 audit_passed(const struct audit *, size_t *);
int		 audit_memoed(const char *);
void		 audit_skip(struct audit *, int (*)(void *, const char *),
		    void *);
void		 audit_memo(struct audit *, int (*)(void *, const char *,
		    char **, size_t *), void (*)(void *, const char *,
		    const char *, size_t), void *);

/* cache.c */
struct cache	*cache_open(const char *, const char *, enum audience, int);
int		 cache_inputs(struct cache *, const char *, const char *,
		    enum audience, struct pool *);
int		 cache_fresh(struct cache *, const char *, long long,
		    struct pool *);
int		 cache_records(struct cache *, const unsigned char *, int);
void		 cache_reckey(const struct cache *, const struct record *,
		    unsigned char *);
const struct peoplememo *cache_people(struct cache *);
struct record	*cache_record(struct cache *, const char *, size_t, int);
char		*cache_recordbody(struct cache *, const char *);
void		 cache_putbody(struct cache *, const char *, const char *);
void		 cache_keeprecord(struct cache *, const struct record *,
		    size_t);
size_t		 cache_parsed(const struct cache *);
const struct pagememo *cache_pages(struct cache *);
size_t		 cache_pagehits(const struct cache *, int, size_t *);
const char	**cache_unclean(const struct cache *, size_t *);
size_t		 cache_cleanfiles(const struct cache *, size_t *);
void		 cache_auditkeep(struct cache *, const char *);
int		 cache_auditload(void *, const char *, char **, size_t *);
void		 cache_auditsave(void *, const char *, const char *, size_t);
void		 cache_auditkey(struct cache *, const unsigned char *);
int		 cache_recheck(struct cache *, const char *, struct pool *);
int		 cache_recget(struct cache *, const unsigned char *, char **,
		    size_t *);
void		 cache_rechit(struct cache *);
void		 cache_putaside(struct cache *, const unsigned char *,
		    const char *);
char		*cache_getaside(struct cache *, const unsigned char *);
int		 cache_keepaside(struct cache *, const unsigned char *);
void		 cache_recput(struct cache *, const unsigned char *,
		    const char *, size_t);
size_t		 cache_rehashed(const struct cache *, size_t *);
size_t		 cache_rechits(const struct cache *);
size_t		 cache_peoplehits(const struct cache *);
void		 cache_sources(struct cache *, int);
int		 cache_verified(struct cache *);
void		 cache_watch(struct cache *, const char *, const char *, int,
		    char **, size_t);
int		 cache_prune(struct cache *, const char *);
int		 cache_reuse(struct cache *, const char *, const char *,
		    const unsigned char *, struct pool *);
int		 cache_clean(const struct cache *, const char *);
size_t		 cache_linked(const struct cache *);
int		 cache_save(struct cache *, const char *, long long,
		    long long);
int		 cache_spareless(const struct cache *);
int		 cache_spare(struct cache *, const char *, const char *,
		    struct pool *);
int		 cache_respare(struct cache *, const char *, const char *,
		    struct pool *);
void		 cache_abort(struct cache *, const char *);
void		 cache_close(struct cache *);

/* serve.c */
int		 serve_run(const struct buildopts *, int);

/* scaffold.c */
int		 scaffold_new(const char *, const char *);

/* snapshot.c */
int		 snapshot_run(const struct snapopts *);

/* tmpl.cc: the bridge to ctemplate */
struct tdict;

/*
 * The numbered notes of a page, one per legal ground, numbered in the
 * order the page first refers to each while it is expanded; the same
 * numbers again when the page is expanded a second time.
 */
struct notes {
	size_t	*num;	/* per ground: its note's number, 0 if none */
	size_t	*first;	/* per ground: the number of its first reference */
	size_t	 n;	/* grounds */
	size_t	 next;	/* notes numbered */
	size_t	 refs;	/* references in this expansion */
};

int		 tmpl_load(const char *, const char *, size_t);
void		 tmpl_clear(void);
struct tdict	*tmpl_dict_new(const char *);
void		 tmpl_dict_free(struct tdict *);
void		 tmpl_set(struct tdict *, const char *, const char *);
void		 tmpl_set_int(struct tdict *, const char *, long);
void		 tmpl_set_global(const char *, const char *);
void		 tmpl_show(struct tdict *, const char *);
struct tdict	*tmpl_section(struct tdict *, const char *);
struct tdict	*tmpl_include(struct tdict *, const char *, const char *);
int		 tmpl_expand(const char *, const struct tdict *, struct buf *);
int		 tmpl_expand_notes(const char *, const struct tdict *,
		    struct notes *, struct buf *);

#endif /* !EXTERN_H */
