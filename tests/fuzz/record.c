/*
 * Fuzz target: a whole record file through parsing, validation,
 * redaction for both audiences and the digest.  It must never crash,
 * hang, leak memory or read out of bounds, whatever the bytes.
 */
#include <cmark-gfm.h>

#include "common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*cfg;
	struct policy	*pol;
	struct record	*r, *pub;
	struct redopts	 ro;
	struct redlog	 log;
	const char	*allow[1] = { "jubao@example.gov.cn" };
	char		*html;
	int		 ok, a;
	struct record	*one[1];
	static struct pool *pool;

	if (size > RECORD_MAX)
		return 0;
	fuzz_setup(&cfg, &pol);
	if (pool == NULL)
		pool = pool_new(1);
	r = record_parse("cases/2024/X-2024-001.md", (const char *)data, size,
	    &ok);
	record_derive(r);
	if (ok)
		ok = validate_record(r, cfg);
	one[0] = r;
	if (ok)
		ok = validate_people(one, 1, pol, cfg, NULL, NULL, pool);
	if (ok) {
		memset(&ro, 0, sizeof(ro));
		ro.allow = allow;
		ro.nallow = 1;
		ro.lint = 1;
		for (a = 0; a < AUD__MAX; a++) {
			memset(&log, 0, sizeof(log));
			pub = redact_record(r, pol, (enum audience)a, &ro,
			    &log);
			if (pub->doc != NULL) {
				html = md_html(pub->doc);
				free(html);
			}
			record_free(pub);
			redlog_free(&log);
		}
	}
	record_free(r);
	fuzz_quiet();
	return 0;
}
