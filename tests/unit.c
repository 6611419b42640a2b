/*
 * Unit tests (cmocka) of the small functions: front matter, validation,
 * dates, ids and slugs, escaping, policy parsing and the field operators
 * of redaction.  Diagnostics are captured by redirecting stderr into a
 * temporary file, so a test asserts the exact message and position.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <cmark-gfm.h>

#include "disclose.h"
#include "extern.h"

/* The diagnostics collected so far, flushed into a string. */
static char *
diags(void)
{
	FILE	*f;
	char	*s;
	long	 n;

	f = tmpfile();
	assert_non_null(f);
	diag_flush(f);
	n = ftell(f);
	rewind(f);
	s = calloc(1, (size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return s;
}

static struct config *
config(void)
{
	static const char text[] =
	    "title: T\n"
	    "publisher: P\n"
	    "base_url: https://example.gov.cn/cases\n"
	    "tag_date: \"2022\"\n"
	    "contact: {email: a@example.gov.cn}\n"
	    "units:\n"
	    "  - {name: 某局, slug: mouju}\n"
	    "categories:\n"
	    "  - {name: 改革创新, slug: gaige}\n";
	struct config	*cfg;

	cfg = config_parse("site.yaml", text, strlen(text));
	assert_non_null(cfg);
	return cfg;
}

#define GOOD \
	"---\n" \
	"id: X-2024-001\n" \
	"title: 标题\n" \
	"status: closed\n" \
	"unit: 某局\n" \
	"category: 改革创新\n" \
	"subject:\n" \
	"  name: 王建国\n" \
	"outcome: exempted\n" \
	"factors: {degree: a, motive: b, conditions: c, procedure: d, " \
	"policy: e, consequence: f}\n" \
	"procedure:\n" \
	"  - {step: 申请, date: 2024-03-02}\n" \
	"  - {step: 决定, date: 2024-05-10}\n" \
	"decided: 2024-05-10\n" \
	"published: 2024-06-01\n" \
	"---\n" \
	"## 正文\n"

/* Parse and validate text as the record at path; returns the diagnostics. */
static char *
checkat(const char *path, const char *text, int *ok)
{
	struct config	*cfg = config();
	struct record	*r;
	int		 rok;

	r = record_parse(path, text, strlen(text), &rok);
	record_derive(r);
	if (rok)
		rok = validate_record(r, cfg);
	*ok = rok;
	record_free(r);
	config_free(cfg);
	return diags();
}

/* Parse and validate text as cases/2024/X-2024-001.md. */
static char *
check(const char *text, int *ok)
{
	return checkat("cases/2024/X-2024-001.md", text, ok);
}

/*
 * Parse text as a.md: it must fail, and the diagnostics must be want
 * (exactly) or contain want (when prefix is set).
 */
static void
parse_fails(const char *text, size_t len, const char *want, int prefix)
{
	struct record	*r;
	int		 ok;
	char		*d;

	r = record_parse("a.md", text, len, &ok);
	assert_false(ok);
	record_free(r);
	d = diags();
	if (prefix)
		assert_non_null(strstr(d, want));
	else
		assert_string_equal(d, want);
	free(d);
}

static void
test_frontmatter_good(void **state)
{
	struct record	*r;
	int		 ok;
	char		*d;

	(void)state;
	r = record_parse("cases/2024/X-2024-001.md", GOOD, strlen(GOOD), &ok);
	assert_true(ok);
	assert_string_equal(r->id.s, "X-2024-001");
	assert_int_equal(r->id.pos.line, 2);
	assert_int_equal(r->id.pos.col, 5);
	assert_string_equal(r->subject.name.s, "王建国");
	assert_int_equal(r->subject.name.pos.line, 8);
	assert_int_equal(r->nsteps, 2);
	assert_string_equal(r->steps[1].date.s, "2024-05-10");
	assert_int_equal(r->steps[1].date.pos.line, 13);
	assert_int_equal(r->body_line, 17);
	assert_string_equal(r->body.s, "## 正文\n");
	record_free(r);
	d = diags();
	assert_string_equal(d, "");
	free(d);
}

static void
test_frontmatter_crlf_bom(void **state)
{
	const char	*text = "\xef\xbb\xbf---\r\nid: X-2024-001\r\ntitle: t\r\n"
	    "---\r\nbody\r\n";
	struct record	*r;
	int		 ok;

	(void)state;
	r = record_parse("cases/2024/X-2024-001.md", text, strlen(text), &ok);
	assert_true(ok);
	assert_string_equal(r->title.s, "t");
	assert_int_equal(r->body_line, 5);
	record_free(r);
	free(diags());
}

static void
test_frontmatter_unclosed(void **state)
{
	const char	*text = "---\nid: X-2024-001\ntitle: t\n";

	(void)state;
	parse_fails(text, strlen(text), "a.md:1:1: error: front matter is not closed "
	    "(no second line \"---\")\n", 0);
}

static void
test_frontmatter_missing(void **state)
{
	const char	*text = "# just markdown\n";

	(void)state;
	parse_fails(text, strlen(text), "a.md:1:1: error: a record must start "
	    "with a line \"---\"", 1);
}

static void
test_frontmatter_yaml_error(void **state)
{
	const char	*text = "---\nid: X-2024-001\ntitle: [unclosed\n---\n";

	(void)state;
	parse_fails(text, strlen(text), "a.md:3:8: error: \"[\" opened here "
	    "is not closed\n", 0);
}

/*
 * Where a YAML mistake is reported: the quote that runs on is found
 * past a quoted scalar of two lines that closes where it should, past a
 * block scalar and a comment that hold quotes, and past a plain scalar
 * with an apostrophe; a bracket that is closed, on a later line too,
 * keeps libyaml's words at libyaml's place.
 */
static void
test_frontmatter_yaml_where(void **state)
{
	const char	*runon = "---\nid: X-2024-001\nsummary: \"two\n  lines\"\n"
	    "note: |\n  he said \"hi\n  'there\n# it's \"so\ntitle: it's\n"
	    "unit: 'open\nsubject:\n  phone: '123'\n---\n";
	const char	*eof = "---\nid: X-2024-001\ntitle: \"a \\\" b\n---\n";
	const char	*inner = "---\nid: X-2024-001\ntitle: [a, {b: c]\n---\n";
	const char	*closed = "---\nid: X-2024-001\ntitle: [\"a\" b]\n---\n";
	const char	*lines = "---\nid: X-2024-001\ntitle: [a,\n  \"b\" c,\n  d]\n"
	    "---\n";
	const char	*tab = "---\nid: X-2024-001\nsubject:\n  name: a\n \tphone: b\n"
	    "---\n";

	(void)state;
	parse_fails(runon, strlen(runon), "a.md:10:7: error: the quote opened "
	    "here is not closed\n", 0);
	parse_fails(eof, strlen(eof), "a.md:3:8: error: the quote opened here "
	    "is not closed\n", 0);
	parse_fails(inner, strlen(inner), "a.md:3:12: error: \"{\" opened "
	    "here is not closed\n", 0);
	parse_fails(closed, strlen(closed), "a.md:3:13: error: YAML: did not "
	    "find expected ',' or ']' while parsing a flow sequence\n", 0);
	parse_fails(lines, strlen(lines), "a.md:4:7: error: YAML: did not "
	    "find expected ',' or ']' while parsing a flow sequence\n", 0);
	parse_fails(tab, strlen(tab), "a.md:5:2: error: a tab is not allowed "
	    "in indentation\n", 0);
}

static void
test_frontmatter_alias_refused(void **state)
{
	const char	*text = "---\nid: &a X-2024-001\ntitle: *a\n---\n";

	(void)state;
	parse_fails(text, strlen(text), "a.md:3:8: error: YAML: aliases are not "
	    "allowed\n", 0);
}

static void
test_frontmatter_duplicate_key(void **state)
{
	const char	*text = "---\nid: X-2024-001\ntitle: a\ntitle: b\n---\n";

	(void)state;
	parse_fails(text, strlen(text), "a.md:4:1: error: duplicate key \"title\" "
	    "(first at line 3)\n", 0);
}

static void
test_frontmatter_unknown_key(void **state)
{
	const char	*text = "---\nid: X-2024-001\noutcom: exempted\n---\n";

	(void)state;
	parse_fails(text, strlen(text), "a.md:3:1: error: unknown field \"outcom\" "
	    "(did you mean \"outcome\"?)\n", 0);
}

static void
test_frontmatter_bad_utf8(void **state)
{
	const char	*text = "---\nid: X-2024-001\ntitle: ab\xff\n---\n";

	(void)state;
	parse_fails(text, strlen(text), "a.md:3:10: error: invalid UTF-8 (the file "
	    "must be saved as UTF-8)\n", 0);
}

static void
test_frontmatter_deep_nesting(void **state)
{
	struct buf	 b;
	struct record	*r;
	int		 ok, i;
	char		*d;

	(void)state;
	memset(&b, 0, sizeof(b));
	buf_puts(&b, "---\nid: ");
	for (i = 0; i < 10000; i++)
		buf_putc(&b, '[');
	buf_puts(&b, "\n---\n");
	r = record_parse("a.md", b.p, b.len, &ok);
	assert_false(ok);
	record_free(r);
	buf_free(&b);
	d = diags();
	assert_non_null(strstr(d, "a.md:2:"));
	free(d);
}

static void
test_validate_good(void **state)
{
	int	 ok;
	char	*d;

	(void)state;
	d = check(GOOD, &ok);
	assert_true(ok);
	assert_string_equal(d, "");
	free(d);
}

/* Replace the first occurrence of from in GOOD by to. */
static char *
variant(const char *from, const char *to)
{
	const char	*p = strstr(GOOD, from);
	struct buf	 b;

	assert_non_null(p);
	memset(&b, 0, sizeof(b));
	buf_put(&b, GOOD, (size_t)(p - GOOD));
	buf_puts(&b, to);
	buf_puts(&b, p + strlen(from));
	return buf_take(&b);
}

static void
expect(const char *from, const char *to, const char *want)
{
	char	*text, *d;
	int	 ok;

	text = variant(from, to);
	d = check(text, &ok);
	assert_false(ok);
	assert_string_equal(d, want);
	free(d);
	free(text);
}

static void
test_validate_outcome(void **state)
{
	(void)state;
	expect("outcome: exempted", "outcome: exempt",
	    "cases/2024/X-2024-001.md:9:10: error: outcome: unknown value \"exempt\" "
	    "(expected exempted, mitigated, accountable)\n");
}

static void
test_validate_status(void **state)
{
	(void)state;
	expect("status: closed", "status: done",
	    "cases/2024/X-2024-001.md:4:9: error: status: unknown value \"done\" "
	    "(expected closed, open, withdrawn)\n");
}

static void
test_validate_missing(void **state)
{
	(void)state;
	expect("decided: 2024-05-10\n", "",
	    "cases/2024/X-2024-001.md:2:1: error: missing required field \"decided\"\n");
}

static void
test_validate_id(void **state)
{
	(void)state;
	expect("id: X-2024-001", "id: X 1",
	    "cases/2024/X-2024-001.md:2:5: error: id: invalid id \"X 1\": it "
	    "holds a character other than a letter, a digit and '-' (" ID_FORM
	    ")\n"
	    "cases/2024/X-2024-001.md:2:5: error: id: \"X 1\" does not match "
	    "the file name \"X-2024-001.md\" (name the file after the id)\n");
	expect("id: X-2024-001", "id: x-2024-001",
	    "cases/2024/X-2024-001.md:2:5: error: id: invalid id "
	    "\"x-2024-001\": its prefix is not in capital letters (" ID_FORM
	    ")\n"
	    "cases/2024/X-2024-001.md:2:5: error: id: \"x-2024-001\" does not "
	    "match the file name \"X-2024-001.md\" (name the file after the "
	    "id)\n");
}

/* A record in a directory named as a year is filed under its id's. */
static void
test_validate_filed(void **state)
{
	int	 ok;
	char	*d;

	(void)state;
	d = checkat("content/cases/2025/X-2024-001.md", GOOD, &ok);
	assert_false(ok);
	assert_string_equal(d, "content/cases/2025/X-2024-001.md:2:5: error: "
	    "id: \"X-2024-001\" is a case of 2024, so its record is filed "
	    "under cases/2024/, not 2025/ (move X-2024-001.md there)\n");
	free(d);
	/* A directory that is no year is the officers' own order. */
	d = checkat("content/cases/X-2024-001.md", GOOD, &ok);
	assert_true(ok);
	assert_string_equal(d, "");
	free(d);
	d = checkat("content/cases/2024/draft/X-2024-001.md", GOOD, &ok);
	assert_true(ok);
	assert_string_equal(d, "");
	free(d);
	d = checkat("content/cases/2024a/X-2024-001.md", GOOD, &ok);
	assert_true(ok);
	assert_string_equal(d, "");
	free(d);
	d = checkat("content/cases/2024//X-2024-001.md", GOOD, &ok);
	assert_true(ok);
	assert_string_equal(d, "");
	free(d);
}

/*
 * The placeholder date of disclose new is no date: a draft may keep it,
 * a closed or withdrawn case is told where it still stands.
 */
static void
test_validate_placeholder(void **state)
{
	char	*text, *d;
	int	 ok;

	(void)state;
	expect("decided: 2024-05-10", "decided: " DATE_PLACEHOLDER,
	    "cases/2024/X-2024-001.md:14:10: error: decided: still the "
	    "placeholder " DATE_PLACEHOLDER " of disclose new (write the real "
	    "date, e.g. 2024-05-10, or keep the case open)\n");
	expect("{step: 申请, date: 2024-03-02}", "{step: 申请, date: "
	    DATE_PLACEHOLDER "}",
	    "cases/2024/X-2024-001.md:12:22: error: procedure[1].date: still "
	    "the placeholder " DATE_PLACEHOLDER " of disclose new (write the "
	    "real date, e.g. 2024-05-10, or keep the case open)\n");
	text = variant("published: 2024-06-01", "published: "
	    DATE_PLACEHOLDER);
	d = check(text, &ok);
	assert_false(ok);
	assert_non_null(strstr(d, ":15:12: error: published: still the "
	    "placeholder"));
	free(d);
	memcpy(strstr(text, "status: closed"), "status: open  ", 14);
	d = check(text, &ok);
	assert_true(ok);
	assert_string_equal(d, "");
	free(d);
	free(text);
}

static void
test_validate_dates(void **state)
{
	(void)state;
	expect("decided: 2024-05-10", "decided: 2024-02-30",
	    "cases/2024/X-2024-001.md:14:10: error: decided: invalid date \"2024-02-30\" "
	    "(expected a real date YYYY-MM-DD)\n");
	expect("published: 2024-06-01", "published: 2024-05-01",
	    "cases/2024/X-2024-001.md:15:12: error: published: 2024-05-01 is before the "
	    "decision date 2024-05-10\n");
	expect("date: 2024-05-10}", "date: 2024-03-01}",
	    "cases/2024/X-2024-001.md:13:22: error: procedure[2].date: 2024-03-01 is "
	    "before the date of the step before, 2024-03-02\n");
}

static void
test_validate_unit(void **state)
{
	(void)state;
	expect("unit: 某局", "unit: 别局",
	    "cases/2024/X-2024-001.md:5:7: error: unit: unknown unit \"别局\" (add it "
	    "to the list in site.yaml, or correct the spelling)\n");
}

static void
test_validate_boolean(void **state)
{
	(void)state;
	expect("decided:", "hearing: 是\ndecided:",
	    "cases/2024/X-2024-001.md:14:10: error: hearing: expected true or false, "
	    "got \"是\"\n");
}

static void
test_validate_type(void **state)
{
	(void)state;
	expect("title: 标题", "title: [a, b]",
	    "cases/2024/X-2024-001.md:3:8: error: title: expected a value, found a "
	    "list\n");
}

static void
test_validate_all_reported(void **state)
{
	char	*text, *t2, *d;
	int	 ok;

	(void)state;
	text = variant("outcome: exempted", "outcome: x");
	t2 = xstrdup(text);
	free(text);
	text = t2;
	{
		char *p = strstr(text, "status: closed");

		memcpy(p, "status: cloze", 13);
	}
	d = check(text, &ok);
	assert_false(ok);
	assert_non_null(strstr(d, ":4:9: error: status:"));
	free(d);
	free(text);
}

static void
test_validate_unique(void **state)
{
	struct record	*r[2];
	int		 ok;
	char		*d;

	(void)state;
	r[0] = record_parse("a/X-2024-001.md", GOOD, strlen(GOOD), &ok);
	r[1] = record_parse("b/X-2024-001.md", GOOD, strlen(GOOD), &ok);
	assert_false(validate_unique(r, 2));
	record_free(r[0]);
	record_free(r[1]);
	d = diags();
	assert_string_equal(d, "b/X-2024-001.md:2:5: error: id: duplicate id "
	    "\"X-2024-001\" (also used by a/X-2024-001.md:2:5)\n");
	free(d);
}

static void
test_dates(void **state)
{
	struct date	 d, e;
	char		 s[11];

	(void)state;
	assert_true(date_parse("2024-02-29", &d));
	assert_false(date_parse("2023-02-29", &d));
	assert_false(date_parse("2024-13-01", &d));
	assert_false(date_parse("2024-1-01", &d));
	assert_false(date_parse("2024-01-01x", &d));
	assert_false(date_parse("2024/01/01", &d));
	assert_true(date_parse("2000-02-29", &d));
	assert_false(date_parse("1900-02-29", &d));
	assert_true(date_parse("1970-01-01", &d));
	assert_int_equal(date_days(&d), 0);
	assert_int_equal(date_weekday(&d), 4);	/* a Thursday */
	assert_true(date_parse("2024-06-01", &d));
	assert_int_equal(date_weekday(&d), 6);	/* a Saturday */
	e = date_from_days(date_days(&d));
	assert_int_equal(date_cmp(&d, &e), 0);
	date_iso(&d, s);
	assert_string_equal(s, "2024-06-01");
	assert_true(date_parse_partial("2024-06", &e));
	assert_int_equal(e.m, 6);
	assert_int_equal(e.d, 0);
	assert_true(date_parse_partial("2024", &e));
	assert_int_equal(e.m, 0);
	assert_false(date_parse_partial("2024-13", &e));
}

static void
test_ids_and_slugs(void **state)
{
	(void)state;
	assert_true(is_id("CL-2024-007"));
	assert_true(is_id("YJ2-2099-1000"));
	assert_int_equal(id_year("YJ2-2099-1000"), 2099);
	assert_int_equal(id_year("CL-2000-001"), 2000);
	assert_false(is_id("foo"));
	assert_false(is_id("cl-2025-100"));
	assert_false(is_id("Cl-2025-100"));
	assert_false(is_id("CL-2025-01"));
	assert_false(is_id("CL-2025-1000a"));
	assert_false(is_id("CL-1999-001"));
	assert_false(is_id("CL-2100-001"));
	assert_false(is_id("CL-25-001"));
	assert_false(is_id("CL-2025"));
	assert_false(is_id("CL-2025-"));
	assert_false(is_id("CL"));
	assert_false(is_id("2CL-2025-001"));
	assert_false(is_id("CL-2025-001-2"));
	assert_false(is_id("CL--2025-001"));
	assert_false(is_id("CL-20250-001"));
	/* 64 bytes at most. */
	assert_true(is_id("X-2024-0000000000000000000000000000000000000000"
	    "00000000000000000"));
	assert_false(is_id("X-2024-0000000000000000000000000000000000000000"
	    "000000000000000000"));
	assert_false(is_id(""));
	assert_false(is_id("-x"));
	assert_false(is_id("a/b"));
	assert_false(is_id("a b"));
	assert_false(is_id("案件"));
	assert_false(is_id("../x"));
	assert_true(is_slug("fagai-2"));
	assert_false(is_slug("Fagai"));
	assert_false(is_slug("发改"));
	assert_false(is_slug(""));
}

static void
test_escaping(void **state)
{
	struct buf	 b;

	(void)state;
	memset(&b, 0, sizeof(b));
	/* What RFC 8259 requires, and no more. */
	json_str(&b, "a\"b\\c\n<script>&\x01");
	assert_string_equal(b.p,
	    "\"a\\\"b\\\\c\\n<script>&\\u0001\"");
	buf_free(&b);
	csv_field(&b, "plain");
	buf_putc(&b, '|');
	csv_field(&b, "a,b");
	buf_putc(&b, '|');
	csv_field(&b, "say \"hi\"\nnow");
	assert_string_equal(b.p, "plain|\"a,b\"|\"say \"\"hi\"\"\nnow\"");
	buf_free(&b);
}

static void
test_utf8(void **state)
{
	size_t	 bad;

	(void)state;
	assert_true(utf8_valid("王建国", strlen("王建国"), NULL));
	assert_false(utf8_valid("\xc0\xaf", 2, &bad));
	assert_int_equal(bad, 0);
	assert_false(utf8_valid("ab\xed\xa0\x80", 5, &bad));	/* surrogate */
	assert_int_equal(bad, 2);
	assert_false(utf8_valid("a\xe7\x8e", 3, &bad));	/* truncated */
	assert_int_equal(bad, 1);
	assert_int_equal(utf8_count("王a", 4), 2);
}

static void
test_pseudonym_surnames(void **state)
{
	char	*s;

	(void)state;
	s = names_surname("王建国");
	assert_string_equal(s, "王");
	free(s);
	s = names_surname("欧阳明华");
	assert_string_equal(s, "欧阳");
	free(s);
	s = names_surname("司马秀兰");
	assert_string_equal(s, "司马");
	free(s);
	s = names_surname("欧");	/* a surname alone is not compound */
	assert_string_equal(s, "欧");
	free(s);
}

/* Whether the Latin forms of name hold form: 1, or 0. */
static int
haspinyin(const char *name, const char *form)
{
	char	**v;
	size_t	  n, i;
	int	  found = 0;

	v = names_pinyin(name, strlen(name), &n);
	for (i = 0; i < n; i++)
		if (strcmp(v[i], form) == 0)
			found = 1;
	strv_free(v, n);
	return found;
}

static void
test_names_pinyin(void **state)
{
	size_t	 n;

	(void)state;
	/* Both orders; a text is read without its hyphens. */
	assert_true(haspinyin("张海涛", "zhanghaitao"));
	assert_true(haspinyin("张海涛", "haitaozhang"));
	assert_false(haspinyin("张海涛", "zhanghai-tao"));
	assert_false(haspinyin("张海涛", "zhang"));
	assert_true(haspinyin("王芳", "wangfang"));
	assert_true(haspinyin("王芳", "fangwang"));
	/* A surname read otherwise than the word: 单 shàn, 曾 zēng. */
	assert_true(haspinyin("单丽萍", "shanliping"));
	assert_true(haspinyin("曾国平", "zengguoping"));
	/* ü as u (Lü as a text is read), v and yu. */
	assert_true(haspinyin("吕雪梅", "luxuemei"));
	assert_true(haspinyin("吕雪梅", "lvxuemei"));
	assert_true(haspinyin("吕雪梅", "lyuxuemei"));
	/* A compound surname stays whole when the order turns. */
	assert_true(haspinyin("欧阳文博", "ouyangwenbo"));
	assert_true(haspinyin("欧阳文博", "wenboouyang"));
	assert_false(haspinyin("欧阳文博", "yangwenboou"));
	/* Half in Chinese characters: the surname or the given name. */
	assert_true(haspinyin("张海涛", "张haitao"));
	assert_true(haspinyin("张海涛", "zhang海涛"));
	assert_true(haspinyin("欧阳文博", "欧阳wenbo"));
	assert_true(haspinyin("欧阳文博", "ouyang文博"));
	assert_false(haspinyin("欧阳文博", "欧yangwenbo"));
	assert_false(haspinyin("张海涛", "haitao张"));
	/* Parted by a comma (an index), by a slash surname first (a
	 * ticket); a text is read with its commas and slashes. */
	assert_true(haspinyin("张海涛", "zhang,haitao"));
	assert_true(haspinyin("张海涛", "haitao,zhang"));
	assert_true(haspinyin("张海涛", "zhang/haitao"));
	assert_true(haspinyin("欧阳文博", "ouyang,wenbo"));
	assert_false(haspinyin("欧阳文博", "ou,yangwenbo"));
	/* Not a name of two to four Chinese characters: none. */
	assert_null(names_pinyin("阿不都热合曼", strlen("阿不都热合曼"), &n));
	assert_int_equal(n, 0);
	assert_null(names_pinyin("John", 4, &n));
	assert_null(names_pinyin("王", strlen("王"), &n));
}

/* What a name in Latin letters is read without: the marks over its
 * letters and a hyphen between two of them. */
static void
test_fold_latinskip(void **state)
{
	/* z h a U+0304 n g - h a U+030C i - 2 - 3 王 - 王 U+0304 */
	const uint32_t	 cp[] = { 'z', 'h', 'a', 0x304, 'n', 'g', '-', 'h',
	    'a', 0x30c, 'i', '-', '2', '-', '3', 0x738b, '-', 0x738b, 0x304,
	    'u', 0x308, 0x301, '-' };
	const uint32_t	 us[] = { 'g', '_', 'h', '_', '2' };
	size_t		 n = sizeof(cp) / sizeof(cp[0]);

	(void)state;
	assert_false(fold_latinskip(cp, n, 2));		/* a */
	assert_true(fold_latinskip(cp, n, 3));		/* tone over a */
	assert_true(fold_latinskip(cp, n, 6));		/* g-h */
	assert_true(fold_latinskip(cp, n, 9));		/* tone over a */
	assert_false(fold_latinskip(cp, n, 11));	/* i-2 */
	assert_false(fold_latinskip(cp, n, 13));	/* 2-3 */
	assert_false(fold_latinskip(cp, n, 16));	/* 王-王 */
	assert_false(fold_latinskip(cp, n, 18));	/* a mark over 王 */
	assert_true(fold_latinskip(cp, n, 20));		/* ü with a tone */
	assert_true(fold_latinskip(cp, n, 21));
	assert_false(fold_latinskip(cp, n, 22));	/* a hyphen at the end */
	assert_true(fold_latinskip(us, 3, 1));		/* g_h */
	assert_false(fold_latinskip(us, 3, 2));
	assert_false(fold_latinskip(us + 2, 3, 1));	/* h_2 */
}

/* Whether the given name g stands before a title in s, as UTF-8. */
static int
titled(const char *s, const char *g)
{
	const char	*at = strstr(s, g);

	assert_non_null(at);
	return names_titledat(s, strlen(s), (size_t)(at - s),
	    (size_t)(at - s) + strlen(g));
}

/* Whether the given name after text pre follows surname sur and an
 * office. */
static int
officed(const char *pre, const char *sur)
{
	char	*b;
	int	 r;

	b = xasprintf("%s\xe6\xb5\xb7\xe6\xb6\x9b", pre);	/* 海涛 */
	r = names_surnameat(b, names_officeat(b, strlen(pre)), sur,
	    strlen(sur));
	free(b);
	return r;
}

static void
test_given_officed(void **state)
{
	(void)state;
	assert_true(officed("张副局长", "张"));
	assert_true(officed("据张局长", "张"));
	assert_true(officed("欧阳常务副县长", "欧阳"));
	assert_true(officed("张总经理", "张"));
	/* Another surname, no office, or the office alone. */
	assert_false(officed("刘局长", "张"));
	assert_false(officed("张老师", "张"));
	assert_false(officed("张", "张"));
	assert_false(officed("局长", "张"));
	assert_false(officed("", "张"));
	assert_false(officed("阳局长", "欧阳"));
}

static void
test_given_titled(void **state)
{
	(void)state;
	assert_true(titled("秋雯同志", "秋雯"));
	assert_true(titled("据秋雯主任说", "秋雯"));
	assert_true(titled("副镇长秋雯董事长", "秋雯"));	/* a role before */
	assert_true(titled("请慧琳工程师", "慧琳"));		/* three characters */
	assert_true(titled("a慧琳律师", "慧琳"));
	assert_false(titled("慧琳同", "慧琳"));		/* half a title */
	assert_false(titled("慧琳", "慧琳"));
	/* What a person says of their own, and words of family. */
	assert_true(titled("慧琳说", "慧琳"));
	assert_true(titled("据慧琳本人陈述", "慧琳"));
	assert_true(titled("慧琳表示", "慧琳"));
	assert_true(titled("叫她慧琳姐", "慧琳"));
	assert_false(titled("柏慧琳说", "慧琳"));	/* another surname */
	assert_false(titled("柏秋雯同志", "秋雯"));		/* another surname */
	assert_false(titled("上官秋雯同志", "秋雯"));	/* a compound one */
	assert_false(titled("秋雯同学", "秋雯"));
	/* A title with what may come before it, and the family words
	 * a name is called by. */
	assert_true(titled("请秋雯副局长", "秋雯"));
	assert_true(titled("慧琳常务副县长说", "慧琳"));
	assert_true(titled("慧琳总工程师", "慧琳"));
	assert_true(titled("问秋雯阿姨", "秋雯"));
	assert_true(titled("慧琳大哥", "慧琳"));
	assert_false(titled("慧琳副", "慧琳"));		/* no title after */
	assert_false(titled("柏秋雯副局长", "秋雯"));	/* another surname */
}

static void
test_mask_generalize(void **state)
{
	char	*s;

	(void)state;
	s = redact_mask("13812345678", 3, 4);
	assert_string_equal(s, "138****5678");
	free(s);
	s = redact_mask("王建国", 1, 0);
	assert_string_equal(s, "王**");
	free(s);
	s = redact_mask("12", 3, 4);
	assert_string_equal(s, "**");
	free(s);
	/* A number hides four digits at least: of its first, then of its
	 * last kept. */
	s = redact_mask("53014137", 3, 4);
	assert_string_equal(s, "****4137");
	free(s);
	s = redact_mask("099966120", 3, 4);
	assert_string_equal(s, "0****6120");
	free(s);
	s = redact_mask("1234567", 3, 3);
	assert_string_equal(s, "****567");
	free(s);
	s = redact_mask("057188123456", 3, 4);
	assert_string_equal(s, "057*****3456");
	free(s);
	s = redact_mask("王建国", 1, 1);
	assert_string_equal(s, "王*国");
	free(s);
	/* An address of mail keeps ends of ASCII alone. */
	s = redact_mask("岚山居士@qq.com", 3, 4);
	assert_string_equal(s, "*******.com");
	free(s);
	s = redact_mask("岚山居士＠qq.com", 3, 4);
	assert_string_equal(s, "*******.com");
	free(s);
	s = redact_mask("lsju77@chenglan.中国", 3, 4);
	assert_string_equal(s, "lsj***************");
	free(s);
	s = redact_generalize("2024-05-10", 0);
	assert_string_equal(s, "2024-05");
	free(s);
	s = redact_generalize("2024-05-10", 1);
	assert_string_equal(s, "2024");
	free(s);
	assert_null(redact_generalize("soon", 0));
}

static struct policy *
policy(const char *text)
{
	return policy_parse("policy.yaml", text, strlen(text));
}

#define POLICY_HEAD \
	"grounds:\n" \
	"  privacy: 第十五条\n" \
	"fields:\n" \
	"  id: keep\n" \
	"  status: keep\n" \
	"  published: keep\n"

static void
test_policy_good(void **state)
{
	struct policy		*p;
	const struct rule	*r;
	char			*d;

	(void)state;
	p = policy(POLICY_HEAD
	    "  subject.name:\n"
	    "    public: {op: pseudonym, ground: privacy}\n"
	    "    internal: keep\n"
	    "  subject.phone: {op: mask, first: 3, last: 4, "
	    "ground: privacy}\n");
	assert_non_null(p);
	r = policy_rule(p, "subject.name", AUD_PUBLIC);
	assert_non_null(r);
	assert_int_equal(r->op, OP_PSEUDONYM);
	assert_string_equal(p->grounds[r->ground].text, "第十五条");
	r = policy_rule(p, "subject.name", AUD_INTERNAL);
	assert_int_equal(r->op, OP_KEEP);
	r = policy_rule(p, "subject.phone", AUD_INTERNAL);
	assert_int_equal(r->op, OP_MASK);
	assert_int_equal(r->first, 3);
	assert_int_equal(r->last, 4);
	assert_null(policy_rule(p, "subject.email", AUD_PUBLIC));
	policy_free(p);
	d = diags();
	assert_string_equal(d, "");
	free(d);
}

static void
policy_bad(const char *text, const char *want)
{
	struct policy	*p;
	char		*d;

	p = policy(text);
	assert_null(p);
	d = diags();
	assert_string_equal(d, want);
	free(d);
}

static void
test_policy_errors(void **state)
{
	(void)state;
	policy_bad(POLICY_HEAD "  title: erase\n",
	    "policy.yaml:7:10: error: title: unknown operator \"erase\" "
	    "(expected keep, withhold, pseudonym, mask, generalize)\n");
	policy_bad(POLICY_HEAD "  title: {public: keep, press: keep}\n",
	    "policy.yaml:7:25: error: title: unknown audience \"press\" "
	    "(expected public, internal)\n");
	policy_bad(POLICY_HEAD "  subject.nam: keep\n",
	    "policy.yaml:7:3: error: fields: unknown field path "
	    "\"subject.nam\" (did you mean \"subject.name\"?)\n");
	policy_bad(POLICY_HEAD "  title: {op: withhold}\n",
	    "policy.yaml:7:10: error: title: withhold needs a legal ground "
	    "(write {op: withhold, ground: KEY} with a KEY from grounds)\n");
	policy_bad(POLICY_HEAD "  title: {op: withhold, ground: secret}\n",
	    "policy.yaml:7:33: error: title: unknown ground \"secret\" "
	    "(define it under grounds)\n");
	policy_bad("grounds: {a: b}\nfields:\n  id: keep\n  status: keep\n",
	    "policy.yaml:2:1: error: fields: \"published\" must be kept for "
	    "every audience (published: keep)\n");
	policy_bad(POLICY_HEAD "  decided: {op: pseudonym, ground: "
	    "privacy}\n",
	    "policy.yaml:7:17: error: decided: pseudonym applies to "
	    "people's names only (subject.name, witnesses[].name, "
	    "others[].name)\n");
}

static void
test_config_errors(void **state)
{
	const char	*text = "title: T\npublisher: P\nbase_url: ftp://x\n"
	    "tag_date: \"2022\"\ncontact: {email: a@b.c}\n"
	    "units: [{name: A, slug: Bad}]\ncategories: [{name: C, "
	    "slug: c}]\n";
	char		*d;

	(void)state;
	assert_null(config_parse("site.yaml", text, strlen(text)));
	d = diags();
	assert_non_null(strstr(d, "site.yaml:3:11: error: base_url: "
	    "expected an absolute http or https URL"));
	assert_non_null(strstr(d, "site.yaml:6:25: error: units[1].slug: "
	    "expected a slug"));
	free(d);
}

/* The hits of the detectors in s that are withheld, as "kind:text;";
 * with broad, of the audit's broad reading. */
static char *
readhits(const char *s, int broad)
{
	struct hits	 h;
	struct buf	 b;
	struct ftext	 t;
	size_t		 i;

	memset(&t, 0, sizeof(t));
	ftext_fold(&t, s, strlen(s), FOLD_DECODE);
	if (broad)
		detect_broad(&t, &h, NULL);
	else
		detect_scan(&t, &h);
	memset(&b, 0, sizeof(b));
	buf_puts(&b, "");
	for (i = 0; i < h.n; i++)
		if (h.v[i].keep == KEEP_NO)
			buf_printf(&b, "%s:%.*s;", detect_name(h.v[i].kind),
			    (int)(t.to[h.v[i].end - 1] - t.from[h.v[i].start]),
			    s + t.from[h.v[i].start]);
	hits_free(&h);
	ftext_free(&t);
	buf_putc(&b, '\0');
	return buf_take(&b);
}

static char *
hits(const char *s)
{
	return readhits(s, 0);
}

static void
expect_hits(const char *s, const char *want)
{
	char	*got = hits(s);

	assert_string_equal(got, want);
	free(got);
}

/* What the audit's broad reading finds in s. */
static void
expect_broad(const char *s, const char *want)
{
	char	*got = readhits(s, 1);

	assert_string_equal(got, want);
	free(got);
}

static void
test_detect_id(void **state)
{
	(void)state;
	assert_true(detect_id("11010519491231002X"));
	assert_true(detect_id("11010519491231002x"));
	assert_false(detect_id("110105194912310021"));	/* bad check */
	assert_false(detect_id("110105194913310020"));	/* month 13 */
	assert_true(detect_id("990821198401171996"));
	expect_hits("身份证号11010519491231002X。",
	    "identity number:11010519491231002X;");
	expect_hits("身份证号 110105 19491231 002x 。",
	    "identity number:110105 19491231 002x;");
	/* An item's number first: the check character still ends the
	 * identity number; and where the item's number with the first
	 * groups passes as a card, the identity number after is withheld
	 * too, to its end. */
	expect_hits("名单7 990102 19880315 506X。",
	    "identity number:990102 19880315 506X;");
	expect_hits("名单11：990102 19880315 5086。",
	    "bank card number:11：990102 19880315 5086;");
	/* So after a label, which keeps a serial number (the card the
	 * item's number and the first groups make), never an identity
	 * number; a card of 19 that holds one whole. */
	expect_hits("序号11：990102 19880315 5086。",
	    "identity number:990102 19880315 5086;");
	expect_hits("序号2：990102 19880315 5000。",
	    "identity number:990102 19880315 5000;");
	expect_hits("文号11：990102 19880315 5084。", "");
	expect_hits("号码１１０１０５１９４９１２３１００２Ｘ",
	    "identity number:１１０１０５１９４９１２３１００２Ｘ;");
	expect_hits("号码110105194912310021", "");
	expect_hits("编号1101051949123100213", "");
}

static void
test_detect_mobile(void **state)
{
	(void)state;
	expect_hits("电话13812345678", "mobile number:13812345678;");
	expect_hits("电话 +86 138 1234 5678。",
	    "mobile number:+86 138 1234 5678;");
	expect_hits("电话138-1234-5678", "mobile number:138-1234-5678;");
	expect_hits("电话００８６１３８１２３４５６７８",
	    "mobile number:００８６１３８１２３４５６７８;");
	expect_hits("电话１３８１２３４５６７８",
	    "mobile number:１３８１２３４５６７８;");
	expect_hits("2024-05-10 13812345678",
	    "mobile number:13812345678;");
	expect_hits("金额12812345678元", "");	/* not a mobile prefix */
	expect_hits("编号138123456789", "");	/* twelve digits */
}

static void
test_detect_landline(void **state)
{
	(void)state;
	expect_hits("电话0571-87654321", "landline number:0571-87654321;");
	expect_hits("电话(010) 1234 5678",
	    "landline number:(010) 1234 5678;");
	expect_hits("电话 010 87654321", "landline number:010 87654321;");
	expect_hits("举报电话12388", "");
	expect_hits("日期2024-05-10", "");
	expect_hits("文号2024-0510-12345678", "");
}

static void
test_detect_email(void **state)
{
	(void)state;
	expect_hits("邮箱wang.jg@example.com。",
	    "e-mail address:wang.jg@example.com;");
	expect_hits("写信至 ａｂ＠ｅｘａｍｐｌｅ．ｃｎ 即可",
	    "e-mail address:ａｂ＠ｅｘａｍｐｌｅ．ｃｎ;");
	expect_hits("a@b", "");
	expect_hits("@someone", "");
}

static void
test_detect_bankcard(void **state)
{
	(void)state;
	assert_true(detect_luhn("6222020200112233440") ||
	    detect_luhn("4111111111111111"));
	assert_true(detect_luhn("4111111111111111"));
	assert_false(detect_luhn("4111111111111112"));
	expect_hits("卡号4111 1111 1111 1111",
	    "bank card number:4111 1111 1111 1111;");
	expect_hits("卡号4111111111111112", "");	/* fails Luhn */
	expect_hits("金额1234567890123456", "");	/* fails Luhn */
}

static void
test_detect_credit_code(void **state)
{
	(void)state;
	assert_true(detect_uscc("91350100M000100Y43"));
	assert_false(detect_uscc("91350100M000100Y44"));
	expect_hits("代码91350100M000100Y43。",
	    "social credit code:91350100M000100Y43;");
	expect_hits("代码91350100M000100Y44。", "");
	expect_hits("代码91350100m000100y43", 
	    "social credit code:91350100m000100y43;");
}

static void
test_detect_keeps_numbers(void **state)
{
	(void)state;
	expect_hits("依据澄纪容〔2024〕7号，损失38.6万元，2024年5月10日决定，"
	    "涉及资金1,234,567元，案件编号CL-2024-007。", "");
}


/* The fold of a string, as UTF-8 without gaps. */
static void
expect_fold(const char *s, int flags, const char *want)
{
	char	*got;
	size_t	 len;

	got = fold_key(s, strlen(s), flags, &len);
	assert_string_equal(got, want);
	free(got);
}

static void
test_fold(void **state)
{
	struct ftext	 t;

	(void)state;
	expect_fold("１３８ＡＢＣ", 0, "138abc");
	expect_fold("\xe2\xbd\x82件", 0, "文件");		/* Kangxi ⽂ */
	expect_fold("①③⑧", 0, "138");
	expect_fold("\xf0\x9d\x9f\x8f\xf0\x9d\x9f\x91", 0, "13");	/* 𝟏𝟑 */
	expect_fold("٣٨", 0, "38");				/* Arabic-Indic */
	expect_fold("王\xe2\x80\x85建\xe2\x80\x8a国", 0, "王建国");
	expect_fold("王\xe2\x81\x9f建\xe2\x80\x8e国\xe2\x80\x8f", 0, "王建国");
	expect_fold("王\xcd\x8f建\xef\xb8\x8f国", 0, "王建国");	/* CGJ, VS16 */
	expect_fold("王\xf3\xa0\x84\x80建国", 0, "王建国");	/* VS17 */
	expect_fold("劉建國", 0, "刘建国");
	expect_fold("&#29579;建国", FOLD_DECODE, "王建国");
	expect_fold("%E7%8E%8B建国", FOLD_DECODE, "王建国");
	expect_fold("%31%33", FOLD_DECODE, "%31%33");	/* ASCII stays */
	/* Percent-encoding that is not UTF-8 reads as GBK, the whole run
	 * one way; a second byte of ASCII may be written out (%DAw). */
	expect_fold("%CD%F5%BD%A8%B9%FA", FOLD_DECODE, "王建国");
	expect_fold("%cd%f5%bd%a8%b9%fa", FOLD_DECODE, "王建国");
	expect_fold("%C5%B7%D1%F4", FOLD_DECODE, "欧阳");	/* %C5%B7 is ŷ */
	expect_fold("%DAw%BD%A8%B9%FA", FOLD_DECODE, "赵建国");	/* 趙 */
	expect_fold("%D5%C5%20%C8%FD", FOLD_DECODE, "张%20三");
	expect_fold("%E5%BC%A0%E4%B8%89", FOLD_DECODE, "张三");	/* UTF-8 */
	expect_fold("%E7%8E%8B\\u738b", FOLD_DECODE, "王王");
	expect_fold("%CD%F5", 0, "%cd%f5");
	expect_fold("%CD", FOLD_DECODE, "%cd");
	expect_fold("阿不都·热合曼", FOLD_NAME, "阿不都热合曼");
	expect_fold("阿不都•热合曼", FOLD_NAME, "阿不都热合曼");
	expect_fold("阿不都・热合曼", FOLD_NAME, "阿不都热合曼");
	expect_fold("阿不都.热合曼", FOLD_NAME, "阿不都热合曼");
	expect_fold("阿不都‧热合曼", FOLD_NAME, "阿不都热合曼");
	/* A space is a gap before the next character. */
	memset(&t, 0, sizeof(t));
	ftext_fold(&t, "a \xe3\x80\x80" "b", 6, 0);
	assert_int_equal(t.n, 2);
	assert_false(t.gap[0]);
	assert_true(t.gap[1]);
	assert_int_equal(t.from[1], 5);
	ftext_free(&t);
}

/*
 * Characters read without a call per character (ASCII, sequences of two
 * and three bytes) next to those that are not (four bytes, expansions,
 * escapes, broken UTF-8): each folds as it does alone, at its place.
 */
static void
test_fold_mixed(void **state)
{
	static const char s[] = "Ab\xc2\xb7\xe4\xb8\x80\xef\xbc\xa1"
	    "\xf0\x9d\x9f\x8f\xe2\x91\xa0\xe7\x8e" "x\xc2" "9\xe2\x80\x8b"
	    "\xe5\x8a\x89 &#29579;%E7%8E%8B\\u738b\xe0\x80\xb1\xed\xa0\x80";
	static const uint32_t cp[] = { 'a', 'b', 0xb7, 0x4e00, 'a', '1',
	    '1', 0xfffd, 0xfffd, 'x', 0xfffd, '9', 0x5218, 0x738b, 0x738b,
	    0x738b, '1', 0xfffd };
	static const uint32_t from[] = { 0, 1, 2, 4, 7, 10, 14, 17, 18, 19,
	    20, 21, 25, 29, 37, 46, 52, 55 };
	static const uint32_t to[] = { 1, 2, 4, 7, 10, 14, 17, 18, 19, 20,
	    21, 22, 28, 37, 46, 52, 55, 58 };
	struct ftext	 t, u;
	size_t		 i, n = sizeof(cp) / sizeof(cp[0]);

	(void)state;
	memset(&t, 0, sizeof(t));
	memset(&u, 0, sizeof(u));
	ftext_fold(&t, s, sizeof(s) - 1, FOLD_DECODE);
	assert_int_equal(t.n, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(t.cp[i], cp[i]);
		assert_int_equal(t.from[i], from[i]);
		assert_int_equal(t.to[i], to[i]);
		/* A space before 劉, and before ① after a digit: a number in
		 * a circle numbers an item (fold.c, circled). */
		assert_int_equal(t.gap[i], i == 13 || i == 6);
	}
	/* Without positions, the same characters and gaps. */
	ftext_fold(&u, s, sizeof(s) - 1, FOLD_DECODE | FOLD_NOPOS);
	assert_int_equal(u.n, n);
	assert_memory_equal(u.cp, t.cp, n * sizeof(*t.cp));
	assert_memory_equal(u.gap, t.gap, n);
	ftext_free(&t);
	ftext_free(&u);
	assert_true(fold_isalnum('7') && fold_isalnum('Z'));
	assert_false(fold_isalnum('-') || fold_isalnum(0xb7));
	assert_true(fold_isalnum(0x738b) && fold_isalnum(0x660));
	assert_true(fold_isalnum(0x1d7cf));	/* beyond the BMP */
	assert_false(fold_isalnum(0x3002) || fold_isalnum(0x1f600));
}

/* The end of what parts two Han characters, for a reader of a name. */
static size_t
joinat(const char *s, size_t i)
{
	struct ftext	 t;
	size_t		 j;

	memset(&t, 0, sizeof(t));
	ftext_fold(&t, s, strlen(s), 0);
	j = fold_joinrun(t.cp, t.n, i);
	ftext_free(&t);
	return j;
}

static void
test_fold_joinrun(void **state)
{
	static const char *const blot[] = {
		"\xe6\x9d\xa8#\xe6\x99\x93\xe7\x87\x95",	/* 杨#晓燕 */
		"\xe6\x9d\xa8=\xe6\x99\x93",		/* 杨=晓 */
		"\xe6\x9d\xa8@\xe6\x99\x93",
		"\xe6\x9d\xa8$\xe6\x99\x93",
		"\xe6\x9d\xa8\xe2\x96\xa0\xe6\x99\x93",	/* 杨■晓 */
		"\xe6\x9d\xa8\xe2\x80\xbb\xe6\x99\x93",	/* 杨※晓 */
		"\xe6\x9d\xa8\xcb\x89\xe6\x99\x93",	/* 杨ˉ晓 */
		"\xe6\x9d\xa8\xef\xbc\x83\xe6\x99\x93",	/* 杨＃晓 */
		"\xe6\x9d\xa8-\xe6\x99\x93",		/* a joiner */
	};
	static const char *const part[] = {
		"\xe6\x9d\xa8\xef\xbc\x8c\xe6\x99\x93",	/* 杨，晓 */
		"\xe6\x9d\xa8\xe3\x80\x81\xe6\x99\x93",	/* 杨、晓 */
		"\xe6\x9d\xa8\xe3\x80\x82\xe6\x99\x93",	/* 杨。晓 */
		"\xe6\x9d\xa8:\xe6\x99\x93",
		"\xe6\x9d\xa8;\xe6\x99\x93",
		"\xe6\x9d\xa8?\xe6\x99\x93",
		"\xe6\x9d\xa8\"\xe6\x99\x93",
		"\xe6\x9d\xa8" "a\xe6\x99\x93",	/* a letter */
		"\xe6\x9d\xa8" "7\xe6\x99\x93",	/* a digit */
		"#\xe6\x99\x93",			/* at the start */
		"a#\xe6\x99\x93",			/* after a letter */
		"\xe6\x9d\xa8#",			/* at the end */
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(blot) / sizeof(blot[0]); i++)
		assert_int_equal(joinat(blot[i], 1), 2);
	for (i = 0; i < sizeof(part) / sizeof(part[0]); i++)
		assert_int_equal(joinat(part[i], 1), 1);
	/* Up to three joiners or blots, mixed or not: 杨-#晓, 杨##晓. */
	assert_int_equal(joinat("\xe6\x9d\xa8-#\xe6\x99\x93", 1), 3);
	assert_int_equal(joinat("\xe6\x9d\xa8##\xe6\x99\x93", 1), 3);
	assert_int_equal(joinat("\xe6\x9d\xa8#\xef\xbc\x8c\xe6\x99\x93",
	    1), 1);
	/* A character drawn as a stroke: 杨丨晓, not 丨丨 nor 杨丨 at the end. */
	assert_int_equal(joinat("\xe6\x9d\xa8\xe4\xb8\xa8\xe6\x99\x93",
	    1), 2);
	assert_int_equal(joinat("\xe6\x9d\xa8\xe4\xb8\xb6\xe6\x99\x93",
	    1), 2);
	assert_int_equal(joinat("\xe6\x9d\xa8\xe4\xb8\xa8\xe4\xb8\xa8"
	    "\xe6\x99\x93", 1), 1);
	assert_int_equal(joinat("\xe6\x9d\xa8\xe4\xb8\xa8", 1), 1);
	/* Brackets around one to three characters: 杨（晓）燕, 「杨」「晓」. */
	assert_int_equal(joinat("\xe6\x9d\xa8\xef\xbc\x88\xe6\x99\x93"
	    "\xef\xbc\x89\xe7\x87\x95", 1), 2);
	assert_int_equal(joinat("\xe6\x9d\xa8\xef\xbc\x88\xe6\x99\x93"
	    "\xef\xbc\x89\xe7\x87\x95", 3), 4);
	assert_int_equal(joinat("\xe3\x80\x8c\xe6\x9d\xa8\xe3\x80\x8d"
	    "\xe3\x80\x8c\xe6\x99\x93\xe3\x80\x8d", 2), 4);
	/* Not around four, nor a bracket left open. */
	assert_int_equal(joinat("\xe6\x9d\xa8(\xe4\xb8\x80\xe4\xba"
	    "\x8c\xe4\xb8\x89\xe5\x9b\x9b)", 1), 1);
	assert_int_equal(joinat("\xe6\x9d\xa8(\xe6\x99\x93", 1), 1);
	/* The same mark between each two characters, whatever it is:
	 * 王，建，国. */
	assert_int_equal(joinat("\xe7\x8e\x8b\xef\xbc\x8c\xe5\xbb\xba"
	    "\xef\xbc\x8c\xe5\x9b\xbd", 1), 2);
}

/*
 * The findings of the audit in one page that holds number, when redaction
 * kept it for reason why.
 */
static size_t
auditkept(const char *number, enum keepwhy why)
{
	char		 dir[] = "/tmp/disclose-unit-XXXXXX";
	char		*page, *path;
	struct pool	*pool;
	struct redlog	 log;
	struct kept	 k;
	struct protect	 prot;
	struct redopts	 ro;
	struct auditin	 in;
	struct audit	*a;
	FILE		*f;
	size_t		 n;

	assert_non_null(mkdtemp(dir));
	page = xasprintf("<!DOCTYPE html><html><body><p>\xe7\xbc\x96\xe5"
	    "\x8f\xb7%s</p></body></html>\n", number);	/* 编号 */
	assert_true(writefile(dir, "x.html", page, strlen(page)));
	memset(&log, 0, sizeof(log));
	memset(&k, 0, sizeof(k));
	k.id = "X-2024-001";
	k.where = (char *)"body";
	k.written = (char *)number;
	k.norm = detect_norm(number);
	k.why = why;
	log.kept = &k;
	log.nkept = 1;
	memset(&prot, 0, sizeof(prot));
	memset(&ro, 0, sizeof(ro));
	memset(&in, 0, sizeof(in));
	in.log = &log;
	in.prot = &prot;
	in.ro = &ro;
	in.detect = 1;
	pool = pool_new(1);
	a = audit_new(&in);
	n = audit_dir(a, dir, "site", pool);
	audit_free(a);
	if ((f = fopen("/dev/null", "w")) != NULL) {
		diag_flush(f);	/* the findings, told */
		fclose(f);
	}
	pool_free(pool);
	path = xasprintf("%s/x.html", dir);
	unlink(path);
	rmdir(dir);
	free(path);
	free(page);
	free(k.norm);
	return n;
}

/*
 * The audit takes a kept number at its word only where the word can be
 * checked: one said to fail its check passes only if it fails it.
 */
static void
test_audit_kept(void **state)
{
	(void)state;
	/* They fail their checks: kept. */
	assert_int_equal(auditkept("999901198003174128", KEEP_CHECK), 0);
	assert_int_equal(auditkept("6222021234567890127", KEEP_CHECK), 0);
	assert_int_equal(auditkept("12800138000", KEEP_CHECK), 0);
	/* They pass them: found all the same. */
	assert_true(auditkept("990102198803154120", KEEP_CHECK) > 0);
	assert_true(auditkept("99010219880315506X", KEEP_CHECK) > 0);
	assert_true(auditkept("6222021234567890128", KEEP_CHECK) > 0);
	assert_true(auditkept("6217001234567810", KEEP_CHECK) > 0);
	assert_true(auditkept("13900002407", KEEP_CHECK) > 0);
	/* Kept for another reason, which the audit cannot check. */
	assert_int_equal(auditkept("6222021234567890128", KEEP_LABEL), 0);
	assert_true(detect_passes("99010219880315506X"));
	assert_false(detect_passes("99010219880315506Y"));
	assert_false(detect_passes("05716624030105"));
}

struct acfound {
	size_t	*v;		/* id, start, end of each */
	size_t	 n;
	size_t	 cap;
};

static int
acfound(void *arg, size_t id, size_t start, size_t end)
{
	struct acfound	*f = arg;

	if (f->n == f->cap) {
		f->cap = f->cap == 0 ? 1024 : 2 * f->cap;
		f->v = reallocarray(f->v, 3 * f->cap, sizeof(*f->v));
		assert_non_null(f->v);
	}
	f->v[3 * f->n] = id;
	f->v[3 * f->n + 1] = start;
	f->v[3 * f->n + 2] = end;
	f->n++;
	return 1;
}

static int
tripcmp(const void *a, const void *b)
{
	const size_t	*x = a, *y = b;
	int		 i;

	for (i = 0; i < 3; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

/*
 * The automaton against a search of every pattern at every place:
 * patterns that are prefixes and suffixes of one another, nodes of many
 * children, states deeper than those that know every move, and with many
 * short patterns more shallow states than may know every move.
 */
static void
test_automaton(void **state)
{
	static const char alpha[] = "ab\xe4\xb8\x80\x81\xe7\x8e\x8b" "0123456789";
	struct ac	*ac;
	struct acfound	 got, want;
	char		 pat[2000][9], text[20000];
	size_t		 len[2000], npat, i, k, round, tlen;
	unsigned int	 seed = 1;

	(void)state;
	for (round = 0; round < 2; round++) {
		npat = round == 0 ? 300 : 2000;
		ac = ac_new();
		for (i = 0; i < npat; i++) {
			if (round == 0)
				len[i] = 2 + rand_r(&seed) % 7;
			else
				len[i] = 3;
			for (k = 0; k < len[i]; k++)
				pat[i][k] = round == 0 ?
				    alpha[rand_r(&seed) % (sizeof(alpha) - 1)] :
				    (char)(rand_r(&seed) % 256);
			ac_add(ac, pat[i], len[i], i);
		}
		ac_build(ac);
		assert_int_equal(ac_count(ac), npat);
		tlen = sizeof(text);
		for (i = 0; i < tlen; i++)
			text[i] = round == 0 ?
			    alpha[rand_r(&seed) % (sizeof(alpha) - 1)] :
			    (char)(rand_r(&seed) % 256);
		/* Whole patterns in the text, too. */
		for (i = 0; i + 8 < tlen; i += 97)
			memcpy(text + i, pat[i % npat], len[i % npat]);
		memset(&got, 0, sizeof(got));
		memset(&want, 0, sizeof(want));
		ac_scan(ac, text, tlen, acfound, &got);
		for (i = 0; i < tlen; i++)
			for (k = 0; k < npat; k++)
				if (len[k] <= tlen - i &&
				    memcmp(text + i, pat[k], len[k]) == 0)
					acfound(&want, k, i, i + len[k]);
		assert_true(want.n > (round == 0 ? 1000u : 150u));
		assert_int_equal(got.n, want.n);
		qsort(got.v, got.n, 3 * sizeof(*got.v), tripcmp);
		qsort(want.v, want.n, 3 * sizeof(*want.v), tripcmp);
		assert_memory_equal(got.v, want.v, 3 * got.n * sizeof(*got.v));
		free(got.v);
		free(want.v);
		ac_free(ac);
	}
}

static void
test_detect_lists(void **state)
{
	(void)state;
	expect_hits("联系方式：13900002001，13900002002，13900002003。",
	    "mobile number:13900002001;mobile number:13900002002;"
	    "mobile number:13900002003;");
	expect_hits("13900002004,13900002005",
	    "mobile number:13900002004;mobile number:13900002005;");
	expect_hits("13900002004、13900002005；13900002006",
	    "mobile number:13900002004;mobile number:13900002005;"
	    "mobile number:13900002006;");
	expect_hits("Tel.13900002006", "mobile number:13900002006;");
	expect_hits("卡号No.6222021234567890128",
	    "bank card number:6222021234567890128;");
	expect_hits("另卡，4367456789012344。",
	    "bank card number:4367456789012344;");
}

static void
test_detect_separators(void **state)
{
	(void)state;
	expect_hits("手机139.0000.2008", "mobile number:139.0000.2008;");
	expect_hits("手机139—0000—2009", "mobile number:139—0000—2009;");
	expect_hits("手机139～0000～2010", "mobile number:139～0000～2010;");
	expect_hits("手机139/0000/2011", "mobile number:139/0000/2011;");
	expect_hits("手机139·0000·2013", "mobile number:139·0000·2013;");
	expect_hits("手机139_0000_2014", "mobile number:139_0000_2014;");
	/* A Chinese or Japanese character drawn as a mark, the same one
	 * between each two groups; not one between two groups only, nor
	 * between counts. */
	expect_hits("手机139丨0000丨2015", "mobile number:139丨0000丨2015;");
	expect_hits("手机139ー0000ー2016。", "mobile number:139ー0000ー2016;");
	expect_hits("卡号6214ー8300ー0334ー4552",
	    "bank card number:6214ー8300ー0334ー4552;");
	expect_hits("手机139ˉ0000ˉ2022", "mobile number:139ˉ0000ˉ2022;");
	expect_hits("卡号6214ˇ8300ˇ0334ˇ4552",
	    "bank card number:6214ˇ8300ˇ0334ˇ4552;");
	expect_hits("共1380次0013次8000次", "");
	expect_hits("共1380ˉ0013", "");
	/* One mark only between an area code and the local number. */
	expect_hits("电话0571丶88886618。", "landline number:0571丶88886618;");
	expect_hits("传真010ー6624064", "landline number:010ー6624064;");
	expect_hits("共0571丶8888户", "");
	expect_hits("共1571丶88886618", "");
	expect_hits("第10571丶88886618", "");
	/* The local number in groups after the mark, and the area code in
	 * brackets before it, also as an item of a list. */
	expect_hits("电话020丨8888 6644。", "landline number:020丨8888 6644;");
	expect_hits("电话0571丶8888-6618", "landline number:0571丶8888-6618;");
	expect_hits("电话(0571)丶88886618", "landline number:(0571)丶88886618;");
	expect_hits("电话13900002023，(0571)丶88886618。",
	    "mobile number:13900002023;landline number:(0571)丶88886618;");
	expect_hits("电话（010）ー6624 5566", "landline number:（010）ー6624 5566;");
	expect_hits("共020丨8888 66户", "");
	expect_hits("共0571丶8888 6650 12户", "");
	expect_hits("(2024)丶12345678", "");
	expect_hits("(1571)丶88886618", "");
	/* A number in a circle numbers a list's item: it is no digit of
	 * the number after it; digits all in circles are one number. */
	expect_hits("①13900002019②13900002020",
	    "mobile number:13900002019;mobile number:13900002020;");
	expect_hits("⑫13900002021", "mobile number:13900002021;");
	expect_hits("①③⑨⓪⓪⓪⓪②⓪②②", "mobile number:①③⑨⓪⓪⓪⓪②⓪②②;");
	expect_hits("第139组0000组", "");
	expect_broad("联系139丶0000丶2017", "mobile number:139丶0000丶2017;"
	    "landline number:139丶0000;");
	expect_broad("联系139.0000.2018", "mobile number:139.0000.2018;"
	    "landline number:139.0000;");
	expect_hits("身份证999906.19680315.1235",
	    "identity number:999906.19680315.1235;");
	expect_hits("手机 一三九〇〇〇〇二〇〇八 。",
	    "mobile number:一三九〇〇〇〇二〇〇八;");
	expect_hits("手机①③⑨⓪⓪⓪⓪②⓪⓪⑧",
	    "mobile number:①③⑨⓪⓪⓪⓪②⓪⓪⑧;");
	expect_hits("手机\xf0\x9d\x9f\x8f\xf0\x9d\x9f\x91\xf0\x9d\x9f\x97"
	    "00002008", "mobile number:\xf0\x9d\x9f\x8f\xf0\x9d\x9f\x91"
	    "\xf0\x9d\x9f\x97""00002008;");
	expect_hits("手机139\xe2\x80\x85" "0000\xe2\x80\x8e" "2015",
	    "mobile number:139\xe2\x80\x85" "0000\xe2\x80\x8e" "2015;");
}

static void
label(struct ftext *t, const char *s, int how, int want)
{
	ftext_fold(t, s, strlen(s), 0);
	if (detect_phonelabel(t, how) != want)
		fail_msg("detect_phonelabel(\"%s\", %d) is not %d", s, how,
		    want);
}

/* Numbers of a person's run together, and the lines of a list after a
 * telephone's label. */
static void
test_detect_joined(void **state)
{
	struct ftext	 t;
	struct hits	 h;
	size_t		 i, n;

	(void)state;
	expect_hits("两个手机连写1470000836115900002254。",
	    "mobile number:1470000836115900002254;");
	expect_hits("证号与手机440305199112304561 13500004321",
	    "identity number:440305199112304561;mobile number:13500004321;");
	expect_hits("连写44030519911230456118600007732",
	    "identity number:44030519911230456118600007732;");
	expect_hits("连写02087654321013700009941号",
	    "landline number:02087654321013700009941;");
	/* Under a telephone's label, a local number may be one of them;
	 * elsewhere twenty digits that are no such numbers stay. */
	expect_hits("电话：6655443218800001207",
	    "landline number:6655443218800001207;");
	expect_hits("流水 20240315000123456789 已入账", "");
	expect_hits("订单号1470000836115900002254", "");
	/* A line break parts the items of a list. */
	expect_hits("宅电\n7781 2290\n7781 2291\n",
	    "landline number:7781 2290;landline number:7781 2291;");
	expect_hits("合计\n7781 2290\n7781 2291\n", "");
	/* The audit reads numbers run together too. */
	memset(&t, 0, sizeof(t));
	ftext_fold(&t, "x1470000836115900002254y", 24, 0);
	detect_broad(&t, &h, NULL);
	for (i = n = 0; i < h.n; i++)
		n += strcmp(h.v[i].norm, "1470000836115900002254") == 0;
	assert_int_equal(n, 1);
	hits_free(&h);
	ftext_free(&t);
	/* A table's header, a cell before, the paragraph before a list. */
	memset(&t, 0, sizeof(t));
	label(&t, "联系电话（办）", PL_HEAD, 1);
	label(&t, "联系电话（办）", PL_INTRO, 0);
	label(&t, "电话费（元）", PL_HEAD, 0);
	label(&t, "来电量", PL_HEAD, 0);
	label(&t, "12345热线", PL_CELL, 0);
	label(&t, "办公电话：", PL_CELL, 1);
	label(&t, "各人联系电话分别为：", PL_INTRO, 1);
	label(&t, "宅电如下", PL_INTRO, 1);
	label(&t, "县纪委监委已与当事人电话联系。", PL_INTRO, 0);
	label(&t, "群众可拨打12345热线。", PL_INTRO, 0);
	label(&t, "核减金额", PL_HEAD, 0);
	ftext_free(&t);
}

/* A telephone's label with words between it and the number, numbers of
 * a list joined by words, the country's code, numerals of sums, and
 * more spellings of an address of mail. */
static void
test_detect_phone_words(void **state)
{
	(void)state;
	expect_hits("其住宅电话为7723-0158。", "landline number:7723-0158;");
	expect_hits("座机号码：77230159，手机未留。",
	    "landline number:77230159;");
	expect_hits("宅电分别为7723 0160、7723 0161。",
	    "landline number:7723 0160;landline number:7723 0161;");
	expect_hits("电话（见附件二）：77230162",
	    "landline number:77230162;");
	expect_hits("电话/微信：77230163", "landline number:77230163;");
	expect_hits("经电话联系（77230164）", "landline number:77230164;");
	expect_hits("于当晚致电77230165", "landline number:77230165;");
	expect_hits("电话：77230166 或 77230167。",
	    "landline number:77230166;landline number:77230167;");
	expect_hits("电话：7723 0168 / 7723 0169",
	    "landline number:7723 0168;landline number:7723 0169;");
	expect_hits("电话：77230170 77230171",
	    "landline number:77230170;landline number:77230171;");
	expect_hits("电话：77230172转6、77230173转7",
	    "landline number:77230172;landline number:77230173;");
	expect_hits("+86-27-7723 0174", "landline number:+86-27-7723 0174;");
	expect_hits("0086 27 7723 0175", "landline number:0086 27 7723 0175;");
	expect_hits("手机号为壹伍玖零零叁叁柒柒肆陆。",
	    "mobile number:壹伍玖零零叁叁柒柒肆陆;");
	expect_hits("手机连写155000011261550000112715500001128",
	    "mobile number:155000011261550000112715500001128;");
	/* Words after 电话 that make it no label: the number stays. */
	expect_hits("电话会议纪要第77230176号", "");
	expect_hits("经电话核实，其余额77230177", "");
	expect_hits("电话投诉共计7723017件", "");
	expect_hits("邮箱：liu.q小老鼠126.com。", "e-mail address:liu.q小老鼠126.com;");
	expect_hits("邮箱：liu.q【at】sina.com", "e-mail address:liu.q【at】sina.com;");
	expect_hits("邮箱：liu.q@sina·com", "e-mail address:liu.q@sina·com;");
	expect_hits("见第(a)款。", "");
	expect_hits("手机：159……0033……7746。",
	    "mobile number:159……0033……7746;");
	expect_hits("手机号：15900337747元", "mobile number:15900337747;");
	expect_hits("收入15900337748元", "");
	expect_hits("全年受理来电7723180件", "");
	expect_hits("热线为7723181名群众解决诉求", "");
	expect_hits("举报电话：12388、77231820元专项资金", "");
	expect_hits("流水号02012345678901234567890", "");
	expect_hits("版本2024@126", "");
	/* Addresses of mail in Chinese; the words before one stay. */
	expect_hits("请发邮件至岚山居士@qq.com处理",
	    "e-mail address:岚山居士@qq.com;");
	expect_hits("电子邮箱：秋水@xx政务.gov.cn，",
	    "e-mail address:秋水@xx政务.gov.cn;");
	expect_hits("lanshan@澄岚政务.中国。",
	    "e-mail address:lanshan@澄岚政务.中国;");
	expect_hits("王丽wangli@qq.com", "e-mail address:wangli@qq.com;");
	expect_hits("举报人以化名清风明月@163.com投诉",
	    "e-mail address:清风明月@163.com;");
	expect_hits("岚风@163（已注销）", "e-mail address:岚风@163;");
	expect_hits("wang@qq.com或lanshan@公司.中国",
	    "e-mail address:wang@qq.com;e-mail address:lanshan@公司.中国;");
	expect_hits("通知已转发@各乡镇。中国", "");
	expect_hits("邮箱：松间明月小老鼠163.com",
	    "e-mail address:松间明月小老鼠163.com;");
	expect_hits("在群里艾特了他。中国", "");
	expect_hits("详见@附件一.docx", "");
	/* 号码 alone labels a telephone, not after a document's name. */
	expect_hits("区号0999，号码77231830。",
	    "landline number:77231830;");
	expect_hits("发票号码77231831", "");
	/* A note in brackets before the word that joins a list. */
	expect_hits("宅电：7723 1832（白天）、7723 1833（晚上）",
	    "landline number:7723 1832;landline number:7723 1833;");
	/* A word that turns to the next number after a joiner; what is
	 * no telephone after it stays. */
	expect_hits("宅电7741 2093；现用7741 2094。",
	    "landline number:7741 2093;landline number:7741 2094;");
	expect_hits("电话为7741 2095，后改为：77412096。",
	    "landline number:7741 2095;landline number:77412096;");
	expect_hits("座机7741 2097，备用号码 7741 2098",
	    "landline number:7741 2097;landline number:7741 2098;");
	expect_hits("电话7741 2099，另有12345678件", "landline number:7741 2099;");
	/* The audit's broad reading: a local number right after a label,
	 * not a count or a serial; an address in Chinese. */
	expect_broad("其电话为6628 3391。", "landline number:6628 3391;");
	expect_broad("号码：7735-1146，", "landline number:7735-1146;");
	expect_broad("全年受理来电7723180件", "");
	expect_broad("发票号码77231831", "");
	/* After a withheld item in a label's clause, a word that turns to
	 * another number; not without the item, nor in another clause. */
	expect_broad("联系电话：■■■依法不予公开依据见本页说明第1条；现用6628 3392。",
	    "landline number:6628 3392;");
	expect_broad("宅电■■■（第2条），后改为：77412096",
	    "landline number:77412096;");
	expect_broad("已电话告知；另有20231201号文件", "");
	expect_broad("联系电话：■■■。另有7741 2093", "");
	expect_broad("经审查■■■；现为7741 2093", "");
	expect_broad("电话：1234567890123", "");
	expect_broad("请发邮件至碧波居士@qq.com",
	    "e-mail address:碧波居士@qq.com;");
	/* A landline with the country's code and no 0, whole. */
	expect_broad("另留电话+86 27 6415 2465。",
	    "landline number:86 27 6415 2465;");
	expect_broad("+86 571 8812 3456", "landline number:86 571 8812 3456;");
	expect_broad("+86 138 0013 8000", "mobile number:138 0013 8000;");
	expect_hits("邮箱87654321@qq，", "e-mail address:87654321@qq;");
	expect_hits("电话：+86 27 7723 0183，+86 27 7723 0184",
	    "landline number:+86 27 7723 0183;"
	    "landline number:+86 27 7723 0184;");
	expect_hits("其号码7723 0178（宅）", "landline number:7723 0178;");
	expect_hits("合计7723 0179（件）", "");
	expect_hits("手机159****7749、159****7750", "");
	expect_hits("邮箱：liu.q@126_com。", "e-mail address:liu.q@126_com;");
	expect_hits("邮箱：liu.q@126-com。", "e-mail address:liu.q@126-com;");
	expect_hits("邮箱：liu.q@@sina.com", "e-mail address:liu.q@@sina.com;");
	expect_hits("邮箱：liu.q@sina（已停用）", "e-mail address:liu.q@sina;");
	expect_hits("write to liu @sina now", "");
	expect_hits("wang@my-company.com", "e-mail address:wang@my-company.com;");
}

/* A code after the label of an account or of a document that names a
 * person (QQ号, 微信, 护照号, 通行证, 车牌号) is theirs; the label
 * with no code after it, or a word after it, is not. */
static void
test_detect_accounts(void **state)
{
	(void)state;
	expect_hits("QQ号 123456789，微信：wxid_ab12cd。",
	    "account or document number:123456789;"
	    "account or document number:wxid_ab12cd;");
	expect_hits("微信号tangjh_1986；微信 Liuyanhong；qq:20481632",
	    "account or document number:tangjh_1986;"
	    "account or document number:Liuyanhong;"
	    "account or document number:20481632;");
	expect_hits("QQ/微信：305728146；微信同号 zhaoyl_1983",
	    "account or document number:305728146;"
	    "account or document number:zhaoyl_1983;");
	expect_hits("护照号E12345678，港澳通行证为C87654321。",
	    "account or document number:E12345678;"
	    "account or document number:C87654321;");
	expect_hits("车牌号 浙A·12345；车牌：京N-D1234。",
	    "account or document number:浙A·12345;"
	    "account or document number:京N-D1234;");
	/* No code, a word, too short, run into a longer word. */
	expect_hits("关注微信公众号，微信联系，加入QQ群，不设账号、账号密码，"
	    "护照2本，车牌浙A，账号 6217 0000 1234 5678，登录wx.qq.com，"
	    "the wxyz 12345 code, aqq 123456789", "");
	expect_broad("QQ号 123456789", "account or document number:123456789;");
}

static void
test_detect_more_kinds(void **state)
{
	(void)state;
	assert_true(detect_id15("999906680315123"));
	assert_false(detect_id15("999906681315123"));	/* month 13 */
	expect_hits("老身份证号999906680315123。",
	    "identity number:999906680315123;");
	expect_hits("卡号9366123456789012343",
	    "bank card number:9366123456789012343;");
	expect_hits("座机099986123456", "landline number:099986123456;");
	expect_hits("电话 8612345，传真86123456",
	    "landline number:8612345;landline number:86123456;");
	expect_hits("邮箱 wang.jg[at]example.com 。",
	    "e-mail address:wang.jg[at]example.com;");
	expect_hits("邮箱wang.jg(at)example.com",
	    "e-mail address:wang.jg(at)example.com;");
	expect_hits("邮箱 wang.jg @ example.com 。",
	    "e-mail address:wang.jg @ example.com;");
	expect_hits("write to wang@example.com or call",
	    "e-mail address:wang@example.com;");
	/* An at written as # or as a word, dots as 。, as words, or with
	 * spaces around them. */
	expect_hits("邮箱 liu.yh#corp.example.cn 。",
	    "e-mail address:liu.yh#corp.example.cn;");
	expect_hits("邮箱liu.yh@corp。example。cn",
	    "e-mail address:liu.yh@corp。example。cn;");
	expect_hits("邮箱 liu.yh@ corp . example .cn 。",
	    "e-mail address:liu.yh@ corp . example .cn;");
	expect_hits("write to liu.yh at corp dot example dot cn now",
	    "e-mail address:liu.yh at corp dot example dot cn;");
	expect_hits("邮箱 liu.yh@corp dot cn 。",
	    "e-mail address:liu.yh@corp dot cn;");
	/* Dots in brackets, as ats are; the word "at" before a dot in
	 * Chinese text, where it is no English, in a common domain. */
	expect_hits("邮箱：liu.q{at}sina{dot}com",
	    "e-mail address:liu.q{at}sina{dot}com;");
	expect_hits("邮箱liu.q[at]sina[.]com.cn",
	    "e-mail address:liu.q[at]sina[.]com.cn;");
	expect_hits("邮箱liu.q【at】sina【dot】com。",
	    "e-mail address:liu.q【at】sina【dot】com;");
	expect_hits("邮箱 liu.q at 163.com。", "e-mail address:liu.q at 163.com;");
	expect_hits("邮箱：lmy1991 AT sina.com.cn，",
	    "e-mail address:lmy1991 AT sina.com.cn;");
	expect_hits("邮箱 liu.q at example.xyz。", "");	/* not common */
	expect_hits("Please look at example.org today", "");
	expect_hits("write to liu.yh at corp.example.cn now", "");
	expect_hits("代码 91999906 MA1B2C3D4G",
	    "social credit code:91999906 MA1B2C3D4G;");
	expect_hits("代码 9199-9906-MA1B-2C3D-4G",
	    "social credit code:9199-9906-MA1B-2C3D-4G;");
	/* An identity number's X before a Chinese word, or written as ×
	 * or the Cyrillic х; its first 17 characters alone, which give
	 * the last; never an x after another count of digits. */
	expect_hits("号码为99990619871102003X的",
	    "identity number:99990619871102003X;");
	expect_hits("号码99990619871102003×。",
	    "identity number:99990619871102003×;");
	expect_hits("号码99990619871102003\xd1\x85，",
	    "identity number:99990619871102003\xd1\x85;");
	expect_hits("号码为99990619871102003的",
	    "identity number:99990619871102003;");
	expect_hits("手机13700006020x的", "mobile number:13700006020;");
	expect_hits("手机13700006020x，", "mobile number:13700006020;");
	/* After the label of a telephone, each number of its list. */
	expect_hits("住宅电话：13700006021、7766 5544。",
	    "mobile number:13700006021;landline number:7766 5544;");
	expect_hits("宅电7766 5543", "landline number:7766 5543;");
	/* A 15-digit identity number, which has no check character, or a
	 * card of 16 gives way to a longer number that passes a check of its
	 * own across a list's separator; other numbers of a list stay items
	 * of their own. */
	expect_hits("手机：１００６８/５５７１１/２５４２０/０。",
	    "bank card number:１００６８/５５７１１/２５４２０/０;");
	expect_hits("手机：９９９９\n０６１９\n９６０２\n０８１０\n６X。",
	    "identity number:９９９９\n０６１９\n９６０２\n０８１０\n６X;");
	expect_hits("住宅电话：13700006024、7766 5545。",
	    "mobile number:13700006024;landline number:7766 5545;");
	/* Latin letters written for digits among digits: o for 0, l or i
	 * for 1; not in words, nor where letters outnumber digits. */
	expect_hits("手机：138OO138OO1。", "mobile number:138OO138OO1;");
	expect_hits("手机号l38 0013 8002", "mobile number:l38 0013 8002;");
	expect_hits("身份证号44O3O4198512310038",
	    "identity number:44O3O4198512310038;");
	expect_hits("Room 2O23, CO2, 1O1大楼, lol 13", "");
	expect_hits("型号XO13800138003", "mobile number:13800138003;");
	expect_hits("编码oo1oo1oo1oo", "");
	/* Words that join two numbers of the list as 或 does: 或者, 以及,
	 * or, and, a range's 至. */
	expect_hits("电话：77665550或者77665551",
	    "landline number:77665550;landline number:77665551;");
	expect_hits("电话：7766 5552以及7766 5553",
	    "landline number:7766 5552;landline number:7766 5553;");
	expect_hits("Tel: 77665554 or 77665555",
	    "landline number:77665554;landline number:77665555;");
	expect_hits("电话：77665556至77665558",
	    "landline number:77665556;landline number:77665558;");
	expect_hits("电话：77665559，工作时间9:00至17:00",
	    "landline number:77665559;");
	/* The country's code 86 in a group of its own, without + or 00,
	 * and an area code without its 0; such an area code after a
	 * telephone's label.  Never thousands or decimals. */
	expect_hits("请拨打86-571-77665544。", "landline number:86-571-77665544;");
	expect_hits("请拨打(86)10 7766 5545", "landline number:(86)10 7766 5545;");
	expect_hits("电话：571-77665546。", "landline number:571-77665546;");
	expect_hits("传真：(21)7766 5547", "landline number:(21)7766 5547;");
	expect_hits("金额86,571,776,655元", "");
	expect_hits("共计86.571 7766554", "");
	expect_hits("电话：12-77665548", "");		/* no area code */
	expect_hits("编号86-571-77665549-3", "");
	expect_hits("电话：137，0000，6022", "mobile number:137，0000，6022;");
	expect_hits("热线：7766554", "landline number:7766554;");
	/* A document's label after a word of a person's, across a bracket
	 * or a quote, keeps no number. */
	expect_hits("存到其银行卡（编号9366 1234 5678 9012 343）",
	    "bank card number:9366 1234 5678 9012 343;");
	expect_hits("其“一卡通”（编号：9366123456789012343）",
	    "bank card number:9366123456789012343;");
	expect_hits("存折编号9366123456789012343",
	    "bank card number:9366123456789012343;");
	/* An at and a dot said in Chinese; a dot left out or typed as a
	 * comma before a common domain. */
	expect_hits("邮箱lmy1988艾特163点com。",
	    "e-mail address:lmy1988艾特163点com;");
	expect_hits("邮箱lmy1989@163 com。", "e-mail address:lmy1989@163 com;");
	expect_hits("邮箱lmy1990@sina,cn，", "e-mail address:lmy1990@sina,cn;");
	expect_hits("at the @team meeting", "");
	expect_hits("see me@home tonight", "");
	expect_hits("请于3点com", "");
	/* And what fails its check, or is no address, stays. */
	expect_hits("卡号9558800012345678904", "");		/* Luhn */
	expect_hits("编号99990619871302003的", "");		/* month 13 */
	expect_hits("代码 92999908 MA5N6P7Q8D", "");		/* check */
	expect_hits("老身份证号999906681315123", "");		/* month 13 */
	expect_hits("邮箱 name[at]example 或 @someone", "");	/* no domain */
	expect_hits("look at example.org today", "");	/* English */
	expect_hits("见 index.html#ground-1 与 #main", "");	/* fragments */
	/* A # that is a number sign, a fragment or a selector; a dot that
	 * ends a sentence; the words at and dot in English. */
	expect_hits("Case #12. See the notes", "");
	expect_hits("Case#12.See the notes", "");
	expect_hits("见 issue#12.md 与 notes#3.py", "");
	expect_hits("<a href=\"/cases/index.html#top.section\">", "");
	expect_hits("<style>nav#menu.dropdown{color:red}</style>", "");
	expect_hits("wang@example.org. As noted, the fund",
	    "e-mail address:wang@example.org;");
	expect_hits("zhang@example.com. Mr.Li agreed",
	    "e-mail address:zhang@example.com;");
	expect_hits("See ticket #12. In 2023 the fund", "");
	expect_hits("Room #301. No one came", "");
	expect_hits("Thanks @john. In the morning", "");
	expect_hits("Lunch @ home. So good", "");
	expect_hits("见 index.html#part2.one 与 notes.md#intro.top", "");
	expect_hits("He stared at one dot on the map", "");
	expect_hits("reach me @home. Then call", "");
	expect_hits("look at the dot product", "");
	expect_hits("meet at this dot com tomorrow", "");
	expect_hits("stop at station dot product", "");
	/* Which leaves an address that ends a sentence, one with a space
	 * after a dot before a real domain, and # before a real one. */
	expect_hits("write to wang@example.com. Then call",
	    "e-mail address:wang@example.com;");
	expect_hits("write to wang@mail.example.cn. Then call",
	    "e-mail address:wang@mail.example.cn;");
	expect_hits("邮箱 wang@example. com 。",
	    "e-mail address:wang@example. com;");
	expect_hits("邮箱 zhao.yi#163.com 。", "e-mail address:zhao.yi#163.com;");
	expect_hits("邮箱：zhao.yi#163.com", "e-mail address:zhao.yi#163.com;");
	expect_hits("E-mail:zhao#corp.example.cn",
	    "e-mail address:zhao#corp.example.cn;");
	expect_hits("13800009615/zhao.yi#qq.com",
	    "mobile number:13800009615;e-mail address:zhao.yi#qq.com;");
	expect_hits("邮箱 zhaoyi # 163.com", "e-mail address:zhaoyi # 163.com;");
	expect_hits("邮箱 zhaoyi #163.com", "e-mail address:zhaoyi #163.com;");
	expect_hits("邮箱 zhaoyi#example.icu", "e-mail address:zhaoyi#example.icu;");
	expect_hits("write to zhao at example dot xin",
	    "e-mail address:zhao at example dot xin;");
	expect_hits("邮箱 zhao@mail. example.icu",
	    "e-mail address:zhao@mail. example.icu;");
	expect_hits("邮箱 zhao#example.pl", "e-mail address:zhao#example.pl;");
	expect_hits("邮箱 juan#empresa.com.py",
	    "e-mail address:juan#empresa.com.py;");
	expect_hits("邮箱 zhangsan at me dot com",
	    "e-mail address:zhangsan at me dot com;");
	expect_hits("邮箱 zhangsan at my dot com，电话",
	    "e-mail address:zhangsan at my dot com;");
	/* Every dot spaced, and a sentence after. */
	expect_hits("邮箱 wang@vip. 163. com 。",
	    "e-mail address:wang@vip. 163. com;");
	expect_hits("邮箱 li@mail. tsinghua. edu. cn",
	    "e-mail address:li@mail. tsinghua. edu. cn;");
	expect_hits("write to wang@example. com. Then call",
	    "e-mail address:wang@example. com;");
	expect_hits("邮箱zhao.yi#mail.example.org，电话",
	    "e-mail address:zhao.yi#mail.example.org;");
	expect_hits("write to zhao at mail dot example dot org now",
	    "e-mail address:zhao at mail dot example dot org;");
	/* A spaced dot after #, a bracketed at or a spaced @; # after the
	 * name of a page, before a common domain. */
	expect_hits("邮箱 zhao#163. com 。", "e-mail address:zhao#163. com;");
	expect_hits("邮箱 liu.yh#sina. cn", "e-mail address:liu.yh#sina. cn;");
	expect_hits("邮箱 wang (at) 163. com",
	    "e-mail address:wang (at) 163. com;");
	expect_hits("邮箱 chen[at]qq. com", "e-mail address:chen[at]qq. com;");
	expect_hits("邮箱 sun {at} 126. net", "e-mail address:sun {at} 126. net;");
	expect_hits("邮箱 wang @163. com", "e-mail address:wang @163. com;");
	expect_hits("邮箱 zhou @ yeah. net ，",
	    "e-mail address:zhou @ yeah. net;");
	expect_hits("邮箱 li.md#example.com", "e-mail address:li.md#example.com;");
	expect_hits("邮箱 wang.pdf#qq.com 。", "e-mail address:wang.pdf#qq.com;");
	expect_hits("见 report.txt#gov.cn", "e-mail address:report.txt#gov.cn;");
	expect_hits("Room #12. Me and him", "");
	expect_hits("Thanks @anna. Be there", "");
	expect_hits("见 page.html#intro.dev 与 notes.md#a.io", "");
	expect_hits("电话 86123", "");				/* too short */
}

static void
test_detect_stays(void **state)
{
	(void)state;
	expect_hits("涉及资金16000000000元。", "");
	expect_hits("合同编号6228480012345678903。", "");
	expect_hits("订单号13800138000", "");
	expect_hits("金额1,280,000.50元，增长38.6%。", "");
	expect_hits("实施期间2024.03.02-2024.05.10，共12388件。", "");
	expect_hits("时间2024-03-02 09:30:15", "");
	expect_hits("举报电话12388", "");
	/* A label does not cover a person's number or the next one. */
	expect_hits("身份证编号999906196803151235",
	    "identity number:999906196803151235;");
	expect_hits("订单号13800138000，本人手机13900002001",
	    "mobile number:13900002001;");
	expect_hits("电话13900002001.金额38.6万元",
	    "mobile number:13900002001;");
}

/* Is v 1, 2 or 5 times a power of ten? */
static int
round_number(size_t v)
{
	while (v >= 10 && v % 10 == 0)
		v /= 10;
	return v == 1 || v == 2 || v == 5;
}

/* The ticks of an axis, for the given maximum: round, covering it, at
 * most five, and no coarser than they need be. */
static void
expect_ticks(size_t max)
{
	size_t	 n, step;

	step = 0;
	n = stats_ticks(max, &step);
	if (!round_number(step) || n < 1 || n > 4 || n * step < max ||
	    (max > 0 && (n - 1) * step >= max))
		fail_msg("max %zu: %zu steps of %zu", max, n, step);
	/* A finer round step would need more than four steps. */
	if (step > 1) {
		size_t finer = round_number(step / 2) && step % 2 == 0 ?
		    step / 2 : step * 2 / 5;

		if (max / finer + (max % finer != 0) <= 4)
			fail_msg("max %zu: step %zu, yet %zu would do", max,
			    step, finer);
	}
}

/* C(n, k) exactly, for n small enough (n <= 60 fits). */
static uint64_t
choose(unsigned n, unsigned k)
{
	uint64_t	 r = 1;
	unsigned	 i;

	if (k > n)
		return 0;
	for (i = 1; i <= k; i++)
		r = r * (n - k + i) / i;
	return r;
}

/*
 * Fisher's exact test against its definition in exact integers: every
 * table of the same margins whose probability (numerator over the same
 * C(n, n1)) is at most the one seen adds its own.
 */
static void
test_oversight_fisher(void **state)
{
	unsigned	 a, b, c, d, x, n1, k, n;
	uint64_t	 obs, sum, v;
	double		 want, got;

	(void)state;
	assert_true(fabs(oversight_fisher(3, 1, 1, 3) - 34.0 / 70) < 1e-12);
	assert_true(fabs(oversight_fisher(1, 9, 11, 3) - 0.002759456) < 1e-9);
	assert_true(oversight_fisher(0, 0, 4, 5) == 1);
	assert_true(oversight_fisher(3, 0, 5, 0) == 1);
	for (a = 0; a <= 14; a++)
		for (b = 0; b <= 14; b++)
			for (c = 0; c <= 14; c++)
				for (d = 0; d <= 14; d++) {
					n1 = a + b;
					k = a + c;
					n = a + b + c + d;
					if (n1 == 0 || n1 == n || k == 0 ||
					    k == n)
						continue;
					obs = choose(k, a) * choose(n - k, b);
					for (sum = 0, x = 0; x <= k && x <= n1;
					    x++) {
						if (n1 - x > n - k)
							continue;
						v = choose(k, x) *
						    choose(n - k, n1 - x);
						if (v <= obs)
							sum += v;
					}
					want = (double)sum /
					    (double)choose(n, n1);
					got = oversight_fisher(a, b, c, d);
					if (fabs(got - want) > 1e-9 * want) {
						fprintf(stderr, "%u %u %u %u: "
						    "%.12g, want %.12g\n", a, b,
						    c, d, got, want);
						fail();
					}
				}
}

static void
test_oversight_holm(void **state)
{
	const double	 p[] = { 0.01, 0.04, 0.03, 0.005 };
	const double	 want[] = { 0.03, 0.06, 0.06, 0.02 };
	const double	 big[] = { 0.5, 0.02, 0.9 };
	double		 adj[4];
	size_t		 i;

	(void)state;
	oversight_holm(p, adj, 4);
	for (i = 0; i < 4; i++)
		assert_true(fabs(adj[i] - want[i]) < 1e-12);
	/* Capped at 1, never below a smaller p's. */
	oversight_holm(big, adj, 3);
	assert_true(fabs(adj[1] - 0.06) < 1e-12);
	assert_true(adj[0] == 1 && adj[2] == 1);
	oversight_holm(NULL, adj, 0);
}

static void
test_stats_ticks(void **state)
{
	size_t	 n, step, max, p;

	(void)state;
	n = stats_ticks(11, &step);
	assert_int_equal(step, 5);
	assert_int_equal(n, 3);			/* 0, 5, 10, 15 */
	n = stats_ticks(3, &step);
	assert_int_equal(step, 1);
	assert_int_equal(n, 3);			/* 0, 1, 2, 3 */
	n = stats_ticks(0, &step);
	assert_int_equal(step, 1);
	assert_int_equal(n, 1);			/* 0, 1 */
	n = stats_ticks(34, &step);
	assert_int_equal(step, 10);
	assert_int_equal(n, 4);			/* 0, 10, 20, 30, 40 */
	n = stats_ticks(8, &step);
	assert_int_equal(step, 2);
	assert_int_equal(n, 4);			/* 0, 2, 4, 6, 8 */
	n = stats_ticks(101, &step);
	assert_int_equal(step, 50);
	assert_int_equal(n, 3);			/* 0, 50, 100, 150 */
	for (max = 0; max <= 20000; max++)
		expect_ticks(max);
	/* Around every round number up to the largest maximum taken. */
	for (p = 1; p <= SIZE_MAX / 20; p *= 10) {
		expect_ticks(p - 1);
		expect_ticks(p);
		expect_ticks(p + 1);
		expect_ticks(2 * p + 1);
		expect_ticks(4 * p + 1);
		expect_ticks(5 * p - 1);
		expect_ticks(8 * p + 1);
		expect_ticks(9 * p);
	}
	expect_ticks(SIZE_MAX / 2);
	/* Beyond, the axis still ends on a round number, without overflow. */
	n = stats_ticks(SIZE_MAX, &step);
	assert_true(round_number(step) && n >= 1 && n <= 4 &&
	    n * step >= SIZE_MAX / 2 && n * step / n == step);
}

/* The portal's Markdown: pipe tables, two-tilde strikethrough, no HTML. */
static void
test_markdown_gfm(void **state)
{
	static const char md[] =
	    "| 甲 | 乙 |\n| :-- | --: |\n| <b>1</b> | ~~2~~ |\n\n"
	    "工期3~5个月，~~作废~~。\n";
	cmark_node	*doc, *n;
	cmark_iter	*it;
	char		*html;
	int		 cells = 0, paras = 0;

	(void)state;
	doc = md_parse(md, strlen(md));
	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER)
			continue;
		if (md_iscell(n)) {
			cells++;
			assert_int_equal(cmark_node_get_start_line(n),
			    cells <= 2 ? 1 : 3);
		}
		if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) {
			paras++;
			assert_false(md_iscell(n));
		}
	}
	cmark_iter_free(it);
	assert_int_equal(cells, 4);
	assert_int_equal(paras, 1);
	html = md_html(doc);
	assert_string_equal(html,
	    "<table>\n<thead>\n<tr>\n<th align=\"left\">甲</th>\n"
	    "<th align=\"right\">乙</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
	    "<td align=\"left\"><!-- raw HTML omitted -->1"
	    "<!-- raw HTML omitted --></td>\n"
	    "<td align=\"right\"><del>2</del></td>\n</tr>\n</tbody>\n"
	    "</table>\n<p>工期3~5个月，<del>作废</del>。</p>\n");
	free(html);
	cmark_node_free(doc);
}

/* The sample policy and one sample record of it, read and derived. */
static struct record *
sample(struct policy **pol)
{
	struct record	*r;
	char		*text;
	size_t		 len;
	int		 ok;

	text = readfile("content/policy.yaml", 1 << 20, &len);
	assert_non_null(text);
	*pol = policy_parse("content/policy.yaml", text, len);
	free(text);
	assert_non_null(*pol);
	text = readfile("content/cases/2022/CL-2022-001.md", 1 << 20, &len);
	assert_non_null(text);
	r = record_parse("content/cases/2022/CL-2022-001.md", text, len, &ok);
	free(text);
	assert_true(ok);
	record_derive(r);
	return r;
}

/*
 * A record as redacted goes into the build cache and comes back the
 * same: its public form, its body as HTML, its counts and digest, and
 * its log with every original value; and no shorter entry reads.
 */
static void
test_redacted_roundtrip(void **state)
{
	struct policy	*pol;
	struct record	*r, *pub, *back;
	struct redopts	 ro;
	struct redlog	 log, log2;
	struct buf	 b, b2;
	size_t		 i, k;

	(void)state;
	r = sample(&pol);
	memset(&ro, 0, sizeof(ro));
	memset(&log, 0, sizeof(log));
	pub = redact_record(r, pol, AUD_PUBLIC, &ro, &log);
	assert_true(log.n > 3 && pub->html != NULL && pub->digest != NULL);
	memset(&b, 0, sizeof(b));
	memset(&b2, 0, sizeof(b2));
	redacted_pack(pub, &log, pol->ngrounds, 0, &b);
	assert_true(redacted_unpack(b.p, b.len, pol->ngrounds, &back, &log2));
	assert_string_equal(back->html, pub->html);
	assert_string_equal(back->lead, pub->lead);
	assert_string_equal(back->digest, pub->digest);
	assert_string_equal(back->path, pub->path);
	assert_int_equal(back->nwithheld, pub->nwithheld);
	for (i = 0; i < pol->ngrounds; i++) {
		assert_int_equal(back->withheld[i], pub->withheld[i]);
		for (k = 0; k < CARD__MAX; k++)
			assert_int_equal(back->oncard[k][i], pub->oncard[k][i]);
	}
	assert_int_equal(back->nwitnesses, pub->nwitnesses);
	assert_int_equal(back->subject.address.st, pub->subject.address.st);
	assert_int_equal(back->subject.address.op, pub->subject.address.op);
	assert_int_equal(back->st, pub->st);
	assert_int_equal(back->oc, pub->oc);
	assert_int_equal(log2.n, log.n);
	assert_int_equal(log2.nkept, log.nkept);
	for (i = 0; i < log.n; i++) {
		assert_string_equal(log2.v[i].original, log.v[i].original);
		assert_string_equal(log2.v[i].where, log.v[i].where);
		assert_string_equal(log2.v[i].id, log.v[i].id);
		assert_int_equal(log2.v[i].line, log.v[i].line);
		assert_int_equal(log2.v[i].ground, log.v[i].ground);
	}
	redacted_pack(back, &log2, pol->ngrounds, 0, &b2);
	assert_int_equal(b2.len, b.len);
	assert_memory_equal(b2.p, b.p, b.len);
	record_free(back);
	redlog_free(&log2);
	/* Cut short anywhere, an entry does not read. */
	for (i = 0; i < b.len; i++) {
		assert_false(redacted_unpack(b.p, i, pol->ngrounds, &back,
		    &log2));
		assert_null(back);
	}
	/* Nor with fewer grounds than its items name. */
	assert_false(redacted_unpack(b.p, b.len, 1, &back, &log2));
	/* With the body's texts aside, an empty one stands for each: the
	 * rest comes back the same, and the entry is shorter by them. */
	b2.len = 0;
	redacted_pack(pub, &log, pol->ngrounds, 1, &b2);
	assert_int_equal(b2.len + strlen(pub->html), b.len);
	assert_true(redacted_unpack(b2.p, b2.len, pol->ngrounds, &back,
	    &log2));
	assert_string_equal(back->html, "");
	assert_string_equal(back->lead, pub->lead);
	assert_string_equal(back->digest, pub->digest);
	assert_int_equal(log2.n, log.n);
	record_free(back);
	redlog_free(&log2);
	b2.len = 0;
	record_pack(r, 0, 1, &b2);
	back = record_unpack(b2.p, b2.len, 0);
	assert_non_null(back);
	assert_string_equal(back->body.s, "");
	assert_string_equal(back->title.s, r->title.s);
	record_free(back);
	buf_free(&b);
	buf_free(&b2);
	record_free(pub);
	redlog_free(&log);
	record_free(r);
	policy_free(pol);
}

/*
 * A record put in one block keeps every value, list and count, whether
 * raw (its body apart) or public, compacted once or again; a copy of it
 * owns its own values, and both free cleanly (the sanitizers watch).
 */
static void
test_record_compact(void **state)
{
	struct policy	*pol;
	struct record	*r, *pub, *dup;
	struct redopts	 ro;
	struct redlog	 log;
	struct buf	 b, b2;
	char		*body;
	size_t		 pass;

	(void)state;
	r = sample(&pol);
	assert_true(r->nwitnesses > 0 && r->nsteps > 0);
	memset(&b, 0, sizeof(b));
	memset(&b2, 0, sizeof(b2));
	record_pack(r, 0, 0, &b);
	body = r->body.s;
	for (pass = 0; pass < 2; pass++) {
		record_compact(r, 0);
		assert_non_null(r->block);
		assert_ptr_equal(r->body.s, body);	/* apart */
		assert_true(r->steps[0].step.s >= r->block &&
		    r->steps[0].step.s < r->block + r->blocklen);
		b2.len = 0;
		record_pack(r, 0, 0, &b2);
		assert_int_equal(b2.len, b.len);
		assert_memory_equal(b2.p, b.p, b.len);
	}
	memset(&ro, 0, sizeof(ro));
	memset(&log, 0, sizeof(log));
	pub = redact_record(r, pol, AUD_PUBLIC, &ro, &log);
	assert_non_null(pub->withheld);
	b.len = 0;
	redacted_pack(pub, &log, pol->ngrounds, 0, &b);
	record_compact(pub, pol->ngrounds);
	assert_true((char *)pub->withheld >= pub->block &&
	    (char *)pub->oncard[CARD_EXCERPT] < pub->block + pub->blocklen);
	assert_true(pub->digest >= pub->block &&
	    pub->digest < pub->block + pub->blocklen);
	b2.len = 0;
	redacted_pack(pub, &log, pol->ngrounds, 0, &b2);
	assert_int_equal(b2.len, b.len);
	assert_memory_equal(b2.p, b.p, b.len);
	dup = record_dup(pub);
	assert_null(dup->block);
	assert_string_equal(dup->title.s, pub->title.s);
	assert_true(dup->title.s != pub->title.s);
	record_free(pub);
	record_free(dup);
	buf_free(&b);
	buf_free(&b2);
	redlog_free(&log);
	record_free(r);
	policy_free(pol);
}

/* pool_sort: a stable sort, the same for any number of jobs. */
struct sortel {
	unsigned	 key;
	unsigned	 seq;
};

static int
sortelcmp(const void *a, const void *b)
{
	const struct sortel *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static void
test_pool_sort(void **state)
{
	const size_t	 sizes[] = { 0, 1, 5, 8191, 8192, 20001, 100003 };
	struct sortel	*v, *w;
	struct pool	*p;
	size_t		 i, s, n;
	unsigned	 x = 12345;
	int		 jobs;

	(void)state;
	/* No pool (0), then pools of one to four jobs. */
	for (jobs = 0; jobs <= 4; jobs++) {
		p = jobs > 0 ? pool_new(jobs) : NULL;
		for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			n = sizes[s];
			v = calloc(n + 1, sizeof(*v));
			w = calloc(n + 1, sizeof(*w));
			assert_non_null(v);
			assert_non_null(w);
			for (i = 0; i < n; i++) {
				x = x * 1103515245u + 12345u;
				/* few keys: many equal elements */
				v[i].key = (x >> 16) % 97;
				v[i].seq = (unsigned)i;
			}
			memcpy(w, v, n * sizeof(*v));
			pool_sort(p, v, n, sizeof(*v), sortelcmp);
			for (i = 1; i < n; i++) {
				assert_true(v[i - 1].key <= v[i].key);
				/* equal keys keep the order they had */
				if (v[i - 1].key == v[i].key)
					assert_true(v[i - 1].seq < v[i].seq);
			}
			/* every element once */
			for (i = 0; i < n; i++)
				assert_int_equal(w[v[i].seq].key, v[i].key);
			free(v);
			free(w);
		}
		pool_free(p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_sort),
		cmocka_unit_test(test_names_pinyin),
		cmocka_unit_test(test_fold_latinskip),
		cmocka_unit_test(test_frontmatter_good),
		cmocka_unit_test(test_record_compact),
		cmocka_unit_test(test_frontmatter_crlf_bom),
		cmocka_unit_test(test_frontmatter_unclosed),
		cmocka_unit_test(test_frontmatter_missing),
		cmocka_unit_test(test_frontmatter_yaml_error),
		cmocka_unit_test(test_frontmatter_yaml_where),
		cmocka_unit_test(test_frontmatter_alias_refused),
		cmocka_unit_test(test_frontmatter_duplicate_key),
		cmocka_unit_test(test_frontmatter_unknown_key),
		cmocka_unit_test(test_frontmatter_bad_utf8),
		cmocka_unit_test(test_frontmatter_deep_nesting),
		cmocka_unit_test(test_validate_good),
		cmocka_unit_test(test_validate_outcome),
		cmocka_unit_test(test_validate_status),
		cmocka_unit_test(test_validate_missing),
		cmocka_unit_test(test_validate_id),
		cmocka_unit_test(test_validate_filed),
		cmocka_unit_test(test_validate_placeholder),
		cmocka_unit_test(test_validate_dates),
		cmocka_unit_test(test_validate_unit),
		cmocka_unit_test(test_validate_boolean),
		cmocka_unit_test(test_validate_type),
		cmocka_unit_test(test_validate_all_reported),
		cmocka_unit_test(test_validate_unique),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_ids_and_slugs),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_pseudonym_surnames),
		cmocka_unit_test(test_mask_generalize),
		cmocka_unit_test(test_policy_good),
		cmocka_unit_test(test_policy_errors),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_detect_id),
		cmocka_unit_test(test_detect_mobile),
		cmocka_unit_test(test_detect_landline),
		cmocka_unit_test(test_detect_email),
		cmocka_unit_test(test_detect_bankcard),
		cmocka_unit_test(test_detect_credit_code),
		cmocka_unit_test(test_detect_keeps_numbers),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_fold_mixed),
		cmocka_unit_test(test_fold_joinrun),
		cmocka_unit_test(test_audit_kept),
		cmocka_unit_test(test_automaton),
		cmocka_unit_test(test_detect_lists),
		cmocka_unit_test(test_detect_separators),
		cmocka_unit_test(test_detect_more_kinds),
		cmocka_unit_test(test_detect_accounts),
		cmocka_unit_test(test_detect_joined),
		cmocka_unit_test(test_detect_phone_words),
		cmocka_unit_test(test_detect_stays),
		cmocka_unit_test(test_stats_ticks),
		cmocka_unit_test(test_oversight_fisher),
		cmocka_unit_test(test_oversight_holm),
		cmocka_unit_test(test_markdown_gfm),
		cmocka_unit_test(test_redacted_roundtrip),
		cmocka_unit_test(test_given_titled),
		cmocka_unit_test(test_given_officed),
	};

	fold_init();

	return cmocka_run_group_tests(tests, NULL, NULL);
}
