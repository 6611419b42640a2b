/*
 * Fuzz target: an entry of the build cache's redacted records (a public
 * record and its log, as redacted_pack writes them), read back.  The
 * digest that guards an entry is left out: whatever bytes pass it must
 * never crash, hang, leak memory or read out of bounds, and what reads
 * must pack again to an entry that reads the same.
 */
#include "common.h"

#define NGROUNDS	16	/* more than the seeds' policy has */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct record	*pub, *again;
	struct redlog	 log, log2;
	struct buf	 b, b2;

	if (!redacted_unpack((const char *)data, size, NGROUNDS, &pub, &log))
		return 0;
	memset(&b, 0, sizeof(b));
	memset(&b2, 0, sizeof(b2));
	redacted_pack(pub, &log, NGROUNDS, &b);
	if (!redacted_unpack(b.p, b.len, NGROUNDS, &again, &log2))
		abort();
	redacted_pack(again, &log2, NGROUNDS, &b2);
	if (b.len != b2.len || memcmp(b.p, b2.p, b.len) != 0)
		abort();
	buf_free(&b);
	buf_free(&b2);
	record_free(again);
	redlog_free(&log2);
	record_free(pub);
	redlog_free(&log);
	return 0;
}
