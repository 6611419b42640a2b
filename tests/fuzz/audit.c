/*
 * Fuzz target: the audit's readers (its markup reader for HTML and XML,
 * its JSON and CSV scanners, and every decoder) on any bytes, as a
 * file of the kind the first byte chooses.  It must never crash.
 */
#include <unistd.h>

#include "common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const kinds[] = { "x.html", "x.xml", "x.json",
	    "x.csv", "x.txt" };
	static char	 dir[] = "/tmp/disclose-fuzz-audit-XXXXXX";
	static int	 made;
	static struct pool *pool;
	static struct redlog log;
	static struct redaction r[2];
	static struct protect prot;
	const char	*ids[1] = { "X-2024-001" };
	const char	*allow[1] = { "jubao@example.gov.cn" };
	struct redopts	 ro;
	struct auditin	 in;
	struct audit	*a;
	char		*path;

	if (size < 1 || size > 65536)
		return 0;
	if (!made) {
		fold_init();
		if (mkdtemp(dir) == NULL)
			abort();
		pool = pool_new(1);
		made = 1;
		r[0].id = "X-2024-001";
		r[0].where = "subject.name";
		r[0].original = "王建国";
		r[1].id = "X-2024-001";
		r[1].where = "subject.phone";
		r[1].original = "13812345678";
		log.v = r;
		log.n = 2;
	}
	path = xasprintf("%s/%s", dir, kinds[data[0] % 5]);
	if (!writefile(dir, kinds[data[0] % 5], (const char *)data + 1,
	    size - 1))
		abort();
	memset(&ro, 0, sizeof(ro));
	ro.allow = allow;
	ro.nallow = 1;
	memset(&in, 0, sizeof(in));
	in.log = &log;
	in.prot = &prot;
	in.ro = &ro;
	in.ids = ids;
	in.nids = 1;
	in.detect = 1;
	a = audit_new(&in);
	audit_dir(a, dir, "site", pool);
	audit_free(a);
	unlink(path);
	free(path);
	fuzz_quiet();
	return 0;
}
