/*
 * Fuzz target: a body of any Markdown under a record whose subject,
 * phone and identity number are confidential.  Besides not crashing,
 * the property that matters: none of these values reaches the rendered
 * body or the text of the kept fields, however the body is written.
 */
#include <cmark-gfm.h>

#include "common.h"

static const char head[] =
    "---\nid: X-2024-001\ntitle: 王建国案\nstatus: closed\nunit: 某局\n"
    "category: 改革创新\nsummary: 王建国的电话13812345678\n"
    "subject:\n  name: 王建国\n  phone: \"13812345678\"\n"
    "  id_number: \"11010519491231002X\"\n  position: 局长\n"
    "witnesses:\n  - name: 王丽\noutcome: exempted\n"
    "factors: {degree: a, motive: b, conditions: c, procedure: d, "
    "policy: e, consequence: f}\n"
    "procedure:\n  - {step: 申请, date: 2024-03-02}\n"
    "decided: 2024-05-10\npublished: 2024-06-01\n---\n";

static const char *const secrets[] = {
	"王建国", "13812345678", "11010519491231002X", "王丽", NULL
};

static void
noleak(const char *where, const char *text)
{
	size_t	 i;

	for (i = 0; secrets[i] != NULL; i++)
		if (text != NULL && strstr(text, secrets[i]) != NULL) {
			fprintf(stderr, "leak of %s in %s:\n%s\n", secrets[i],
			    where, text);
			abort();
		}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*cfg;
	struct policy	*pol;
	struct record	*r, *pub;
	struct redopts	 ro;
	struct buf	 b;
	char		*html;
	int		 ok;

	if (size > 65536)
		return 0;
	fuzz_setup(&cfg, &pol);
	memset(&b, 0, sizeof(b));
	buf_puts(&b, head);
	buf_put(&b, (const char *)data, size);
	r = record_parse("cases/2024/X-2024-001.md", b.p, b.len, &ok);
	record_derive(r);
	if (ok && validate_record(r, cfg)) {
		memset(&ro, 0, sizeof(ro));
		pub = redact_record(r, pol, AUD_PUBLIC, &ro, NULL);
		{
			noleak("title", pub->title.s);
			noleak("summary", pub->summary.s);
			if (pub->doc != NULL) {
				html = md_html(pub->doc);
				noleak("body", html);
				free(html);
			}
		}
		record_free(pub);
	}
	record_free(r);
	buf_free(&b);
	fuzz_quiet();
	return 0;
}
