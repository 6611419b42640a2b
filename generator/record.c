/*
 * Reading a case record: the file is split into YAML front matter and a
 * Markdown body; the front matter is parsed by libyaml (yaml.c) and
 * mapped onto a struct record, reporting every value of the wrong shape
 * and every unknown key with its line and column.  The rules of content
 * (required fields, known values, dates in order) are validate.c's.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <sodium.h>

#include "disclose.h"
#include "extern.h"

static const char *const toplevel[] = {
	"id", "title", "status", "unit", "category", "summary", "subject",
	"witnesses", "others", "third_parties", "outcome", "factors",
	"procedure",
	"third_party_review", "hearing", "decided", "published",
	"revisions", "withdrawn", NULL
};

static const char *const personkeys[] = {
	"name", "position", "id_number", "phone", "email", "address", NULL
};

static const char *const partykeys[] = {
	"name", "credit_code", "phone", "email", "address", NULL
};

static const char *const stepkeys[] = { "step", "date", "note", NULL };
static const char *const revkeys[] = { "date", "note", NULL };
static const char *const withdrawnkeys[] = { "date", "reason", NULL };

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

/* Read the values of keys[i] of a mapping into vals[i]. */
static void
getvals(struct source *c, const struct ynode *n, const char *name,
    const char *const *keys, struct val *const *vals)
{
	char	*w;
	size_t	 i;

	for (i = 0; keys[i] != NULL; i++) {
		w = xasprintf("%s.%s", name, keys[i]);
		getval(c, n, keys[i], vals[i], w);
		free(w);
	}
}

static void
person(struct source *c, const struct ynode *n, struct person *p,
    const char *name)
{
	struct val *const v[] = { &p->name, &p->position, &p->id_number,
	    &p->phone, &p->email, &p->address };

	p->pos = n->pos;
	ynode_unknown(c, n, name, personkeys);
	getvals(c, n, name, personkeys, v);
}

static void
party(struct source *c, const struct ynode *n, struct party *p,
    const char *name)
{
	struct val *const v[] = { &p->name, &p->credit_code, &p->phone,
	    &p->email, &p->address };

	p->pos = n->pos;
	ynode_unknown(c, n, name, partykeys);
	getvals(c, n, name, partykeys, v);
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

static void
fields(struct source *c, const struct ynode *root, struct record *r)
{
	const struct ynode	*n, *it;
	size_t			 i, k, cnt;
	char			*w;

	ynode_unknown(c, root, "", toplevel);
	getval(c, root, "id", &r->id, "id");
	getval(c, root, "title", &r->title, "title");
	getval(c, root, "status", &r->status, "status");
	getval(c, root, "unit", &r->unit, "unit");
	getval(c, root, "category", &r->category, "category");
	getval(c, root, "summary", &r->summary, "summary");
	getval(c, root, "outcome", &r->outcome, "outcome");
	getval(c, root, "third_party_review",
	    &r->third_party_review, "third_party_review");
	getval(c, root, "hearing", &r->hearing, "hearing");
	getval(c, root, "decided", &r->decided, "decided");
	getval(c, root, "published", &r->published, "published");

	if ((n = ynode_get(root, "subject", &k)) != NULL)
		r->subject_pos = root->keypos[k];
	if ((n = want(c, n, Y_MAP, "subject")) != NULL) {
		r->has_subject = 1;
		person(c, n, &r->subject, "subject");
	}

	n = ynode_get(root, "witnesses", NULL);
	if ((cnt = maplist(c, n, "witnesses")) > 0) {
		r->witnesses = xcalloc(cnt, sizeof(*r->witnesses));
		for (i = 0; i < cnt; i++) {
			if ((it = n->kids[i])->type != Y_MAP)
				continue;
			w = xasprintf("witnesses[%zu]", i + 1);
			person(c, it, &r->witnesses[r->nwitnesses++], w);
			free(w);
		}
	}

	n = ynode_get(root, "others", NULL);
	if ((cnt = maplist(c, n, "others")) > 0) {
		r->others = xcalloc(cnt, sizeof(*r->others));
		for (i = 0; i < cnt; i++) {
			if ((it = n->kids[i])->type != Y_MAP)
				continue;
			w = xasprintf("others[%zu]", i + 1);
			person(c, it, &r->others[r->nothers++], w);
			free(w);
		}
	}

	n = ynode_get(root, "third_parties", NULL);
	if ((cnt = maplist(c, n, "third_parties")) > 0) {
		r->parties = xcalloc(cnt, sizeof(*r->parties));
		for (i = 0; i < cnt; i++) {
			if ((it = n->kids[i])->type != Y_MAP)
				continue;
			w = xasprintf("third_parties[%zu]", i + 1);
			party(c, it, &r->parties[r->nparties++], w);
			free(w);
		}
	}

	if ((n = ynode_get(root, "factors", &k)) != NULL)
		r->factors_pos = root->keypos[k];
	if ((n = want(c, n, Y_MAP, "factors")) != NULL) {
		r->has_factors = 1;
		ynode_unknown(c, n, "factors", factor_keys);
		for (i = 0; i < FACTOR__MAX; i++) {
			w = xasprintf("factors.%s", factor_keys[i]);
			getval(c, n, factor_keys[i], &r->factors[i], w);
			free(w);
		}
	}

	if ((n = ynode_get(root, "procedure", &k)) != NULL)
		r->procedure_pos = root->keypos[k];
	if ((cnt = maplist(c, n, "procedure")) > 0) {
		r->steps = xcalloc(cnt, sizeof(*r->steps));
		for (i = 0; i < cnt; i++) {
			struct step	*s;

			if ((it = n->kids[i])->type != Y_MAP)
				continue;
			s = &r->steps[r->nsteps++];
			w = xasprintf("procedure[%zu]", i + 1);
			ynode_unknown(c, it, w, stepkeys);
			free(w);
			w = xasprintf("procedure[%zu].step", i + 1);
			getval(c, it, "step", &s->step, w);
			free(w);
			w = xasprintf("procedure[%zu].date", i + 1);
			getval(c, it, "date", &s->date, w);
			free(w);
			w = xasprintf("procedure[%zu].note", i + 1);
			getval(c, it, "note", &s->note, w);
			free(w);
			if (s->step.st == V_ABSENT && !s->step.empty)
				s->step.pos = it->pos;
			if (s->date.st == V_ABSENT && !s->date.empty)
				s->date.pos = it->pos;
		}
	}

	n = ynode_get(root, "revisions", NULL);
	if ((cnt = maplist(c, n, "revisions")) > 0) {
		r->revs = xcalloc(cnt, sizeof(*r->revs));
		for (i = 0; i < cnt; i++) {
			struct revision	*v;

			if ((it = n->kids[i])->type != Y_MAP)
				continue;
			v = &r->revs[r->nrevs++];
			w = xasprintf("revisions[%zu]", i + 1);
			ynode_unknown(c, it, w, revkeys);
			free(w);
			w = xasprintf("revisions[%zu].date", i + 1);
			getval(c, it, "date", &v->date, w);
			free(w);
			w = xasprintf("revisions[%zu].note", i + 1);
			getval(c, it, "note", &v->note, w);
			free(w);
			if (v->date.st == V_ABSENT && !v->date.empty)
				v->date.pos = it->pos;
			if (v->note.st == V_ABSENT && !v->note.empty)
				v->note.pos = it->pos;
		}
	}

	if ((n = ynode_get(root, "withdrawn", &k)) != NULL)
		r->withdrawn_pos = root->keypos[k];
	if ((n = want(c, n, Y_MAP, "withdrawn")) != NULL) {
		r->has_withdrawn = 1;
		ynode_unknown(c, n, "withdrawn", withdrawnkeys);
		getval(c, n, "date", &r->withdrawn_date, "withdrawn.date");
		getval(c, n, "reason", &r->withdrawn_reason,
		    "withdrawn.reason");
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
	char		*text;
	size_t		 len;

	if ((text = readsource(path, NULL, &len)) == NULL) {
		r = xcalloc(1, sizeof(*r));
		r->path = xstrdup(path);
		*ok = 0;
		return r;
	}
	r = record_parse(path, text, len, ok);
	free(text);
	return r;
}

static void
val_free(struct val *v)
{
	free(v->s);
	v->s = NULL;
}

static void
person_free(struct person *p)
{
	val_free(&p->name);
	val_free(&p->position);
	val_free(&p->id_number);
	val_free(&p->phone);
	val_free(&p->email);
	val_free(&p->address);
}

void
record_free(struct record *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	free(r->path);
	val_free(&r->id);
	val_free(&r->title);
	val_free(&r->status);
	val_free(&r->unit);
	val_free(&r->category);
	val_free(&r->summary);
	val_free(&r->outcome);
	person_free(&r->subject);
	for (i = 0; i < r->nwitnesses; i++)
		person_free(&r->witnesses[i]);
	free(r->witnesses);
	for (i = 0; i < r->nothers; i++)
		person_free(&r->others[i]);
	free(r->others);
	for (i = 0; i < r->nparties; i++) {
		val_free(&r->parties[i].name);
		val_free(&r->parties[i].credit_code);
		val_free(&r->parties[i].phone);
		val_free(&r->parties[i].email);
		val_free(&r->parties[i].address);
	}
	free(r->parties);
	for (i = 0; i < FACTOR__MAX; i++)
		val_free(&r->factors[i]);
	for (i = 0; i < r->nsteps; i++) {
		val_free(&r->steps[i].step);
		val_free(&r->steps[i].date);
		val_free(&r->steps[i].note);
	}
	free(r->steps);
	val_free(&r->third_party_review);
	val_free(&r->hearing);
	val_free(&r->decided);
	val_free(&r->published);
	for (i = 0; i < r->nrevs; i++) {
		val_free(&r->revs[i].date);
		val_free(&r->revs[i].note);
	}
	free(r->revs);
	val_free(&r->withdrawn_date);
	val_free(&r->withdrawn_reason);
	val_free(&r->body);
	if (r->doc != NULL)
		cmark_node_free(r->doc);
	free(r->html);
	free(r->lead);
	free(r->withheld);
	for (i = 0; i < CARD__MAX; i++)
		free(r->oncard[i]);
	free(r->digest);
	free(r);
}

static void
visit1(struct val *v, const char *pat, const char *shown, record_visitor fn,
    void *arg)
{
	fn(pat, shown, v, arg);
}

static void
visitperson(struct person *p, const char *pre, const char *shown,
    record_visitor fn, void *arg)
{
	static const char *const k[] = { "name", "position", "id_number",
	    "phone", "email", "address" };
	struct val	*v[6];
	char		*a, *b;
	size_t		 i;

	v[0] = &p->name;
	v[1] = &p->position;
	v[2] = &p->id_number;
	v[3] = &p->phone;
	v[4] = &p->email;
	v[5] = &p->address;
	for (i = 0; i < 6; i++) {
		a = xasprintf("%s.%s", pre, k[i]);
		b = xasprintf("%s.%s", shown, k[i]);
		visit1(v[i], a, b, fn, arg);
		free(a);
		free(b);
	}
}

/*
 * Call fn on every value of the record with its field path as a policy
 * names it (witnesses[].name) and as an error names it (witnesses[2].name),
 * in the order of the format.  The body comes last.
 */
void
record_visit(struct record *r, record_visitor fn, void *arg)
{
	char	*a, *b;
	size_t	 i, j;
	static const char *const pk[] = { "name", "credit_code", "phone",
	    "email", "address" };

	visit1(&r->id, "id", "id", fn, arg);
	visit1(&r->title, "title", "title", fn, arg);
	visit1(&r->status, "status", "status", fn, arg);
	visit1(&r->unit, "unit", "unit", fn, arg);
	visit1(&r->category, "category", "category", fn, arg);
	visit1(&r->summary, "summary", "summary", fn, arg);
	visitperson(&r->subject, "subject", "subject", fn, arg);
	for (i = 0; i < r->nwitnesses; i++) {
		b = xasprintf("witnesses[%zu]", i + 1);
		visitperson(&r->witnesses[i], "witnesses[]", b, fn, arg);
		free(b);
	}
	for (i = 0; i < r->nothers; i++) {
		b = xasprintf("others[%zu]", i + 1);
		visitperson(&r->others[i], "others[]", b, fn, arg);
		free(b);
	}
	for (i = 0; i < r->nparties; i++) {
		struct val *pv[5];

		pv[0] = &r->parties[i].name;
		pv[1] = &r->parties[i].credit_code;
		pv[2] = &r->parties[i].phone;
		pv[3] = &r->parties[i].email;
		pv[4] = &r->parties[i].address;
		for (j = 0; j < 5; j++) {
			a = xasprintf("third_parties[].%s", pk[j]);
			b = xasprintf("third_parties[%zu].%s", i + 1, pk[j]);
			visit1(pv[j], a, b, fn, arg);
			free(a);
			free(b);
		}
	}
	visit1(&r->outcome, "outcome", "outcome", fn, arg);
	for (i = 0; i < FACTOR__MAX; i++) {
		a = xasprintf("factors.%s", factor_keys[i]);
		visit1(&r->factors[i], a, a, fn, arg);
		free(a);
	}
	for (i = 0; i < r->nsteps; i++) {
		b = xasprintf("procedure[%zu].step", i + 1);
		visit1(&r->steps[i].step, "procedure[].step", b, fn, arg);
		free(b);
		b = xasprintf("procedure[%zu].date", i + 1);
		visit1(&r->steps[i].date, "procedure[].date", b, fn, arg);
		free(b);
		b = xasprintf("procedure[%zu].note", i + 1);
		visit1(&r->steps[i].note, "procedure[].note", b, fn, arg);
		free(b);
	}
	visit1(&r->third_party_review, "third_party_review",
	    "third_party_review", fn, arg);
	visit1(&r->hearing, "hearing", "hearing", fn, arg);
	visit1(&r->decided, "decided", "decided", fn, arg);
	visit1(&r->published, "published", "published", fn, arg);
	for (i = 0; i < r->nrevs; i++) {
		b = xasprintf("revisions[%zu].date", i + 1);
		visit1(&r->revs[i].date, "revisions[].date", b, fn, arg);
		free(b);
		b = xasprintf("revisions[%zu].note", i + 1);
		visit1(&r->revs[i].note, "revisions[].note", b, fn, arg);
		free(b);
	}
	visit1(&r->withdrawn_date, "withdrawn.date", "withdrawn.date", fn,
	    arg);
	visit1(&r->withdrawn_reason, "withdrawn.reason", "withdrawn.reason",
	    fn, arg);
	visit1(&r->body, "body", "body", fn, arg);
}

/* Every field path a record has, for checking a policy's names. */
const char *const record_paths[] = {
	"id", "title", "status", "unit", "category", "summary",
	"subject.name", "subject.position", "subject.id_number",
	"subject.phone", "subject.email", "subject.address",
	"witnesses[].name", "witnesses[].position", "witnesses[].id_number",
	"witnesses[].phone", "witnesses[].email", "witnesses[].address",
	"others[].name", "others[].position", "others[].id_number",
	"others[].phone", "others[].email", "others[].address",
	"third_parties[].name", "third_parties[].credit_code",
	"third_parties[].phone", "third_parties[].email",
	"third_parties[].address",
	"outcome", "factors.degree", "factors.motive", "factors.conditions",
	"factors.procedure", "factors.policy", "factors.consequence",
	"procedure[].step", "procedure[].date", "procedure[].note",
	"third_party_review", "hearing", "decided", "published",
	"revisions[].date", "revisions[].note",
	"withdrawn.date", "withdrawn.reason", "body", NULL
};

static void
copyval(const char *pat, const char *shown, struct val *v, void *arg)
{
	(void)pat;
	(void)shown;
	(void)arg;
	if (v->s != NULL)
		v->s = xstrdup(v->s);
}

/* Whether a public record has a body to show, in memory or spilled. */
int
record_hasbody(const struct record *r)
{
	return r->html != NULL || r->html_len > 0;
}

/* A deep copy of a record's values (not its parsed body). */
struct record *
record_dup(const struct record *r)
{
	struct record	*c;

	c = xcalloc(1, sizeof(*c));
	*c = *r;
	c->path = xstrdup(r->path);
	c->doc = NULL;
	c->html = NULL;
	c->html_at = 0;
	c->html_len = 0;
	c->lead = NULL;
	c->withheld = NULL;
	memset(c->oncard, 0, sizeof(c->oncard));
	c->digest = NULL;
	if (r->nwitnesses > 0) {
		c->witnesses = xcalloc(r->nwitnesses, sizeof(*c->witnesses));
		memcpy(c->witnesses, r->witnesses,
		    r->nwitnesses * sizeof(*c->witnesses));
	}
	if (r->nothers > 0) {
		c->others = xcalloc(r->nothers, sizeof(*c->others));
		memcpy(c->others, r->others, r->nothers * sizeof(*c->others));
	}
	if (r->nparties > 0) {
		c->parties = xcalloc(r->nparties, sizeof(*c->parties));
		memcpy(c->parties, r->parties,
		    r->nparties * sizeof(*c->parties));
	}
	if (r->nsteps > 0) {
		c->steps = xcalloc(r->nsteps, sizeof(*c->steps));
		memcpy(c->steps, r->steps, r->nsteps * sizeof(*c->steps));
	}
	if (r->nrevs > 0) {
		c->revs = xcalloc(r->nrevs, sizeof(*c->revs));
		memcpy(c->revs, r->revs, r->nrevs * sizeof(*c->revs));
	}
	record_visit(c, copyval, NULL);
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
