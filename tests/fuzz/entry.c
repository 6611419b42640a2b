/*
 * Fuzz target: an entry of the build cache's redacted records (a public
 * record and its log, as redacted_pack writes them), read back.  The
 * digest that guards an entry is left out: whatever bytes pass it must
 * never crash, hang, leak memory or read out of bounds, and what reads
 * must pack again to an entry that reads the same, and read with its
 * body's texts put aside too.
 */
#include "common.h"

#define NGROUNDS	16	/* more than the seeds' policy has */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct record	*pub, *again;
	struct redlog	 log, log2;
	struct buf	 b, b2;
	struct record	*apart;
	struct redlog	 log3;

	if (!redacted_unpack((const char *)data, size, NGROUNDS, &pub, &log))
		return 0;
	memset(&b, 0, sizeof(b));
	memset(&b2, 0, sizeof(b2));
	redacted_pack(pub, &log, NGROUNDS, 0, &b);
	if (!redacted_unpack(b.p, b.len, NGROUNDS, &again, &log2))
		abort();
	redacted_pack(again, &log2, NGROUNDS, 0, &b2);
	if (b.len != b2.len || memcmp(b.p, b2.p, b.len) != 0)
		abort();
	b2.len = 0;
	redacted_pack(pub, &log, NGROUNDS, 1, &b2);
	if (!redacted_unpack(b2.p, b2.len, NGROUNDS, &apart, &log3) ||
	    (pub->html != NULL && (apart->html == NULL || *apart->html)))
		abort();
	record_free(apart);
	redlog_free(&log3);
	buf_free(&b);
	buf_free(&b2);
	record_free(again);
	redlog_free(&log2);
	record_free(pub);
	redlog_free(&log);
	return 0;
}
