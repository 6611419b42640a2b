/*
 * disclose: the data model.
 *
 * A case record is read from Markdown with YAML front matter into a
 * struct record whose every value remembers where it stood in the file.
 * Redaction turns a raw record into a public one (values withheld,
 * masked, pseudonymized, or kept); everything after redaction sees only
 * public records.  Ownership: a struct is freed by its *_free function;
 * a returned char * is freed by the caller unless the prototype says
 * "borrowed".
 */
#ifndef DISCLOSE_H
#define DISCLOSE_H

#include <stddef.h>
#include <stdint.h>

struct cmark_node;

/* A position in a source file: 1-based line and column (in characters). */
struct pos {
	int line;
	int col;
};

/* A node of YAML, as parsed by libyaml, with positions (yaml.c). */
enum ytype {
	Y_SCALAR,
	Y_MAP,
	Y_SEQ
};

struct ynode {
	enum ytype	 type;
	char		*value;	/* Y_SCALAR: the text */
	int		 plain;	/* Y_SCALAR: written without quotes */
	struct pos	 pos;	/* where the node starts */
	char	       **keys;	/* Y_MAP: the keys */
	struct pos	*keypos;/* Y_MAP: where each key starts */
	struct ynode   **kids;	/* Y_MAP: values; Y_SEQ: items */
	size_t		 n;
};

/* A calendar date; m or d is 0 when generalized to a year or month. */
struct date {
	int	y;
	int	m;
	int	d;
};

/* The redaction operators of a policy. */
enum redop {
	OP_KEEP = 0,
	OP_WITHHOLD,
	OP_PSEUDONYM,
	OP_MASK,
	OP_GENERALIZE,
	OP__MAX
};

enum vstate {
	V_ABSENT = 0,	/* not in the record */
	V_SET,		/* a value, possibly transformed by an operator */
	V_WITHHELD	/* withheld: s is NULL */
};

/*
 * One scalar of a record.  In a raw record st is V_ABSENT or V_SET and
 * op is OP_KEEP; a value that is written but says nothing (null, "",
 * blanks) is V_ABSENT with empty set and pos where it stands.  In a
 * public record, op says what redaction did and ground indexes the
 * policy's legal grounds when op is not OP_KEEP.  Packed into 24 bytes:
 * a record holds some sixty of them, and a portal may hold 100,000
 * records.
 */
struct val {
	char		*s;
	struct pos	 pos;
	uint32_t	 ground;
	enum vstate	 st : 2;
	unsigned	 empty : 1; /* raw: the key is there, with no value */
	enum redop	 op : 3;
};

struct person {
	struct pos	pos;	/* where its mapping starts */
	struct val	name;
	struct val	position;
	struct val	id_number;
	struct val	phone;
	struct val	email;
	struct val	address;
};

struct party {
	struct pos	pos;
	struct val	name;
	struct val	credit_code;
	struct val	phone;
	struct val	email;
	struct val	address;
};

struct step {
	struct val	step;
	struct val	date;
	struct val	note;
	struct date	d;
};

/* An item of the declared list (rules.yaml) that a case relied on. */
struct basisref {
	struct val	item;		/* its number, as written */
	struct pos	pos;
};

struct revision {
	struct val	date;
	struct val	note;
	struct date	d;
};

enum cardpart {
	CARD_HEAD = 0,		/* title, unit, category */
	CARD_SUMMARY,
	CARD_EXCERPT,
	CARD__MAX
};

enum status {
	STATUS_CLOSED = 0,
	STATUS_OPEN,
	STATUS_WITHDRAWN,
	STATUS__MAX
};

enum outcome {
	OUTCOME_EXEMPTED = 0,
	OUTCOME_MITIGATED,
	OUTCOME_ACCOUNTABLE,
	OUTCOME__MAX,
	OUTCOME_NONE = OUTCOME__MAX
};

/* The six dimensions of the "three distinctions". */
enum factor {
	FACTOR_DEGREE = 0,
	FACTOR_MOTIVE,
	FACTOR_CONDITIONS,
	FACTOR_PROCEDURE,
	FACTOR_POLICY,
	FACTOR_CONSEQUENCE,
	FACTOR__MAX
};

/* A kind of listing: years, units, categories, outcomes. */
enum tax {
	TAX_YEAR = 0,
	TAX_UNIT,
	TAX_CATEGORY,
	TAX_OUTCOME,
	TAX__MAX
};

/*
 * A record: as read (raw), or in its public form.  Its members are laid
 * out with no gap between them, so that it takes 1,016 bytes and not
 * more than 1,024 (the next size of allocation up is 1,280): a build
 * holds one for each case, twice over while it redacts.
 */
struct record {
	char		*path;		/* the file, as found under content */
	struct val	 id;
	struct val	 title;
	struct val	 status;
	struct val	 unit;
	struct val	 category;
	struct val	 summary;
	struct val	 outcome;
	struct person	 subject;
	struct person	*witnesses;
	size_t		 nwitnesses;
	struct person	*others;	/* other people the text names */
	size_t		 nothers;
	struct party	*parties;
	size_t		 nparties;
	struct val	 factors[FACTOR__MAX];
	struct step	*steps;
	size_t		 nsteps;
	struct basisref	*basis;		/* the items of rules.yaml it relied
					 * on (exempted, mitigated) */
	size_t		 nbasis;
	struct val	 third_party_review;
	struct val	 hearing;
	struct val	 decided;
	struct val	 published;
	struct revision	*revs;
	size_t		 nrevs;
	struct val	 withdrawn_date;
	struct val	 withdrawn_reason;

	/* Where things are in the file. */
	int		 body_line;	/* file line of the body's first line */
	int		 has_subject;
	struct pos	 subject_pos;	/* where its key is, when there:
					 * without has_subject, it is empty */
	int		 has_factors;
	struct pos	 factors_pos;	/* as subject_pos */
	int		 has_withdrawn;
	struct pos	 withdrawn_pos;	/* as subject_pos */
	struct pos	 procedure_pos;	/* where its key is, when there */
	struct pos	 basis_pos;	/* where its key is, when there */

	struct val	 body;		/* the Markdown source, or NULL
					 * while set aside */
	unsigned long long body_at;	/* set aside: where it stands in a */
	size_t		 body_len;	/* spill file, and its size (0: in
					 * memory) */
	struct cmark_node *doc;		/* the parsed body while redacted */
	char		*html;		/* then: the public body as HTML,
					 * or NULL for none or when spilled */
	unsigned long long html_at;	/* spilled: where it stands in the */
	size_t		 html_len;	/* build's spill file, and its size
					 * (0: not spilled) */
	int		 body_kept;	/* or, of the body: kept by the build
					 * cache, with the record as read (its
					 * keeper reads it again) */
	int		 html_kept;	/* or, of the HTML: kept by the build
					 * cache, with the record as redacted,
					 * under src */
	char		*lead;		/* and its first paragraph as text,
					 * withheld spans marked */

	/* Derived while reading (raw) and kept by redaction. */
	enum status	 st;
	enum outcome	 oc;
	struct date	 decided_d;
	struct date	 published_d;
	struct date	 withdrawn_d;
	int		 unpacked;	/* see block below */

	/* Public records only: how many items were withheld, per ground. */
	size_t		*withheld;	/* one count per policy ground */
	size_t		 nwithheld;	/* total */
	/* Of those, what a listing's card shows: title, unit and category;
	 * the summary; the first paragraph (the excerpt without summary). */
	size_t		*oncard[CARD__MAX];
	char		*digest;	/* SHA-256 (hex) of the public record */
	unsigned char	 src[32];	/* read: BLAKE2b of the file's bytes;
					 * public: the key of its redaction
					 * (the cache's), or zero */

	/* Set by index.c: the term of each taxonomy, or -1. */
	int		 term[TAX__MAX];

	/* Where record_compact moved the values, lists and counts: one
	 * allocation, which record_free frees whole.  Of a record unpacked
	 * (unpacked set), its strings but the body and HTML: record_compact
	 * leaves it be. */
	char		*block;
	size_t		 blocklen;
};

/* A unit or category of site.yaml: its display name and path segment. */
struct termdef {
	char	*name;
	char	*slug;
};

/* An exemptible situation of the declared list (免责清单). */
struct ruleitem {
	long		 n;		/* its number */
	char		*text;
	char		*source;	/* the document and article */
	struct date	 from;		/* valid from */
	struct date	 to;		/* until (y 0: no end) */
	char		*from_s;	/* both as written */
	char		*to_s;
};

/* A red line: what can never be exempted. */
struct redline {
	char		*text;
	char		*source;
};

/* content/rules.yaml: the local rules' list. */
struct rules {
	char		*path;
	struct ruleitem	*items;		/* in the file's order */
	size_t		 nitems;
	struct redline	*lines;
	size_t		 nlines;
};

struct config {
	char		*path;		/* site.yaml */
	char		*title;
	char		*description;
	char		*intro;		/* Markdown */
	char		*base_url;	/* absolute, ends in '/' */
	char		*base_path;	/* path part of base_url */
	char		*language;	/* zh-CN or en */
	char		*tz;		/* "+08:00" */
	int		 tzmin;		/* the offset in minutes */
	char		*tag_authority;
	char		*tag_date;
	char		*publisher;
	char		*site_code;	/* 网站标识码 */
	char		*icp;		/* ICP 备案号 */
	char		*police_record;	/* 公安机关备案号 */
	char		*privacy;	/* Markdown, or NULL: the theme's */
	char		*contact_email;
	char		*contact_url;
	char		*contact_phone;
	size_t		 per_page;
	size_t		 feed_items;
	int		 feed_summary_only;
	size_t		 limit_decision;	/* days, 0 for none */
	size_t		 limit_publication;
	struct date	 basis_from;	/* an exemption decided before it
					 * may lack a basis (y 0: none may) */
	struct rules	*rules;		/* rules.yaml, or NULL: none */
	int		 rules_bad;	/* or one that does not read */
	char		*data_license;	/* the open data's terms of reuse,
					 * NULL for the theme's */
	struct termdef	*units;
	size_t		 nunits;
	struct termdef	*categories;
	size_t		 ncategories;
};

/* One legal ground of a policy, e.g. privacy: 《…条例》第十五条 … */
struct ground {
	char		*key;
	char		*text;
};

enum audience {
	AUD_PUBLIC = 0,
	AUD_INTERNAL,
	AUD__MAX
};

/* What a policy says of one field for one audience. */
struct rule {
	int		 set;		/* named by the policy */
	enum redop	 op;
	size_t		 ground;	/* index into grounds */
	int		 first;		/* OP_MASK: characters kept at the start */
	int		 last;		/* OP_MASK: characters kept at the end */
	int		 to_year;	/* OP_GENERALIZE: to year, else month */
	struct pos	 pos;
};

struct policyfield {
	char		*path;		/* e.g. subject.name, witnesses[].phone */
	struct pos	 pos;
	struct rule	 rule[AUD__MAX];
};

struct policy {
	char		*path;
	struct ground	*grounds;
	size_t		 ngrounds;
	struct policyfield *fields;
	size_t		 nfields;
	char		**ordinary;	/* phrases that are ordinary words */
	struct pos	*ordpos;
	size_t		 nordinary;
	int		 undeclared_warn; /* an undeclared name warns only */
};

/* One term of a taxonomy and the closed cases under it, newest first. */
struct term {
	char		 *name;
	char		 *slug;
	struct record	**recs;
	size_t		  nrecs;
	size_t		  count[OUTCOME__MAX];
};

struct taxonomy {
	struct term	*terms;
	size_t		 nterms;
};

enum itemkind {
	ITEM_CASE = 0,		/* a case was published */
	ITEM_CORRECTION,	/* a revision of a published case */
	ITEM_WITHDRAWAL		/* a published case was withdrawn */
};

/* One entry of a feed. */
struct item {
	enum itemkind	 kind;
	struct record	*rec;
	size_t		 rev;		/* ITEM_CORRECTION: index into revs */
	struct date	 date;
	char		*guid;		/* tag URI */
};

/* The indexed portal: the only input of the renderers. */
struct spill;

/* The kinds of files the renderer remembers (pagememo's hit). */
enum {
	PAGE_CASE = 0,
	PAGE_LIST,
	PAGE_FEED,
	PAGE__MAX
};

/*
 * What the renderer may remember of a page of a case, of a listing or
 * of a feed: the digest of the file made of all that key says (get),
 * that it made it (put), and that it took it as it was or made it anew
 * (hit: of which kind, taken or not).  And what the search index may
 * remember of a case: the entry made of all that key says (load, the
 * caller frees it), and that it made it (save).
 */
struct pagememo {
	int	(*get)(void *, const unsigned char *, unsigned char *);
	void	(*put)(void *, const unsigned char *, const unsigned char *);
	void	(*hit)(void *, int, int);
	int	(*load)(void *, const unsigned char *, char **, size_t *);
	void	(*save)(void *, const unsigned char *, const char *, size_t);
	int	(*keep)(void *, const unsigned char *);
	void	 *arg;
};

struct site {
	const struct config *cfg;
	const struct spill *spill;	/* the bodies set aside, or NULL */
	/* The body as HTML of a record whose html_kept is set, read again
	 * where it was kept; NULL when it cannot be (reported, and the
	 * build stops as on a failed write). */
	char		*(*kepthtml)(void *, const struct record *);
	void		*keptarg;
	const struct pagememo *memo;	/* pages of cases made before, or
					 * NULL: each record's src is then the
					 * key of its public form */
	const struct policy *pol;
	enum audience	 aud;
	struct record	**pages;	/* every public record with a page */
	size_t		 npages;
	struct record	**cases;	/* closed cases, newest first */
	size_t		 ncases;
	struct taxonomy	 tax[TAX__MAX];
	struct item	*items;		/* feed entries, newest first */
	size_t		 nitems;
	struct term	*rules;		/* per item of the declared list, */
	size_t		 nrules;	/* the cases that rely on it */
	struct oversight *ov;		/* how 容错 is applied (oversight.c) */
};

/* Days of one kind (oversight.c): of how many cases, their median and
 * 90th percentile, and how many are beyond the limit. */
struct odays {
	size_t		 n;
	long		 median;
	long		 p90;
	size_t		 beyond;
};

/* The oversight figures of a group of cases: a unit, a year, the
 * portal. */
struct ogroup {
	size_t		 term;		/* of its taxonomy */
	size_t		 n;		/* cases with a public outcome */
	size_t		 oc[OUTCOME__MAX];
	int		 tested;	/* its exemptions against the rest */
	int		 flag;		/* 1 clearly above, -1 below, 0 not */
	double		 p;		/* Fisher's exact test */
	double		 padj;		/* after Holm's correction */
	struct odays	 days[2];	/* to decision, to publication */
	size_t		 hearing[2];	/* cases where public, of them yes */
	size_t		 review[2];	/* the same of third-party review */
};

/* How often an item of the declared list was relied on, and by which
 * units (counts per term of TAX_UNIT, then of cases of no public
 * unit). */
struct oitem {
	size_t		 n;
	size_t		 oc[OUTCOME__MAX];
	size_t		*units;
	size_t		 other;
};

struct oversight {
	struct ogroup	 all;
	struct oitem	*items;		/* per item of rules.yaml, or NULL */
	size_t		 nitems;
	struct ogroup	*units;		/* units with a page, site.yaml's */
	size_t		 nunits;	/* order */
	struct ogroup	*years;		/* newest first */
	size_t		 nyears;
	size_t		 ntested;
	size_t		 mincases;
	double		 alpha;
	struct record	**late;		/* beyond a limit, newest first */
	size_t		 nlate;
};

#endif /* !DISCLOSE_H */
