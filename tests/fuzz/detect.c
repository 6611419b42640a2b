/* Fuzz target: the detectors and the reader's view of text. */
#include "common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hits	 h;
	uint32_t	*cp;
	size_t		*off, n, i;

	n = text_decode_view((const char *)data, size, &cp, &off);
	detect_scan(cp, n, &h);
	for (i = 0; i < h.n; i++)
		if (h.v[i].start >= h.v[i].end || h.v[i].end > n ||
		    (i > 0 && h.v[i].start < h.v[i - 1].end))
			abort();
	free(h.v);
	free(cp);
	free(off);
	return 0;
}
