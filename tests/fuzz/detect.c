/* Fuzz target: the detectors, the broad number finder and the fold. */
#include "common.h"

static void
check(const struct hits *h, size_t n, int ordered)
{
	size_t	 i;

	for (i = 0; i < h->n; i++)
		if (h->v[i].start >= h->v[i].end || h->v[i].end > n ||
		    h->v[i].norm == NULL || (ordered && i > 0 &&
		    h->v[i].keep == KEEP_NO && h->v[i - 1].keep == KEEP_NO &&
		    h->v[i].start < h->v[i - 1].end))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ftext	 t;
	struct hits	 h;
	size_t		 i;

	fold_init();
	memset(&t, 0, sizeof(t));
	ftext_fold(&t, (const char *)data, size, FOLD_DECODE);
	for (i = 0; i < t.n; i++)
		if (t.from[i] >= t.to[i] || t.to[i] > size)
			abort();
	detect_scan(&t, &h);
	check(&h, t.n, 1);
	hits_free(&h);
	detect_broad(&t, &h, NULL);
	check(&h, t.n, 0);
	hits_free(&h);
	ftext_free(&t);
	return 0;
}
