/*
 * Reading a case record: the file is split into YAML front matter and a
 * Markdown body; the front matter is parsed by libyaml (yaml.c) and
 * mapped onto a struct record, reporting every value of the wrong shape
 * and every unknown key with its line and column.  The rules of content
 * (required fields, known values, dates in order) are validate.c's.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cmark-gfm.h>
#include <sodium.h>

#include "disclose.h"
#include "extern.h"

/* A record fits the allocation of 1,024 bytes (see struct record). */
_Static_assert(sizeof(void *) != 8 || sizeof(struct record) <= 1024,
    "struct record outgrew 1,024 bytes");

const char *const factor_keys[FACTOR__MAX + 1] = {
	"degree", "motive", "conditions", "procedure", "policy",
	"consequence", NULL
};

const char *const status_names[STATUS__MAX] = {
	"closed", "open", "withdrawn"
};

const char *const outcome_names[OUTCOME__MAX] = {
	"exempted", "mitigated", "accountable"
};

/*
 * The fields of a record, in the order of the format.  What the front
 * matter may hold, what record_free frees and record_dup copies, what
 * record_visit visits (and so redaction) and the field paths a policy
 * may name all come from this table: a new field is a line here and its
 * member of struct record (what the portal shows of it is for validate.c
 * and the renderers to say).
 */

/* One value of a mapping: its key and where its struct val is. */
struct valdef {
	const char	*key;
	size_t		 off;		/* from the start of the mapping */
	unsigned	 flags;		/* RF_* */
};

/* When absent (not merely empty), a value is reported at its item. */
#define RF_ATITEM	0x100

/* The most keys of a mapping, the front matter's included. */
#define MAXKEYS		32

enum fkind {
	FK_VAL = 0,		/* one value */
	FK_MAP,			/* a mapping of vals */
	FK_FACTORS,		/* a mapping of factor_keys to an array of
				 * values */
	FK_LIST,		/* a list of mappings of vals, or of
				 * scalars (one val, whose key is "") */
	FK_BODY			/* the Markdown body, no key of the front
				 * matter */
};

#define NONE	SIZE_MAX

/*
 * A field of the front matter.  Offsets are into struct record, but for
 * vals (into the mapping or item) and itempos (into an item); a member
 * a field lacks is NONE.
 */
struct fielddef {
	const char		*key;
	enum fkind		 kind;
	unsigned		 flags;		/* FK_VAL: RF_* */
	size_t			 off;		/* the val, mapping or array */
	const struct valdef	*vals;		/* FK_MAP, FK_LIST */
	size_t			 size;		/* FK_LIST: of an item */
	size_t			 count;		/* FK_LIST: its size_t count */
	size_t			 itempos;	/* pos: where an item starts */
	size_t			 keypos;	/* pos: where the key is */
	size_t			 has;		/* int: the mapping is there */
};

#define VAL(k, m, f)	{ (k), FK_VAL, (f), offsetof(struct record, m), \
			  NULL, 0, 0, NONE, NONE, NONE }
#define PV(k, m, f)	{ (k), offsetof(struct person, m), (f) }
#define QV(k, m, f)	{ (k), offsetof(struct party, m), (f) }
#define SV(k, m, f)	{ (k), offsetof(struct step, m), (f) }
#define EV(k, m, f)	{ (k), offsetof(struct revision, m), (f) }
#define WV(k, m, f)	{ (k), offsetof(struct record, m), (f) }
#define LIST(k, m, n, t, vals, ip, kp) \
	{ (k), FK_LIST, 0, offsetof(struct record, m), (vals), \
	  sizeof(t), offsetof(struct record, n), (ip), (kp), NONE }

static const struct valdef personvals[] = {
	PV("name", name, RF_NAME),
	PV("position", position, 0),
	PV("id_number", id_number, 0),
	PV("phone", phone, 0),
	PV("email", email, 0),
	PV("address", address, 0),
	{ NULL, 0, 0 }
};

static const struct valdef partyvals[] = {
	QV("name", name, 0),
	QV("credit_code", credit_code, 0),
	QV("phone", phone, 0),
	QV("email", email, 0),
	QV("address", address, 0),
	{ NULL, 0, 0 }
};

static const struct valdef stepvals[] = {
	SV("step", step, RF_ATITEM),
	SV("date", date, RF_DATE | RF_ATITEM),
	SV("note", note, 0),
	{ NULL, 0, 0 }
};

/* An item of a list of scalars is one value, without a key of its own:
 * its path is the list's (basis[], basis[2]). */
static const struct valdef basisvals[] = {
	{ "", offsetof(struct basisref, item), RF_ATITEM },
	{ NULL, 0, 0 }
};

static const struct valdef revvals[] = {
	EV("date", date, RF_DATE | RF_ATITEM),
	EV("note", note, RF_ATITEM),
	{ NULL, 0, 0 }
};

static const struct valdef withdrawnvals[] = {
	WV("date", withdrawn_date, RF_DATE),
	WV("reason", withdrawn_reason, 0),
	{ NULL, 0, 0 }
};

static const struct fielddef fielddefs[] = {
	VAL("id", id, RF_KEPT),
	VAL("title", title, 0),
	VAL("status", status, RF_KEPT),
	VAL("unit", unit, 0),
	VAL("category", category, 0),
	VAL("summary", summary, 0),
	{ "subject", FK_MAP, 0, offsetof(struct record, subject), personvals,
	  0, 0, offsetof(struct person, pos),
	  offsetof(struct record, subject_pos),
	  offsetof(struct record, has_subject) },
	LIST("witnesses", witnesses, nwitnesses, struct person, personvals,
	    offsetof(struct person, pos), NONE),
	LIST("others", others, nothers, struct person, personvals,
	    offsetof(struct person, pos), NONE),
	LIST("third_parties", parties, nparties, struct party, partyvals,
	    offsetof(struct party, pos), NONE),
	VAL("outcome", outcome, 0),
	{ "factors", FK_FACTORS, 0, offsetof(struct record, factors), NULL,
	  0, 0, NONE, offsetof(struct record, factors_pos),
	  offsetof(struct record, has_factors) },
	LIST("procedure", steps, nsteps, struct step, stepvals, NONE,
	    offsetof(struct record, procedure_pos)),
	LIST("basis", basis, nbasis, struct basisref, basisvals,
	    offsetof(struct basisref, pos), offsetof(struct record, basis_pos)),
	VAL("third_party_review", third_party_review, 0),
	VAL("hearing", hearing, 0),
	VAL("decided", decided, RF_DATE),
	VAL("published", published, RF_DATE | RF_KEPT),
	LIST("revisions", revs, nrevs, struct revision, revvals, NONE, NONE),
	{ "withdrawn", FK_MAP, 0, 0, withdrawnvals, 0, 0, NONE,
	  offsetof(struct record, withdrawn_pos),
	  offsetof(struct record, has_withdrawn) },
	{ "body", FK_BODY, 0, offsetof(struct record, body), NULL, 0, 0,
	  NONE, NONE, NONE },
	{ NULL, FK_VAL, 0, 0, NULL, 0, 0, NONE, NONE, NONE }
};

/* The key of the n-th value of a mapping field and its flags, or NULL
 * after the last. */
static const char *
subkey(const struct fielddef *f, size_t n, unsigned *flags)
{
	if (f->kind == FK_FACTORS) {
		*flags = 0;
		return n < FACTOR__MAX ? factor_keys[n] : NULL;
	}
	*flags = f->vals[n].flags;
	return f->vals[n].key;
}

/* The n-th value of a mapping field whose mapping starts at base. */
static struct val *
subval(const struct fielddef *f, char *base, size_t n)
{
	if (f->kind == FK_FACTORS)
		return (struct val *)base + n;
	return (struct val *)(base + f->vals[n].off);
}

/* The items of a list field of r, and how many there are. */
static char *
itemsof(const struct fielddef *f, const struct record *r, size_t *n)
{
	void	*items;

	memcpy(n, (const char *)r + f->count, sizeof(*n));
	memcpy(&items, (const char *)r + f->off, sizeof(items));
	return items;
}

/* The keys of a mapping field f (of the front matter, f NULL) into
 * keys, which has room for max and a NULL. */
static void
keysof(const struct fielddef *f, const char **keys, size_t max)
{
	const char	*k;
	unsigned	 fl;
	size_t		 n = 0;

	if (f == NULL) {
		for (f = fielddefs; f->key != NULL; f++)
			if (f->kind != FK_BODY && n < max)
				keys[n++] = f->key;
	} else
		while (n < max && (k = subkey(f, n, &fl)) != NULL)
			keys[n++] = k;
	keys[n] = NULL;
}

/*
 * The scalar under key in map into a val; a mapping or list is an
 * error, and so is a control character (other than tab and line
 * breaks): no text needs one, and redaction marks withheld spans with
 * them.  A value that says nothing (null, "", blanks) stays absent, but
 * marked empty where it stands, for validate.c to tell it from a
 * missing one.
 */
static void
getval(struct source *c, const struct ynode *map, const char *key,
    struct val *v, const char *name)
{
	const struct ynode	*n;
	const unsigned char	*p;
	size_t			 i;

	if ((n = ynode_get(map, key, &i)) == NULL)
		return;
	if (ynode_blank(n)) {
		v->empty = 1;
		v->pos = ynode_at(map, i);
		return;
	}
	if (n->type != Y_SCALAR) {
		diag_at(c, n->pos, "%s: expected a value, found %s",
		    name, ytype_name(n->type));
		return;
	}
	for (p = (const unsigned char *)n->value; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
		    *p == 0x7f) {
			diag_at(c, n->pos, "%s: a control character "
			    "(U+%04X) has no place in a value", name, *p);
			return;
		}
	v->s = xstrdup(n->value);
	v->pos = n->pos;
	v->st = V_SET;
}

static const struct ynode *
want(struct source *c, const struct ynode *n, enum ytype t, const char *name)
{
	if (ynode_isnull(n))
		return NULL;
	if (n->type != t) {
		diag_at(c, n->pos, "%s: expected %s, found %s",
		    name, ytype_name(t), ytype_name(n->type));
		return NULL;
	}
	return n;
}

/*
 * The values of mapping n of field f into the mapping at base (a person,
 * a step, …), where names it in messages (witnesses[2]).
 */
static void
mapping(struct source *c, const struct fielddef *f, const struct ynode *n,
    char *base, const char *where)
{
	const char	*keys[MAXKEYS + 1], *key;
	struct val	*v;
	unsigned	 fl;
	size_t		 i;
	char		*w;

	if (f->itempos != NONE)
		memcpy(base + f->itempos, &n->pos, sizeof(n->pos));
	keysof(f, keys, MAXKEYS);
	ynode_unknown(c, n, where, keys);
	for (i = 0; (key = subkey(f, i, &fl)) != NULL; i++) {
		v = subval(f, base, i);
		w = xasprintf("%s.%s", where, key);
		getval(c, n, key, v, w);
		free(w);
		if ((fl & RF_ATITEM) && v->st == V_ABSENT && !v->empty)
			v->pos = n->pos;
	}
}

/* Each item of a list must be a mapping; returns how many there are. */
static size_t
maplist(struct source *c, const struct ynode *n, const char *name)
{
	size_t	 i;

	if ((n = want(c, n, Y_SEQ, name)) == NULL)
		return 0;
	for (i = 0; i < n->n; i++)
		if (n->kids[i]->type != Y_MAP) {
			diag_at(c, n->kids[i]->pos, "%s[%zu]: "
			    "expected a mapping, found %s", name, i + 1,
			    ytype_name(n->kids[i]->type));
		}
	return n->n;
}

/* Whether the items of list field f are scalars, not mappings. */
static int
scalars(const struct fielddef *f)
{
	return f->kind == FK_LIST && f->vals[0].key[0] == '\0';
}

/* A list of scalars: each item's value, and where it stands. */
static void
scalarlist(struct source *c, const struct fielddef *f,
    const struct ynode *n, struct record *r)
{
	struct ynode	 one;
	char		*items, *w;
	size_t		 i, cnt;

	if ((n = want(c, n, Y_SEQ, f->key)) == NULL || n->n == 0)
		return;
	cnt = n->n;
	items = xcalloc(cnt, f->size);
	memcpy((char *)r + f->off, &items, sizeof(items));
	for (i = 0; i < cnt; i++) {
		/* The item as the value of a mapping of one key, "". */
		memset(&one, 0, sizeof(one));
		one.type = Y_MAP;
		one.pos = n->kids[i]->pos;
		one.keys = (char *[]){ "" };
		one.keypos = &one.pos;
		one.kids = (struct ynode *[]){ n->kids[i] };
		one.n = 1;
		w = xasprintf("%s[%zu]", f->key, i + 1);
		getval(c, &one, "", (struct val *)(items + i * f->size +
		    f->vals[0].off), w);
		free(w);
		memcpy(items + i * f->size + f->itempos, &n->kids[i]->pos,
		    sizeof(struct pos));
	}
	memcpy((char *)r + f->count, &cnt, sizeof(cnt));
}

/* A list field of the front matter: every item that is a mapping. */
static void
list(struct source *c, const struct fielddef *f, const struct ynode *n,
    struct record *r)
{
	char	*items, *w;
	size_t	 i, cnt, nitems = 0;

	if (scalars(f)) {
		scalarlist(c, f, n, r);
		return;
	}
	if ((cnt = maplist(c, n, f->key)) == 0)
		return;
	items = xcalloc(cnt, f->size);
	memcpy((char *)r + f->off, &items, sizeof(items));
	for (i = 0; i < cnt; i++) {
		if (n->kids[i]->type != Y_MAP)
			continue;
		w = xasprintf("%s[%zu]", f->key, i + 1);
		mapping(c, f, n->kids[i], items + nitems++ * f->size, w);
		free(w);
	}
	memcpy((char *)r + f->count, &nitems, sizeof(nitems));
}

static void
fields(struct source *c, const struct ynode *root, struct record *r)
{
	const struct fielddef	*f;
	const struct ynode	*n;
	const char		*keys[MAXKEYS + 1];
	size_t			 k;
	int			 one = 1;

	keysof(NULL, keys, MAXKEYS);
	ynode_unknown(c, root, "", keys);
	for (f = fielddefs; f->key != NULL; f++) {
		if (f->kind == FK_BODY)
			continue;
		if (f->kind == FK_VAL) {
			getval(c, root, f->key,
			    (struct val *)((char *)r + f->off), f->key);
			continue;
		}
		if ((n = ynode_get(root, f->key, &k)) != NULL &&
		    f->keypos != NONE)
			memcpy((char *)r + f->keypos, &root->keypos[k],
			    sizeof(root->keypos[k]));
		if (f->kind == FK_LIST) {
			list(c, f, n, r);
			continue;
		}
		if ((n = want(c, n, Y_MAP, f->key)) == NULL)
			continue;
		memcpy((char *)r + f->has, &one, sizeof(one));
		mapping(c, f, n, (char *)r + f->off, f->key);
	}
}

/* Whether the line starting at p is exactly "---" (CR and blanks allowed). */
static int
isfence(const char *p, const char *end)
{
	if (end - p < 3 || strncmp(p, "---", 3) != 0)
		return 0;
	for (p += 3; p < end && *p != '\n'; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

/*
 * The record of text, which ends in a NUL after len bytes.  Returns the
 * record (never NULL); *ok is 0 if any problem was reported.
 */
static struct record *
parse(const char *path, const char *data, size_t len, int *ok)
{
	struct source	 c;
	struct record	*r;
	struct ynode	*root;
	const char	*p, *end, *fm, *body, *text;
	size_t		 bad;
	int		 line, yok;
	struct pos	 one = { 1, 1 };

	memset(&c, 0, sizeof(c));
	c.path = path;
	c.ok = 1;
	r = xcalloc(1, sizeof(*r));
	r->path = xstrdup(path);
	*ok = 0;

	if (memchr(data, '\0', len) != NULL) {
		diag_error(path, text_pos(data, strlen(data), 1),
		    "the file contains a NUL byte");
		return r;
	}
	text = data;
	end = text + len;
	if (!utf8_valid(text, len, &bad)) {
		diag_error(path, text_pos(text, bad, 1),
		    "invalid UTF-8 (the file must be saved as UTF-8)");
		return r;
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3;
	if (!isfence(text, end)) {
		diag_error(path, one, "a record must start with a line "
		    "\"---\" that opens its front matter");
		return r;
	}
	fm = p = strchr(text, '\n');
	if (fm == NULL) {
		diag_error(path, one, "front matter is not closed "
		    "(no second line \"---\")");
		return r;
	}
	fm++;
	line = 2;
	body = NULL;
	for (p = fm; p < end; line++) {
		if (isfence(p, end)) {
			body = strchr(p, '\n');
			body = body == NULL ? end : body + 1;
			break;
		}
		if ((p = strchr(p, '\n')) == NULL)
			break;
		p++;
	}
	if (body == NULL) {
		diag_error(path, one, "front matter is not closed "
		    "(no second line \"---\")");
		return r;
	}
	r->body_line = line + 1;
	root = yaml_load(path, fm, (size_t)(p - fm), 2, &yok);
	if (!yok) {
		ynode_free(root);
		return r;
	}
	if (root == NULL || root->type != Y_MAP) {
		diag_error(path, root == NULL ? one : root->pos,
		    "front matter must be a mapping of fields");
		ynode_free(root);
		return r;
	}
	fields(&c, root, r);
	ynode_free(root);
	r->body.s = xstrndup(body, (size_t)(end - body));
	r->body.st = V_SET;
	r->body.pos.line = r->body_line;
	r->body.pos.col = 1;
	*ok = c.ok;
	return r;
}

/*
 * Parse the text of a record file, len bytes (not necessarily ending in
 * NUL).  Returns the record (never NULL); *ok is 0 if any problem was
 * reported.
 */
struct record *
record_parse(const char *path, const char *data, size_t len, int *ok)
{
	struct record	*r;
	char		*text;

	if (memchr(data, '\0', len) != NULL)
		return parse(path, data, len, ok);
	text = xstrndup(data, len);
	r = parse(path, text, len, ok);
	free(text);
	return r;
}

/* Read and parse a record file; *ok as for record_parse. */
struct record *
record_read(const char *path, int *ok)
{
	struct record	*r;
	unsigned char	 h[32];
	char		*text;
	size_t		 len;

	if ((text = readsource(path, NULL, &len, h)) == NULL) {
		r = xcalloc(1, sizeof(*r));
		r->path = xstrdup(path);
		*ok = 0;
		return r;
	}
	r = record_parse(path, text, len, ok);
	memcpy(r->src, h, sizeof(r->src));
	free(text);
	return r;
}

/* Free p, unless it lies in the block of r (record_compact). */
static void
rfree(const struct record *r, void *p)
{
	uintptr_t	 a = (uintptr_t)p, b = (uintptr_t)r->block;

	if (b != 0 && a >= b && a < b + r->blocklen)
		return;
	free(p);
}

static void
mapfree(const struct record *r, const struct fielddef *f, char *base)
{
	unsigned	 fl;
	size_t		 i;

	for (i = 0; subkey(f, i, &fl) != NULL; i++)
		rfree(r, subval(f, base, i)->s);
}

void
record_free(struct record *r)
{
	const struct fielddef	*f;
	char			*items;
	size_t			 i, n;

	if (r == NULL)
		return;
	rfree(r, r->path);
	for (f = fielddefs; f->key != NULL; f++)
		switch (f->kind) {
		case FK_VAL:
		case FK_BODY:
			rfree(r, ((struct val *)((char *)r + f->off))->s);
			break;
		case FK_MAP:
		case FK_FACTORS:
			mapfree(r, f, (char *)r + f->off);
			break;
		case FK_LIST:
			items = itemsof(f, r, &n);
			for (i = 0; i < n; i++)
				mapfree(r, f, items + i * f->size);
			rfree(r, items);
			break;
		}
	if (r->doc != NULL)
		cmark_node_free(r->doc);
	free(r->html);
	rfree(r, r->lead);
	rfree(r, r->withheld);
	for (i = 0; i < CARD__MAX; i++)
		rfree(r, r->oncard[i]);
	rfree(r, r->digest);
	free(r->block);
	free(r);
}

/*
 * Moving a record's parts into one block: measured first (to NULL),
 * then copied, each part's pointer set to its copy and the part freed.
 */
struct mover {
	const struct record	*r;
	char			*to;	/* the new block, or NULL */
	size_t			 at;
};

static void
move(struct mover *m, void *pp, size_t len, int align)
{
	char	*p;

	memcpy(&p, pp, sizeof(p));
	if (p == NULL)
		return;
	if (align)
		m->at = (m->at + 15) & ~(size_t)15;
	if (m->to != NULL) {
		memcpy(m->to + m->at, p, len);
		rfree(m->r, p);
		p = m->to + m->at;
		memcpy(pp, &p, sizeof(p));
	}
	m->at += len;
}

static void
movestr(struct mover *m, char **pp)
{
	if (*pp != NULL)
		move(m, pp, strlen(*pp) + 1, 0);
}

static void
movemap(struct mover *m, const struct fielddef *f, char *base)
{
	unsigned	 fl;
	size_t		 i;

	for (i = 0; subkey(f, i, &fl) != NULL; i++)
		movestr(m, &subval(f, base, i)->s);
}

static void
moveall(struct mover *m, struct record *r, size_t ngrounds)
{
	const struct fielddef	*f;
	char			*items;
	size_t			 i, n;

	/* The arrays first, each at a boundary of sixteen bytes. */
	for (f = fielddefs; f->key != NULL; f++)
		if (f->kind == FK_LIST) {
			itemsof(f, r, &n);
			move(m, (char *)r + f->off, n * f->size, 1);
		}
	if (ngrounds > 0) {
		move(m, &r->withheld, ngrounds * sizeof(size_t), 1);
		for (i = 0; i < CARD__MAX; i++)
			move(m, &r->oncard[i], ngrounds * sizeof(size_t), 1);
	}
	movestr(m, &r->path);
	for (f = fielddefs; f->key != NULL; f++)
		switch (f->kind) {
		case FK_VAL:
			movestr(m, &((struct val *)((char *)r + f->off))->s);
			break;
		case FK_BODY:	/* read and given up on its own */
			break;
		case FK_MAP:
		case FK_FACTORS:
			movemap(m, f, (char *)r + f->off);
			break;
		case FK_LIST:
			items = itemsof(f, r, &n);
			for (i = 0; i < n; i++)
				movemap(m, f, items + i * f->size);
			break;
		}
	movestr(m, &r->lead);
	movestr(m, &r->digest);
}

/*
 * Put the values of r, its lists, its lead and digest and (with
 * ngrounds, the length of each) its counts of withheld items into one
 * allocation: a record kept from one step to a later one then costs one
 * block, not a hundred small ones scattered among what the step freed.
 * Its body and HTML stay apart, as they are given up on their own.
 */
void
record_compact(struct record *r, size_t ngrounds)
{
	struct mover	 m;
	char		*old = r->block;

	if (r->unpacked)
		return;
	if (r->withheld == NULL)
		ngrounds = 0;
	memset(&m, 0, sizeof(m));
	m.r = r;
	moveall(&m, r, ngrounds);
	if (m.at == 0)
		return;
	m.to = xmalloc(m.at);
	m.at = 0;
	moveall(&m, r, ngrounds);
	r->block = m.to;
	r->blocklen = m.at;
	free(old);
}

/* Visit the values of a mapping of f at base: pat and shown name it. */
/* "x.y" in buf (cap bytes) when it fits, else allocated. */
static char *
dotted(char *buf, size_t cap, const char *x, const char *y)
{
	size_t	 lx = strlen(x), ly = strlen(y);

	if (ly == 0)		/* the item of a list of scalars */
		return (char *)x;
	if (lx + ly + 2 > cap)
		return xasprintf("%s.%s", x, y);
	memcpy(buf, x, lx);
	buf[lx] = '.';
	memcpy(buf + lx + 1, y, ly + 1);
	return buf;
}

static void
visitmap(const struct fielddef *f, char *base, const char *pat,
    const char *shown, const char *leaf, record_visitor fn, void *arg)
{
	const char	*key;
	unsigned	 fl;
	size_t		 i;
	char		 abuf[128], bbuf[128], *a, *b;

	for (i = 0; (key = subkey(f, i, &fl)) != NULL; i++) {
		if (leaf != NULL && strcmp(key, leaf) != 0)
			continue;
		a = dotted(abuf, sizeof(abuf), pat, key);
		b = dotted(bbuf, sizeof(bbuf), shown, key);
		fn(a, b, subval(f, base, i), arg);
		if (a != abuf && a != pat)
			free(a);
		if (b != bbuf && b != shown)
			free(b);
	}
}

/*
 * Call fn on every value of the record with its field path as a policy
 * names it (witnesses[].name) and as an error names it (witnesses[2].name),
 * in the order of the format.  The body comes last.  With leaf, only the
 * values of that name in mappings.
 */
static void
visit(struct record *r, const char *leaf, record_visitor fn, void *arg)
{
	const struct fielddef	*f;
	char			*items, a[64], b[64], num[24], *e;
	size_t			 i, n, kl, nl;

	for (f = fielddefs; f->key != NULL; f++)
		switch (f->kind) {
		case FK_VAL:
		case FK_BODY:
			if (leaf == NULL)
				fn(f->key, f->key,
				    (struct val *)((char *)r + f->off), arg);
			break;
		case FK_MAP:
		case FK_FACTORS:
			visitmap(f, (char *)r + f->off, f->key, f->key, leaf,
			    fn, arg);
			break;
		case FK_LIST:
			/* The keys are the format's own, and short: key[]
			 * and key[1], key[2] and on. */
			items = itemsof(f, r, &n);
			kl = strlen(f->key);
			memcpy(a, f->key, kl);
			memcpy(a + kl, "[]", 3);
			memcpy(b, a, kl + 1);
			for (i = 0; i < n; i++) {
				e = num + sizeof(num);
				nl = i + 1;
				do
					*--e = (char)('0' + nl % 10);
				while ((nl /= 10) > 0);
				nl = num + sizeof(num) - e;
				memcpy(b + kl + 1, e, nl);
				memcpy(b + kl + 1 + nl, "]", 2);
				visitmap(f, items + i * f->size, a, b, leaf, fn,
				    arg);
			}
			break;
		}
}

void
record_visit(struct record *r, record_visitor fn, void *arg)
{
	visit(r, NULL, fn, arg);
}

/* As record_visit, the values of the mappings named name alone
 * (subject.name, witnesses[2].name): the people a record names. */
void
record_visit_names(struct record *r, record_visitor fn, void *arg)
{
	visit(r, "name", fn, arg);
}

/*
 * Every value of the record in the order of record_visit, without the
 * names of their paths: what packs, unpacks and copies a record needs,
 * on every record of every build.
 */
static void
eachval(struct record *r, void (*fn)(struct val *, void *), void *arg)
{
	const struct fielddef	*f;
	char			*base;
	size_t			 i, n, k, nv;

	for (f = fielddefs; f->key != NULL; f++)
		switch (f->kind) {
		case FK_VAL:
		case FK_BODY:
			fn((struct val *)((char *)r + f->off), arg);
			break;
		case FK_MAP:
		case FK_FACTORS:
		case FK_LIST:
			if (f->kind == FK_LIST)
				base = itemsof(f, r, &n);
			else {
				base = (char *)r + f->off;
				n = 1;
			}
			for (nv = 0; subkey(f, nv, &(unsigned){ 0 }) != NULL;
			    nv++)
				continue;
			for (i = 0; i < n; i++, base += f->size)
				for (k = 0; k < nv; k++)
					fn(subval(f, base, k), arg);
			break;
		}
}

static const char	**paths;	/* every field path, and */
static unsigned		 *pathflags;	/* what each is (RF_*) */
static pthread_once_t	  pathsonce = PTHREAD_ONCE_INIT;

static void
pathsinit(void)
{
	const struct fielddef	*f;
	const char		*key;
	unsigned		 fl;
	size_t			 i, n = 0;

	for (f = fielddefs; f->key != NULL; f++)
		if (f->kind == FK_VAL || f->kind == FK_BODY)
			n++;
		else
			for (i = 0; subkey(f, i, &fl) != NULL; i++)
				n++;
	paths = xcalloc(n + 1, sizeof(*paths));
	pathflags = xcalloc(n + 1, sizeof(*pathflags));
	n = 0;
	for (f = fielddefs; f->key != NULL; f++)
		if (f->kind == FK_VAL || f->kind == FK_BODY) {
			pathflags[n] = f->flags;
			paths[n++] = f->key;
		} else
			for (i = 0; (key = subkey(f, i, &fl)) != NULL; i++) {
				pathflags[n] = fl;
				paths[n++] = *key == '\0' ?
				    xasprintf("%s[]", f->key) :
				    xasprintf(f->kind == FK_LIST ?
				    "%s[].%s" : "%s.%s", f->key, key);
			}
}

/* Every field path a record has, as a policy names them (NULL after
 * the last), in the order of the format. */
const char *const *
record_paths(void)
{
	pthread_once(&pathsonce, pathsinit);
	return paths;
}

/* What the field at a policy's path is (RF_*); 0 if it is none. */
unsigned
record_pathflags(const char *path)
{
	size_t	 i;

	pthread_once(&pathsonce, pathsinit);
	for (i = 0; paths[i] != NULL; i++)
		if (strcmp(paths[i], path) == 0)
			return pathflags[i];
	return 0;
}

static void
copyval(struct val *v, void *arg)
{
	(void)arg;
	if (v->s != NULL)
		v->s = xstrdup(v->s);
}

/* Whether a public record has a body to show, in memory or spilled. */
int
record_hasbody(const struct record *r)
{
	return r->html != NULL || r->html_len > 0 || r->html_kept;
}

/*
 * Set the body of a raw record aside in sp, so that memory holds the
 * front matter of the records and not their texts between reading and
 * redaction.  Returns 1 when it was, 0 when it stays in memory (no spill
 * file, no body, or the spill file refused it).
 */
int
record_spillbody(struct record *r, struct spill *sp)
{
	size_t	 len;

	if (r->body.s == NULL || r->body_len > 0)
		return 0;
	len = strlen(r->body.s);
	if (!spill_put(sp, r->body.s, len, &r->body_at))
		return 0;
	r->body_len = len;
	free(r->body.s);
	r->body.s = NULL;
	return 1;
}

/*
 * The body of r in memory again, for as long as a step reads it (until
 * record_dropbody).  Returns 0 when the spill file could not be read:
 * that is reported, the body is empty, and the build stops as on a
 * failed write (write_failed).
 */
int
record_loadbody(struct record *r, const struct spill *sp)
{
	if (r->body.s != NULL || (r->body_len == 0 && !r->body_kept))
		return 1;
	if ((r->body.s = r->body_kept ? spill_kept(sp, r) :
	    spill_get(sp, r->body_at, r->body_len)) == NULL) {
		r->body.s = xstrdup("");
		return 0;
	}
	return 1;
}

/*
 * The body of a record taken from the build cache as read, given up
 * when the spill file's keeper reads it again from there, so that it is
 * not set aside: 1 when it was.
 */
int
record_keepbody(struct record *r, const struct spill *sp)
{
	if (r->body.s == NULL || r->body_len > 0 || !spill_keeps(sp))
		return 0;
	free(r->body.s);
	r->body.s = NULL;
	r->body_kept = 1;
	return 1;
}

/* The body of r read: back to its spill file or its keeper, when it
 * has one. */
void
record_dropbody(struct record *r)
{
	if (r->body_len == 0 && !r->body_kept)
		return;
	free(r->body.s);
	r->body.s = NULL;
}

/* A deep copy of a record's values (not its parsed body). */
struct record *
record_dup(const struct record *r)
{
	const struct fielddef	*f;
	struct record		*c;
	char			*items, *copy;
	size_t			 n;

	c = xcalloc(1, sizeof(*c));
	*c = *r;
	c->path = xstrdup(r->path);
	c->body_at = 0;
	c->body_len = 0;
	c->body_kept = 0;
	c->doc = NULL;
	c->html = NULL;
	c->html_at = 0;
	c->html_len = 0;
	c->html_kept = 0;
	c->lead = NULL;
	c->withheld = NULL;
	memset(c->oncard, 0, sizeof(c->oncard));
	c->digest = NULL;
	c->block = NULL;
	c->blocklen = 0;
	c->unpacked = 0;
	for (f = fielddefs; f->key != NULL; f++)
		if (f->kind == FK_LIST &&
		    (items = itemsof(f, r, &n)) != NULL && n > 0) {
			copy = xcalloc(n, f->size);
			memcpy(copy, items, n * f->size);
			memcpy((char *)c + f->off, &copy, sizeof(copy));
		}
	eachval(c, copyval, NULL);
	return c;
}

/*
 * Derive the typed fields (status, outcome, dates) from the values.
 * Values that do not parse leave their derived field unset; validate.c
 * reports them.
 */
void
record_derive(struct record *r)
{
	size_t	 i;

	r->st = STATUS__MAX;
	if (r->status.st == V_SET)
		for (i = 0; i < STATUS__MAX; i++)
			if (strcmp(r->status.s, status_names[i]) == 0)
				r->st = (enum status)i;
	r->oc = OUTCOME_NONE;
	if (r->outcome.st == V_SET)
		for (i = 0; i < OUTCOME__MAX; i++)
			if (strcmp(r->outcome.s, outcome_names[i]) == 0)
				r->oc = (enum outcome)i;
	memset(&r->decided_d, 0, sizeof(r->decided_d));
	memset(&r->published_d, 0, sizeof(r->published_d));
	memset(&r->withdrawn_d, 0, sizeof(r->withdrawn_d));
	if (r->decided.st == V_SET)
		date_parse_partial(r->decided.s, &r->decided_d);
	if (r->published.st == V_SET)
		date_parse_partial(r->published.s, &r->published_d);
	if (r->withdrawn_date.st == V_SET)
		date_parse_partial(r->withdrawn_date.s, &r->withdrawn_d);
	for (i = 0; i < r->nsteps; i++) {
		memset(&r->steps[i].d, 0, sizeof(r->steps[i].d));
		if (r->steps[i].date.st == V_SET)
			date_parse_partial(r->steps[i].date.s, &r->steps[i].d);
	}
	for (i = 0; i < r->nrevs; i++) {
		memset(&r->revs[i].d, 0, sizeof(r->revs[i].d));
		if (r->revs[i].date.st == V_SET)
			date_parse_partial(r->revs[i].date.s, &r->revs[i].d);
	}
}

/* The date a record last changed: publication, correction, withdrawal. */
struct date
record_lastmod(const struct record *r)
{
	struct date	 d = r->published_d;
	size_t		 i;

	for (i = 0; i < r->nrevs; i++)
		if (r->revs[i].date.st == V_SET &&
		    date_cmp(&r->revs[i].d, &d) > 0)
			d = r->revs[i].d;
	if (r->withdrawn_date.st == V_SET && date_cmp(&r->withdrawn_d, &d) > 0)
		d = r->withdrawn_d;
	return d;
}

/*
 * Days from the first procedure step (the application) to the decision,
 * or -1 when either date is unknown, withheld or generalized.
 */
long
record_days(const struct record *r)
{
	if (r->nsteps == 0 || r->steps[0].date.st != V_SET ||
	    r->steps[0].d.d == 0 || r->decided.st != V_SET ||
	    r->decided_d.d == 0)
		return -1;
	return date_days(&r->decided_d) - date_days(&r->steps[0].d);
}

/* One line of the canonical text of a public record. */
static void
canon(const char *pat, const char *shown, struct val *v, void *arg)
{
	struct buf	*b = arg;
	const char	*p;

	(void)pat;
	if (v->st == V_ABSENT || strcmp(shown, "body") == 0)
		return;
	buf_puts(b, shown);
	buf_putc(b, '\t');
	if (v->st == V_WITHHELD)
		buf_puts(b, "\\withheld");
	else
		for (p = v->s; *p != '\0'; p++)
			if (*p == '\n')
				buf_puts(b, "\\n");
			else if (*p == '\\')
				buf_puts(b, "\\\\");
			else if (*p == SPAN_MARK)
				buf_puts(b, "\\{");
			else if (*p == SPAN_END)
				buf_puts(b, "}");
			else
				buf_putc(b, *p);
	buf_putc(b, '\n');
}

/*
 * The SHA-256 (hex) of what a public record publishes, taken before any
 * theme: one line per value, "path TAB value", in the order of the
 * format (a withheld value is written \withheld, a withheld span
 * \{w:KEY}, newlines and backslashes escaped), then "body TAB" and the
 * body as cmark renders it, with its neutral markers.  The caller frees
 * it.
 */
char *
record_digest(const struct record *pub, const struct policy *pol)
{
	struct buf	 b;
	unsigned char	 h[crypto_hash_sha256_BYTES];
	char		 hex[2 * crypto_hash_sha256_BYTES + 1];

	(void)pol;
	memset(&b, 0, sizeof(b));
	record_visit((struct record *)pub, canon, &b);
	buf_puts(&b, "body\t");
	if (pub->html != NULL)
		buf_puts(&b, pub->html);
	else if (pub->body.st == V_WITHHELD)
		buf_puts(&b, "\\withheld");
	buf_putc(&b, '\n');
	crypto_hash_sha256(h, (const unsigned char *)b.p, b.len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	buf_free(&b);
	return xstrdup(hex);
}

/*
 * A record packed for the build cache, whole: its file, every value with
 * its state, place, operator and ground, the shape of its lists and
 * mappings, and what redaction made of it (the body as HTML, the first
 * paragraph, the counts withheld per ground, the digest), for a policy
 * of ngrounds grounds.  The body's HTML must be in memory, not spilled.
 * With aside, the texts of the body (its source, its HTML) are left out,
 * an empty one standing for each that is there: the cache keeps them
 * apart, the source read only to redact the record again, the HTML
 * unpacked only for a page made again.
 */
static void
packpos(struct buf *b, struct pos p)
{
	pk_u64(b, (uint64_t)(int64_t)p.line);
	pk_u64(b, (uint64_t)(int64_t)p.col);
}

static struct pos
unpackpos(struct unpk *u)
{
	struct pos	 p;

	p.line = (int)(int64_t)upk_u64(u);
	p.col = (int)(int64_t)upk_u64(u);
	return p;
}

/* A writer of packed values, and the value whose text goes aside. */
struct valwriter {
	struct buf		*b;
	const struct val	*aside;
};

static void
packval(struct val *v, void *arg)
{
	struct valwriter *vw = arg;
	struct buf	*b = vw->b;

	pk_u64(b, (uint64_t)v->st | (uint64_t)v->empty << 2 |
	    (uint64_t)v->op << 3);
	pk_u64(b, v->ground);
	packpos(b, v->pos);
	pk_str(b, v == vw->aside && v->s != NULL ? "" : v->s);
}

/* A reader of packed values, and the number of grounds they may name. */
struct valreader {
	struct unpk	*u;
	size_t		 ngrounds;
	struct record	*r;	/* the record, its block filled so far */
};

/*
 * A string of the pack copied into the block of r, where it takes no more
 * than it did in the pack (its length there takes a byte at least, its
 * end here one): NULL for none or when bad.
 */
static char *
upk_blockstr(struct unpk *u, struct record *r)
{
	const char	*p;
	char		*s;
	size_t		 n;

	if ((p = upk_bytes(u, &n)) == NULL)
		return NULL;
	s = r->block + r->blocklen;
	memcpy(s, p, n);
	s[n] = '\0';
	r->blocklen += n + 1;
	return s;
}

static void
unpackval(struct val *v, void *arg)
{
	struct valreader *vr = arg;
	struct unpk	*u = vr->u;
	uint64_t	 fl;

	fl = upk_u64(u);
	v->st = (enum vstate)(fl & 3);
	v->empty = (fl >> 2) & 1;
	v->op = (enum redop)((fl >> 3) & 7);
	v->ground = (uint32_t)upk_u64(u);
	v->pos = unpackpos(u);
	/* The body is given up on its own. */
	v->s = v == &vr->r->body ? upk_str(u) : upk_blockstr(u, vr->r);
	if ((fl >> 6) != 0 || v->st > V_WITHHELD || v->op >= OP__MAX ||
	    (v->op != OP_KEEP && v->ground >= vr->ngrounds))
		u->bad = 1;
}

static void
packcounts(struct buf *b, const size_t *v, size_t n)
{
	size_t	 i;

	pk_u64(b, v != NULL);
	for (i = 0; v != NULL && i < n; i++)
		pk_u64(b, v[i]);
}

static size_t *
unpackcounts(struct unpk *u, size_t n)
{
	size_t	*v, i;

	if (!upk_u64(u))
		return NULL;
	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = upk_u64(u);
	return v;
}

void
record_pack(const struct record *cr, size_t ngrounds, int aside,
    struct buf *b)
{
	struct record		*r = (struct record *)cr;
	struct valwriter	 vw = { b, aside ? &cr->body : NULL };
	const struct fielddef	*f;
	struct pos		 p;
	char			*items;
	size_t			 i, n;

	pk_str(b, r->path);
	pk_u64(b, (uint64_t)(int64_t)r->body_line);
	pk_u64(b, (uint64_t)r->has_subject | (uint64_t)r->has_factors << 1 |
	    (uint64_t)r->has_withdrawn << 2);
	packpos(b, r->subject_pos);
	packpos(b, r->factors_pos);
	packpos(b, r->procedure_pos);
	packpos(b, r->withdrawn_pos);
	for (f = fielddefs; f->key != NULL; f++) {
		if (f->kind != FK_LIST)
			continue;
		items = itemsof(f, r, &n);
		pk_u64(b, n);
		for (i = 0; f->itempos != NONE && i < n; i++) {
			memcpy(&p, items + i * f->size + f->itempos, sizeof(p));
			packpos(b, p);
		}
	}
	eachval(r, packval, &vw);
	pk_str(b, aside && r->html != NULL ? "" : r->html);
	pk_str(b, r->lead);
	packcounts(b, r->withheld, ngrounds);
	pk_u64(b, r->nwithheld);
	for (i = 0; i < CARD__MAX; i++)
		packcounts(b, r->oncard[i], ngrounds);
	pk_str(b, r->digest);
}

/* Moving the strings of a block (record_unpack) to a copy of it. */
struct rebase {
	const char	*from;
	char		*to;
	size_t		 len;
};

static void
rebase1(struct rebase *rb, char **pp)
{
	if (*pp != NULL && *pp >= rb->from && *pp < rb->from + rb->len)
		*pp = rb->to + (*pp - rb->from);
}

static void
rebaseval(struct val *v, void *arg)
{
	rebase1(arg, &v->s);
}

/* The record packed in [p, p + len), or NULL when it does not read. */
struct record *
record_unpack(const char *p, size_t len, size_t ngrounds)
{
	const struct fielddef	*f;
	struct record		*r;
	struct unpk		 u;
	struct pos		 pos;
	uint64_t		 fl, n;
	char			*items;
	size_t			 i;

	u.p = p;
	u.e = p + len;
	u.bad = 0;
	r = xcalloc(1, sizeof(*r));
	/* Its strings in one block, as record_compact would put them, but
	 * at once: the pack's bytes bound them. */
	r->block = xmalloc(len + 1);
	r->unpacked = 1;
	r->path = upk_blockstr(&u, r);
	r->body_line = (int)(int64_t)upk_u64(&u);
	fl = upk_u64(&u);
	r->has_subject = fl & 1;
	r->has_factors = (fl >> 1) & 1;
	r->has_withdrawn = (fl >> 2) & 1;
	r->subject_pos = unpackpos(&u);
	r->factors_pos = unpackpos(&u);
	r->procedure_pos = unpackpos(&u);
	r->withdrawn_pos = unpackpos(&u);
	for (f = fielddefs; f->key != NULL && !u.bad; f++) {
		if (f->kind != FK_LIST)
			continue;
		n = upk_u64(&u);
		if (n > (uint64_t)(u.e - u.p)) {	/* a value takes more */
			u.bad = 1;
			break;
		}
		items = n > 0 ? xcalloc(n, f->size) : NULL;
		memcpy((char *)r + f->off, &items, sizeof(items));
		memcpy((char *)r + f->count, &(size_t){ n }, sizeof(size_t));
		for (i = 0; f->itempos != NONE && i < n; i++) {
			pos = unpackpos(&u);
			memcpy(items + i * f->size + f->itempos, &pos,
			    sizeof(pos));
		}
	}
	if (!u.bad) {
		struct valreader vr = { &u, ngrounds, r };

		eachval(r, unpackval, &vr);
	}
	r->html = upk_str(&u);
	r->lead = upk_blockstr(&u, r);
	r->withheld = unpackcounts(&u, ngrounds);
	r->nwithheld = upk_u64(&u);
	for (i = 0; i < CARD__MAX; i++)
		r->oncard[i] = unpackcounts(&u, ngrounds);
	r->digest = upk_blockstr(&u, r);
	if (u.bad || u.p != u.e || r->path == NULL) {
		record_free(r);
		return NULL;
	}
	/* The pack holds more than the strings (positions, counts, and
	 * the body and HTML where they were not put aside): the block
	 * shrinks to them. */
	if (r->blocklen + 64 < len) {
		struct rebase rb = { r->block, xmalloc(r->blocklen + 1),
		    r->blocklen };

		memcpy(rb.to, r->block, r->blocklen);
		rebase1(&rb, &r->path);
		rebase1(&rb, &r->lead);
		rebase1(&rb, &r->digest);
		eachval(r, rebaseval, &rb);
		free(r->block);
		r->block = rb.to;
	}
	record_derive(r);
	return r;
}

/* Whether a file begins as a record does, with the line that opens its
 * front matter. */
static int
opensrecord(const char *path)
{
	char	 b[8];
	ssize_t	 got;
	size_t	 o = 0;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return 0;
	got = read(fd, b, sizeof(b));
	close(fd);
	if (got >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0)
		o = 3;
	return got >= (ssize_t)o + 4 && memcmp(b + o, "---", 3) == 0 &&
	    (b[o + 3] == '\n' || b[o + 3] == '\r');
}

/*
 * Whether a file of the name of f lies under cases/ of content dir: of
 * the names of those listed (bases, sorted), or, without them, where the
 * year of its name files it (cases/2024/CL-2024-007.md) or directly
 * under cases/.
 */
static int
undercases(const char *dir, const char *f, const char **bases, size_t n)
{
	struct stat	 st;
	const char	*base = strrchr(f, '/') + 1, *p, *q;
	char		*path;
	int		 ok;

	if (bases != NULL)
		return bsearch(&base, bases, n, sizeof(*bases), strpcmp) !=
		    NULL;
	path = xasprintf("%s/cases/%s", dir, base);
	ok = lstat(path, &st) == 0;
	free(path);
	for (p = base; !ok && (p = strchr(p, '-')) != NULL; p++) {
		for (q = p + 1; *q >= '0' && *q <= '9'; q++)
			continue;
		if (q - p != 5 || *q != '-')
			continue;
		path = xasprintf("%s/cases/%.4s/%s", dir, p + 1, base);
		ok = lstat(path, &st) == 0;
		free(path);
	}
	return ok;
}

/*
 * The records that lie in content/ but outside cases/ (content/CL-2024-
 * 007.md, content/2024/CL-2024-007.md) and that no file under cases/
 * links to or stands for (see undercases; files, n as there): never
 * read, so each is an error (with report, told) rather than a case
 * silently lost.  Only files named .md that open front matter count: a
 * README is none.  So is a file under cases/ that opens front matter but
 * is hidden or not named .md (a copy left by an editor too).  Returns how
 * many.
 */
size_t
record_strays(const char *dir, char **cases, size_t ncases, int report)
{
	struct pos	  one = { 1, 1 };
	struct stat	  st;
	struct dirent	 *de;
	DIR		 *d;
	char		**files, **top = NULL, *path;
	const char	**bases = NULL;
	size_t		  i, n, k = 0, len, t, ntop = 0, b;

	if ((d = opendir(dir)) == NULL)
		return 0;
	/* In the order of their names, whatever the file system's. */
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.' && strcmp(de->d_name, "cases") != 0) {
			top = xreallocarray(top, ntop + 1, sizeof(*top));
			top[ntop++] = xasprintf("%s/%s", dir, de->d_name);
		}
	closedir(d);
	if (ntop > 1)
		qsort(top, ntop, sizeof(*top), strpcmp);
	for (t = 0; t < ntop; t++) {
		path = top[t];
		files = NULL;
		n = 0;
		if (lstat(path, &st) == -1)
			;
		else if (S_ISDIR(st.st_mode)) {
			if (!findfiles(path, "", 0, NULL, &files, &n))
				n = 0;
		} else if (S_ISREG(st.st_mode)) {
			files = xcalloc(1, sizeof(*files));
			files[n++] = xstrdup(path);
		}
		for (i = 0; i < n; i++) {
			len = strlen(files[i]);
			if (len < 3 || strcasecmp(files[i] + len - 3, ".md") !=
			    0)
				continue;
			/* The names under cases/, sorted, once there is a
			 * file to look for among them. */
			if (cases != NULL && bases == NULL) {
				bases = xcalloc(ncases + 1, sizeof(*bases));
				for (b = 0; b < ncases; b++)
					bases[b] = strrchr(cases[b], '/') + 1;
				qsort(bases, ncases, sizeof(*bases), strpcmp);
			}
			if (undercases(dir, files[i], bases, ncases) ||
			    !opensrecord(files[i]))
				continue;
			k++;
			if (report)
				diag_error(files[i], one, "a record is read only "
				    "under %s/cases/ (cases/YEAR/ID.md): move it "
				    "there, or it is not read", dir);
		}
		strv_free(files, n);
	}
	strv_free(top, ntop);
	free(bases);
	/* Under cases/, a file that opens front matter but is never read as
	 * a record: hidden, or in a hidden directory, or named otherwise
	 * than ID.md (.markdown, .md~, .txt). */
	path = xasprintf("%s/cases", dir);
	len = strlen(path);
	if (!findfiles(path, "", FIND_HIDDEN, NULL, &files, &n))
		n = 0;
	for (i = 0; i < n; i++) {
		t = strlen(files[i]);
		if (strstr(files[i] + len, "/.") == NULL && t >= 3 &&
		    strcasecmp(files[i] + t - 3, ".md") == 0)
			continue;
		if (!opensrecord(files[i]))
			continue;
		k++;
		if (report)
			diag_error(files[i], one, "a record is read only from "
			    "a file named ID.md that is not hidden: rename it "
			    "(or remove it, if it is a copy), or it is not read");
	}
	strv_free(files, n);
	free(path);
	return k;
}
