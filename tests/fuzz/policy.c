/* Fuzz target: a policy file, and site.yaml, through their parsers. */
#include "common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy	*pol;
	struct config	*cfg;

	if (size > RECORD_MAX)
		return 0;
	pol = policy_parse("policy.yaml", (const char *)data, size);
	policy_free(pol);
	cfg = config_parse("site.yaml", (const char *)data, size);
	config_free(cfg);
	fuzz_quiet();
	return 0;
}
