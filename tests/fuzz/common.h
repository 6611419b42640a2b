/*
 * Shared by the fuzz targets: a fixed portal configuration and policy,
 * built once, and a theme-free redaction setup.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char fuzz_site[] =
    "title: T\npublisher: P\nbase_url: https://example.gov.cn/\n"
    "tag_date: \"2022\"\ncontact: {email: jubao@example.gov.cn}\n"
    "units: [{name: 某局, slug: mouju}]\n"
    "categories: [{name: 改革创新, slug: gaige}]\n";

static const char fuzz_policy[] =
    "grounds:\n  privacy: 第十五条\n"
    "fields:\n"
    "  id: keep\n  title: keep\n  status: keep\n  unit: keep\n"
    "  category: keep\n  summary: keep\n  outcome: keep\n"
    "  subject.name: {public: {op: pseudonym, ground: privacy}, "
    "internal: keep}\n"
    "  subject.position: keep\n"
    "  subject.phone: {public: {op: withhold, ground: privacy}, "
    "internal: {op: mask, first: 3, last: 4, ground: privacy}}\n"
    "  subject.id_number: {op: withhold, ground: privacy}\n"
    "  witnesses[].name: {op: pseudonym, ground: privacy}\n"
    "  factors.degree: keep\n  factors.motive: keep\n"
    "  factors.conditions: keep\n  factors.procedure: keep\n"
    "  factors.policy: keep\n  factors.consequence: keep\n"
    "  procedure[].step: keep\n  procedure[].date: keep\n"
    "  procedure[].note: keep\n  decided: {op: generalize, to: month, "
    "ground: privacy}\n  published: keep\n  revisions[].date: keep\n"
    "  revisions[].note: keep\n  body: keep\n"
    "  marks: {public: {op: withhold, ground: privacy}, internal: keep}\n"
    "  detected: {public: {op: withhold, ground: privacy}, "
    "internal: {op: mask, first: 3, last: 4, ground: privacy}}\n";

static inline void
fuzz_setup(struct config **cfg, struct policy **pol)
{
	static struct config	*c;
	static struct policy	*p;

	if (c == NULL) {
		fold_init();
		c = config_parse("site.yaml", fuzz_site, strlen(fuzz_site));
		p = policy_parse("policy.yaml", fuzz_policy,
		    strlen(fuzz_policy));
		if (c == NULL || p == NULL) {
			diag_flush(stderr);
			abort();
		}
	}
	*cfg = c;
	*pol = p;
}

/* Discard the diagnostics of an input (they are expected). */
static inline void
fuzz_quiet(void)
{
	FILE	*f = fopen("/dev/null", "w");

	if (f != NULL) {
		diag_flush(f);
		fclose(f);
	}
}
